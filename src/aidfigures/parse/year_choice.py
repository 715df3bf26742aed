"""The year of a figure: a choice among the years around it, weighed by a model fitted to the gold."""

from __future__ import annotations

import re
from bisect import bisect_left

from .choice import Choice, choose, read_model
from .context import DocumentContext
from .cues import Cue
from .dates import Dateline, find_dateline
from .year_rule import lookback_start, mark_rule, rule_year
from .year_words import year_vocab
from .years import SHIFT, Year, counts_from_a_year, shifted_year

__all__ = ["Candidate", "choose_year", "year_candidates"]

#: a candidate year (``None``: the figure has no year) and its features
Candidate = tuple[Year | None, dict[str, float]]

#: how many sentences before the figure's, in its paragraph, may give its year
_PREVIOUS = 3
#: how many sentences at the top of a document may give its head year (a title, a cable's subject)
_HEAD = 3
#: distance bins (characters between the year and the figure)
_BINS = (0, 8, 25, 60, 150, 400)
#: a decade (``the 1990s``, ``'80s``): the sentence speaks of a time, not of a year
_DECADE = re.compile(r"(?<!\d)(?:19|20)?\d0['’]?s\b")


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


def _dateline(doc: DocumentContext) -> Dateline | None:
    """The date at the top of the text (dateline, byline, cable date-time group), when there is one."""
    cache = doc.__dict__
    if "_dateline" not in cache:
        cache["_dateline"] = find_dateline(doc.text)
    return cache["_dateline"]


def _bin(gap: int) -> str:
    return str(next((b for b in reversed(_BINS) if gap >= b), 0))


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


def _context(doc: DocumentContext, c: tuple[int, int], i: int, cues: list[Cue], is_aid: bool) -> list[str]:
    """What the figure's clause and sentence say about its year, shared by every candidate."""
    out = {f"dated:{doc.dated_by or 'no'}"}
    for pos, _, kind in _sentence_spans(doc, i, _CUES):
        out.add(("c:" if c[0] <= pos < c[1] else "s:") + kind)
    decades = doc.__dict__.setdefault("_decades", {})
    if i not in decades:
        decades[i] = _DECADE.search(doc.text, *doc.layout.sentences[i]) is not None
    if decades[i]:
        out.add("s:decade")
    if any(cu.field == "multi_year" for cu in cues):
        out.add("multi_year")
    if any(y.year_end is None and y.kind in ("year", "fiscal") and c[0] <= y.start < c[1] and _role(doc, y) == "through"
           for y in doc.sentence_years(i)):
        out.add("until")  # "50 billion euros in support through 2027": a total with an end and no start
    if not is_aid:
        out.add("not_aid")
        if any(cu.field == "not_aid" and cu.value == "estimate" for cu in cues):
            out.add("estimate")
    return sorted(out)


def _features(doc: DocumentContext, y: Year | None, scope: str, context: list[str]) -> dict[str, float]:
    t = _type(y)
    f = {f"t:{t}": 1.0, f"scope:{scope}": 1.0}
    for g in context:
        if not g.startswith("s:"):
            f[f"{t}&{g}"] = 1.0
    if y is not None and y.kind not in ("published",):
        f[f"kind:{y.kind}"] = 1.0
        if y.kind == "relative" and counts_from_a_year(y.text):
            f["relative:narrative"] = 1.0  # "the following year": counted from a year of the text
        if doc.year:
            d = y.year - doc.year
            f["pub:" + ("future" if d > 0 else "same" if d == 0 else "last" if d == -1 else "old")] = 1.0
    return f


