"""The hand-written recipient rules of earlier versions: their pick is one feature of the fitted choice."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from .context import Document
from .places import Place
from .spans import _in, _start, last_ending_by

__all__ = ["rule_recipient", "as_recipient", "group_of", "program_place"]

_RECIPIENT_BEFORE = re.compile(r"\b(?:to|for|in|into|on|para|a|al|hacia|en|del|de|toward|towards|of)\s+(?:the\s+|la\s+|el\s+)?$",
                               re.I)
_RECEIVES = re.compile(r"^\s*(?:'s|’s)?\s*(?:\w+\s+){0,3}?(?:received|receives|receive|recibió|recibe|got|gets|is\s+to\s+receive|"
                       r"are\s+(?:slated|to|expected)|will\s+receive|obtained|obtuvo)", re.I)
_RELATIVE = re.compile(r"^\s*(?:which|who|que|quien|the bulk of which|the largest portion of which)\b", re.I)
_NEIGHBORS = re.compile(r"^\s*(?:and|y)\s+(?:its\s+|their\s+|regional\s+|neighbou?ring\s+)*(?:neighbou?rs|countries|"
                        r"neighbou?ring countries|other countries|the region|vecinos|otros países)", re.I)
_LIST_GAP = re.compile(r"^(?:\s*,\s*|\s+(?:and|y|e|&)\s+|\s*,\s*(?:and|y)\s+)(?:the\s+|la\s+|el\s+)?$", re.I)




def _group(doc: Document, places: list[Place], chosen: Place) -> list[Place]:
    """The list of places ``chosen`` stands in (``Mexico and Central America``); ``places`` is
    sorted by start."""
    text = doc.text
    idx = bisect_left(places, chosen.start, key=_start)
    lo = hi = idx
    while lo > 0 and _LIST_GAP.match(text[places[lo - 1].end:places[lo].start]) and not _contrasted(text, places[lo - 1]):
        lo -= 1
    while hi + 1 < len(places) and _LIST_GAP.match(text[places[hi].end:places[hi + 1].start]) \
            and not _contrasted(text, places[hi + 1]):
        hi += 1
    return places[lo:hi + 1]


_MONEY_BETWEEN = re.compile(r"[$€£]\s?\d|\d\s*(?:million|billion|millones|mil millones|dollars|dólares)", re.I)
_FOR_AFTER = re.compile(r"^[\s,]*(?:\w+\s+){0,4}?(?:for|to|para|a|al|destined for|earmarked for)\s+(?:the\s+|la\s+|el\s+)?$",
                        re.I)


#: Words that name a place only to set it against the recipient ("unlike Chile").
_CONTRAST = re.compile(r"\b(?:unlike|than|compared (?:with|to)|in contrast to|instead of|a diferencia de|"
                       r"en contraste con|en lugar de|más que|menos que)\s+(?:the\s+|el\s+|la\s+)?$", re.I)


def _contrasted(text: str, place: Place) -> bool:
    return _CONTRAST.search(text, max(0, place.start - 24), place.start) is not None


def _pick(doc: Document, places: list[Place], start: int, end: int) -> list[Place] | None:
    text = doc.text
    cands = [p for p in places if p.start not in doc.donor_places and p.start not in doc.venues
             and not _contrasted(text, p)]
    if not cands:
        return None

    def rank(p: Place) -> tuple[int, int]:
        between = text[end:p.start] if p.start >= end else text[p.end:start]
        if p.start >= end and _FOR_AFTER.match(between):
            role = 0  # "$300,000 for Nicaragua"
        elif _RECIPIENT_BEFORE.search(text[max(0, p.start - 12):p.start]) or _RECEIVES.match(text[p.end:p.end + 40]):
            role = 1
        else:
            role = 2
        crossed = 1 if _MONEY_BETWEEN.search(between) else 0
        return crossed, role, len(between)

    best = min(cands, key=rank)
    group = _group(doc, doc.recipient_places, best)
    if _NEIGHBORS.match(text[group[-1].end:group[-1].end + 40]):
        return group + [group[-1]]  # "Colombia and its neighbors": several recipients, none named
    return group


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


def _recipient(doc: Document, s: tuple[int, int], c: tuple[int, int], start: int, end: int,
               programs) -> tuple[str | None, str | None]:
    text = doc.text
    places = doc.places
    open_paren = text.rfind("(", s[0], start)
    if open_paren >= 0 and text.find(")", start) >= 0 and text.rfind(")", open_paren, start) < 0:
        close = text.find(")", end)
        inner = _pick(doc, _in(places, open_paren, close), start, end)
        if inner:
            return _as_recipient(inner)
        before = last_ending_by(places, open_paren)
        if before is not None and not text[before.end:open_paren].strip():
            return _as_recipient(_group(doc, places, before))
    if _RELATIVE.match(text[c[0]:c[1]]):
        before = last_ending_by(places, c[0])
        if before is not None and not text[before.end:c[0]].strip(" ,"):
            return _as_recipient([before])
    clause = _pick(doc, _in(places, c[0], c[1]), start, end)
    if clause:
        return _as_recipient(clause)
    for prog in _in(doc.programs, c[0], c[1]):
        if prog.recipient:
            return _program_recipient(doc, prog.recipient)
    sentence = _pick(doc, _in(places, *s), start, end)
    if sentence:
        return _as_recipient(sentence)
    for prog in programs:
        if prog.recipient:
            return _program_recipient(doc, prog.recipient)
    i = doc.layout.sentence_index(start)
    p0 = doc.layout.paragraphs[doc.layout.paragraph_index(start)][0]
    for j in range(i - 1, max(-1, i - 3), -1):
        a, b = doc.layout.sentences[j]
        if b <= p0:
            break
        prev = _pick(doc, _in(places, a, b), b, b)
        if prev:
            return _as_recipient(prev)
    if doc.subject is not None:
        return _as_recipient([doc.subject])
    return None, None


def _program_recipient(doc: Document, code: str) -> tuple[str | None, str | None]:
    place = program_place(doc, code)
    return (place[0], place[1]) if place else (None, None)


def program_place(doc: Document, code: str) -> tuple[str, str | None] | None:
    """(name, iso3) of the place a program's recipient code stands for (``COL`` for Plan Colombia)."""
    first = doc.__dict__.get("_first_place")
    if first is None:  # once per document: the first place of each code
        first = doc.__dict__.setdefault("_first_place", {})
        for p in doc.places:
            first.setdefault(p.code, (p.name, p.iso3))
    return first.get(code) or _gazetteer_codes(doc.lang).get(code)


@lru_cache(maxsize=None)
def _gazetteer_codes(lang: str) -> dict[str, tuple[str, str | None]]:
    from .places import _gazetteer

    out: dict[str, tuple[str, str | None]] = {}
    for name, iso3, c, _ in _gazetteer(lang)[0].values():
        out.setdefault(c, (name, iso3))
    return out


def rule_recipient(doc: Document, s: tuple[int, int], c: tuple[int, int], start: int, end: int,
                   programs) -> tuple[str | None, str | None]:
    """The recipient (name, iso3) the hand-ordered rules pick: clause, bracket, sentence, earlier
    sentences, document subject."""
    return _recipient(doc, s, c, start, end, programs)


def as_recipient(group: list[Place] | None) -> tuple[str | None, str | None]:
    """(name, iso3) of a group of places (iso3 only for one country)."""
    return _as_recipient(group)


def group_of(doc: Document, places: list[Place], chosen: Place) -> list[Place]:
    """The list of places ``chosen`` is named in (``Nicaragua and Costa Rica``)."""
    return _group(doc, places, chosen)
