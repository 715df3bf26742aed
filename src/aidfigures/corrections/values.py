"""The fields a correction may change and how each value is written and checked."""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from ..lookups import read_lookup
from ..parse.places import place_table
from ..schema import YEARS

__all__ = ["FIELDS", "VALUE_FIELDS", "TRUE", "FALSE", "check_value", "recipient_of", "parse_bool"]

#: The fields of a correction: the figure's values it may change, and ``confirmed`` ("checked, right").
VALUE_FIELDS: Final = ("recipient", "year", "amount", "currency", "is_aid")
FIELDS: Final = (*VALUE_FIELDS, "confirmed")
TRUE: Final = frozenset({"true", "yes", "1"})
FALSE: Final = frozenset({"false", "no", "0"})


@lru_cache(maxsize=1)
def _recipients() -> dict[str, tuple[str, str | None]]:
    """``{ISO3 code, region code or region name: (canonical name, iso3 or None)}``."""
    table = place_table("en")
    out: dict[str, tuple[str, str | None]] = {}
    for name, iso3, code, kind in table.values():
        if iso3 is not None:
            out.setdefault(iso3, (name, iso3))
        elif kind == "region":
            out.setdefault(code, (name, None))
            out.setdefault(name, (name, None))
    return out


@lru_cache(maxsize=1)
def _currencies() -> frozenset[str]:
    import pycountry

    codes = {c.alpha_3 for c in pycountry.currencies}
    return frozenset(codes | {row["iso"] for row in read_lookup("currency_digits")})


def recipient_of(value: str) -> tuple[str | None, str | None]:
    """``(recipient, recipient_iso3)`` of a recipient correction's value: an ISO3 code, a region's code
    or name, or empty for "none". ``ValueError`` for anything else.

    Examples
    --------
    >>> recipient_of("PER"), recipient_of("")
    (('Peru', 'PER'), (None, None))
    >>> recipient_of("LATAM")
    ('Latin America and the Caribbean', None)
    """
    if value == "":
        return None, None
    hit = _recipients().get(value)
    if hit is None:
        raise ValueError(f"unknown recipient {value!r} (an ISO 3166 alpha-3 code such as PER, a region code "
                         "such as LATAM, or empty for none)")
    return hit


def parse_bool(value: str) -> bool | None:
    """``true``/``false`` (also yes/no, 1/0, any case) as a bool; empty as None; ``ValueError`` otherwise."""
    low = value.strip().lower()
    if low == "":
        return None
    if low in TRUE:
        return True
    if low in FALSE:
        return False
    raise ValueError(f"not a boolean: {value!r} (true or false)")


def check_value(field: str, value: str) -> object:
    """The value of a correction of ``field`` as the figures table holds it; ``ValueError`` when it is
    not one (an unknown country code, a year outside 1900-2100, a negative amount, a bad boolean ...).

    Examples
    --------
    >>> check_value("year", "2004"), check_value("amount", "1.5e6"), check_value("is_aid", "false")
    (2004, 1500000.0, False)
    >>> check_value("year", "1850")
    Traceback (most recent call last):
    ...
    ValueError: year 1850 is outside 1900-2100
    """
    if field not in FIELDS:
        raise ValueError(f"unknown field {field!r} (one of {', '.join(FIELDS)})")
    if field == "recipient":
        return recipient_of(value)
    if field == "year":
        if value == "":
            return None
        try:
            year = int(value)
        except ValueError:
            raise ValueError(f"not a year: {value!r}") from None
        if not YEARS[0] <= year <= YEARS[1]:
            raise ValueError(f"year {year} is outside {YEARS[0]}-{YEARS[1]}")
        return year
    if field == "amount":
        try:
            amount = float(value)
        except ValueError:
            raise ValueError(f"not an amount: {value!r}") from None
        if not amount >= 0 or amount == float("inf"):
            raise ValueError(f"amount {value} is negative or not finite")
        return amount
    if field == "currency":
        if value not in _currencies():
            raise ValueError(f"unknown currency {value!r} (an ISO 4217 code such as USD)")
        return value
    if field == "is_aid":
        return parse_bool(value)
    if value.strip() and parse_bool(value) is not True:  # confirmed: empty or true
        raise ValueError(f"confirmed takes no value or true, not {value!r}")
    return True
