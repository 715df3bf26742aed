"""The year of a figure chosen by the fitted model (parse/year_choice.py), on sentences written for these tests."""

import datetime as dt

import pandas as pd
import pytest

from aidfigures.extract import extract
from aidfigures.parse.choice import models_from
from aidfigures.parse.context import read_context
from aidfigures.parse.dates import find_dateline
from aidfigures.parse.year_choice import choose_year, year_candidates
from aidfigures.parse.year_rule import rule_year
from aidfigures.parse.years import Year

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


# (text, published, figure, year the hand rules give: a year, "published" or None), by the rule that gives it
RULES = {
    "nearest-in-clause": ("Belize received $3 million in 2007.", None, "$3 million", 2007),
    "year-before-in-clause": ("In 2013, Panama got $6 million.", None, "$6 million", 2013),
    "passes-a-year-bound-to-another-amount": ("Aid to Chile went from $90 million in 2008 to $120 million in 2010.",
                                              None, "$120 million", 2010),
    "paso-de-a": ("La ayuda a Perú pasó de 30 millones de dólares en 2002 a 50 millones de dólares en 2004.", None,
                  "50 millones de dólares", 2004),
    # a year after the figure past a comma or semicolon, with an amount after it, opens the next item of a list
    "list-item-semicolon": ("In 2008 Bolivia got $5 million; in 2009 it got $7 million.", None, "$5 million", 2008),
    "list-item-y-para": ("En 2011 Chile recibió 20 millones de dólares, y para 2013 se asignaron 30 millones de dólares.",
                         None, "20 millones de dólares", 2011),
    "bringing-the-total-since": ("Canada gave Peru $16 million, bringing its total since 2019 to $90 million.",
                                 dt.date(2024, 2, 2), "$16 million", "published"),
    "no-separator-keeps-it": ("Cuba got $5 million in 2006 and $7 million in 2007.", None, "$5 million", 2006),
    # a year written far after the figure in its clause speaks of something else
    "far-after": ("Ecuador will need $2 million to replace the worn-out trucks and radios that its army received "
                  "under the programs of 1968 and 1969.", None, "$2 million", None),
    "far-after-es": ("Paraguay pide 5 millones de dólares para reparar los viejos camiones y radios que su policía "
                     "recibió con los programas de 1970 y 1971.", None, "5 millones de dólares", None),
    "far-after-fy": ("TO GO BELOW $1.2 MILLION WOULD MEAN DEEP CUTS OF THE SPARE PARTS AND TRAINING FOR THE PLANES "
                     "DELIVERED UNDER THE FY 70 PROGRAM.", None, "$1.2 MILLION", None),
    "previous-sentence": ("The 2016 storm hit Haiti hard. Donors then gave $300 million.", None, "$300 million", 2016),
    "publication-date": ("Belize received $3 million.", dt.date(2011, 4, 1), "$3 million", "published"),
    "no-year-at-all": ("Belize received $3 million.", None, "$3 million", None),
}


@pytest.mark.parametrize("text, published, figure, want", RULES.values(), ids=RULES.keys())
def test_the_hand_rules_pick(text, published, figure, want):
    doc = read_context(text, published=published)
    start = text.index(figure)
    i = doc.layout.sentence_index(start)
    s = doc.layout.sentences[i]
    pick = rule_year(doc, s, start, start + len(figure), doc.sentence_cues(i), True)
    assert (pick.year if isinstance(pick, Year) else pick) == want


def test_the_rules_pick_is_a_feature_of_one_candidate():
    text = "Aid to Chile went from $90 million in 2008 to $120 million in 2010."
    doc = read_context(text)
    start = text.index("$120")
    marked = [y.year for y, f in year_candidates(doc, (0, len(text)), (0, len(text)), start, start + 12, [], True)
              if "rule" in f]
    assert marked == [2010]
    text = "Belize received $3 million."
    cands = year_candidates(read_context(text), (0, len(text)), (0, len(text)), 16, 26, [], True)
    assert "rule:none" in cands[0][1]


