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

Workers turn a chunk's tables into a *payload* with :func:`encode` (CSV text, or Arrow tables);
the parent only appends payloads in sequence order.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final, TextIO

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import schema
from ._frames import write_table_csv
from .errors import FormatError
from .io import _write_csv

__all__ = [
    "DOCUMENT_COLUMNS",
    "DOCUMENT_DTYPES",
    "Payload",
    "Target",
    "documents_path",
    "encode",
    "open_writer",
    "output_target",
    "read_documents",
]

#: The documents table: one row per document of a run.
_DOCUMENT_SPEC: Final[dict[str, tuple[str, pa.DataType, str]]] = {
    "doc_id": ("string", pa.large_string(), "the id its figures carry"),
    "source": ("string", pa.large_string(), "where it came from: a path, `path#line 12`, `-` for stdin"),
    "title": ("string", pa.large_string(), "title when the source gives one"),
    "published": ("datetime64[s]", pa.date32(), "publication date given by the source or a sources.csv manifest"),
    "characters": ("Int64", pa.int64(), "length of the text in characters; NA when it could not be read"),
    "sha256": ("string", pa.large_string(), "SHA-256 of the text (UTF-8), hex; NA when it could not be read"),
    "n_figures": ("Int64", pa.int64(), "figures found (0 when it failed)"),
    "error": ("string", pa.large_string(), "why it failed; NA when it worked"),
    "warnings": ("string", pa.large_string(), "problems that did not stop it, joined with `; `"),
    "metadata": ("string", pa.large_string(), "a table corpus's other columns as a JSON object"),
}
DOCUMENT_COLUMNS: Final[tuple[str, ...]] = tuple(_DOCUMENT_SPEC)
DOCUMENT_DTYPES: Final[dict[str, str]] = {k: v[0] for k, v in _DOCUMENT_SPEC.items()}
DOCUMENT_DESCRIPTIONS: Final[dict[str, str]] = {k: v[2] for k, v in _DOCUMENT_SPEC.items()}
DOCUMENTS_ARROW: Final = pa.schema([(k, v[1]) for k, v in _DOCUMENT_SPEC.items()])
FIGURES_ARROW: Final = pa.Schema.from_pandas(schema.validate(schema.empty_figures()), preserve_index=False)

_PART: Final = "part-{:06d}.parquet"


@dataclass(frozen=True)
class Target:
    """Where a run writes: ``kind`` is ``csv``, ``parquet``, ``dataset``, ``duckdb`` or ``stdout``."""

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
    holds both tables; an ``OUT`` ending in ``/`` (or an existing directory without a suffix) is a
    Parquet dataset directory with ``figures/`` and ``documents/`` inside.

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
    if suffix in (".csv", ".parquet"):
        return Target(suffix[1:], path, documents_path(path))
    if not path.suffix and path.is_dir():
        return Target("dataset", path, path)
    kind = f"unsupported figures file type {path.suffix!r}" if path.suffix else "no file extension"
    raise FormatError(f"{path}: {kind}; use .csv, .parquet, .duckdb or a directory ending in '/'")


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
        buffer = io.StringIO()
        _write_csv(figures, buffer)
        fig_text = buffer.getvalue().partition("\n")[2]
        return Payload(fig_text, _documents_csv(documents).partition("\n")[2], len(figures))
    table = pa.Table.from_pandas(figures, schema=FIGURES_ARROW, preserve_index=False)
    docs = pa.Table.from_pylist(documents, schema=DOCUMENTS_ARROW)
    return Payload(table, docs, len(figures))


def _documents_csv(rows: list[dict[str, object]]) -> str:
    frame = pd.DataFrame(rows, columns=list(DOCUMENT_COLUMNS))
    frame["published"] = [None if d is None else d.isoformat() for d in frame["published"]]
    frame = frame.astype({c: ("string" if t.startswith("datetime") else t) for c, t in DOCUMENT_DTYPES.items()})
    buffer = io.StringIO()
    write_table_csv(frame, buffer)
    return buffer.getvalue()


def _csv_headers() -> tuple[str, str]:
    buffer = io.StringIO()
    _write_csv(schema.validate(schema.empty_figures()), buffer)
    return buffer.getvalue(), _documents_csv([])


# ---------------------------------------------------------------- writers (in the parent)

