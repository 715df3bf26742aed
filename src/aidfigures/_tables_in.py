"""Read table corpora (JSONL, CSV) row by row with bounded memory; malformed rows become errors.

Every physical line is read with a length limit, so a 200 MB line is skipped in chunks instead of
being loaded, and a CSV record is never held past the size cap. A row that cannot be read is
reported as a :class:`Row` with ``error`` set and the reading goes on with the next one.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
import re
import zlib
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO, Final

from ._files import _size
from .errors import ParseError
from .parse.dates import parse_date

__all__ = ["DATE_COLUMNS", "ID_COLUMNS", "TEXT_COLUMNS", "TITLE_COLUMNS", "Columns", "Row", "cell_date",
           "iter_csv", "iter_jsonl", "stream_problem", "too_large"]

#: Default column names, first found wins (matched case-insensitively).
TEXT_COLUMNS: Final = ("text", "content", "body", "article")
ID_COLUMNS: Final = ("id", "doc_id")
DATE_COLUMNS: Final = ("date", "published", "pubdate")
TITLE_COLUMNS: Final = ("title", "subject")
_CHUNK: Final = 1 << 20
_QUOTE: Final = ord('"')
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


class _StreamError(Exception):
    """Reading the underlying stream failed; ``__cause__`` says how."""


class _LineTooLong(Exception):
    """A physical line was over the cap; it has been skipped. ``args``: (line number, size)."""


class _RecordTooLarge(Exception):
    """A CSV record spread over several lines went over the cap."""


class _Lines:
    """The numbered physical lines of a binary stream, none longer than ``cap`` bytes in memory."""

    def __init__(self, stream: BinaryIO, cap: int) -> None:
        self.stream = stream
        self.cap = cap
        self.number = 0  # of the last line read

    def _readline(self, limit: int) -> bytes:
        try:
            return self.stream.readline(limit)
        except (OSError, EOFError, zlib.error) as exc:
            raise _StreamError() from exc

    def next(self) -> tuple[int, bytes] | None:
        """The next line (with its line end), or None at the end; raises :class:`_LineTooLong`
        after skipping a line longer than the cap."""
        line = self._readline(min(self.cap + 1, _CHUNK))
        if not line:
            return None
        self.number += 1
        if line.endswith(b"\n") or len(line) <= min(self.cap, _CHUNK - 1):
            return self.number, line
        parts, size = [line], len(line)  # a long line: read in chunks, dropped once over the cap
        while size <= self.cap:
            chunk = self._readline(min(self.cap + 1 - size, _CHUNK))
            if not chunk:
                break
            parts.append(chunk)
            size += len(chunk)
            if chunk.endswith(b"\n"):
                break
        if size > self.cap and not parts[-1].endswith(b"\n"):
            parts.clear()
            raise _LineTooLong(self.number, size + self._skip()[0])
        return self.number, b"".join(parts)

    def _skip(self) -> tuple[int, int]:
        """Read to the end of the current line without keeping it: (bytes, quote characters)."""
        size = quotes = 0
        while True:
            chunk = self._readline(_CHUNK)
            size += len(chunk)
            quotes += chunk.count(_QUOTE)
            if not chunk or chunk.endswith(b"\n"):
                return size, quotes

    def skip_line(self) -> tuple[int, int] | None:
        """Skip a whole line: (bytes, quote characters), or None at the end."""
        size, quotes = self._skip()
        if not size:
            return None
        self.number += 1
        return size, quotes


def _decode(raw: bytes, first: bool, where: str) -> tuple[str, tuple[str, ...]]:
    """Decode one line as UTF-8 (a BOM dropped on the first), else cp1252 with a warning."""
    try:
        return raw.decode("utf-8-sig" if first else "utf-8"), ()
    except UnicodeDecodeError as exc:
        note = f"{where}: not valid UTF-8 (byte 0x{raw[exc.start]:02x}); decoded as cp1252"
        return raw.decode("cp1252", errors="replace"), (note,)


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
        text = ""
    if not isinstance(text, str):
        return Row(line, number, doc_id, error=f"field {text_col!r} is {type(text).__name__}, not text",
                   warnings=notes)
    date = _cell(record.get(date_col)).strip() if date_col else ""
    title = _cell(record.get(title_col)).strip() if title_col else ""
    used = {text_col, id_col, date_col, title_col}
    metadata = {key: _cell(value) for key, value in record.items() if key not in used}
    return Row(line, number, doc_id, _text(text), date or None, title or None, metadata,
               warnings=notes)


def iter_jsonl(stream: BinaryIO, where: str, columns: Columns, cap: int) -> Iterator[Row]:
    """Rows of a JSON-lines stream: one JSON object per line, blank lines skipped.

    ``where`` names the file in warnings. Columns are found per row (records may differ).
    """
    lines = _Lines(stream, cap)
    number = 0
    while True:
        try:
            got = lines.next()
        except _LineTooLong as exc:
            number += 1
            yield Row(exc.args[0], number, error=too_large(cap, exc.args[1]))
            continue
        except _StreamError as exc:
            yield Row(lines.number + 1, number + 1, error=_stopped(exc, lines.number), last=True)
            return
        if got is None:
            return
        line, raw = got
        if not raw.strip():
            continue
        number += 1
        text, notes = _decode(raw, line == 1, f"{where}#line {line}")
        try:
            record = json.loads(text.rstrip("\r\n"))
        except json.JSONDecodeError as exc:
            yield Row(line, number, error=f"not valid JSON: {exc.msg} (column {exc.colno})", warnings=notes)
            continue
        if not isinstance(record, dict):
            yield Row(line, number, error=f"a JSON {type(record).__name__}, not an object", warnings=notes)
            continue
        names = list(record)
        text_col = _find(names, columns.text, TEXT_COLUMNS)
        if text_col is None:
            wanted = f"field {columns.text!r}" if columns.text else "text field (" + ", ".join(TEXT_COLUMNS) + ")"
            yield Row(line, number, error=f"no {wanted} in this record", warnings=notes,
                      id=_id_only(record, _find(names, columns.id, ID_COLUMNS)))
            continue
        chosen = (text_col, _find(names, columns.id, ID_COLUMNS), _find(names, columns.date, DATE_COLUMNS),
                  _find(names, None, TITLE_COLUMNS))
        yield _build(record, chosen, line, number, notes)


def _id_only(record: dict[str, Any], id_col: str | None) -> str | None:
    """The record's id as text (numbers too), or None when missing, empty or not a scalar."""
    value = record.get(id_col) if id_col else None
    if value is None or isinstance(value, (dict, list)):
        return None
    return _cell(value).strip() or None


