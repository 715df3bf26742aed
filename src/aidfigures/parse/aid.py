"""Say whether a figure is aid: a logistic model over cue words near it (``parse/models/aid.json``)."""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from functools import lru_cache

from ..lang import LANGUAGES, read_vocab
from .aid_owners import note_figures, sentence_owners
from .alternation import by_char, by_first_char
from .choice import Model, read_model, read_model_once
from .context import DocumentContext
from .cues import Cue
from .recipient_features import currency_country
from .regex_cache import compile_cached

__all__ = ["KINDS", "aid_cues", "aid_features", "aid_probability", "decide_aid", "note_figures"]

#: the kinds of cue words of ``lang/<lang>/aid_cues.csv``, in file order
KINDS: tuple[str, ...] = tuple(dict.fromkeys(r["kind"] for r in read_vocab("aid_cues", LANGUAGES[0])))
#: a cue this close to the figure (characters between them) is next to it ("worth $5 million", "$3 billion in damage")
_ADJACENT = 24
#: kinds that say a government or a buyer pays, when a place stands right before them ("Peru spent", "Chile's budget")
_OWN = ("budget", "spent")
#: kinds whose words count only where they open a sentence or a line ("With $25 ...", "- Con 300 euros ...")
_LEADS = ("lead",)
#: what may stand between the start of a sentence or line and a lead word: spaces, bullets, dashes
_LEAD_GAP = re.compile(r"[\s\-–—•*·]*")

#: each kind's place in :data:`KINDS` (the order of a sentence's cues)
_KIND_ORDER = {k: n for n, k in enumerate(KINDS)}

Features = dict[str, float]


@lru_cache(maxsize=None)
def _patterns(lang: str, folded: bool = False) -> tuple[re.Pattern[str], tuple[tuple[str, re.Pattern[str]], ...]]:
    """A pattern for any cue word, then one per kind (file order).

    The sentence is scanned once for any cue; at each hit every kind's pattern is tried there, which
    finds what a ``finditer`` per kind finds. ``folded`` patterns are lower-cased and matched on
    lower-cased text (faster than ``re.IGNORECASE``; the patterns hold no escapes to lower), and their
    words are grouped by first character (:func:`~aidfigures.parse.alternation.by_first_char`: the same matches).
    """
    flags = 0 if folded else re.I
    out = []
    bodies = _bodies(lang, folded)
    for kind, body in zip(_kinds(lang), bodies, strict=True):
        out.append((kind, compile_cached(rf"(?<![\w-])(?:{by_first_char(body) if folded else body})(?![\w-])", flags)))
    every = "|".join(bodies)
    anything = compile_cached(rf"(?<![\w-])(?:{by_first_char(every) if folded else every})(?![\w-])", flags)
    return anything, tuple(out)


def _rows(lang: str) -> tuple[dict[str, str], ...]:
    """The rows of ``lang/<lang>/aid_cues.csv`` (English's for a language this package has no words of)."""
    return tuple(read_vocab("aid_cues", lang if lang in LANGUAGES else LANGUAGES[0]))


def _kinds(lang: str) -> list[str]:
    """The kinds of ``lang``'s cue words, in file order."""
    return list(dict.fromkeys(r["kind"] for r in _rows(lang)))


def _bodies(lang: str, folded: bool) -> list[str]:
    """The regex body of each kind's words (:func:`_kinds` order), lower-cased when ``folded``."""
    rows = _rows(lang)
    return ["|".join((r["pattern"].lower() if folded else r["pattern"]).replace(" ", r"\s+")
                     for r in rows if r["kind"] == kind) for kind in _kinds(lang)]


@lru_cache(maxsize=None)
def _kinds_by_char(lang: str, folded: bool) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """Which kinds of :func:`_patterns` can match where a character stands (all of them unless ``folded``)."""
    if not folded:
        return {}, tuple(range(len(_patterns(lang, False)[1])))
    return by_char(_bodies(lang, True))


def aid_cues(doc: DocumentContext, index: int) -> list[tuple[str, int, int]]:
    """The aid cue words of sentence ``index`` as (kind, start, end), found once per sentence.

    Examples
    --------
    >>> from aidfigures.parse.context import read_context
    >>> [k for k, _, _ in aid_cues(read_context("Japan pledged $5 million in aid."), 0)]
    ['aid', 'pledge']
    """
    cache = doc.__dict__.setdefault("_aid_cues", {})
    if index not in cache:
        a, b = doc.layout.sentences[index]
        # one character before the sentence is kept: the look-behind sees it, as finditer(text, a, b) does
        lead = 1 if a else 0
        low = doc.text[a - lead:b].lower()
        folded = len(low) == b - a + lead  # lower() can change the length of a few characters
        target, base, pos, stop = (low, a - lead, lead, b - a + lead) if folded else (doc.text, 0, a, b)
        anything, kinds = _patterns(doc.lang, folded)
        table, other = _kinds_by_char(doc.lang, folded)
        found: list[list[tuple[str, int, int]]] = [[] for _ in kinds]
        reach = [0] * len(kinds)  # per kind, where its last word ended: what finditer would skip
        while (hit := anything.search(target, pos, stop)) is not None:
            at = hit.start()
            for k in table.get(target[at], other):  # the kinds whose words can start with its first character
                kind, pattern = kinds[k]
                if at >= reach[k] and (m := pattern.match(target, at, stop)) is not None:
                    reach[k] = m.end()
                    found[k].append((kind, m.start() + base, m.end() + base))
            pos = at + 1
        cues = [t for per_kind in found for t in per_kind if t[0] not in _LEADS or _opens(doc.text, a, t[1])]
        cache[index] = _outermost(cues)
    return cache[index]


