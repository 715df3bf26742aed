"""Plain-text tables written for these tests: unit headers, layouts, year headers, totals, measures and prose that is no table."""

import re
from decimal import Decimal

import pytest

from aidfigures.parse.table_words import _cases, _scale_hint, _vocab, is_total, measure_of, unit_of
from aidfigures.parse.tables import find_table_cells

D = Decimal

# (unit heading above "Program FY2009 FY2010" / "Health 12 30", lang, factor, currency)
UNIT_HEADINGS = [
    ("U.S. aid to Ghana ($ in thousands)", "en", D(1000), "USD"),
    ("U.S. aid to Ghana (In thousands of dollars)", "en", D(1000), "USD"),
    ("Assistance to Ghana, in USD millions", "en", D(10) ** 6, "USD"),
    ("Assistance to Ghana ($000)", "en", D(1000), "USD"),
    ("Assistance to Ghana (millions of dollars)", "en", D(10) ** 6, "USD"),
    ("Assistance to Ghana (US$ m)", "en", D(10) ** 6, "USD"),
    ("Assistance to Ghana (thousands of current U.S. dollars)", "en", D(1000), "USD"),
    ("Aid to Ghana (€ millions)", "en", D(10) ** 6, "EUR"),
    ("Aid to Ghana (in millions of pounds)", "en", D(10) ** 6, "GBP"),
    ("Ayuda a Ghana en millones de dólares", "es", D(10) ** 6, "USD"),
    ("Ayuda a Ghana (US$ millones)", "es", D(10) ** 6, "USD"),
    ("Ayuda a Ghana (miles de euros)", "es", D(1000), "EUR"),
    ("Ayuda a Ghana, en miles de millones de dólares", "es", D(10) ** 9, "USD"),
    ("Ayuda a Ghana (millones de pesos)", "es", D(10) ** 6, "*"),
    ("Aid to Ghana (dollars)", "en", D(1), "USD"),
    ("Aid to Ghana", "en", D(1), "USD"),
]


@pytest.mark.parametrize("heading, lang, factor, currency", UNIT_HEADINGS)
def test_unit_heading_applies_to_every_cell(heading, lang, factor, currency):
    cells = find_table_cells(f"{heading}\n\nProgram FY2009 FY2010\nHealth 12 30\nSchools 7 8\n", lang)
    assert [(c.year, c.amount) for c in cells] == [(2009, 12 * factor), (2010, 30 * factor),
                                                   (2009, 7 * factor), (2010, 8 * factor)]
    assert {c.currency for c in cells} == {currency}


# (where the unit is written, table)
UNIT_PLACES = [
    ("in the header row", "($ thousands) FY 2011 FY 2012\nDemining 4,100 3,900\nPolicing 2,000 2,500\n"),
    ("under the header", "Sector 2011 2012\n(In thousands of dollars)\nDemining 4,100 3,900\nPolicing 2,000 2,500\n"),
    ("in a Total row's label", "Sector 2011 2012\nDemining 4,100 3,900\nTotal (in thousands of dollars) 6,100 6,400\n"),
]


@pytest.mark.parametrize("where, table", UNIT_PLACES)
def test_unit_written_in_the_table_itself(where, table):
    cells = find_table_cells(table)
    assert cells[0].amount == D("4100000"), where
    assert cells[1].amount == D("3900000"), where


