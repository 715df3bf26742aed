"""Tests for aidfigures.reference: the shipped official tables and extracted facts lined up against them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

import aidfigures as af
from aidfigures import schema
from aidfigures.analysis.facts import facts
from aidfigures.analysis.official import official_rows, read_reference
from aidfigures.analysis.reference import compare_reference
from aidfigures.errors import SchemaError, SelectionError

REPO = Path(__file__).resolve().parents[2]
REFERENCE = REPO / "data" / "reference"
LOOKUPS = REPO / "src" / "aidfigures" / "lookups"


def _fact(iso3: str, name: str, year: int, amount: float, measure: str | None, category: str | None,
          program: str | None = None) -> pd.DataFrame:
    row = {"doc_id": "d", "start": 0, "end": 5, "text": "$", "amount": amount, "amount_high": None,
           "currency": "USD", "amount_usd": amount, "qualifier": "exact", "per": None, "year": year,
           "year_end": None, "fiscal": True, "recipient": name, "recipient_iso3": iso3, "donor": None,
           "category": category, "program": program, "measure": measure, "is_aid": True, "sentence": "s"}
    return facts(schema.validate(pd.DataFrame([row], columns=list(schema.COLUMNS))))


@pytest.fixture(scope="module")
def seed_comparison() -> pd.DataFrame:
    return compare_reference(facts(af.extract_files([REPO / "data" / "raw"])))


@pytest.mark.parametrize(("iso3", "year", "category", "transaction", "amount"), [
    pytest.param("PER", 2006, "total", "Obligations", 293_096_104, id="peru-fy2006-obligations"),
    pytest.param("COL", 2006, "total", "Obligations", 1_222_386_572, id="colombia-fy2006-obligations"),
    pytest.param("MEX", 2011, "total", "Obligations", 427_409_458, id="mexico-fy2011-obligations"),
    pytest.param("COL", 2006, "military", "Obligations", 233_981_768, id="colombia-fy2006-military-summed"),
    pytest.param("PER", 2006, "military", "Obligations", 11_937_000, id="peru-fy2006-military"),
    pytest.param("MEX", 2011, "military", "Obligations", 94_178_684, id="mexico-fy2011-military-summed"),
])
def test_us_aid_latam_spot_values(iso3: str, year: int, category: str, transaction: str, amount: int) -> None:
    rows = official_rows("us_aid_latam")
    hit = rows[(rows.iso3 == iso3) & (rows.year == year) & (rows.official_category == category)
               & (rows.official_measure == transaction)]
    assert hit["official_usd"].tolist() == [amount]


def test_read_reference_types_and_jtf_spot_value() -> None:
    fae = read_reference("us_aid_latam")
    assert len(fae) == 4943 and str(fae["fiscal_year"].dtype) == "Int64"
    assert fae["amount_constant_usd"].isna().sum() > 0  # blank for the FA.gov military rows, not 0
    jtf = read_reference("jtf")
    incle = jtf[(jtf.iso3 == "COL") & (jtf.fiscal_year == 2006)
                & (jtf.program == "International Narcotics Control and Law Enforcement")]
    assert incle["amount_usd"].tolist() == [350_248_000] and incle["aid_category"].tolist() == ["military_police"]
    assert read_reference("jtf_military_police_aid").equals(jtf)


def test_transition_quarter_is_not_fy1976() -> None:
    fae = read_reference("us_aid_latam")
    assert fae["transition_quarter"].sum() == 25
    rows = official_rows(fae)
    tq = fae[fae.transition_quarter & (fae.iso3 == "COL") & (fae.transaction_type == "Obligations")]
    fy = fae[~fae.transition_quarter & (fae.iso3 == "COL") & (fae.fiscal_year == 1976)
             & (fae.transaction_type == "Obligations")]
    hit = rows[(rows.iso3 == "COL") & (rows.year == 1976) & (rows.official_measure == "Obligations")]
    assert len(tq) == 1 and hit["official_usd"].tolist() == [float(fy["amount_current_usd"].iloc[0])]


def test_read_reference_from_a_path(tmp_path: Path) -> None:
    copy = shutil.copy(REFERENCE / "jtf_military_police_aid.csv", tmp_path / "jtf.csv")
    assert read_reference("jtf", copy).equals(read_reference("jtf"))
    bad = tmp_path / "bad.csv"
    bad.write_text("country,iso3\nPeru,PER\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="missing columns: fiscal_year"):
        read_reference("jtf", bad)
    with pytest.raises(SelectionError, match="unknown reference 'oecd'"):
        read_reference("oecd")


def test_seed_colombia_2006_matches_just_the_facts(seed_comparison: pd.DataFrame) -> None:
    hit = seed_comparison[(seed_comparison.recipient_iso3 == "COL") & (seed_comparison.year == 2006)
                          & (seed_comparison.source == "Just the Facts")]
    assert hit["official_usd"].tolist() == [581_832_053]
    assert hit["difference_pct"].iloc[0] == pytest.approx(100 * (582e6 - 581_832_053) / 581_832_053)
    assert bool(hit["same_definition"].iloc[0])


@pytest.mark.parametrize(("source", "official", "note"), [
    pytest.param("ForeignAssistance.gov", 11_937_000, "excludes police and counternarcotics aid", id="fagov-military-narrower"),  # noqa: E501
    pytest.param("USAID FAE", 175_194_540, "all US aid (economic + military)", id="fae-total-broader"),
])
def test_seed_peru_2006_definitions_differ(seed_comparison: pd.DataFrame, source: str, official: int, note: str) -> None:  # noqa: E501
    hit = seed_comparison[(seed_comparison.recipient_iso3 == "PER") & (seed_comparison.year == 2006)
                          & (seed_comparison.source == source)]
    assert hit["official_usd"].tolist() == [official]  # disbursed in the text -> Disbursements
    assert note in hit["note"].iloc[0] and not hit["same_definition"].iloc[0]


@pytest.mark.parametrize(("measure", "transaction", "official"), [
    pytest.param("obligated", "Obligations", 293_096_104, id="obligated"),
    pytest.param("disbursed", "Disbursements", 175_194_540, id="disbursed"),
    pytest.param("appropriated", "Appropriated and Planned", 141_722_000, id="appropriated"),
    pytest.param("allocated", "Appropriated and Planned", 141_722_000, id="allocated"),
])
def test_measures_map_to_transaction_types(measure: str, transaction: str, official: int) -> None:
    out = compare_reference(_fact("PER", "Peru", 2006, 293_096_104, measure, None), "us_aid_latam")
    fae = out[out.source == "USAID FAE"]
    assert fae[["official_measure", "official_usd"]].values.tolist() == [[transaction, official]]
    if measure == "obligated":
        assert fae["difference_pct"].iloc[0] == 0


def test_unknown_stage_meets_every_stage() -> None:
    out = compare_reference(_fact("PER", "Peru", 2011, 44.7e6, None, None), "us_aid_latam")
    assert sorted(out.loc[out.source == "USAID FAE", "official_measure"]) == [
        "Appropriated and Planned", "Disbursements", "Obligations", "President's Budget Requests"]
    assert out["note"].str.contains("does not say which budget stage").all()


def test_program_level_fact_meets_the_program_row() -> None:
    out = compare_reference(_fact("COL", "Colombia", 2006, 350_248_000, None, "military_police",
                                  "International Narcotics Control and Law Enforcement"))
    assert out[["source", "official_usd", "difference_pct"]].values.tolist() == [["Just the Facts", 350_248_000, 0.0]]


def test_jtf_program_names_are_canonical() -> None:
    rows = official_rows("jtf")
    fmf = rows[(rows.iso3 == "MEX") & (rows.year == 2005) & (rows.official_program == "Foreign Military Financing")]
    assert len(fmf) == 1  # "Foreign Military Financing (FMF)" on the page


@pytest.mark.parametrize(("fact", "note"), [
    pytest.param(("PER", "Peru", 2006, 1e6, "pledged", None), "pledges have no official counterpart", id="pledge"),
    pytest.param(("EGY", "Egypt", 2012, 1.5e9, "requested", "military"), "no official row", id="outside-the-region"),
])
def test_unmatched_fact_is_kept_with_a_note(fact: tuple, note: str) -> None:
    out = compare_reference(_fact(*fact))
    assert len(out) == 1 and pd.isna(out.loc[0, "official_usd"]) and note in out.loc[0, "note"]


def test_spans_rates_and_other_donors_are_not_compared() -> None:
    base = _fact("PER", "Peru", 2006, 56.4e6, "disbursed", "military_police")
    for column, value in (("year_end", 2011), ("per", "month"), ("donor", "European Union")):
        changed = base.astype({column: "object"}).assign(**{column: value})
        assert compare_reference(changed).empty


def test_reference_files_are_shipped_and_documented() -> None:
    readme = (REFERENCE / "README.md").read_text(encoding="utf-8")
    for name in ("us_aid_latam", "jtf_military_police_aid", "us_gdp_deflator_annual", "cpi_u_annual", "fx_annual"):
        assert (REFERENCE / f"{name}.csv").is_file() and f"`{name}.csv`" in readme
        link = LOOKUPS / f"{name}.csv"
        assert link.is_symlink() and not os.path.isabs(os.readlink(link)) and link.resolve() == (REFERENCE / f"{name}.csv").resolve()  # noqa: E501
