"""The year of a figure chosen by the fitted model (parse/year_choice.py), on sentences written for these tests."""

import datetime as dt

import pandas as pd
import pytest

from aidfigures.extract import extract
from aidfigures.parse.context import read_context
from aidfigures.parse.dates import find_dateline
from aidfigures.parse.year_choice import choose_year, year_candidates

# (text, published, [year of each figure]), grouped by the kind of clue the year comes from
CASES = {
    # a year in the figure's clause
    "year-after-figure": ("Belize received $3 million in 2007.", None, [2007]),
    "year-before-figure": ("In 2013, Panama got 6 million euros.", None, [2013]),
    "fiscal-year-es": ("Para el año fiscal 2012 se asignaron 40 millones de dólares a Guatemala.", None, [2012]),
    # a year written right after each amount belongs to that amount
    "from-to": ("Aid to Haiti went from $90 million in 2008 to $120 million in 2010.", None, [2008, 2010]),
    "de-a": ("La ayuda a Bolivia pasó de 30 millones de dólares en 2002 a 50 millones de dólares en 2004.", None,
             [2002, 2004]),
    # a span: its first year
    "span-between": ("Between 2005 and 2009 Nicaragua received $200 million.", None, [2005]),
    "span-in-brackets": ("The three-year plan gives Peru $900 million (FY2013-FY2015).", None, [2013]),
    # a multi-year total with no stated start has no year
    "over-the-next-years": ("Over the next five years, donors will give Haiti $4 billion.", "2012-03-01", [None]),
    # a relative year from the publication date
    "last-year": ("Guatemala received $12 million last year.", "2014-05-02", [2013]),
    "el-ano-pasado": ("El año pasado Honduras recibió 8 millones de dólares.", "2015-06-01", [2014]),
    # a year from the sentence before in the paragraph
    "previous-sentence": ("The 2016 hurricane hit Haiti hard. Donors then gave $300 million.", None, [2016]),
}


@pytest.mark.parametrize("text, published, years", CASES.values(), ids=CASES.keys())
def test_year_of_each_figure(text, published, years):
    df = extract(text, published=published)
    assert [None if pd.isna(y) else int(y) for y in df["year"]] == years


def test_the_choice_has_a_probability_and_every_candidate():
    text = "Belize received $3 million in 2007."
    doc = read_context(text)
    start = text.index("$")
    cands = year_candidates(doc, (0, len(text)), (0, len(text)), start, start + 10, [], True)
    assert cands[0][0] is None and any(y is not None and y.year == 2007 for y, _ in cands)
    choice = choose_year(doc, (0, len(text)), (0, len(text)), start, start + 10, [], True)
    assert choice.value.year == 2007 and 0.5 < choice.probability <= 1.0
    assert abs(sum(p for _, p in choice.ranked) - 1.0) < 1e-9


def test_no_dateline_no_publication_candidate():
    text = "Belize received $3 million."
    doc = read_context(text)
    kinds = [y.kind for y, _ in year_candidates(doc, (0, len(text)), (0, len(text)), 16, 26, [], True) if y]
    assert kinds == []


def test_publication_year_is_a_candidate_when_given():
    text = "Belize received $3 million."
    doc = read_context(text, published=dt.date(2011, 4, 1))
    assert doc.dated_by == "manifest"
    years = [(y.year, y.kind) for y, _ in year_candidates(doc, (0, len(text)), (0, len(text)), 16, 26, [], True) if y]
    assert years == [(2011, "published")]


# (text, date, form, alone)
DATELINES = [
    ("Aid to Peru\nMarch 3, 2011\n\nThe embassy said", dt.date(2011, 3, 3), "month-day", True),
    ("BOGOTÁ, 4 de mayo de 2012 - El gobierno de Colombia recibió hoy una donación de equipos de la embajada.",
     dt.date(2012, 5, 4), "day-month", False),
    ("posted 2019-07-08 by staff", dt.date(2019, 7, 8), "iso", True),
    ("P 031512Z MAR 75\nFM AMEMBASSY QUITO", dt.date(1975, 3, 3), "cable", True),
    ("A police unit seen in Quito on June 2, 2014, during a march the embassy funded with new money.",
     dt.date(2014, 6, 2), "month-day", False),
]


@pytest.mark.parametrize("text, date, form, alone", DATELINES, ids=[d[2] + str(d[3]) for d in DATELINES])
def test_dateline_form_and_place(text, date, form, alone):
    found = find_dateline(text)
    assert (found.date, found.form, found.alone) == (date, form, alone)


def test_the_first_sentence_with_a_year_is_a_candidate():
    text = ("1.\nSUBJECT: FY 75 TRAINING FOR ECUADOR.\n\nA B.\n\nC D.\n\nE F.\n\n"
            "2. THE EMBASSY EXPECTS A LEVEL OF $1.2 MILLION.\n")
    doc = read_context(text)
    start = text.index("$")
    i = doc.layout.sentence_index(start)
    s = doc.layout.sentences[i]
    heads = [y.year for y, f in year_candidates(doc, s, s, start, start + 12, [], True) if "scope:head" in f]
    assert heads == [1975]
