"""Shared by the corpus-run writers: output targets, the documents table, payloads, the Writer base."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Final

from .. import schema
from ..errors import FormatError
from ..schema.documents import DOCUMENT_COLUMNS, DOCUMENT_DTYPES, documents_arrow
from .csv_format import csv_line

if TYPE_CHECKING:  # imported where a table is built: a CSV run needs none
    import pandas as pd
    import pyarrow as pa


@cache
def figures_arrow() -> pa.Schema:
    """The figures table's Arrow types (schema v1.2): pandas' own, except ``published``, a date (like
    the documents'). Made on first use, by Arrow payloads and writers only (7 ms of a CSV run's start)."""
    import pyarrow as pa

    return pa.schema([pa.field(f.name, pa.date32()) if f.name == "published" else f
                      for f in pa.Schema.from_pandas(schema.empty_figures(), preserve_index=False)])

_PART: Final = "part-{:06d}.parquet"


@dataclass(frozen=True)
class Target:
    """Where a run writes: ``kind`` is ``csv``, ``parquet``, ``dataset``, ``duckdb``, ``xlsx`` or ``stdout``."""

    kind: str
    figures: Path | None
    documents: Path | None

    @property
    def payload(self) -> str:
        """What workers produce for it: ``csv`` text or ``arrow`` tables."""
        return "csv" if self.kind in ("csv", "stdout") else "arrow"


def output_target(output: str | os.PathLike[str]) -> Target:
    """Resolve ``-o OUT``: the format and the paths of the figures and documents outputs.

    ``-`` is CSV on stdout (no documents table); ``.csv``/``.parquet`` files get a documents table
    named ``NAME.documents.csv``/``NAME.documents.parquet`` beside them; ``.duckdb`` (or ``.db``)
    holds both tables, as does ``.xlsx`` (a sheet each); an ``OUT`` ending in ``/`` (or an
    existing directory without a suffix) is a Parquet dataset directory with ``figures/`` and
    ``documents/`` inside.

    Examples
    --------
    >>> output_target("out/figures.csv").documents.as_posix()
    'out/figures.documents.csv'
    >>> output_target("out/run/").kind, output_target("f.duckdb").kind
    ('dataset', 'duckdb')
    """
    text = os.fspath(output)
    if text == "-":
        return Target("stdout", None, None)
    path = Path(text)
    if text.endswith(("/", os.sep)):
        return Target("dataset", path, path)
    suffix = path.suffix.lower()
    if suffix in (".duckdb", ".db"):
        return Target("duckdb", path, path)
    if suffix == ".xlsx":
        return Target("xlsx", path, path)
    if suffix in (".csv", ".parquet"):
        return Target(suffix[1:], path, documents_path(path))
    if not path.suffix and path.is_dir():
        return Target("dataset", path, path)
    kind = f"unsupported figures file type {path.suffix!r}" if path.suffix else "no file extension"
    raise FormatError(f"{path}: {kind}; use .csv, .parquet, .duckdb, .xlsx or a directory ending in '/'")


def documents_path(figures: str | os.PathLike[str]) -> Path:
    """The documents table written beside a figures file: ``figures.csv`` -> ``figures.documents.csv``."""
    path = Path(figures)
    return path.with_name(f"{path.stem}.documents{path.suffix}")


# ---------------------------------------------------------------- payloads (built in workers)

@dataclass(frozen=True)
class Payload:
    """A chunk's output, ready to append: CSV text (no header) or Arrow tables."""

    figures: str | pa.Table
    documents: str | pa.Table
    n_figures: int


def encode(kind: str, figures: pd.DataFrame, documents: list[dict[str, object]]) -> Payload:
    """Turn a chunk's validated figures and its document rows into a payload of ``kind``."""
    if kind == "csv":
        from .figure_files import write_table_csv

        buffer = io.StringIO()
        write_table_csv(figures, buffer)
        fig_text = buffer.getvalue().partition("\n")[2]
        return Payload(fig_text, _documents_csv(documents).partition("\n")[2], len(figures))
    import pyarrow as pa

    table = pa.Table.from_pandas(figures, schema=figures_arrow(), preserve_index=False)
    docs = pa.Table.from_pylist(documents, schema=documents_arrow())
    return Payload(table, docs, len(figures))


def _documents_csv(rows: list[dict[str, object]]) -> str:
    import pandas as pd

    from .figure_files import write_table_csv

    frame = pd.DataFrame(rows, columns=list(DOCUMENT_COLUMNS))
    frame["published"] = [None if d is None else d.isoformat() for d in frame["published"]]
    frame = frame.astype({c: ("string" if t.startswith("datetime") else t) for c, t in DOCUMENT_DTYPES.items()})
    buffer = io.StringIO()
    write_table_csv(frame, buffer)
    return buffer.getvalue()


def _csv_headers() -> tuple[str, str]:
    """The header lines of the figures and documents CSV files (what :func:`write_table_csv` writes
    for their empty tables, without building them)."""
    return csv_line(schema.COLUMNS), csv_line(DOCUMENT_COLUMNS)


# ---------------------------------------------------------------- writers (in the parent)

class Writer:
    """Base of the format writers: ``done()`` (resume), ``write(payload, stale)``, ``finish()``, ``close()``."""

    def done(self) -> Iterator[tuple[str, str | None, bool]]:
        """(doc_id, :func:`resume_key`, ok) of the documents already written (nothing for a fresh run)."""
        return iter(())

    def write(self, payload: Payload, stale: Iterable[str] = ()) -> None:
        """Append one chunk; ``stale`` doc_ids have older rows (from a resumed run) to drop."""
        raise NotImplementedError

    def finish(self) -> None:
        """Move the complete output into place."""

    def close(self) -> None:
        """Release files, keeping the partial output for ``--resume``."""


#: The documents-table columns a resumed run compares with the document now (see :func:`resume_key`).
RESUME_COLUMNS: Final = ("doc_id", "sha256", "error", "published", "title", "metadata")


def resume_key(sha256: str | None, published: object, title: str | None, metadata: str | None) -> str | None:
    """What must be unchanged for ``--resume`` to keep a document's rows: the text's hash and the
    metadata that goes into its rows (publication date, which anchors years; title; a table
    corpus's other columns, as the JSON text of the ``metadata`` column). None without a hash.

    >>> import datetime as dt
    >>> resume_key("ab", dt.date(2006, 1, 2), None, None) == resume_key("ab", "2006-01-02", None, None)
    True
    >>> resume_key("ab", "2006-01-02", None, None) == resume_key("ab", "2007-01-02", None, None)
    False
    """
    if sha256 is None:
        return None
    date = published.isoformat() if hasattr(published, "isoformat") else published
    return json.dumps([sha256, None if date is None else str(date)[:10], title, metadata], ensure_ascii=False)


def _hidden(path: Path, suffix: str) -> Path:
    return path.with_name(f".{path.name}{suffix}")


def _unquote(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
