"""The year a figure gets by the hand rules the year model replaced; the model weighs their pick as a feature."""

from __future__ import annotations

import re
from functools import lru_cache

from ..lang import read_vocab
from .context import DocumentContext
from .cues import Cue
from .spans import _in
from .years import Year

__all__ = ["PUBLISHED", "lookback_start", "mark_rule", "rule_year"]

#: the rule's pick when it is the year of publication (the "published" or "dateline" candidate)
PUBLISHED = "published"
#: how many sentences before the figure's, in its paragraph, the rule looks back
_PREVIOUS = 3
#: how far (characters) after a figure its year may be written: past that, a year in the clause speaks of
#: something else ("$3.5 MILLION WILL MEAN HEAVY CUTS OF EQUIPMENT ... DELIVERED UNDER THE FY 72 PROGRAMS")
_REACH = 80
#: what stands in brackets (a conversion: "50 billion euros (USD 55 billion)")
_BRACKETS = re.compile(r"\([^()]*\)")
#: a comma or semicolon between a figure and a year after it: the year opens the next item of a list
_SEPARATOR = re.compile(r"[,;]")


@lru_cache(maxsize=None)
def _bound(lang: str) -> re.Pattern[str]:
    """Before a year that belongs to the amount just before it (``$56.4 million in 2006``): a money
    word or a digit, then ``in``, ``of`` or ``for`` (lang/<lang>/year_cues.csv), then fillers."""
    rows = read_vocab("year_cues", lang if lang in ("en", "es") else "en")
    words = lambda kinds: "|".join(sorted((re.escape(r["pattern"]) for r in rows if r["kind"] in kinds),  # noqa: E731
                                          key=lambda w: (-len(w), w)))
    return re.compile(rf"(?:(?<!\w)(?:{words(('money',))})|\d)\s+(?:{words(('prep:in', 'prep:of', 'prep:for'))})"
                      rf"\s+(?:(?:{words(('filler',))})\s+){{0,2}}$", re.I)


@lru_cache(maxsize=None)
def _through(lang: str) -> re.Pattern[str]:
    """Before a year that ends a stretch of time (``through 2027``, ``hasta 2030``): lang/<lang>/year_cues.csv."""
    rows = read_vocab("year_cues", lang if lang in ("en", "es") else "en")
    words = lambda kinds: "|".join(sorted((re.escape(r["pattern"]) for r in rows if r["kind"] in kinds),  # noqa: E731
                                          key=lambda w: (-len(w), w)))
    return re.compile(rf"(?<!\w)(?:{words(('prep:through',))})\s+(?:(?:{words(('filler',))})\s+){{0,2}}$", re.I)


@lru_cache(maxsize=None)
def _money(lang: str) -> re.Pattern[str]:
    """What looks like another amount of money (``$5``, ``40 million``: lang/<lang>/year_cues.csv)."""
    rows = read_vocab("year_cues", lang if lang in ("en", "es") else "en")
    words = "|".join(sorted((re.escape(r["pattern"]) for r in rows if r["kind"] == "money"),
                            key=lambda w: (-len(w), w)))
    return re.compile(rf"[$€£]\s?\d|\d\s*(?:{words})(?!\w)", re.I)


@lru_cache(maxsize=None)
def _continues(lang: str) -> re.Pattern[str]:
    """Words that carry a paragraph on from the one before (``asimismo``, ``also``): lang/<lang>/year_cues.csv."""
    rows = read_vocab("year_cues", lang if lang in ("en", "es") else "en")
    words = "|".join(sorted((re.escape(r["pattern"]).replace(r"\ ", r"\s+") for r in rows if r["kind"] == "continues"),
                            key=lambda w: (-len(w), w)))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.I)


def lookback_start(doc: DocumentContext, start: int) -> int:
    """Where the sentences that may give the figure at ``start`` its year begin: its paragraph's start, or
    the paragraph before's when the figure's sentence opens its paragraph and carries it on (``Asimismo, 4
    millones ...``, ``Usaid gave, also, $32 million``).

    Parameters
    ----------
    doc : DocumentContext
        The document's context.
    start : int
        The figure's start.

    Returns
    -------
    int
        An offset in ``doc.text``: sentences that end at or before it are not looked at.
    """
    p = doc.layout.paragraph_index(start)
    p0 = doc.layout.paragraphs[p][0]
    a = doc.layout.sentences[doc.layout.sentence_index(start)][0]
    if p > 0 and a <= p0 and _continues(doc.lang).search(doc.text, a, start):
        return doc.layout.paragraphs[p - 1][0]
    return p0


def _ends(text: str, through: re.Pattern[str], y: Year) -> bool:
    """True when the year ends a stretch of time (``through 2027``)."""
    return (y.year_end is None and y.kind in ("year", "fiscal")
            and bool(through.search(text, max(0, y.start - 40), y.start)))


def _nearest(years: list[Year], start: int, end: int, after_ok: bool = True) -> Year | None:
    """The year nearest the figure (one before it wins a tie), not a calendar date when another will do."""
    cands = [y for y in years if after_ok or y.end <= start]
    if not cands:
        return None
    preferred = [y for y in cands if y.kind != "date"] or cands
    return min(preferred, key=lambda y: start - y.end if y.end <= start else (y.start - end) + 0.5)


