"""Say what a figure is about: recipient, year, donor, category, program, measure, aid or not."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .aid import decide_aid
from .alternatives import format_alternatives, recipient_alternatives, year_alternatives
from .context import DocumentContext
from .cues import Cue, Program
from .place_groups import _LIST_GAP
from .recipient import choose_recipient
from .recipient_features import _places_in
from .year_choice import choose_year

__all__ = ["Attribution", "attribute"]

_CLAUSE = re.compile(
    r";|:\s|\s[–—-]\s|\(|\)|,\s+(?=(?:which|who|while|whereas|but|making|according|of which|que|quien|mientras|"
    r"pero|lo que|donde|the bulk of which|the largest portion of which|a reduction|or|down|up|compared|"
    r"against|versus|from|including|excluding|plus|frente|comparado|incluidos?|incluyendo)\b)"
    r"|,\s+and\s+(?=that\b|(?:a|an|the)\s)|,\s+y\s+(?=(?:un|una|el|la|los|las)\s)|\s+and\s+that\b", re.I)
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
    #: the probability of the recipient chosen (``parse/recipient.py``) under the fitted model
    recipient_probability: float = 1.0
    #: the probability of the year chosen (see :func:`aidfigures.parse.year_choice.choose_year`)
    year_probability: float = 1.0
    #: the probability that recipient and year are both right (the product of the two choices')
    confidence: float = 1.0
    #: the probability that the figure is aid (see :func:`aidfigures.parse.aid.decide_aid`)
    aid_probability: float = 1.0
    #: the next-best recipients and years with their probabilities (:mod:`aidfigures.parse.alternatives`)
    alternatives: str | None = None


def _clause(doc: DocumentContext, s0: int, s1: int, start: int, end: int) -> tuple[int, int]:
    """The clause of [start, end) in sentence [s0, s1): from the last cut ending by ``start`` to the first
    starting from ``end`` (the cuts of a sentence, found once, in order: their starts and ends both rise)."""
    cuts = doc.__dict__.setdefault("_clause_cuts", {})
    found = cuts.get((s0, s1))
    if found is None:
        spans = [(m.start(), m.end()) for m in _CLAUSE.finditer(doc.text, s0, s1)]
        found = cuts[(s0, s1)] = ([a for a, _ in spans], [b for _, b in spans])
    starts, ends = found
    k = bisect_right(ends, start)
    n = bisect_left(starts, end)
    return (ends[k - 1] if k else s0), (starts[n] if n < len(starts) else s1)




def _donors_in(doc: DocumentContext, a: int, b: int) -> list[tuple[str, int, int]]:
    """The donors named within [a, b), by bisection on their start offsets (kept once per document)."""
    starts = doc.__dict__.get("_donor_starts")
    if starts is None:
        starts = doc.__dict__.setdefault("_donor_starts", [d[1] for d in doc.donors])
    lo = bisect_left(starts, a)
    return list(doc.donors[lo:bisect_left(starts, b, lo)])


def _programs_in(doc: DocumentContext, a: int, b: int) -> list[Program]:
    """The programs named within [a, b), by bisection on their start offsets (kept once per document)."""
    starts = doc.__dict__.get("_program_starts")
    if starts is None:
        starts = doc.__dict__.setdefault("_program_starts", [p.start for p in doc.programs])
    lo = bisect_left(starts, a)
    return [p for p in doc.programs[lo:bisect_left(starts, b, lo)] if p.end <= b]


def _sentence_donors(doc: DocumentContext, s: tuple[int, int]) -> list[tuple[str, int, int]]:
    """The donors named in sentence ``s``, then the countries named there as givers (read once per
    sentence; do not change the list returned)."""
    cache = doc.__dict__.setdefault("_sentence_donors", {})
    donors = cache.get(s)
    if donors is None:
        donors = _donors_in(doc, *s)
        donors += [(p.name, p.start, p.end) for p in _places_in(doc, *s)
                   if p.start in doc.donor_places and p.iso3 and not any(d[1] <= p.start < d[2] for d in donors)]
        cache[s] = donors
    return donors


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


def _sentence_category(doc: DocumentContext, i: int) -> str | None:
    """:func:`_category` of sentence ``i``'s cues (read once per sentence: dropping a ``worth`` cue,
    which is not a category's, leaves it as it is)."""
    cache = doc.__dict__.setdefault("_sentence_categories", {})
    if i not in cache:
        cache[i] = _category(doc.sentence_cues(i))
    return cache[i]


def _donor_list(text: str, donors: list[tuple[str, int, int]], start: int) -> str:
    """The donor nearest the figure, with those listed with it (``Spain and Japan pledged``)."""
    donors = sorted(donors, key=lambda d: d[1])
    lo = hi = min(range(len(donors)), key=lambda k: abs(donors[k][1] - start))
    while lo > 0 and _LIST_GAP.match(text[donors[lo - 1][2]:donors[lo][1]]):
        lo -= 1
    while hi + 1 < len(donors) and _LIST_GAP.match(text[donors[hi][2]:donors[hi + 1][1]]):
        hi += 1
    return "; ".join(dict.fromkeys(d[0] for d in donors[lo:hi + 1]))


def _sentence_text(doc: DocumentContext, i: int) -> str:
    """Sentence ``i`` with its white space collapsed (the ``sentence`` column), made once."""
    cache = doc.__dict__.setdefault("_sentence_texts", {})
    if i not in cache:
        a, b = doc.layout.sentences[i]
        cache[i] = " ".join(doc.text[a:b].split())
    return cache[i]


def attribute(doc: DocumentContext, start: int, end: int, currency: str | None = None) -> Attribution:
    """Attribute the figure written at ``doc.text[start:end]`` (in ``currency``, when known).

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
    is_aid, aid_probability = decide_aid(doc, s, c, start, end, near, currency)
    programs = _programs_in(doc, *c) or _programs_in(doc, s[0], start)
    chosen = choose_recipient(doc, s, c, start, end, programs, is_aid, currency)
    recipient = chosen.value.name if chosen.value else None
    iso3 = chosen.value.iso3 if chosen.value else None
    year_choice = choose_year(doc, s, c, start, end, near, is_aid)
    year = year_choice.value
    category = _category(near) or _sentence_category(doc, i) or next((p.category for p in programs if p.category), None)
    measure = ((_closest(near, "measure", start, end) or _closest(sentence_cues, "measure", start, end))
               if is_aid else None)
    if (is_aid and measure is None and i > 0
            and doc.layout.paragraph_index(doc.layout.sentences[i - 1][0]) == doc.layout.paragraph_index(start)):
        measure = _closest(doc.sentence_cues(i - 1), "measure", start, start)
    donors = [d for d in _sentence_donors(doc, s) if d[0] != recipient]  # the donor is never the recipient
    donor = (_donor_list(text, donors, start) if donors else doc.main_donor) if is_aid else None
    return Attribution(
        recipient=recipient, recipient_iso3=iso3,
        year=year.year if year else None, year_end=year.year_end if year else None,
        fiscal=bool(year and year.fiscal), donor=donor, category=category if is_aid else None,
        program=programs[0].name if programs else None, measure=measure, is_aid=is_aid,
        sentence=_sentence_text(doc, i), recipient_probability=chosen.probability,
        year_probability=year_choice.probability,
        confidence=round(chosen.probability * year_choice.probability, 4), aid_probability=round(aid_probability, 4),
        alternatives=format_alternatives(recipient_alternatives(chosen), year_alternatives(year_choice, text, end)),
    )
