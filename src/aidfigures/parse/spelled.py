"""Amounts written in words, or words and digits mixed: a small grammar over per-language number words."""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal
from functools import lru_cache

from ..errors import ParseError
from ..lang import read_vocab
from .currencies import (
    exact,
    marker_before,
    markers,
    per,
    prefix_row,
    qualifier,
    resolve_currency,
    suffix_exponent,
    suffix_family,
    suffix_iso,
    weak_marker,
)
from .mention import Money
from .numbers import parse_number
from .regex_cache import compile_cached
from .trie import trie_pattern
from .vocab import alt
from .word_anchors import anchors, number_words, scale_words, word_alt

__all__ = ["minor_after", "number_phrase", "spelled_value", "word_amounts"]

_DIGITS = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"


@lru_cache(maxsize=None)
def _patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    words, scales = number_words(lang), scale_words(lang)
    token = r"(?:" + _DIGITS + r"|(?i:\b(?:" + word_alt(list(words) + list(scales)) + r")\b))"
    phrase = compile_cached(token + r"(?:(?:[ \t]+|[ \t]*-[ \t]*|[ \t]*\n[ \t]*)" + token + r")*")
    tokens = compile_cached(r"(?i:\b(?:" + word_alt(list(words) + list(scales)) + r")\b)|" + _DIGITS)
    return phrase, tokens


@lru_cache(maxsize=None)
def _scale_pattern(lang: str) -> re.Pattern[str]:
    return re.compile(r"(?i:\b(?:" + word_alt(scale_words(lang)) + r")\b)")


def number_phrase(text: str, pos: int, lang: str) -> tuple[int, Decimal, int] | None:
    """Read the number written from ``pos`` on, in digits, words or both (``dos mil 600 millones``,
    ``217 millones 233 mil 892``, ``three-quarters of a billion``).

    Returns ``(end, value, top)``: where the number ends, its exact value and the largest scale
    word's power of ten in it (0 when it has none); ``None`` when no number starts at ``pos``.

    Examples
    --------
    >>> number_phrase("seven hundred million dollars", 0, "en")
    (21, Decimal('700000000'), 6)
    >>> number_phrase("3 mil 415 millones 600 mil pesos", 0, "es")[1:]
    (Decimal('3415600000'), 6)
    """
    phrase, tokens = _patterns(lang)
    m = phrase.match(text, pos)
    if not m:
        return None
    words, scales = number_words(lang), scale_words(lang)
    total, cur, top, end, prev = Decimal(0), None, 0, pos, ""
    last_scale = (pos, Decimal(0), 0, 0)  # (end, total, top, exponent) after the last scale word
    found = list(tokens.finditer(text, pos, m.end()))
    for i, t in enumerate(found):
        key = " ".join(t.group().lower().replace("-", " ").split())
        if key in scales:
            e = scales[key]
            mult = cur if cur is not None else (Decimal(0) if total else Decimal(1))
            if e > top:
                total, top = (total + mult) * Decimal(10) ** e, e
            else:
                total += mult * Decimal(10) ** e
            cur, prev = None, "scale"
            last_scale = (t.end(), total, top, e)
        elif key in words:
            value, kind = words[key]
            nxt = found[i + 1].group().lower() if i + 1 < len(found) else ""
            if kind == "link":
                if not _link_ok(prev, cur, lang):
                    break
                prev = "link"
                continue
            if kind == "half":
                if prev == "scale":  # "dos millones y medio", "a million and a half"
                    total += value * Decimal(10) ** last_scale[3]
                    last_scale = (t.end(), total, top, last_scale[3])
                elif cur is not None:  # "two and a half million"
                    cur += value
                else:
                    break
                end = t.end()
                continue
            if kind == "article" and " ".join(nxt.split()) not in scales:
                break  # "a" is one only right before a scale word: "a million", not "$5 million a year"
            if kind == "hundred":
                cur = (cur or Decimal(1)) * value
            elif kind == "fraction":
                cur = value
            else:
                if prev == "digits" or (prev == "unit" and cur is not None and lang == "en"
                                        and (cur % 10 or value >= 10)):
                    break  # "five ten": two numbers
                cur = (cur or Decimal(0)) + value
            prev = "unit" if kind in ("unit", "article") else kind
        else:
            if prev in ("digits", "unit", "hundred"):
                break  # two numbers side by side: 600 in "2 600"
            try:
                cur = (cur or Decimal(0)) + parse_number(t.group(), lang)
            except ParseError:
                break
            prev = "digits"
        end = t.end()
    if end == pos:
        return None
    if top and cur is not None and last_scale[3] != 3:
        end, total, top = last_scale[0], last_scale[1], last_scale[2]  # "$5 million two years": not 5,000,002
        cur = None
    return end, total + (cur or 0), top


