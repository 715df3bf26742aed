"""The year candidates a figure gets from further back and their features (parse/year_choice.py), on invented text."""

import datetime as dt

import pytest

from aidfigures.parse.context import read_context
from aidfigures.parse.year_choice import year_candidates


def _candidates(text: str, figure: str, published: dt.date | None = None, nth: int = 0):
    doc = read_context(text, published=published)
    start = -1
    for _ in range(nth + 1):
        start = text.index(figure, start + 1)
    i = doc.layout.sentence_index(start)
    s = doc.layout.sentences[i]
    return year_candidates(doc, s, s, start, start + len(figure), doc.sentence_cues(i), True)


def _scoped(cands, scope: str) -> list[int]:
    return [y.year for y, f in cands if y is not None and f.get(f"scope:{scope}")]


#: makes a paragraph too long to be a heading (a short one just before is the "heading" candidate)
_LONG = " The work went on in the hills and on the coast, with the help of the local schools and clinics."

# (text, figure, the years of the paragraph before): a news paragraph of one sentence goes on from the one before
PREVIOUS_PARAGRAPH = {
    "en": (f"In 2012 Haiti received $8 million for roads.{_LONG}\n\nThe agency gave $3 million for water.",
           "$3 million", [2012]),
    "es": ("Durante el año fiscal 2019 Honduras recibió 40 millones de dólares para sus escuelas y clínicas del norte "
           "y de la costa.\n\nLa mayor parte, 25 millones de dólares, fue para salud.", "25 millones", [2019]),
    "last-two-years": (f"Aid rose from $2 million in 2004 to $5 million in 2006.{_LONG}\n\n"
                       "Most of it, $4 million, built wells.", "$4 million", [2004, 2006]),
    "none-written": (f"Haiti received $8 million for roads.{_LONG}\n\nThe agency gave $3 million for water.",
                     "$3 million", []),
}


@pytest.mark.parametrize("text, figure, years", PREVIOUS_PARAGRAPH.values(), ids=PREVIOUS_PARAGRAPH.keys())
def test_the_paragraph_before_is_a_candidate(text, figure, years):
    assert _scoped(_candidates(text, figure), "prevpar") == years


def test_a_paragraph_carried_on_looks_back_as_one():
    text = f"In 2012 Haiti received $8 million for roads.{_LONG}\n\nThe agency also gave $3 million for water."
    cands = _candidates(text, "$3 million")
    assert _scoped(cands, "prevpar") == [] and _scoped(cands, "prev2") == [2012]


# (text, figure, the section heading's year): a short heading with a year, paragraphs before the figure's
SECTION_HEADINGS = {
    "two-paragraphs-back": ("Assistance in FY2015\n\nThe mission worked in the west.\n\nHonduras got $4 million.",
                            "$4 million", [2015]),
    "es": ("Cooperación en 2018\n\nLa misión trabajó en el norte.\n\nOtra línea de trabajo.\n\n"
           "Guatemala recibió 6 millones de dólares.", "6 millones", [2018]),
    "the-nearest-heading": ("Aid in 2010\n\nText here.\n\nAid in 2011\n\nMore text.\n\nPeru got $7 million.",
                            "$7 million", [2011]),
    "a-long-paragraph-is-no-heading": ("The long programme that started in 2009 and that the mission ran in the north "
                                       "of the country for years with many partners, schools and clinics.\n\n"
                                       "Text here.\n\nPeru got $7 million.", "$7 million", []),
}


@pytest.mark.parametrize("text, figure, years", SECTION_HEADINGS.values(), ids=SECTION_HEADINGS.keys())
def test_a_section_heading_further_back_is_a_candidate(text, figure, years):
    assert _scoped(_candidates(text, figure), "section") == years


def test_the_heading_just_before_is_not_also_a_section():
    cands = _candidates("Aid in 2013\n\nBolivia got $4 million.", "$4 million")
    assert _scoped(cands, "heading") == [2013] and _scoped(cands, "section") == []


