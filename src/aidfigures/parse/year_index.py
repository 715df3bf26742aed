"""What the year choice reads once per sentence of a document (its years, their roles), and its scoring."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from .choice import Choice, Model, read_model_once, softmax_choice
from .context import DocumentContext
from .year_features import _ends, _role
from .years import Year

__all__ = ["SentenceYears", "YearChoice", "choose_named", "first_with_year", "sentence_facts", "text_years",
           "year_model"]

T = TypeVar("T")

#: a sentence's years, each with what it is whatever the figure: (year, ends a stretch of time, the only
#: year of the sentence, ``prep:<role>`` or ""); and the years' starts (for bisecting)
SentenceYears = tuple[list[tuple[Year, bool, bool, str]], list[int]]


@dataclass(frozen=True)
class YearChoice(Choice[Year]):
    """A year's :class:`~aidfigures.parse.choice.Choice` with the probability summed by year over the candidates
    that give it (after a ``year earlier`` shift), as :func:`~aidfigures.parse.year_choice.choose_year` weighed
    them: its alternatives read them instead of summing again."""

    #: (year or None, summed probability), in the order the candidates first give them
    sums: tuple[tuple[int | None, float], ...] = ()


def text_years(doc: DocumentContext, j: int) -> list[Year]:
    """The years written in sentence ``j`` that are not calendar dates, listed once per sentence."""
    cache = doc.__dict__.get("_text_years")
    if cache is None:
        cache = doc.__dict__["_text_years"] = {}
    found = cache.get(j)
    if found is None:
        found = cache[j] = [y for y in doc.sentence_years(j) if y.kind != "date"]
    return found


def first_with_year(doc: DocumentContext, sentences: range) -> int | None:
    """The first of ``sentences`` (a range, maybe going back) with a year that is not a date, or None."""
    for j in sentences:
        if text_years(doc, j):
            return j
    return None


def sentence_facts(doc: DocumentContext, i: int) -> SentenceYears:
    """The years of sentence ``i`` with what each is for every figure of the sentence, read once per sentence:
    whether it ends a stretch of time (``through 2027``), whether it is the only year (not a date nor an
    end) the sentence writes, the feature of the words before it (``prep:in``)."""
    cache = doc.__dict__.setdefault("_year_facts", {})
    found = cache.get(i)
    if found is None:
        years = doc.sentence_years(i)
        ends = {y.start for y in years if _ends(doc, y)}  # "through 2027": the end of a stretch, no figure's year
        n_years = len({(y.year, y.year_end) for y in years if y.kind != "date" and y.start not in ends})
        rows = []
        for y in years:
            role = _role(doc, y)
            rows.append((y, y.start in ends, n_years == 1 and y.kind != "date", "" if role is None else f"prep:{role}"))
        found = cache[i] = (rows, [y.start for y in years])
    return found


def year_model(doc: DocumentContext) -> tuple[Model, bool, dict[tuple[str, ...], float]]:
    """The document's year model, whether it weighs the rule's pick, and the logits of candidates' names
    (kept for :func:`choose_named`), read once per document."""
    found = doc.__dict__.get("_year_model")
    if found is None:
        model = read_model_once(doc.__dict__, "year")
        found = doc.__dict__["_year_model"] = (model, "rule" in model.weights or "rule:none" in model.weights, {})
    return found


def choose_named(model: Model, candidates: Sequence[tuple[T | None, Sequence[str]]],
                 known: dict[tuple[str, ...], float] | None = None) -> Choice[T]:
    """:func:`~aidfigures.parse.choice.choose` for candidates given by the names of their features (each
    worth 1.0, none named twice): the same logits, summed in the same order, so the same probabilities.
    The logits of names given as a tuple are kept in ``known`` (a document's: one model reads it).

    Examples
    --------
    >>> m = Model("m", {"to": 2.0, "none": 0.5})
    >>> c = choose_named(m, [("PER", ["to"]), ("COL", []), (None, ("none",))], {})
    >>> c.value, round(c.probability, 2)
    ('PER', 0.74)
    """
    if not candidates:
        return Choice(None, 1.0, ())
    get, bias = model.weights.get, model.bias
    logits = []
    for _, names in candidates:
        logit = known.get(names) if known is not None and type(names) is tuple else None
        if logit is None:
            total: float = 0  # as Model.score sums: weight * 1.0 is the weight
            for k in names:
                total += get(k, 0.0)
            logit = bias + total
            if known is not None and type(names) is tuple:
                known[names] = logit
        logits.append(logit)
    return softmax_choice([v for v, _ in candidates], logits)