# a total that runs through a year with no stated start has no year, even with a publication date; that end year
# is not the year of the figures before it either
UNDATED_TOTALS = {
    "through-year": ("The fund will give Paraguay $800 million in support through 2029.", "2024-02-02", [None]),
    "hasta-year": ("El banco prestará 300 millones de euros a Bolivia hasta 2030.", "2023-03-03", [None]),
    "until-year": ("Canada promised Haiti C$500 million until 2031.", "2026-01-05", [None]),
    "with-a-conversion": ("The bank offered 20 billion yen (USD 180 million) to Peru in loans through 2030.", "2024-04-04",
                          [None, None]),
    "end-not-of-the-next-sentence": ("The EU pledged 40 million euros to Moldova through 2029. Japan gave $5 million.",
                                     "2025-05-05", [None, 2025]),
    "hasta-not-of-the-next": ("España dará 30 millones de euros a Bolivia hasta 2030. Italia dio 2 millones de euros.",
                              "2026-02-02", [None, 2026]),
    "until-not-of-the-next": ("Canada will give Haiti C$90 million until 2030. Mexico sent $4 million.", "2027-03-03",
                              [None, 2027]),
    "end-not-of-the-others": ("Japan gave Peru $5 million, and the EU pledged 40 million euros through 2029.",
                              "2025-05-05", [2025, None]),
}


@pytest.fixture
def hand_rules(tmp_path):
    """The year model that reproduces the hand rules (``benchmarks/fit_year.py --model rule``)."""
    (tmp_path / "year.json").write_text('{"weights": {"rule": 20.0, "rule:none": 20.0}}', encoding="utf-8")
    with models_from(tmp_path):
        yield


# the hand rules' fixes (parse/year_rule.py): the shipped model is a fitted logit that weighs its own features
@pytest.mark.parametrize("text, published, years", UNDATED_TOTALS.values(), ids=UNDATED_TOTALS.keys())
def test_totals_through_a_year_have_no_year(text, published, years, hand_rules):
    df = extract(text, published=published)
    assert [None if pd.isna(y) else int(y) for y in df["year"]] == years


# a year stated at the head of the paragraph, more than three sentences before the figure
PARAGRAPH_LEADS = {
    "lead-en": ("In 1977 the mission studied aid to Peru. It met often. It wrote notes. It sent cables. "
                "The mission then granted $2 million for schools.", 1977),
    "lead-fy": ("FY 1976 plans for Ecuador were set. Talks were long. Staff were few. Cables were many. "
                "The mission gives $900,000 for training.", 1976),
    "lead-es": ("En 2005 la misión estudió la ayuda a Chile. Hubo reuniones. Hubo notas. Hubo cables. "
                "La misión otorgó 3 millones de dólares para escuelas.", 2005),
}


@pytest.mark.parametrize("text, year", PARAGRAPH_LEADS.values(), ids=PARAGRAPH_LEADS.keys())
def test_a_year_at_the_head_of_the_paragraph(text, year):
    doc = read_context(text)
    start = next(k for k, ch in enumerate(text) if ch in "$" or text[k:k + 2] == "3 ")
    i = doc.layout.sentence_index(start)
    s = doc.layout.sentences[i]
    leads = [y.year for y, f in year_candidates(doc, s, s, start, start + 5, [], True) if "scope:lead" in f]
    assert leads == [year]
    assert rule_year(doc, s, start, start + 5, [], True).year == year
    assert int(extract(text)["year"].iloc[0]) == year


# a paragraph that carries the one before on (its first sentence has "also", "asimismo" before the figure) takes
# that paragraph's year; one that does not, does not
CARRIED_ON = {
    "asimismo": ("En 2009 Perú recibió 5 millones de dólares para escuelas.\nAsimismo, 2 millones de dólares para salud.",
                 [2009, 2009]),
    "also": ("In 2012 Haiti received $8 million for roads.\nThe agency also gave $3 million for water.", [2012, 2012]),
    "ademas": ("Chile recibió 7 millones de dólares en 2015.\nLa agencia destinó, además, 1 millón de dólares a Bolivia.",
               [2015, 2015]),
    "not-carried-on": ("In 2012 Haiti received $8 million for roads.\nThe agency gave $3 million for water.", [2012, None]),
}


@pytest.mark.parametrize("text, years", CARRIED_ON.values(), ids=CARRIED_ON.keys())
def test_a_paragraph_carried_on_takes_the_year_before(text, years, hand_rules):
    df = extract(text)
    assert [None if pd.isna(y) else int(y) for y in df["year"]] == years
