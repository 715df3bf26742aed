"""Money for people to read: ``$56.4M``, ``€1.646M``, ``COP 2B–3B/yr``."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:  # imported where a table is built: a CSV run needs none
    pass


__all__ = ["format_money"]

_SYMBOLS: Final = {"USD": "$", "EUR": "€", "GBP": "£"}
_SCALES: Final = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))
_PER: Final = {"year": "/yr", "month": "/mo"}


def format_money(amount: float, currency: str = "USD", amount_high: float = math.nan,
                 per: str | None = None) -> str:
    """Format a money amount for people: up to 4 significant digits and a K/M/B/T scale.

    Examples
    --------
    >>> format_money(56_400_000, "USD"), format_money(1_646_000, "EUR")
    ('$56.4M', '€1.646M')
    >>> format_money(147.9e6, "USD"), format_money(999.96e6, "USD"), format_money(0.5, "USD")
    ('$147.9M', '$1B', '$0.5')
    >>> format_money(2e9, "COP", 3e9, "year"), format_money(250, "PEN")
    ('COP 2B–3B/yr', 'PEN 250')
    """
    import pandas as pd  # on first use: importing the currency stage loads no pandas

    prefix = _SYMBOLS.get(currency, f"{currency} ")
    text = prefix + _short_number(amount)
    if not pd.isna(amount_high) and amount_high != amount:
        text += "–" + _short_number(amount_high)
    return text + _PER.get(per or "", "")


def _short_number(value: float) -> str:
    """``56400000`` -> ``'56.4M'``: up to four significant digits, trailing zeros dropped."""
    scale, suffix = next(((s, x) for s, x in _SCALES if abs(value) >= s * 0.99995), (1.0, ""))
    scaled = value / scale
    decimals = 3 if abs(scaled) < 10 else 2 if abs(scaled) < 100 else 1
    digits = f"{scaled:.{decimals}f}"
    return (digits.rstrip("0").rstrip(".") if "." in digits else digits) + suffix
