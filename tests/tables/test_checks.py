"""What reports say was checked by hand, and how tables mark the values corrected by hand."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import aidfigures as af
from aidfigures.tables import checked_counts, describe_checks, with_checks


def _cells(page: str) -> dict[tuple[int, int], str]:
    """``{(row, col): class}`` of the data cells of a styled table."""
    found = re.findall(r'class="data row(\d+) col(\d+)([^"]*)"', page)
    return {(int(r), int(c)): extra.strip() for r, c, extra in found}


# ---------------------------------------------------------------- marked cells, by field
@pytest.mark.parametrize(("corrected", "marked"), [
    ("recipient", {"recipient", "recipient_iso3"}),
    ("year", {"year"}),
    ("amount", {"amount", "value"}),
    ("currency", {"currency", "value"}),
    ("is_aid", {"is_aid"}),
    ("recipient;year", {"recipient", "recipient_iso3", "year"}),
    ("confirmed", set()),
])
def test_show_table_marks_the_cells_a_correction_changed(corrected: str, marked: set[str]) -> None:
    table = pd.DataFrame({"recipient": ["Peru", "Chile"], "recipient_iso3": ["PER", "CHL"], "year": [2004, 2005],
                          "amount": [1e6, 2e6], "currency": ["USD", "USD"], "value": [1e6, 2e6],
                          "is_aid": [True, True], "corrected": [corrected, pd.NA]})
    page = af.show_table(table).to_html()
    cells = _cells(page)
    names = list(table.columns)
    assert {names[c] for (r, c), cls in cells.items() if r == 0 and "af-corrected" in cls} == marked
    assert not any("af-corrected" in cls for (r, _), cls in cells.items() if r == 1)
    shown = "✓ confirmed" if corrected == "confirmed" else "✎ " + corrected.replace(";", ", ")
    assert shown in page and ">Checked by hand<" in page
    assert ".af-corrected::after" in page if marked else True
    assert "white-space: nowrap" in page  # the value and its mark on one line


def test_a_table_without_the_column_is_not_marked() -> None:
    assert "af-corrected" not in af.show_table(pd.DataFrame({"recipient": ["Peru"], "year": [2004]})).to_html()


# ---------------------------------------------------------------- counts and the sentence
@pytest.mark.parametrize(("marks", "said"), [
    ([pd.NA, pd.NA], "None of the 2 figures in this report has been checked by hand."),
    (["confirmed", pd.NA], "Checked by hand: 1 of the 2 figures in this report, 1 confirmed right and 0 corrected;"),
    (["amount;currency", "year"], "2 of the 2 figures in this report, 0 confirmed right and 2 corrected "
                                  "(year 1, amount 1, currency 1)"),
])
def test_describe_checks_counts_confirmed_and_corrected(marks: list, said: str) -> None:
    assert said in describe_checks(pd.DataFrame({"corrected": pd.array(marks, dtype="string")}))


def test_describe_checks_says_how_many_corrections_are_stale() -> None:
    table = pd.DataFrame({"corrected": pd.array([pd.NA], dtype="string")})
    table.attrs["stale_corrections"] = ["stale correction a:1-4 year='2001': ..."]
    assert describe_checks(table).endswith("1 correction no longer matches the documents and was not applied "
                                           "(stale: the document's text changed or its span holds no figure).")


def test_a_table_of_schema_1_2_has_nothing_checked() -> None:
    assert checked_counts(pd.DataFrame({"doc_id": ["a"]})) == {"figures": 1, "checked": 0, "confirmed": 0,
                                                               "corrected": 0}


# ---------------------------------------------------------------- tables that sum several figures
def test_country_year_rows_name_what_was_corrected_among_their_figures() -> None:
    figures = af.extract("Peru received $5 million in 2004. Peru also got $7 million in 2004. "
                         "Chile received $2 million in 2004.", doc_id="inv")
    figures["corrected"] = pd.array(["amount", "confirmed", pd.NA], dtype="string")
    summary = with_checks(af.country_year(figures), figures)
    assert dict(zip(summary["recipient"], summary["corrected"].fillna("-"), strict=True)) == \
        {"Peru": "amount", "Chile": "-"}
    page = af.show_table(summary).to_html()
    assert page.count("af-corrected") >= 1 and "✎ amount" in page
