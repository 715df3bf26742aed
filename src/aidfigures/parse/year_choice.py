"""The year of a figure: a choice among the years around it, weighed by a model fitted to the gold."""

from __future__ import annotations

from bisect import bisect_left

from .choice import Choice, choose, read_model_once
from .context import DocumentContext
from .cues import Cue
from .dates import Dateline, find_dateline
from .year_features import _context, _ends, _features, _near, _nearest_amount_is, _role
from .year_rule import lookback_start, mark_rule, rule_year
from .year_words import year_vocab
from .years import SHIFT, Year, shifted_year

__all__ = ["Candidate", "choose_year", "year_candidates"]

#: a candidate year (``None``: the figure has no year) and its features
Candidate = tuple[Year | None, dict[str, float]]

#: how many sentences before the figure's, in its paragraph, may give its year
_PREVIOUS = 3
#: how many sentences at the top of a document may give its head year (a title, a cable's subject)
_HEAD = 3
def _dateline(doc: DocumentContext) -> Dateline | None:
    """The date at the top of the text (dateline, byline, cable date-time group), when there is one."""
    cache = doc.__dict__
    if "_dateline" not in cache:
        cache["_dateline"] = find_dateline(doc.text)
    return cache["_dateline"]


def year_candidates(doc: DocumentContext, sentence_span: tuple[int, int], clause_span: tuple[int, int],
                    start: int, end: int, cues: list[Cue], is_aid: bool,
                    with_rule: bool = True) -> list[Candidate]:
    """Every year the figure at ``doc.text[start:end]`` may belong to, with its features.

    Candidates: the years, fiscal years and spans of the figure's sentence (in its clause or not),
    of up to three sentences before it in its paragraph (or in the paragraph before, when its own
    carries that on: :func:`~aidfigures.parse.year_rule.lookback_start`), of the paragraph's lead
    further back, of a heading line before the paragraph, of the paragraph before (its last sentence
    with a year, when the figure's paragraph does not carry it on), of the nearest heading with a year
    further back (the section's) and of the document's first line; the dateline's year; the
    publication date's year (both know how many of the text's own years are candidates:
    ``date&text_years:N``); and ``None`` (no year), always first. The
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
    ends = {y.start for y in years if _ends(doc, y)}  # "through 2027": the end of a stretch, no figure's year
    n_years = len({(y.year, y.year_end) for y in years if y.kind != "date" and y.start not in ends})
    for y in years:
        scope = "clause" if c[0] <= y.start and y.end <= c[1] else "sentence"
        f = _features(doc, y, scope, context)
        if _nearest_amount_is(doc, i, y, start, end):
            f[f"{scope}:nearest_amount"] = 1.0  # a year belongs to the amount nearest it
        if y.start in ends:
            f[f"{scope}:ends"] = 1.0
        elif n_years == 1 and y.kind != "date":
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
        k = _heading(doc, p - 1)
        if k is not None and k not in seen:
            seen.add(k)
            _previous(doc, k, "heading", context, out)
    k0 = doc.layout.sentence_index(p0)
    lead = next((j for j in range(k0, min(k0 + _HEAD, i))
                 if any(y.kind != "date" for y in doc.sentence_years(j))), None)
    if lead is not None and lead not in seen:  # the paragraph's first year, further back: its lead, a numbered point
        seen.add(lead)
        _previous(doc, lead, "lead", context, out)
    if p > 0 and p0 == doc.layout.paragraphs[p][0]:  # the paragraph before, when its own does not carry it on:
        last = doc.layout.sentence_index(max(0, p0 - 1))  # its last sentence with a year, of its last three
        first = doc.layout.sentence_index(doc.layout.paragraphs[p - 1][0])
        back = next((j for j in range(last, max(first, last - _PREVIOUS) - 1, -1)
                     if any(y.kind != "date" for y in doc.sentence_years(j))), None)
        if back is not None and back not in seen and back < i:
            seen.add(back)
            _previous(doc, back, "prevpar", context, out)
        lead = next((j for j in range(first, min(first + _HEAD, i))  # its lead: what the paragraph goes on about
                     if any(y.kind != "date" for y in doc.sentence_years(j))), None)
        if lead is not None and lead not in seen:
            seen.add(lead)
            _previous(doc, lead, "prevlead", context, out)
    section = _section(doc, p)
    if section is not None and section not in seen:  # a heading with a year further back: the section's
        seen.add(section)
        _previous(doc, section, "section", context, out)
    head = next((j for j in range(min(_HEAD, i)) if any(y.kind != "date" for y in doc.sentence_years(j))), None)
    if head is not None and head not in seen:  # the first sentence with a year: a title, a subject line
        _previous(doc, head, "head", context, out)
    n_text = min(2, sum(1 for y, _ in out[1:] if y is not None))
    dateline = _dateline(doc)
    if dateline:
        y = Year("", start, start, dateline.date.year, kind="dateline")
        f = _features(doc, y, "dateline", context)
        f[f"dateline:{dateline.form}"] = 1.0
        f[f"dateline:{'alone' if dateline.alone else 'in_text'}&dated:{doc.dated_by or 'no'}"] = 1.0
        f[f"date&text_years:{n_text}"] = 1.0  # the text's own years near the figure compete with its date
        out.append((y, f))
    if doc.year and doc.dated_by == "manifest" and (dateline is None or doc.year != dateline.date.year):
        y = Year("", start, start, doc.year, kind="published")
        f = _features(doc, y, "published", context)
        f[f"date&text_years:{n_text}"] = 1.0
        out.append((y, f))
    if with_rule:  # the hand rules' pick as a feature (only models that weigh it need it)
        mark_rule(doc, rule_year(doc, c, start, end, cues, is_aid), out)
    return out



def _heading(doc: DocumentContext, q: int) -> int | None:
    """The last sentence with a year (not a date) of paragraph ``q`` when it is short enough to be a heading
    (under 120 characters: a title, ``1. Developments in May 2007:``), else None. One of several sentences
    among the document's first ``_HEAD`` (``1.\nSUBJECT: FY 75 ...``) is left to the "head" candidate."""
    h0, h1 = doc.layout.paragraphs[q]
    if h1 - h0 >= 120:
        return None
    first, last = doc.layout.sentence_index(h0), doc.layout.sentence_index(max(h0, h1 - 1))
    if last > first and first < _HEAD:
        return None
    return next((k for k in range(last, first - 1, -1)
                 if any(y.kind != "date" for y in doc.sentence_years(k))), None)


