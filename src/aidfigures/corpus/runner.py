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

import os
import time
from collections.abc import Iterable, Iterator, Sized
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..outputs.base import Target, output_target
from ..outputs.registry import open_writer
from ..sources.types import SourceDocument
from .chunks import Failure, Item, RunState, _ChunkResult, _chunks, head_table, process_chunk, warm_up
from .executors import _Inline, _one_by_one, _Pool
from .options import RunOptions
from .progress import Progress

if TYPE_CHECKING:  # imported where a table is built: a CSV run needs none
    import pandas as pd

__all__ = ["CorpusRun", "run_corpus"]

#: With more than one worker, this process extracts chunks too (one process fewer, less memory), when
#: the helpers read the files themselves; a corpus whose texts this process reads and ships (a CSV
#: or JSONL dump) keeps it busy enough: there it only reads and writes (measured on 321 MB, 2 workers:
#: CSV 1.62x -> 1.88x one worker, JSONL 1.75x -> 1.91x; a folder 1.77x, 1.68x without it).
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
    heads: tuple[pd.DataFrame, ...] = field(default=(), repr=False)

    @property
    def ok(self) -> bool:
        """True when no document failed."""
        return not self.failures

    @property
    def head(self) -> pd.DataFrame:
        """The first figures written, as a validated figures table (built when asked for)."""
        return head_table(self.heads)


def run_corpus(documents: Iterable[SourceDocument], output: str | os.PathLike[str],
               options: RunOptions | None = None, **settings: Any) -> CorpusRun:
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
    options : RunOptions, optional
        How the run goes (workers, resume, progress, engine, chunk size...).
    **settings
        Fields of :class:`~aidfigures.corpus.options.RunOptions` overriding ``options``
        (``run_corpus(docs, out, workers=1, progress="none")``).

    Returns
    -------
    CorpusRun

    Raises
    ------
    FormatError
        Unsupported output; ``ValueError`` for bad options. Nothing is written.
    """
    opts = replace(options or RunOptions(), **settings)
    target = output_target(output)
    if opts.resume and target.kind == "stdout":
        raise ValueError("--resume needs an output file, not stdout")
    workers = opts.worker_count()
    total, total_chars = opts.total, opts.total_chars
    if total is None:
        total = len(documents) if isinstance(documents, Sized) else getattr(documents, "total", None)
    if total_chars is None:
        total_chars = getattr(documents, "total_chars", None)
    items: Iterable[Item] = documents
    deferred = getattr(documents, "_deferred", None)
    # Files are read by the process that extracts them, when there are several (one process
    # reads faster ahead of extracting); not for a remote cluster, which may not see them.
    if deferred is not None and workers > 1 and not (opts.engine == "dask" and opts.scheduler):
        items = deferred() or documents
    started = time.monotonic()
    writer = open_writer(target, resume=opts.resume, stream=opts.stream)
    done: dict[str, str | None] = {}
    for doc_id, sha, ok in writer.done():
        done[doc_id] = sha if ok else None
    shown = Progress(opts.progress, total=total, total_chars=total_chars, interval=opts.log_interval,
                     stream=opts.progress_stream)
    state = RunState(target.payload, opts.head_rows, opts.extractor, opts.max_document_chars, opts.doc_timeout)
    chunks = _chunks(items, done, opts.chunk_chars, opts.max_document_chars, shown, state, (total, total_chars))
    _drive(chunks, writer, shown, state, opts, workers)
    return CorpusRun(target, state.documents, state.figures, state.characters, tuple(state.failures),
                     state.skipped, time.monotonic() - started, tuple(state.heads))


def _executor(opts: RunOptions, workers: int, one_chunk: bool, inline: _Inline,
              ships_texts: bool = False) -> tuple[Any, int, bool]:
    """(executor, pool_quota, parent_works) for a run: chunks queued for helper processes, and
    whether this process extracts chunks too (else it waits); ``ships_texts``: this process reads
    the documents' texts and sends them to the helpers (they do not read files)."""
    if opts.engine == "dask":  # the cluster extracts, this process reads and writes
        from .dask_engine import DaskExecutor
        return DaskExecutor(workers, opts.scheduler), 2 * workers, False
    if workers == 1 or one_chunk:
        return inline, 0, True
    if _PARENT_EXTRACTS and not ships_texts:  # this process extracts too: workers - 1 helper processes
        return _Pool(workers - 1, warm_up), _HELPER_QUEUE * (workers - 1), True
    return _Pool(workers, warm_up), 2 * workers, False


def _drive(chunks: Iterator[tuple[int, list[Item], list[str]]], writer: Any, shown: Progress, state: RunState,
           opts: RunOptions, workers: int) -> None:
    """Extract the chunks with a bounded number in flight and write them in corpus order."""
    on_warning = opts.on_warning
    executor: Any = None
    try:
        first = next(chunks, None)
        second = next(chunks, None) if first is not None else None
        inline = _Inline()
        # max_ready: finished chunks held until an earlier one is written.
        max_ready = 4 * workers
        ships_texts = first is not None and all(isinstance(doc, SourceDocument) for doc in first[1])
        executor, pool_quota, parent_works = _executor(opts, workers, second is None, inline, ships_texts)
        pending: dict[Any, tuple[int, list[Item], list[str], int]] = {}
        ready: dict[int, tuple[_ChunkResult, list[str]]] = {}
        heads = [h for h in (first, second) if h is not None]

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
