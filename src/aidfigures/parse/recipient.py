"""Choose a figure's recipient among candidates (places near it, lists, programs, the document's subject, none)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .choice import Choice, choose, read_model_once
from .context import DocumentContext
from .place_groups import as_recipient, group_span, program_place
from .places import Place
from .recipient_features import (
    _LOCAL,
    Features,
    Recipient,
    _cues,
    _doc_share,
    _head,
    _key_features,
    _mark_best,
    _occurrence,
    _own,
    _places_in,
    _spread,
    _top,
    currency_country,
    currency_features,
)
from .recipient_groups import lead_list, region_recipient
from .spans import _in, last_ending_by

__all__ = ["Recipient", "recipient_candidates", "choose_recipient"]


#: The order in which a reader looks for the recipient (the hand rules of earlier versions): the
#: candidate it reaches first gets the feature ``first``.
#: a character a word can go on with (what a cue's closing look-ahead ``(?![\w])`` refuses)
_WORD_CHAR = re.compile(r"\w")

_ORDER = ("relative", "before_paren", "best_clause", "program", "best_sentence", "best_prev1", "best_prev2")


def _first(doc: DocumentContext, occurrences: list[tuple[Place, Features]],
           found: dict[str, tuple[Recipient, Features]], programs: Sequence) -> str | None:
    """The key of the candidate the reading order reaches first (a group when its place is listed)."""
    for mark in _ORDER:
        if mark == "program":
            code = next((prog.recipient for prog in programs if prog.recipient), None)
            if code in found:
                return code
            continue
        for p, f in occurrences:
            if mark in f:
                group = _group(doc, p)
                return group.key if group is not None else p.code
    return None


def _merge(into: dict[str, tuple[Recipient, Features]], cand: Recipient, f: Features) -> None:
    if cand.key in into:
        old = into[cand.key][1]
        for k, v in f.items():
            if v > old.get(k, 0.0):
                old[k] = v
    else:
        into[cand.key] = (cand, dict(f))


def _single(doc: DocumentContext, p: Place) -> Recipient:
    cache = doc.__dict__.setdefault("_singles", {})
    r = cache.get(p.code)
    if r is None:  # a region without a label of its own: the members the document names
        r = cache[p.code] = (p.iso3 is None and region_recipient(doc, p.code)) or Recipient(p.code, p.name, p.iso3)
    return r


def _clause_group(doc: DocumentContext, places: list[Place]) -> Recipient | None:
    """:func:`_list_recipient` of the places of a clause, made once per set of places (its figures share it)."""
    if len(places) < 2:
        return None  # one place is no list
    cache = doc.__dict__.setdefault("_clause_groups", {})
    key = tuple(p.start for p in places)
    if key not in cache:
        cache[key] = _list_recipient(places)
    return cache[key]


def _with_neighbors(p: Place) -> Recipient:
    """``Colombia and its neighbors`` as one recipient: the country and the unnamed others."""
    return Recipient(f"{p.code}|NEIGHBORS", f"{p.name} and neighbors", None)


def _group(doc: DocumentContext, p: Place) -> Recipient | None:
    cache = doc.__dict__.setdefault("_groups", {})
    if p.start not in cache:
        cache[p.start] = _read_group(doc, p)
    return cache[p.start]


def _read_group(doc: DocumentContext, p: Place) -> Recipient | None:
    if p.start in doc.donor_places or p.start in doc.venues:
        return None
    span = group_span(doc, doc.recipient_places, p)
    cache = doc.__dict__.setdefault("_group_recipients", {})  # one per list: the places of a long list share it
    if span not in cache:
        cache[span] = _list_recipient(doc.recipient_places[span[0]:span[1]])
    return cache[span]


def _list_recipient(group: list[Place]) -> Recipient | None:
    codes = list(dict.fromkeys(q.code for q in group))
    if len(codes) < 2:
        return None
    name, _ = as_recipient(group)
    return Recipient("|".join(codes), name or "", None)


def _far(doc: DocumentContext, i: int, s: tuple[int, int]) -> tuple[list[tuple[Place, Features]],
                                                             dict[str, tuple[Recipient, Features]]]:
    """The places of the two sentences before sentence ``i`` in its paragraph and of the document's
    head, with their features (the same for every figure of the sentence: read once per sentence)."""
    cache = doc.__dict__.setdefault("_far", {})
    if i in cache:
        return cache[i]
    layout, out, named = doc.layout, [], []
    p0 = layout.paragraphs[layout.paragraph_index(s[0])][0]
    for back, j in enumerate(range(i - 1, max(-1, i - 3), -1), 1):
        a, b = layout.sentences[j]
        if b <= p0:
            break
        earlier = [(p, {f"prev{back}": 1.0, **_own(doc, p)}) for p in _places_in(doc, a, b)]
        _mark_best(earlier, b, b, f"best_prev{back}")
        out += earlier
        named += [(prog.recipient, back) for prog in _in(doc.programs, a, b) if prog.recipient]
    head = _head(doc)
    if s[0] >= head[1]:
        out += [(p, {"head": 1.0}) for p in _places_in(doc, *head)]
    merged: dict[str, tuple[Recipient, Features]] = {}
    for p, f in out:
        _merge(merged, _single(doc, p), f)
    for code, back in named:  # "... for the Andean Counterdrug Initiative. This included $34 million for ..."
        place = program_place(doc, code)
        if place:
            _merge(merged, Recipient(code, place[0], place[1]), {f"program_prev{back}": 1.0})
    cache[i] = out, merged
    return cache[i]


def _regional_sentence(doc: DocumentContext, cue, s: tuple[int, int]) -> bool:
    """Whether sentence ``s`` has a regional cue word (read once per sentence)."""
    cache = doc.__dict__.setdefault("_regional_sentences", {})
    if s not in cache:
        cache[s] = cue.search(doc.text, *s) is not None
    return cache[s]


def _regional_clause(doc: DocumentContext, cue, c: tuple[int, int], s: tuple[int, int]) -> bool:
    """Whether clause ``c`` of sentence ``s`` has a regional cue word (read once per clause: its figures
    share it). A sentence without one has none in its clauses: a cue word found in a clause is found
    there in its sentence too, when what follows the clause cannot go on a word (a clause ends at a
    sentence's end or before a cut: a bracket, a stop, a comma, a space), so the clause is not read."""
    cache = doc.__dict__.setdefault("_regional_clauses", {})
    found = cache.get(c)
    if found is None:
        text = doc.text
        if (s[0] <= c[0] and c[1] <= s[1] and (c[1] == s[1] or _WORD_CHAR.match(text, c[1]) is None)
                and not _regional_sentence(doc, cue, s)):
            found = False
        else:
            found = cue.search(text, *c) is not None
        cache[c] = found
    return found


def recipient_candidates(doc: DocumentContext, s: tuple[int, int], c: tuple[int, int], start: int, end: int,
                         programs: Sequence, is_aid: bool = True,
                         currency: str | None = None) -> list[tuple[Recipient | None, Features]]:
    """Every recipient candidate of the figure at ``[start, end)`` with its features.

    ``s`` and ``c`` are the figure's sentence and clause; ``programs`` the programs named for it.
    Candidates: each place of the sentence and of the two sentences before it in the paragraph
    (a region without a label of its own as the members the document names), each list of places
    named together, the places of the document's head, the recipient a program implies (with the
    cues a place named there gets), the document's subject when nothing nearer names a place, the
    first list of places of the document's lead, the one country whose own money ``currency`` (the
    figure's) is, and none (``None``).
    """
    text = doc.text
    layout = doc.layout
    i = layout.sentence_index(start)
    open_paren = text.rfind("(", max(s[0], start - 300), start)
    paren = (open_paren, text.find(")", end)) if open_paren >= 0 and text.rfind(")", open_paren, start) < 0 else None
    local = _places_in(doc, *s)
    bracketed = last_ending_by(local, paren[0]) if paren else None  # "... Haiti ($30 million)"
    if bracketed is not None and paren is not None and text[bracketed.end:paren[0]].strip():
        bracketed = None
    occurrences: list[tuple[Place, Features]] = []
    for p in local:
        scope = "clause" if c[0] <= p.start and p.end <= c[1] else "sentence"
        f = _occurrence(doc, p, start, end, c, scope)
        if paren and paren[1] > 0 and paren[0] < p.start < paren[1]:
            f["paren"] = 1.0
        if p is bracketed:
            f.pop("pre_contrast", None)  # "after Colombia ($351 million)": the bracket gives it the figure
        occurrences.append((p, f))
    if bracketed is not None:  # the place just before the bracket
        f = {**_occurrence(doc, bracketed, start, end, c, "clause"), "before_paren": 1.0}
        f.pop("pre_contrast", None)
        occurrences.append((bracketed, f))
    if occurrences:
        nearest, closest = occurrences[0][1], None
        for p, f in occurrences:
            key = ("money_between" in f, abs(p.start - start))
            if closest is None or key < closest:
                nearest, closest = f, key
        nearest["nearest"] = 1.0
        _mark_best(occurrences, start, end)
    far, far_found = _far(doc, i, s)
    found = {k: (r, dict(f)) for k, (r, f) in far_found.items()}
    singles, groups = doc.__dict__.setdefault("_singles", {}), doc.__dict__.setdefault("_groups", {})
    for p, f in occurrences:
        _merge(found, singles.get(p.code) or _single(doc, p), f)
        g = groups[p.start] if p.start in groups else _group(doc, p)  # lists of places in the figure's own sentence
        if g is not None:
            _merge(found, g, f)
            found[g.key][1]["list"] = 1.0
        if "neighbors" in f:  # "for Colombia and its neighbors": several countries, not Colombia alone
            _merge(found, _with_neighbors(p), {**f, "with_neighbors": 1.0})
    in_clause = [p for p, f in occurrences if "clause" in f and p.start not in doc.donor_places
                 and p.start not in doc.venues]
    clause_group = _clause_group(doc, in_clause) if len(in_clause) <= 12 else None
    if clause_group is not None and clause_group.key not in found:  # "southern Peru and Potosi in Bolivia"
        _merge(found, clause_group, {"clause_group": 1.0})
    occurrences += far
    for prog in programs:
        if prog.recipient:
            place = program_place(doc, prog.recipient)
            if place:
                inside = c[0] <= prog.start and prog.end <= c[1]  # "for the Andean Counterdrug Initiative"
                named = Place(text[prog.start:prog.end], prog.start, prog.end, place[0], place[1], prog.recipient,
                              "program")  # its cues as a place's: "Colombia and other ARI recipients received"
                _merge(found, Recipient(prog.recipient, place[0], place[1]),
                       {**_occurrence(doc, named, start, end, c, "clause" if inside else "sentence"),
                        "program_clause" if inside else "program": 1.0})
    first = _first(doc, occurrences, found, programs)
    if first is None and doc.subject is not None:  # (the subject is read on first use only)
        _merge(found, _single(doc, doc.subject), {"subject": 1.0, "first": 1.0})
    top = _top(doc)
    if top is not None and top not in found:  # the place the document names most
        place = program_place(doc, top)
        if place:
            _merge(found, Recipient(top, place[0], place[1]), {"document": 1.0})
    lead = lead_list(doc)  # "México y Centroamérica" in the lead: the document's recipients
    if lead is not None:
        _merge(found, lead, {"lead_list": 1.0})
    owner = currency_country(currency)  # "Q50 millones": Guatemala's money, named or not
    if owner is not None and owner not in found:
        place = program_place(doc, owner)
        if place:
            _merge(found, Recipient(owner, place[0], place[1]), {"currency_country": 1.0})
    regional_cue = _cues(doc.lang)["regional"]
    regional = _regional_clause(doc, regional_cue, c, s)
    out: list[tuple[Recipient | None, Features]] = []
    own_money = currency not in (None, "USD")  # currency_features is empty for the others
    known = doc.__dict__.setdefault("_key_features", {})
    for cand, f in found.values():
        f.update(known.get(cand.key) or _key_features(doc, cand))
        if own_money:
            f.update(currency_features(cand, currency))
        if f.keys().isdisjoint(_LOCAL):  # named only elsewhere in the document: how much it is about it
            f["doc_share"] = _doc_share(doc, cand.key)
        if regional and cand.iso3 is not None and "clause" not in f:
            f["one_in_regional"] = 1.0  # "Peru got $9 million. The regional request of $76 million ...": not Peru's
        if cand.key == first:
            f["first"] = 1.0
        out.append((cand, f))
    none = {"none": 1.0}
    if regional:
        none["none_regional"] = 1.0  # "$400 million for regional programs": not one country's
    if not is_aid:
        none["none_not_aid"] = 1.0
    if not found:
        none["none_alone"] = 1.0
    elif not regional and _regional_sentence(doc, regional_cue, s):
        none["none_regional_sentence"] = 1.0  # "... to the region's countries, and $20 million more"
    none["none_spread"] = _spread(doc)  # a text about many places
    out.append((None, none))
    return out


def choose_recipient(doc: DocumentContext, s: tuple[int, int], c: tuple[int, int], start: int, end: int,
                     programs: Sequence, is_aid: bool = True, currency: str | None = None) -> Choice[Recipient]:
    """The most probable recipient under the fitted model ``parse/models/recipient.json``."""
    candidates = recipient_candidates(doc, s, c, start, end, programs, is_aid, currency)
    return choose(read_model_once(doc.__dict__, "recipient"), candidates)