def _near(doc: DocumentContext, y: Year, scope: str, start: int, end: int, years: list[Year], money: re.Pattern[str],
          f: dict[str, float]) -> None:
    """Features of a year written near the figure: side, distance, what stands in between."""
    text = doc.text
    after = y.start >= end
    f[f"{scope}:{'after' if after else 'before'}"] = 1.0
    a, b = (end, y.start) if after else (y.end, start)
    gap = max(0, b - a)
    f[f"dist:{_bin(gap)}"] = 1.0
    between = text[a:b].lower() if gap < 2000 else ""
    n_money = sum(1 for _ in zip(range(2), money.finditer(between), strict=False))
    f[f"money_between:{n_money}"] = 1.0
    lo = bisect_left(years, a, key=_start)
    hi = bisect_left(years, b, key=_start)
    f[f"years_between:{min(2, hi - lo)}"] = 1.0
    if after and between.strip() in ("(", "[", "(for", "(en", "(in"):
        f["bracketed_after"] = 1.0  # "$1.4 billion (FY2008-FY2010)"
    if after and gap <= 16:
        role = year_vocab(doc.lang)[1].get(" ".join(between.split()))
        if role:
            f[f"right_after:{role}"] = 1.0  # "$5 million in 2006"
    if not after and money.search(text[max(0, y.start - 50):y.start].lower()):
        f["after_other_amount"] = 1.0  # "from $56.4 million in 2006 to $44.7 million"


def _start(y: Year) -> int:
    return y.start


def year_candidates(doc: DocumentContext, sentence_span: tuple[int, int], clause_span: tuple[int, int],
                    start: int, end: int, cues: list[Cue], is_aid: bool,
                    with_rule: bool = True) -> list[Candidate]:
    """Every year the figure at ``doc.text[start:end]`` may belong to, with its features.

    Candidates: the years, fiscal years and spans of the figure's sentence (in its clause or not),
    of up to three sentences before it in its paragraph (or in the paragraph before, when its own
    carries that on: :func:`~aidfigures.parse.year_rule.lookback_start`), of the paragraph's lead
    further back, of a heading line before the paragraph and of the document's first line; the
    dateline's year; the publication date's year; and ``None`` (no year), always first. The
    candidate the hand rules pick (:func:`~aidfigures.parse.year_rule.rule_year`) has the
    feature ``rule`` (``rule:none`` on ``None`` when they give no year).

    Parameters
    ----------
    doc : DocumentContext
        The document's context (layout, years by sentence, date and where it came from).
    sentence_span, clause_span : tuple of int
        The figure's sentence and clause, as offsets in ``doc.text``.
    start, end : int
        The figure's own span.
    cues : list of Cue
        The cue words near the figure (``multi_year``, ``not_aid``...).
    is_aid : bool
        Whether the figure was read as aid.

    Returns
    -------
    list of (Year or None, dict)
        Each candidate with its features (names as in ``parse/models/year.json``).
    """
    i = doc.layout.sentence_index(start)
    c = clause_span
    context = _context(doc, c, i, cues, is_aid)
    money = year_vocab(doc.lang)[3]
    out: list[Candidate] = [(None, _features(doc, None, "none", context))]
    years = doc.sentence_years(i)
    n_years = len({(y.year, y.year_end) for y in years if y.kind != "date"})
    for y in years:
        scope = "clause" if c[0] <= y.start and y.end <= c[1] else "sentence"
        f = _features(doc, y, scope, context)
        if _nearest_amount_is(doc, i, y, start, end):
            f[f"{scope}:nearest_amount"] = 1.0  # a year belongs to the amount nearest it
        if n_years == 1 and y.kind != "date":
            f[f"{scope}:only_year"] = 1.0  # one year in the sentence dates its every figure
        _near(doc, y, scope, start, end, years, money, f)
        if (role := _role(doc, y)) is not None:
            f[f"prep:{role}"] = 1.0
        out.append((y, f))
    p = doc.layout.paragraph_index(start)
    p0 = lookback_start(doc, start)  # its paragraph, or the one before when it carries that on
    seen = {i}
    for j in range(i - 1, max(-1, i - 1 - _PREVIOUS), -1):
        if doc.layout.sentences[j][1] <= p0:
            break
        seen.add(j)
        _previous(doc, j, f"prev{i - j}", context, out)
    if p > 0:  # a heading: a short paragraph of its own just before
        h0, h1 = doc.layout.paragraphs[p - 1]
        k = doc.layout.sentence_index(h0)
        if k not in seen and h1 - h0 < 120 and doc.layout.sentence_index(max(h0, h1 - 1)) == k:
            seen.add(k)
            _previous(doc, k, "heading", context, out)
    k0 = doc.layout.sentence_index(p0)
    lead = next((j for j in range(k0, min(k0 + _HEAD, i))
                 if any(y.kind != "date" for y in doc.sentence_years(j))), None)
    if lead is not None and lead not in seen:  # the paragraph's first year, further back: its lead, a numbered point
        seen.add(lead)
        _previous(doc, lead, "lead", context, out)
    head = next((j for j in range(min(_HEAD, i)) if any(y.kind != "date" for y in doc.sentence_years(j))), None)
    if head is not None and head not in seen:  # the first sentence with a year: a title, a subject line
        _previous(doc, head, "head", context, out)
    dateline = _dateline(doc)
    if dateline:
        y = Year("", start, start, dateline.date.year, kind="dateline")
        f = _features(doc, y, "dateline", context)
        f[f"dateline:{dateline.form}"] = 1.0
        f[f"dateline:{'alone' if dateline.alone else 'in_text'}&dated:{doc.dated_by or 'no'}"] = 1.0
        out.append((y, f))
    if doc.year and doc.dated_by == "manifest" and (dateline is None or doc.year != dateline.date.year):
        y = Year("", start, start, doc.year, kind="published")
        out.append((y, _features(doc, y, "published", context)))
    if with_rule:  # the hand rules' pick as a feature (only models that weigh it need it)
        mark_rule(doc, rule_year(doc, c, start, end, cues, is_aid), out)
    return out



