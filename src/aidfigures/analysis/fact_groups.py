"""Grouping figures into facts where a missing key value (no donor named) matches any value."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import combinations
from typing import Any, Final

import pandas as pd

__all__ = ["UNSTATED", "fact_groups"]

#: Key columns where NA means "not stated" and so matches any value: a sentence that names no donor,
#: kind of aid or budget stage. In the other columns NA is a value: no recipient or year (a fact of
#: its own), a single year (``year_end``), no program (the total), not a rate (``per``).
UNSTATED: Final = ("category", "measure", "donor")


def fact_groups(table: pd.DataFrame, key: Sequence[str],
                na_matches: bool = True) -> Iterator[tuple[tuple[Any, ...], pd.DataFrame]]:
    """The key values and the figures of each fact.

    With ``na_matches``, a group whose key has NA in columns of :data:`UNSTATED` joins the
    group that states everything it states and more (``donor`` NA joins ``donor = United States``
    when the other columns are equal), so that a document that omits the donor confirms or
    contradicts the one that names it. When its stated values fit several such groups (the United
    States and the European Union), which one it belongs to is unknown and it stays a fact of its own.
    Groups without a recipient or a year never join. Lookups go through every subset of a group's
    stated :data:`UNSTATED` values (at most 2**3), so time stays linear in the number of figures.
    """
    groups = [(k if isinstance(k, tuple) else (k,), g) for k, g in table.groupby(list(key), dropna=False, sort=False)]
    if not na_matches or len(groups) < 2:
        yield from groups
        return
    strict = [i for i, c in enumerate(key) if c not in UNSTATED]
    loose = [i for i, c in enumerate(key) if c in UNSTATED]
    stated = [frozenset(i for i in loose if not pd.isna(k[i])) for k, _ in groups]
    known = [not any(pd.isna(k[i]) for i, c in enumerate(key) if c in ("recipient", "year")) for k, _ in groups]
    # every group, under each of its stated subsets: who states (at least) these values
    index: dict[tuple[Any, ...], list[int]] = {}
    for g, (k, _) in enumerate(groups):
        if not known[g]:
            continue
        for size in range(len(stated[g])):
            for subset in combinations(sorted(stated[g]), size):
                index.setdefault(_lookup(k, strict, subset), []).append(g)
    parent = list(range(len(groups)))

    def root(g: int) -> int:
        while parent[g] != g:
            parent[g] = parent[parent[g]]
            g = parent[g]
        return g

    for g in sorted(range(len(groups)), key=lambda g: -len(stated[g])):  # the most specific first
        if not known[g]:
            continue
        k = groups[g][0]
        candidates = index.get(_lookup(k, strict, tuple(sorted(stated[g]))), [])
        roots = {root(c) for c in candidates if c != g}
        if len(roots) == 1:
            parent[g] = roots.pop()
    members: dict[int, list[int]] = {}
    for g in range(len(groups)):
        members.setdefault(root(g), []).append(g)
    for top, parts in members.items():
        frames = [groups[p][1] for p in parts]
        yield groups[top][0], pd.concat(frames) if len(frames) > 1 else frames[0]


def _lookup(k: tuple[Any, ...], strict: list[int], subset: tuple[int, ...]) -> tuple[Any, ...]:
    """The index key: the strict values (NA as None) and the values of ``subset``."""
    return (tuple(None if pd.isna(k[i]) else k[i] for i in strict), subset, tuple(k[i] for i in subset))
