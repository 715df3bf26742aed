"""The corrections file: :class:`Correction`, reading it (checked, line by line) and appending under a lock."""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from filelock import FileLock

from ..errors import CorrectionsError
from .values import check_value

__all__ = ["COLUMNS", "OPTIONAL_COLUMNS", "Correction", "read_corrections", "append_corrections", "lock_path"]

#: The columns of a corrections file, in order (``doc_id`` is informative and may be left out).
COLUMNS: Final = ("sha256", "start", "end", "field", "value", "who", "when", "note", "doc_id")
OPTIONAL_COLUMNS: Final = frozenset({"doc_id"})
_SHA: Final = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Correction:
    """One line of a corrections file: a hand-checked value of one field of one figure.

    Attributes
    ----------
    sha256 : str
        SHA-256 of the document's text, as in the documents table (the key: a changed text makes the
        correction stale).
    start, end : int
        The figure's span in that text.
    field : str
        ``recipient``, ``year``, ``amount``, ``currency``, ``is_aid``, or ``confirmed`` ("checked, right").
    value : str
        The value as the figures table writes it: an ISO3 code or a region (code or name) for
        ``recipient``, a year, an amount in ``currency`` units, an ISO 4217 code, ``true``/``false``;
        empty for "none" (no recipient, no year, unknown is_aid); empty for ``confirmed``.
    who, when, note : str
        Who made it, when (ISO 8601 UTC), and why.
    doc_id : str
        The document's id when the correction was made (for messages; the sha256 is the key).
    """

    sha256: str
    start: int
    end: int
    field: str
    value: str = ""
    who: str = ""
    when: str = ""
    note: str = ""
    doc_id: str = ""

    def __post_init__(self) -> None:
        if not _SHA.fullmatch(self.sha256):
            raise CorrectionsError(f"sha256 {self.sha256!r} is not 64 lower-case hex digits")
        if not (isinstance(self.start, int) and isinstance(self.end, int) and 0 <= self.start < self.end):
            raise CorrectionsError(f"span {self.start}-{self.end} is not a span (0 <= start < end)")
        try:
            check_value(self.field, self.value)
        except ValueError as exc:
            raise CorrectionsError(str(exc)) from None

    @property
    def span(self) -> str:
        """``start-end``, as messages write it."""
        return f"{self.start}-{self.end}"

    def describe(self) -> str:
        """``doc_id:start-end field=value`` (the sha256's first 12 digits when there is no doc_id)."""
        where = self.doc_id or f"sha256 {self.sha256[:12]}"
        return f"{where}:{self.span} {self.field}" + (f"={self.value!r}" if self.field != "confirmed" else "")


def read_corrections(path: str | os.PathLike[str]) -> list[Correction]:
    """Read a corrections file (CSV with a header, the columns of :data:`COLUMNS`), checking every line.

    Raises
    ------
    CorrectionsError
        Naming the file and line: a missing or unknown column, a bad sha256 or span, an unknown field,
        an unknown country or currency code, a year outside 1900-2100, a negative amount, a bad boolean.
        A missing file raises it too (naming the file).
    """
    where = Path(path)
    try:
        text = where.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorrectionsError(f"{where}: cannot read the corrections file: {exc}") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        return []
    header = [h.strip() for h in header]
    unknown = [h for h in header if h not in COLUMNS]
    missing = [c for c in COLUMNS if c not in header and c not in OPTIONAL_COLUMNS]
    if unknown or missing:
        said = "; ".join(part for part in (unknown and f"unknown columns {', '.join(unknown)}",
                                           missing and f"missing columns {', '.join(missing)}") if part)
        raise CorrectionsError(f"{where}, line 1: {said} (a corrections file has {','.join(COLUMNS)})")
    out = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise CorrectionsError(f"{where}, line {line}: {len(row)} cells, the header has {len(header)}")
        cells = dict(zip(header, row, strict=True))
        try:
            start, end = int(cells["start"]), int(cells["end"])
        except ValueError:
            raise CorrectionsError(f"{where}, line {line}: start and end must be whole numbers, not "
                                   f"{cells['start']!r}, {cells['end']!r}") from None
        try:
            out.append(Correction(cells["sha256"].strip(), start, end, cells["field"].strip(), cells["value"],
                                  cells["who"], cells["when"], cells["note"], cells.get("doc_id", "")))
        except CorrectionsError as exc:
            raise CorrectionsError(f"{where}, line {line}: {exc}") from None
    return out


def lock_path(path: str | os.PathLike[str]) -> Path:
    """The lock file of a corrections file: ``.NAME.lock`` beside it."""
    where = Path(path)
    return where.with_name(f".{where.name}.lock")


def append_corrections(path: str | os.PathLike[str], corrections: Iterable[Correction],
                       timeout: float = 30.0) -> Path:
    """Append ``corrections`` to the file at ``path`` (created with its header when missing).

    The lines are written under a file lock (``filelock``, ``.NAME.lock`` beside the file) in one
    write that is flushed and synced before the lock is released, so two writers (two Lab kernels)
    never lose or interleave a line. Waits up to ``timeout`` seconds for the lock. The lines follow
    the file's own header (a file written without the optional ``doc_id`` column gets none).
    """
    where = Path(path)
    rows = list(corrections)
    where.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(lock_path(where), timeout=timeout):
        header = _header(where)
        unknown = [h for h in header or () if h not in COLUMNS]
        if unknown:
            raise CorrectionsError(f"{where}, line 1: unknown columns {', '.join(unknown)}; nothing appended")
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        if header is None:
            header = list(COLUMNS)
            writer.writerow(header)
        elif not _ends_with_newline(where):
            buffer.write("\n")
        for c in rows:
            writer.writerow([getattr(c, name) for name in header])
        with where.open("a", encoding="utf-8", newline="") as handle:
            handle.write(buffer.getvalue())
            handle.flush()
            os.fsync(handle.fileno())
    return where


def _header(path: Path) -> list[str] | None:
    """The columns of an existing corrections file; None when it is missing or empty."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    with path.open(encoding="utf-8", newline="") as handle:
        return [h.strip() for h in next(csv.reader(handle), [])] or None


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"

