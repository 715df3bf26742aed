"""Plain-language sentences for report pages: what was selected, and what to do when it is empty."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from ..currency.formatting import format_money

__all__ = ["describe_selection", "describe_claims", "describe_corpus"]


def _names(values: str | Iterable[str] | None) -> str:
    if values is None:
        return "all"
    items = [values] if isinstance(values, str) else list(values)
    if not items:
        return "all"
    return ", ".join(items[:-1]) + (" and " if len(items) > 1 else "") + items[-1]


def describe_selection(selected: pd.DataFrame, countries: str | Iterable[str] | None = None,
                       years: Sequence[int | None] | None = None, measure: str | Iterable[str] | None = None,
                       category: str | Iterable[str] | None = None) -> str:
    """One Markdown paragraph saying what a report shows, or plainly that nothing matched.

    Examples
    --------
    >>> import aidfigures as af
    >>> figs = af.extract("Peru received 56.4 million dollars in military aid in 2006.")
    >>> print(describe_selection(figs, ["Peru"], [2000, 2025]))
    **1 figure** from **1 document** for Peru, 2000–2025 (measures: all; categories: all), from $56.4M to $56.4M. By measure: disbursed (1).
    >>> print(describe_selection(figs.iloc[0:0], ["Peru"], [1990, 1991]))
    **No figures** match this selection: Peru, 1990–1991 (measures: all; categories: all). Check the country names, the years and the measure and category filters, or extract more documents.
    """  # noqa: E501
    span = "all years" if not years else f"{years[0] or '…'}–{years[-1] or '…'}"
    what = f"{_names(countries)}, {span} (measures: {_names(measure)}; categories: {_names(category)})"
    if selected.empty:
        return (f"**No figures** match this selection: {what}. Check the country names, the years and the "
                "measure and category filters, or extract more documents.")
    n_docs = selected["doc_id"].nunique()
    usd = selected["amount_usd"].dropna()
    spread = f", from {format_money(usd.min())} to {format_money(usd.max())}" if len(usd) else ""
    kinds = selected["measure"].fillna("not stated").value_counts()
    mix = ", ".join(f"{name} ({n})" for name, n in kinds.items())
    return (f"**{len(selected)} figure{'s' if len(selected) != 1 else ''}** from **{n_docs} "
            f"document{'s' if n_docs != 1 else ''}** for {what}{spread}. By measure: {mix}.")


def describe_claims(claims: pd.DataFrame) -> str:
    """One Markdown sentence counting claims by verdict, or saying there are none.

    Examples
    --------
    >>> describe_claims(pd.DataFrame({"verdict": ["consistent", "consistent", "cannot check"]}))
    '**3 claims** in the documents: 2 consistent, 0 inconsistent, 1 cannot check.'
    >>> describe_claims(pd.DataFrame({"verdict": []}))
    'No comparative claims (rank or change) were found about these countries.'
    """
    if claims.empty:
        return "No comparative claims (rank or change) were found about these countries."
    counts = claims["verdict"].value_counts()
    parts = ", ".join(f"{int(counts.get(v, 0))} {v}" for v in ("consistent", "inconsistent", "cannot check"))
    return f"**{len(claims)} claim{'s' if len(claims) != 1 else ''}** in the documents: {parts}."


def describe_corpus(figures: pd.DataFrame, documents: pd.DataFrame | None = None) -> str:
    """One Markdown paragraph on a corpus: documents, figures, failures, countries and years.

    ``documents`` is a listing such as :func:`aidfigures.corpus.scan_documents` gives (doc_id
    and error); without it only the documents with figures are known.

    Examples
    --------
    >>> import aidfigures as af
    >>> figs = af.extract("Peru received 56.4 million dollars in military aid in 2006.", doc_id="a")
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "error": [None, "binary file, not text"]})
    >>> print(describe_corpus(figs, docs))
    **2 documents**, **1 figure** (1 marked as aid), **1 document could not be read**; recipients: 1 (Peru); years 2006–2006.
    """  # noqa: E501
    n_docs = len(documents) if documents is not None else figures["doc_id"].nunique()
    failed = int(documents["error"].notna().sum()) if documents is not None and "error" in documents else 0
    n_aid = int(figures["is_aid"].fillna(False).sum()) if len(figures) else 0
    recipients = sorted(set(figures["recipient"].dropna()))
    shown = ", ".join(recipients[:8]) + (", …" if len(recipients) > 8 else "")
    years = figures["year"].dropna()
    span = f"years {int(years.min())}–{int(years.max())}" if len(years) else "no years"
    fail = (f"**{failed} document{'s' if failed != 1 else ''} could not be read**" if failed
            else "every document was read")
    return (f"**{n_docs} document{'s' if n_docs != 1 else ''}**, **{len(figures)} figure"
            f"{'s' if len(figures) != 1 else ''}** ({n_aid} marked as aid), {fail}; recipients: "
            f"{len(recipients)}{f' ({shown})' if recipients else ''}; {span}.")
