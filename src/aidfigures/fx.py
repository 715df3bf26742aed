"""Annual average exchange rates (data/reference/fx_annual.csv) to put amounts in US dollars."""

from __future__ import annotations

import math
from functools import lru_cache

from .lookups import read_lookup

__all__ = ["usd_rate", "to_usd"]

#: Preferred sources first: World Bank WDI, then ECB reference rates.
_SOURCE_ORDER = ("WorldBank_WDI", "ECB")


@lru_cache(maxsize=1)
def _rates() -> dict[tuple[str, int], float]:
    best: dict[tuple[str, int], tuple[int, float]] = {}
    for row in read_lookup("fx_annual"):
        rank = next((i for i, s in enumerate(_SOURCE_ORDER) if row["source"].startswith(s)), len(_SOURCE_ORDER))
        key = (row["currency"], int(row["year"]))
        value = float(row["units_per_usd"])
        if key not in best or rank < best[key][0]:
            best[key] = (rank, value)
    return {k: v for k, (_, v) in best.items()}


def usd_rate(currency: str, year: int) -> float | None:
    """Units of ``currency`` per US dollar, annual average for ``year``; None when unknown.

    Examples
    --------
    >>> usd_rate("COP", 2006)
    2358.59...
    >>> usd_rate("USD", 1990), usd_rate("EUR", 1950)
    (1.0, None)
    """
    if currency == "USD":
        return 1.0
    return _rates().get((currency, int(year)))


def to_usd(amount: float, currency: str, year: int | None) -> float:
    """Convert ``amount`` to nominal US dollars at ``year``'s average rate; NaN when it cannot.

    Examples
    --------
    >>> round(to_usd(20e9, "COP", 2006) / 1e6, 2)
    8.48
    >>> to_usd(5e6, "USD", None)
    5000000.0
    >>> math.isnan(to_usd(5e6, "EUR", None))
    True
    """
    if currency == "USD":
        return float(amount)
    if year is None:
        return math.nan
    rate = usd_rate(currency, year)
    return float(amount) / rate if rate else math.nan
