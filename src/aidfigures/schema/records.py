"""A pure-Python check of figure records against schema v1.3: a fast path that :func:`validate` needs not confirm."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Final

from .figures import CATEGORIES, MEASURES, PERS, QUALIFIERS, YEARS

__all__ = ["surely_valid"]

_OPTIONAL_TEXT: Final = ("recipient", "donor", "program", "sentence", "title", "url", "alternatives", "corrected",
                         "original")


def _code(value: Any) -> bool:
    """Three capital ASCII letters (``^[A-Z]{3}$``)."""
    return type(value) is str and len(value) == 3 and value.isascii() and value.isalpha() and value.isupper()


def _year(value: Any) -> bool:
    return value is None or (type(value) is int and YEARS[0] <= value <= YEARS[1])


def _surely_valid_one(f: Any) -> bool:
    """Whether one record (a :class:`~aidfigures.extract.Figure`) surely passes every column check."""
    start, end, amount, high, usd = f.start, f.end, f.amount, f.amount_high, f.amount_usd
    if not (type(f.doc_id) is str and type(f.text) is str and type(start) is int and type(end) is int
            and 0 <= start < end < 2**63 and type(amount) is float and amount >= 0):  # NaN fails `>=`
        return False
    if high is not None and not (type(high) is float and high >= amount):
        return False
    if usd is not None and type(usd) is not float:
        return False
    if not (_code(f.currency) and f.qualifier in QUALIFIERS and (f.per is None or f.per in PERS)
            and (f.category is None or f.category in CATEGORIES) and (f.measure is None or f.measure in MEASURES)
            and (f.recipient_iso3 is None or _code(f.recipient_iso3))):
        return False
    year, year_end = f.year, f.year_end
    if not (_year(year) and _year(year_end) and (year_end is None or (year is not None and year_end >= year))):
        return False
    if not (f.fiscal is None or type(f.fiscal) is bool) or not (f.is_aid is None or type(f.is_aid) is bool):
        return False
    confidence = f.confidence
    if confidence is not None and not (type(confidence) is float and 0.0 <= confidence <= 1.0):
        return False
    if f.published is not None and type(f.published) is not dt.date:
        return False
    return all(getattr(f, name) is None or type(getattr(f, name)) is str for name in _OPTIONAL_TEXT)


def surely_valid(figures: Iterable[Any]) -> bool:
    """True when :func:`aidfigures.schema.validate` of these records' table is sure to pass: every
    value of the type its column holds and within its checks, no key ``(doc_id, start)`` twice.

    False means only "not sure" (e.g. a numpy number, a NaN amount, an odd but accepted code):
    the caller validates the table the usual way, which gives the exact error, if any.

    Examples
    --------
    >>> from aidfigures.extract import find_figures
    >>> figures = find_figures("Peru received $5 million in 2006.", doc_id="a")
    >>> surely_valid(figures), surely_valid(figures + figures)
    (True, False)
    """
    seen: set[tuple[str, int]] = set()
    for f in figures:
        key = (f.doc_id, f.start)
        if key in seen or not _surely_valid_one(f):
            return False
        seen.add(key)
    return True