def _stopped(exc: _StreamError, after: int) -> str:
    """The error for a stream that broke after line ``after``."""
    problem = stream_problem(exc.__cause__ or exc)
    where = f"after line {after}" if after else "at the start"
    return f"{problem} {where}; the rest of the file is not read"


class _Feed:
    """Decoded physical lines for ``csv.reader``, remembering those of the current record so that
    a malformed record can be reported by its first line and the lines after it read again."""

    def __init__(self, lines: _Lines, where: str) -> None:
        self.lines = lines
        self.where = where
        self.pending: deque[tuple[int, str, tuple[str, ...]]] = deque()
        self.record: list[tuple[int, str, tuple[str, ...]]] = []
        self.size = 0

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        if self.pending:
            item = self.pending.popleft()
        else:
            got = self.lines.next()
            if got is None:
                raise StopIteration
            line, raw = got
            item = (line, *_decode(raw, line == 1, f"{self.where}#line {line}"))
        self.record.append(item)
        self.size += len(item[1])
        if self.size > self.lines.cap:
            raise _RecordTooLarge()
        return item[1]

    def start(self) -> None:
        """A new record begins."""
        self.record.clear()
        self.size = 0

    def first_line(self) -> int:
        return self.record[0][0] if self.record else self.lines.number + 1

    def notes(self) -> tuple[str, ...]:
        return tuple(note for item in self.record for note in item[2])

    def replay(self) -> None:
        """Read the lines of the current record but its first again, as new records."""
        self.pending.extendleft(reversed(self.record[1:]))
        self.start()

    def skip_record(self) -> int:
        """Read on to the end of the current over-large record (a line end outside quotes) without
        keeping it; return the record's size in characters/bytes."""
        size = self.size
        quotes = sum(item[1].count('"') for item in self.record)
        while quotes % 2:
            if self.pending:
                item = self.pending.popleft()
                got: tuple[int, int] | None = (len(item[1]), item[1].count('"'))
            else:
                got = self.lines.skip_line()
            if got is None:
                break
            size += got[0]
            quotes += got[1]
        self.start()
        return size


