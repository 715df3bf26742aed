"""The features of a year candidate: its type and role, what the figure's clause and sentence say, how near it is."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import NamedTuple

from .context import DocumentContext
from .cues import Cue
from .year_words import year_vocab
from .years import Year, counts_from_a_year

#: distance bins (characters between the year and the figure)
_BINS = (0, 8, 25, 60, 150, 400)


#: which of ``year_vocab``'s patterns :func:`_sentence_spans` finds
_CUES, _AMOUNTS = 2, 3


def _sentence_spans(doc: DocumentContext, i: int, which: int) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the matches in sentence ``i`` of ``year_vocab(doc.lang)[which]``: the year
    cue words (``_CUES``) or what looks like an amount of money (``_AMOUNTS``). Found once per sentence,
    on the lower-cased sentence unless lowering changes its length."""
    cache = doc.__dict__.setdefault("_year_spans", {})
    if (i, which) not in cache:
        a, b = doc.layout.sentences[i]
        low = doc.text[a:b].lower()
        if len(low) != b - a:
            low = doc.text[a:b]
        vocab = year_vocab(doc.lang)
        pattern = vocab[2] if which == _CUES else vocab[3]
        cache[(i, which)] = [(m.start() + a, m.end() + a, m.lastgroup or "") for m in pattern.finditer(low)]
    return cache[(i, which)]


def _nearest_amount_is(doc: DocumentContext, i: int, y: Year, start: int, end: int) -> bool:
    """True when no other amount of the sentence is nearer the year than the figure is."""
    spans = _sentence_spans(doc, i, _AMOUNTS)
    mine = y.start - end if y.start >= end else start - y.end
    k = bisect_left(spans, (y.start, 0))
    for a, b, _ in spans[max(0, k - 1):k + 1]:
        if (b <= start or a >= end) and (a - y.end if a >= y.end else y.start - b) < mine:  # another amount, nearer
            return False
    return True


def _type(y: Year | None) -> str:
    if y is None:
        return "none"
    if y.kind in ("published", "dateline", "relative"):
        return y.kind
    return "span" if y.year_end is not None or y.kind == "since" else "single"


def _role(doc: DocumentContext, y: Year) -> str | None:
    """The role of the words right before the year (``in``, ``for``...), found once per year offset."""
    cache = doc.__dict__.setdefault("_year_roles", {})
    if y.start not in cache:
        before, roles, _, _ = year_vocab(doc.lang)
        m = before.search(doc.text[max(0, y.start - 40):y.start].lower())
        cache[y.start] = roles.get(" ".join(m.group("w").split())) if m else None
    return cache[y.start]


def _ends(doc: DocumentContext, y: Year) -> bool:
    """True when the year ends a stretch of time (``through 2027``, ``hasta 2030``): no figure's own year."""
    return y.year_end is None and y.kind in ("year", "fiscal") and _role(doc, y) == "through"


def _context(doc: DocumentContext, c: tuple[int, int], i: int, cues: list[Cue], is_aid: bool) -> tuple[str, ...]:
    """What the figure's clause says about its year, shared by every candidate (read once per clause: the
    cue words of its sentence outside it say nothing the features weigh)."""
    multi = any(cu.field == "multi_year" for cu in cues)
    estimate = not is_aid and any(cu.field == "not_aid" and cu.value == "estimate" for cu in cues)
    cache = doc.__dict__.setdefault("_year_contexts", {})
    key = (i, c, is_aid, multi, estimate)
    found = cache.get(key)
    if found is None:
        out = {f"dated:{doc.dated_by or 'no'}"}
        for pos, _, kind in _sentence_spans(doc, i, _CUES):
            if c[0] <= pos < c[1]:
                out.add("c:" + kind)
        if multi:
            out.add("multi_year")
        if any(c[0] <= y.start < c[1] and _ends(doc, y) for y in doc.sentence_years(i)):
            out.add("until")  # "50 billion euros in support through 2027": a total with an end and no start
        if not is_aid:
            out.add("not_aid")
            if estimate:
                out.add("estimate")
        found = cache[key] = tuple(sorted(out))
    return found


class Scope(NamedTuple):
    """The names of a scope's features (where a candidate comes from), written once, not per candidate."""

    scope: str
    after: str
    before: str
    nearest_amount: str
    ends: str
    only_year: str
    last: str


def _scope(name: str) -> Scope:
    return Scope(f"scope:{name}", *(f"{name}:{k}" for k in Scope._fields[1:]))


