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


# ---------------------------------------------------------------- the vectorized checks mean what pandera's meant


def _pandera_schema() -> Any:
    """The schema as pandera states it (what validate() checked with pandera before it was vectorized)."""
    pa = pytest.importorskip("pandera.pandas")
    isin = lambda values: pa.Check.isin(sorted(values))  # noqa: E731
    cols = {name: pa.Column(dtype, nullable=True) for name, dtype in schema.DTYPES.items()}
    for name in ("doc_id", "text"):
        cols[name] = pa.Column("string", nullable=False)
    for name in ("start", "end"):
        cols[name] = pa.Column("Int64", pa.Check.ge(0), nullable=False)
    cols["amount"] = pa.Column("float64", pa.Check.ge(0), nullable=False)
    cols["amount_high"] = pa.Column("float64", pa.Check.ge(0), nullable=True)
    cols["currency"] = pa.Column("string", pa.Check.str_matches(r"^[A-Z]{3}$"), nullable=False)
    cols["qualifier"] = pa.Column("string", isin(schema.QUALIFIERS), nullable=False)
    cols["per"] = pa.Column("string", isin(schema.PERS), nullable=True)
    cols["category"] = pa.Column("string", isin(schema.CATEGORIES), nullable=True)
    cols["measure"] = pa.Column("string", isin(schema.MEASURES), nullable=True)
    cols["recipient_iso3"] = pa.Column("string", pa.Check.str_matches(r"^[A-Z]{3}$"), nullable=True)
    cols["year"] = pa.Column("Int64", pa.Check.in_range(*schema.YEARS), nullable=True)
    cols["year_end"] = pa.Column("Int64", pa.Check.in_range(*schema.YEARS), nullable=True)
    cols["confidence"] = pa.Column("float64", pa.Check.in_range(0.0, 1.0), nullable=True)
    cols["published"] = pa.Column("datetime64[s]", pa.Check(lambda s: s.isna() | (s == s.dt.normalize())),
                                  nullable=True)
    return pa.DataFrameSchema(cols, strict=True, ordered=True, unique=list(schema.KEY), checks=[
        pa.Check(lambda d: d["end"] > d["start"]),
        pa.Check(lambda d: d["amount_high"].isna() | (d["amount_high"] >= d["amount"])),
        pa.Check(lambda d: d["year_end"].isna() | (d["year_end"] >= d["year"]).fillna(False)),
    ])


def _pandera_accepts(table: pd.DataFrame) -> bool:
    import pandera.errors

    try:
        _pandera_schema().validate(schema.coerce(table), lazy=True)
    except pandera.errors.SchemaErrors:
        return False
    return True


def _accepts(table: pd.DataFrame) -> bool:
    try:
        schema.validate(table)
    except SchemaError:
        return False
    return True


EDGE_VALUES = [  # (row, column, value): values at and just past each check's edge, good and bad
    pytest.param(0, "start", 0, id="start-zero"), pytest.param(0, "amount", 0.0, id="amount-zero"),
    pytest.param(2, "amount_high", 2_010_000.0, id="high-equal-low"),
    pytest.param(2, "amount_high", -1.0, id="negative-high"),
    pytest.param(0, "year", 1900, id="first-year"), pytest.param(0, "year", 2100, id="last-year"),
    pytest.param(0, "year", 2101, id="past-last-year"), pytest.param(2, "year_end", 2000, id="span-of-one-year"),
    pytest.param(2, "year", None, id="span-without-start"),
    pytest.param(0, "confidence", 1.0, id="confidence-one"), pytest.param(0, "confidence", 1.5, id="confidence-high"),
    pytest.param(0, "confidence", -0.1, id="confidence-negative"),
    pytest.param(0, "currency", "USDX", id="four-letter-code"), pytest.param(0, "currency", "US", id="two-letters"),
    pytest.param(0, "currency", None, id="na-currency"), pytest.param(0, "qualifier", None, id="na-qualifier"),
    pytest.param(0, "text", None, id="na-text"), pytest.param(0, "start", None, id="na-start"),
    pytest.param(0, "recipient_iso3", "per", id="lowercase-iso3"), pytest.param(1, "per", "month", id="per-month"),
    pytest.param(0, "published", pd.Timestamp("2010-12-16"), id="midnight-date"),
    pytest.param(1, "start", 100, id="unique-key-kept"), pytest.param(2, "doc_id", "peru", id="third-in-peru"),
]


_BAD_CELLS = [pytest.param(*p.values[:3], id=p.id) for p in BAD_VALUES]


@pytest.mark.parametrize(("row", "column", "value"), _BAD_CELLS + EDGE_VALUES)
def test_validate_accepts_what_pandera_accepted(figures: pd.DataFrame, row: int, column: str, value: Any) -> None:
    table = figures.copy()
    table.loc[row, column] = value
    assert _accepts(table) == _pandera_accepts(table)


CHECKS_ACROSS_COLUMNS = [  # (row, column, value, the message's part): the first failing row's key, once
    pytest.param(0, "end", 10, "table: end_after_start (e.g. row ('peru', 10))", id="end-not-after-start"),
    pytest.param(2, "amount_high", 1.0, "table: amount_high_not_below_amount (e.g. row ('México, D.F.', 0))",
                 id="high-below-low"),
    pytest.param(2, "year_end", 1999, "table: year_end_not_before_year (e.g. row ('México, D.F.', 0))",
                 id="span-backwards"),
    pytest.param(1, "start", 10, "doc_id, start: multiple_fields_uniqueness (e.g. ('peru', 10))", id="duplicate-key"),
]


@pytest.mark.parametrize(("row", "column", "value", "message"), CHECKS_ACROSS_COLUMNS)
def test_checks_across_columns_name_the_row(figures: pd.DataFrame, row: int, column: str, value: Any,
                                            message: str) -> None:
    bad = figures.copy()
    bad.loc[row, column] = value
    with pytest.raises(SchemaError) as caught:
        schema.validate(bad)
    assert str(caught.value) == f"figures table fails schema v{schema.SCHEMA_VERSION}: {message}"


def test_every_failing_check_is_listed_with_plain_examples(figures: pd.DataFrame) -> None:
    bad = figures.copy()
    bad.loc[0, "start"] = -1
    bad.loc[1, "amount"] = None
    bad.loc[0, "currency"] = "usd"
    assert not _accepts(bad)
    with pytest.raises(SchemaError) as caught:
        schema.validate(bad)
    assert str(caught.value) == (f"figures table fails schema v{schema.SCHEMA_VERSION}: "
                                 "start: greater_than_or_equal_to(0) (e.g. -1); "
                                 "amount: not_nullable (e.g. nan); currency: str_matches('^[A-Z]{3}$') (e.g. 'usd')")
