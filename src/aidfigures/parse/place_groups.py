"""Places named together as one recipient (``Nicaragua and Costa Rica``), their names, and the places programs imply."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from .context import DocumentContext
from .places import Place
from .spans import _start
from .vocab import LIST_GAP, alt

__all__ = ["as_recipient", "group_of", "program_place"]

_LIST_GAP = LIST_GAP

_MONEY_BETWEEN = re.compile(rf"[$€£]\s?\d|\d\s*(?:{alt('money_word')})", re.I)
#: Words that name a place only to set it against the recipient ("unlike Chile").
_CONTRAST = re.compile(rf"\b(?:{alt('contrast')})\s+(?:(?:{alt('article')})\s+)?$", re.I)


def _contrasted(text: str, place: Place) -> bool:
    return _CONTRAST.search(text, max(0, place.start - 24), place.start) is not None


def _group(doc: DocumentContext, places: list[Place], chosen: Place) -> list[Place]:
    """The list of places ``chosen`` stands in (``Mexico and Central America``); ``places`` is
    sorted by start."""
    text = doc.text
    idx = bisect_left(places, chosen.start, key=_start)
    lo = hi = idx
    while (lo > 0 and _LIST_GAP.match(text[places[lo - 1].end:places[lo].start])
           and not _contrasted(text, places[lo - 1])):
        lo -= 1
    while hi + 1 < len(places) and _LIST_GAP.match(text[places[hi].end:places[hi + 1].start]) \
            and not _contrasted(text, places[hi + 1]):
        hi += 1
    return places[lo:hi + 1]


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
    from .places import gazetteer

    out: dict[str, tuple[str, str | None]] = {}
    for name, iso3, c, _ in gazetteer(lang)[0].values():
        out.setdefault(c, (name, iso3))
    return out


def as_recipient(group: list[Place] | None) -> tuple[str | None, str | None]:
    """(name, iso3) of a group of places (iso3 only for one country)."""
    return _as_recipient(group)


def group_of(doc: DocumentContext, places: list[Place], chosen: Place) -> list[Place]:
    """The list of places ``chosen`` is named in (``Nicaragua and Costa Rica``)."""
    return _group(doc, places, chosen)
