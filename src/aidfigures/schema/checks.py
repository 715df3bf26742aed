"""The figures table's value checks (schema v1.2), vectorized: what fails, by column and check."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas is imported when a table is checked: importing the schema loads none
    import pandas as pd

__all__ = ["Failure", "failures"]

#: One failing check: (column, or ``table`` for a check across columns; check name; an example).
Failure = tuple[str, str, str]

_CODE = re.compile(r"^[A-Z]{3}$")


def _example(value: Any) -> str:
    """``value`` as the message shows it (numpy scalars as plain Python values)."""
    import pandas as pd

    return repr(value.item() if hasattr(value, "item") and not isinstance(value, pd.Timestamp) else value)


def _first(values: pd.Series, bad: pd.Series) -> str:
    """The first value of ``values`` where ``bad`` holds, for the message."""
    return _example(values[bad.to_numpy(dtype=bool, na_value=True)].iloc[0])


def _isin(allowed: frozenset[str]) -> tuple[str, Callable[[pd.Series], pd.Series]]:
    return f"isin({sorted(allowed)!r})", lambda s: ~s.isin(allowed)


def _in_range(low: float, high: float) -> tuple[str, Callable[[pd.Series], pd.Series]]:
    return f"in_range({low}, {high})", lambda s: ~((s >= low) & (s <= high))


def _code(s: pd.Series) -> pd.Series:
    """Not three capital letters (each distinct value tested once: a column holds few codes)."""
    import pandas as pd

    wrong = {v for v in s.unique() if not _CODE.match(v)}
    return s.isin(wrong) if wrong else pd.Series(False, index=s.index)


def _date_with_time(s: pd.Series) -> pd.Series:
    return s != s.dt.normalize()


_GE0 = ("greater_than_or_equal_to(0)", lambda s: s < 0)
_CODES = ("str_matches('^[A-Z]{3}$')", _code)


def column_checks(qualifiers: frozenset[str], pers: frozenset[str], categories: frozenset[str],
                  measures: frozenset[str], years: tuple[int, int]) -> dict[str, list]:
    """Column -> its checks ``(name, function giving True where a non-missing value fails)``."""
    return {
        "start": [_GE0], "end": [_GE0], "amount": [_GE0], "amount_high": [_GE0],
        "currency": [_CODES], "recipient_iso3": [_CODES],
        "qualifier": [_isin(qualifiers)], "per": [_isin(pers)], "category": [_isin(categories)],
        "measure": [_isin(measures)],
        "year": [_in_range(*years)], "year_end": [_in_range(*years)], "confidence": [_in_range(0.0, 1.0)],
        "published": [("a_date_without_time", _date_with_time)],
    }


def _table_checks(df: pd.DataFrame) -> Iterator[tuple[str, pd.Series]]:
    """(check name, True where a row fails) for the checks across columns."""
    yield "end_after_start", ~(df["end"] > df["start"]).fillna(False)
    yield "amount_high_not_below_amount", ~(df["amount_high"].isna() | (df["amount_high"] >= df["amount"]))
    yield "year_end_not_before_year", ~(df["year_end"].isna() | (df["year_end"] >= df["year"]).fillna(False))


def failures(df: pd.DataFrame, required: frozenset[str], checks: dict[str, list],
             key: tuple[str, ...]) -> list[Failure]:
    """Every check ``df`` (already in the schema's columns and dtypes) fails, in column order, then
    the checks across columns, then the key's uniqueness; an example value (or row) for each.

    ``required`` are the columns that may not be missing; ``checks`` is :func:`column_checks`'s
    mapping; missing values pass a column's other checks.
    """
    out: list[Failure] = []
    for column in df.columns:
        values = df[column]
        missing = values.isna()
        if column in required and missing.any():
            out.append((column, "not_nullable", _example(values[missing].iloc[0])))
        present = values[~missing] if missing.any() else values
        for name, test in checks.get(column, ()):
            bad = test(present)
            if bad.any():
                out.append((column, name, _first(present, bad)))
    where = df[list(key)]
    for name, bad in _table_checks(df):
        if bad.any():
            row = where[bad.to_numpy(dtype=bool)].iloc[0]
            out.append(("table", name, f"row {_row(row)}"))
    duplicated = where.duplicated(keep=False)
    if duplicated.any():
        out.append((", ".join(key), "multiple_fields_uniqueness", _row(where[duplicated].iloc[0])))
    return out


def _row(row: pd.Series) -> str:
    """A row's key, e.g. ``('peru', 10)``."""
    return repr(tuple(v.item() if hasattr(v, "item") else v for v in row))
