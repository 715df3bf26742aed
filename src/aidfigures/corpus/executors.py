"""Executors of a corpus run's chunks: inline in this process, or a process pool (fork on Linux, else spawn)."""

# multiprocessing and concurrent.futures.process are imported where a pool starts or fails: a run
# with --workers 1 loads neither (8 ms of its start).

from __future__ import annotations

import concurrent.futures as cf
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from .chunks import Item, RunState, _failed_result, process_chunk
from .payloads import _ChunkResult, _combine


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


#: Seconds a stopped worker process gets to exit before it is killed.
_STOP_SECONDS = 5.0
#: Seconds between a worker's checks that the process which started it is still alive.
PARENT_CHECK_SECONDS = 0.5


def _worker_init(parent: int | None = None) -> None:
    """Workers leave Ctrl-C to the parent, which stops the pool and keeps the partial output, and
    exit when the parent is gone (killed with SIGKILL, by the OOM killer...) instead of waiting
    forever on their task pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # started with Ctrl-C blocked (see _sigint_deferred): now ignored
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    if parent is not None:
        watch_parent(parent)


def watch_parent(parent: int, interval: float = PARENT_CHECK_SECONDS) -> threading.Thread:
    """Exit this process (status 1) as soon as ``parent`` is no longer its parent process.

    A daemon thread compares :func:`os.getppid` with ``parent`` every ``interval`` seconds: when
    the parent dies its children are handed to another process (init or a subreaper), on every
    POSIX system, whatever killed it. Returns the thread.
    """

    def check() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    thread = threading.Thread(target=check, name="aidfigures-parent-watch", daemon=True)
    thread.start()
    return thread


@contextmanager
def _sigint_deferred() -> Iterator[None]:
    """Hold Ctrl-C back while worker processes are started, then raise it.

    A KeyboardInterrupt between starting a worker and sending it its task pipe leaves a worker
    that fails with a traceback; and workers begin life with Ctrl-C blocked (the mask is inherited),
    which they turn into "ignored" once set up, so a Ctrl-C reaching the whole process group while
    they import cannot kill them half-way.
    """
    caught: list[int] = []
    swap = (threading.current_thread() is threading.main_thread()
            and callable(signal.getsignal(signal.SIGINT)))
    old_handler = signal.signal(signal.SIGINT, lambda signum, _: caught.append(signum)) if swap else None
    old_mask = (signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
                if hasattr(signal, "pthread_sigmask") else None)
    try:
        yield
    finally:
        if old_mask is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)
        if swap:
            signal.signal(signal.SIGINT, old_handler)
    if caught:
        raise KeyboardInterrupt


def start_method() -> str:
    """How helper processes start: ``fork`` on Linux when this process runs a single thread (a
    helper begins with this process's modules imported and its patterns and tables loaded, shared
    copy-on-write: no start-up work, less memory); else ``spawn`` (macOS and Windows, where forking
    a process that has loaded system frameworks is unsafe, and a process with other threads, one of
    which could hold a lock the forked child would wait for forever)."""
    import multiprocessing

    fork = sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
    return "fork" if fork and threading.active_count() == 1 else "spawn"


class _Pool:
    """A process pool, renewed when a worker process dies.

    With ``fork``, ``warm_up`` (if given) runs in this process once before the first helper starts,
    so that helpers inherit what it loads instead of each loading it again.
    """

    def __init__(self, workers: int, warm_up: Callable[[], object] | None = None) -> None:
        self.workers = workers
        self.generation = 0
        if warm_up is not None and start_method() == "fork":
            warm_up()
        self.pool = self._new()

    def _new(self) -> cf.ProcessPoolExecutor:
        # chosen again for a pool renewed after a worker died: the old pool's thread may still run
        import multiprocessing

        return cf.ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context(start_method()),
                                      initializer=_worker_init, initargs=(os.getpid(),))

    def submit(self, fn: Callable[..., Any], *args: Any) -> cf.Future:
        from concurrent.futures.process import BrokenProcessPool

        with _sigint_deferred():  # the first submit of a pool starts its processes
            try:
                return self.pool.submit(fn, *args)
            except BrokenProcessPool:
                self.recover(BrokenProcessPool(), self.generation)
                return self.pool.submit(fn, *args)

    def wait(self, futures: Iterable[cf.Future]) -> set[cf.Future]:
        return cf.wait(list(futures), return_when=cf.FIRST_COMPLETED).done

    def recover(self, exc: BaseException, generation: int) -> None:
        from concurrent.futures.process import BrokenProcessPool

        if isinstance(exc, BrokenProcessPool) and generation == self.generation:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._new()
            self.generation += 1

    def close(self, cancel: bool = False) -> None:
        """Wait for the queued chunks and stop the pool; with ``cancel`` (Ctrl-C, an error) stop
        the worker processes at once instead: their chunks are not written, the partial output
        stays as it is for ``--resume``."""
        if cancel:
            # Waiting for the running chunks could take minutes (or forever on a stuck document).
            # concurrent.futures has no public way to stop its workers before Python 3.14.
            processes = list((getattr(self.pool, "_processes", None) or {}).values())
            for process in processes:
                process.terminate()
            for process in processes:
                process.join(_STOP_SECONDS)
                if process.is_alive():
                    process.kill()
                    process.join(_STOP_SECONDS)
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
                from concurrent.futures.process import BrokenProcessPool

                executor.recover(exc, generation)
                reason = (f"worker died while extracting it ({type(exc).__name__}: {exc})"
                          if isinstance(exc, BrokenProcessPool) or "Killed" in type(exc).__name__
                          else f"extraction failed: {type(exc).__name__}: {exc}")
        else:
            parts.append(_failed_result(seq, [doc], state.kind, reason))
    return _combine(seq, parts, state.kind)
