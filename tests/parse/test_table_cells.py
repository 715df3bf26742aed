"""Plain-text tables: program x year grids with unit headers, in the two layouts seen in reports."""

from decimal import Decimal

from aidfigures.parse.tables import find_table_cells

ROW_LAYOUT = """Military and Police aid to Colombia 2008-2010 (millions of dollars)

Program 2008 2009 2010 Total
Foreign Military Financing 53.0 55.0 48.5 156.5
Total 100.0 120.25 - 220.25
"""

CELL_PER_LINE = """Ecuador
Budget
Summary ($000)
FY
2008
Actual
|
FY
2009
Request
|
15,000
1
|
17,500
|
"""


def test_row_layout_cells_in_long_form():
    cells = find_table_cells(ROW_LAYOUT)
    got = [(c.row, c.year, c.year_end, c.amount) for c in cells]
    assert got == [
        ("Foreign Military Financing", 2008, None, Decimal("53000000.0")),
        ("Foreign Military Financing", 2009, None, Decimal("55000000.0")),
        ("Foreign Military Financing", 2010, None, Decimal("48500000.0")),
        ("Foreign Military Financing", 2008, 2010, Decimal("156500000.0")),
        ("Total", 2008, None, Decimal("100000000.0")),
        ("Total", 2009, None, Decimal("120250000.00")),
        ("Total", 2008, 2010, Decimal("220250000.00")),
    ]
    assert all("Colombia" in c.title for c in cells)


def test_cell_per_line_layout_with_footnote_markers():
    cells = find_table_cells(CELL_PER_LINE)
    assert [(c.year, c.amount, c.fiscal) for c in cells] == [
        (2008, Decimal("15000000"), True), (2009, Decimal("17500000"), True)]
    assert "Request" in cells[1].column


def test_prose_with_years_is_not_a_table():
    assert find_table_cells("Aid fell from 2006 to 2007 and 2008, by 12 and 15 percent.\n") == []


CRS_LAYOUT = """Table 2. U.S. Assistance to Peru, FY2008-FY2011
(in millions of current U.S. dollars)

Account        FY2008   FY2009   FY2011 (req.)
INCLE           36.8     40.5     37.0
Total           37.4     42.2     39.7
"""


def test_crs_layout_with_a_column_note_and_current_dollars():
    cells = find_table_cells(CRS_LAYOUT)
    got = [(c.row, c.column, c.year, c.amount) for c in cells]
    assert got == [
        ("INCLE", "FY2008", 2008, Decimal("36800000.0")),
        ("INCLE", "FY2009", 2009, Decimal("40500000.0")),
        ("INCLE", "FY2011 (req.)", 2011, Decimal("37000000.0")),
        ("Total", "FY2008", 2008, Decimal("37400000.0")),
        ("Total", "FY2009", 2009, Decimal("42200000.0")),
        ("Total", "FY2011 (req.)", 2011, Decimal("39700000.0")),
    ]
    assert all(c.fiscal for c in cells)


def test_crs_table_figures_say_requested_and_total_is_no_program():
    from aidfigures import extract

    df = extract(CRS_LAYOUT)
    assert df["recipient_iso3"].eq("PER").all()
    assert df["measure"].tolist()[2::3] == ["requested", "requested"]
    assert df["program"].isna().tolist() == [False, False, False, True, True, True]


MARKDOWN_GRID = """U.S. aid to Guatemala

| Program | FY2009 | FY2010 |
|---|---|---|
| INCLE | $3,000,000 | $4,500,000 |
| FMF | $500,000 | - |
"""
SIGNED_CELLS = """U.S. aid to Guatemala (in dollars)
Program     FY2009      FY2010
INCLE    $3,000,000  US$4,500,000
"""


def test_markdown_grid_a_row_per_line():
    got = [(c.row, c.year, c.amount, c.text) for c in find_table_cells(MARKDOWN_GRID)]
    assert got == [("INCLE", 2009, Decimal("3000000"), "3,000,000"), ("INCLE", 2010, Decimal("4500000"), "4,500,000"),
                   ("FMF", 2009, Decimal("500000"), "500,000")]


def test_cells_written_with_a_dollar_sign():
    cells = find_table_cells(SIGNED_CELLS)
    assert [(c.row, c.year, c.amount) for c in cells] == [("INCLE", 2009, Decimal("3000000")),
                                                          ("INCLE", 2010, Decimal("4500000"))]
    assert [SIGNED_CELLS[c.start:c.end] for c in cells] == ["3,000,000", "4,500,000"]
