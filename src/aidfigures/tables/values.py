"""Helpers behind :mod:`aidfigures.tables`: chart values, notes, repeats and country look-ups."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from .. import schema
from ..errors import SchemaError

_REPEAT_KEY = ["doc_id", "recipient", "recipient_iso3", "year", "year_end", "currency", "amount",
               "amount_high", "per", "is_aid"]
_REPEAT_NOTE = "counted once: the same figure appears earlier in this document"


def _empty(columns: dict[str, str]) -> pd.DataFrame:
    """A frame with no rows and the given column -> dtype mapping."""
    return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in columns.items()})


def _table(figures: object) -> pd.DataFrame:
    """``figures`` as a schema-typed table; :class:`SchemaError` when it is not one."""
    if not isinstance(figures, pd.DataFrame):
        raise SchemaError(f"expected a figures table (a DataFrame), got {type(figures).__name__}")
    return schema.coerce(figures)


def require_columns(table: object, columns: Iterable[str], what: str) -> pd.DataFrame:
    """Check that a derived table has ``columns``; :class:`SchemaError` naming the missing ones."""
    if not isinstance(table, pd.DataFrame):
        raise SchemaError(f"expected a {what} (a DataFrame), got {type(table).__name__}")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise SchemaError(f"{what} is missing columns: {', '.join(missing)}")
    return table


def prepare_figures(figures: object) -> pd.DataFrame:
    """The figures with ``value`` (US$), ``repeat`` and ``note`` columns; ``note`` is NA when charted.

    A figure is charted when it is aid for a recipient and a single year, is not a monthly rate,
    has a US-dollar value, and is not a repeat of the same number earlier in the same document.
    """
    table = _table(figures)
    usd = table["currency"].eq("USD").fillna(False).to_numpy(dtype=bool)
    table["value"] = table["amount_usd"].where(table["amount_usd"].notna() | ~usd, table["amount"])
    table["repeat"] = table.duplicated(_REPEAT_KEY, keep="first").astype(bool)
    table["note"] = [_reason(row) for row in table.itertuples(index=False)]
    fresh = table["note"].isna() & table["repeat"]
    table.loc[fresh, "note"] = _REPEAT_NOTE
    table["note"] = table["note"].astype("string")
    return table


def _reason(row: Any) -> str | None:
    """Why a figure is not charted, or None when nothing stands in the way."""
    if pd.isna(row.is_aid):
        return "not charted: not known to be aid"
    if not row.is_aid:
        return "not charted: not aid"
    if pd.isna(row.recipient):
        return "not charted: no recipient"
    if pd.isna(row.year):
        return "not charted: no year"
    if not pd.isna(row.year_end) and row.year_end > row.year:
        return f"not charted: total for {row.year}–{row.year_end}, not one year"
    if not pd.isna(row.per) and row.per == "month":
        return "not charted: a monthly rate"
    if pd.isna(row.value):
        return f"not charted: no US$ rate for {row.currency} in {row.year}"
    return None








