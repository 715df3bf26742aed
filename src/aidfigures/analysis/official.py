"""Official aid tables: reading the shipped references and putting them on one footing (official rows)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Final

import pandas as pd

from ..errors import DocumentError, SchemaError, SelectionError
from ..lookups import read_lookup
from ..parse.cues import find_programs

__all__ = ["REFERENCES", "official_rows", "read_reference"]

#: name -> (file in data/reference and src/aidfigures/lookups, column dtypes)
REFERENCES: Final[dict[str, tuple[str, dict[str, str]]]] = {
    "us_aid_latam": ("us_aid_latam", {
        "country_name": "string", "iso3": "string", "is_regional_aggregate": "boolean",
        "fiscal_year": "Int64", "transition_quarter": "boolean", "assistance_category": "string",
        "usg_sector": "string", "transaction_type": "string", "amount_current_usd": "Int64",
        "amount_constant_usd": "Int64", "constant_dollar_base": "string", "source": "string"}),
    "jtf": ("jtf_military_police_aid", {
        "country": "string", "iso3": "string", "fiscal_year": "Int64", "aid_category": "string",
        "program": "string", "amount_usd": "Int64", "amount_status": "string", "source_org": "string",
        "source_url": "string", "source_title": "string", "source_vintage": "string", "note": "string"}),
}
_ALIASES: Final = {"jtf_military_police_aid": "jtf", "fae": "us_aid_latam"}
_OFFICIAL: Final = {
    "series": "string", "source": "string", "iso3": "string", "country": "string", "year": "Int64",
    "official_category": "string", "official_program": "string", "official_measure": "string",
    "measure": "string", "official_usd": "float64", "official_source": "string", "official_note": "string",
}
_SOURCES: Final = {"fae_total": "USAID FAE", "fagov_military": "ForeignAssistance.gov",
                   "jtf_military_police": "Just the Facts", "jtf_economic_social": "Just the Facts",
                   "jtf_all_aid": "Just the Facts"}


def read_reference(name: str = "us_aid_latam", path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Read an official reference table with typed columns (blank cells are NA).

    Parameters
    ----------
    name : {"us_aid_latam", "jtf"}
        ``us_aid_latam``: US aid to the Western Hemisphere by country, fiscal year and
        transaction type (USAID Foreign Aid Explorer totals; ForeignAssistance.gov "Military"
        rows for FY2006 and FY2011). ``jtf``: Just the Facts military and police aid figures,
        with their source URLs. Provenance, coverage and licenses: ``data/reference/README.md``.
    path : path-like, optional
        Read this CSV instead of the copy shipped with the package (e.g. a refreshed
        ``data/reference/us_aid_latam.csv``); it must have the same columns.

    Raises
    ------
    SelectionError
        Unknown ``name``.
    DocumentError
        ``path`` is missing or not CSV.
    SchemaError
        Columns are missing.

    Examples
    --------
    >>> fae = read_reference("us_aid_latam")
    >>> row = fae[(fae.iso3 == "PER") & (fae.fiscal_year == 2006) & (fae.assistance_category == "total")
    ...           & (fae.transaction_type == "Obligations")]
    >>> int(row["amount_current_usd"].iloc[0])
    293096104
    >>> jtf = read_reference("jtf")
    >>> int(jtf.query("iso3 == 'COL' and fiscal_year == 2006 and program.str.startswith('TOTAL')")["amount_usd"].iloc[0])
    581832053
    """  # noqa: E501
    key = _ALIASES.get(name, name)
    if key not in REFERENCES:
        raise SelectionError(f"unknown reference {name!r}; use one of: {', '.join(REFERENCES)}")
    file, dtypes = REFERENCES[key]
    if path is None:
        raw = pd.DataFrame(list(read_lookup(file)))
    else:
        try:
            raw = pd.read_csv(Path(path), dtype=str, keep_default_na=False, encoding="utf-8")
        except FileNotFoundError:
            raise DocumentError(f"{path}: no such file") from None
        except (OSError, ValueError) as exc:
            raise DocumentError(f"{path}: not a readable CSV file ({exc})") from None
    missing = [c for c in dtypes if c not in raw.columns]
    if missing:
        raise SchemaError(f"{path or file}: reference {key!r} is missing columns: {', '.join(missing)}")
    raw = raw.loc[:, list(dtypes)].replace({"": pd.NA, "NULL": pd.NA})
    for col, dtype in dtypes.items():
        if dtype == "boolean":
            raw[col] = raw[col].map({"True": True, "False": False, "true": True, "false": False})
        raw[col] = raw[col].astype("Float64").astype(dtype) if dtype == "Int64" else raw[col].astype(dtype)
    return raw.reset_index(drop=True)


