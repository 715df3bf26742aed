"""What surrounds a written amount: currency markers, scale words, qualifiers and rates."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ..lang import LANGUAGES, read_vocab, read_vocab_all
from ..lookups import read_lookup
from .regex_cache import compile_cached
from .trie import trie_pattern
from .vocab import alt, words

__all__ = ["Before", "marker_alt", "marker_before", "markers", "exact", "has_cents", "suffix_iso", "suffix_family",
           "suffix_exponent", "prefix_iso", "prefix_row", "weak_marker", "qualifier", "per", "resolve_currency"]

_NUM = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"


_PER_AFTER = re.compile(
    rf"\s*(?:(?:{alt('per_time')})\s+(?P<u1>{alt('time_unit')})\b(?!\s+(?:{alt('time_not_after')}))|"
    rf"(?P<u2>{alt('per_time_word')})\b)", re.I)
_PER_BEFORE = re.compile(rf"(?P<u>{alt('per_time_before')})(?:\s+average)?(?:\s+of)?\s*$", re.I)


@lru_cache(maxsize=None)
def _qualifier_phrases() -> tuple[dict[str, str], int]:
    phrases = {row["phrase"].lower(): row["qualifier"] for row in read_vocab_all("qualifiers")}
    return phrases, max(len(p.split()) for p in phrases)


@lru_cache(maxsize=None)
def _tables(lang: str) -> dict:
    """Currency markers: CLDR names and symbols (``lang/<lang>/currency_names.csv``,
    ``currency_symbols.csv``) and the hand-made ``currency_extra.csv``, the text's language first,
    then the others' (an English text quoting ``5 millones de dólares``)."""
    order = [lang] + [other for other in LANGUAGES if other != lang]
    prefix: dict[str, tuple[str, str, int]] = {}
    suffix: dict[str, tuple[str, str, int]] = {}
    weak: set[str] = set()
    cased: set[str] = set()  # signs made of letters (RM, kr): as written, not in any case
    for code in order:
        extra = read_vocab("currency_extra", code)
        stop = {r["marker"] for r in extra if r["kind"] == "stop"}
        weak |= {r["marker"] for r in extra if r["kind"] == "weak"}
        default = {r["marker"]: r["iso"] for r in extra if r["kind"] == "default"}
        for r in extra:
            if r["kind"] in ("prefix", "suffix"):
                table = prefix if r["kind"] == "prefix" else suffix
                table.setdefault(r["marker"], (r["iso"], "", int(r["exponent"] or 0)))
        for r in read_vocab("currency_symbols", code):
            sym, iso = r["symbol"], r["iso"] or "$"
            if sym in stop:
                continue
            iso = iso if r["iso"] or sym == "$" else default.get(r["family"], "*")
            entry = (iso, "$" if sym == "$" else r["family"], 0)
            prefix.setdefault(sym, entry)
            if not sym.isalpha() or sym == iso or len(sym) > 1:
                suffix.setdefault(sym, entry)
                if sym.isalpha():
                    cased.add(sym)
        for r in read_vocab("currency_names", code):
            if r["name"] in stop:
                continue
            iso = r["iso"] or default.get(r["family"], "*")
            suffix.setdefault(r["name"], (iso, r["family"] if not r["iso"] else "", 0))
    for r in read_lookup("currency_signs"):  # Kč, zł, ₽: a sign of any language, last
        if r["sign"] in prefix or r["sign"] in suffix:
            continue
        prefix[r["sign"]] = suffix[r["sign"]] = (r["iso"], "", 0)
        if r["kind"] == "letters":  # Ft, Ksh: as written, and weak
            cased.add(r["sign"])
            weak.add(r["sign"])
    for sym, (iso, _, _) in list(prefix.items()):  # a code glued to a dollar sign: "SGD$", "NZD$"
        if "$" in sym and iso not in ("$", "*", "") and iso + "$" not in prefix:
            prefix[iso + "$"] = suffix.setdefault(iso + "$", (iso, "", 0))
    keyed = {"".join(k.split()): v for k, v in prefix.items()}
    return {"prefix": prefix, "suffix": suffix, "weak": weak, "prefix_key": keyed, "cased": cased,
            "prefix_lower": {k.lower(): v for k, v in reversed(keyed.items()) if "$" in k},
            "suffix_lower": {k.lower(): v for k, v in suffix.items()}}


