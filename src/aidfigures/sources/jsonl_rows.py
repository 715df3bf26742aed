"""Read a JSON-lines table corpus row by row; a malformed line becomes an error row."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from .lines import _decode, _Lines, _LineTooLong, _stopped, _StreamError
from .rows import (
    DATE_COLUMNS,
    ID_COLUMNS,
    TEXT_COLUMNS,
    TITLE_COLUMNS,
    Columns,
    Row,
    _build,
    _find,
    _id_only,
    too_large,
)

__all__ = ["iter_jsonl"]


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