def _previous(doc: DocumentContext, j: int, scope: str, context: list[str], out: list[Candidate], n: int = 2) -> None:
    """The last ``n`` years written in sentence ``j`` (not dates within it) as candidates."""
    found = [y for y in doc.sentence_years(j) if y.kind != "date"][-n:]
    for k, y in enumerate(found):
        f = _features(doc, y, scope, context)
        if k == len(found) - 1:
            f[f"{scope}:last"] = 1.0
        if (role := _role(doc, y)) is not None:
            f[f"prep:{role}"] = 1.0
        out.append((y, f))


def choose_year(doc: DocumentContext, sentence_span: tuple[int, int], clause_span: tuple[int, int],
                start: int, end: int, cues: list[Cue], is_aid: bool) -> Choice[Year]:
    """The year of the figure at ``doc.text[start:end]`` and its probability.

    Takes the same parameters as :func:`year_candidates` and returns a
    :class:`~aidfigures.parse.choice.Choice` whose ``value`` is the year (``None``: no year),
    ``probability`` its probability and ``ranked`` every candidate with its own.

    The candidates of :func:`year_candidates` are weighed by the model ``parse/models/year.json``
    (written by ``benchmarks/fit_year.py``: a conditional logit; ``--model rule`` writes weights that
    reproduce the hand rules of :mod:`~aidfigures.parse.year_rule` instead); the year chosen is the one
    with the most probability summed over the candidates that give it (the fit maximises that sum
    for the right year), and that sum is its probability.

    Examples
    --------
    >>> from aidfigures.parse.context import read_context
    >>> t = "Peru received $5 million in 2006."
    >>> d = read_context(t)
    >>> choose_year(d, (0, len(t)), (0, len(t)), 14, 24, [], True).value.year
    2006
    """
    model = read_model("year")
    with_rule = "rule" in model.weights or "rule:none" in model.weights
    found = choose(model, year_candidates(doc, sentence_span, clause_span, start, end, cues, is_aid, with_rule))
    total: dict[int | None, float] = {}
    if SHIFT.match(doc.text, end, end + 30) is None:  # nothing after the figure shifts its year: as found
        shifted = list(found.ranked)
    else:
        shifted = [(None if v is None else shifted_year(doc.text, end, v), p) for v, p in found.ranked]
    for v, p in shifted:
        key = None if v is None else v.year
        total[key] = total.get(key, 0.0) + p
    top = max(total, key=lambda k: total[k])  # the year with the most probability, summed over its candidates
    value = next(v for v, _ in shifted if (None if v is None else v.year) == top)
    return Choice(value, total[top], found.ranked)
