"""Extract whole corpora: documents streamed in chunks to worker processes, output streamed to disk.

:func:`run_corpus` takes an iterable of :class:`~aidfigures.sources.SourceDocument` (one at a
time: memory stays flat however large the corpus), groups them into chunks of about
``chunk_chars`` characters, extracts the chunks in ``workers`` processes (or on a Dask cluster)
with a bounded number in flight, and appends each chunk's figures and document rows to the output
in corpus order, so the output is the same byte for byte whatever the number of workers. Every
document gets a row in the documents table; one that fails (unreadable, extraction raised,
invalid figures, its worker died) gets its reason in ``error`` and the others carry on.
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import json
import multiprocessing
import os
import re
import signal
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from fnmatch import fnmatch
from pathlib import Path
from typing import Any, Final

import pandas as pd
import pyarrow as pa

from . import schema
from ._progress import Progress
from ._writers import Payload, Target, encode, open_writer, output_target, read_documents
from .errors import DocumentError, DocumentWarning, SchemaError
from .extract import Figure, figures_frame
from .io import Document, find_documents, read_document
from .sources import SourceDocument

__all__ = ["CorpusRun", "Failure", "file_documents", "query", "read_documents", "run_corpus"]

#: Characters of text per chunk (one task for a worker).
DEFAULT_CHUNK_CHARS: Final = 2_000_000
#: Larger documents are not extracted (an error row says so).
DEFAULT_MAX_DOCUMENT_CHARS: Final = 16_000_000
_MAX_CHUNK_DOCS: Final = 5_000
#: With more than one worker, this process extracts chunks too (one process fewer, less memory).
_PARENT_EXTRACTS = True
#: Chunks queued per helper process (the one it is extracting included).
_HELPER_QUEUE = 2

Extractor = Callable[[SourceDocument], list[Figure]]


@dataclass(frozen=True)
class Failure:
    """A document that failed: its id, where it came from, and why."""

    doc_id: str
    source: str
    error: str


@dataclass(frozen=True)
class CorpusRun:
    """What :func:`run_corpus` did.

    ``documents``, ``figures``, ``characters`` and ``failures`` count this run's documents;
    ``skipped`` those a resumed run found already written. ``head`` holds the first figures
    written (as many as ``head_rows`` asked for).
    """

    target: Target
    documents: int
    figures: int
    characters: int
    failures: tuple[Failure, ...]
    skipped: int
    seconds: float
    head: pd.DataFrame = field(repr=False)

    @property
    def ok(self) -> bool:
        """True when no document failed."""
        return not self.failures


# ---------------------------------------------------------------- inputs

class _FileDocuments:
    """Document files as :class:`SourceDocument` records (ids, manifest dates), read one at a time."""

    def __init__(self, paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
                 include: Sequence[str] = ()) -> None:
        from .corpus import _publication_dates, unique_doc_ids

        files = find_documents(paths)
        if include:
            files = [f for f in files if any(fnmatch(f.name, g) or fnmatch(f.as_posix(), g) for g in include)]
        self.files = files
        self.ids = unique_doc_ids(files)
        self.dates = _publication_dates(files)
        self.total_chars = sum(f.stat().st_size for f in files if f.is_file())

    def __len__(self) -> int:
        return len(self.files)

    def __iter__(self) -> Iterator[SourceDocument]:
        from .corpus import _without_path

        for path, doc_id in zip(self.files, self.ids, strict=True):
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", DocumentWarning)
                    doc = read_document(path)
            except DocumentError as exc:
                yield SourceDocument(doc_id, str(path), error=_without_path(str(exc), path))
                continue
            yield SourceDocument(doc_id, str(path), doc.text, published=self.dates.get(doc_id),
                                 warnings=doc.warnings)


def file_documents(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str], *,
                   include: Sequence[str] = ()) -> _FileDocuments:
    """The ``.txt``/``.md``/``.html`` documents under ``paths`` as :class:`SourceDocument` records.

    Ids as :func:`aidfigures.corpus.unique_doc_ids` gives them, publication dates from
    ``sources.csv`` manifests, unreadable files as records with ``error`` set. ``include`` keeps
    only files whose name or path matches one of the globs. The result has a ``len()`` and a
    ``total_chars`` estimate (file sizes) for progress.

    Raises
    ------
    DocumentError
        A path does not exist.
    """
    return _FileDocuments(paths, include)


# ---------------------------------------------------------------- worker side

@dataclass
class _ChunkResult:
    seq: int
    payload: Payload
    documents: int
    characters: int
    failures: list[Failure]
    head: pd.DataFrame | None


_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def _clean(text: str | None) -> str | None:
    """``text`` with lone surrogates (from JSON escapes such as ``\\ud800``), which UTF-8 cannot
    encode, replaced by U+FFFD (one character for one: offsets do not move)."""
    return text if text is None or text.isascii() or not _SURROGATE.search(text) else _SURROGATE.sub("\ufffd", text)


def _sha256(text: str) -> str:
    return hashlib.sha256(_clean(text).encode("utf-8")).hexdigest()  # type: ignore[union-attr]


def _default_extract(doc: SourceDocument) -> list[Figure]:
    from . import corpus  # looked up at call time: tests replace corpus._extract_document

    return corpus._extract_document(Document(doc.doc_id, Path(doc.source), doc.text), doc.published)


def process_chunk(seq: int, docs: Sequence[SourceDocument], kind: str, extractor: Extractor | None = None,
                  head_rows: int = 0) -> _ChunkResult:
    """Extract a chunk of documents and encode its output (runs in a worker; never raises for a
    document's own problem: it becomes an error row)."""
    extract = extractor or _default_extract
    rows: list[dict[str, Any]] = []
    tables: dict[int, list[Figure]] = {}
    characters = 0
    for index, doc in enumerate(docs):
        text = doc.text or ""
        characters += len(text)
        notes = doc.warnings
        if _clean(text) is not text:
            text = _clean(text)  # type: ignore[assignment]
            doc = replace(doc, text=text)
            notes += ("lone surrogates in the text replaced with U+FFFD",)
        row = {
            "doc_id": doc.doc_id, "source": _clean(doc.source), "title": _clean(doc.title),
            "published": doc.published, "characters": len(text) if text or not doc.error else None,
            "sha256": _sha256(text) if text or not doc.error else None,
            "n_figures": 0, "error": _clean(doc.error), "warnings": _clean("; ".join(notes)) or None,
            "metadata": _clean(json.dumps(doc.metadata, ensure_ascii=False, sort_keys=True)) if doc.metadata else None,
        }
        rows.append(row)
        if doc.error:
            continue
        try:
            found = sorted(extract(doc), key=lambda f: f.start)
            if any(f.doc_id != doc.doc_id for f in found):
                raise ValueError(f"figures carry a doc_id other than {doc.doc_id!r}")
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the corpus
            row["error"] = f"extraction failed: {type(exc).__name__}: {exc}"
            continue
        tables[index] = found
        row["n_figures"] = len(found)
    figures = _validated(tables, rows)
    failures = [Failure(r["doc_id"], r["source"], r["error"]) for r in rows if r["error"]]
    head = figures.head(head_rows) if head_rows else None
    return _ChunkResult(seq, encode(kind, figures, rows), len(docs), characters, failures, head)


def _validated(tables: dict[int, list[Figure]], rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The chunk's figures as one validated table; documents whose figures are invalid fail."""
    try:
        return schema.validate(figures_frame([f for t in tables.values() for f in t]))
    except SchemaError as exc:
        error = exc
    bad = {}
    for index, table in tables.items():
        try:
            schema.validate(figures_frame(table))
        except SchemaError as exc:
            bad[index] = exc
    if not bad:
        raise error
    for index, exc in bad.items():
        rows[index].update(error=f"invalid figures: {exc}", n_figures=0)
        del tables[index]
    return _validated(tables, rows)


def _failed_result(seq: int, docs: Sequence[SourceDocument], kind: str, reason: str) -> _ChunkResult:
    return process_chunk(seq, [replace(d, error=reason) for d in docs], kind)


def _combine(seq: int, parts: list[_ChunkResult], kind: str) -> _ChunkResult:
    """One result from the results of a chunk's documents taken one by one."""
    if kind == "csv":
        payload = Payload("".join(p.payload.figures for p in parts),  # type: ignore[misc]
                          "".join(p.payload.documents for p in parts),  # type: ignore[misc]
                          sum(p.payload.n_figures for p in parts))
    else:
        payload = Payload(pa.concat_tables([p.payload.figures for p in parts]),  # type: ignore[misc]
                          pa.concat_tables([p.payload.documents for p in parts]),  # type: ignore[misc]
                          sum(p.payload.n_figures for p in parts))
    heads = [p.head for p in parts if p.head is not None and len(p.head)]
    return _ChunkResult(seq, payload, sum(p.documents for p in parts), sum(p.characters for p in parts),
                        [f for p in parts for f in p.failures], pd.concat(heads) if heads else None)


# ---------------------------------------------------------------- executors (parent side)

class _Inline:
    """Runs chunks in this process, at once."""

    generation = 0

    def submit(self, fn: Callable[..., Any], *args: Any) -> cf.Future:
        future: cf.Future = cf.Future()
        try:
            future.set_result(fn(*args))
        except Exception as exc:  # noqa: BLE001 - handed to the caller through the future
            future.set_exception(exc)
        return future

    def wait(self, futures: Iterable[Any]) -> set[Any]:
        return set(futures)

    def recover(self, exc: BaseException, generation: int) -> None:
        pass

    def close(self, cancel: bool = False) -> None:
        pass


def _worker_init() -> None:
    """Workers leave Ctrl-C to the parent, which stops the pool and keeps the partial output."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Pool:
    """A spawn-based process pool, renewed when a worker process dies."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.generation = 0
        self.pool = self._new()

    def _new(self) -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                      initializer=_worker_init)

    def submit(self, fn: Callable[..., Any], *args: Any) -> cf.Future:
        try:
            return self.pool.submit(fn, *args)
        except BrokenProcessPool:
            self.recover(BrokenProcessPool(), self.generation)
            return self.pool.submit(fn, *args)

    def wait(self, futures: Iterable[cf.Future]) -> set[cf.Future]:
        return cf.wait(list(futures), return_when=cf.FIRST_COMPLETED).done

    def recover(self, exc: BaseException, generation: int) -> None:
        if isinstance(exc, BrokenProcessPool) and generation == self.generation:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._new()
            self.generation += 1

    def close(self, cancel: bool = False) -> None:
        self.pool.shutdown(wait=True, cancel_futures=cancel)


# ---------------------------------------------------------------- the run

def _cpu_count() -> int:
    """The cores this process may run on (all of the machine's unless restricted)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_corpus(documents: Iterable[SourceDocument], output: str | os.PathLike[str], *,
               workers: int | None = None, resume: bool = False, progress: str = "auto",
               engine: str = "local", scheduler: str | None = None,
               chunk_chars: int = DEFAULT_CHUNK_CHARS, max_document_chars: int = DEFAULT_MAX_DOCUMENT_CHARS,
               log_interval: float = 10.0, total: int | None = None, total_chars: int | None = None,
               head_rows: int = 0, on_warning: Callable[[str], None] | None = None,
               extractor: Extractor | None = None, stream: Any = None, progress_stream: Any = None) -> CorpusRun:
    """Extract every document of a corpus into a figures table and a documents table.

    Parameters
    ----------
    documents : iterable of SourceDocument
        Read one at a time, in order; ``doc_id`` unique within the corpus. See
        :func:`file_documents` for files.
    output : str or path-like
        ``figures.csv`` (+ ``figures.documents.csv``), ``figures.parquet`` (+
        ``figures.documents.parquet``), a directory ending in ``/`` (a Parquet dataset:
        ``figures/`` and ``documents/`` parts), ``figures.duckdb`` (tables ``figures`` and
        ``documents``), or ``-`` (figures CSV on ``stream``, default stdout; no documents table).
        Written to hidden partial files and moved into place at the end.
    workers : int, optional
        Processes extracting (default: all cores): this one and ``workers - 1`` spawned helpers,
        which get up to two chunks each while this process extracts the next one itself. 1, or a
        corpus of one chunk, runs in this process only.
    resume : bool
        Continue the partial output of an interrupted run (or add to a complete one): documents
        with a row of the same ``doc_id`` and ``sha256`` and no error are skipped; other rows of
        their ``doc_id`` are replaced.
    progress : {"auto", "bar", "log", "none"}
        ``auto``: a bar when ``progress_stream`` (default stderr) is a terminal, log lines every
        ``log_interval`` seconds otherwise.
    engine : {"local", "dask"}
        ``dask`` runs the chunks on the Dask cluster at ``scheduler`` (a ``distributed.LocalCluster``
        of ``workers`` processes when None); the output is the same.
    chunk_chars : int
        Characters of text per task.
    max_document_chars : int
        Longer documents get an error row instead of being extracted.
    total, total_chars : int, optional
        Corpus size for the progress ETA (taken from ``len(documents)`` and
        ``documents.total_chars`` when they exist).
    head_rows : int
        Keep this many of the first figures in :attr:`CorpusRun.head`.
    on_warning : callable, optional
        Called with each document warning (e.g. decoded as cp1252).
    extractor : callable, optional
        ``extractor(doc) -> list[Figure]`` instead of the built-in one; must be picklable (a
        module-level function) for worker processes.

    Returns
    -------
    CorpusRun

    Raises
    ------
    FormatError
        Unsupported output; ``ValueError`` for bad options. Nothing is written.
    """
    target = output_target(output)
    if resume and target.kind == "stdout":
        raise ValueError("--resume needs an output file, not stdout")
    if engine not in ("local", "dask"):
        raise ValueError(f"engine must be 'local' or 'dask', not {engine!r}")
    workers = _cpu_count() if workers is None else workers
    if workers < 1 or chunk_chars < 1:
        raise ValueError("workers and chunk size must be at least 1")
    if total is None and hasattr(documents, "__len__"):
        total = len(documents)  # type: ignore[arg-type]
    if total_chars is None:
        total_chars = getattr(documents, "total_chars", None)
    started = time.monotonic()
    writer = open_writer(target, resume=resume, stream=stream)
    done: dict[str, str | None] = {}
    for doc_id, sha, ok in writer.done():
        done[doc_id] = sha if ok else None
    shown = Progress(progress, total=total, total_chars=total_chars, interval=log_interval,
                     stream=progress_stream)
    state = _State(target.payload, head_rows, extractor)
    executor: Any = None
    try:
        chunks = _chunks(documents, done, chunk_chars, max_document_chars, shown, on_warning, state)
        first = next(chunks, None)
        second = next(chunks, None) if first is not None else None
        inline = _Inline()
        # pool_quota: chunks queued for helper processes; more go to this process when it extracts
        # too, else it waits. max_ready: finished chunks held until an earlier one is written.
        parent_works, max_ready = True, 4 * workers
        if engine == "dask":  # the cluster extracts, this process reads and writes
            from ._dask import DaskExecutor
            executor, pool_quota, parent_works = DaskExecutor(workers, scheduler), 2 * workers, False
        elif workers == 1 or second is None:
            executor, pool_quota = inline, 0
        elif _PARENT_EXTRACTS:  # this process extracts too: workers - 1 helper processes
            executor, pool_quota = _Pool(workers - 1), _HELPER_QUEUE * (workers - 1)
        else:
            executor, pool_quota, parent_works = _Pool(workers), 2 * workers, False
        pending: dict[Any, tuple[int, list[SourceDocument], list[str], int]] = {}
        ready: dict[int, tuple[_ChunkResult, list[str]]] = {}
        heads = [first, second] if second is not None else [first] if first is not None else []

        def finish(future: Any, via: Any, seq: int, docs: list[SourceDocument], stale: list[str],
                   generation: int) -> None:
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - a chunk task died: its documents one by one
                via.recover(exc, generation)
                result = _one_by_one(via, seq, docs, state)
            ready[seq] = (result, stale)

        def collect(block: bool) -> None:
            for future in (executor.wait(pending) if block else [f for f in pending if f.done()]):
                finish(future, executor, *pending.pop(future))
            while state.next_write in ready:
                result, stale = ready.pop(state.next_write)
                writer.write(result.payload, stale)
                state.account(result)
                shown.update(result.documents, result.characters, result.payload.n_figures,
                             len(result.failures))
                state.next_write += 1

        def chained() -> Iterator[tuple[int, list[SourceDocument], list[str]]]:
            yield from heads
            yield from chunks

        for seq, docs, stale in chained():
            while (len(pending) >= pool_quota and not parent_works) or len(ready) >= max_ready:
                collect(block=True)
            if len(pending) >= pool_quota:  # the helpers have enough queued: this process takes it
                finish(inline.submit(process_chunk, seq, docs, state.kind, extractor, head_rows), inline,
                       seq, docs, stale, 0)
            else:
                future = executor.submit(process_chunk, seq, docs, state.kind, extractor, head_rows)
                pending[future] = (seq, docs, stale, executor.generation)
            collect(block=False)
        while pending:
            collect(block=True)
        collect(block=False)
        writer.finish()
    except BaseException:
        writer.close()
        if executor is not None:
            executor.close(cancel=True)
            executor = None
        raise
    finally:
        shown.close()
        if executor is not None:
            executor.close()
    return CorpusRun(target, state.documents, state.figures, state.characters, tuple(state.failures),
                     state.skipped, time.monotonic() - started, state.head())


class _State:
    """Counts and the head of figures, kept by the parent as chunks are written."""

    def __init__(self, kind: str, head_rows: int, extractor: Extractor | None) -> None:
        self.kind, self.head_rows, self.extractor = kind, head_rows, extractor
        self.documents = self.figures = self.characters = self.skipped = 0
        self.failures: list[Failure] = []
        self.heads: list[pd.DataFrame] = []
        self.head_count = 0
        self.next_write = 0

    def account(self, result: _ChunkResult) -> None:
        self.documents += result.documents
        self.figures += result.payload.n_figures
        self.characters += result.characters
        self.failures.extend(result.failures)
        if result.head is not None and self.head_count < self.head_rows:
            self.heads.append(result.head.head(self.head_rows - self.head_count))
            self.head_count += len(self.heads[-1])

    def head(self) -> pd.DataFrame:
        if not self.heads:
            return schema.validate(schema.empty_figures())
        return pd.concat(self.heads, ignore_index=True)


def _one_by_one(executor: Any, seq: int, docs: list[SourceDocument], state: _State) -> _ChunkResult:
    """Retry a chunk whose task died, one document per task; a document that kills its task twice
    gets an error row."""
    parts = []
    for doc in docs:
        reason = ""
        for _ in range(2):
            generation = executor.generation
            future = executor.submit(process_chunk, seq, [doc], state.kind, state.extractor, state.head_rows)
            try:
                parts.append(future.result())
                break
            except Exception as exc:  # noqa: BLE001
                executor.recover(exc, generation)
                reason = (f"worker died while extracting it ({type(exc).__name__}: {exc})"
                          if isinstance(exc, BrokenProcessPool) or "Killed" in type(exc).__name__
                          else f"extraction failed: {type(exc).__name__}: {exc}")
        else:
            parts.append(_failed_result(seq, [doc], state.kind, reason))
    return _combine(seq, parts, state.kind)


def _chunks(documents: Iterable[SourceDocument], done: dict[str, str | None], chunk_chars: int,
            max_chars: int, shown: Progress, on_warning: Callable[[str], None] | None,
            state: _State) -> Iterator[tuple[int, list[SourceDocument], list[str]]]:
    """Group documents into chunks (sequence number, documents, doc_ids whose old rows to drop),
    skipping those already written and marking oversized and repeated ones as errors."""
    seq, batch, stale, size, skipped = 0, [], [], 0, 0
    seen: set[str] = set()
    for doc in documents:
        if doc.doc_id in done:
            old = done.pop(doc.doc_id)
            if old is not None and not doc.error and _sha256(doc.text) == old:
                skipped += 1
                seen.add(doc.doc_id)
                continue
            stale.append(doc.doc_id)
        if doc.doc_id in seen:
            doc = replace(doc, text="", error=f"duplicate doc_id {doc.doc_id!r}: an earlier document has it")
        seen.add(doc.doc_id)
        if len(doc.text) > max_chars:
            doc = replace(doc, text="", error=f"document too large: {len(doc.text):,} characters, "
                                              f"over the limit of {max_chars:,}")
        if on_warning is not None:
            for note in doc.warnings:
                on_warning(note)
        batch.append(doc)
        size += len(doc.text)
        if size >= chunk_chars or len(batch) >= _MAX_CHUNK_DOCS:
            if skipped:
                state.skipped += skipped
                shown.update(skipped=skipped)
                skipped = 0
            yield seq, batch, stale
            seq, batch, stale, size = seq + 1, [], [], 0
    if skipped:
        state.skipped += skipped
        shown.update(skipped=skipped)
    if batch:
        yield seq, batch, stale


# ---------------------------------------------------------------- querying

def query(path: str | os.PathLike[str], sql: str) -> pd.DataFrame:
    """Run a SQL query on a corpus run's output and return the result as a DataFrame.

    ``path`` is a DuckDB database (tables ``figures`` and ``documents``) or a Parquet output (a
    ``.parquet`` file with its ``.documents.parquet``, or a dataset directory), seen as the views
    ``figures`` and ``documents``. Needs the ``duckdb`` package (``pip install 'aidfigures[scale]'``).

    Raises
    ------
    DocumentError
        The output does not exist; ``FormatError`` for CSV or another type.
    """
    import duckdb

    from .errors import FormatError

    target = output_target(path)
    if target.kind in ("stdout", "csv"):
        raise FormatError(f"{path}: query a .duckdb or Parquet output (CSV: load it with read_figures)")
    assert target.figures is not None and target.documents is not None
    if not target.figures.exists():
        raise DocumentError(f"{target.figures}: no such file or directory")
    if target.kind == "duckdb":
        with duckdb.connect(str(target.figures), read_only=True) as con:
            return con.sql(sql).df()
    with duckdb.connect() as con:
        for name, place in (("figures", target.figures), ("documents", target.documents)):
            if target.kind == "dataset":
                place = place / name / "*.parquet"
            if target.kind == "dataset" or place.exists():
                escaped = str(place).replace("'", "''")
                con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{escaped}')")
        return con.sql(sql).df()