def _records(feed: _Feed, cap: int, delimiter: str) -> Iterator[tuple[int, list[str] | None, str | None, bool]]:
    """(first line, fields, error, last) for each non-blank CSV record; ``last``: the stream broke."""
    reader = csv.reader(feed, delimiter=delimiter, strict=True)
    while True:
        feed.start()
        try:
            fields = next(reader)
        except StopIteration:
            return
        except _StreamError as exc:
            yield feed.lines.number + 1, None, _stopped(exc, feed.lines.number), True
            return
        except _LineTooLong as exc:
            line = feed.first_line() if feed.record else exc.args[0]
            yield line, None, too_large(cap, exc.args[1] + feed.size), False
        except _RecordTooLarge:
            line = feed.first_line()
            try:
                size = feed.skip_record()
            except _StreamError as exc:
                yield feed.lines.number + 1, None, _stopped(exc, feed.lines.number), True
                return
            yield line, None, too_large(cap, size), False
        except csv.Error as exc:
            line = feed.first_line()
            feed.replay()
            yield line, None, f"malformed CSV: {exc}", False
        else:
            if fields:
                yield feed.first_line(), fields, None, False
            continue
        reader = csv.reader(feed, delimiter=delimiter, strict=True)  # a fresh parser after an error


def iter_csv(stream: BinaryIO, where: str, columns: Columns, cap: int, delimiter: str = ",") -> Iterator[Row]:
    """Rows of a CSV stream with a header row (strict quoting; a malformed record is an error row
    and the lines after its first are read again, so one broken quote loses one row)."""
    csv.field_size_limit(max(csv.field_size_limit(), min(cap + 1, 2**31 - 1)))
    feed = _Feed(_Lines(stream, cap), where)
    header: list[str] | None = None
    chosen: tuple[str, str | None, str | None, str | None] | None = None
    number = 0
    for line, fields, error, last in _records(feed, cap, delimiter):
        notes = feed.notes()
        if header is None or chosen is None:
            if fields is None:
                yield Row(line, 0, error=f"CSV header not readable: {error}", last=True)
                return
            header = [name.strip() or f"column{i + 1}" for i, name in enumerate(fields)]
            text_col = _find(header, columns.text, TEXT_COLUMNS)
            problem = _missing(header, columns, text_col)
            if problem or text_col is None:
                yield Row(line, 0, error=problem, last=True)
                return
            chosen = (text_col, _find(header, columns.id, ID_COLUMNS), _find(header, columns.date, DATE_COLUMNS),
                      _find(header, None, TITLE_COLUMNS))
            continue
        number += 1
        if fields is None:
            yield Row(line, number, error=error, last=last)
        elif len(fields) != len(header):
            yield Row(line, number, error=f"expected {len(header)} fields, got {len(fields)}", warnings=notes)
        else:
            record: dict[str, Any] = {}
            for name, value in zip(header, fields, strict=True):
                record.setdefault(name, value)
            yield _build(record, chosen, line, number, notes)
    if header is None:
        yield Row(1, 0, error="empty CSV file: no header row", last=True)


def _missing(header: list[str], columns: Columns, text_col: str | None) -> str | None:
    """Why a CSV header cannot be used, or None."""
    listed = ", ".join(header)
    if text_col is None:
        if columns.text:
            return f"no column {columns.text!r} (columns: {listed})"
        return f"no text column: looked for {', '.join(TEXT_COLUMNS)} (columns: {listed})"
    for kind, wanted in (("id", columns.id), ("date", columns.date)):
        if wanted and _find(header, wanted, ()) is None:
            return f"no {kind} column {wanted!r} (columns: {listed})"
    return None
