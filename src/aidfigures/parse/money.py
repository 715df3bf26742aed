"""Money mentions in prose: ``$56.4 million``, ``582 million dollars``, ``US$ 1.600 millones``."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal

from ..errors import ParseError
from .currencies import (
    exact,
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
from .numbers import parse_number, scale_exponent
from .spelled import number_phrase, phrase_anchor

__all__ = ["Money", "find_money", "parse_money", "parse_amount"]


@dataclass(frozen=True)
class Money:
    """One monetary mention: its value and exactly where it was written.

    ``currency`` is an ISO 4217 code, or ``None`` when the text leaves it to context
    (``pesos``; a bare ``$`` in Spanish text). ``amount`` is fully expanded and exact.
    """

    text: str
    start: int
    end: int
    amount: Decimal
    amount_high: Decimal | None = None
    currency: str | None = "USD"
    qualifier: str = "exact"
    per: str | None = None
    #: ``$`` or a head noun (``dollar``, ``peso``) when the marker does not say which currency it is:
    #: the document may (a New Zealand outlet's ``$``).
    family: str | None = None


_NUMBER_RUN = re.compile(r"\d[\d.,]*")
_NUMBER_FORM = re.compile(r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?")


def _numbers(text: str, p: dict):
    """(start, end, digits) of each number not glued to a word (``RL32487``) or a path, except
    a currency code or sign (``USD115``, ``Q762``)."""
    for m in _NUMBER_RUN.finditer(text):
        a = m.start()
        if a and (text[a - 1].isalnum() or text[a - 1] in "_./-,"):
            if text[a - 1] == "." and a >= 2 and text[a - 2] == "$":  # "$.6 MILLION" in cables
                run = m.group().rstrip(".,")
                if run.isdigit():
                    yield a - 1, a + len(run), "0." + run
                continue
            if not (text[a - 1].isalpha() and p["prefix"].search(text, max(0, a - 8), a)):
                continue
        run = m.group().rstrip(".,")
        if _NUMBER_FORM.fullmatch(run):
            yield a, a + len(run), run

def find_money(text: str, lang: str = "en", local_currency: str | None = None) -> list[Money]:
    """Find every monetary mention in ``text``, in order.

    A mention needs a currency sign, code or word (``$``, ``US$``, ``euros``, ``dólares``),
    or, written as ``N millones``/``N million`` with none, a currency-bearing mention right
    after it in a comparison (``de mil 400 millones a mil 600 millones de dólares``).
    Years, percentages, counts and vague amounts (``multi-billion dollar``) are not money.
    ``local_currency`` is what ``pesos`` or a bare ``$`` in Spanish text mean (e.g. ``COP``);
    without it they give ``currency=None``.

    Examples
    --------
    >>> [(m.text, m.amount, m.qualifier) for m in find_money(
    ...     "Colombia, which received nearly 582 million dollars in 2006 (60 percent)")]
    [('582 million dollars', Decimal('582000000'), 'approx')]
    >>> m = find_money("he paid 50,000 dollars a month in bribes")[0]
    >>> m.amount, m.per
    (Decimal('50000'), 'month')
    >>> [(m.amount, m.amount_high) for m in find_money("between $8 billion and $12 billion")]
    [(Decimal('8000000000'), Decimal('12000000000'))]
    >>> [m.amount for m in find_money("US$ 1.600 millones y 7,06 mil millones de dólares", lang="es")]
    [Decimal('1600000000'), Decimal('7060000000')]
    >>> find_money("a multi-billion dollar programme")
    []
    """
    p = markers(lang)
    found: list[Money] = []
    bare: list[Money] = []
    covered = 0  # the end of the last mention: a number inside it (``$5 to $7 million``) is not another
    for num_start, pos, digits in _numbers(text, p):
        if num_start < covered:
            continue
        start = num_start
        iso: str | None = None
        before = text[num_start - 2:num_start] if num_start >= 2 else text[:num_start]
        pre = p["prefix"].search(text, max(0, num_start - 8), num_start) \
            if before and (before[-1] in p["prefix_ends"] or before[-1] == " " and before[:1] in p["prefix_ends"]) else None
        if not pre and (_next_char(text, pos) not in _MAY_FOLLOW or not p["could_follow"].match(text, pos)):
            continue  # a bare number (a year, a count): no sign before, no scale or currency after
        try:
            value = parse_number(digits, lang)
        except ParseError:
            continue
        if pre and weak_marker(pre.group(), lang) and not _GROUPED.search(digits) \
                and not p["scale"].match(text, pos):
            pre = None  # "Q3", "R2": a quarter, a road, not quetzales or rand
            if _next_char(text, pos) not in _MAY_FOLLOW or not p["could_follow"].match(text, pos):
                continue
        family, pexp = None, 0
        if pre:
            iso, family, pexp = prefix_row(pre.group().strip(), lang)
            start = pre.start()
        elif lang == "es" and p["mil_before"].search(text, max(0, num_start - 5), num_start):
            back = _back_number(text, num_start, lang)
            start = back if back is not None else text.rfind("mil", 0, num_start)
        high = None
        r = p["range"].match(text, pos)
        link = r.group().split()[0] if r and r.group().split() else ""
        if r and ((pre and link not in ("and", "y")) or link[:1] in "-–—"
                  or _BETWEEN.search(text[max(0, start - 12):start].lower())):
            try:
                high = parse_number(r.group(1), lang)
                pos = r.end()
            except ParseError:
                high = None
        exp = pexp
        magnitude = 0
        sc = p["scale"].match(text, pos)
        if sc and not (sc.group(1) == "mil" and lang != "es"):
            try:
                exp = scale_exponent(sc.group(1))
                pos = sc.end()
            except ParseError:
                exp = 0
        if high is None:
            phrase_from = start if not pre else num_start
            ph = number_phrase(text, phrase_from, lang)
            if ph and ph[2] >= 3 and (ph[0] > pos or phrase_from < num_start):
                value, exp, pos = ph[1], 0, ph[0]  # "3 mil 415 millones 600 mil", "dos mil 600 millones"
                magnitude = ph[2]
        if exp == 0 and high is None and (pre or not _YEARLIKE.fullmatch(digits)):
            # "400 y 37 millones de dólares": the scale and currency are shared (a year never shares them)
            exp, iso = _shared(text, pos, iso, p)
        suf = p["suffix"].match(text, pos)
        if suf and (suf.group(1).lower() != "usd" or not iso) and not (
                weak_marker(suf.group(1), lang) and not exp and not _GROUPED.search(digits)):
            if not iso or iso in "$*":
                iso, family = suffix_iso(suf.group(1), lang), suffix_family(suf.group(1), lang) or family
            exp = exp or suffix_exponent(suf.group(1), lang)
            pos = suf.end()
            if not exp:  # "75 USD million": a scale word after the code
                sc2 = p["scale"].match(text, pos)
                if sc2 and sc2.group(1) != "mil":
                    exp, pos = scale_exponent(sc2.group(1)), sc2.end()
        if lang != "es" and _DOT_GROUPS.fullmatch(digits) and _SPANISH_UNIT.search(text, num_start, pos):
            value = parse_number(digits, "es")  # "1.600 millones" quoted in English text: 1,600
        scale = Decimal(10) ** exp
        value = exact(value * scale)
        high = exact(high * scale) if high is not None else None
        if value == 0:
            continue  # unit headers such as ($000)
        if iso is None:
            if max(exp, magnitude) >= 6:
                bare.append(Money(text[start:pos], start, pos, value, high, None))
                covered = pos
            continue
        covered = pos
        qual = qualifier(text, start, pos)
        found.append(Money(text[start:pos], start, pos, value, high,
                           resolve_currency(iso, lang, local_currency), qual, per(text, start, pos),
                           family or (iso if iso in ("$", "*") else None)))
    found.extend(_word_amounts(text, lang, local_currency, found, bare))
    found.sort(key=lambda m: m.start)
    bare.sort(key=lambda m: m.start)
    found.extend(_inherit(text, bare, found))
    found.sort(key=lambda m: m.start)
    return _merge_ranges(text, found)


_MAY_FOLLOW = frozenset("-–—$€£¥₹")
_GROUPED = re.compile(r"[.,]")
_BACK_MIL = re.compile(r"(?:(?<![\w.,])\d{1,3}\s+|\b[^\W\d_]+\s+)?\bmil\s+$")


def _back_number(text: str, num_start: int, lang: str) -> int | None:
    """Where a number written before ``mil`` starts (``dos mil 600``, ``3 mil 415``), if one is."""
    m = _BACK_MIL.search(text, max(0, num_start - 24), num_start)
    if m is None:
        return None
    ph = number_phrase(text, m.start(), lang)
    return m.start() if ph and ph[0] > num_start else None
_YEARLIKE = re.compile(r"(?:19|20)\d\d")
_DOT_GROUPS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_SPANISH_UNIT = re.compile(r"mill[oó]n|millones|billones|millardos?|dólares|pesos|soles")
_SHARED = re.compile(r"\s*,?\s*(?:and|y|or|o)\s+(?:US\$|[$€£])?\s?\d[\d.,]*", re.I)


def _shared(text: str, pos: int, iso: str | None, p: dict) -> tuple[int, str | None]:
    """The scale (a power of ten) and currency a number takes from the next one when they share
    them (``$40 and $37 million``, ``400 y 37 millones de dólares``); ``(0, iso)`` when not."""
    link = _SHARED.match(text, pos)
    sc = p["scale"].match(text, link.end()) if link else None
    if sc is None:
        return 0, iso
    try:
        exp = scale_exponent(sc.group(1))
    except ParseError:
        return 0, iso
    if exp < 6:
        return 0, iso
    if iso is None:
        suf = p["suffix"].match(text, sc.end())
        iso = suffix_iso(suf.group(1)) if suf else None
    return exp, iso


def _next_char(text: str, pos: int) -> str:
    """The first character after ``pos`` that is not a space (a letter stands for any letter)."""
    for ch in text[pos:pos + 3]:
        if not ch.isspace():
            return "$" if ch.isalpha() else ch
    return ""


def _word_amounts(text: str, lang: str, local: str | None, found: list[Money], bare: list[Money]) -> list[Money]:
    """Amounts whose number is written in words: ``two billion dollars``, ``half a million euros``,
    ``DOLS ONE MILLION``, ``cuatrocientos millones`` (bare: its currency comes from context)."""
    p = markers(lang)
    out: list[Money] = []
    starts = [m.start for m in found]  # found is in text order
    covered = 0
    for anchor in phrase_anchor(lang).finditer(text):
        a = anchor.start()
        i = bisect_right(starts, a) - 1
        if a < covered or (i >= 0 and a < found[i].end) or (a and (text[a - 1] == "-" or text[a - 1].isalnum())):
            continue  # part of a mention already found, or of a word (multi-billion)
        ph = number_phrase(text, a, lang)
        if ph is None:
            continue
        end, value, top = ph
        if text[end:end + 1] == "-" and text[end + 1:end + 2].isalpha():
            continue  # "one-yen bid", "two-year"
        start, high, iso, family = a, None, None, None
        r = _WORD_RANGE.match(text, end)
        if r and top == 0 and _BETWEEN.search(text[max(0, a - 12):a].lower()):
            ph2 = number_phrase(text, r.end(), lang)
            if ph2 and ph2[2]:
                high, end, top = ph2[1], ph2[0], ph2[2]
                value *= Decimal(10) ** top
        pre = p["prefix"].search(text, max(0, a - 8), a)
        suf = p["suffix"].match(text, end)
        if pre:
            iso, family, _ = prefix_row(pre.group().strip(), lang)
            start = pre.start()
        elif suf and not weak_marker(suf.group(1), lang):
            iso, family = suffix_iso(suf.group(1), lang), suffix_family(suf.group(1), lang) or None
            value *= Decimal(10) ** suffix_exponent(suf.group(1), lang)
            end = suf.end()
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


_WORD_RANGE = re.compile(r"\s+(?:and|to|y|a)\s+|\s*[-–]\s*")


_LINK = re.compile(r"[\s,;]*(?:\S+\s+){0,3}?(?:to|a|and|y|or|o|hasta|versus|vs\.?)\s+$", re.I)


_BACK_LINK = re.compile(r"(?:(?:of\s+which|de\s+los\s+cuales|de\s+las\s+cuales|including|incluidos|incluyendo|"
                        r"and|y|while|mientras|frente\s+a(?:\s+los)?|comparado\s+con(?:\s+los)?|compared\s+(?:with|to)|"
                        r"versus|from|desde|contra(?:\s+los)?)\s+(?:some\s+|about\s+|unos\s+|unas\s+)?"
                        r"|[;,]\s*(?:and\s+|y\s+)?(?:in|en)\s+(?:19|20)\d\d,?\s*)$", re.I)
_FUNCTION_WORD = re.compile(r"\s*(?:[,;.)]|de\s+(?:19|20)\d\d\b|(?:para|for|to|a|al|will|would|are|were|went|go|goes|was|is|in|en|"
                            r"serán|será|irán|irían|fueron|son|se|would|shall)\b)", re.I)


def _inherit(text: str, bare: list[Money], found: list[Money]) -> list[Money]:
    """Give a currency-less ``N millones`` the currency of the mention it goes with: the one it
    is compared with just after (``de mil 400 millones a mil 600 millones de dólares``), or the
    one it is part of just before (``545 millones de dólares, de los cuales 300 millones serán``)."""
    out = []
    for b in bare:
        nxt = next((m for m in found if 0 <= m.start - b.end <= 60), None)
        if nxt is not None and text[b.end:b.end + 1] in (",", ";", ")", " "):
            between = text[b.end:nxt.start]
            if "." not in between and _LINK.search(between):
                out.append(Money(b.text, b.start, b.end, b.amount, None, nxt.currency, qualifier(text, b.start, b.end), None))
                continue
        prev = next((m for m in reversed(found) if 0 <= b.start - m.end <= 60), None)
        if prev is not None and _FUNCTION_WORD.match(text, b.end):
            between = text[prev.end:b.start]
            if "." not in between and _BACK_LINK.search(between):
                out.append(Money(b.text, b.start, b.end, b.amount, None, prev.currency, qualifier(text, b.start, b.end),
                                 None))
    return out


_AND = re.compile(r"\s*(?:and|y|to|a)\s*")
_BETWEEN = re.compile(r"\b(between|entre)\s*$")
_DASH = re.compile(r"\s*[-–—]\s*")


def _merge_ranges(text: str, found: list[Money]) -> list[Money]:
    out: list[Money] = []
    for m in found:
        if out:
            prev = out[-1]
            between = text[prev.end:m.start]
            before = text[max(0, prev.start - 12):prev.start].lower()
            ranged = (_AND.fullmatch(between) and _BETWEEN.search(before)) or _DASH.fullmatch(between)
            if ranged and prev.currency == m.currency and prev.amount_high is None and m.amount >= prev.amount:
                out[-1] = Money(text[prev.start:m.end], prev.start, m.end, prev.amount, m.amount,
                                prev.currency, prev.qualifier, m.per or prev.per)
                continue
        out.append(m)
    return out


def parse_money(text: str, lang: str = "en") -> Money:
    """Parse a string holding exactly one money amount.

    Examples
    --------
    >>> parse_money("$2.01 million").amount
    Decimal('2010000')
    >>> parse_money("€5 million").currency
    'EUR'
    >>> parse_money("56 apples")
    Traceback (most recent call last):
    ...
    aidfigures.errors.ParseError: no money amount in '56 apples'
    """
    found = find_money(text, lang=lang)
    if not found:
        raise ParseError(f"no money amount in {text!r}")
    if len(found) > 1:
        raise ParseError(f"more than one money amount in {text!r}")
    return found[0]


def parse_amount(text: str, lang: str = "en") -> Decimal:
    """Return the exact value of the one money amount in ``text``.

    Examples
    --------
    >>> parse_amount("$2.01 million")
    Decimal('2010000')
    >>> float(parse_amount("US$7.06 billion"))
    7060000000.0
    >>> parse_amount("mil 400 millones de dólares", lang="es")
    Decimal('1400000000')
    """
    return parse_money(text, lang=lang).amount
