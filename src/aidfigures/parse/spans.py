"""Items sorted by start offset, looked up by bisection (never scanned per figure)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any

__all__ = ["_in", "_start", "last_ending_by"]


def _start(item: Any) -> int:
    return item.start


def _in(items: Sequence[Any], a: int, b: int) -> list[Any]:
    """The items (sorted by start) that lie within [a, b)."""
    lo = bisect_left(items, a, key=_start)
    hi = bisect_left(items, b, lo, key=_start)
    return [x for x in items[lo:hi] if x.end <= b]


def last_ending_by(items: Sequence[Any], pos: int, reach: int = 3) -> Any | None:
    """The last item (sorted by start) that ends at or before ``pos``, looking back at most
    ``reach`` items past those that start before ``pos`` but end after it.

    Examples
    --------
    >>> from types import SimpleNamespace as N
    >>> last_ending_by([N(start=0, end=4), N(start=6, end=9)], 8).start
    0
    """
    i = bisect_right(items, pos, key=_start) - 1
    for j in range(i, max(-1, i - reach - 1), -1):
        if items[j].end <= pos:
            return items[j]
    return None
