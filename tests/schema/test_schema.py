"""Tests for aidfigures.schema: the figures table contract (columns, dtypes, checks)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from aidfigures import schema
from aidfigures.errors import SchemaError


def test_columns_dtypes_and_key_agree() -> None:
    assert schema.COLUMNS == tuple(schema.DTYPES) == tuple(schema.DESCRIPTIONS)
    assert len(schema.COLUMNS) == 28 and schema.SCHEMA_VERSION == "1.3"
    assert set(schema.KEY) <= set(schema.COLUMNS)
    assert set(schema.DTYPES.values()) == {"string", "Int64", "float64", "boolean", "datetime64[s]"}


def test_empty_figures_has_schema_dtypes() -> None:
    empty = schema.empty_figures()
    assert len(empty) == 0
    assert {c: str(t) for c, t in empty.dtypes.items()} == schema.DTYPES
    schema.validate(empty)


def test_coerce_orders_casts_and_drops_extras(figures: pd.DataFrame) -> None:
    shuffled = figures[list(reversed(schema.COLUMNS))].astype(object).assign(extra=1)
    back = schema.coerce(shuffled)
    pd.testing.assert_frame_equal(back, figures)


def test_coerce_names_missing_columns(figures: pd.DataFrame) -> None:
    with pytest.raises(SchemaError, match=r"missing columns: year, recipient \(all missing: year, recipient\)"):
        schema.coerce(figures.drop(columns=["year", "recipient"]))


def test_validate_accepts_the_fixture(figures: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(schema.validate(figures), figures)


BAD_VALUES = [  # (row, column, value, what the error names); the fixture's row 2 spans 2000-2016
    pytest.param(0, "start", -1, "start", id="negative-start"),
    pytest.param(0, "end", 10, "end_after_start", id="end-not-after-start"),
    pytest.param(0, "amount", -5.0, "amount", id="negative-amount"),
    pytest.param(2, "amount_high", 1.0, "amount_high_not_below_amount", id="high-below-low"),
    pytest.param(0, "currency", "usd", "currency", id="lowercase-currency"),
    pytest.param(0, "qualifier", "about", "qualifier", id="unknown-qualifier"),
    pytest.param(0, "per", "week", "per", id="unknown-per"),
    pytest.param(0, "category", "aid", "category", id="unknown-category"),
    pytest.param(0, "measure", "spent", "measure", id="unknown-measure"),
    pytest.param(0, "recipient_iso3", "Peru", "recipient_iso3", id="bad-iso3"),
    pytest.param(0, "year", 1850, "year", id="year-out-of-range"),
    pytest.param(2, "year_end", 1999, "year_end_not_before_year", id="span-backwards"),
    pytest.param(0, "doc_id", None, "doc_id", id="na-doc-id"),
    pytest.param(0, "amount", None, "amount", id="na-amount"),
    pytest.param(1, "start", 10, "multiple_fields_uniqueness", id="duplicate-key"),  # rows 0 and 1 are both in "peru"
]


@pytest.mark.parametrize(("row", "column", "value", "reported"), BAD_VALUES)
def test_validate_rejects(figures: pd.DataFrame, row: int, column: str, value: Any, reported: str) -> None:
    bad = figures.copy()
    bad.loc[row, column] = value
    with pytest.raises(SchemaError, match=f"fails schema v{schema.SCHEMA_VERSION}: .*{reported}"):
        schema.validate(bad)


# ---------------------------------------------------------------- schema 1.2: the document's title, URL and date

BAD_DATES = [  # (value, what the error names)
    pytest.param(pd.Timestamp("2010-12-16 13:30"), "a_date_without_time", id="time-of-day"),
]


@pytest.mark.parametrize(("value", "reported"), BAD_DATES)
def test_published_is_a_date(figures: pd.DataFrame, value: Any, reported: str) -> None:
    bad = figures.copy()
    bad.loc[0, "published"] = value
    with pytest.raises(SchemaError, match=f"fails schema v{schema.SCHEMA_VERSION}: published: {reported}"):
        schema.validate(bad)


UNREADABLE_DATES = [pytest.param("soon", id="words"), pytest.param("2010-13-40", id="no-such-day")]


@pytest.mark.parametrize("value", UNREADABLE_DATES)
def test_published_that_is_no_date_is_refused(figures: pd.DataFrame, value: str) -> None:
    bad = figures.astype({"published": object})
    bad.loc[0, "published"] = value
    with pytest.raises(SchemaError, match="column 'published' cannot be read as datetime64"):
        schema.coerce(bad)


def test_tables_of_schema_1_1_read_with_the_document_columns_na(figures: pd.DataFrame) -> None:
    old = figures.drop(columns=["title", "url", "published"]).astype(object)
    back = schema.validate(old)
    assert list(back.columns) == list(schema.COLUMNS)
    assert back[["title", "url", "published"]].isna().all().all()
    assert str(back["published"].dtype) == "datetime64[s]"


def test_tables_of_schema_1_2_read_with_alternatives_na(figures: pd.DataFrame) -> None:
    old = figures.drop(columns=["alternatives"]).astype(object)
    back = schema.validate(old)
    assert list(back.columns) == list(schema.COLUMNS)
    assert back["alternatives"].isna().all() and str(back["alternatives"].dtype) == "string"


def test_iso_dates_are_read_as_dates(figures: pd.DataFrame) -> None:
    given = figures.astype({"published": object})
    given["published"] = ["2010-12-16", None, "2011-01-31"]
    back = schema.validate(given)
    assert [None if pd.isna(d) else d.date().isoformat() for d in back["published"]] == [
        "2010-12-16", None, "2011-01-31"]