def _opens(text: str, sentence_start: int, at: int) -> bool:
    """Whether only spaces and bullets stand between the start of the sentence or line and ``at``."""
    line = max(sentence_start, text.rfind("\n", sentence_start, at) + 1)
    return _LEAD_GAP.fullmatch(text, line, at) is not None


def _outermost(cues: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """``cues`` without the words that lie inside a longer cue of another kind: "own funds" is a
    budget's, not aid's "funds"; "financing needs" a need, not a giver's "financing" (sorted once)."""
    out: list[tuple[str, int, int]] = []
    reach: tuple[str, int, int] | None = None  # the cue seen so far that ends furthest
    for cue in sorted(cues, key=lambda t: (t[1], -t[2])):
        if reach is not None and reach[2] >= cue[2] and reach[0] != cue[0] and reach[2] - reach[1] > cue[2] - cue[1]:
            continue
        out.append(cue)
        if reach is None or cue[2] > reach[2]:
            reach = cue
    kinds = _KIND_ORDER
    return sorted(out, key=lambda t: (kinds.get(t[0], len(kinds)), t[1]))


def _place_before(doc: DocumentContext, pos: int, reach: int = 40) -> bool:
    """Whether a recipient place ends within ``reach`` characters before ``pos`` (bisect on place starts)."""
    starts = doc.__dict__.get("_place_starts")
    if starts is None:
        starts = doc.__dict__.setdefault("_place_starts", [p.start for p in doc.places])
    k = bisect_left(starts, pos) - 1
    while k >= 0 and doc.places[k].start >= pos - reach - 30:
        p = doc.places[k]
        if p.end <= pos and pos - p.end <= reach and p.start not in doc.donor_places:
            return True
        k -= 1
    return False


def aid_features(doc: DocumentContext, s: tuple[int, int], c: tuple[int, int], start: int, end: int,
                 cues: Sequence[Cue] = (), currency: str | None = None) -> Features:
    """The features of the figure at ``doc.text[start:end]`` in sentence ``s`` and clause ``c``.

    For each kind of cue word: ``<kind>:adjacent`` (next to the figure), ``<kind>:clause``,
    ``<kind>:sentence``, ``<kind>:previous`` (the sentence before, same paragraph) and
    ``nearest:<kind>`` (the kind of the closest cue in the sentence), ``<kind>:mine`` (a cue of the
    sentence nearer this figure than any other, a figure and its restatement counted as one: in
    "$8 billion in damage, and donors pledged $1 billion" the damage is the first's, the pledge the
    second's; the figures are those of :func:`note_figures`), ``before:<kind>`` and
    ``after:<kind>`` (the closest in the clause on each side); ``donor:clause`` /
    ``donor:sentence`` (a donor named), ``donor:mine`` (one nearer this figure than any other),
    ``program:clause`` / ``program:sentence`` (a named program),
    ``measure`` (a measure word of ``cues`` in the clause),
    ``own_spending`` (a place right before a budget or spending word), ``worth_given`` (a value
    next to the figure with a giving word in its clause), ``local_currency`` (``currency`` is one
    country's own money, not a donor's: quetzales, soles, pesos) and ``local_currency:no_donor``
    (and no donor, nor a country named as a giver, in the sentence or the one before: a
    government's own money), and ``no_cue``. (The document's share
    of sentences about aid was tried and left out: it did not help in cross-validation, and it
    pushes every figure of a document about aid towards aid.)
    """
    i = doc.layout.sentence_index(start)
    out: Features = {}
    nearest: tuple[int, str] | None = None
    sides: dict[str, tuple[int, str]] = {}
    c0, c1 = c
    for (kind, a, b), (x, y) in zip(*_sentence_cues(doc, i, start, end), strict=True):
        if a < end and b > start:
            continue  # a word inside the figure ("$5 million in credits" keeps "credits" outside it)
        mine, adjacent, clause, sentence = _names(kind)
        if x <= start < y:
            out[mine] = 1.0
        gap = start - b if b <= start else a - end
        if gap <= _ADJACENT:
            out[adjacent] = 1.0
        inside = c0 <= a and b <= c1
        if inside:
            out[clause] = 1.0
        out[sentence] = 1.0
        if nearest is None or gap < nearest[0]:
            nearest = (gap, kind)
        if inside:
            side = "before" if b <= start else "after"
            if side not in sides or gap < sides[side][0]:
                sides[side] = (gap, kind)
            if kind in _OWN and _place_before(doc, a):
                out["own_spending"] = 1.0
    if nearest is None:
        out["no_cue"] = 1.0
    else:
        out[f"nearest:{nearest[1]}"] = 1.0
    for side, (_, kind) in sides.items():
        out[f"{side}:{kind}"] = 1.0
    if "worth:adjacent" in out and ("give:clause" in out or "aid:clause" in out or "pledge:clause" in out):
        out["worth_given"] = 1.0
    if i > 0 and doc.layout.paragraph_index(doc.layout.sentences[i - 1][0]) == doc.layout.paragraph_index(start):
        for name in _previous(doc, i - 1):
            out[name] = 1.0
    starts = _starts(doc, "_donor_starts", lambda: [d[1] for d in doc.donors])
    if bisect_left(starts, s[1]) > bisect_left(starts, s[0]):
        out["donor:sentence"] = 1.0
        here = doc.donors[bisect_left(starts, s[0]):bisect_left(starts, s[1])]
        owners = sentence_owners(doc, i, start, end, ("donor", s), lambda: [(d[1], d[2]) for d in here])
        if any(x <= start < y for x, y in owners):
            out["donor:mine"] = 1.0
        if bisect_left(starts, c[1]) > bisect_left(starts, c[0]):
            out["donor:clause"] = 1.0
    programs = _starts(doc, "_program_starts", lambda: [p.start for p in doc.programs])
    if bisect_left(programs, s[1]) > bisect_left(programs, s[0]):
        out["program:sentence"] = 1.0
        if bisect_left(programs, c[1]) > bisect_left(programs, c[0]):
            out["program:clause"] = 1.0
    if any(cu.field == "measure" and c[0] <= cu.start and cu.end <= c[1] for cu in cues):
        out["measure"] = 1.0
    if currency_country(currency) is not None:
        out["local_currency"] = 1.0
        before = doc.layout.sentences[i - 1][0] if i > 0 else s[0]
        givers = _starts(doc, "_giver_starts", lambda: sorted(doc.donor_places))
        if (bisect_left(starts, s[1]) == bisect_left(starts, before)
                and bisect_left(givers, s[1]) == bisect_left(givers, before)):
            out["local_currency:no_donor"] = 1.0
    return out


def _starts(doc: DocumentContext, name: str, make: Callable[[], list[int]]) -> list[int]:
    """The sorted offsets kept on ``doc`` as ``name`` (made by ``make`` on first use)."""
    starts = doc.__dict__.get(name)
    if starts is None:
        starts = doc.__dict__.setdefault(name, make())
    return starts


@lru_cache(maxsize=None)
def _names(kind: str) -> tuple[str, str, str, str]:
    """The feature names of a cue of ``kind``: ``<kind>:mine``, ``:adjacent``, ``:clause``, ``:sentence``."""
    return f"{kind}:mine", f"{kind}:adjacent", f"{kind}:clause", f"{kind}:sentence"


def _sentence_cues(doc: DocumentContext, i: int, start: int,
                   end: int) -> tuple[list[tuple[str, int, int]], list[tuple[int, int]]]:
    """The aid cues of sentence ``i`` and the figure each belongs to (for the figure at [start, end))."""
    cues = aid_cues(doc, i)
    return cues, sentence_owners(doc, i, start, end, "cue", lambda: [(a, b) for _, a, b in cues])


def _previous(doc: DocumentContext, j: int) -> tuple[str, ...]:
    """``<kind>:previous`` of each kind of aid cue in sentence ``j`` (read once per sentence)."""
    cache = doc.__dict__.setdefault("_previous_kinds", {})
    names = cache.get(j)
    if names is None:
        names = cache[j] = tuple(f"{kind}:previous" for kind in {k for k, _, _ in aid_cues(doc, j)})
    return names


def aid_probability(features: Features, model: Model | None = None) -> float:
    """The probability that a figure with ``features`` is aid, under ``parse/models/aid.json`` (or ``model``)."""
    z = (model or read_model("aid")).score(features)
    return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


def decide_aid(doc: DocumentContext, s: tuple[int, int], c: tuple[int, int], start: int, end: int,
               cues: Sequence[Cue] = (), currency: str | None = None) -> tuple[bool, float]:
    """Whether the figure at ``doc.text[start:end]`` is aid, and the model's probability that it is.

    Examples
    --------
    >>> from aidfigures.parse.context import read_context
    >>> text = "The earthquake caused $8 billion in damage."
    >>> decide_aid(read_context(text), (0, len(text)), (0, len(text)), 22, 32)[0]
    False
    """
    p = aid_probability(aid_features(doc, s, c, start, end, cues, currency), read_model_once(doc.__dict__, "aid"))
    return p >= 0.5, p