def marker_alt(markers, word_bound: bool = True) -> str:
    """One pattern for the markers written before a number: a trie of those starting with a letter
    (after a word boundary), one of the others, and the few with letters and ``$`` in any case and
    spacing (``HK$``, ``hk $``, ``u$d``)."""
    loose = [p for p in markers if "$" in p and sum(c.isalpha() for c in p) >= 2]
    loose_set = frozenset(loose)
    alpha = [p for p in markers if p not in loose_set and p[0].isalpha()]
    other = [p for p in markers if p not in loose_set and not p[0].isalpha()]
    out = []
    for p in sorted(loose, key=len, reverse=True):
        esc = re.escape(p).replace(r"\ ", r"\s?")
        esc = "(?i:" + esc.replace(r"\$", r"\s?\$", 1 if p[:2].isalpha() else 0) + ")"
        out.append((r"\b" + esc) if word_bound and p[0].isalpha() else esc)
    if alpha:
        out.append((r"\b" if word_bound else "") + "(?:" + trie_pattern(alpha, space=r"\s?") + ")")
    if other:
        out.append("(?:" + trie_pattern(other, space=r"\s?") + ")")
    return "|".join(out)


def _reversed_alt(markers) -> str:
    """The markers written backwards, as one pattern matched from the number leftwards: a market
    before a number is found with one anchored match instead of a search over the window."""
    loose = [p for p in markers if "$" in p and sum(c.isalpha() for c in p) >= 2]
    loose_set = frozenset(loose)
    alpha = [p[::-1] for p in markers if p not in loose_set and p[0].isalpha()]
    other = [p[::-1] for p in markers if p not in loose_set and not p[0].isalpha()]
    # those ignoring case, by the character they start with (in any case, a class of its own): a
    # branch ignoring case is tried in full, a group only when its first character is there
    groups: dict[str, tuple[str, list[str]]] = {}
    for p in sorted(loose, key=len, reverse=True):
        esc = re.escape(p[::-1]).replace(r"\ ", r"\s?")
        esc = esc.replace(r"\$", r"\$\s?", 1) if p[:2].isalpha() else esc
        head = re.escape(p[-1])
        assert p[-1].isascii() and p[-1] != " " and esc.startswith(head), "a loose marker ends in an ASCII character"
        rest = "(?i:" + esc[len(head):] + ")" + (r"(?!\w)" if p[0].isalpha() else "")
        groups.setdefault(p[-1].lower(), (head, []))[1].append(rest)
    out = ["(?i:" + head + ")(?:" + "|".join(rests) + ")" for head, rests in groups.values()]
    if alpha:
        out.append("(?:" + trie_pattern(alpha, space=r"\s?") + r")(?!\w)")
    if other:
        out.append("(?:" + trie_pattern(other, space=r"\s?") + ")")
    return "|".join(out)


class Before:
    """A currency marker found right before a number (``start`` in the text, ``group()`` its text)."""

    __slots__ = ("_start", "_text")

    def __init__(self, start: int, text: str) -> None:
        self._start, self._text = start, text

    def start(self) -> int:
        return self._start

    def group(self) -> str:
        return self._text


def marker_before(text: str, pos: int, lang: str = "en") -> Before | None:
    """The currency marker that ends at ``pos`` (or one space before it): ``US$`` in ``US$ 5``.

    Examples
    --------
    >>> m = marker_before("gave US$ 5", 9)
    >>> m.start(), m.group()
    (5, 'US$ ')
    """
    a = max(0, pos - 10)
    window = text[a:pos][::-1]
    m = markers(lang)["prefix_reversed"].match(window)
    if m is None:
        return None
    return Before(pos - m.end(), text[pos - m.end():pos])


