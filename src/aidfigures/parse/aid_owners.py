"""Which figure of a sentence each cue word or donor belongs to (the nearest), read once per sentence."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Hashable, Sequence

from .context import DocumentContext
from .vocab import alt

__all__ = ["note_figures", "sentence_owners"]

#: the text between a figure and the same money written again: "12 billion lempiras, or about $485 million", "€5m ($6m)"
_RESTATE = re.compile(rf"\s*(?:\(\s*(?:(?:{alt('restate', 'hedge')})\s+)*|,?\s*(?:(?:{alt('restate')})\s+)+"
                      rf"(?:(?:{alt('hedge')})\s+)*|,\s*(?:(?:{alt('hedge')})\s+)+)", re.I)

#: marks that part a cue word from a figure: one between them counts as this many characters more
_BREAK = 40
_BREAKS = re.compile(r"[,;:()]")

#: the per-sentence caches of this module on a document (emptied when its figures are noted again)
_CACHES = ("_cue_owners", "_sentence_units", "_owners_of")

Span = tuple[int, int]


def note_figures(doc: DocumentContext, spans: Sequence[Span]) -> None:
    """Tell ``doc`` where the text's money figures are (sorted spans): a cue word belongs to the figure
    nearest it (:func:`~aidfigures.parse.aid.aid_features`' ``<kind>:mine``). Without it, each figure is
    taken to be alone in its sentence."""
    doc.__dict__["_figure_spans"] = sorted(spans)
    for name in _CACHES:
        doc.__dict__.pop(name, None)


def _join(text: str, inside: list[Span]) -> list[Span]:
    """Sorted figure spans as units: a figure and its restatement joined into one."""
    units: list[Span] = []
    for x, y in inside:
        if units and x >= units[-1][1] and _RESTATE.fullmatch(text, units[-1][1], x) is not None:
            units[-1] = (units[-1][0], y)
        else:
            units.append((x, y))
    return units


def _sentence_units(doc: DocumentContext, i: int) -> tuple[list[Span], list[Span]]:
    """The noted figures of sentence ``i`` (sorted spans) and their units, read once per sentence."""
    cache = doc.__dict__.setdefault("_sentence_units", {})
    found = cache.get(i)
    if found is None:
        spans: list[Span] = doc.__dict__.get("_figure_spans", [])
        a, b = doc.layout.sentences[i]
        k = bisect_left(spans, (a, -1))
        inside = spans[k:bisect_left(spans, (b, -1), k)]  # those that start in [a, b)
        found = cache[i] = (inside, _join(doc.text, inside))
    return found


def _units(doc: DocumentContext, i: int, start: int, end: int) -> tuple[list[Span], bool]:
    """The units of sentence ``i`` for the figure at [start, end), and whether they are the sentence's
    own (the figure was noted): else they are made for this figure, which joins the noted ones."""
    inside, units = _sentence_units(doc, i)
    if any(x <= start < y for x, y in inside):
        return units, True
    return _join(doc.text, sorted([*inside, (start, end)])), False


def _breaks(doc: DocumentContext, i: int) -> list[int]:
    """Where sentence ``i``'s commas, semicolons and brackets stand (found once per sentence)."""
    breaks = doc.__dict__.setdefault("_breaks", {})
    marks = breaks.get(i)
    if marks is None:
        a, b = doc.layout.sentences[i]
        marks = breaks[i] = [m.start() for m in _BREAKS.finditer(doc.text, a, b)]
    return marks


def _nearest(units: list[Span], marks: list[int], words: Sequence[Span]) -> list[Span]:
    """For each span of ``words``, the unit nearest it: fewest characters between them, a break between
    counting as ``_BREAK`` more (the first of two as near)."""
    starts = [u[0] for u in units]
    out = []
    for a, b in words:
        k = bisect_left(starts, a)
        near = units[max(0, k - 1):k + 1]  # the units on either side of the word (the figure's own among them)
        best, low = near[0], -1
        for u in near:
            x, y = (b, u[0]) if u[0] >= b else (u[1], a)
            cost = max(0, y - x) + (_BREAK if bisect_left(marks, y) > bisect_left(marks, x) else 0)
            if low < 0 or cost < low:
                best, low = u, cost
        out.append(best)
    return out


def sentence_owners(doc: DocumentContext, i: int, start: int, end: int, kind: Hashable,
                    words: Callable[[], Sequence[Span]]) -> list[Span]:
    """For each span of ``words()`` (the cue words or donors of sentence ``i``: ``kind``, any key, says which), the
    figure (unit) nearest it: fewest characters between them, a comma, semicolon or bracket between
    counting as ``_BREAK`` more (bisect on the sentence's breaks, found once per sentence).

    Kept per sentence and ``kind`` when the figure at [start, end) is one of those noted (then the
    units, hence the owners, are the same for every figure of the sentence)."""
    units, shared = _units(doc, i, start, end)
    if not shared:
        return _nearest(units, _breaks(doc, i), words())
    cache = doc.__dict__.setdefault("_owners_of", {})
    found = cache.get((kind, i))
    if found is None:
        found = cache[kind, i] = _nearest(units, _breaks(doc, i), words())
    return found
