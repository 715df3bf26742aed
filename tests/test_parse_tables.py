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
