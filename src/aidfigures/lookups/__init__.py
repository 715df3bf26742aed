"""Lookup tables (CSV files in this folder) read once, on first use, with importlib.resources."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

__all__ = ["read_lookup", "words"]


@lru_cache(maxsize=None)
def read_lookup(name: str) -> tuple[dict[str, str], ...]:
    """Return the rows of ``lookups/<name>.csv`` as dicts; lines starting with ``#`` are comments.

    Examples
    --------
    >>> rows = read_lookup("scales")
    >>> next(r for r in rows if r["word"] == "bn")["exponent"]
    '9'
    """
    text = resources.files(__package__).joinpath(f"{name}.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple(csv.DictReader(lines))


@lru_cache(maxsize=None)
def words(kind: str) -> frozenset[str]:
    """Return the words of one ``kind`` in ``lookups/words.csv`` (abbreviations; each language's own
    words are in ``aidfigures.lang``).

    Examples
    --------
    >>> "u.s" in words("abbreviation")
    True
    """
    return frozenset(row["word"] for row in read_lookup("words") if row["kind"] == kind)