#: every scope :func:`~aidfigures.parse.year_choice.year_candidates` gives
SCOPES = {s: _scope(s) for s in ("none", "clause", "sentence", "prev1", "prev2", "prev3", "heading", "lead",
                                 "prevpar", "prevlead", "section", "head", "dateline", "published")}
_TYPES = {t: f"t:{t}" for t in ("none", "published", "dateline", "relative", "span", "single")}
_DIST = tuple(f"dist:{b}" for b in _BINS)
_MONEY_BETWEEN = tuple(f"money_between:{n}" for n in range(3))
_YEARS_BETWEEN = tuple(f"years_between:{n}" for n in range(3))


def scope_names(name: str) -> Scope:
    """The feature names of scope ``name`` (made on the spot for one not in :data:`SCOPES`)."""
    found = SCOPES.get(name)
    return found if found is not None else _scope(name)


def _typed(doc: DocumentContext, y: Year | None) -> tuple[str, tuple[str, ...]]:
    """The year's type and its features that follow the context's (kind, ``relative:narrative``, ``pub:``),
    read once per document and year."""
    if y is None:
        return "none", ()
    cache = doc.__dict__.setdefault("_year_typed", {})
    key = (y.kind, y.year, y.year_end, y.text if y.kind == "relative" else "")
    found = cache.get(key)
    if found is None:
        tail = []
        if y.kind not in ("published",):
            tail.append(f"kind:{y.kind}")
            if y.kind == "relative" and counts_from_a_year(y.text):
                tail.append("relative:narrative")  # "the following year": counted from a year of the text
            if doc.year:
                d = y.year - doc.year
                tail.append("pub:" + ("future" if d > 0 else "same" if d == 0 else "last" if d == -1 else "old"))
        found = cache[key] = (_type(y), tuple(tail))
    return found


def _features(doc: DocumentContext, y: Year | None, scope: str, context: list[str] | tuple[str, ...]) -> list[str]:
    """The names of the features of candidate ``y`` from ``scope`` that do not depend on where the figure is:
    its type, its scope, its type with each of the figure's ``context``, its
    kind and how it stands to the year of publication (the type-and-context names made once per document)."""
    t, tail = _typed(doc, y)
    cache = doc.__dict__.setdefault("_year_context_names", {})
    key = (t, context if isinstance(context, tuple) else tuple(context))
    mixed = cache.get(key)
    if mixed is None:
        mixed = cache[key] = tuple(f"{t}&{g}" for g in context)
    return [_TYPES.get(t) or f"t:{t}", scope_names(scope).scope, *mixed, *tail]


def _near(doc: DocumentContext, y: Year, sc: Scope, start: int, end: int, starts: list[int],
          money: re.Pattern[str], f: list[str]) -> None:
    """Features of a year written near the figure: side, distance, what stands in between (``starts``: those
    of the sentence's years)."""
    text = doc.text
    after = y.start >= end
    f.append(sc.after if after else sc.before)
    a, b = (end, y.start) if after else (y.end, start)
    gap = max(0, b - a)
    f.append(_DIST[bisect_right(_BINS, gap) - 1])
    between = text[a:b].lower() if gap < 2000 else ""
    first = money.search(between)  # the first two amounts in between, as finditer finds them
    f.append(_MONEY_BETWEEN[0 if first is None else 1 if money.search(between, first.end()) is None else 2])
    f.append(_YEARS_BETWEEN[min(2, bisect_left(starts, b) - bisect_left(starts, a))])
    if after and between.strip() in ("(", "[", "(for", "(en", "(in"):
        f.append("bracketed_after")  # "$1.4 billion (FY2008-FY2010)"
    if after and gap <= 16:
        role = year_vocab(doc.lang)[1].get(" ".join(between.split()))
        if role:
            f.append(f"right_after:{role}")  # "$5 million in 2006"
    if not after and _after_amount(doc, y, money):
        f.append("after_other_amount")  # "from $56.4 million in 2006 to $44.7 million"


def _after_amount(doc: DocumentContext, y: Year, money: re.Pattern[str]) -> bool:
    """True when an amount stands in the 50 characters before the year, found once per year offset."""
    cache = doc.__dict__.setdefault("_year_after_amount", {})
    found = cache.get(y.start)
    if found is None:
        found = cache[y.start] = money.search(doc.text[max(0, y.start - 50):y.start].lower()) is not None
    return found