@lru_cache(maxsize=None)
def markers(lang: str = "en") -> dict[str, Any]:
    """The compiled patterns for currency markers, scale words and number words of ``lang`` (and the sets of
    characters that end a prefix or start a suffix)."""
    t = _tables(lang)
    prefixes = list(t["prefix"])
    # (no marker ends in a space or colon: the one before a number, once read, is never given back)
    assert not any(m.endswith((" ", "\t", "\u00a0", ":")) for m in prefixes), "a prefix marker ends in a space or colon"
    codes = [s for s in t["suffix"] if s.isalpha() and (s.isupper() or s in t["cased"])]
    code_set = frozenset(codes)  # (a set to test against: the lists run to thousands of markers)
    names = [s for s in t["suffix"] if s not in code_set]
    scales = sorted((r["word"] for r in (*read_lookup("scales"), *read_vocab_all("scales"))), key=len, reverse=True)
    long_scales = [s for s in scales if len(s) > 2 and s.lower() == s]
    # (a set, sorted whole: the same pattern in every process, so the compiled one is read from the cache)
    short_scales = sorted({s for s in scales if len(s) <= 3 and s not in ("mil",)}, key=lambda s: (-len(s), s))
    scale_alt = (r"(?:(?i:" + "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in long_scales) + r")"
                 r"|(?:" + "|".join(re.escape(s) for s in short_scales) + r"))(?![\w])")
    signs = [s for s in names if not s.replace(" ", "").replace(".", "").replace("-", "").isalpha()]
    sign_set = frozenset(signs)
    name_alt = trie_pattern({m.lower() for m in names if m not in sign_set})
    sign_alt = "(?i:" + trie_pattern(signs) + r")(?!\s?\d)"  # "10 $" ends an amount; "10 $20" is two
    code_alt = trie_pattern(codes)
    # "€HT": a sign may touch a word
    suffix_alt = r"(?:(?i:" + name_alt + r")(?![\w])|(?:" + code_alt + r")(?![\w])|" + sign_alt + r")"
    # (nor does a suffix, scale or "of" start with one: the spaces after a number, once read, are not given back)
    assert not any(m[:1].isspace() for m in (*t["suffix"], *scales, *words("currency_of"))), "a space first"
    firsts = {re.split(r"[\s.$-]", m.lower())[0] or m[:1] for m in list(t["suffix"]) + scales}
    firsts |= {m.group() for w in list(firsts) if (m := re.match(r"[^\W\d_]*", w))}  # "gh" of "GH₵"
    firsts |= set(words("currency_of", "range_to", "and"))
    return {
        "first_words": frozenset(w for w in firsts if w),
        "could_follow": compile_cached(r"\s?(?:[-–—]|to\b|a\b|and\b|y\b)?\s?\d*+[.,]?\d*+[\s-]{0,80}+(?:" + scale_alt
                                   + r"|(?:(?i:de|in)\s+)?" + suffix_alt + r")"),
        "prefix_ends": frozenset(m[-1] for m in prefixes),
        "prefix": compile_cached(r"(?:" + marker_alt(prefixes) + r")\s?$"),
        "prefix_reversed": compile_cached(r"(?:[ \t]?:|[ \t\u00a0])?+(?:" + _reversed_alt(prefixes) + r")"),
        "range": compile_cached(r"\s?(?:-|–|—|" + alt("and", "range_to") + r")\s?(?:" + marker_alt(prefixes) + r")?\s?("
                            + _NUM + r")(?!\d)"),
        "scale": re.compile(r"(?:\s*+|-)(" + scale_alt + r")"),
        "scale_in": re.compile(r"\d\s*(?:de\s+)?(" + scale_alt + r")"),
        "suffix": compile_cached(r"(?:\s*+|-)(?:(?i:" + alt("currency_of") + r")\s+)?(" + suffix_alt + r")"),
        "mil_before": re.compile(r"\bmil\s+$"),
        # the marker lists themselves, for the first pass that proves a text has no money (parse/candidates.py)
        "prefix_markers": tuple(prefixes), "code_markers": tuple(codes),
        "name_markers": tuple(m.lower() for m in names if m not in sign_set), "sign_markers": tuple(signs),
    }


