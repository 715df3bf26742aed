"""A time limit per document: SIGALRM in the thread that extracts it, when that is the main thread."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["DocumentTimeout", "time_limit"]


class DocumentTimeout(Exception):  # noqa: N818 - a limit reached, not an error of the code
    """Raised in the extraction of a document that took longer than its limit."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than {seconds:g} s")
        self.seconds = seconds


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[bool]:
    """Raise :class:`DocumentTimeout` in the body when it runs longer than ``seconds``.

    Yields whether the limit is enforced: only in a process's main thread on POSIX (this process
    with one worker, or a pool worker; not a Dask worker's task threads). The interval timer and
    handler in place before are restored after (a pending timer is given back what is left of it).
    Python code and ``re`` matching are interrupted; a single long call into C that does not check
    for signals is interrupted when it returns.
    """
    if not seconds or seconds <= 0 or not _can_alarm():
        yield False
        return

    armed = [True]

    def _expired(signum: int, frame: Any) -> None:
        if armed[0]:  # an alarm handled after the body ended does nothing
            raise DocumentTimeout(seconds)

    before = signal.signal(signal.SIGALRM, _expired)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield True
    finally:
        try:
            armed[0] = False
        finally:  # restored even when the alarm fires on the way out
            left, _ = signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, before)
            if outer:
                signal.setitimer(signal.ITIMER_REAL, max(outer - (seconds - left), 1e-3))
