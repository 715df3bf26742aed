"""The year choice's fast paths (parse/year_index.py, years_in, the per-clause context) give what the plain
ones give, on invented text."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from aidfigures.parse import year_choice
from aidfigures.parse.alternatives import year_alternatives
from aidfigures.parse.choice import Choice, Model, choose, read_model
from aidfigures.parse.context import read_context
from aidfigures.parse.year_choice import choose_year, year_candidates
from aidfigures.parse.year_features import _context
from aidfigures.parse.year_index import YearChoice, choose_named
from aidfigures.parse.years import counts_from_a_year, find_years, may_count_from_a_year, years_in

_AMOUNT = re.compile(r"\$\d+ million|\d+ millones de dólares")

# (text, published): documents whose every figure is checked, grouped by where its year comes from
DOCUMENTS = {
    "in-the-clause": ("Belize received $3 million in 2007 and $4 million in 2008.", None),
    "a-span-and-an-end": ("Between 2005 and 2009 Nicaragua received $200 million, and $9 million through 2027.",
                          None),
    "sentences-before": ("The 2016 storm hit Haiti. Roads were lost. Donors then gave $300 million.", None),
    "a-heading": ("Aid in FY 2011\n\nThe mission worked in the west.\n\nPeru got $7 million.", None),
    "a-dateline": ("LIMA, Dec 16 2010 (IPS) - Peru received $5 million last year.", None),
    "published": ("Guatemala received $12 million last year. In 2009 it got $3 million.", "2014-05-02"),
    "counted-from-a-year": ("In 2009 Bolivia got $40 million. A year later, it got $45 million.\n\n"
                            "That same year Peru got $2 million.", "2012-01-01"),
    "es": ("Durante el año fiscal 2019 Honduras recibió 40 millones de dólares.\n\n"
           "Al año siguiente recibió 25 millones de dólares.", None),
}


def _figures(text: str, published: str | None):
    doc = read_context(text, published=dt.date.fromisoformat(published) if published else None)
    for m in _AMOUNT.finditer(text):
        i = doc.layout.sentence_index(m.start())
        s = doc.layout.sentences[i]
        yield doc, s, m.start(), m.end(), doc.sentence_cues(i)


# ---------------------------------------------------------------- scores from the features' names
@pytest.mark.parametrize("text, published", DOCUMENTS.values(), ids=DOCUMENTS.keys())
def test_the_choice_is_the_one_of_the_candidates_features(text: str, published: str | None) -> None:
    model = read_model("year")
    for doc, s, start, end, cues in _figures(text, published):
        plain = choose(model, year_candidates(doc, s, s, start, end, cues, True, False))
        fast = choose_year(doc, s, s, start, end, cues, True)
        assert fast.ranked == plain.ranked  # the same floats, in the same order


@pytest.mark.parametrize("text, published", DOCUMENTS.values(), ids=DOCUMENTS.keys())
def test_no_candidate_has_a_feature_twice(text: str, published: str | None) -> None:
    for doc, s, start, end, cues in _figures(text, published):
        for _, names in year_choice._named(doc, s, start, end, cues, True):
            assert len(set(names)) == len(names)


def test_choose_named_keeps_the_logits_of_tuples_and_ranks_ties_in_order() -> None:
    model = Model("m", {"a": 1.0, "b": 1.0})
    known: dict[tuple[str, ...], float] = {}
    found = choose_named(model, [("x", ("a",)), ("y", ["b"]), ("z", ())], known)
    assert [v for v, _ in found.ranked] == ["x", "y", "z"] and known == {("a",): 1.0, (): 0.0}
    assert found.ranked == choose(model, [("x", {"a": 1.0}), ("y", {"b": 1.0}), ("z", {})]).ranked


def test_a_fitting_scripts_recorder_sees_every_candidate(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Belize received $3 million in 2007."
    seen = []
    original = year_choice.year_candidates

    def recorder(*args, **kwargs):
        found = original(*args, **kwargs)
        seen.append(found)
        return found

    monkeypatch.setattr(year_choice, "year_candidates", recorder)
    doc = read_context(text)
    assert choose_year(doc, (0, len(text)), (0, len(text)), 16, 26, [], True).value.year == 2007
    assert len(seen) == 1 and any(y is not None and y.year == 2007 for y, _ in seen[0])


# ---------------------------------------------------------------- years read where they stand
YEARS = {
    "bare-and-fiscal": "Intro. In FY 2010-12 and in 2006, $5 million.",
    "span": "Intro. Between 2000 and 2016 it gave $3 million.",
    "relative": "Intro. Last year and this year it gave more.",
    "narrative": "Intro. In 2009 it gave $4 million; a year later, $5 million.",
    "no-digits": "Intro. It gave more.",
}


@pytest.mark.parametrize("text", YEARS.values(), ids=YEARS.keys())
@pytest.mark.parametrize("ref", [None, 2012])
def test_years_in_is_find_years_of_the_slice(text: str, ref: int | None) -> None:
    a = text.index(" ") + 1
    want = [(y.text, y.start + a, y.end + a, y.year, y.year_end, y.kind) for y in find_years(text[a:], ref)]
    assert [(y.text, y.start, y.end, y.year, y.year_end, y.kind) for y in years_in(text, a, len(text), ref)] == want


@pytest.mark.parametrize("text, counts", [
    ("Aid rose in 2009. Then it fell.", False),
    ("Aid rose in 2009. The next year it fell.", True),
    ("AID ROSE IN 2009. A YEAR LATER IT FELL.", True),
    ("En 2009 subió. Ese año bajó.", True),
])
def test_no_narrative_word_in_the_text_none_in_its_sentences(text: str, counts: bool) -> None:
    assert may_count_from_a_year(text) == counts
    if not counts:
        assert not any(counts_from_a_year(part) for part in text.split(". "))


def test_a_text_that_counts_from_a_year_reads_its_chain_of_sentences() -> None:
    text = "In 2009 Bolivia got $40 million. A year later, it got more. Two years later, less."
    doc = read_context(text)
    assert [y.year for y in doc.sentence_years(2)] == [2012]  # 2009, then 2010, then two years on


# ---------------------------------------------------------------- the context, once per clause
def test_the_context_is_read_once_per_clause_and_ignores_cues_outside_it() -> None:
    text = "Aid to Peru will total $5 million, the mission said in its annual report."
    doc = read_context(text)
    clause = (0, text.index(","))
    first = _context(doc, clause, 0, [], True)
    assert _context(doc, clause, 0, [], True) is first
    assert "c:plan" in first and not any(g.startswith("s:") for g in first)
    assert "c:annual" not in first  # "annual" stands outside the clause


# ---------------------------------------------------------------- the alternatives read the choice's sums
def test_the_alternatives_of_a_year_choice_are_those_summed_again() -> None:
    text = "In 2004 the plan was drafted, and Peru received $7 million in aid in 2006, a year earlier than planned."
    doc = read_context(text)
    start = text.index("$")
    found = choose_year(doc, (0, len(text)), (0, len(text)), start, start + 10, [], True)
    assert isinstance(found, YearChoice) and found.sums
    plain = Choice(found.value, found.probability, found.ranked)
    assert year_alternatives(found, text, start + 10) == year_alternatives(plain, text, start + 10)
