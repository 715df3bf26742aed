"""Streaming writers for corpus runs: the figures and documents tables, chunk by chunk.

Every format works on hidden *partial* files beside the output and moves them into place only when
the run completes, so ``OUT`` is either the previous complete output or the new one. The partial
files are what ``--resume`` continues after an interruption:

- CSV: ``.NAME.partial`` for each table, appended chunk by chunk, plus ``.NAME.checkpoint.json``
  holding the byte length of both after the last complete chunk (a torn tail is cut back to it).
- Parquet (a ``.parquet`` file, or a dataset directory for an ``OUT`` ending in ``/``): a work
  directory ``.NAME.partial/`` with ``figures/part-NNNNNN.parquet`` and
  ``documents/part-NNNNNN.parquet``, one pair per chunk, each file written then renamed (a
  documents part is the chunk's commit mark). A dataset output is that directory renamed; a
  single file is merged from the parts, one row group per part.
- DuckDB: ``.NAME.partial`` database, one transaction per chunk (figures and documents rows).
- Excel (``.xlsx``): ``.NAME.partial`` workbook written row by row, a sheet per table (not resumable).

Workers turn a chunk's tables into a *payload* with :func:`encode` (CSV text, or Arrow tables);
the parent only appends payloads in sequence order.
"""
from __future__ import annotations

import contextlib
import csv
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TextIO

from filelock import BaseFileLock

from .. import schema
from ..errors import FormatError
from ..schema.documents import DOCUMENT_COLUMNS, DOCUMENT_DTYPES
from .base import Payload, Target, Writer, _hidden, output_target
from .csv_writer import _CsvWriter, _StdoutWriter
from .lock import lock_output

if TYPE_CHECKING:  # imported where a table is built: a CSV run needs none
    import pandas as pd

__all__ = ["open_writer", "read_documents"]


def open_writer(target: Target, *, resume: bool = False, stream: TextIO | None = None) -> Writer:
    """Open the writer for ``target`` (a fresh partial output, or the one to resume).

    The output's lock (:func:`aidfigures.outputs.lock.lock_output`) is taken first, so a second run
    on the same ``OUT`` raises :class:`~aidfigures.outputs.lock.OutputBusyError` before touching any
    file; the writer releases it when it finishes or is closed.
    """
    if target.kind == "stdout":
        return _StdoutWriter(stream)
    lock = lock_output(target)
    try:
        if resume and target.kind != "xlsx":
            written = _written_columns(target)
            if written is not None and written != list(schema.COLUMNS):
                raise FormatError(f"{target.figures}: written under another figures schema ({len(written)} "
                                  f"columns, schema {schema.SCHEMA_VERSION} has {len(schema.COLUMNS)}); run "
                                  "without --resume to write it anew")
        writer: Writer
        if target.kind == "csv":  # the other writers are imported for their kind only (pyarrow.parquet: 25 ms)
            writer = _CsvWriter(target, resume)
        elif target.kind in ("parquet", "dataset"):
            from .parquet_writer import _ParquetWriter
            writer = _ParquetWriter(target, resume)
        elif target.kind == "xlsx":
            from .xlsx_writer import _XlsxWriter
            writer = _XlsxWriter(target, resume)
        else:
            from .duckdb_writer import _DuckDBWriter
            writer = _DuckDBWriter(target, resume)
    except BaseException:
        _release(lock)
        raise
    return _Locked(writer, lock)


class _Locked(Writer):
    """A writer holding its output's lock until it finishes or is closed."""

    def __init__(self, writer: Writer, lock: BaseFileLock | None) -> None:
        self.writer, self.lock = writer, lock

    def done(self) -> Iterator[tuple[str, str | None, bool]]:
        return self.writer.done()

    def write(self, payload: Payload, stale: Iterable[str] = ()) -> None:
        self.writer.write(payload, stale)

    def finish(self) -> None:
        try:
            self.writer.finish()
        finally:
            _release(self.lock)

    def close(self) -> None:
        try:
            self.writer.close()
        finally:
            _release(self.lock)


def _release(lock: BaseFileLock | None) -> None:
    """Remove the lock file while still holding it, then release it: a run that opened the old file
    meanwhile finds it unlinked (filelock checks) and fails as busy; the next run makes a new one."""
    if lock is not None and lock.is_locked:
        with contextlib.suppress(OSError):
            os.unlink(lock.lock_file)
        lock.release()


def _written_columns(target: Target) -> list[str] | None:
    """The figures columns of the output a resumed run would continue (its partial files, else the
    finished output); None when there is none or it cannot be read (the writer then says why)."""
    try:
        return _columns_on_disk(target)
    except Exception:  # noqa: BLE001 - a damaged output is the writer's to report, with its own message
        return None


def _columns_on_disk(target: Target) -> list[str] | None:
    assert target.figures is not None
    partial = _hidden(target.figures, ".partial")
    if target.kind == "csv":
        for path in (partial, target.figures):
            if path.is_file():
                with path.open(encoding="utf-8", newline="") as handle:
                    return next(csv.reader(handle), [])
        return None
    if target.kind == "duckdb":
        import duckdb

        for path in (partial, target.figures):
            if path.is_file():
                with duckdb.connect(str(path), read_only=True) as con:
                    rows = con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = "
                                       "'figures' ORDER BY ordinal_position").fetchall()
                return [r[0] for r in rows] or None
        return None
    parts = sorted((partial / "figures").glob("part-*.parquet")) if partial.is_dir() else []
    if not parts:
        parts = (sorted((target.figures / "figures").glob("part-*.parquet")) if target.kind == "dataset"
                 else [target.figures] if target.figures.is_file() else [])
    if not parts:
        return None
    import pyarrow.parquet as pq

    return pq.read_schema(parts[0]).names


# ---------------------------------------------------------------- reading back

def read_documents(output: str | os.PathLike[str]) -> pd.DataFrame:
    """Read the documents table of a corpus run's output (the figures output's path, as given to ``-o``).

    Examples
    --------
    >>> read_documents("figures.json")
    Traceback (most recent call last):
    ...
    aidfigures.errors.FormatError: figures.json: unsupported figures file type '.json'; ...
    """
    target = output_target(output)
    if target.kind == "stdout":
        raise FormatError("stdout has no documents table")
    if target.kind == "xlsx":
        raise FormatError(f"{output}: an .xlsx output is for spreadsheets; read the documents of a .csv, "
                          ".parquet or .duckdb output")
    assert target.documents is not None
    if target.kind == "csv":
        import pandas as pd

        raw = pd.read_csv(target.documents, dtype="string", keep_default_na=False, na_values=[""],
                          encoding="utf-8")
        for col in raw.columns:
            raw[col] = raw[col].mask(raw[col].str.startswith("'").fillna(False).astype(bool),
                                     raw[col].str.slice(1))
        raw["published"] = pd.to_datetime(raw["published"], format="%Y-%m-%d")
        frame = raw
    elif target.kind == "duckdb":
        import duckdb
        with duckdb.connect(str(target.documents), read_only=True) as con:
            frame = con.sql("SELECT * FROM documents").df()
    else:
        import pyarrow.parquet as pq

        path = target.documents / "documents" if target.kind == "dataset" else target.documents
        frame = pq.read_table(path).to_pandas(date_as_object=False)
    return frame.astype(DOCUMENT_DTYPES)[list(DOCUMENT_COLUMNS)]
