"""What surrounds a written amount: currency markers, scale words, qualifiers and rates."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from ..lookups import read_lookup

__all__ = ["markers", "exact", "suffix_iso", "suffix_exponent", "prefix_iso", "qualifier", "per", "resolve_currency"]

_NUM = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"


_PER_AFTER = re.compile(
    r"\s*(?:(?:a|per|each|every|al|por|cada)\s+(?P<u1>month|year|annum|mes|año)\b(?!\s+(?:earlier|later|before|after|ago|antes))|"
    r"(?P<u2>monthly|annually|yearly|mensuales|mensualmente|anuales|anualmente|al año|al mes)\b)", re.I)
_PER_BEFORE = re.compile(r"(?P<u>annual|yearly|monthly)(?:\s+average)?(?:\s+of)?\s*$", re.I)


@lru_cache(maxsize=None)
def _qualifier_phrases() -> tuple[dict[str, str], int]:
    phrases = {row["phrase"].lower(): row["qualifier"] for row in read_lookup("qualifiers")}
    return phrases, max(len(p.split()) for p in phrases)


@lru_cache(maxsize=None)
def markers() -> dict[str, re.Pattern[str]]:
    cur = read_lookup("currencies")
    prefixes = sorted((r["marker"] for r in cur if r["kind"] == "prefix"), key=len, reverse=True)
    suffixes = sorted((r for r in cur if r["kind"] == "suffix"), key=lambda r: len(r["marker"]), reverse=True)
    scales = sorted((r["word"] for r in read_lookup("scales")), key=len, reverse=True)
    words = sorted((r["word"] for r in read_lookup("number_words")), key=len, reverse=True)

    def prefix_alt(p: str) -> str:
        esc = re.escape(p).replace(r"\ ", r"\s?")
        return (r"\b" + esc) if p[0].isalpha() else esc

    long_scales = [s for s in scales if len(s) > 2 and s.lower() == s]
    short_scales = [s for s in scales if s not in long_scales and s.lower() != s.upper() or len(s) <= 2]
    short_scales = sorted({s for s in scales if len(s) <= 3 and s not in ("mil",)}, key=len, reverse=True)
    scale_alt = (r"(?:(?i:" + "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in long_scales) + r")"
                 r"|(?:" + "|".join(re.escape(s) for s in short_scales) + r"))(?![\w])")
    suffix_alt = "|".join(re.escape(r["marker"]).replace(r"\ ", r"\s+") for r in suffixes)
    return {
        "could_follow": re.compile(r"\s?(?:[-–—]|to\b|a\b|and\b|y\b)?\s?\d*[.,]?\d*[\s-]*(?:" + scale_alt + r"|(?:de\s+|in\s+)?(?i:"
                                   + suffix_alt + r"))"),
        "prefix_ends": frozenset(m[-1] for m in prefixes),
        "prefix": re.compile(r"(?:" + "|".join(prefix_alt(p) for p in prefixes) + r")\s?$"),
        "range": re.compile(r"\s?(?:-|–|—|to|a|and|y)\s?(?:" + "|".join(prefix_alt(p) for p in prefixes)
                            + r")?\s?(" + _NUM + r")(?!\d)"),
        "scale": re.compile(r"(?:\s*|-)(" + scale_alt + r")"),
        "suffix": re.compile(r"(?:\s*|-)(?:(?i:de|in)\s+)?(" + suffix_alt + r")\b", re.I),
        "mil_before": re.compile(r"\bmil\s+$"),
        "word_num": re.compile(r"\b(" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
                               + r")\s+(" + scale_alt + r")", re.I),
        "word_scale_anchor": re.compile(r"million|billion|trillion|millones|millón|billones|mil\s+millones"),
    }


def exact(value: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation (2010000.00 -> 2010000)."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def suffix_iso(marker: str) -> str:
    """The ISO code (or ``*``/``$`` to resolve) a currency word after an amount stands for."""
    return _suffix_row(marker)["iso"]


def suffix_exponent(marker: str) -> int:
    """The power of ten a suffix carries itself (``mdd`` -> 6), else 0."""
    return int(_suffix_row(marker)["exponent"] or 0)


def _suffix_row(marker: str) -> dict[str, str]:
    key = " ".join(marker.split()).lower()
    for row in read_lookup("currencies"):
        if row["kind"] == "suffix" and row["marker"].lower() == key:
            return row
    return {"iso": "USD", "exponent": ""}  # pragma: no cover - the pattern only matches listed markers


def prefix_iso(marker: str) -> str:
    key = "".join(marker.split())
    for row in read_lookup("currencies"):
        if row["kind"] == "prefix" and "".join(row["marker"].split()) == key:
            return row["iso"]
    return "USD"  # pragma: no cover


_QUALIFIER_AFTER = re.compile(r",?\s*(?P<at_least>or more|o más|or above)\b|,?\s*(?P<at_most>or less|o menos)\b"
                              r"|,?\s*(?P<approx>approximately|aproximadamente|more or less|más o menos|or so)\b",
                              re.I)


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