def rule_year(doc: DocumentContext, clause_span: tuple[int, int], start: int, end: int, cues: list[Cue],
              is_aid: bool) -> Year | str | None:
    """The year the old hand rules give the figure at ``doc.text[start:end]``.

    A total over several years takes its span in the clause (else the one span after it); other
    figures the nearest year of the clause (passing over one bound to the amount before it, and one
    after it past a comma or semicolon with an amount after it: the next item of a list, and those
    written more than 80 characters after it), else
    the nearest year before them in the sentence; sums that are not aid have none, but estimates
    take the year of publication; aid takes the last year of up to three sentences before in the
    paragraph, else the first year of the paragraph's lead (its first three sentences), else the
    year of publication. A year that ends a stretch of time (``through 2027``) is no figure's year:
    a figure it follows in a clause with no other year is a total with no stated start (no year).

    Parameters
    ----------
    doc : DocumentContext
        The document's context.
    clause_span : tuple of int
        The figure's clause, as offsets in ``doc.text``.
    start, end : int
        The figure's own span.
    cues : list of Cue
        The cue words near the figure.
    is_aid : bool
        Whether the figure was read as aid.

    Returns
    -------
    Year, str or None
        The year written in the text that the rules pick (one of ``doc.sentence_years``),
        :data:`PUBLISHED` for the year of publication, or None (no year).
    """
    i = doc.layout.sentence_index(start)
    in_sentence = [y for y in doc.sentence_years(i) if y.kind != "date"]
    clause = _in(in_sentence, *clause_span)
    text = doc.text
    through = _through(doc.lang)
    ends = [y for y in in_sentence if _ends(text, through, y)]
    if ends:
        after = next((y for y in in_sentence if y.start >= end), None)
        if after in ends and all(y in ends for y in clause) and \
                not _money(doc.lang).search(_BRACKETS.sub("", text[end:after.start])):  # a conversion may stand between
            return None  # "$50 billion in support through 2027": a total with an end and no start
        clause = [y for y in clause if y not in ends]  # nor is the end the year of the other figures
        in_sentence = [y for y in in_sentence if y not in ends]
    if any(cu.field == "multi_year" for cu in cues):
        found = _nearest([y for y in clause if y.kind in ("span", "since", "fiscal")], start, end)
        spans = [y for y in in_sentence if y.start >= end and y.year_end is not None]
        return found or (spans[0] if len(spans) == 1 else None)
    bound = _bound(doc.lang)
    money, s_end = _money(doc.lang), doc.layout.sentences[i][1]
    clause = [y for y in clause if not (y.start >= end and _SEPARATOR.search(text, end, y.start)
                                        and money.search(text, y.end, s_end)) and not y.start - end > _REACH]
    free = [y for y in clause if not (y.end <= start and bound.search(text, max(0, y.start - 40), y.start))]
    found = _nearest(free or clause, start, end) or _nearest(in_sentence, start, end, after_ok=False)
    if found:
        return found
    if not is_aid:
        estimate = any(cu.field == "not_aid" and cu.value == "estimate" for cu in cues)
        return PUBLISHED if estimate and doc.year else None
    p0 = lookback_start(doc, start)
    for j in range(i - 1, max(-1, i - 1 - _PREVIOUS), -1):
        if doc.layout.sentences[j][1] <= p0:
            break
        prev = [y for y in doc.sentence_years(j) if y.kind != "date"][-2:]  # as year_candidates takes them
        prev = [y for y in prev if not _ends(text, through, y)]  # "... through 2027." is no year of the next
        if prev:
            return prev[-1]
    k0 = doc.layout.sentence_index(p0)
    for j in range(k0, min(k0 + _PREVIOUS, i - _PREVIOUS)):  # the paragraph's lead, further back
        lead = [y for y in doc.sentence_years(j) if y.kind != "date"]
        if lead:
            return lead[-1]
    return PUBLISHED if doc.year else None


def mark_rule(doc: DocumentContext, pick: Year | str | None, out: list[tuple[Year | None, dict[str, float]]]) -> None:
    """Mark the candidate the hand rules pick with the feature ``rule`` (``rule:none`` when they give no year).

    Parameters
    ----------
    doc : DocumentContext
        The document's context.
    pick : Year, str or None
        What :func:`rule_year` gives.
    out : list of (Year or None, dict)
        The figure's year candidates (the first is "no year"); the pick's features are updated.
    """
    if pick is None:
        out[0][1]["rule:none"] = 1.0
        return
    if pick == PUBLISHED:
        hit = next((f for y, f in out if y is not None and y.kind == "published"), None) or \
            next((f for y, f in out if y is not None and y.kind == "dateline" and y.year == doc.year), None)
    else:
        hit = next((f for y, f in out if y is pick), None) or next((f for y, f in out if y == pick), None)
    if hit is not None:
        hit["rule"] = 1.0
