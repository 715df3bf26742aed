"""Evidence tables: every figure with its source span, and the country-years whose figures disagree."""

from __future__ import annotations

from typing import Final

import pandas as pd

from ..currency.formatting import format_money
from ..errors import SelectionError
from .values import _empty, prepare_figures

__all__ = ["conflicts", "evidence_table"]

_EVIDENCE: Final = {
    "recipient": "string", "year": "Int64", "shown": "string", "qualifier": "string",
    "measure": "string", "category": "string", "doc_id": "string", "start": "Int64", "end": "Int64",
    "text": "string", "sentence": "string", "amount": "float64", "amount_high": "float64",
    "currency": "string", "value": "float64", "recipient_iso3": "string", "note": "string", "corrected": "string",
}
_CONFLICTS: Final = {
    "recipient": "string", "recipient_iso3": "string", "year": "Int64", "spread": "float64",
    "relative_spread": "float64", "shown": "string", "value": "float64", "measure": "string",
    "doc_id": "string", "start": "Int64", "end": "Int64", "text": "string", "sentence": "string",
    "corrected": "string",
}


def conflicts(figures: pd.DataFrame, tolerance: float = 0.05) -> pd.DataFrame:
    """Return the charted figures of the country-years whose figures disagree, side by side.

    A country-year conflicts when its largest and smallest charted figures (repeats within a
    document counted once) differ by more than ``tolerance`` times the smallest: at the default
    0.05, $582M against $600M (3.1% apart) is not a conflict, $582M against $650M is.
    One row per figure, with ``spread`` (largest minus smallest, US$) and ``relative_spread``
    (that over the smallest) repeated on each row of the country-year.

    Examples
    --------
    >>> import aidfigures as af
    >>> figs = af.extract("Colombia received 582 million dollars in 2006. "
    ...                   "Officials said Colombia received 650 million dollars in 2006.")
    >>> print(conflicts(figs)[["recipient", "year", "shown", "spread", "relative_spread"]].round(3).to_string(index=False))
    recipient  year shown     spread  relative_spread
     Colombia  2006 $582M 68000000.0            0.117
     Colombia  2006 $650M 68000000.0            0.117
    """  # noqa: E501
    if not tolerance >= 0:
        raise SelectionError(f"tolerance must be 0 or more, got {tolerance!r}")
    prepared = prepare_figures(figures)
    used = prepared[prepared["note"].isna()].copy()
    if used.empty:
        return _empty(_CONFLICTS)
    groups = used.assign(_iso=used["recipient_iso3"].fillna("")).groupby(["recipient", "_iso", "year"])
    low, high = groups["value"].transform("min"), groups["value"].transform("max")
    used["spread"] = high - low
    used["relative_spread"] = (used["spread"] / low).where(low > 0, float("inf")).where(used["spread"] > 0, 0.0)
    used = used[used["spread"] > tolerance * low]
    if used.empty:
        return _empty(_CONFLICTS)
    used["shown"] = _shown(used)
    used = used.sort_values(["recipient", "year", "value", "doc_id", "start"], kind="stable")
    return used[list(_CONFLICTS)].astype(_CONFLICTS).reset_index(drop=True)


def evidence_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Return every figure with its source span and sentence, to check any number in one step.

    Sorted by recipient, year, doc_id, start. ``shown`` is the amount as people read it
    (``$56.4M``); ``amount``/``currency`` are as written, ``value`` is in US$ (NaN without a rate);
    ``note`` says why a figure is not charted or counted once (NA when it is charted).

    Examples
    --------
    >>> import aidfigures as af
    >>> figs = af.extract("Peru received 56.4 million dollars in 2006.")
    >>> row = evidence_table(figs).iloc[0]
    >>> print(row["shown"], row["doc_id"], row["start"], row["end"], row["text"], sep=" | ")
    $56.4M | doc | 14 | 34 | 56.4 million dollars
    """
    prepared = prepare_figures(figures)
    if prepared.empty:
        return _empty(_EVIDENCE)
    prepared["shown"] = _shown(prepared)
    prepared = prepared.sort_values(["recipient", "year", "doc_id", "start"], kind="stable", na_position="last")
    return prepared[list(_EVIDENCE)].astype(_EVIDENCE).reset_index(drop=True)


def _shown(table: pd.DataFrame) -> list[str]:
    return [format_money(a, c, h, None if pd.isna(p) else p)
            for a, c, h, p in zip(table["amount"], table["currency"], table["amount_high"], table["per"], strict=True)]