def _section(doc: DocumentContext, p: int) -> int | None:
    """The sentence of the nearest heading with a year (a short paragraph of one sentence) more than one
    paragraph before paragraph ``p``: found by bisecting the document's headings, listed once."""
    cache = doc.__dict__
    if "_year_headings" not in cache:
        found = []
        for q in range(len(doc.layout.paragraphs)):
            k = _heading(doc, q)
            if k is not None:
                found.append((q, k))
        cache["_year_headings"] = found
    found = cache["_year_headings"]
    n = bisect_left(found, (p - 1, -1))
    return found[n - 1][1] if n > 0 else None


def _previous(doc: DocumentContext, j: int, scope: str, context: list[str], out: list[Candidate], n: int = 2) -> None:
    """The last ``n`` years written in sentence ``j`` (not dates within it) as candidates (their features
    made once per sentence, scope and context: the figures of a document share its head's, a paragraph's
    figures its lead's; each figure gets copies)."""
    cache = doc.__dict__.setdefault("_previous_candidates", {})
    key = (j, scope, n, tuple(context))
    made = cache.get(key)
    if made is None:
        made = []
        found = [y for y in doc.sentence_years(j) if y.kind != "date"][-n:]
        for k, y in enumerate(found):
            f = _features(doc, y, scope, context)
            if k == len(found) - 1:
                f[f"{scope}:last"] = 1.0
            if (role := _role(doc, y)) is not None:
                f[f"prep:{role}"] = 1.0
            made.append((y, f))
        cache[key] = made
    out.extend((y, dict(f)) for y, f in made)


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
    model = read_model_once(doc.__dict__, "year")
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