def weak_marker(marker: str, lang: str = "en") -> bool:
    """True for a marker that is a single letter or a common word (``L``, ``Q``, ``R``, ``real``): a
    currency only with a scale word or a grouped or decimal number."""
    key = " ".join(marker.split())
    return key in _tables(lang)["weak"] or (len(key) == 1 and key.isalpha())


@lru_cache(maxsize=None)
def _digits() -> dict[str, int]:
    return {r["iso"]: int(r["digits"]) for r in read_lookup("currency_digits")}


def has_cents(iso: str | None) -> bool:
    """False for currencies written without decimals (``JPY``, ``COP``, ``IDR``: CLDR)."""
    return _digits().get(iso or "", 2) != 0


def exact(value: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation (2010000.00 -> 2010000)."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def suffix_iso(marker: str, lang: str = "en") -> str:
    """The ISO code (or ``*``/``$`` to resolve) a currency word after an amount stands for."""
    return _suffix_row(marker, lang)[0]


def suffix_family(marker: str, lang: str = "en") -> str:
    """The head noun of a currency word that does not say which one it is (``dollars``), else ``""``."""
    return _suffix_row(marker, lang)[1]


def suffix_exponent(marker: str, lang: str = "en") -> int:
    """The power of ten a suffix carries itself (``mdd`` -> 6), else 0."""
    return _suffix_row(marker, lang)[2]


def _suffix_row(marker: str, lang: str) -> tuple[str, str, int]:
    t = _tables(lang)
    key = " ".join(marker.split())
    return t["suffix"].get(key) or t["suffix_lower"].get(key.lower()) or ("USD", "", 0)


def prefix_iso(marker: str, lang: str = "en") -> str:
    """The ISO code (or ``$``/``*`` to resolve) a currency marker before an amount stands for."""
    return prefix_row(marker, lang)[0]


def prefix_row(marker: str, lang: str = "en") -> tuple[str, str, int]:
    """(iso, family, exponent) of a marker written before an amount."""
    t = _tables(lang)
    key = "".join(marker.split())
    return t["prefix_key"].get(key) or t["prefix_lower"].get(key.lower()) or ("USD", "", 0)


_QUALIFIER_AFTER = re.compile(rf",?\s*(?P<at_least>{alt('at_least_after')})\b"
                              rf"|,?\s*(?P<at_most>{alt('at_most_after')})\b"
                              rf"|,?\s*(?P<approx>{alt('approx_after')})\b", re.I)


def qualifier(text: str, start: int, end: int | None = None) -> str:
    """exact, approx, at_least or at_most, from the words just before an amount (``more than
    $5 million``), else just after its ``end`` (``$5 million or more``)."""
    phrases, longest = _qualifier_phrases()
    words = text[max(0, start - 40):start].lower().replace("(", " ").replace(":", " ").split()[-longest:]
    for k in range(len(words), 0, -1):
        found = phrases.get(" ".join(words[-k:]))
        if found:
            return found
    after = _QUALIFIER_AFTER.match(text, end) if end is not None else None
    return after.lastgroup if after and after.lastgroup else "exact"


def per(text: str, start: int, end: int) -> str | None:
    m = _PER_AFTER.match(text, end)
    unit = None
    if m:
        unit = (m.group("u1") or m.group("u2") or "").lower()
    else:
        b = _PER_BEFORE.search(text[max(0, start - 30):start])
        unit = b.group("u").lower() if b else None
    if not unit:
        return None
    return "month" if unit.startswith(("mon", "mes", "al mes", "mensual")) else "year"


def resolve_currency(iso: str, lang: str, local_currency: str | None) -> str | None:
    if iso == "$":
        return local_currency if (lang == "es" and local_currency) else "USD"
    if iso == "*":
        return local_currency
    return iso
