"""Read a CSV (or TSV) table corpus record by record; a malformed record costs one error row."""

from __future__ import annotations

import csv
from collections import deque
from collections.abc import Iterator
from typing import Any, BinaryIO

from .lines import _decode, _Lines, _LineTooLong, _stopped, _StreamError
from .rows import DATE_COLUMNS, ID_COLUMNS, TEXT_COLUMNS, TITLE_COLUMNS, Columns, Row, _build, _find, too_large

__all__ = ["iter_csv"]


class _RecordTooLarge(Exception):
    """A CSV record spread over several lines went over the cap."""


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
