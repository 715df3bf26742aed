"""Derived tables for reports: selections, country-year values, ranks, conflicts, evidence, coverage."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

import pandas as pd

from .. import schema
from ..analysis.countries import country_mask
from ..errors import SelectionError
from .values import _empty, _table, prepare_figures, require_columns

__all__ = ["RULES", "country_year", "coverage", "describe_rule", "per_document", "rank_table", "select_figures", "wide"]

#: rule -> the chart value in a few words, for source lines under charts.
RULES: Final[dict[str, str]] = {
    "median": "median of the figures per country and year",
    "max": "largest figure per country and year",
    "min": "smallest figure per country and year",
    "latest": "figure from the most recent document per country and year",
}
_CHOSEN: Final = {"median": "their median", "max": "the largest", "min": "the smallest",
                  "latest": "the one from the most recent document"}
_SUMMARY: Final = {
    "recipient": "string", "recipient_iso3": "string", "year": "Int64", "value": "float64",
    "n_figures": "Int64", "n_documents": "Int64", "min": "float64", "max": "float64",
    "rule": "string", "figures": "string", "measure": "string", "category": "string", "approx": "boolean",
}
#: ``measure`` / ``category`` of a country-year whose figures state several.
MIXED: Final = "mixed"
_RANKS: Final = {"year": "Int64", "rank": "Int64", "recipient": "string", "recipient_iso3": "string",
                 "value": "float64"}
_COVERAGE: Final = {"recipient": "string", "recipient_iso3": "string", "year": "Int64",
                    "n_figures": "Int64", "n_documents": "Int64"}
_PER_DOC: Final = {"doc_id": "string", "n_figures": "Int64", "n_aid": "Int64", "recipients": "string",
                   "error": "string"}
_GROUP: Final = ["recipient", "recipient_iso3", "year"]


def select_figures(figures: pd.DataFrame, countries: str | Iterable[str] | None = None,
                   years: tuple[int | None, int | None] | int | None = None,
                   measure: str | Iterable[str] | None = None, category: str | Iterable[str] | None = None,
                   aid_only: bool = True) -> pd.DataFrame:
    """Return the figures for some countries, years, measures and categories, in schema dtypes.

    ``countries`` are names, aliases (``'Perú'``, ``'Peruvian'``) or ISO3 codes in any case;
    one not known raises :class:`~aidfigures.errors.UnknownCountryError` naming the closest
    known names; a known country without figures just selects nothing. ``years`` is
    ``(first, last)``, inclusive, either end may be None. ``measure`` and ``category`` take one
    value or several (schema values only). ``aid_only`` keeps figures marked as aid (``is_aid``
    true). None means no filter. A table without the schema's columns raises
    :class:`~aidfigures.errors.SchemaError`.

    Examples
    --------
    >>> import aidfigures as af
    >>> figs = af.extract("Peru received 56.4 million dollars in 2006 and Colombia 582 million dollars.")
    >>> print(select_figures(figs, countries="col")[["recipient", "amount"]].to_string(index=False))
    recipient      amount
     Colombia 582000000.0
    >>> len(select_figures(figs, countries=["Perú"], years=(2007, None)))
    0
    >>> select_figures(figs, countries="Peur")
    Traceback (most recent call last):
    ...
    aidfigures.errors.UnknownCountryError: unknown country 'Peur'; closest known names: Peru...
    """
    table = _table(figures)
    keep = pd.Series(True, index=table.index)
    if countries is not None:
        keep &= country_mask(table, [countries] if isinstance(countries, str) else list(countries))
    if years is not None:
        first, last = (years, years) if isinstance(years, int) else years
        if first is not None and last is not None and first > last:
            raise SelectionError(f"years: first year {first} is after last year {last}")
        if first is not None:
            keep &= table["year"].ge(first).fillna(False)
        if last is not None:
            keep &= table["year"].le(last).fillna(False)
    for column, wanted, allowed in (("measure", measure, schema.MEASURES),
                                    ("category", category, schema.CATEGORIES)):
        if wanted is not None:
            values = [wanted] if isinstance(wanted, str) else list(wanted)
            unknown = sorted(set(values) - allowed)
            if unknown:
                raise SelectionError(f"unknown {column} {', '.join(map(repr, unknown))}; "
                                     f"choose from {', '.join(sorted(allowed))}")
            keep &= table[column].isin(values).fillna(False)
    if aid_only:
        keep &= table["is_aid"].fillna(False)
    return table[keep.astype(bool)].reset_index(drop=True)


def describe_rule(rule: str = "median") -> str:
    """Say in one sentence which value a chart shows when a country-year has several figures.

    Examples
    --------
    >>> describe_rule("median")
    'Where several figures exist for a country and year, the chart shows their median; all of them are listed in the evidence table.'
    """  # noqa: E501
    return (f"Where several figures exist for a country and year, the chart shows {_CHOSEN[_rule(rule)]}; "
            "all of them are listed in the evidence table.")


def _rule(rule: str) -> str:
    if rule not in RULES:
        raise SelectionError(f"unknown rule {rule!r}; choose from {', '.join(RULES)}")
    return rule


def country_year(figures: pd.DataFrame, rule: str = "median",
                 doc_order: Sequence[str] | None = None) -> pd.DataFrame:
    """Return one row per (recipient, recipient_iso3, year) with the value to chart, in nominal US$.

    Only figures that can stand for one year's aid enter: ``is_aid`` true, a recipient and a single
    year (not a multi-year total), not a monthly rate, and a US-dollar value (``amount_usd``, or
    ``amount`` for USD; a range counts as its low end). The same number repeated in one document
    counts once. ``evidence_table`` says for every figure whether and why not it is charted.
    Where several figures remain, ``rule`` picks the value:

    - ``"median"`` (default): their median (the mean of the middle two for an even count);
    - ``"max"`` / ``"min"``: the largest / the smallest;
    - ``"latest"``: the figure from the most recent document; documents are ordered by
      ``doc_order`` (oldest first; documents not listed count as older) or else by their order in
      ``figures``; within that document, the last-mentioned figure.

    Columns: ``recipient, recipient_iso3, year, value, n_figures, n_documents, min, max, rule,
    figures`` (the ``doc_id:start`` keys of the figures counted, ``;``-separated), ``measure`` and
    ``category`` (the one their figures state; ``"mixed"`` when they state several, NA when none)
    and ``approx`` (True when a figure behind the value is approximate: "nearly 582 million").

    Examples
    --------
    >>> import aidfigures as af
    >>> figs = af.extract("Colombia received 582 million dollars in 2006. "
    ...                   "Officials said Colombia received 600 million dollars in 2006.")
    >>> print(country_year(figs)[["recipient", "year", "value", "n_figures", "min", "max"]].to_string(index=False))
    recipient  year       value  n_figures         min         max
     Colombia  2006 591000000.0          2 582000000.0 600000000.0
    >>> latest = country_year(figs, rule="latest").iloc[0]
    >>> float(latest["value"]), latest["figures"]
    (600000000.0, 'doc:18;doc:80')
    """
    rule = _rule(rule)
    prepared = prepare_figures(figures)
    used = prepared[prepared["note"].isna()].copy()
    if used.empty:
        return _empty(_SUMMARY)
    order = list(doc_order) if doc_order is not None else list(dict.fromkeys(used["doc_id"]))
    rank = {doc: i for i, doc in enumerate(order)}
    used["_doc_rank"] = [rank.get(doc, -1) for doc in used["doc_id"]]
    used = used.sort_values(["_doc_rank", "start"], kind="stable")
    used["recipient_iso3"] = used["recipient_iso3"].fillna("")  # regions: keep them in groupby
    rows = []
    for (name, iso3, year), group in used.groupby(_GROUP, sort=True):
        values = group["value"]
        value = values.iloc[-1] if rule == "latest" else {"median": values.median, "max": values.max,
                                                          "min": values.min}[rule]()
        rows.append({
            "recipient": name, "recipient_iso3": iso3 or pd.NA, "year": year, "value": float(value),
            "n_figures": len(group), "n_documents": group["doc_id"].nunique(),
            "min": values.min(), "max": values.max(), "rule": rule,
            "figures": ";".join(f"{d}:{s}" for d, s in zip(group["doc_id"], group["start"], strict=True)),
            "measure": _one(group["measure"]), "category": _one(group["category"]),
            "approx": bool((group["qualifier"] == "approx").any()),
        })
    return pd.DataFrame(rows).astype(_SUMMARY)


def _one(values: pd.Series) -> object:
    """The single stated value of ``values``, :data:`MIXED` for several, NA for none."""
    stated = set(values.dropna())
    return stated.pop() if len(stated) == 1 else (MIXED if stated else pd.NA)


def rank_table(summary: pd.DataFrame) -> pd.DataFrame:
    """Rank the countries within each year by value (1 = largest; ties share the better rank).

    Takes :func:`country_year` output; returns ``year, rank, recipient, recipient_iso3, value``.

    Examples
    --------
    >>> summary = pd.DataFrame({"recipient": ["Peru", "Colombia"], "recipient_iso3": ["PER", "COL"],
    ...                         "year": [2006, 2006], "value": [56.4e6, 582e6]})
    >>> print(rank_table(summary)[["year", "rank", "recipient"]].to_string(index=False))
    year  rank recipient
     2006     1  Colombia
     2006     2      Peru
    """
    table = require_columns(summary, ["recipient", "recipient_iso3", "year", "value"], "country-year summary")
    if table.empty:
        return _empty(_RANKS)
    out = table[["year", "recipient", "recipient_iso3", "value"]].copy()
    out["rank"] = out.groupby("year")["value"].rank(ascending=False, method="min")
    out = out.sort_values(["year", "rank", "recipient"], kind="stable")
    return out[list(_RANKS)].astype(_RANKS).reset_index(drop=True)


def wide(table: pd.DataFrame, values: str = "value") -> pd.DataFrame:
    """Recipients down, years across, for display only (the long tables are the data).

    Works on :func:`country_year` (``values="value"``), :func:`rank_table` (``"rank"``) and
    :func:`coverage` (``"n_figures"``) output. Missing cells are NA.

    Examples
    --------
    >>> summary = pd.DataFrame({"recipient": ["Peru", "Peru", "Mexico"], "year": [2006, 2011, 2011],
    ...                         "value": [56.4e6, 44.7e6, 147.9e6]})
    >>> print(wide(summary).to_string())
    year             2006         2011
    recipient
    Mexico             NaN  147900000.0
    Peru       56400000.0   44700000.0
    """
    table = require_columns(table, ["recipient", "year", values], "long table")
    out = table.pivot_table(index="recipient", columns="year", values=values, aggfunc="first", sort=True)
    return out.reindex(columns=sorted(out.columns))


def coverage(figures: pd.DataFrame) -> pd.DataFrame:
    """Count the figures per recipient and year (repeats within a document counted once).

    Every figure with a recipient and a year counts, charted or not. Columns: ``recipient,
    recipient_iso3, year, n_figures, n_documents``; ``wide(coverage(f), "n_figures")`` is the grid.

    Examples
    --------
    >>> import aidfigures as af
    >>> figs = af.extract("Peru received 56.4 million dollars in 2006 and 56.4 million dollars in 2006.")
    >>> print(coverage(figs)[["recipient", "year", "n_figures", "n_documents"]].to_string(index=False))
    recipient  year  n_figures  n_documents
         Peru  2006          1            1
    """
    prepared = prepare_figures(figures)
    known = prepared[prepared["recipient"].notna() & prepared["year"].notna() & ~prepared["repeat"]]
    if known.empty:
        return _empty(_COVERAGE)
    known = known.assign(recipient_iso3=known["recipient_iso3"].fillna(""))
    out = known.groupby(_GROUP, sort=True).agg(n_figures=("doc_id", "size"), n_documents=("doc_id", "nunique"))
    out = out.reset_index()
    out["recipient_iso3"] = out["recipient_iso3"].replace("", pd.NA)
    return out[list(_COVERAGE)].astype(_COVERAGE)


def per_document(figures: pd.DataFrame, documents: Iterable[object] | pd.DataFrame | None = None) -> pd.DataFrame:
    """Count the figures found in each document (every mention), with the recipients they name.

    ``documents`` adds documents without figures: doc_ids, a table with a ``doc_id`` column (and
    an optional ``error`` column), or the ``DocumentStatus`` objects of
    ``aidfigures.corpus.run_extraction(...).documents``. Rows follow ``documents``, then any other
    document in ``figures`` order. Columns: ``doc_id, n_figures, n_aid, recipients, error``.

    Examples
    --------
    >>> import aidfigures as af
    >>> figs = af.extract("Peru received 56.4 million dollars in 2006.", doc_id="a")
    >>> print(per_document(figs, documents=["a", "b"]).to_string(index=False))
    doc_id  n_figures  n_aid recipients error
         a          1      1       Peru  <NA>
         b          0      0       <NA>  <NA>
    """
    table = _table(figures)
    errors = _document_errors(documents)
    order = list(dict.fromkeys([*errors, *table["doc_id"]]))
    if not order:
        return _empty(_PER_DOC)
    groups = table.groupby("doc_id", sort=False)
    names = groups["recipient"].agg(lambda r: ", ".join(sorted(set(r.dropna()))) or pd.NA)
    out = pd.DataFrame({"doc_id": order})
    out["n_figures"] = out["doc_id"].map(groups.size()).fillna(0)
    out["n_aid"] = out["doc_id"].map(groups["is_aid"].agg(lambda a: int(a.fillna(False).sum()))).fillna(0)
    out["recipients"] = out["doc_id"].map(names)
    out["error"] = [errors.get(doc_id) or pd.NA for doc_id in order]
    return out.astype(_PER_DOC)


def _document_errors(documents: Iterable[object] | pd.DataFrame | None) -> dict[str, str | None]:
    """doc_id -> error message (or None) from the forms ``per_document`` accepts."""
    if documents is None:
        return {}
    if isinstance(documents, pd.DataFrame):
        require_columns(documents, ["doc_id"], "documents table")
        errors = documents["error"] if "error" in documents.columns else pd.Series(pd.NA, index=documents.index)
        return {str(d): (None if pd.isna(e) else str(e)) for d, e in zip(documents["doc_id"], errors, strict=True)}
    if isinstance(documents, str):
        documents = [documents]
    return {str(getattr(d, "doc_id", d)): getattr(d, "error", None) for d in documents}