@cache
def _program(name: str) -> str:
    """A program's canonical name as the extractor writes it (``FMF`` -> ``Foreign Military Financing``)."""
    found = find_programs(name)
    return found[0].name if found and found[0].start == 0 else name


def _from_fae(fae: pd.DataFrame) -> pd.DataFrame:
    stages: dict[str, str] = {}
    for row in read_lookup("reference_measures"):
        stages.setdefault(row["transaction_type"], row["measure"])
    rows = fae.loc[fae["transition_quarter"].ne(True) & fae["amount_current_usd"].notna()]
    keys = ["iso3", "country_name", "fiscal_year", "assistance_category", "transaction_type", "source"]
    rows = rows.groupby(keys, dropna=False, as_index=False)["amount_current_usd"].sum()  # sectors add up
    return pd.DataFrame({
        "series": rows["assistance_category"].map({"total": "fae_total", "military": "fagov_military"}),
        "iso3": rows["iso3"], "country": rows["country_name"], "year": rows["fiscal_year"],
        "official_category": rows["assistance_category"], "official_program": pd.NA,
        "official_measure": rows["transaction_type"], "measure": rows["transaction_type"].map(stages),
        "official_usd": rows["amount_current_usd"].astype("float64"), "official_source": rows["source"],
        "official_note": pd.NA,
    })


def _from_jtf(jtf: pd.DataFrame) -> pd.DataFrame:
    program = jtf["program"].fillna("")
    total = program.str.startswith("TOTAL")
    status = jtf["amount_status"].fillna("")
    request = status.str.startswith("request")
    return pd.DataFrame({
        "series": "jtf_" + jtf["aid_category"], "iso3": jtf["iso3"], "country": jtf["country"],
        "year": jtf["fiscal_year"], "official_category": jtf["aid_category"],
        "official_program": [pd.NA if t else _program(p) for p, t in zip(program, total, strict=True)],
        "official_measure": status.str.split(" (", n=1, regex=False).str[0],
        "measure": pd.Series("requested", index=jtf.index).where(request, pd.NA),
        "official_usd": jtf["amount_usd"].astype("float64"),
        "official_source": (jtf["source_org"] + ", " + jtf["source_vintage"].fillna("") + ": "
                            + jtf["source_url"].fillna("")),
        "official_note": [f"{s}; {n}" if not pd.isna(n) else s for s, n in zip(status, jtf["note"], strict=True)],
    })


def official_rows(reference: str | pd.DataFrame | Sequence[str | pd.DataFrame] | None = None) -> pd.DataFrame:
    """Put official tables on one footing: one row per series, country, year, program and stage.

    ``series`` is ``fae_total``, ``fagov_military`` (summed over USG sectors),
    ``jtf_military_police``, ``jtf_economic_social`` or ``jtf_all_aid``; ``measure`` is the schema
    measure of the stage (NA for Just the Facts figures, which do not separate appropriated,
    obligated and disbursed aid, except requests); the FY1976 transition quarter is left out.

    Examples
    --------
    >>> rows = official_rows("jtf")
    >>> col = rows.query("iso3 == 'COL' and year == 2006")
    >>> print(col[["official_program", "official_usd"]].head(2).to_string(index=False))
                                       official_program  official_usd
    International Narcotics Control and Law Enforcement   350248000.0
                   Section 1004 Counter-Drug Assistance   132980000.0
    """
    if reference is None:
        reference = list(REFERENCES)
    parts = [reference] if isinstance(reference, (str, pd.DataFrame)) else list(reference)
    out = []
    for part in parts:
        table = read_reference(part) if isinstance(part, str) else part
        if "transaction_type" in table.columns:
            out.append(_from_fae(table))
        elif "aid_category" in table.columns:
            out.append(_from_jtf(table))
        elif set(_OFFICIAL) - {"source"} <= set(table.columns):
            out.append(table)
        else:
            raise SchemaError("reference table is neither us_aid_latam, jtf nor official_rows() output")
    rows = pd.concat(out, ignore_index=True) if out else pd.DataFrame(columns=list(_OFFICIAL))
    rows["source"] = rows["series"].map(_SOURCES)
    return rows.loc[:, list(_OFFICIAL)].astype(_OFFICIAL)
