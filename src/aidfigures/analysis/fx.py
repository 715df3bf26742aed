"""Exchange-rate gaps of a figures table: the figures whose amount_usd stays NA, and why."""

from __future__ import annotations

from typing import Final

import pandas as pd

__all__ = ["fx_gaps"]

GAP_COLUMNS: Final = ("doc_id", "start", "text", "amount", "currency", "year", "recipient", "reason")


def fx_gaps(figures: pd.DataFrame) -> pd.DataFrame:
    """List the figures whose ``amount_usd`` is NA although they have an amount and a currency.

    Missing dollars are never guessed: this is the flag that goes with them. ``reason`` says why:
    ``no year`` (the figure's year is unknown) or ``no <CUR> rate for <year>`` (``fx_annual.csv``
    has no rate for that currency-year).

    Parameters
    ----------
    figures : DataFrame
        A figures table (schema v1.2).

    Returns
    -------
    DataFrame
        Columns ``doc_id, start, text, amount, currency, year, recipient, reason``; one row per gap.

    Examples
    --------
    >>> import aidfigures as af
    >>> figs = af.extract("Peru got 5 million soles in 2024 and Bolivia €3 million in 2006.")
    >>> print(fx_gaps(figs)[["text", "currency", "year", "reason"]].to_string(index=False))
               text currency  year               reason
    5 million soles      PEN  2024 no PEN rate for 2024
    """
    gaps = figures.loc[figures["amount_usd"].isna() & figures["currency"].notna() & figures["amount"].notna()]
    out = gaps.loc[:, list(GAP_COLUMNS[:-1])].copy()
    reasons = [
        "no year" if pd.isna(year) else f"no {currency} rate for {int(year)}"
        for currency, year in zip(gaps["currency"], gaps["year"], strict=True)
    ]
    out["reason"] = pd.Series(reasons, index=out.index, dtype="string")
    return out.reset_index(drop=True)