LAYOUTS = {
    "pipes": ("Aid to Nepal (US$ millions)\n\n| Sector | 2019 | 2020 |\n|---|---|---|\n"
              "| Health | 12.5 | 14.25 |\n| Roads | 407.75 | - |\n"),
    "tabs": "Aid to Nepal (US$ millions)\nSector\t2019\t2020\nHealth\t12.5\t14.25\nRoads\t407.75\t-\n",
    "spaces": ("Aid to Nepal (US$ millions)\n\nSector            2019      2020\n"
               "Health            12.5     14.25\nRoads           407.75        -\n"),
    "rules": ("Aid to Nepal (US$ millions)\n\n        2019     2020\n        ----     ----\n"
              "Health  12.5    14.25\nRoads   407.75   -\n"),
    "cable caps": ("AID TO NEPAL (USD MILLIONS)\n       FY 2019  FY 2020\nHEALTH    12.5    14.25\n"
                   "ROADS   407.75       -\n"),
    "spanish": ("Ayuda a Nepal (millones de US$)\n\nSector 2019 2020\nSalud 12,5 14,25\nCaminos 407,75 -\n"),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_layouts_give_the_same_cells(layout):
    lang = "es" if layout == "spanish" else "en"
    cells = find_table_cells(LAYOUTS[layout], lang)
    assert [(c.year, c.amount) for c in cells] == [(2019, D("12500000")), (2020, D("14250000")), (2019, D("407750000"))]
    assert all("Nepal" in c.title or "NEPAL" in c.title for c in cells)


def test_cells_keep_their_place_in_the_text():
    text = LAYOUTS["spaces"]
    assert [text[c.start:c.end] for c in find_table_cells(text)] == ["12.5", "14.25", "407.75"]


# (header, years of its columns)
YEAR_HEADERS = [
    ("Account FY2010 FY2011 FY2012", [(2010, None), (2011, None), (2012, None)]),
    ("Account 2010 2011 est. 2012 request", [(2010, None), (2011, None), (2012, None)]),
    ("ACCOUNT FY 77 FY 78", [(1977, None), (1978, None)]),
    ("Account FY'03 FY'04", [(2003, None), (2004, None)]),
    ("Account FY-2008 FY-2009", [(2008, None), (2009, None)]),
    ("Account 2012 2011", [(2012, None), (2011, None)]),
    ("Account 2008-09 2009-10", [(2008, 2009), (2009, 2010)]),
]


@pytest.mark.parametrize("head, years", YEAR_HEADERS)
def test_year_of_each_column(head, years):
    values = " ".join(str(10 * (k + 1)) for k in range(len(years)))
    cells = find_table_cells(f"Aid to Chad ($000)\n{head}\nHealth {values}\n")
    assert [(c.year, c.year_end) for c in cells] == years
    assert all(c.fiscal == ("FY" in head) for c in cells)


def test_one_year_over_labelled_columns():
    text = ("MILITARY AID LEVELS\n.......... FY 1981\n.......... GRANT    TRAINING   CREDIT\n"
            "CHAD          1,200      300     5,000\nNIGER             -      150     2,500\n"
            "CONFIDENTIAL\nPAGE 02 STATE 012345\nMALI            800      100         -\n")
    cells = find_table_cells(text)
    assert [(c.row, c.year, c.amount) for c in cells] == [
        ("CHAD", 1981, D("1200000")), ("CHAD", 1981, D("300000")), ("CHAD", 1981, D("5000000")),
        ("NIGER", 1981, D("150000")), ("NIGER", 1981, D("2500000")),
        ("MALI", 1981, D("800000")), ("MALI", 1981, D("100000"))]


def test_short_rows_fill_the_first_columns():
    text = ("Resource summary ($ in thousands) FY 2010 FY 2011\nAccount Supplemental Bridge\n"
            "Development Assistance 9,000 0\nChad 5,000\nNiger 4,000\nHealth Programs 3,000 1,000\n")
    got = [(c.row, c.year, c.amount) for c in find_table_cells(text)]
    assert got == [("Development Assistance", 2010, D("9000000")), ("Chad", 2010, D("5000000")),
                   ("Niger", 2010, D("4000000")), ("Health Programs", 2010, D("3000000")),
                   ("Health Programs", 2011, D("1000000"))]


def test_short_rows_in_a_fixed_width_table_sit_under_their_column():
    text = ("Aid to Chad ($000)\nAccount            FY2010    FY2011    FY2012\n"
            "Health              1,000     2,000     3,000\nRoads                          500\n")
    got = [(c.row, c.year) for c in find_table_cells(text)]
    assert got[-1] == ("Roads", 2011)


# (table, [(row, total)])
TOTALS = [
    ("Aid ($000)\nProgram 2010 2011\nHealth 5 6\nTotal 9 10\n", [False, False, True, True]),
    ("Aid ($000)\nProgram 2010 2011 Total\nHealth 5 6 11\n", [False, False, True]),
    ("Ayuda (miles de dólares)\nPrograma 2010 2011\nSalud 5 6\nTotal general 9 10\n", [False, False, True, True]),
    ("AID ($000)\nPROGRAM FY 1976 FY 1977\nGRANT 5 6\nTOTAL 9 10\n", [False, False, True, True]),
]


@pytest.mark.parametrize("table, totals", TOTALS)
def test_total_rows_and_columns_are_marked(table, totals):
    lang = "es" if "Ayuda" in table else "en"
    assert [c.total for c in find_table_cells(table, lang)] == totals


# (column header, lang, measure)
MEASURES = [
    ("FY2011 (req.)", "en", "requested"), ("FY 2012 Request", "en", "requested"), ("2011 est.", "en", "allocated"),
    ("FY 2010 Estimate", "en", "allocated"), ("FY2009 Actual", "en", "appropriated"), ("2010 Enacted", "en", "appropriated"),
    ("2012 Solicitado", "es", "requested"), ("2011 Estimado", "es", "allocated"), ("FY2009", "en", None),
]


@pytest.mark.parametrize("column, lang, measure", MEASURES)
def test_column_measure(column, lang, measure):
    assert measure_of(column, lang) == measure


def test_measure_columns_keep_their_measure():
    cells = find_table_cells("Aid ($000)\nProgram FY2010 Actual FY2011 Estimate FY2012 Request\nHealth 5 6 7\n")
    assert [c.measure for c in cells] == ["appropriated", "allocated", "requested"]


@pytest.mark.parametrize("label, lang, total", [("Total", "en", True), ("GRAND TOTAL", "en", True), ("Subtotal", "en", True),
                                                ("Total general", "es", True), ("Health", "en", False), ("Salud", "es", False)])
def test_is_total(label, lang, total):
    assert is_total(label, lang) is total


@pytest.mark.parametrize("text", ["Millions of people were affected.", "thousands of families fled", "(see 2010)"])
def test_prose_states_no_unit(text):
    assert unit_of(text) is None


NOT_TABLES = [
    # prose with years and numbers
    "Aid fell from 2006 to 2007 and 2008, by 12 and 15 percent.\n",
    "In FY2009 and FY2010 the program trained 300 and 450 officers.\n",
    # a table of contents: page numbers after dot leaders
    "Contents\nSummary, FY 2008 and FY 2009 ........ 2\nMexico.................. 4\nHaiti................... 14\n",
    # percentages
    "Share of aid 2010 2011\nHealth 12% 15%\nRoads 30% 28%\n",
    # a cover page date under two years
    "Aid in FY2003 and FY2004 Assistance\nfor Chad\nUpdated January 31, 2004\n",
    # identifiers and page numbers in a cable
    "FY 1977\nPAGE 03 STATE 036160\nREF 0123\n",
]


@pytest.mark.parametrize("text", NOT_TABLES)
def test_not_a_table(text):
    assert find_table_cells(text) == []


YEAR_ROWS = [
    ("one column under a unit", "U.S. aid to Chad\n\nYear    Aid (US$ millions)\n2008    45.2\n2009    50.1\n2010    61\n",
     [(2008, "45.2", D("45200000")), (2009, "50.1", D("50100000")), (2010, "61", D("61000000"))]),
    ("signed cells, fiscal years", "Aid to Chad\nFY2011  $1,200,000\nFY2012  $1,350,000\n",
     [(2011, "1,200,000", D("1200000")), (2012, "1,350,000", D("1350000"))]),
    ("countries as columns", "Aid by country ($ millions)\nYear    Chad    Niger\n2015    10.5    4\n2016    11      -\n",
     [(2015, "10.5", D("10500000")), (2015, "4", D("4000000")), (2016, "11", D("11000000"))]),
]


@pytest.mark.parametrize("case, text, expected", YEAR_ROWS)
def test_rows_that_are_years(case, text, expected):
    cells = find_table_cells(text)
    assert [(c.year, c.text, c.amount) for c in cells] == expected, case


def test_years_as_rows_need_a_unit_or_a_sign():
    assert find_table_cells("Population\n2008    45\n2009    50\n") == []


def test_countries_as_columns_label_their_cells():
    cells = find_table_cells(YEAR_ROWS[2][1])
    assert [c.column for c in cells] == ["2015 Chad", "2015 Niger", "2016 Chad"]


def test_an_empty_tab_field_is_a_blank_cell():
    text = "Aid to Nepal ($000)\nSector\t2019\t2020\t2021\nHealth\t5\t\t7\nRoads\t\t3\t4\n"
    assert [(c.row, c.year, c.text) for c in find_table_cells(text)] == [
        ("Health", 2019, "5"), ("Health", 2021, "7"), ("Roads", 2020, "3"), ("Roads", 2021, "4")]


SECOND_HEADER_LINES = [
    ("words", "Aid to Chad ($000)\n        FY 2010  FY 2011   FY 2012\n        Actual   Estimate  Request\nHealth  5,000    6,000     7,000\n"),
    ("after a row-label word", "Aid to Chad ($000)\n(in thousands) FY 2010 FY 2011 FY 2012\nAccount Actual Estimate Request\nHealth 5,000 6,000 7,000\n"),
]


@pytest.mark.parametrize("case, text", SECOND_HEADER_LINES)
def test_a_second_header_line_labels_the_columns(case, text):
    assert [c.measure for c in find_table_cells(text)] == ["appropriated", "allocated", "requested"], case


def test_prose_above_a_table_is_no_unit():
    text = ("The United States has spent billions of dollars in Chad since 2000.\n\n"
            "Program FY2009 FY2010\nHealth 1,200,000 1,300,000\n")
    assert [c.amount for c in find_table_cells(text)] == [D("1200000"), D("1300000")]


LISTS_UNDER_A_UNIT = [
    ("cable", "2. FY 1979 PROGRAM LEVELS (THOUSANDS OF DOLLARS):\n   MAP        1,500\n   IMET         300\n   FMS       10,000\n",
     [("MAP", 1979, D("1500000")), ("IMET", 1979, D("300000")), ("FMS", 1979, D("10000000"))]),
    ("spanish", "Aportes por donante (millones de dólares)\n\nJapón 12,5\nNoruega 3\n",
     [("Japón", None, D("12500000")), ("Noruega", None, D("3000000"))]),
]


@pytest.mark.parametrize("case, text, expected", LISTS_UNDER_A_UNIT)
def test_a_list_of_numbers_under_a_unit_heading(case, text, expected):
    lang = "es" if case == "spanish" else "en"
    assert [(c.row, c.year, c.amount) for c in find_table_cells(text, lang)] == expected, case


def test_lines_ending_in_numbers_under_no_unit_are_no_list():
    assert find_table_cells("Results in 2010\nTrained officers 1,500\nVehicles 300\n") == []


def test_columns_named_by_words_under_a_title_with_the_unit_and_year():
    text = "Table 3. Aid by country, FY2012 ($ millions)\n\nAccount    Chad    Niger\nHealth     10.5    4\nRoads      2       -\n"
    got = [(c.row, c.column, c.year, c.amount) for c in find_table_cells(text)]
    assert got == [("Health", "Chad", 2012, D("10500000")), ("Health", "Niger", 2012, D("4000000")),
                   ("Roads", "Chad", 2012, D("2000000"))]


REPORT_TABLE = """Table 1. U.S. Assistance to Haiti, FY2008-FY2011
(current $ in millions)

Account      FY2008   FY2009   FY2010 (est.)   FY2011 (req.)
DA             28.5     37.1        n/a          45.0
ESF            92.0a   163.0      125.0         113.2
Rescission    (2.5)      -          -             -
Total         120.5    200.1      125.0         158.2
Source: invented for this test.
"""


def test_a_report_table_with_footnote_marks_blanks_and_a_negative_cell():
    cells = find_table_cells(REPORT_TABLE)
    got = [(c.row, c.year, c.amount, c.total, c.measure) for c in cells]
    m = D(10) ** 6
    assert got == [
        ("DA", 2008, D("28.5") * m, False, None), ("DA", 2009, D("37.1") * m, False, None),
        ("DA", 2011, D("45.0") * m, False, "requested"),
        ("ESF", 2008, D("92.0") * m, False, None), ("ESF", 2009, D("163.0") * m, False, None),
        ("ESF", 2010, D("125.0") * m, False, "allocated"), ("ESF", 2011, D("113.2") * m, False, "requested"),
        ("Total", 2008, D("120.5") * m, True, None), ("Total", 2009, D("200.1") * m, True, None),
        ("Total", 2010, D("125.0") * m, True, "allocated"), ("Total", 2011, D("158.2") * m, True, "requested"),
    ]
    assert cells[3].text == "92.0"


def test_a_table_copied_one_cell_per_line():
    text = ("Chad\nBudget summary ($000)\nFY 2000 Actual\nFY 2001 Estimate\nFY 2002 Request\n"
            "48,000\n52,000\n101,000\n\nObjectives\n")
    got = [(c.year, c.amount, c.measure) for c in find_table_cells(text)]
    assert got == [(2000, D("48000000"), "appropriated"), (2001, D("52000000"), "allocated"),
                   (2002, D("101000000"), "requested")]


def test_a_figure_in_a_row_label_is_no_unit():
    text = "Program FY2009 FY2010\nHealth 1,200,000 1,300,000\nSupplemental ($110 million) 500,000 -\n"
    assert [c.amount for c in find_table_cells(text)] == [D("1200000"), D("1300000"), D("500000")]


CABLE_LEVELS = """3. FOLLOWING ARE FY 76 AND FY 77 LEVELS ($000):
                FY 76     FY 77
   MAP-M        1,200       800
   IMET           350       400
   FMS CREDIT   5,000     7,500
4. EMBASSY SHOULD INFORM GOVERNMENT.
"""


def test_a_cable_paragraph_heading_is_the_title_not_the_header():
    got = [(c.row, c.year, c.amount, c.fiscal) for c in find_table_cells(CABLE_LEVELS)]
    assert got == [("MAP-M", 1976, D("1200000"), True), ("MAP-M", 1977, D("800000"), True),
                   ("IMET", 1976, D("350000"), True), ("IMET", 1977, D("400000"), True),
                   ("FMS CREDIT", 1976, D("5000000"), True), ("FMS CREDIT", 1977, D("7500000"), True)]


def test_spanish_rows_that_are_years():
    text = "Ayuda de EE.UU. a Chad\n\nAño    Monto (millones de dólares)\n2008   45,2\n2009   50,1\n"
    assert [(c.year, c.amount) for c in find_table_cells(text, "es")] == [(2008, D("45200000")), (2009, D("50100000"))]


NOT_MONEY_TABLES = [
    "Coca crops in Chad (hectares)\n\nRegion 2008 2009\nNorth 5,000 6,000\nSouth 1,200 1,500\n",
    "Trained officers by year\n\nUnit 2008 2009\nPolice 500 650\nArmy 300 400\n",
    "Cultivos de coca (hectáreas)\n\nRegión 2008 2009\nNorte 5.000 6.000\n",
    "School enrolment (%)\n\nLevel 2008 2009\nPrimary 85 88\n",
]


@pytest.mark.parametrize("text", NOT_MONEY_TABLES)
def test_a_table_of_other_numbers_is_no_money(text):
    assert find_table_cells(text, "es" if "Cultivos" in text else "en") == []


def test_a_grid_copied_one_cell_per_line_row_after_row():
    text = ("U.S. aid to Chad ($000)\nProgram\nFY2009\nActual\nFY2010\nRequest\nINCLE\n3,000\n4,500\n"
            "FMF\n500\n-\nTotal\n3,500\n4,500\n\nThe program began in 2009.\n")
    got = [(c.row, c.year, c.amount, c.measure, c.total) for c in find_table_cells(text)]
    assert got == [("INCLE", 2009, D("3000000"), "appropriated", False), ("INCLE", 2010, D("4500000"), "requested", False),
                   ("FMF", 2009, D("500000"), "appropriated", False),
                   ("Total", 2009, D("3500000"), "appropriated", True), ("Total", 2010, D("4500000"), "requested", True)]
    assert [text[c.start:c.end] for c in find_table_cells(text)][:2] == ["3,000", "4,500"]


def test_rows_with_more_cells_than_the_header_has_years_are_not_misread():
    # "FY 7T" (the 1976 transition quarter) is no year: the rows have a cell more than the header's years
    text = "LEVELS ($000)\nPROGRAM     FY 76   FY 7T   FY 77\nMAP         1,500     300   1,200\nIMET          350      90     400\n"
    assert find_table_cells(text) == []


@pytest.mark.parametrize("row", ["Salud US$ 1.200 US$ 1.500", "Salud $ 1.200 $ 1.500", "Salud USD 1.200 USD 1.500",
                                 "Salud 1.200 € 1.500 €"])
def test_a_sign_written_apart_from_its_cell(row):
    cells = find_table_cells(f"Ayuda a Chad (en miles)\n\nPrograma 2010 2011\n{row}\n", "es")
    assert [(c.year, c.amount) for c in cells] == [(2010, D("1200000")), (2011, D("1500000"))]


def test_the_sign_on_the_cells_gives_the_currency():
    cells = find_table_cells("Aid to Chad (thousands)\n\nProgram 2010 2011\nRoads €1,200 €1,500\n")
    assert {c.currency for c in cells} == {"EUR"}


def test_a_sign_glued_after_the_cell():
    cells = find_table_cells("Ayuda a Chad (en miles)\n\nPrograma 2010 2011\nCaminos 1.200€ 1.500€\n", "es")
    assert [(c.amount, c.currency, c.text) for c in cells] == [(D("1200000"), "EUR", "1.200"), (D("1500000"), "EUR", "1.500")]


def test_a_row_that_names_its_measure():
    cells = find_table_cells("Aid to Chad ($000)\n\nFunds FY2010 FY2011\nObligated 5,000 6,000\nDisbursed 3,000 4,000\n")
    assert [c.measure for c in cells] == ["obligated", "obligated", "disbursed", "disbursed"]


def test_a_prose_line_after_a_list_is_not_its_row():
    text = ("FY 1979 LEVELS (THOUSANDS OF DOLLARS):\n   MAP        1,500\n   IMET         300\n"
            "TRAINING SHOULD BE RAISED IN FY 80 TO 2,500\n")
    assert [c.row for c in find_table_cells(text)] == ["MAP", "IMET"]


def test_a_dot_among_comma_groups_is_a_group_too():
    # "2.500" beside "45,000" and no decimals in the table: OCR read a comma as a dot
    cells = find_table_cells("Spending plan ($ in thousands) FY 2008 FY 2009\nHealth 45,000 0\nRoads 2.500 1,200\n")
    assert [c.amount for c in cells] == [D("45000000"), D("2500000"), D("1200000")]


def test_zeros_that_ocr_read_as_the_letter_o():
    cells = find_table_cells("Spending plan ($ in thousands) FY 2008 FY 2009\nHealth 45,OOO 2,5OO\n")
    assert [c.amount for c in cells] == [D("45000000"), D("2500000")]


def test_one_number_per_line_after_its_row_label():
    text = "Aid to Chad in FY2012 ($000)\n\nHealth\n1,200\nEducation\n3,400\nRoads\n500\n\nThe program began in 2009.\n"
    assert [(c.row, c.year, c.amount) for c in find_table_cells(text)] == [
        ("Health", 2012, D("1200000")), ("Education", 2012, D("3400000")), ("Roads", 2012, D("500000"))]


# one column of amounts under a header that names what it holds (a measure or a year), the unit in the title
ONE_COLUMN = [
    ("a measure, subtitle and unit above", "AID TO CHAD BY ACCOUNT\nRegular funds, fiscal year 2015\n($ in thousands)\n\n"
     "Account              Enacted\nHealth                 1,250\nSchools                  830\n",
     "en", [("Health", D("1250000"), 2015, "appropriated"), ("Schools", D("830000"), 2015, "appropriated")]),
    ("a request, no blank line", "Aid to Niger, 2019 (US$ millions)\nProgram   Request\nWater   12.5\nRoads   4\n",
     "en", [("Water", D("12500000"), 2019, "requested"), ("Roads", D("4000000"), 2019, "requested")]),
    ("a year", "Aid to Mali ($ in millions)\n\nAccount                          FY2021\nHealth                 40\n"
     "Food                   15\n", "en", [("Health", D("40000000"), 2021, None), ("Food", D("15000000"), 2021, None)]),
    ("Spanish, a measure", "Cooperación con Haití, 2018 (millones de euros)\nSector    Ejecutado\nSalud    3,5\nAgua    2\n",
     "es", [("Salud", D("3500000"), 2018, "disbursed"), ("Agua", D("2000000"), 2018, "disbursed")]),
]


@pytest.mark.parametrize("name, text, lang, cells", ONE_COLUMN, ids=[c[0] for c in ONE_COLUMN])
def test_one_column_under_a_measure_or_year(name, text, lang, cells):
    got = find_table_cells(text, lang)
    assert [(c.row, c.amount, c.year, c.measure) for c in got] == cells


# one column whose header names neither a measure nor a year is no table of money by itself
@pytest.mark.parametrize("text", [
    "Staff by office (in thousands)\n\nOffice     Staff\nLima     12\nQuito     8\n",
    "Aid to Chad ($ in millions)\nProgram   Notes\nHealth 2\n",
])
def test_one_column_with_an_unnamed_header_is_no_table(text):
    assert find_table_cells(text) == []


#: (text, whether it names a scale word): the quick test before a unit is read, in any case, not inside
#: a word, with the Kelvin sign as a case of k.
SCALE_HINTS = {
    "words": [("(in thousands)", True), ("MILLONES de soles", True), ("US$ Bn", True), ("$000s", True)],
    "single letters": [("$5 m in all", True), ("5\u212a", True), ("(K)", True)],
    "inside words": [("Thousandsville", False), ("Kim and Tom", False), ("500MB", False), ("ammo", False)],
}
HINT_CASES = [(form, text, want) for form, cases in SCALE_HINTS.items() for text, want in cases]


@pytest.mark.parametrize("form,text,want", HINT_CASES, ids=[f"{f}:{t}" for f, t, _ in HINT_CASES])
def test_the_scale_hint(form, text, want):
    assert (_scale_hint("en").search(text) is not None) is want


def test_the_cases_of_a_letter_are_all_listed():
    """Every character that a case-insensitive pattern matches to a scale word's first letter is in its class."""
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    firsts = {w[0].lower() for w in _vocab("en")["scale"]}
    for first in firsts:
        found = set(re.findall("(?i)" + re.escape(first), every))
        assert found and all(re.fullmatch(_cases(first), c) for c in found), first
