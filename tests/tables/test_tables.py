"""Tests for aidfigures.tables: selections, country-year values, ranks, conflicts, evidence, coverage."""

from __future__ import annotations

import pandas as pd
import pytest

import aidfigures as af
from aidfigures import schema, tables
from aidfigures.corpus import DocumentStatus
from aidfigures.errors import AidFiguresError, SchemaError, SelectionError, UnknownCountryError

_DEFAULTS = {
    "end": None, "amount_high": None, "currency": "USD", "amount_usd": None, "qualifier": "exact",
    "per": None, "year_end": None, "fiscal": False, "donor": "United States", "category": "military",
    "program": None, "measure": "disbursed", "is_aid": True,
}
_ISO3 = {"Peru": "PER", "Colombia": "COL", "Mexico": "MEX", "Ecuador": "ECU", "Bolivia": "BOL"}


def _row(doc: str, start: int, recipient: str, year: int | None, amount: float, **extra: object) -> dict:
    text = extra.pop("text", f"{amount / 1e6:g} million dollars")
    row = {**_DEFAULTS, "doc_id": doc, "start": start, "end": start + len(text), "text": text,
           "amount": amount, "recipient": recipient, "recipient_iso3": _ISO3[recipient], "year": year,
           "sentence": f"{recipient} got {text} in {year}.", **extra}
    if row["currency"] == "USD" and row["amount_usd"] is None:
        row["amount_usd"] = amount
    return row


_ROWS = [
    _row("a", 10, "Peru", 2006, 56.4e6),
    _row("a", 50, "Colombia", 2006, 582e6, qualifier="approx"),
    _row("a", 200, "Peru", 2006, 56.4e6),  # the same number again in the same document
    _row("b", 15, "Peru", 2006, 56.4e6),
    _row("b", 60, "Colombia", 2006, 600e6),
    _row("b", 100, "Colombia", 2011, 351e6, measure="requested"),
    _row("b", 140, "Mexico", 2011, 147.9e6, measure="requested", category="counternarcotics"),
    _row("b", 300, "Peru", 2006, 50_000.0, per="month", is_aid=False, category=None, measure=None,
         text="50,000 dollars"),  # a bribe: never aid
    _row("c", 5, "Ecuador", 2011, 10e6, currency="EUR", amount_usd=13.92e6, text="€10 million"),
    _row("c", 40, "Bolivia", 2011, 5e6, currency="BOB", text="Bs 5 million"),  # no US$ rate
]


@pytest.fixture
def figs() -> pd.DataFrame:
    """Ten hand-made figures in three documents (see _ROWS)."""
    return schema.validate(pd.DataFrame(_ROWS))


@pytest.fixture
def aid(figs: pd.DataFrame) -> pd.DataFrame:
    return tables.select_figures(figs)


# --- select_figures ---------------------------------------------------------------------------

@pytest.mark.parametrize(("kwargs", "expected"), [
    ({}, ["a:10", "a:50", "a:200", "b:15", "b:60", "b:100", "b:140", "c:5", "c:40"]),
    ({"aid_only": False}, ["a:10", "a:50", "a:200", "b:15", "b:60", "b:100", "b:140", "b:300", "c:5", "c:40"]),
    ({"countries": "COL"}, ["a:50", "b:60", "b:100"]),
    ({"countries": "col"}, ["a:50", "b:60", "b:100"]),
    ({"countries": "Perú"}, ["a:10", "a:200", "b:15"]),
    ({"countries": ["Mexico", "ecuador"]}, ["b:140", "c:5"]),
    ({"countries": "Chile"}, []),
    ({"years": (2011, 2011)}, ["b:100", "b:140", "c:5", "c:40"]),
    ({"years": (None, 2006), "countries": "Colombia"}, ["a:50", "b:60"]),
    ({"years": 2011, "measure": "requested"}, ["b:100", "b:140"]),
    ({"category": ["counternarcotics"]}, ["b:140"]),
], ids=["all-aid", "with-non-aid", "iso3", "iso3-lowercase", "spanish-alias", "several", "known-no-figures",
        "one-year-range", "open-range", "single-year-and-measure", "category"])
