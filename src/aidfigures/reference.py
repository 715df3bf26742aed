"""Official aid data (USAID/FA.gov, Just the Facts) and extracted facts lined up against it."""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Final

import pandas as pd

from .errors import DocumentError, SchemaError, SelectionError
from .lookups import read_lookup
from .parse.cues import find_programs

__all__ = ["REFERENCES", "read_reference", "official_rows", "compare_reference"]

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
_FACT_SIDE: Final = ("recipient", "recipient_iso3", "year", "category", "program", "measure",
                     "median_usd", "n_figures", "conflict", "figures")
_COMPARED: Final = {
    "recipient": "string", "recipient_iso3": "string", "year": "Int64", "category": "string",
    "program": "string", "measure": "string", "extracted_usd": "float64", "n_figures": "Int64",
    "conflict": "boolean", "figures": "string", "source": "string", "official_category": "string",
    "official_program": "string", "official_measure": "string", "official_usd": "float64",
    "difference_pct": "float64", "same_definition": "boolean", "note": "string", "official_source": "string",
    "official_note": "string",
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
    """
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


@lru_cache(maxsize=None)
def _program(name: str) -> str:
    """A program's canonical name as the extractor writes it (``FMF`` -> ``Foreign Military Financing``)."""
    found = find_programs(name)
    return found[0].name if found and found[0].start == 0 else name


def _from_fae(fae: pd.DataFrame) -> pd.DataFrame:
    stages = {}
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
        "official_program": [pd.NA if t else _program(p) for p, t in zip(program, total)],
        "official_measure": status.str.split(" (", n=1, regex=False).str[0], "measure": pd.Series("requested", index=jtf.index).where(request, pd.NA),
        "official_usd": jtf["amount_usd"].astype("float64"),
        "official_source": jtf["source_org"] + ", " + jtf["source_vintage"].fillna("") + ": " + jtf["source_url"].fillna(""),
        "official_note": [f"{s}; {n}" if not pd.isna(n) else s for s, n in zip(status, jtf["note"])],
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


@lru_cache(maxsize=1)
def _definitions() -> dict[tuple[str, str], tuple[bool, str]]:
    return {(r["series"], r["category"]): (r["same"] == "true", r["note"]) for r in read_lookup("reference_categories")}


def _definition(series: str, category: object) -> tuple[bool, str] | None:
    """(same definition?, note) for a fact category against an official series; None: not compared."""
    cat = "" if pd.isna(category) else str(category)
    found = _definitions().get((series, cat)) or (_definitions().get((series, "*")) if cat else None)
    if found is None:
        return None
    same, note = found
    return same, note.replace("{category}", cat.replace("_", " and "))


def _stage_note(fact_measure: object, row: pd.Series) -> str | None:
    if pd.isna(row["measure"]) and row["series"].startswith("jtf"):
        return f"Just the Facts does not separate budget stages ({row['official_measure']})"
    if pd.isna(fact_measure):
        return f"the text does not say which budget stage; official {row['official_measure']}"
    return None


def compare_reference(facts: pd.DataFrame,
                      reference: str | pd.DataFrame | Sequence[str | pd.DataFrame] | None = None) -> pd.DataFrame:
    """Line up extracted facts against official rows for the same country, year and a comparable stage.

    A fact (a row of :func:`aidfigures.facts`) is compared when it names a country and a single
    year, is not a rate and its donor, if stated, is the United States. It meets every official row
    of the same ``recipient_iso3`` and (fiscal) year whose stage matches its measure (obligated ->
    Obligations, disbursed -> Disbursements, appropriated/allocated -> Appropriated and Planned,
    requested -> President's Budget Requests; any stage when the measure is NA; Just the Facts
    rows for any measure but their requests only for ``requested``), whose series counts a
    related kind of aid (``lookups/reference_categories.csv``) and whose program is the fact's
    (totals for facts without a program).

    Parameters
    ----------
    facts : DataFrame
        Output of :func:`aidfigures.facts`.
    reference : name, table, or list of them, optional
        ``"us_aid_latam"``, ``"jtf"``, tables from :func:`read_reference` or
        :func:`official_rows`; both shipped tables when None.

    Returns
    -------
    DataFrame
        One row per (fact, official row); a fact with no official counterpart gets one row with NA
        official columns. ``extracted_usd`` is the fact's ``median_usd``; ``difference_pct`` =
        100 × (extracted − official) / official; ``same_definition`` is False and ``note`` says how
        when the two count different things (FAE "total" is economic + military aid; FA.gov
        "military" excludes police and counternarcotics aid, unlike "military and police aid").

    Examples
    --------
    >>> import aidfigures as af
    >>> figs = af.extract("Colombia received 582 million dollars in military and police aid in 2006.")
    >>> from aidfigures.facts import facts
    >>> out = compare_reference(facts(figs))
    >>> print(out[["source", "official_measure", "official_usd", "difference_pct", "same_definition"]]
    ...       .round(2).to_string(index=False))
                   source official_measure  official_usd  difference_pct  same_definition
    ForeignAssistance.gov    Disbursements   233981768.0          148.74            False
                USAID FAE    Disbursements   704417872.0          -17.38            False
           Just the Facts     as published   581832053.0            0.03             True
    >>> print(out.loc[0, "note"])
    FA.gov 'military' excludes police and counternarcotics aid (INCLE/ACI are filed as economic) and most DoD counter-drug aid (Section 1004/333), so it is narrower than military and police aid
    """
    official = official_rows(reference)
    places = facts[["recipient_iso3", "year"]].dropna()
    wanted = set(zip(places["recipient_iso3"], places["year"].astype(int)))
    official = official.loc[[(i, y) in wanted for i, y in zip(official["iso3"], official["year"])]]
    by_place = {k: g for k, g in official.groupby(["iso3", "year"])}
    rows: list[dict[str, object]] = []
    for _, fact in facts.iterrows():
        if pd.isna(fact["recipient_iso3"]) or pd.isna(fact["year"]) or not _single(fact):
            continue
        base = {c: fact[c] for c in _FACT_SIDE if c in fact.index}
        base["extracted_usd"] = base.pop("median_usd", pd.NA)
        found = 0
        for _, row in by_place.get((fact["recipient_iso3"], int(fact["year"])), official.iloc[:0]).iterrows():
            definition = _definition(row["series"], fact["category"])
            if definition is None or not _same_stage(fact["measure"], row) or not _same_program(fact, row):
                continue
            same, note = definition
            notes = [n for n in (note, _stage_note(fact["measure"], row)) if n]
            value = row["official_usd"]
            diff = 100 * (base["extracted_usd"] - value) / value if value and not pd.isna(base["extracted_usd"]) else pd.NA
            rows.append(base | {c: row[c] for c in ("source", "official_category", "official_program",
                                                     "official_measure", "official_usd", "official_source", "official_note")}
                        | {"difference_pct": diff, "same_definition": same, "note": "; ".join(notes) or pd.NA})
            found += 1
        if not found:
            why = "pledges have no official counterpart" if str(fact["measure"]) == "pledged" else \
                "no official row for this country, year, stage and kind of aid"
            rows.append(base | {"note": why})
    out = pd.DataFrame(rows, columns=list(_COMPARED))
    return out.astype(_COMPARED) if len(out) else pd.DataFrame({c: pd.Series([], dtype=t) for c, t in _COMPARED.items()})


def _single(fact: pd.Series) -> bool:
    """A yearly amount of US aid: not a span, not a rate, no other donor."""
    if any(col in fact.index and not pd.isna(fact[col]) for col in ("year_end", "per")):
        return False
    return "donor" not in fact.index or pd.isna(fact["donor"]) or fact["donor"] == "United States"


def _same_stage(measure: object, row: pd.Series) -> bool:
    if pd.isna(measure):
        return True
    if pd.isna(row["measure"]):  # Just the Facts amounts, stage not separated: any fact stage
        return bool(row["series"].startswith("jtf"))
    return measure == row["measure"] or (measure == "allocated" and row["measure"] == "appropriated")


def _same_program(fact: pd.Series, row: pd.Series) -> bool:
    mine = fact["program"] if "program" in fact.index else pd.NA
    theirs = row["official_program"]
    if pd.isna(mine) or pd.isna(theirs):
        return pd.isna(mine) and pd.isna(theirs)
    return _program(str(mine)).casefold() == str(theirs).casefold()
