"""What was checked by hand: counts of confirmed and corrected figures, the sentence reports state, and the
``corrected`` column of tables that sum several figures."""

from __future__ import annotations

from collections import Counter
from typing import Final

import pandas as pd

__all__ = ["MARK", "checked_counts", "describe_checks", "with_checks"]

#: How a value corrected by hand is marked in the tables and charts of a report.
MARK: Final = "✎"
_FIELD_ORDER: Final = ("recipient", "year", "amount", "currency", "is_aid")


def checked_counts(figures: pd.DataFrame) -> dict[str, int]:
    """``{"figures", "checked", "confirmed", "corrected"}`` and one count per field corrected.

    Examples
    --------
    >>> t = pd.DataFrame({"corrected": [None, "confirmed", "recipient;year", "year"]})
    >>> checked_counts(t)
    {'figures': 4, 'checked': 3, 'confirmed': 1, 'corrected': 2, 'recipient': 1, 'year': 2}
    """
    marks = figures["corrected"].dropna() if "corrected" in figures.columns else pd.Series([], dtype="string")
    fields: Counter[str] = Counter(f for value in marks if value != "confirmed" for f in str(value).split(";"))
    confirmed = int((marks == "confirmed").sum())
    return {"figures": len(figures), "checked": len(marks), "confirmed": confirmed,
            "corrected": len(marks) - confirmed, **{f: fields[f] for f in _FIELD_ORDER if fields[f]}}


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def describe_checks(figures: pd.DataFrame) -> str:
    """The sentence a report states about its figures checked by hand (a corrections file, see
    :func:`aidfigures.correct`), with the stale corrections :func:`aidfigures.read_corrected` found.

    Examples
    --------
    >>> t = pd.DataFrame({"corrected": [None, "confirmed", "recipient;year", pd.NA]})
    >>> describe_checks(t)
    'Checked by hand: 2 of the 4 figures in this report, 1 confirmed right and 1 corrected (recipient 1, year 1); \
corrected values are marked ✎ in the tables and charts.'
    >>> describe_checks(pd.DataFrame({"corrected": [pd.NA]}))
    'None of the 1 figure in this report has been checked by hand.'
    """
    counts = checked_counts(figures)
    if not counts["checked"]:
        text = f"None of the {_plural(counts['figures'], 'figure')} in this report has been checked by hand."
    else:
        fields = ", ".join(f"{f} {counts[f]:,}" for f in _FIELD_ORDER if f in counts)
        text = (f"Checked by hand: {counts['checked']:,} of the {_plural(counts['figures'], 'figure')} in this report, "
                f"{counts['confirmed']:,} confirmed right and {counts['corrected']:,} corrected"
                + (f" ({fields})" if fields else "")
                + f"; corrected values are marked {MARK} in the tables and charts.")
    stale = figures.attrs.get("stale_corrections") or []
    if stale:
        one = len(stale) == 1
        text += (f" {_plural(len(stale), 'correction')} no longer match{'es' if one else ''} the documents and "
                 f"{'was' if one else 'were'} not applied (stale: the document's text changed or its span holds "
                 "no figure).")
    return text


def with_checks(table: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """``table`` (one with a ``figures`` column of ``doc_id:start`` keys, such as :func:`country_year`'s
    or :func:`aidfigures.facts`'s) with a ``corrected`` column: the fields corrected by hand among the
    figures behind each row (``;``-joined), ``confirmed`` when all were only confirmed, NA when none
    was checked. :func:`aidfigures.show_table` marks the values of those rows.

    Examples
    --------
    >>> figs = pd.DataFrame({"doc_id": ["a", "a", "b"], "start": [1, 9, 4], "corrected": ["year", pd.NA, "confirmed"]})
    >>> with_checks(pd.DataFrame({"figures": ["a:1;a:9", "b:4", "a:9"]}), figs)["corrected"].tolist()
    ['year', 'confirmed', <NA>]
    """
    out = table.copy()
    if "corrected" not in figures.columns or "figures" not in table.columns:
        out["corrected"] = pd.Series(pd.NA, index=out.index, dtype="string")
        return out
    marks = figures.dropna(subset=["corrected"])
    by_key = {f"{d}:{s}": str(c) for d, s, c in zip(marks["doc_id"], marks["start"], marks["corrected"], strict=True)}
    column = []
    for keys in out["figures"]:
        found = [by_key[k] for k in ("" if pd.isna(keys) else str(keys)).split(";") if k in by_key]
        fields = {f for value in found if value != "confirmed" for f in value.split(";")}
        column.append(";".join(f for f in _FIELD_ORDER if f in fields) or ("confirmed" if found else pd.NA))
    out["corrected"] = pd.Series(column, index=out.index, dtype="string")
    return out
