"""Mentions read together: a bare amount continuing a figure (``14 millones`` after ``27,8 millones de dólares``),
parts, ranges."""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal, InvalidOperation

from .currencies import exact, per, qualifier
from .mention import Money
from .vocab import alt

__all__ = ["breakdown", "inherit", "merge_ranges", "series"]

_LINK = re.compile(rf"[\s,;]*(?:\S+\s+){{0,3}}?(?:{alt('range_to', 'and', 'or', 'range_until', 'versus')})\s+$", re.I)


_WHITE = r"\s+"
_BACK_LINK = re.compile(rf"(?:(?:{alt('back_link', space=_WHITE)})\s+(?:(?:{alt('about_some')})\s+)?"
                        rf"|[;,]\s*(?:(?:{alt('and')})\s+)?(?:in|en)\s+(?:19|20)\d\d,?\s*)$", re.I)
_FUNCTION_WORD = re.compile(rf"\s*(?:[,;.)<]|de\s+(?:19|20)\d\d\b|de\s+(?:{alt('pronoun_after_de')})\b"
                            rf"|of\s+(?:{alt('pronoun_after_of')})\b"
                            rf"|(?:{alt('after_bare_amount')})\b"
                            r"|[a-záéíóúñ]{3,}(?:rán|rían|aron|ieron)\b)", re.I)  # a verb: "cinco millones servirán"


def inherit(text: str, bare: list[Money], found: list[Money]) -> list[Money]:
    """Give a currency-less ``N millones`` the currency of the mention it goes with: the one it
    is compared with just after (``de mil 400 millones a mil 600 millones de dólares``), or the
    one it continues before it in the same sentence (``27 millones de dólares en cooperación
    militar, 14 millones para ayuda``), unless a noun follows it (``3 millones de personas``)."""
    out: list[Money] = []
    known = list(found)  # in text order; inherited mentions join it, so a list passes its currency on
    starts = [m.start for m in known]
    for b in bare:
        i = bisect_right(starts, b.start)
        nxt = known[i] if i < len(known) and 0 <= known[i].start - b.end <= 60 else None
        got = None
        if nxt is not None and text[b.end:b.end + 1] in (",", ";", ")", " "):
            between = text[b.end:nxt.start]
            if "." not in between and _LINK.search(between):
                got = nxt
        prev = known[i - 1] if i and 0 <= b.start - known[i - 1].end <= _CONTINUES else None
        if got is None and prev is not None and _FUNCTION_WORD.match(text, b.end):
            between = text[prev.end:b.start]
            if not _SENTENCE_END.search(between) and (_BACK_LINK.search(between) or len(between) <= _CONTINUES):
                got = prev
        if got is not None:
            m = Money(b.text, b.start, b.end, b.amount, b.amount_high, got.currency, qualifier(text, b.start, b.end),
                      per(text, b.start, b.end), got.family)
            out.append(m)
            known.insert(i, m)
            starts.insert(i, m.start)
    return out


#: How far back (characters, same sentence) a bare amount looks for the figure it continues.
_CONTINUES = 250
_SENTENCE_END = re.compile(r"[.!?][\s*<>/a-z]*\s[A-ZÁÉÍÓÚ¿¡]|\n\s*\n")


_YEAR = r"(?:19|20)\d\d"
_NUM = r"(\d{1,3}(?:[.,]\d+)?)(?![\d.,]*\d)(?!\s*(?:%|por\s*ciento|percent))"
#: ``..., el 2002, 48; el 2003, 46`` / ``..., 48 in 2002 and 46 in 2003``
_YEAR_PREP = alt("year_prep")
_SERIES_ITEM = re.compile(r"(?:\s*[,;]\s*(?:y\s+|and\s+|mientras\s+que\s+|while\s+)?|\s+(?:y|and)\s+)"
                          r"(?:(?:" + _YEAR_PREP + r")\s+" + _YEAR + r"\s*,?\s*" + _NUM + r"(?!\s*(?:de\s+)?[^\W\d_])"
                          r"|" + _NUM + r"\s+(?:" + _YEAR_PREP + r")\s+" + _YEAR + r")", re.I)
_SERIES_START = re.compile(r"\s+(?:" + _YEAR_PREP + r")\s+" + _YEAR + r"\b", re.I)


def series(text: str, found: list[Money], scale_of) -> list[Money]:
    """Amounts in a list of (year, amount) pairs that continues a figure take its scale and
    currency: ``33 millones de dólares el 2001, mientras que el 2002, 48; el 2003, 46``.

    ``scale_of(mention)`` is the power of ten the figure's own scale word gives (0 for none).
    """
    out: list[Money] = []
    for m in found:
        start = _SERIES_START.match(text, m.end)
        if start is None:
            continue
        exp = scale_of(m)
        if exp < 6:
            continue
        pos = start.end()
        while item := _SERIES_ITEM.match(text, pos):
            g = 1 if item.group(1) else 2
            digits = item.group(g).replace(",", ".")
            try:
                value = Decimal(digits) * Decimal(10) ** exp
            except InvalidOperation:  # pragma: no cover - the pattern rules this out
                break
            a, b = item.start(g), item.end(g)
            value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
            out.append(Money(text[a:b], a, b, value, None, m.currency, "exact", None, m.family))
            pos = item.end()
    return out


_OPEN = re.compile(r"\s*\(")
_PER_UNIT = re.compile(rf"\s*(?:{alt('per_unit')})\s", re.I)


def breakdown(text: str, found: list[Money], scale_of) -> list[Money]:
    """Parts written in parentheses right after a figure, with a sign but no scale word, take its
    scale when smaller than its number: ``$2.730 MILLION (MATERIEL $2.300, TRAINING $.400)``.

    ``found`` is in text order; returns it with such parts rescaled.
    """
    out = list(found)
    for i, m in enumerate(found):
        opened = _OPEN.match(text, m.end)
        if opened is None or m.amount_high is not None:
            continue
        exp = scale_of(m)
        if exp < 6:
            continue
        close = text.find(")", opened.end(), opened.end() + 200)
        unit = m.amount / Decimal(10) ** exp
        for k in range(i + 1, len(found)):
            part = found[k]
            if close < 0 or part.start >= close:
                break
            if scale_of(part) == 0 and part.currency == m.currency and 0 < part.amount < unit \
                    and not _PER_UNIT.match(text, part.end):
                out[k] = Money(part.text, part.start, part.end, exact(part.amount * Decimal(10) ** exp), None,
                               part.currency, part.qualifier, part.per, part.family)
    return out


_AND = re.compile(rf"\s*(?:{alt('and', 'range_to')})\s*")
_BETWEEN = re.compile(r"\b(between|entre)\s*$")
_DASH = re.compile(r"\s*[-–—]\s*")


def merge_ranges(text: str, found: list[Money]) -> list[Money]:
    """Join two mentions of one currency written as a range (``$5 million-$7 million``,
    ``between $8 billion and $12 billion``) into one with ``amount_high``."""
    out: list[Money] = []
    for m in found:
        if out:
            prev = out[-1]
            between = text[prev.end:m.start]
            before = text[max(0, prev.start - 12):prev.start].lower()
            ranged = (_AND.fullmatch(between) and _BETWEEN.search(before)) or _DASH.fullmatch(between)
            if ranged and prev.currency == m.currency and prev.amount_high is None and m.amount >= prev.amount:
                out[-1] = Money(text[prev.start:m.end], prev.start, m.end, prev.amount, m.amount,
                                prev.currency, prev.qualifier, m.per or prev.per, prev.family)
                continue
        out.append(m)
    return out