@lru_cache(maxsize=None)
def _minor_pattern(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = {r["marker"] for code in (lang, "en", "es") for r in read_vocab("currency_extra", code)
             if r["kind"] == "minor"}
    return re.compile(rf"[ \t]*(?:(?:{alt('and', 'minor_with')})[ \t]+)?(?=\w)"), re.compile(
        r"[ \t]*(" + trie_pattern(words) + r")\b|(?=[ \t]*(?:[.,;:!?)]|$))", re.I)


def minor_after(text: str, pos: int, lang: str) -> tuple[int, Decimal] | None:
    """The hundredths written after an amount in whole units (``20 dollars 43 cents``, ``$20
    and 43c``, ``15 dólares con 50``): where they end and their value (0.43); ``None`` when none.
    Without a minor-unit word, only a number of one or two digits that ends the phrase counts.

    Examples
    --------
    >>> minor_after("20 dollars and forty-two cents", 10, "en")
    (30, Decimal('0.42'))
    """
    lead, tail = _minor_pattern(lang)
    link = lead.match(text, pos)
    if link is None or link.end() == pos and text[pos:pos + 1].isalnum():
        return None
    ph = number_phrase(text, link.end(), lang)
    if ph is None or ph[2] or not 0 < ph[1] < 100 or ph[1] != ph[1].to_integral_value():
        return None
    if text[link.end():ph[0]].isdigit() and ph[0] - link.end() > 2:
        return None
    after = tail.match(text, ph[0])
    if after is None:
        return None
    if (after.group(1) is None and text[link.end():ph[0]].isdigit() and ph[0] - link.end() != 2
            and "and" not in text[pos:link.end()]):
        return None  # "$20 4": not cents
    return (after.end(1) if after.group(1) else ph[0]), ph[1] / 100


def _link_ok(prev: str, cur: Decimal | None, lang: str) -> bool:
    """``and`` joins a number's words after ``hundred`` or a scale word (``one hundred and five``);
    ``y`` joins tens and units (``treinta y cinco``)."""
    if lang == "en":
        return prev in ("hundred", "scale")
    return prev == "unit" and cur is not None and cur % 10 == 0 and 20 < cur % 100 + 20 <= 110


def spelled_value(text: str, lang: str = "en") -> tuple[Decimal, int]:
    """The value and top scale of a number written wholly in ``text``.

    Examples
    --------
    >>> spelled_value("half a million")
    (Decimal('500000.0'), 6)
    >>> spelled_value("cuatrocientos millones", "es")
    (Decimal('400000000'), 6)
    """
    got = number_phrase(text, 0, lang)
    if got is None or got[0] != len(text.rstrip()):
        raise ParseError(f"not a number phrase: {text!r}")
    return got[1], got[2]


def word_amounts(text: str, lang: str, local: str | None, found: list[Money], bare: list[Money]) -> list[Money]:
    """Amounts whose number is written in words: ``two billion dollars``, ``half a million euros``,
    ``DOLS ONE MILLION``, ``cuatrocientos millones`` (bare: its currency comes from context)."""
    p = markers(lang)
    out: list[Money] = []
    starts = [m.start for m in found]  # found is in text order
    covered = 0
    phrase, scale = _patterns(lang)[0], _scale_pattern(lang)
    for anchor in anchors(text, lang):
        a = anchor.start()  # (in the padded text, the character before the anchor's)
        i = bisect_right(starts, a) - 1
        if a < covered or (i >= 0 and a < found[i].end) or (a and (text[a - 1] == "-" or text[a - 1].isalnum())):
            continue  # part of a mention already found, or of a word (multi-billion)
        run = phrase.match(text, a)
        if run is None or not (scale.search(text, a, run.end()) or p["suffix"].match(text, run.end())
                               or marker_before(text, a, lang) or _WORD_RANGE.match(text, run.end())):
            continue  # "one of them", "two days": no scale word, no currency: not worth parsing
        ph = number_phrase(text, a, lang)
        if ph is None:
            continue
        end, value, top = ph
        if text[end:end + 1] == "-" and text[end + 1:end + 2].isalpha():
            continue  # "one-yen bid", "two-year"
        if top == 0 and value != value.to_integral_value():
            continue  # "medio" alone: half of nothing said
        start, high, iso, family = a, None, None, None
        r = _WORD_RANGE.match(text, end)
        if r and top == 0 and _BETWEEN.search(text[max(0, a - 12):a].lower()):
            ph2 = number_phrase(text, r.end(), lang)
            if ph2 and ph2[2]:
                high, end, top = ph2[1], ph2[0], ph2[2]
                value *= Decimal(10) ** top
        pre = marker_before(text, a, lang)
        suf = p["suffix"].match(text, end)
        if pre:
            iso, family, _ = prefix_row(pre.group().strip(), lang)
            start = pre.start()
        elif suf and not weak_marker(suf.group(1), lang):
            iso, family = suffix_iso(suf.group(1), lang), suffix_family(suf.group(1), lang) or None
            value *= Decimal(10) ** suffix_exponent(suf.group(1), lang)
            end = suf.end()
            cents = minor_after(text, end, lang) if top == 0 and high is None else None
            if cents:  # "thirteen dollars and forty-five cents"
                end, value = cents[0], value + cents[1]
        elif top < 6:
            continue
        value = exact(value)
        high = exact(high) if high is not None else None
        covered = end
        if iso is None:
            bare.append(Money(text[start:end], start, end, value, high, None))
            continue
        out.append(Money(text[start:end], start, end, value, high, resolve_currency(iso, lang, local),
                         qualifier(text, start, end), per(text, start, end),
                         family or (iso if iso in ("$", "*") else None)))
    return out


_WORD_RANGE = re.compile(rf"\s+(?:{alt('and', 'range_to')})\s+|\s*[-–]\s*")


_BETWEEN = re.compile(r"\b(between|entre)\s*$")
