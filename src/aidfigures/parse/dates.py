"""Document dates: datelines (``LIMA, Dec 16 2010``), bylines, cable date-time groups, ISO dates."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import ParseError
from ..lang import read_vocab_all
from .trie import trie_pattern

__all__ = ["Dateline", "find_dateline", "find_document_date", "parse_date"]

#: every month name and abbreviation of every language (lang/*/months.csv), longest first, as a trie
#: (the patterns ignore case: one lower-case branch per letter keeps the longest-first order)
_MON = "(?P<mon>" + trie_pattern(sorted({r["name"].lower() for r in read_vocab_all("months")}), space=" ") + r")\.?"
_Y = r"(?P<y>(?:19|20)\d\d)"
#: (A ``\b`` before a digit is written as a look-behind after it, ``\d(?<!\w\d)``, so that a search
#: skips to the digits: 3x faster.)
_DATES = [
    re.compile(rf"\b{_MON}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_Y}\b", re.I),
    re.compile(rf"(?P<d>\d(?<!\w\d)\d?)(?:º|°)?\s+(?:de\s+)?{_MON},?\s+(?:de\s+|del\s+)?{_Y}\b", re.I),
    re.compile(r"(?P<y>(?:1(?<!\w1)9|2(?<!\w2)0)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)"),
    re.compile(r"(?<![\d/])(?P<n1>[01]?\d|[0-3]\d)/(?P<n2>[0-3]?\d)/(?P<y>(?:19|20)\d\d)\b"),
    re.compile(rf"(?P<d2>\d(?<!\w\d)\d)\d{{4}}Z\s+{_MON}\s+(?P<yy>\d{{2}})\b", re.I),
]
#: What a match of each of ``_DATES`` holds (or None), searched first (fast: it starts with no
#: look-behind), and how many characters before the first one the first match can start (None:
#: anywhere before): the numeric form's ``/n2/yyyy``, after one or two digits.
_CORES = (
    (re.compile(r"\d(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b", re.I), None),
    (None, None),
    (None, None),
    (re.compile(r"/\d\d?/(?:19|20)\d\d"), 2),
    (None, None),
)
#: what each of ``_DATES`` is, in order
_FORMS = ("month-day", "day-month", "iso", "numeric", "cable")
#: what every one of ``_DATES`` needs: a year of 19xx or 20xx, or a cable's day-time group
_NEEDED = re.compile(r"(?:19|20)\d\d|\d{6}Z")
_MONTH_YEAR = re.compile(rf"\b{_MON}\s+(?:de\s+)?{_Y}\b", re.I)


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    return {row["name"]: int(row["month"]) for row in read_vocab_all("months")}


def _build(m: re.Match[str]) -> dt.date | None:
    g = m.groupdict()
    if g.get("yy"):
        yy = int(g["yy"])
        year = 1900 + yy if yy >= 50 else 2000 + yy
    else:
        year = int(g["y"])
    if g.get("n1"):  # 3/15/2010 or 15/03/2010: the number over 12 is the day; else month first (US)
        first, second = int(g["n1"]), int(g["n2"])
        month, g["d"] = (second, str(first)) if first > 12 else (first, str(second))
    elif g.get("m"):
        month = int(g["m"])
    else:
        mon = g["mon"].lower().rstrip(".")
        month = _months().get(mon) or _months().get(mon[:3], 0)
    day = int(g.get("d") or g.get("d2") or 1)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True)
class Dateline:
    """The date at the top of a document: where it is and how it is written (``form``, see ``_FORMS``).

    ``alone`` says its line holds little else (``December 17, 2012``, a byline or a cable
    date-time group), as opposed to a date inside a sentence or a photo caption.
    """

    date: dt.date
    start: int
    form: str
    alone: bool


def find_dateline(text: str, head: int = 600) -> Dateline | None:
    """Return the first date near the top of ``text``, where it is and how it is written.

    Examples
    --------
    >>> d = find_dateline("Aid to Haiti\\nDecember 17, 2012\\n\\nThe UN asked for more.")
    >>> d.date, d.form, d.alone
    (datetime.date(2012, 12, 17), 'month-day', True)
    >>> find_dateline("O 200218Z FEB 76\\nFM SECSTATE WASHDC").form
    'cable'
    """
    return _dateline(text[:head])


@lru_cache(maxsize=64)
def _dateline(top: str) -> Dateline | None:
    """The first date in ``top`` (cached: the context and the year choice both ask for it)."""
    best: Dateline | None = None
    if _NEEDED.search(top) is None:
        return None
    for form, pattern, (core, reach) in zip(_FORMS, _DATES, _CORES, strict=True):
        start = 0
        if core is not None:
            held = core.search(top)
            if held is None:
                continue  # (what every match holds is not written: no match)
            start = max(0, held.start() - reach) if reach is not None else 0
        for m in pattern.finditer(top, start):  # (look-behinds still see the text before start)
            found = _build(m)
            if found and (best is None or m.start() < best.start):
                a = top.rfind("\n", 0, m.start()) + 1
                b = top.find("\n", m.end())
                line = top[a:len(top) if b < 0 else b]
                best = Dateline(found, m.start(), form, len(line.strip()) - (m.end() - m.start()) < 50)
            break
    return best


def find_document_date(text: str, head: int = 600) -> dt.date | None:
    """Return the date a document gives near its top (dateline, byline, cable DTG), or None.

    Examples
    --------
    >>> find_document_date("PERU: Cables\\n\\nLIMA, Dec 16 2010 (IPS) - It is not surprising")
    datetime.date(2010, 12, 16)
    >>> find_document_date("O 200218Z FEB 76\\nFM SECSTATE WASHDC")
    datetime.date(1976, 2, 20)
    >>> find_document_date("El pasado lunes 20 de enero") is None
    True
    """
    found = find_dateline(text, head)
    return found.date if found else None


def parse_date(text: str) -> dt.date:
    """Parse a date written as ISO, ``Dec 16 2010``, ``16 de diciembre de 2010`` or ``Jan 2002``.

    A month and year alone give the first of the month.

    Examples
    --------
    >>> parse_date("2010-12-16"), parse_date("Nov 12 2010"), parse_date("Jan 2002")
    (datetime.date(2010, 12, 16), datetime.date(2010, 11, 12), datetime.date(2002, 1, 1))
    >>> parse_date("2012-03-15T10:00Z"), parse_date("3/15/2010"), parse_date("15/03/2010")
    (datetime.date(2012, 3, 15), datetime.date(2010, 3, 15), datetime.date(2010, 3, 15))
    >>> parse_date("soon")
    Traceback (most recent call last):
    ...
    aidfigures.errors.ParseError: no date in 'soon'
    """
    found = find_document_date(text, head=len(text))
    if found:
        return found
    m = _MONTH_YEAR.search(text)
    if m and (d := _build(m)):
        return d
    raise ParseError(f"no date in {text!r}")
