"""How a corpus run goes: :class:`RunOptions`, every setting of :func:`aidfigures.corpus.run_corpus`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from .chunks import Extractor
from .executors import _cpu_count

__all__ = ["DEFAULT_CHUNK_CHARS", "DEFAULT_DOC_TIMEOUT", "DEFAULT_MAX_DOCUMENT_CHARS", "RunOptions"]

#: Characters of text per chunk (one task for a worker).
DEFAULT_CHUNK_CHARS: Final = 2_000_000
#: Larger documents are not extracted (an error row says so).
DEFAULT_MAX_DOCUMENT_CHARS: Final = 16_000_000
#: Seconds a document's extraction may take before it is stopped (an error row says so): ten
#: times what the largest document allowed takes (16 M characters at about 1.5 s per MB, alone on a core).
DEFAULT_DOC_TIMEOUT: Final = 300.0


@dataclass(frozen=True)
class RunOptions:
    """The settings of a corpus run; the defaults are those of ``aidfigures extract``.

    Attributes
    ----------
    workers : int, optional
        Processes extracting (default: all cores): this one and ``workers - 1`` helpers (forked
        on Linux, spawned elsewhere: see :func:`~aidfigures.corpus.executors.start_method`), which
        get up to two chunks each while this process extracts the next one itself. 1, or a
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
    scheduler : str, optional
        Address of a Dask scheduler (``tcp://HOST:8786``), with ``engine="dask"``.
    chunk_chars : int
        Characters of text per task (at most; the last chunks of a corpus of known size are smaller).
    max_document_chars : int
        Longer documents get an error row instead of being extracted.
    doc_timeout : float, optional
        Seconds a document's extraction may take: one that takes longer is stopped and gets the
        error row ``took longer than N s``, and the run goes on. None or 0: no limit. Enforced
        with SIGALRM in the process that extracts (this one with one worker, or a pool worker);
        not with ``engine="dask"``, whose tasks run in threads.
    log_interval : float
        Seconds between progress log lines.
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
    stream, progress_stream : file, optional
        Where ``-`` output goes (default stdout), and the progress (default stderr).
    """

    workers: int | None = None
    resume: bool = False
    progress: str = "auto"
    engine: str = "local"
    scheduler: str | None = None
    chunk_chars: int = DEFAULT_CHUNK_CHARS
    max_document_chars: int = DEFAULT_MAX_DOCUMENT_CHARS
    doc_timeout: float | None = DEFAULT_DOC_TIMEOUT
    log_interval: float = 10.0
    total: int | None = None
    total_chars: int | None = None
    head_rows: int = 0
    on_warning: Callable[[str], None] | None = None
    extractor: Extractor | None = None
    stream: Any = None
    progress_stream: Any = None

    def worker_count(self) -> int:
        """The number of worker processes, checking the options (``ValueError`` when one is wrong)."""
        if self.engine not in ("local", "dask"):
            raise ValueError(f"engine must be 'local' or 'dask', not {self.engine!r}")
        workers = _cpu_count() if self.workers is None else self.workers
        if workers < 1 or self.chunk_chars < 1:
            raise ValueError("workers and chunk size must be at least 1")
        return workers
