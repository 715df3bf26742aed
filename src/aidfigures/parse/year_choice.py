"""The year of a figure: a choice among the years around it, weighed by a model fitted to the gold."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from .choice import Choice, choose
from .context import DocumentContext
from .cues import Cue
from .dates import Dateline, find_dateline
from .year_features import _context, _features, _near, _nearest_amount_is, _role, scope_names
from .year_index import YearChoice, choose_named, first_with_year, sentence_facts, text_years, year_model
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
_CLAUSE, _SENTENCE = scope_names("clause"), scope_names("sentence")
_PREV = {k: f"prev{k}" for k in range(1, _PREVIOUS + 1)}
#: how many of the text's own years are candidates (at most 2 counted), as a feature of the dates'
_TEXT_YEARS = tuple(f"date&text_years:{n}" for n in range(3))


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
    found = [(y, dict.fromkeys(names, 1.0)) for y, names in _named(doc, clause_span, start, end, cues, is_aid)]
    if with_rule:  # the hand rules' pick as a feature (only models that weigh it need it)
        mark_rule(doc, rule_year(doc, clause_span, start, end, cues, is_aid), found)
    return found


def _named(doc: DocumentContext, c: tuple[int, int], start: int, end: int, cues: list[Cue],
           is_aid: bool) -> list[tuple[Year | None, Sequence[str]]]:
    """:func:`year_candidates` with the names of their features (each worth 1.0), the rule's pick left out:
    a list for each year of the figure's sentence, a tuple (made once per document) for the others."""
    i = doc.layout.sentence_index(start)
    context = _context(doc, c, i, cues, is_aid)
    cache = doc.__dict__.setdefault("_year_none", {})
    none = cache.get(context)
    if none is None:
        none = cache[context] = tuple(_features(doc, None, "none", context))
    out: list[tuple[Year | None, Sequence[str]]] = [(None, none)]
    money = year_vocab(doc.lang)[3]
    rows, starts = sentence_facts(doc, i)
    for y, ends, only, prep in rows:
        scope, sc = ("clause", _CLAUSE) if c[0] <= y.start and y.end <= c[1] else ("sentence", _SENTENCE)
        f = _features(doc, y, scope, context)
        if _nearest_amount_is(doc, i, y, start, end):
            f.append(sc.nearest_amount)  # a year belongs to the amount nearest it
        if ends:
            f.append(sc.ends)
        elif only:
            f.append(sc.only_year)  # one year in the sentence dates its every figure
        _near(doc, y, sc, start, end, starts, money, f)
        if prep:
            f.append(prep)
        out.append((y, f))
    p = doc.layout.paragraph_index(start)
    p0 = lookback_start(doc, start)  # its paragraph, or the one before when it carries that on
    cache = doc.__dict__.setdefault("_year_further", {})
    key = (i, p, p0, context)
    further = cache.get(key)
    if further is None:  # the same for every figure of the sentence with the same context
        further = cache[key] = _further(doc, i, p, p0, context)
    out.extend(further)
    n_text = min(2, len(out) - 1)  # how many of the text's own years are candidates
    dateline = _dateline(doc)
    published = bool(doc.year) and doc.dated_by == "manifest" and (dateline is None or doc.year != dateline.date.year)
    if dateline or published:
        cache = doc.__dict__.setdefault("_year_dated", {})
        dated = cache.get((context, n_text))
        if dated is None:
            dated = cache[(context, n_text)] = _dated(doc, dateline, context, n_text)
        if dateline:
            out.append((Year("", start, start, dateline.date.year, kind="dateline"), dated[0]))
        if published and doc.year:
            out.append((Year("", start, start, doc.year, kind="published"), dated[1]))
    return out


def _further(doc: DocumentContext, i: int, p: int, p0: int,
             context: tuple[str, ...]) -> tuple[tuple[Year, tuple[str, ...]], ...]:
    """The candidates of a figure of sentence ``i`` (paragraph ``p``, looking back to ``p0``) written before
    its sentence: of up to three sentences before it, a heading, the paragraph's lead, the paragraph before
    and its lead, the section's heading, the document's head."""
    out: list[tuple[Year, tuple[str, ...]]] = []
    seen = {i}
    for j in range(i - 1, max(-1, i - 1 - _PREVIOUS), -1):
        if doc.layout.sentences[j][1] <= p0:
            break
        seen.add(j)
        _previous(doc, j, _PREV[i - j], context, out)
    if p > 0:  # a heading: a short paragraph of its own just before
        listed = doc.__dict__.get("_year_headings")  # (the sentences' years read in the same order either way)
        k = _heading(doc, p - 1) if listed is None else listed.get(p - 1)
        if k is not None and k not in seen:
            seen.add(k)
            _previous(doc, k, "heading", context, out)
    k0 = doc.layout.sentence_index(p0)
    lead = first_with_year(doc, range(k0, min(k0 + _HEAD, i)))
    if lead is not None and lead not in seen:  # the paragraph's first year, further back: its lead, a numbered point
        seen.add(lead)
        _previous(doc, lead, "lead", context, out)
    if p > 0 and p0 == doc.layout.paragraphs[p][0]:  # the paragraph before, when its own does not carry it on:
        last = doc.layout.sentence_index(max(0, p0 - 1))  # its last sentence with a year, of its last three
        first = doc.layout.sentence_index(doc.layout.paragraphs[p - 1][0])
        back = first_with_year(doc, range(last, max(first, last - _PREVIOUS) - 1, -1))
        if back is not None and back not in seen and back < i:
            seen.add(back)
            _previous(doc, back, "prevpar", context, out)
        lead = first_with_year(doc, range(first, min(first + _HEAD, i)))  # its lead: what the paragraph goes on about
        if lead is not None and lead not in seen:
            seen.add(lead)
            _previous(doc, lead, "prevlead", context, out)
    section = _section(doc, p)
    if section is not None and section not in seen:  # a heading with a year further back: the section's
        seen.add(section)
        _previous(doc, section, "section", context, out)
    head = first_with_year(doc, range(min(_HEAD, i)))
    if head is not None and head not in seen:  # the first sentence with a year: a title, a subject line
        _previous(doc, head, "head", context, out)
    return tuple(out)


