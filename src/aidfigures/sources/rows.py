"""Rows of table corpora: the columns asked for, a :class:`Row` (or why not), cell dates, error texts."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import zlib
from dataclasses import dataclass, field
from typing import Any, Final

from ..errors import ParseError
from ..parse.dates import parse_date
from .decoding import _size

__all__ = ["DATE_COLUMNS", "ID_COLUMNS", "TEXT_COLUMNS", "TITLE_COLUMNS", "Columns", "Row", "cell_date",
           "stream_problem", "too_large"]

#: Default column names, first found wins (matched case-insensitively).
TEXT_COLUMNS: Final = ("text", "content", "body", "article")
ID_COLUMNS: Final = ("id", "doc_id")
DATE_COLUMNS: Final = ("date", "published", "pubdate")
TITLE_COLUMNS: Final = ("title", "subject")
_ISO_DATE: Final = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_SLASH_DATE: Final = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")


@dataclass(frozen=True)
class Columns:
    """Column names asked for explicitly (None: use the defaults)."""

    text: str | None = None
    id: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Row:
    """One row of a table corpus, or why it could not be read.

    ``line`` is the physical line the row starts on (1-based), ``number`` the row's 1-based
    position among the file's data rows (blank lines and the CSV header not counted). ``last``
    marks an error after which nothing more is read from the file (bad header, corrupt stream).
    """

    line: int
    number: int
    id: str | None = None
    text: str = ""
    date: str | None = None
    title: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    warnings: tuple[str, ...] = ()
    last: bool = False


def too_large(cap: int, size: int | None = None) -> str:
    """The error text for a document over the size cap (``size`` when it is known)."""
    if size is None:
        return f"document too large: over the {_size(cap)} cap"
    return f"document too large: {_size(size)} > {_size(cap)} cap"


def stream_problem(exc: BaseException) -> str:
    """Describe a failure to read a (possibly gzip-compressed) byte stream."""
    if isinstance(exc, (EOFError, zlib.error, gzip.BadGzipFile)):
        return f"corrupt .gz ({exc})"
    if isinstance(exc, OSError):
        return f"cannot read ({exc.strerror or exc})"
    return f"cannot read ({type(exc).__name__}: {exc})"


def cell_date(value: str) -> dt.date | None:
    """A table cell as a date, or None: ISO (``2006-03-15``, ``2006-03-15T14:22:00``), ``3/15/2006``
    (month first, as in US data, unless the first number is over 12), else what
    :func:`aidfigures.parse.dates.parse_date` reads (``Dec 16 2010``, ``16 de diciembre de 2010``).

    >>> cell_date("1976-02-20T18:00:00"), cell_date("12/28/1966 18:48"), cell_date("28/12/1966")
    (datetime.date(1976, 2, 20), datetime.date(1966, 12, 28), datetime.date(1966, 12, 28))
    >>> cell_date("Dec 16 2010"), cell_date("2010-02-30"), cell_date("soon")
    (datetime.date(2010, 12, 16), None, None)
    """
    try:
        if m := _ISO_DATE.match(value):
            return dt.date(*map(int, m.groups()))
        if m := _SLASH_DATE.match(value):
            a, b, year = map(int, m.groups())
            return dt.date(year, *((a, b) if a <= 12 else (b, a)))
        return parse_date(value)
    except (ValueError, ParseError):
        return None


def _find(names: list[str], wanted: str | None, defaults: tuple[str, ...]) -> str | None:
    """The column to use: ``wanted`` (exactly, else ignoring case) or the first default present."""
    lower: dict[str, str] = {}
    for name in names:
        lower.setdefault(name.lower(), name)
    if wanted is not None:
        return wanted if wanted in names else lower.get(wanted.lower())
    return next((lower[d] for d in defaults if d in lower), None)


def _cell(value: Any) -> str:
    """A metadata value as text (JSON for anything but strings; ``""`` for null)."""
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _text(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _build(record: dict[str, Any], chosen: tuple[str, str | None, str | None, str | None],
           line: int, number: int, notes: tuple[str, ...]) -> Row:
    """A row from a record whose text column is ``chosen[0]`` (present)."""
    text_col, id_col, date_col, title_col = chosen
    doc_id = _id_only(record, id_col)
    text = record[text_col]
    if text is None:
        return Row(line, number, doc_id, error=f"field {text_col!r} is null, not text", warnings=notes)
    if not isinstance(text, str):
        return Row(line, number, doc_id, error=f"field {text_col!r} is {type(text).__name__}, not text",
                   warnings=notes)
    date = _cell(record.get(date_col)).strip() if date_col else ""
    title = _cell(record.get(title_col)).strip() if title_col else ""
    used = {text_col, id_col, date_col, title_col}
    metadata = {key: _cell(value) for key, value in record.items() if key not in used}
    return Row(line, number, doc_id, _text(text), date or None, title or None, metadata,
               warnings=notes)


def _id_only(record: dict[str, Any], id_col: str | None) -> str | None:
    """The record's id as text (numbers too), or None when missing, empty or not a scalar."""
    value = record.get(id_col) if id_col else None
    if value is None or isinstance(value, (dict, list)):
        return None
    return _cell(value).strip() or None