def test_select_figures(figs: pd.DataFrame, kwargs: dict, expected: list[str]) -> None:
    chosen = tables.select_figures(figs, **kwargs)
    assert [f"{d}:{s}" for d, s in zip(chosen["doc_id"], chosen["start"], strict=True)] == expected
    assert list(chosen.columns) == list(schema.COLUMNS)


@pytest.mark.parametrize(("kwargs", "error", "message"), [
    ({"countries": "Peur"}, UnknownCountryError, "Peru"),
    ({"countries": ["Peru", "Colmbia"]}, UnknownCountryError, "Colombia"),
    ({"countries": "Xqzv"}, UnknownCountryError, "no close match"),
    ({"measure": "disbursd"}, SelectionError, "disbursed"),
    ({"category": "milk"}, SelectionError, "military"),
    ({"years": (2011, 2006)}, SelectionError, "after last year"),
], ids=["typo-peru", "typo-in-list", "nothing-close", "measure", "category", "reversed-years"])
def test_select_figures_rejects(figs: pd.DataFrame, kwargs: dict, error: type, message: str) -> None:
    with pytest.raises(error, match=message) as caught:
        tables.select_figures(figs, **kwargs)
    assert isinstance(caught.value, AidFiguresError) and isinstance(caught.value, ValueError)


@pytest.mark.parametrize("function", [
    tables.select_figures, tables.country_year, tables.conflicts, tables.evidence_table, tables.coverage,
    tables.per_document,
], ids=lambda f: f.__name__)
@pytest.mark.parametrize("bad", [pd.DataFrame({"doc_id": ["a"], "amount": [1.0]}), "figures.csv"],
                         ids=["missing-columns", "not-a-table"])
def test_bad_tables_raise_schema_error(function, bad: object) -> None:
    with pytest.raises(SchemaError, match="missing columns: start|expected a figures table"):
        function(bad)


# --- country_year -----------------------------------------------------------------------------

