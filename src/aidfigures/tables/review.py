"""The review queue: the figures that most need a human look, first, with the reasons why."""

from __future__ import annotations

import os
from typing import Final

import pandas as pd

from ..analysis.claims import select_claims
from ..errors import SelectionError
from .evidence import conflicts

__all__ = ["REASONS", "QUEUE_COLUMNS", "figure_key", "review_queue"]

#: Reason code -> (weight in the priority, what it means). A figure's priority is the sum of its
#: reasons' weights, ``low_confidence`` weighing ``1 - confidence`` times its weight.
REASONS: Final[dict[str, tuple[float, str]]] = {
    "conflict": (1.0, "other figures for the same country and year disagree with it"),
    "claim_inconsistent": (0.8, "a rank or change claim of its document that it backs is not borne out"),
    "low_confidence": (1.0, "the extractor is unsure of its recipient or year"),
    "no_recipient": (0.8, "an aid figure with no recipient"),
    "no_year": (0.6, "an aid figure with no year"),
    "no_rate": (0.5, "not in US dollars, and no exchange rate for its year"),
}

#: The queue's columns, in order.
QUEUE_COLUMNS: Final[tuple[str, ...]] = (
    "rank", "key", "status", "corrected", "original", "priority", "reasons", "doc_id", "start", "end", "text",
    "amount", "currency", "amount_usd", "recipient", "recipient_iso3", "year", "is_aid", "confidence",
    "alternatives", "sentence",
)


def figure_key(doc_id: object, start: object, end: object) -> str:
    """The key that names one figure: ``doc_id:start-end`` (as ``af.correct`` reads it).

    Examples
    --------
    >>> figure_key("peru_2006", 14, 24)
    'peru_2006:14-24'
    """
    return f"{doc_id}:{int(start)}-{int(end)}"  # type: ignore[call-overload]


def _status(figures: pd.DataFrame) -> pd.Series:
    """``open``, ``confirmed`` or ``corrected`` for each figure, from the ``corrected`` column when there is one."""
    if "corrected" not in figures.columns:
        return pd.Series("open", index=figures.index, dtype="string")
    done = figures["corrected"].astype("string").fillna("").str.strip()
    return done.map(lambda v: "open" if not v else "confirmed" if v == "confirmed" else "corrected").astype("string")


def _claimed(claims: pd.DataFrame | str | os.PathLike[str] | None) -> set[tuple[str, int]]:
    """(doc_id, start) of the figures behind the claims whose verdict is ``inconsistent``."""
    if claims is None:
        return set()
    table = select_claims(claims)
    out: set[tuple[str, int]] = set()
    for cell in table.loc[table["verdict"] == "inconsistent", "figures"].dropna():
        for ref in str(cell).split(";"):
            doc, _, start = ref.rpartition(":")
            if doc and start.isdigit():
                out.add((doc, int(start)))
    return out


def review_queue(figures: pd.DataFrame, *, threshold: float = 0.5, tolerance: float = 0.05,
                 checked: str = "sink", everything: bool = False,
                 claims: pd.DataFrame | str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Rank the figures that most need a look: highest priority first, with their reasons.

    Parameters
    ----------
    figures : pandas.DataFrame
        A figures table. When it has the ``corrected`` column (corrections applied), figures
        confirmed or corrected by hand are ``checked``.
    threshold : float
        Below this ``confidence`` a figure has the reason ``low_confidence``.
    tolerance : float
        How far apart figures for one country and year may be before they conflict
        (:func:`aidfigures.tables.conflicts`).
    checked : {"sink", "drop"}
        Checked figures go after every open one (``sink``) or leave the queue (``drop``).
    everything : bool
        Keep figures with no reason too (after those with one), e.g. to confirm them.
    claims : DataFrame or path, optional
        A claims table (:func:`aidfigures.claims`, ``aidfigures claims``): the figures an
        ``inconsistent`` claim rests on get the reason ``claim_inconsistent``.

    Returns
    -------
    pandas.DataFrame
        One row per figure, :data:`QUEUE_COLUMNS`: ``rank`` from 1, ``key`` (``doc_id:start-end``),
        ``status`` (``open``, ``confirmed``, ``corrected``), ``priority``, ``reasons`` (codes of
        :data:`REASONS` joined with ``", "``) and the figure's own columns (``alternatives``,
        ``corrected``, ``original`` NA for tables without them).

    Examples
    --------
    >>> import aidfigures as af, pandas as pd
    >>> figs = pd.concat([af.extract("Peru received $5 million in aid in 2006.", doc_id="a"),
    ...                   af.extract("Donors pledged 3 million euros in aid.", doc_id="b")], ignore_index=True)
    >>> print(review_queue(figs, everything=True)[["rank", "key", "reasons", "priority"]].to_string(index=False))
     rank     key                        reasons  priority
        1 b:15-30 no_recipient, no_year, no_rate       1.9
        2 a:14-24                                      0.0
    """
    if checked not in ("sink", "drop"):
        raise SelectionError(f"checked must be 'sink' or 'drop', got {checked!r}")
    if not 0 <= threshold <= 1:
        raise SelectionError(f"threshold must be between 0 and 1, got {threshold!r}")
    f = figures.reset_index(drop=True)
    confidence = f["confidence"].astype("Float64") if "confidence" in f.columns else pd.Series(pd.NA, index=f.index)
    aid = f["is_aid"].astype("boolean").fillna(False)
    in_conflict = pd.Series(False, index=f.index)
    if len(f):
        clash = conflicts(f, tolerance)
        keys = set(zip(clash["doc_id"].astype(str), clash["start"].astype(int), strict=True))
        in_conflict = pd.Series([(str(d), int(s)) in keys for d, s in zip(f["doc_id"], f["start"], strict=True)],
                                index=f.index)
    claimed = _claimed(claims)
    flags = {
        "conflict": in_conflict,
        "claim_inconsistent": pd.Series([(str(d), int(s)) in claimed for d, s in zip(f["doc_id"], f["start"],
                                                                                       strict=True)], index=f.index),
        "low_confidence": (confidence < threshold).fillna(False).astype(bool),
        "no_recipient": aid & f["recipient"].isna(),
        "no_year": aid & f["year"].isna(),
        "no_rate": (f["currency"] != "USD") & f["amount_usd"].isna(),
    }
    doubt = 1 - confidence.fillna(1).astype(float)  # low confidence weighs more the lower it is
    priority = sum((flag.astype(float) * REASONS[code][0] * (doubt if code == "low_confidence" else 1.0)
                    for code, flag in flags.items()), pd.Series(0.0, index=f.index))
    reasons = pd.Series([", ".join(c for c in flags if flags[c].iat[i]) for i in range(len(f))], index=f.index,
                        dtype="string")
    out = f.assign(key=[figure_key(d, s, e) for d, s, e in zip(f["doc_id"], f["start"], f["end"], strict=True)],
                   status=_status(f), priority=priority.round(3), reasons=reasons)
    for col in ("alternatives", "corrected", "original"):  # tables before schema 1.3
        if col not in out.columns:
            out[col] = pd.Series(pd.NA, index=out.index, dtype="string")
    if not everything:
        out = out[out["reasons"] != ""]
    if checked == "drop":
        out = out[out["status"] == "open"]
    out = out.assign(_checked=out["status"] != "open").sort_values(
        ["_checked", "priority", "doc_id", "start"], ascending=[True, False, True, True], kind="stable")
    out["rank"] = range(1, len(out) + 1)
    return out[list(QUEUE_COLUMNS)].reset_index(drop=True)
