"""Official aid data (USAID/FA.gov, Just the Facts) and extracted facts lined up against it."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Final

import pandas as pd

from ..lookups import read_lookup
from ..schema.comparisons import COMPARISON_COLUMNS
from .official import _program, official_rows

__all__ = ["compare_reference"]

_FACT_SIDE: Final = ("recipient", "recipient_iso3", "year", "category", "program", "measure",
                     "median_usd", "n_figures", "conflict", "figures")



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

    A fact (a row of :func:`aidfigures.analysis.facts`) is compared when it names a country and a single
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
        Output of :func:`aidfigures.analysis.facts`.
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
    >>> from aidfigures.analysis import facts
    >>> out = compare_reference(facts(figs))
    >>> print(out[["source", "official_measure", "official_usd", "difference_pct", "same_definition"]]
    ...       .round(2).to_string(index=False))
                   source official_measure  official_usd  difference_pct  same_definition
    ForeignAssistance.gov    Disbursements   233981768.0          148.74            False
                USAID FAE    Disbursements   704417872.0          -17.38            False
           Just the Facts     as published   581832053.0            0.03             True
    >>> print(out.loc[0, "note"])
    FA.gov 'military' excludes police and counternarcotics aid (INCLE/ACI are filed as economic) and most DoD counter-drug aid (Section 1004/333), so it is narrower than military and police aid
    """  # noqa: E501
    official = official_rows(reference)
    places = facts[["recipient_iso3", "year"]].dropna()
    wanted = set(zip(places["recipient_iso3"], places["year"].astype(int), strict=True))
    official = official.loc[[(i, y) in wanted for i, y in zip(official["iso3"], official["year"], strict=True)]]
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
            extracted = base["extracted_usd"]
            diff = 100 * (extracted - value) / value if value and not pd.isna(extracted) else pd.NA
            rows.append(base | {c: row[c] for c in ("source", "official_category", "official_program", "official_measure",  # noqa: E501
                                                     "official_usd", "official_source", "official_note")}
                        | {"difference_pct": diff, "same_definition": same, "note": "; ".join(notes) or pd.NA})
            found += 1
        if not found:
            why = "pledges have no official counterpart" if str(fact["measure"]) == "pledged" else \
                "no official row for this country, year, stage and kind of aid"
            rows.append(base | {"note": why})
    out = pd.DataFrame(rows, columns=list(COMPARISON_COLUMNS))
    if not len(out):
        return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in COMPARISON_COLUMNS.items()})
    return out.astype(COMPARISON_COLUMNS)


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