def _cell(summary: pd.DataFrame, recipient: str, year: int) -> pd.Series:
    rows = summary[(summary["recipient"] == recipient) & (summary["year"] == year)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_country_year_counts_repeats_once(aid: pd.DataFrame) -> None:
    peru = _cell(tables.country_year(aid), "Peru", 2006)
    assert (peru["value"], peru["n_figures"], peru["n_documents"]) == (56.4e6, 2, 2)
    assert peru["figures"] == "a:10;b:15" and peru["rule"] == "median"


@pytest.mark.parametrize(("rule", "doc_order", "expected"), [
    ("median", None, 591e6),
    ("max", None, 600e6),
    ("min", None, 582e6),
    ("latest", None, 600e6),
    ("latest", ["b", "a"], 582e6),
], ids=["median", "max", "min", "latest-by-table-order", "latest-by-doc-order"])
def test_country_year_rules(aid: pd.DataFrame, rule: str, doc_order: list[str] | None, expected: float) -> None:
    colombia = _cell(tables.country_year(aid, rule=rule, doc_order=doc_order), "Colombia", 2006)
    assert colombia["value"] == pytest.approx(expected)
    assert (colombia["min"], colombia["max"], colombia["n_figures"]) == (582e6, 600e6, 2)


def test_country_year_uses_us_dollars_and_skips_what_is_not_one_years_aid(figs: pd.DataFrame) -> None:
    summary = tables.country_year(figs)  # even unfiltered: the bribe and the rate-less BOB stay out
    assert _cell(summary, "Ecuador", 2011)["value"] == pytest.approx(13.92e6)
    assert _cell(summary, "Peru", 2006)["value"] == 56.4e6
    assert "Bolivia" not in set(summary["recipient"])
    assert list(summary.columns) == ["recipient", "recipient_iso3", "year", "value", "n_figures",
                                     "n_documents", "min", "max", "rule", "figures", "measure", "category", "approx"]


# Invented sentences: what a country-year's figures state about their budget stage and precision.
@pytest.mark.parametrize(("text", "measure", "approx"), [
    pytest.param("Peru received 56.4 million dollars in 2006.", "disbursed", False, id="one-measure"),
    pytest.param("Peru received nearly 56 million dollars in 2006.", "disbursed", True, id="approximate"),
    pytest.param("Peru received 56.4 million dollars in 2006, and requested 60 million dollars for 2006.",
                 "mixed", False, id="two-measures"),
])
def test_country_year_says_what_its_figures_state(text: str, measure: str, approx: bool) -> None:
    row = tables.country_year(af.extract(text)).iloc[0]
    assert (row["measure"], bool(row["approx"])) == (measure, approx)


def test_describe_rule() -> None:
    assert tables.describe_rule() == ("Where several figures exist for a country and year, the chart shows "
                                      "their median; all of them are listed in the evidence table.")
    assert "most recent document" in tables.describe_rule("latest")
    with pytest.raises(SelectionError, match="median"):
        tables.country_year(schema.empty_figures(), rule="mean")


# --- ranks, wide ------------------------------------------------------------------------------

def test_rank_table_and_wide(aid: pd.DataFrame) -> None:
    summary = tables.country_year(aid)
    ranks = tables.rank_table(summary)
    assert [(y, r, n) for y, r, n in zip(ranks["year"], ranks["rank"], ranks["recipient"], strict=True)] == [
        (2006, 1, "Colombia"), (2006, 2, "Peru"),
        (2011, 1, "Colombia"), (2011, 2, "Mexico"), (2011, 3, "Ecuador"),
    ]
    grid = tables.wide(ranks, values="rank")
    assert list(grid.columns) == [2006, 2011] and list(grid.index) == ["Colombia", "Ecuador", "Mexico", "Peru"]
    assert grid.loc["Peru", 2006] == 2 and pd.isna(grid.loc["Mexico", 2006])
    assert tables.wide(summary).loc["Peru", 2006] == 56.4e6


# --- conflicts --------------------------------------------------------------------------------

@pytest.mark.parametrize(("tolerance", "expected"), [
    (0.02, [("Colombia", 2006, "a", 582e6), ("Colombia", 2006, "b", 600e6)]),
    (0.05, []),  # $582M and $600M are 3.1% apart
    (0.0, [("Colombia", 2006, "a", 582e6), ("Colombia", 2006, "b", 600e6)]),
], ids=["2-percent", "default-5-percent", "any-difference"])
def test_conflicts(aid: pd.DataFrame, tolerance: float, expected: list[tuple]) -> None:
    found = tables.conflicts(aid, tolerance=tolerance)
    assert list(zip(found["recipient"], found["year"], found["doc_id"], found["value"], strict=True)) == expected
    if expected:  # Peru 2006 ($56.4M three times) is never a conflict
        assert set(found["spread"]) == {18e6}
        assert found["relative_spread"].iloc[0] == pytest.approx(18 / 582)
        assert {"text", "sentence", "measure", "shown", "start", "end"} <= set(found.columns)
        assert list(found["shown"]) == ["$582M", "$600M"]


# --- evidence ---------------------------------------------------------------------------------

def test_evidence_table_lists_every_figure_with_its_source(figs: pd.DataFrame) -> None:
    evidence = tables.evidence_table(figs)
    assert len(evidence) == len(figs)
    assert list(zip(evidence["recipient"], evidence["year"], evidence["doc_id"], evidence["start"], strict=True))[:4] == [  # noqa: E501
        ("Bolivia", 2011, "c", 40), ("Colombia", 2006, "a", 50), ("Colombia", 2006, "b", 60),
        ("Colombia", 2011, "b", 100)]
    peru = evidence[evidence["recipient"] == "Peru"].set_index("start")
    assert peru.loc[10, "shown"] == "$56.4M" and pd.isna(peru.loc[10, "note"])
    assert peru.loc[10, "sentence"] == "Peru got 56.4 million dollars in 2006."
    assert peru.loc[10, "end"] - 10 == len(peru.loc[10, "text"])
    assert peru.loc[200, "note"].startswith("counted once")
    assert peru.loc[300, "note"] == "not charted: not aid" and peru.loc[300, "shown"] == "$50K/mo"
    bolivia = evidence[evidence["recipient"] == "Bolivia"].iloc[0]
    assert bolivia["note"] == "not charted: no US$ rate for BOB in 2011" and bolivia["shown"] == "BOB 5M"


# --- coverage, per_document -------------------------------------------------------------------

def test_coverage(aid: pd.DataFrame) -> None:
    cover = tables.coverage(aid)
    counts = {(r, y): (n, d) for r, y, n, d in
              zip(cover["recipient"], cover["year"], cover["n_figures"], cover["n_documents"], strict=True)}
    assert counts == {("Peru", 2006): (2, 2), ("Colombia", 2006): (2, 2), ("Colombia", 2011): (1, 1),
                      ("Mexico", 2011): (1, 1), ("Ecuador", 2011): (1, 1), ("Bolivia", 2011): (1, 1)}
    assert tables.wide(cover, "n_figures").loc["Peru", 2006] == 2


@pytest.mark.parametrize(("documents", "expected"), [
    (None, [("a", 3, 3, "Colombia, Peru", None), ("b", 5, 4, "Colombia, Mexico, Peru", None),
            ("c", 2, 2, "Bolivia, Ecuador", None)]),
    (["z", "b"], [("z", 0, 0, None, None), ("b", 5, 4, "Colombia, Mexico, Peru", None),
                  ("a", 3, 3, "Colombia, Peru", None), ("c", 2, 2, "Bolivia, Ecuador", None)]),
    (pd.DataFrame({"doc_id": ["c", "bad"], "error": [None, "binary file, not text"]}),
     [("c", 2, 2, "Bolivia, Ecuador", None), ("bad", 0, 0, None, "binary file, not text"),
      ("a", 3, 3, "Colombia, Peru", None), ("b", 5, 4, "Colombia, Mexico, Peru", None)]),
    ([DocumentStatus(path="x/bad.bin", doc_id="bad", error="binary")],
     [("bad", 0, 0, None, "binary"), ("a", 3, 3, "Colombia, Peru", None),
      ("b", 5, 4, "Colombia, Mexico, Peru", None), ("c", 2, 2, "Bolivia, Ecuador", None)]),
], ids=["figures-only", "doc-ids", "table-with-errors", "run-statuses"])
def test_per_document(figs: pd.DataFrame, documents: object, expected: list[tuple]) -> None:
    table = tables.per_document(figs, documents)
    got = [tuple(None if pd.isna(v) else v for v in row) for row in table.itertuples(index=False)]
    assert got == expected


# --- empty selections -------------------------------------------------------------------------

@pytest.mark.parametrize(("function", "columns"), [
    (tables.select_figures, list(schema.COLUMNS)),
    (tables.country_year, ["recipient", "recipient_iso3", "year", "value", "n_figures", "n_documents",
                           "min", "max", "rule", "figures", "measure", "category", "approx"]),
    (lambda f: tables.rank_table(tables.country_year(f)), ["year", "rank", "recipient", "recipient_iso3", "value"]),
    (tables.conflicts, ["recipient", "recipient_iso3", "year", "spread", "relative_spread", "shown", "value",
                        "measure", "doc_id", "start", "end", "text", "sentence", "corrected"]),
    (tables.evidence_table, ["recipient", "year", "shown", "qualifier", "measure", "category", "doc_id",
                             "start", "end", "text", "sentence", "amount", "amount_high", "currency",
                             "value", "recipient_iso3", "note", "corrected"]),
    (tables.coverage, ["recipient", "recipient_iso3", "year", "n_figures", "n_documents"]),
    (tables.per_document, ["doc_id", "n_figures", "n_aid", "recipients", "error"]),
], ids=["select_figures", "country_year", "rank_table", "conflicts", "evidence_table", "coverage", "per_document"])
def test_empty_selection_gives_empty_frames(figs: pd.DataFrame, function, columns: list[str]) -> None:
    nothing = tables.select_figures(figs, countries="Chile")
    out = function(nothing)
    assert out.empty and list(out.columns) == columns
    assert tables.wide(tables.country_year(nothing)).empty
