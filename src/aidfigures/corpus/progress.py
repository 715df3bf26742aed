"""Progress of a corpus run: a tqdm bar on a terminal, periodic log lines otherwise, or nothing."""

from __future__ import annotations

import sys
import time
from typing import Any, Final, TextIO

__all__ = ["MODES", "Progress"]

MODES: Final = ("auto", "bar", "log", "none")
_PROG: Final = "aidfigures"


def _duration(seconds: float) -> str:
    """``'0:01:05'``."""
    seconds = int(max(seconds, 0))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _bar(**options: Any) -> Any:
    """A tqdm bar without tqdm's monitor thread (this process forks helper processes: see
    :func:`aidfigures.corpus.executors.start_method`); it is refreshed at each finished chunk.
    tqdm is imported here, by a run that shows a bar only (its import costs 30-60 ms of CPU)."""
    from tqdm import tqdm

    class _Bar(tqdm):
        monitor_interval = 0

    return _Bar(**options)


class Progress:
    """Count documents, characters, figures and failures and show them.

    ``mode`` is ``bar`` (tqdm: documents/s, MB/s, figures, failures, ETA when the total is known),
    ``log`` (a line ``aidfigures: 1,200 documents (12%), 9.1 MB, 4.6 MB/s, 950 figures, 0 failed,
    ETA 0:01:40`` every ``interval`` seconds), ``none``, or ``auto``: ``bar`` when ``stream`` is a
    terminal, else ``log``. MB are millions of characters of text.
    """

    def __init__(self, mode: str = "auto", *, total: int | None = None, total_chars: int | None = None,
                 interval: float = 10.0, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        if mode == "auto":
            isatty = getattr(self.stream, "isatty", None)
            mode = "bar" if isatty is not None and isatty() else "log"
        if mode not in MODES:
            raise ValueError(f"progress must be one of {', '.join(MODES)}, not {mode!r}")
        self.mode, self.total, self.total_chars, self.interval = mode, total, total_chars, interval
        self.documents = self.characters = self.figures = self.failures = self.skipped = 0
        self.started = self.last = time.monotonic()
        self.bar: Any = None
        if mode == "bar":
            self.bar = _bar(total=total, unit="doc", file=self.stream, dynamic_ncols=True, leave=False,
                            smoothing=0.1, mininterval=0.5)

    def update(self, documents: int = 0, characters: int = 0, figures: int = 0, failures: int = 0,
               skipped: int = 0) -> None:
        """Add a finished chunk (or skipped documents) to the counts."""
        self.documents += documents + skipped
        self.characters += characters
        self.figures += figures
        self.failures += failures
        self.skipped += skipped
        now = time.monotonic()
        if self.bar is not None:
            self.bar.set_postfix_str(self._postfix(now), refresh=False)
            self.bar.update(documents + skipped)
        elif self.mode == "log" and now - self.last >= self.interval:
            self.last = now
            print(f"{_PROG}: {self.line(now)}", file=self.stream, flush=True)

    def _rate(self, now: float) -> float:
        return self.characters / 1e6 / max(now - self.started, 1e-9)

    def _postfix(self, now: float) -> str:
        postfix = f"{self._rate(now):.1f} MB/s, {self.figures:,} figures, {self.failures:,} failed"
        share = self._share()
        if not self.total and share:  # tqdm shows the ETA by documents when it has their number
            postfix += f", ETA {_duration((now - self.started) * (1 - share) / share)}"
        return postfix

    def _share(self) -> float | None:
        """The share of the corpus done: by documents when their number is known, else (an
        estimate) by characters against the corpus size."""
        if self.total:
            return min(self.documents / self.total, 1.0)
        if self.total_chars:
            return min(self.characters / self.total_chars, 1.0)
        return None

    def line(self, now: float | None = None) -> str:
        """The log line for the counts so far."""
        now = time.monotonic() if now is None else now
        done = f"{self.documents:,} documents"
        share = self._share()
        if share is not None:
            done += f" ({share:.0%})"
        line = (f"{done}, {self.characters / 1e6:,.2f} MB, {self._rate(now):.2f} MB/s, "
                f"{self.figures:,} figures, {self.failures:,} failed")
        if self.skipped:
            line += f", {self.skipped:,} skipped"
        if share:
            line += f", ETA {_duration((now - self.started) * (1 - share) / share)}"
        return line

    def note(self, message: str) -> None:
        """Print ``aidfigures: message`` without breaking the bar (even in ``none`` mode)."""
        text = f"{_PROG}: {message}"
        if self.bar is not None:
            self.bar.write(text, file=self.stream)
        else:
            print(text, file=self.stream, flush=True)

    def close(self) -> None:
        """Remove the bar."""
        if self.bar is not None:
            self.bar.close()
            self.bar = None
