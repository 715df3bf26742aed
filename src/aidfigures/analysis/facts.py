"""Facts: figures that state the same thing, consolidated, with a flag when their sources disagree."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final

import pandas as pd

from .. import schema
from ..schema.facts import FACT_KEY, FACT_STATS
from .fact_groups import fact_groups

__all__ = ["facts"]

#: A figure's identity inside one document: the same number mentioned twice counts once.
_SAME_NUMBER: Final = ["doc_id", "amount", "amount_high", "currency"]


def _interval(row: pd.Series) -> tuple[float, float]:
    """The US-dollar values a figure allows: a range, ``more than`` (up), ``up to`` (down)."""
    low = row["amount_usd"]
    high = low
    if not pd.isna(row["amount_high"]) and row["amount"] > 0:
        high = low * row["amount_high"] / row["amount"]
    if row["qualifier"] == "at_least":
        high = math.inf
    elif row["qualifier"] == "at_most":
        low = 0.0
    return low, high


def _disagree(rows: pd.DataFrame, tolerance: float) -> bool:
    """True when no single value is within ``tolerance`` of every figure's allowed values."""
    intervals = [_interval(r) for _, r in rows.iterrows()]
    top_low = max(low for low, _ in intervals)
    bottom_high = min(high for _, high in intervals)
    return bool(top_low > 0 and (top_low - bottom_high) / top_low > tolerance)


def facts(figures: pd.DataFrame, tolerance: float = 0.05, *, aid_only: bool = True,
          by: Sequence[str] = FACT_KEY, na_matches: bool = True) -> pd.DataFrame:
    """Consolidate figures into facts: one row per recipient, year, category, measure (and ``by``).

    Figures of one group are statements of the same fact, from one or several documents. The same
    number (amount, high end, currency) mentioned more than once in a document counts once.
    A donor, category or measure a figure does not state (NA) matches any value (see
    :func:`~aidfigures.analysis.fact_groups.fact_groups`): "Peru received $60 million in
    2006" without a donor joins the fact "$56.4 million from the United States" of another
    document, and the two are flagged as a conflict. Dollar statistics are rounded to cents.

    Parameters
    ----------
    figures : DataFrame
        A figures table (schema v1.2).
    tolerance : float, default 0.05
        ``conflict`` is True when no single amount is within this share of every figure: for plain
        numbers, ``(max - min) / max > tolerance``. Ranges, ``more than`` (at_least) and ``up to``
        (at_most) count as the intervals they allow.
    aid_only : bool, default True
        Leave out figures whose ``is_aid`` is not True (bribes, budgets of other things, GDP...).
    na_matches : bool, default True
        False keeps figures with NA in a key column as facts of their own (NA is no wildcard).
    by : sequence of str, default :data:`FACT_KEY`
        The key. ``FACT_KEY`` is recipient, recipient_iso3, year, year_end, category, program,
        measure, per, donor; :data:`SHORT_KEY` (recipient, recipient_iso3, year, category,
        measure) merges spans, programs, rates and donors into the yearly groups.

    Returns
    -------
    DataFrame
        The key columns (schema dtypes), then ``n_figures`` (distinct numbers per document, summed),
        ``n_documents``, ``n_mentions`` (rows), ``n_no_usd`` (figures without ``amount_usd``: no
        rate or no year, see :func:`aidfigures.analysis.fx_gaps`), ``min_usd``, ``median_usd``, ``max_usd``
        (over the distinct figures' ``amount_usd``, nominal dollars), ``conflict`` (boolean; NA when
        the group has two or more figures but fewer than two in dollars) and ``figures`` (the ``doc_id:start`` keys of every mention, ``;``-separated). Sorted by key.

    Examples
    --------
    >>> import aidfigures as af
    >>> figs = pd.concat([
    ...     af.extract("Peru received $56.4 million in military aid in 2006.", doc_id="a"),
    ...     af.extract("Peru received $60 million in military aid in 2006, $60 million.", doc_id="b"),
    ... ])
    >>> out = facts(figs)
    >>> print(out[["recipient", "year", "n_figures", "n_documents", "median_usd", "conflict"]])
      recipient  year  n_figures  n_documents  median_usd  conflict
    0      Peru  2006          2            2  58200000.0      True
    >>> out.loc[0, "figures"]
    'a:14;b:14;b:51'
    >>> bool(facts(figs, tolerance=0.1).loc[0, "conflict"])
    False
    """  # noqa: E501
    key = list(by)
    table = figures if not aid_only else figures.loc[figures["is_aid"].fillna(False).astype(bool)]
    rows = []
    for values, group in fact_groups(table, key, na_matches):
        distinct = group.drop_duplicates(_SAME_NUMBER)
        dollars = distinct.loc[distinct["amount_usd"].notna()]
        usd = dollars["amount_usd"]
        if len(distinct) < 2:
            conflict: bool | None = False
        elif len(dollars) < 2:
            conflict = None
        else:
            conflict = _disagree(dollars, tolerance)
        ordered = group.sort_values(["doc_id", "start"])
        rows.append({
            **dict(zip(key, values, strict=True)),
            "n_figures": len(distinct), "n_documents": group["doc_id"].nunique(),
            "n_mentions": len(group), "n_no_usd": int(distinct["amount_usd"].isna().sum()),
            "min_usd": round(usd.min(), 2) if len(usd) else math.nan,
            "median_usd": round(usd.median(), 2) if len(usd) else math.nan,
            "max_usd": round(usd.max(), 2) if len(usd) else math.nan,
            "conflict": conflict,
            "figures": ";".join(f"{d}:{s}" for d, s in zip(ordered["doc_id"], ordered["start"], strict=True)),
        })
    dtypes = {c: schema.DTYPES.get(c, "string") for c in key} | FACT_STATS
    out = pd.DataFrame(rows, columns=list(dtypes))
    out = out.astype(dtypes) if len(out) else pd.DataFrame({c: pd.Series([], dtype=t) for c, t in dtypes.items()})
    return out.sort_values(key, na_position="last", kind="stable").reset_index(drop=True)
