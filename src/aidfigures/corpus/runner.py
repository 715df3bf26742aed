"""Extract whole corpora: documents streamed in chunks to worker processes, output streamed to disk.

:func:`run_corpus` takes an iterable of :class:`~aidfigures.sources.SourceDocument` (one at a
time: memory stays flat however large the corpus), groups them into chunks of about
``chunk_chars`` characters, extracts the chunks in ``workers`` processes (or on a Dask cluster)
with a bounded number in flight, and appends each chunk's figures and document rows to the output
in corpus order, so the output is the same byte for byte whatever the number of workers. Every
document gets a row in the documents table; one that fails (unreadable, extraction raised,
invalid figures, its worker died) gets its reason in ``error`` and the others carry on.
"""

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Final

import pandas as pd

from .chunks import Extractor, Failure, Item, RunState, _ChunkResult, _chunks, process_chunk
from .executors import _cpu_count, _Inline, _one_by_one, _Pool
from .progress import Progress
from ..outputs.base import Target, output_target
from ..outputs.registry import open_writer
from ..sources.types import SourceDocument

__all__ = ["CorpusRun", "run_corpus"]

#: Characters of text per chunk (one task for a worker).
DEFAULT_CHUNK_CHARS: Final = 2_000_000
#: Larger documents are not extracted (an error row says so).
DEFAULT_MAX_DOCUMENT_CHARS: Final = 16_000_000
#: With more than one worker, this process extracts chunks too (one process fewer, less memory).
_PARENT_EXTRACTS = True
#: Chunks queued per helper process (the one it is extracting included).
_HELPER_QUEUE = 2


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
        Read one at a time, in order; ``doc_id`` unique within the corpus. From
        :func:`aidfigures.sources.iter_documents` (not iterated yet) and more than one worker,
        the files are read by the process that extracts them, not all by this one (except for a
        remote Dask cluster, which may not see them).
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
        Corpus size for the progress ETA (taken from ``len(documents)`` or ``documents.total``,
        and ``documents.total_chars``, when they exist).
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
    if total is None:
        total = len(documents) if hasattr(documents, "__len__") else getattr(documents, "total", None)  # type: ignore[arg-type]
    if total_chars is None:
        total_chars = getattr(documents, "total_chars", None)
    items: Iterable[Item] = documents
    deferred = getattr(documents, "_deferred", None)
    # Files are read by the process that extracts them, when there are several (one process
    # reads faster ahead of extracting); not for a remote cluster, which may not see them.
    if deferred is not None and workers > 1 and not (engine == "dask" and scheduler):
        items = deferred() or documents
    started = time.monotonic()
    writer = open_writer(target, resume=resume, stream=stream)
    done: dict[str, str | None] = {}
    for doc_id, sha, ok in writer.done():
        done[doc_id] = sha if ok else None
    shown = Progress(progress, total=total, total_chars=total_chars, interval=log_interval,
                     stream=progress_stream)
    state = RunState(target.payload, head_rows, extractor, max_document_chars)
    executor: Any = None
    try:
        chunks = _chunks(items, done, chunk_chars, max_document_chars, shown, state)
        first = next(chunks, None)
        second = next(chunks, None) if first is not None else None
        inline = _Inline()
        # pool_quota: chunks queued for helper processes; more go to this process when it extracts
        # too, else it waits. max_ready: finished chunks held until an earlier one is written.
        parent_works, max_ready = True, 4 * workers
        if engine == "dask":  # the cluster extracts, this process reads and writes
            from .dask_engine import DaskExecutor
            executor, pool_quota, parent_works = DaskExecutor(workers, scheduler), 2 * workers, False
        elif workers == 1 or second is None:
            executor, pool_quota = inline, 0
        elif _PARENT_EXTRACTS:  # this process extracts too: workers - 1 helper processes
            executor, pool_quota = _Pool(workers - 1), _HELPER_QUEUE * (workers - 1)
        else:
            executor, pool_quota, parent_works = _Pool(workers), 2 * workers, False
        pending: dict[Any, tuple[int, list[Item], list[str], int]] = {}
        ready: dict[int, tuple[_ChunkResult, list[str]]] = {}
        heads = [first, second] if second is not None else [first] if first is not None else []

        def finish(future: Any, via: Any, seq: int, docs: list[Item], stale: list[str],
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
                if on_warning is not None:
                    for note in result.warnings:
                        on_warning(note)
                state.account(result)
                shown.update(result.documents, result.characters, result.payload.n_figures,
                             len(result.failures))
                state.next_write += 1

        def chained() -> Iterator[tuple[int, list[Item], list[str]]]:
            yield from heads
            yield from chunks

        for seq, docs, stale in chained():
            while (len(pending) >= pool_quota and not parent_works) or len(ready) >= max_ready:
                collect(block=True)
            if len(pending) >= pool_quota:  # the helpers have enough queued: this process takes it
                finish(inline.submit(process_chunk, *state.task(seq, docs)), inline, seq, docs, stale, 0)
            else:
                future = executor.submit(process_chunk, *state.task(seq, docs))
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