# (text, how many of the text's own years are candidates, capped at 2): the publication date weighed against them
PUBLISHED_AND_TEXT_YEARS = {
    "no-text-year": ("Belize received $3 million.", 0),
    "one-in-the-clause": ("Belize received $3 million in 2007.", 1),
    "two-in-the-sentence": ("Between 2005 and 2009, and again in 2011, Belize received $3 million.", 2),
    "one-sentence-before": ("The 2016 storm hit Belize. Donors then gave $3 million.", 1),
}


@pytest.mark.parametrize("text, n", PUBLISHED_AND_TEXT_YEARS.values(), ids=PUBLISHED_AND_TEXT_YEARS.keys())
def test_the_publication_date_knows_the_texts_own_years(text, n):
    cands = _candidates(text, "$3 million", dt.date(2020, 5, 1))
    published = [f for y, f in cands if y is not None and y.kind == "published"]
    assert len(published) == 1
    assert [k for k in published[0] if k.startswith("date&text_years:")] == [f"date&text_years:{n}"]


def test_the_dateline_knows_the_texts_own_years():
    cands = _candidates("March 3, 2011\n\nPeru received $2 million in 2009.", "$2 million")
    dateline = [f for y, f in cands if y is not None and y.kind == "dateline"]
    assert len(dateline) == 1 and dateline[0].get("date&text_years:1") == 1.0


# (text, figure): a date that states when the amount stood so ("as of", "con corte al") has the role "status"
STATUS_DATES = {
    "as-of": ("As of September 30, 2010, $5 million had been disbursed to Haiti.", "$5 million"),
    "as-at": ("As at June 30, 2014, Nepal had received $9 million.", "$9 million"),
    "con-corte-al": ("Con corte al 31 de diciembre de 2015, Bolivia había recibido 7 millones de dólares.",
                     "7 millones"),
}


@pytest.mark.parametrize("text, figure", STATUS_DATES.values(), ids=STATUS_DATES.keys())
def test_a_status_date_has_its_role(text, figure):
    dates = [f for y, f in _candidates(text, figure) if y is not None and y.kind == "date"]
    assert dates and all(f.get("prep:status") == 1.0 for f in dates)


# (text, figure): words that an amount is a running total (it "had been disbursed") make the clause cumulative
CUMULATIVE_STATUS = {
    "had-been-disbursed": ("By then $5 million had been disbursed to Haiti.", "$5 million"),
    "has-disbursed": ("The fund has disbursed $12 million to Nepal.", "$12 million"),
    "se-habian-desembolsado": ("Para entonces se habían desembolsado 7 millones de dólares a Bolivia.", "7 millones"),
}


@pytest.mark.parametrize("text, figure", CUMULATIVE_STATUS.values(), ids=CUMULATIVE_STATUS.keys())
def test_a_running_total_is_cumulative(text, figure):
    assert _candidates(text, figure)[0][1].get("none&c:cumulative") == 1.0


# (text, figure, year): "the same year" opening a paragraph is the year written in the sentences before it
SAME_YEAR_ACROSS_PARAGRAPHS = {
    "en": ("In FY2019 the United States gave Honduras $50 million.\n\nThat was a fifth of its aid.\n\n"
           "In the same year, USAID gave $30 million.", "$30 million", 2019),
    "es": ("En 2016 Guatemala recibió 40 millones de dólares.\n\nLa cifra fue récord.\n\n"
           "Ese mismo año, la agencia aportó 12 millones de dólares.", "12 millones", 2016),
    "following-year": ("Peru got $9 million in 2004.\n\nThe following year it got $11 million.", "$11 million", 2005),
}


@pytest.mark.parametrize("text, figure, year", SAME_YEAR_ACROSS_PARAGRAPHS.values(),
                         ids=SAME_YEAR_ACROSS_PARAGRAPHS.keys())
def test_the_same_year_opening_a_paragraph_counts_from_the_one_before(text, figure, year):
    cands = _candidates(text, figure)
    assert [y.year for y, f in cands if y is not None and y.kind == "relative" and f.get("scope:clause")] == [year]


