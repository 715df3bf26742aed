"""The recipient candidates of a figure, with their features, for the recipient tests."""

from __future__ import annotations

from aidfigures.extract import find_figures
from aidfigures.parse.attribution import _clause
from aidfigures.parse.context import read_context
from aidfigures.parse.recipient import recipient_candidates


def candidates_of(text: str, last: bool = True) -> dict[str | None, dict[str, float]]:
    """The recipient candidates (by key) of the last (or first) figure of ``text``, with their features."""
    doc = read_context(text)
    figures = find_figures(text)
    f = figures[-1] if last else figures[0]
    s = doc.layout.sentences[doc.layout.sentence_index(f.start)]
    c = _clause(doc, s[0], s[1], f.start, f.end)
    programs = [p for p in doc.programs if s[0] <= p.start and p.end <= s[1]]
    return {(k.key if k else None): v for k, v in recipient_candidates(doc, s, c, f.start, f.end, programs)}
