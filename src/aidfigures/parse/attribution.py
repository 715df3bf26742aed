"""Say what a figure is about: recipient, year, donor, category, program, measure, aid or not."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .context import Document
from .cues import Cue
from .places import Place
from .year_choice import choose_year

__all__ = ["Attribution", "attribute"]

_CLAUSE = re.compile(
    r";|:\s|\s[–—-]\s|\(|\)|,\s+(?=(?:which|who|while|whereas|but|making|according|of which|que|quien|mientras|"
    r"pero|lo que|donde|the bulk of which|the largest portion of which|a reduction|or|down|up|compared|"
    r"against|versus|from|including|excluding|plus|frente|comparado|incluidos?|incluyendo)\b)"
    r"|,\s+and\s+(?=that\b|(?:a|an|the)\s)|,\s+y\s+(?=(?:un|una|el|la|los|las)\s)|\s+and\s+that\b", re.I)
_RECIPIENT_BEFORE = re.compile(r"\b(?:to|for|in|into|on|para|a|al|hacia|en|del|de|toward|towards|of)\s+(?:the\s+|la\s+|el\s+)?$",
                               re.I)
_RECEIVES = re.compile(r"^\s*(?:'s|’s)?\s*(?:\w+\s+){0,3}?(?:received|receives|receive|recibió|recibe|got|gets|is\s+to\s+receive|"
                       r"are\s+(?:slated|to|expected)|will\s+receive|obtained|obtuvo)", re.I)
_RELATIVE = re.compile(r"^\s*(?:which|who|que|quien|the bulk of which|the largest portion of which)\b", re.I)
_NEIGHBORS = re.compile(r"^\s*(?:and|y)\s+(?:its\s+|their\s+|regional\s+|neighbou?ring\s+)*(?:neighbou?rs|countries|"
                        r"neighbou?ring countries|other countries|the region|vecinos|otros países)", re.I)
_LIST_GAP = re.compile(r"^(?:\s*,\s*|\s+(?:and|y|e|&)\s+|\s*,\s*(?:and|y)\s+)(?:the\s+|la\s+|el\s+)?$", re.I)


@dataclass(frozen=True)
class Attribution:
    """What a figure is about, as read from its clause, sentence, paragraph and document."""

    recipient: str | None
    recipient_iso3: str | None
    year: int | None
    year_end: int | None
    fiscal: bool
    donor: str | None
    category: str | None
    program: str | None
    measure: str | None
    is_aid: bool
    sentence: str
    #: the probability of the year chosen (see :func:`aidfigures.parse.year_choice.choose_year`)
    year_probability: float = 1.0


def _clause(doc: Document, s0: int, s1: int, start: int, end: int) -> tuple[int, int]:
    cuts = doc.__dict__.setdefault("_clause_cuts", {})
    if (s0, s1) not in cuts:
        cuts[(s0, s1)] = [(m.start(), m.end()) for m in _CLAUSE.finditer(doc.text, s0, s1)]
    found = cuts[(s0, s1)]
    a = max([e for _, e in found if e <= start], default=s0)
    b = min([st for st, _ in found if st >= end], default=s1)
    return a, b


def _in(items, a: int, b: int):
    """The items (sorted by start) that lie within [a, b)."""
    lo = bisect_left(items, a, key=_start)
    hi = bisect_left(items, b, lo, key=_start)
    return [x for x in items[lo:hi] if x.end <= b]


def _start(item) -> int:
    return item.start


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
        before = [p for p in places if p.end <= open_paren and not text[p.end:open_paren].strip()]
        if before:
            return _as_recipient(_group(doc, places, before[-1]))
    if _RELATIVE.match(text[c[0]:c[1]]):
        before = [p for p in places if p.end <= c[0] and not text[p.end:c[0]].strip(" ,")]
        if before:
            return _as_recipient([before[-1]])
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
    for p in doc.places:
        if p.code == code:
            return p.name, p.iso3
    from .places import _gazetteer

    for name, iso3, c, _ in _gazetteer(doc.lang)[0].values():
        if c == code:
            return name, iso3
    return None, None


def _closest(cues: list[Cue], field: str, start: int, end: int) -> str | None:
    hits = [cu for cu in cues if cu.field == field]
    if not hits:
        return None
    return min(hits, key=lambda cu: start - cu.end if cu.end <= start else cu.start - end).value


def _category(cues: list[Cue]) -> str | None:
    values = {cu.value for cu in cues if cu.field == "category"}
    if "military_police" in values or {"military", "police"} <= values:
        return "military_police"
    for v in ("counternarcotics", "military", "police", "security", "humanitarian", "economic", "development"):
        if v in values:
            return v
    return None


def _donor_list(text: str, donors: list[tuple[str, int, int]], start: int) -> str:
    """The donor nearest the figure, with those listed with it (``Spain and Japan pledged``)."""
    donors = sorted(donors, key=lambda d: d[1])
    lo = hi = min(range(len(donors)), key=lambda k: abs(donors[k][1] - start))
    while lo > 0 and _LIST_GAP.match(text[donors[lo - 1][2]:donors[lo][1]]):
        lo -= 1
    while hi + 1 < len(donors) and _LIST_GAP.match(text[donors[hi][2]:donors[hi + 1][1]]):
        hi += 1
    return "; ".join(dict.fromkeys(d[0] for d in donors[lo:hi + 1]))


def attribute(doc: Document, start: int, end: int) -> Attribution:
    """Attribute the figure written at ``doc.text[start:end]``.

    Looks first in the figure's clause (and parenthesis), then its sentence, then the
    sentences before it in the paragraph, then the document (its subject, date and donor).
    """
    text = doc.text
    i = doc.layout.sentence_index(start)
    s = doc.layout.sentences[i]
    c = _clause(doc, s[0], s[1], start, end)
    if not text[c[0]:c[1]].strip(" ()").replace(text[start:end], "").strip():
        # the figure stands alone in brackets ("the bulk of which (€400 million)"): use the clause around them
        c = _clause(doc, s[0], s[1], max(s[0], c[0] - 1), min(s[1], c[1] + 1))
    sentence_cues = doc.sentence_cues(i)
    lo, hi = max(c[0], start - 120), min(c[1], end + 60)
    near = [cu for cu in sentence_cues if lo <= cu.start and cu.end <= hi]
    aid_cues = [cu for cu in near if cu.field == "aid"]
    # "worth $40 million" is the value of something: aid when it is given ("donated helicopters
    # worth..."), not when nothing is handed over ("the drug trade is worth...")
    if aid_cues or any(cu.field == "measure" for cu in near):
        sentence_cues = [cu for cu in sentence_cues if not (cu.field == "not_aid" and cu.value == "worth")]
        near = [cu for cu in near if not (cu.field == "not_aid" and cu.value == "worth")]
    not_aid = [cu for cu in near if cu.field == "not_aid"]
    if not_aid:
        is_aid = bool(aid_cues) and _closest(aid_cues + not_aid, "aid", start, end) is not None and \
            min(abs(cu.start - start) for cu in aid_cues) < min(abs(cu.start - start) for cu in not_aid)
    else:
        is_aid = bool(aid_cues) or not any(cu.field == "not_aid" for cu in sentence_cues) \
            or any(cu.field == "aid" for cu in sentence_cues)
    programs = _in(doc.programs, *c) or _in(doc.programs, s[0], start)
    recipient, iso3 = _recipient(doc, s, c, start, end, programs)
    year_choice = choose_year(doc, s, c, start, end, near, is_aid)
    year = year_choice.value
    category = _category(near) or _category(sentence_cues) or next((p.category for p in programs if p.category), None)
    measure = (_closest(near, "measure", start, end) or _closest(sentence_cues, "measure", start, end)) if is_aid else None
    if is_aid and measure is None:
        if i > 0 and doc.layout.paragraph_index(doc.layout.sentences[i - 1][0]) == doc.layout.paragraph_index(start):
            measure = _closest(doc.sentence_cues(i - 1), "measure", start, start)
    donors = [d for d in doc.donors if s[0] <= d[1] < s[1]]
    donors += [(p.name, p.start, p.end) for p in _in(doc.places, *s)  # and countries named as givers
               if p.start in doc.donor_places and p.iso3 and not any(d[1] <= p.start < d[2] for d in donors)]
    donor = (_donor_list(text, donors, start) if donors else doc.main_donor) if is_aid else None
    return Attribution(
        recipient=recipient, recipient_iso3=iso3,
        year=year.year if year else None, year_end=year.year_end if year else None,
        fiscal=bool(year and year.fiscal), donor=donor, category=category if is_aid else None,
        program=programs[0].name if programs else None, measure=measure, is_aid=is_aid,
        sentence=" ".join(text[s[0]:s[1]].split()), year_probability=year_choice.probability,
    )
