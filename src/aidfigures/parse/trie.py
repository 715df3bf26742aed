"""Many words as one regular expression that tries them letter by letter (a trie), not one by one."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["trie_pattern"]


def trie_pattern(words: Iterable[str], space: str = r"\s+") -> str:
    """A regular expression (no group captured) matching any of ``words``, longest first.

    A space in a word matches ``space``. Python's ``re`` tries the branches of ``a|b|c`` one by
    one at each position; sharing prefixes makes a large vocabulary as fast as a small one.

    Examples
    --------
    >>> p = re.compile(trie_pattern(["dollar", "dollars", "dólares", "euro"]))
    >>> [p.fullmatch(w) is not None for w in ("dollars", "dólares", "euros")]
    [True, True, False]
    >>> trie_pattern(["de", "del", "dé"], space=" ")
    'd(?:é|e(?:l)?)'
    """
    return _pattern(frozenset(w for w in words if w), space)


@lru_cache(maxsize=256)
def _pattern(words: frozenset[str], space: str) -> str:
    """:func:`trie_pattern` of a set of words, made once per process (the same markers make the
    patterns of every language, and several patterns share a trie)."""
    return _emit(sorted(words), _escapes(space)) if words else ""


class _Escapes(dict):
    """Each character as the pattern writes it (``re.escape``'s, a space as the caller's), for
    ``str.translate``: filled on first use of a character."""

    def __init__(self, space: str) -> None:
        super().__init__({ord(" "): space})

    def __missing__(self, code: int) -> str:
        found = self[code] = re.escape(chr(code))
        return found


@lru_cache(maxsize=16)
def _escapes(space: str) -> _Escapes:
    return _Escapes(space)


def _emit(words: list[str], escapes: _Escapes) -> str:
    """The pattern of ``words`` (sorted, distinct; ``""`` among them when a word ends here): their
    common start as letters, then a group of one branch per next letter, the greatest first, made
    optional when a word ends before it. A word alone in its branch is written whole (the common
    case: the rest of a word), without a step per letter."""
    if len(words) == 1:
        return words[0].translate(escapes)
    run = "" if words[0] == "" else os.path.commonprefix([words[0], words[-1]])  # (sorted: the first and last)
    if run:
        words = [w[len(run):] for w in words]
    ends = words[0] == ""  # (sorted: an empty word is first)
    branches = []
    k = len(words)
    while k > (1 if ends else 0):  # the branches by their first letter, the greatest first
        first = words[k - 1][0]
        j = k - 1
        while j > (1 if ends else 0) and words[j - 1][0] == first:
            j -= 1
        branches.append(first.translate(escapes) + _emit([w[1:] for w in words[j:k]], escapes))
        k = j
    return run.translate(escapes) + "(?:" + "|".join(branches) + (")?" if ends else ")")
