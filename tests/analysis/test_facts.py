"""Tests for aidfigures.facts: consolidation, duplicates, NA groups, conflicts, and the ``facts`` command."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import aidfigures as af
from aidfigures import schema
from aidfigures.analysis import facts
from aidfigures.schema import FACT_COLUMNS, FACT_KEY, SHORT_KEY

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "data" / "raw"


def _fig(doc_id: str, start: int, amount: float, **extra: object) -> dict[str, object]:
    row: dict[str, object] = {
        "doc_id": doc_id, "start": start, "end": start + 5, "text": "$", "amount": amount, "amount_high": None,
        "currency": "USD", "amount_usd": amount, "qualifier": "exact", "per": None, "year": 2006,
        "year_end": None, "fiscal": False, "recipient": "Peru", "recipient_iso3": "PER",
        "donor": "United States", "category": "military_police", "program": None, "measure": "disbursed",
        "is_aid": True, "sentence": "s",
    }
    return row | extra


def _figures(*rows: dict[str, object]) -> pd.DataFrame:
    return schema.validate(pd.DataFrame(list(rows), columns=list(schema.COLUMNS)))


@pytest.fixture(scope="module")
def seed_facts() -> pd.DataFrame:
    return facts(af.extract_files([SEED]))


def test_seed_facts(seed_facts: pd.DataFrame) -> None:
    got = seed_facts[["recipient_iso3", "year", "measure", "n_figures", "n_documents", "median_usd", "conflict"]]
    assert got.values.tolist() == [
        ["COL", 2006, "disbursed", 1, 1, 582e6, False],
        ["COL", 2011, "requested", 1, 1, 351e6, False],
        ["MEX", 2011, "requested", 1, 1, 147.9e6, False],
        ["PER", 2006, "disbursed", 1, 1, 56.4e6, False],
        ["PER", 2011, "requested", 1, 1, 44.7e6, False],
    ]
    assert set(seed_facts["category"]) == {"military_police"}  # the $50,000 bribe is not aid
    assert seed_facts.loc[3, "figures"] == "ips_peru_wikileaks_2010:3741"
    assert list(seed_facts.columns) == list(FACT_COLUMNS)


@pytest.mark.parametrize(("other", "tolerance", "conflict"), [
    pytest.param(60e6, 0.05, True, id="6pct-apart-conflict-at-5pct"),
    pytest.param(60e6, 0.10, False, id="6pct-apart-fine-at-10pct"),
    pytest.param(58e6, 0.05, False, id="3pct-apart-fine"),
    pytest.param(56.4e6, 0.0, False, id="same-number-never"),
])
def test_conflict_between_sources(other: float, tolerance: float, conflict: bool) -> None:
    out = facts(_figures(_fig("a", 0, 56.4e6), _fig("b", 0, other)), tolerance=tolerance)
    assert len(out) == 1 and bool(out.loc[0, "conflict"]) is conflict
    assert out.loc[0, ["n_figures", "n_documents", "min_usd", "max_usd"]].tolist() == [
        2, 2, min(56.4e6, other), max(56.4e6, other)]


@pytest.mark.parametrize(("extra", "conflict"), [
    pytest.param({"qualifier": "at_least", "amount": 50e6, "amount_usd": 50e6}, False, id="more-than-50-agrees-with-60"),  # noqa: E501
    pytest.param({"qualifier": "at_most", "amount": 50e6, "amount_usd": 50e6}, True, id="up-to-50-contradicts-60"),
    pytest.param({"amount": 50e6, "amount_usd": 50e6, "amount_high": 70e6}, False, id="range-50-70-holds-60"),
    pytest.param({"qualifier": "approx", "amount": 58e6, "amount_usd": 58e6}, False, id="nearly-58"),
])
def test_qualifiers_and_ranges(extra: dict[str, object], conflict: bool) -> None:
    out = facts(_figures(_fig("a", 0, 60e6), _fig("b", 0, 0.0) | extra))
    assert bool(out.loc[0, "conflict"]) is conflict


def test_duplicate_mentions_in_one_document_count_once() -> None:
    out = facts(_figures(_fig("a", 0, 56.4e6), _fig("a", 90, 56.4e6), _fig("b", 4, 56.4e6)))
    assert out.loc[0, ["n_figures", "n_documents", "n_mentions"]].tolist() == [2, 2, 3]
    assert out.loc[0, "figures"] == "a:0;a:90;b:4"


def test_na_year_is_a_fact_of_its_own() -> None:
    out = facts(_figures(_fig("a", 0, 56.4e6), _fig("b", 0, 80e6, category=None), _fig("c", 0, 1e6, year=None)))
    assert len(out) == 2 and out["year"].isna().tolist() == [False, True]  # NA sorts last
    assert out["conflict"].tolist() == [True, False]  # the category-less 80M joins the 56.4M fact


# Invented pairs: a figure that states the donor, category and measure, and one of another document
# that leaves some unstated (NA matches any value) or states another value (a fact of its own).
@pytest.mark.parametrize(("other", "n_facts", "conflict"), [
    pytest.param({"donor": None}, 1, True, id="no-donor-joins"),
    pytest.param({"category": None}, 1, True, id="no-category-joins"),
    pytest.param({"measure": None}, 1, True, id="no-measure-joins"),
    pytest.param({"donor": None, "category": None, "measure": None}, 1, True, id="nothing-stated-joins"),
    pytest.param({"donor": None, "amount": 57e6, "amount_usd": 57e6}, 1, False, id="no-donor-agrees"),
    pytest.param({"donor": "European Union"}, 2, False, id="other-donor-apart"),
    pytest.param({"donor": None, "measure": "requested"}, 2, False, id="no-donor-other-measure-apart"),
    pytest.param({"donor": None, "program": "Foreign Military Financing"}, 2, False, id="program-na-is-a-value"),
    pytest.param({"donor": None, "year_end": 2011}, 2, False, id="year-end-na-is-a-value"),
    pytest.param({"donor": None, "recipient": None, "recipient_iso3": None}, 2, False, id="no-recipient-apart"),
])
def test_unstated_key_values_match_any(other: dict[str, object], n_facts: int, conflict: bool) -> None:
    out = facts(_figures(_fig("a", 0, 56.4e6), _fig("b", 0, **({"amount": 60e6, "amount_usd": 60e6} | other))))
    assert len(out) == n_facts and bool(out["conflict"].any()) == conflict
    if n_facts == 1:  # the fact keeps the stated values, not the NA
        stated = out.loc[0, ["donor", "category", "measure"]].tolist()
        assert stated == ["United States", "military_police", "disbursed"]
        assert out.loc[0, ["n_documents", "figures"]].tolist() == [2, "a:0;b:0"]


def test_unstated_value_fitting_two_facts_stays_apart() -> None:
    table = _figures(_fig("a", 0, 56.4e6), _fig("b", 0, 20e6, donor="European Union"), _fig("c", 0, 60e6, donor=None))
    out = facts(table)
    assert len(out) == 3 and not out["conflict"].any()  # the US's or the EU's: unknown
    assert out["donor"].fillna("-").tolist() == ["European Union", "United States", "-"]


def test_unstated_chain_joins_the_most_specific() -> None:
    table = _figures(_fig("a", 0, 56.4e6), _fig("b", 0, 56.4e6, donor=None),
                     _fig("c", 0, 70e6, donor=None, measure=None))
    out = facts(table)
    assert len(out) == 1 and out.loc[0, "n_documents"] == 3 and bool(out.loc[0, "conflict"])


def test_na_matching_can_be_turned_off() -> None:
    out = facts(_figures(_fig("a", 0, 56.4e6), _fig("b", 0, 60e6, donor=None)), na_matches=False)
    assert len(out) == 2 and not out["conflict"].any()


def test_dollar_statistics_rounded_to_cents() -> None:
    noisy = _figures(_fig("a", 0, 56.4e6, amount_usd=56_400_000.004999),
                     _fig("b", 0, 1.0, amount_usd=148.7373289700076))
    out = facts(noisy)
    assert out.loc[0, ["min_usd", "max_usd"]].tolist() == [148.74, 56_400_000.0]


@pytest.mark.parametrize(("extra", "short_rows"), [
    pytest.param({"program": "Foreign Military Financing"}, 1, id="program"),
    pytest.param({"year_end": 2011}, 1, id="multi-year-span"),
    pytest.param({"per": "month"}, 1, id="rate"),
    pytest.param({"donor": "European Union"}, 1, id="other-donor"),
])
def test_key_keeps_components_apart(extra: dict[str, object], short_rows: int) -> None:
    table = _figures(_fig("a", 0, 56.4e6), _fig("a", 50, 9e6, **extra))
    split = facts(table)
    assert len(split) == 2 and not split["conflict"].any()
    merged = facts(table, by=SHORT_KEY)
    assert len(merged) == short_rows and bool(merged.loc[0, "conflict"])
    assert list(merged.columns[:5]) == list(SHORT_KEY)


def test_non_aid_excluded_by_default() -> None:
    table = _figures(_fig("a", 0, 56.4e6), _fig("a", 9, 5e4, is_aid=False, recipient_iso3="BOL", recipient="Bolivia"))
    assert facts(table)["recipient_iso3"].tolist() == ["PER"]
    assert facts(table, aid_only=False)["recipient_iso3"].tolist() == ["BOL", "PER"]


def test_missing_dollars_are_counted_not_compared() -> None:
    table = _figures(_fig("a", 0, 56.4e6), _fig("b", 0, 2e8, currency="PEN", amount_usd=None))
    out = facts(table)
    assert out.loc[0, ["n_figures", "n_no_usd", "median_usd"]].tolist() == [2, 1, 56.4e6]
    assert out["conflict"].isna().all()  # two figures, one in dollars: cannot tell


def test_empty_table() -> None:
    out = facts(schema.empty_figures())
    assert out.empty and list(out.columns) == list(FACT_KEY) + list(out.columns[len(FACT_KEY):])
    assert str(out["conflict"].dtype) == "boolean"
