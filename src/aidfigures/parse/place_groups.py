"""Places named together as one recipient (``Nicaragua and Costa Rica``), their names, and the places programs imply."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from .context import DocumentContext
from .places import Place
from .spans import _start
from .vocab import LIST_GAP, alt

__all__ = ["as_recipient", "group_span", "program_place"]

_LIST_GAP = LIST_GAP

_MONEY_BETWEEN = re.compile(rf"[$€£]\s?\d|\d\s*(?:{alt('money_word')})", re.I)
#: Words that name a place only to set it against the recipient ("unlike Chile").
_CONTRAST = re.compile(rf"\b(?:{alt('contrast')})\s+(?:(?:{alt('article')})\s+)?$", re.I)


def _contrasted(text: str, place: Place) -> bool:
    return _CONTRAST.search(text, max(0, place.start - 24), place.start) is not None


def _span(doc: DocumentContext, places: list[Place], chosen: Place) -> tuple[int, int]:
    idx = bisect_left(places, chosen.start, key=_start)
    first, last = _runs(doc, places)
    return first[idx], last[idx] + 1


def _runs(doc: DocumentContext, places: list[Place]) -> tuple[list[int], list[int]]:
    """For each place, the first and last place of the list it is named in (walking left, a
    contrasted place ends the list before it; walking right, at it), read once per list of places:
    each gap between two places is matched once, so a long list costs linear time."""
    cache = doc.__dict__.setdefault("_place_runs", {})
    key = id(places)
    if key in cache and cache[key][0] is places:
        return cache[key][1]
    text = doc.text
    n = len(places)
    linked = [bool(_LIST_GAP.match(text[places[k].end:places[k + 1].start])) for k in range(n - 1)]
    # whether a place is contrasted matters only beside a gap that links it to another (most places are in no list)
    contrasted = [(k > 0 and linked[k - 1] or k < n - 1 and linked[k]) and _contrasted(text, p)
                  for k, p in enumerate(places)]
    first, last = list(range(n)), list(range(n))
    for k in range(1, n):
        if linked[k - 1] and not contrasted[k - 1]:
            first[k] = first[k - 1]
    for k in range(n - 2, -1, -1):
        if linked[k] and not contrasted[k + 1]:
            last[k] = last[k + 1]
    cache[key] = (places, (first, last))
    return first, last


def _as_recipient(group: list[Place] | None) -> tuple[str | None, str | None]:
    if not group:
        return None, None
    names = list(dict.fromkeys(p.name for p in group))
    codes = list(dict.fromkeys(p.code for p in group))
    if len(codes) == 1 and len(group) == len(set(map(id, group))):
        return group[0].name, group[0].iso3
    if len(group) != len(set(map(id, group))):  # "Colombia and its neighbors"
        return "; ".join(names) + " and neighbors", None
    return "; ".join(names), None


def program_place(doc: DocumentContext, code: str) -> tuple[str, str | None] | None:
    """(name, iso3) of the place a program's recipient code stands for (``COL`` for Plan Colombia)."""
    first = doc.__dict__.get("_first_place")
    if first is None:  # once per document: the first place of each code
        first = doc.__dict__.setdefault("_first_place", {})
        for p in doc.places:
            first.setdefault(p.code, (p.name, p.iso3))
    return first.get(code) or _gazetteer_codes(doc.lang).get(code)


@lru_cache(maxsize=None)
def _gazetteer_codes(lang: str) -> dict[str, tuple[str, str | None]]:
    from .places import place_table

    out: dict[str, tuple[str, str | None]] = {}
    for name, iso3, c, _ in place_table(lang).values():
        out.setdefault(c, (name, iso3))
    return out


def as_recipient(group: list[Place] | None) -> tuple[str | None, str | None]:
    """(name, iso3) of a group of places (iso3 only for one country)."""
    return _as_recipient(group)


def group_span(doc: DocumentContext, places: list[Place], chosen: Place) -> tuple[int, int]:
    """``(a, b)``: ``places[a:b]`` (``places`` sorted by start) is the list of places ``chosen`` is named
    in (``Nicaragua and Costa Rica``, ``Mexico and Central America``; places of one list share it)."""
    return _span(doc, places, chosen)
