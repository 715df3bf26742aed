"""One run at a time per output: a lock file beside ``OUT`` (``filelock``), taken before anything is written."""

from __future__ import annotations

from pathlib import Path

from filelock import BaseFileLock, FileLock, Timeout

from ..errors import AidFiguresError
from .base import Target

__all__ = ["OutputBusyError", "lock_output", "lock_path"]


class OutputBusyError(AidFiguresError, ValueError):
    """Another run is writing the same output (its lock file is held); nothing was written."""


def lock_path(target: Target) -> Path | None:
    """The lock file of an output: ``.NAME.lock`` beside the figures file or dataset folder (None for stdout).

    >>> from aidfigures.outputs import output_target
    >>> lock_path(output_target("out/figures.csv")).as_posix(), lock_path(output_target("run/")).as_posix()
    ('out/.figures.csv.lock', '.run.lock')
    """
    if target.figures is None:
        return None
    return target.figures.with_name(f".{target.figures.name}.lock")


def lock_output(target: Target) -> BaseFileLock | None:
    """Take the lock of ``target`` at once, or raise :class:`OutputBusyError` when another run holds it.

    The lock is an advisory OS lock on the lock file (``flock`` on POSIX), so it goes with the process
    that holds it: a killed run leaves no stale lock, only the (empty) file; a run that ends removes
    the file. The figures and
    documents outputs of a ``.csv``/``.parquet`` target, and their hidden partial files, are covered
    by the one lock. Returns None for stdout, which needs none.
    """
    path = lock_path(target)
    if path is None:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(path, timeout=0, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise OutputBusyError(f"{target.figures}: another aidfigures run is writing this output "
                              f"(lock {path} is held); wait for it to end or choose another -o") from None
    return lock