class Writer:
    """Base of the format writers: ``done()`` (resume), ``write(payload, stale)``, ``finish()``, ``close()``."""

    def done(self) -> Iterator[tuple[str, str | None, bool]]:
        """(doc_id, sha256, ok) of the documents already written (nothing for a fresh run)."""
        return iter(())

    def write(self, payload: Payload, stale: Iterable[str] = ()) -> None:
        """Append one chunk; ``stale`` doc_ids have older rows (from a resumed run) to drop."""
        raise NotImplementedError

    def finish(self) -> None:
        """Move the complete output into place."""

    def close(self) -> None:
        """Release files, keeping the partial output for ``--resume``."""


def open_writer(target: Target, *, resume: bool = False, stream: TextIO | None = None) -> Writer:
    """Open the writer for ``target`` (a fresh partial output, or the one to resume)."""
    if target.kind == "stdout":
        return _StdoutWriter(stream)
    if target.kind == "csv":
        return _CsvWriter(target, resume)
    if target.kind in ("parquet", "dataset"):
        return _ParquetWriter(target, resume)
    return _DuckDBWriter(target, resume)


def _hidden(path: Path, suffix: str) -> Path:
    return path.with_name(f".{path.name}{suffix}")


def _unquote(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


class _StdoutWriter(Writer):
    def __init__(self, stream: TextIO | None) -> None:
        import sys
        self.stream = stream or sys.stdout
        self.stream.write(_csv_headers()[0])

    def write(self, payload: Payload, stale: Iterable[str] = ()) -> None:
        self.stream.write(payload.figures)

    def finish(self) -> None:
        self.stream.flush()


class _CsvWriter(Writer):
    def __init__(self, target: Target, resume: bool) -> None:
        assert target.figures is not None and target.documents is not None
        self.final = (target.figures, target.documents)
        self.partial = (_hidden(target.figures, ".partial"), _hidden(target.documents, ".partial"))
        self.checkpoint = _hidden(target.figures, ".checkpoint.json")
        self.stale: set[str] = set()
        sizes = self._resume_sizes() if resume else None
        if sizes is None:
            headers = _csv_headers()
            for path, header in zip(self.partial, headers):
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(header, encoding="utf-8", newline="")
            sizes = [len(h.encode("utf-8")) for h in headers]
            self.resumed_at = None
        else:
            self.resumed_at = sizes
        for path, size in zip(self.partial, sizes):
            with path.open("r+b") as handle:
                handle.truncate(size)
        self.handles = [p.open("a", encoding="utf-8", newline="") for p in self.partial]
        self._save_checkpoint()

    def _resume_sizes(self) -> list[int] | None:
        if self.checkpoint.is_file() and all(p.is_file() for p in self.partial):
            try:
                saved = json.loads(self.checkpoint.read_text(encoding="utf-8"))
                return [int(saved["figures_bytes"]), int(saved["documents_bytes"])]
            except (ValueError, KeyError, TypeError):
                pass
        if all(p.is_file() for p in self.final):
            for final, partial in zip(self.final, self.partial):
                shutil.copyfile(final, partial)
            return [p.stat().st_size for p in self.partial]
        return None

    def _save_checkpoint(self) -> None:
        sizes = [h.tell() for h in self.handles]
        tmp = self.checkpoint.with_suffix(".tmp")
        tmp.write_text(json.dumps({"figures_bytes": sizes[0], "documents_bytes": sizes[1]}), encoding="utf-8")
        os.replace(tmp, self.checkpoint)

    def done(self) -> Iterator[tuple[str, str | None, bool]]:
        if self.resumed_at is None:
            return
        columns = ["doc_id", "sha256", "error"]
        for part in pd.read_csv(self.partial[1], usecols=columns, dtype="string", keep_default_na=False,
                                na_values=[""], encoding="utf-8", chunksize=100_000):
            for doc_id, sha, error in part[columns].itertuples(index=False):
                yield _unquote(doc_id), None if pd.isna(sha) else _unquote(sha), pd.isna(error)

    def write(self, payload: Payload, stale: Iterable[str] = ()) -> None:
        self.stale.update(stale)
        for handle, text in zip(self.handles, (payload.figures, payload.documents)):
            handle.write(text)
            handle.flush()
        self._save_checkpoint()

    def finish(self) -> None:
        self.close()
        if self.stale and self.resumed_at is not None:
            for path, size in zip(self.partial, self.resumed_at):
                _drop_csv_rows(path, size, self.stale)
        for partial, final in zip(self.partial, self.final):
            _fsync(partial)
            os.replace(partial, final)
        self.checkpoint.unlink(missing_ok=True)

    def close(self) -> None:
        for handle in self.handles:
            if not handle.closed:
                handle.close()


class _Prefix(io.RawIOBase):
    """The first ``size`` bytes of a binary file, as a raw stream."""

    def __init__(self, handle: io.BufferedReader, size: int) -> None:
        self.handle, self.left = handle, size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        data = self.handle.read(min(len(buffer), self.left))
        buffer[:len(data)] = data
        self.left -= len(data)
        return len(data)


def _drop_csv_rows(path: Path, boundary: int, doc_ids: set[str]) -> None:
    """Rewrite a CSV table without the rows of ``doc_ids`` that lie before byte ``boundary``."""
    tmp = path.with_name(path.name + ".filter")
    with path.open("rb") as source, tmp.open("w", encoding="utf-8", newline="") as out:
        text = io.TextIOWrapper(io.BufferedReader(_Prefix(source, boundary)), encoding="utf-8", newline="")
        writer = csv.writer(out, lineterminator="\n")
        for i, row in enumerate(csv.reader(text)):
            if i == 0 or _unquote(row[0]) not in doc_ids:
                writer.writerow(row)
        out.flush()
        source.seek(boundary)
        shutil.copyfileobj(source, out.buffer)
    os.replace(tmp, path)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class _ParquetWriter(Writer):
    def __init__(self, target: Target, resume: bool) -> None:
        assert target.figures is not None
        self.target = target
        self.final = target.figures
        self.work = _hidden(self.final, ".partial")
        self.stale: set[str] = set()
        self.first_new = 0
        if resume and self.work.is_dir():
            self._tidy()
        elif resume and self._final_exists():
            self._start_from_final()
        else:
            shutil.rmtree(self.work, ignore_errors=True)
            for sub in ("figures", "documents"):
                (self.work / sub).mkdir(parents=True)
        self.resumed = resume
        self.next_part = self.first_new = self._count_parts()

    def _final_exists(self) -> bool:
        if self.target.kind == "dataset":
            return (self.final / "documents").is_dir()
        return self.final.is_file() and self.target.documents is not None and self.target.documents.is_file()

    def _start_from_final(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)
        if self.target.kind == "dataset":
            shutil.copytree(self.final, self.work)
        else:
            assert self.target.documents is not None
            for sub, source in (("figures", self.final), ("documents", self.target.documents)):
                (self.work / sub).mkdir(parents=True)
                shutil.copyfile(source, self.work / sub / _PART.format(0))

    def _tidy(self) -> None:
        """Drop temporary files and figures parts whose documents part (the commit mark) is missing."""
        for sub in ("figures", "documents"):
            (self.work / sub).mkdir(parents=True, exist_ok=True)
            for tmp in (self.work / sub).glob("*.tmp"):
                tmp.unlink()
        committed = {p.name for p in (self.work / "documents").glob("part-*.parquet")}
        for part in (self.work / "figures").glob("part-*.parquet"):
            if part.name not in committed:
                part.unlink()

    def _parts(self, sub: str) -> list[Path]:
        return sorted((self.work / sub).glob("part-*.parquet"))

    def _count_parts(self) -> int:
        parts = self._parts("documents")
        return int(parts[-1].name[5:11]) + 1 if parts else 0

    def done(self) -> Iterator[tuple[str, str | None, bool]]:
        if not self.resumed:
            return
        for part in self._parts("documents"):
            for batch in pq.ParquetFile(part).iter_batches(columns=["doc_id", "sha256", "error"]):
                for doc_id, sha, error in zip(*(c.to_pylist() for c in batch.columns)):
                    yield doc_id, sha, error is None

    def write(self, payload: Payload, stale: Iterable[str] = ()) -> None:
        self.stale.update(stale)
        name = _PART.format(self.next_part)
        for sub, table in (("figures", payload.figures), ("documents", payload.documents)):
            path = self.work / sub / name
            tmp = path.with_suffix(".tmp")
            pq.write_table(table, tmp)
            os.replace(tmp, path)
        self.next_part += 1

    def finish(self) -> None:
        if self.stale:
            for sub in ("figures", "documents"):
                for part in self._parts(sub):
                    if int(part.name[5:11]) < self.first_new:
                        _drop_parquet_rows(part, self.stale)
        if self.target.kind == "dataset":
            old = _hidden(self.final, ".old")
            shutil.rmtree(old, ignore_errors=True)
            if self.final.exists():
                os.replace(self.final, old)
            os.replace(self.work, self.final)
            shutil.rmtree(old, ignore_errors=True)
            return
        assert self.target.documents is not None
        for sub, final, arrow in (("figures", self.final, FIGURES_ARROW),
                                  ("documents", self.target.documents, DOCUMENTS_ARROW)):
            _merge_parts(self._parts(sub), final, arrow)
        shutil.rmtree(self.work)


def _drop_parquet_rows(part: Path, doc_ids: set[str]) -> None:
    """Rewrite a part without the rows of ``doc_ids`` (batch by batch)."""
    source = pq.ParquetFile(part)
    drop = pa.array(sorted(doc_ids), type=pa.large_string())
    import pyarrow.compute as pc
    tmp = part.with_suffix(".tmp")
    with pq.ParquetWriter(tmp, source.schema_arrow) as writer:
        for group in range(source.num_row_groups):
            table = source.read_row_group(group)
            writer.write_table(table.filter(pc.invert(pc.is_in(table["doc_id"], value_set=drop))))
    os.replace(tmp, part)


def _merge_parts(parts: list[Path], final: Path, arrow: pa.Schema) -> None:
    """Write the parts into one Parquet file, a row group per part's row group, then rename."""
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = _hidden(final, ".tmp")
    with pq.ParquetWriter(tmp, arrow) as writer:
        for part in parts:
            source = pq.ParquetFile(part)
            for group in range(source.num_row_groups):
                table = source.read_row_group(group)
                if table.num_rows:
                    writer.write_table(table.cast(arrow))
    _fsync(tmp)
    os.replace(tmp, final)


class _DuckDBWriter(Writer):
    def __init__(self, target: Target, resume: bool) -> None:
        import duckdb

        assert target.figures is not None
        self.final = target.figures
        self.partial = _hidden(self.final, ".partial")
        self.resumed = resume and (self.partial.is_file() or self.final.is_file())
        if resume and not self.partial.is_file() and self.final.is_file():
            shutil.copyfile(self.final, self.partial)
        elif not resume:
            for path in (self.partial, Path(f"{self.partial}.wal")):
                path.unlink(missing_ok=True)
        self.partial.parent.mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect(str(self.partial))
        for name, arrow in (("figures", FIGURES_ARROW), ("documents", DOCUMENTS_ARROW)):
            self.con.register("empty", arrow.empty_table())
            self.con.execute(f"CREATE TABLE IF NOT EXISTS {name} AS SELECT * FROM empty")
            self.con.unregister("empty")

    def done(self) -> Iterator[tuple[str, str | None, bool]]:
        if not self.resumed:
            return
        cursor = self.con.execute("SELECT doc_id, sha256, error IS NULL FROM documents")
        while rows := cursor.fetchmany(50_000):
            yield from rows

    def write(self, payload: Payload, stale: Iterable[str] = ()) -> None:
        stale = sorted(stale)
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            if stale:
                for name in ("figures", "documents"):
                    con.execute(f"DELETE FROM {name} WHERE doc_id IN (SELECT unnest(?))", [stale])
            for name, table in (("figures", payload.figures), ("documents", payload.documents)):
                con.register("chunk", table)
                con.execute(f"INSERT INTO {name} SELECT * FROM chunk")
                con.unregister("chunk")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def finish(self) -> None:
        self.con.execute("CHECKPOINT")
        self.con.close()
        Path(f"{self.partial}.wal").unlink(missing_ok=True)
        os.replace(self.partial, self.final)

    def close(self) -> None:
        try:
            self.con.close()
        except Exception:  # noqa: BLE001 - already closed
            pass


# ---------------------------------------------------------------- reading back

def read_documents(output: str | os.PathLike[str]) -> pd.DataFrame:
    """Read the documents table of a corpus run's output (the figures output's path, as given to ``-o``).

    Examples
    --------
    >>> read_documents("figures.xlsx")
    Traceback (most recent call last):
    ...
    aidfigures.errors.FormatError: figures.xlsx: unsupported figures file type '.xlsx'; ...
    """
    target = output_target(output)
    if target.kind == "stdout":
        raise FormatError("stdout has no documents table")
    assert target.documents is not None
    if target.kind == "csv":
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
        path = target.documents / "documents" if target.kind == "dataset" else target.documents
        frame = pq.read_table(path).to_pandas(date_as_object=False)
    return frame.astype(DOCUMENT_DTYPES)[list(DOCUMENT_COLUMNS)]
