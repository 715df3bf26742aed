"""Executors of a corpus run's chunks: inline in this process, or a spawn-based process pool."""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from .chunks import Item, RunState, _ChunkResult, _combine, _failed_result, process_chunk


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


def _cpu_count() -> int:
    """The cores this process may run on (all of the machine's unless restricted)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _one_by_one(executor: Any, seq: int, docs: list[Item], state: RunState) -> _ChunkResult:
    """Retry a chunk whose task died, one document per task; a document that kills its task twice
    gets an error row."""
    parts = []
    for doc in docs:
        reason = ""
        for _ in range(2):
            generation = executor.generation
            future = executor.submit(process_chunk, *state.task(seq, [doc]))
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