def _dated(doc: DocumentContext, dateline: Dateline | None, context: tuple[str, ...],
           n_text: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The feature names of the dateline's candidate and of the publication date's, for a figure with
    ``context`` and ``n_text`` years of the text among its candidates (the text's own years near the figure
    compete with its date)."""
    f = []
    if dateline:
        y = Year("", 0, 0, dateline.date.year, kind="dateline")
        f = _features(doc, y, "dateline", context)
        f.append(f"dateline:{dateline.form}")
        f.append(f"dateline:{'alone' if dateline.alone else 'in_text'}&dated:{doc.dated_by or 'no'}")
        f.append(_TEXT_YEARS[n_text])
    g = []
    if doc.year:
        g = _features(doc, Year("", 0, 0, doc.year, kind="published"), "published", context)
        g.append(_TEXT_YEARS[n_text])
    return tuple(f), tuple(g)


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
    return first_with_year(doc, range(last, first - 1, -1))


def _headings(doc: DocumentContext) -> dict[int, int]:
    """Paragraph -> its :func:`_heading` sentence, for the paragraphs that have one: listed once per document."""
    found = doc.__dict__.get("_year_headings")
    if found is None:
        found = doc.__dict__["_year_headings"] = {}
        for q in range(len(doc.layout.paragraphs)):
            k = _heading(doc, q)
            if k is not None:
                found[q] = k
    return found


def _section(doc: DocumentContext, p: int) -> int | None:
    """The sentence of the nearest heading with a year (a short paragraph of one sentence) more than one
    paragraph before paragraph ``p``: found by bisecting the document's headings, listed once."""
    cache = doc.__dict__
    if "_year_section" not in cache:
        cache["_year_section"] = list(_headings(doc).items())
    found = cache["_year_section"]
    n = bisect_left(found, (p - 1, -1))
    return found[n - 1][1] if n > 0 else None


def _previous(doc: DocumentContext, j: int, scope: str, context: tuple[str, ...],
              out: list[tuple[Year, tuple[str, ...]]], n: int = 2) -> None:
    """The last ``n`` years written in sentence ``j`` (not dates within it) as candidates (their features
    made once per sentence, scope and context: the figures of a document share its head's, a paragraph's
    figures its lead's)."""
    cache = doc.__dict__.setdefault("_previous_candidates", {})
    key = (j, scope, n, context)
    made = cache.get(key)
    if made is None:
        made = []
        found = text_years(doc, j)[-n:]
        sc = scope_names(scope)
        for k, y in enumerate(found):
            f = _features(doc, y, scope, context)
            if k == len(found) - 1:
                f.append(sc.last)
            if (role := _role(doc, y)) is not None:
                f.append(f"prep:{role}")
            made.append((y, tuple(f)))
        cache[key] = made
    out.extend(made)


def choose_year(doc: DocumentContext, sentence_span: tuple[int, int], clause_span: tuple[int, int],
                start: int, end: int, cues: list[Cue], is_aid: bool) -> Choice[Year]:
    """The year of the figure at ``doc.text[start:end]`` and its probability.

    Takes the same parameters as :func:`year_candidates` and returns a
    :class:`~aidfigures.parse.choice.Choice` whose ``value`` is the year (``None``: no year),
    ``probability`` its probability and ``ranked`` every candidate with its own (a
    :class:`~aidfigures.parse.year_index.YearChoice`: with the sums by year too).

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
    model, with_rule, known = year_model(doc)
    if with_rule or year_candidates is not _YEAR_CANDIDATES:  # the rule's pick weighed, or a fitting script's recorder
        found = choose(model, year_candidates(doc, sentence_span, clause_span, start, end, cues, is_aid, with_rule))
    else:  # the same candidates, scored from their features' names
        found = choose_named(model, _named(doc, clause_span, start, end, cues, is_aid), known)
    total: dict[int | None, float] = {}
    shifted: Sequence[tuple[Year | None, float]] = found.ranked
    if SHIFT.match(doc.text, end, end + 30) is not None:  # a "year earlier" after the figure shifts its years
        shifted = [(None if v is None else shifted_year(doc.text, end, v), p) for v, p in found.ranked]
    for v, p in shifted:
        key = None if v is None else v.year
        total[key] = total.get(key, 0.0) + p
    top = max(total, key=total.__getitem__)  # the year with the most probability, summed over its candidates
    value = next(v for v, _ in shifted if (None if v is None else v.year) == top)
    return YearChoice(value, total[top], found.ranked, tuple(total.items()))


#: the module's own :func:`year_candidates` (the fitting scripts put a recorder in its place)
_YEAR_CANDIDATES = year_candidates
