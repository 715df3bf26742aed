"""Table cells as figures: recipient from the title, heading or row, year from the column, measure, currency."""

import pytest

from aidfigures import extract

# (table, [(recipient_iso3, year, amount)])
RECIPIENTS = [
    ("title names the recipient",
     "U.S. Assistance to Ghana ($ in thousands)\n\nAccount FY2010 FY2011\nHealth 1,500 1,700\n",
     [("GHA", 2010, 1.5e6), ("GHA", 2011, 1.7e6)]),
    ("row labels are countries",
     "Security aid ($000)\n\nCountry FY2010 FY2011\nChad 900 800\nNiger 400 -\n",
     [("TCD", 2010, 9e5), ("TCD", 2011, 8e5), ("NER", 2010, 4e5)]),
    ("a page heading far above",
     "Ghana\n\nBudget summary\n\nObjective FY 2004 FY 2005\nHealth 1,000 2,000\nTotal (in thousands of dollars) 1,000 2,000\n",
     [("GHA", 2004, 1e6), ("GHA", 2005, 2e6), ("GHA", 2004, 1e6), ("GHA", 2005, 2e6)]),
    ("cable caps with a country per row",
     "FY 1978 LEVELS\n.......... FY 1978\n.......... GRANT TRAINING\nCHAD 1,200 300\nMALI - 150\n",
     [("TCD", 1978, 1.2e6), ("TCD", 1978, 3e5), ("MLI", 1978, 1.5e5)]),
]


@pytest.mark.parametrize("case, text, expected", RECIPIENTS)
def test_recipient_and_year_of_cells(case, text, expected):
    df = extract(text)
    assert list(zip(df["recipient_iso3"], df["year"], df["amount"], strict=True)) == expected, case


def test_an_account_row_is_for_the_places_under_it():
    text = ("Spending plan for Chad and Niger\n(in thousands of dollars) FY 2010 FY 2011\n"
            "Economic Support Fund 9,000 2,000\nChad 5,000\nNiger 4,000 2,000\n")
    df = extract(text)
    got = list(zip(df["text"], df["recipient"].fillna(""), df["recipient_iso3"].fillna(""), df["year"], strict=True))
    assert got == [("9,000", "Chad; Niger", "", 2010), ("2,000", "Niger", "NER", 2011),
                   ("5,000", "Chad", "TCD", 2010), ("4,000", "Niger", "NER", 2010), ("2,000", "Niger", "NER", 2011)]


def test_cells_in_pesos_take_the_document_currency_and_zero_cells_are_none():
    text = ("Aportes a Colombia (millones de pesos)\n\nPrograma 2010 2011\nSalud 1.500 0\nCaminos 300 450,5\n")
    df = extract(text)
    assert list(zip(df["amount"], df["currency"], strict=True)) == [(1.5e9, "COP"), (3e8, "COP"), (4.505e8, "COP")]


def test_column_measures_and_the_span_of_a_total_column():
    text = "Aid to Ghana ($000)\nProgram 2010 Actual 2011 Estimate 2012 Request Total\nHealth 5 6 7 18\n"
    df = extract(text)
    assert df["measure"].tolist()[:3] == ["appropriated", "allocated", "requested"]
    assert (df["year"].iloc[3], df["year_end"].iloc[3]) == (2010, 2012)


def test_prose_figures_beside_a_table_are_kept_once():
    text = ("Aid to Ghana (US$ millions)\n\nSector 2019 2020\nHealth 12.5 14.25\n\n"
            "Ghana also received $3 million in 2021.\n")
    df = extract(text)
    assert df["amount"].tolist() == [12.5e6, 14.25e6, 3e6]


def test_countries_as_columns_and_years_as_rows():
    text = "Aid by country ($ millions)\n\nYear    Chad    Niger\n2015    10.5    4\n2016    11      -\n"
    df = extract(text)
    assert list(zip(df["recipient_iso3"], df["year"], df["amount"], strict=True)) == [("TCD", 2015, 10.5e6), ("NER", 2015, 4e6),
                                                                         ("TCD", 2016, 11e6)]


def test_countries_as_columns_under_a_title_year():
    text = "Table 3. Aid by country, FY2012 ($ millions)\n\nAccount    Chad    Niger\nHealth     10.5    4\n"
    df = extract(text)
    assert list(zip(df["recipient_iso3"], df["year"], df["amount"], strict=True)) == [("TCD", 2012, 10.5e6), ("NER", 2012, 4e6)]


@pytest.mark.parametrize("label, iso3", [("Chad", "TCD"), ("CHAD", "TCD"), ("Chad (INCLE)", "TCD"), ("Niger - FMF", "NER"),
                                         ("Chad-Niger Border Region Development", "GHA")])
def test_a_row_label_that_starts_with_a_country(label, iso3):
    df = extract(f"U.S. aid to Ghana ($000)\n\nProgram FY2010 FY2011\n{label} 5 6\n")
    assert df["recipient_iso3"].tolist() == [iso3, iso3]


@pytest.mark.parametrize("title, is_aid", [("U.S. aid to Ghana ($000)", True), ("Hurricane damages in Ghana ($000)", False),
                                           ("Ghana: exports by sector ($000)", False), ("Daños en Ghana (miles de dólares)", False)])
def test_a_table_of_damages_or_trade_is_no_aid(title, is_aid):
    df = extract(f"{title}\n\nSector 2010 2011\nRoads 5 6\n")
    assert df["is_aid"].tolist() == [is_aid, is_aid]


def test_prose_above_the_heading_does_not_make_a_table_no_aid():
    text = "Exports and sales rose in 2010.\n\nU.S. aid to Ghana ($000)\n\nSector 2010 2011\nRoads 5 6\n"
    assert extract(text)["is_aid"].tolist() == [True, True]


def test_a_title_naming_several_recipients_names_them_all():
    df = extract("U.S. Assistance to Chad and Niger ($000)\n\nProgram FY2010 FY2011\nHealth 5 6\n")
    assert df["recipient"].tolist() == ["Chad; Niger"] * 2 and df["recipient_iso3"].isna().all()