def test_the_same_year_looks_back_three_sentences_at_most():
    text = "Peru got $9 million in 2004.\n\nOne.\n\nTwo.\n\nThree.\n\nThat same year it got $11 million."
    cands = _candidates(text, "$11 million")
    assert [y for y, _ in cands if y is not None and y.kind == "relative"] == []



# (text, figure): a year that ends a stretch of time ("through 2027", "hasta 2030") is no figure's own year,
# so it is not "the only year" of its sentence, even for the figures of its other clauses
END_YEARS = {
    "through": ("The bank promised 20 billion euros in loans through 2027, while Spain gave 40 million euros to Chad.",
                "40 million euros"),
    "until": ("Japan will fund the plan until 2030, and Korea added $12 million for Laos.", "$12 million"),
    "hasta": ("La Unión Europea aportará 900 millones de euros hasta 2028, y Suecia dio 15 millones de euros a Mali.",
              "15 millones"),
}


@pytest.mark.parametrize("text, figure", END_YEARS.values(), ids=END_YEARS.keys())
def test_a_year_that_ends_a_stretch_is_not_the_only_year(text, figure):
    ends = [f for y, f in _candidates(text, figure) if y is not None and y.kind == "year"]
    assert len(ends) == 1 and not any(k.endswith(":only_year") for k in ends[0])
    assert any(k.endswith(":ends") for k in ends[0])


def test_a_year_that_ends_nothing_is_the_only_year():
    cands = _candidates("Spain gave 40 million euros to Chad in 2027.", "40 million euros")
    assert [y.year for y, f in cands if y is not None and f.get("clause:only_year")] == [2027]


# (text, figure, the lead years of the paragraph before): a paragraph goes on about what the one before opened with
PREVIOUS_LEAD = {
    "en": ("The new compact (FY2021-FY2025) commits $900 million to Ghana. It is larger than the last one. "
           "Aid has grown since FY2016.\n\nThe compact funds $300 million in roads and $90 million in schools.",
           "$300 million", [2021]),
    "es": ("El nuevo acuerdo firmado en 2019 compromete 500 millones de euros con Níger. Es mayor que el anterior. "
           "La ayuda crece desde 2014.\n\nEl acuerdo destina 200 millones de euros a salud.", "200 millones", [2019]),
    "lead-is-the-last": ("In 2012 Haiti received $8 million for roads.\n\nThe agency gave $3 million for water.",
                         "$3 million", []),
}


@pytest.mark.parametrize("text, figure, years", PREVIOUS_LEAD.values(), ids=PREVIOUS_LEAD.keys())
def test_the_lead_of_the_paragraph_before_is_a_candidate(text, figure, years):
    assert [y for y in _scoped(_candidates(text, figure), "prevlead")] == years


# (text, figure, scope, year): a short paragraph split into sentences ("1. ... in May 2007:") is a heading too
# (past the document's first three sentences, which are its head)
_TOP = "Report of the mission. It was long. It went well.\n\n"
SHORT_HEADINGS = {
    "numbered-point": (_TOP + "SUMMARY\n1. (U) The main events in May 2007:\n\n"
                       "** The office gave Peru USD 40,000 for seeds.",
                       "USD 40,000", "heading", 2007),
    "two-lines": (_TOP + "Report. Aid in FY2015.\n\nThe mission worked in the west.\n\nHonduras got $4 million.",
                  "$4 million", "section", 2015),
    "es": (_TOP + "Resumen. Hechos de marzo de 2011:\n\nOtra línea de trabajo.\n\n"
           "Guatemala recibió 6 millones de dólares.",
           "6 millones", "section", 2011),
}


@pytest.mark.parametrize("text, figure, scope, year", SHORT_HEADINGS.values(), ids=SHORT_HEADINGS.keys())
def test_a_short_paragraph_of_several_sentences_is_a_heading(text, figure, scope, year):
    assert _scoped(_candidates(text, figure), scope) == [year]
