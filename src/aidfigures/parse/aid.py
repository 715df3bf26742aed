"""Say whether a figure is aid: a logistic model over cue words near it (``parse/models/aid.json``)."""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache

from ..lang import LANGUAGES, read_vocab
from .alternation import by_char, by_first_char
from .choice import Model, read_model, read_model_once
from .context import DocumentContext
from .cues import Cue
from .recipient_features import currency_country
from .vocab import alt

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

#: the text between a figure and the same money written again: "12 billion lempiras, or about $485 million", "€5m ($6m)"
_RESTATE = re.compile(rf"\s*(?:\(\s*(?:(?:{alt('restate', 'hedge')})\s+)*|,?\s*(?:(?:{alt('restate')})\s+)+"
                      rf"(?:(?:{alt('hedge')})\s+)*|,\s*(?:(?:{alt('hedge')})\s+)+)", re.I)

#: marks that part a cue word from a figure: one between them counts as this many characters more
_BREAK = 40
_BREAKS = re.compile(r"[,;:()]")

Features = dict[str, float]


def note_figures(doc: DocumentContext, spans: Sequence[tuple[int, int]]) -> None:
    """Tell ``doc`` where the text's money figures are (sorted spans): a cue word belongs to the figure
    nearest it (:func:`aid_features`' ``<kind>:mine``). Without it, each figure is taken to be alone in its sentence."""
    doc.__dict__["_figure_spans"] = sorted(spans)
    doc.__dict__.pop("_cue_owners", None)


def _units(doc: DocumentContext, i: int, start: int, end: int) -> list[tuple[int, int]]:
    """The figures of sentence ``i`` as sorted spans, a figure and its restatement joined into one."""
    spans: list[tuple[int, int]] = doc.__dict__.get("_figure_spans", [])
    a, b = doc.layout.sentences[i]
    k = bisect_left(spans, (a, -1))
    inside = []
    while k < len(spans) and spans[k][0] < b:
        inside.append(spans[k])
        k += 1
    if not any(x <= start < y for x, y in inside):
        inside = sorted([*inside, (start, end)])
    units: list[tuple[int, int]] = []
    for x, y in inside:
        if units and x >= units[-1][1] and _RESTATE.fullmatch(doc.text, units[-1][1], x) is not None:
            units[-1] = (units[-1][0], y)
        else:
            units.append((x, y))
    return units


def _owners(doc: DocumentContext, i: int, start: int, end: int,
            words: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """For each span of ``words`` (cue words or donors of sentence ``i``), the figure (unit) nearest it:
    fewest characters between them, a comma, semicolon or bracket between counting as ``_BREAK`` more
    (bisect on the sentence's breaks, found once per sentence)."""
    units = _units(doc, i, start, end)
    breaks = doc.__dict__.setdefault("_breaks", {})
    if i not in breaks:
        a, b = doc.layout.sentences[i]
        breaks[i] = [m.start() for m in _BREAKS.finditer(doc.text, a, b)]
    marks = breaks[i]
    starts = [u[0] for u in units]

    def cost(u: tuple[int, int], a: int, b: int) -> int:
        x, y = (b, u[0]) if u[0] >= b else (u[1], a)
        return max(0, y - x) + (_BREAK if bisect_left(marks, y) > bisect_left(marks, x) else 0)

    out = []
    for a, b in words:
        k = bisect_left(starts, a)
        out.append(min(units[max(0, k - 1):k + 1], key=lambda u: cost(u, a, b)))
    return out


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
        out.append((kind, re.compile(rf"(?<![\w-])(?:{by_first_char(body) if folded else body})(?![\w-])", flags)))
    every = "|".join(bodies)
    anything = re.compile(rf"(?<![\w-])(?:{by_first_char(every) if folded else every})(?![\w-])", flags)
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
    kinds = {k: n for n, k in enumerate(KINDS)}
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
    cues_here = aid_cues(doc, i)
    owners = _owners(doc, i, start, end, [(a, b) for _, a, b in cues_here])
    for (kind, a, b), (x, y) in zip(cues_here, owners, strict=True):
        if a < end and b > start:
            continue  # a word inside the figure ("$5 million in credits" keeps "credits" outside it)
        if x <= start < y:
            out[f"{kind}:mine"] = 1.0
        gap = start - b if b <= start else a - end
        if gap <= _ADJACENT:
            out[f"{kind}:adjacent"] = 1.0
        if c[0] <= a and b <= c[1]:
            out[f"{kind}:clause"] = 1.0
        out[f"{kind}:sentence"] = 1.0
        if nearest is None or gap < nearest[0]:
            nearest = (gap, kind)
        side = "before" if b <= start else "after"
        if c[0] <= a and b <= c[1] and (side not in sides or gap < sides[side][0]):
            sides[side] = (gap, kind)
        if kind in _OWN and c[0] <= a and b <= c[1] and _place_before(doc, a):
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
        for kind in {k for k, _, _ in aid_cues(doc, i - 1)}:
            out[f"{kind}:previous"] = 1.0
    starts = doc.__dict__.get("_donor_starts")
    if starts is None:
        starts = doc.__dict__.setdefault("_donor_starts", [d[1] for d in doc.donors])
    if bisect_left(starts, s[1]) > bisect_left(starts, s[0]):
        out["donor:sentence"] = 1.0
        here = doc.donors[bisect_left(starts, s[0]):bisect_left(starts, s[1])]
        if any(x <= start < y for x, y in _owners(doc, i, start, end, [(d[1], d[2]) for d in here])):
            out["donor:mine"] = 1.0
        if bisect_left(starts, c[1]) > bisect_left(starts, c[0]):
            out["donor:clause"] = 1.0
    programs = doc.__dict__.get("_program_starts")
    if programs is None:
        programs = doc.__dict__.setdefault("_program_starts", [p.start for p in doc.programs])
    if bisect_left(programs, s[1]) > bisect_left(programs, s[0]):
        out["program:sentence"] = 1.0
        if bisect_left(programs, c[1]) > bisect_left(programs, c[0]):
            out["program:clause"] = 1.0
    if any(cu.field == "measure" and c[0] <= cu.start and cu.end <= c[1] for cu in cues):
        out["measure"] = 1.0
    if currency_country(currency) is not None:
        out["local_currency"] = 1.0
        before = doc.layout.sentences[i - 1][0] if i > 0 else s[0]
        givers = doc.__dict__.get("_giver_starts")
        if givers is None:
            givers = doc.__dict__.setdefault("_giver_starts", sorted(doc.donor_places))
        if (bisect_left(starts, s[1]) == bisect_left(starts, before)
                and bisect_left(givers, s[1]) == bisect_left(givers, before)):
            out["local_currency:no_donor"] = 1.0
    return out


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
