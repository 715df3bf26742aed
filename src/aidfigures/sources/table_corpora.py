"""Table corpora (JSONL/CSV rows) and stdin as :class:`SourceDocument` records, ids claimed in reading order."""

from __future__ import annotations

import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, cast

from .csv_rows import iter_csv
from .files import _text, _Unreadable
from .jsonl_rows import iter_jsonl
from .rows import Columns, Row, cell_date, stream_problem, too_large
from .stdin import Encoded, Prefixed, sniff
from .types import STDIN, SourceDocument, _Entry


def _claim(base: str, used: set[str]) -> str:
    """``base``, or ``base~2``, ``base~3``... the first not used yet; marks it used."""
    doc_id, n = base, 1
    while doc_id in used:
        n += 1
        doc_id = f"{base}~{n}"
    used.add(doc_id)
    return doc_id


def _table_documents(entry: _Entry, opener: Callable[[], BinaryIO], columns: Columns, cap: int,
                     used: set[str], file_id: str | None = None) -> Iterator[SourceDocument]:
    """One document per row of a JSONL or CSV stream (``opener`` gives it; it is closed here)."""
    where = entry.source
    try:
        stream = opener()
    except OSError as exc:  # a file that vanished or cannot be opened
        yield SourceDocument(file_id or _claim(entry.stem, used), where, error=stream_problem(exc))
        return
    with stream:
        if entry.kind == "jsonl":
            rows = iter_jsonl(stream, where, columns, cap)
        else:
            rows = iter_csv(stream, where, columns, cap, "\t" if entry.kind == "tsv" else ",")
        for row in rows:
            yield _row_document(row, entry.stem, where, used, file_id)


def _row_document(row: Row, stem: str, where: str, used: set[str], file_id: str | None) -> SourceDocument:
    if row.last:  # a problem with the file, not one row
        return SourceDocument(file_id or _claim(stem, used), where, error=row.error, warnings=row.warnings)
    doc_id = _claim(row.id or f"{stem}#{row.number}", used)
    source = f"{where}#line {row.line}"
    if row.error is not None:
        return SourceDocument(doc_id, source, error=row.error, warnings=row.warnings)
    published, notes = None, row.warnings
    if row.date is not None:
        published = cell_date(row.date)
        if published is None:
            notes += (f"{source}: date {row.date!r} not understood",)
    return SourceDocument(doc_id, source, row.text, published, row.title, None, notes, row.metadata)


def _stdin_documents(doc_id: str, columns: Columns, cap: int, used: set[str]) -> Iterator[SourceDocument]:
    """Standard input: JSON lines when it starts with a JSON object on a line, else one text document."""
    entry = _Entry(None, "jsonl", False)
    buffer = getattr(sys.stdin, "buffer", None)
    raw = Encoded(sys.stdin) if buffer is None else buffer
    try:
        stream, head, jsonl = sniff(raw, cap)
        if not jsonl:
            data = head + stream.read(cap + 1 - len(head)) if len(head) <= cap else head
    except (OSError, EOFError, zlib.error) as exc:
        yield SourceDocument(doc_id, STDIN, error=stream_problem(exc))
        return
    if jsonl:
        yield from _table_documents(entry, lambda: cast(BinaryIO, Prefixed(head, stream)), columns, cap, used, doc_id)
    elif len(data) > cap:
        yield SourceDocument(doc_id, STDIN, error=too_large(cap))
    else:
        try:
            text, notes = _text(data, Path(STDIN), html=False)
        except _Unreadable as exc:
            yield SourceDocument(doc_id, STDIN, error=str(exc))
            return
        yield SourceDocument(doc_id, STDIN, text, warnings=notes)
