"""Constant dollars: nominal US-dollar amounts deflated to a base year with CPI-U or a GDP deflator."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Final

from ..errors import SelectionError
from ..lookups import read_lookup

if TYPE_CHECKING:  # pandas is imported when a table is made: the CLI lists DEFLATORS without it
    import pandas as pd

__all__ = ["DEFLATORS", "in_dollars_of", "price_index", "to_constant"]

#: deflator -> what it is. The series are shipped in ``data/reference/`` (provenance in its README).
DEFLATORS: Final[dict[str, str]] = {
    "cpi_u": "BLS CPI-U, US city average, all items, calendar-year average (1913-2025)",
    "gdp": "GDP deflator of the USAID Foreign Aid Explorer (US fiscal years 1946-2025, FY2024 = 100)",
    "gdp_bea": "BEA GDP implicit price deflator (GDPDEF), calendar-year average (1947-2022)",
}
#: deflator -> (lookup file, series in the file's ``series`` column or None, value column)
_SERIES: Final = {
    "cpi_u": ("cpi_u_annual", None, "cpi_u"),
    "gdp": ("us_gdp_deflator_annual", "fae_implied_fiscal_year", "index_value"),
    "gdp_bea": ("us_gdp_deflator_annual", "bea_gdpdef_calendar_year_avg", "index_value"),
}


@cache
def _index(deflator: str) -> dict[int, float]:
    name, series, column = _SERIES[deflator]
    return {int(r["year"]): float(r[column]) for r in read_lookup(name)
            if series is None or r["series"] == series}


def _check(deflator: str) -> None:
    if deflator not in _SERIES:
        raise SelectionError(f"unknown deflator {deflator!r}; use one of: {', '.join(_SERIES)}")


def price_index(deflator: str = "cpi_u") -> pd.Series:
    """Return a price index by year (a Series of float indexed by year).

    Parameters
    ----------
    deflator : {"cpi_u", "gdp", "gdp_bea"}
        ``cpi_u``: BLS CPI-U (1982-84 = 100), calendar years 1913-2025. ``gdp``: the GDP deflator
        the USAID Foreign Aid Explorer uses for its constant dollars (FY2024 = 100, fiscal years
        1946-2025); it is the one to use to reproduce FAE constant dollars, and it reaches the
        recent base years BEA's series in ``data/reference`` lacks. ``gdp_bea``: BEA's GDP implicit
        price deflator (2017 = 100), calendar years 1947-2022 only.

    Raises
    ------
    SelectionError
        Unknown deflator.

    Examples
    --------
    >>> cpi = price_index("cpi_u")
    >>> float(cpi[2006]), float(cpi[2024])
    (201.6, 313.689)
    >>> float(price_index("gdp")[2024]), int(price_index("gdp_bea").index.max())
    (100.0, 2022)
    """
    import pandas as pd

    _check(deflator)
    index = _index(deflator)
    return pd.Series(index, dtype="float64", name=deflator).rename_axis("year").sort_index()


def to_constant(df: pd.DataFrame, base_year: int = 2024, deflator: str = "cpi_u",
                columns: str | Sequence[str] = "amount_usd") -> pd.DataFrame:
    """Add constant-dollar columns: ``<column>_<base_year>`` = value × index[base_year] / index[year].

    Works on any table with a ``year`` column and nominal US-dollar columns: a figures table
    (``amount_usd`` → ``amount_usd_2024``) or a facts table (``columns=["min_usd", "median_usd",
    "max_usd"]``). A row whose year is NA, or has no index value, gets NA (never the nominal
    value). Fiscal years are deflated like calendar years with ``cpi_u``; ``gdp`` is a
    fiscal-year series. The input is not changed.

    Parameters
    ----------
    df : DataFrame
        Has ``year`` and the ``columns``.
    base_year : int, default 2024
        The year whose dollars the result is in.
    deflator : {"cpi_u", "gdp", "gdp_bea"}, default "cpi_u"
        See :func:`price_index`.
    columns : str or sequence of str, default "amount_usd"
        Nominal US-dollar columns to convert.

    Returns
    -------
    DataFrame
        A copy of ``df`` with one ``float64`` column added per column converted.

    Raises
    ------
    SelectionError
        Unknown deflator, or no index value for ``base_year``.
    KeyError
        ``year`` or a column is missing.

    Examples
    --------
    >>> import aidfigures as af
    >>> figs = af.extract("Peru received 56.4 million dollars in military aid in 2006.")
    >>> out = to_constant(figs, base_year=2024)
    >>> print(f'{out.loc[0, "amount_usd_2024"]:,.0f}')  # 56.4M × 313.689 / 201.6
    87,758,232
    >>> print(f'{to_constant(figs, 2024, "gdp").loc[0, "amount_usd_2024"]:,.0f}')  # FAE's deflator
    84,066,180
    """
    import pandas as pd

    _check(deflator)
    index = _index(deflator)
    if base_year not in index:
        raise SelectionError(f"{deflator} has no index value for base year {base_year} "
                             f"(it covers {min(index)}-{max(index)})")
    names = [columns] if isinstance(columns, str) else list(columns)
    years = pd.array(df["year"], dtype="Int64")
    factor = pd.Series([index[base_year] / index[y] if not pd.isna(y) and y in index else float("nan")
                        for y in years], index=df.index, dtype="float64")
    out = df.copy()
    for name in names:
        out[f"{name}_{base_year}"] = pd.to_numeric(df[name], errors="coerce").astype("float64") * factor
    return out


def in_dollars_of(table: pd.DataFrame, base_year: int | None, columns: str | Sequence[str] = "value",
                  deflator: str = "cpi_u") -> tuple[pd.DataFrame, str]:
    """Put a table's dollar ``columns`` in ``base_year`` dollars, in place of the nominal ones.

    Returns the table and the words a chart should use for its dollars: ``"nominal US$"`` when
    ``base_year`` is None (the table unchanged), else ``"constant 2024 US$ (CPI-U)"``. Made for
    report notebooks, whose charts say whether dollars are nominal or constant.

    Examples
    --------
    >>> import pandas as pd
    >>> summary = pd.DataFrame({"recipient": ["Peru"], "year": [2006], "value": [56.4e6]})
    >>> out, dollars = in_dollars_of(summary, 2024)
    >>> round(out.loc[0, "value"]), dollars
    (87758232, 'constant 2024 US$ (CPI-U)')
    >>> in_dollars_of(summary, None)[1]
    'nominal US$'
    """
    if base_year is None:
        return table, "nominal US$"
    names = [columns] if isinstance(columns, str) else list(columns)
    out = to_constant(table, int(base_year), deflator, names)
    out = out.drop(columns=names).rename(columns={f"{c}_{int(base_year)}": c for c in names})
    label = {"cpi_u": "CPI-U", "gdp": "GDP deflator", "gdp_bea": "GDP deflator"}[deflator]
    return out[table.columns], f"constant {int(base_year)} US$ ({label})"
