"""The facts table (:func:`aidfigures.facts`): its key and columns."""

from __future__ import annotations

from typing import Final

__all__ = ["FACT_COLUMNS", "FACT_KEY", "FACT_STATS", "SHORT_KEY"]

#: Recipient, year, kind of aid and budget stage: the least that makes two figures comparable.
SHORT_KEY: Final = ("recipient", "recipient_iso3", "year", "category", "measure")
#: What makes two figures statements of the same fact (the default key). Beyond ``SHORT_KEY``, a
#: multi-year span (``year_end``), a named program, a rate (``per``) and another donor are facts of
#: their own: the 2006-2011 total, one program's share, a monthly rate or the EU's pledge is not
#: the US aid for the year, and one group for them would show conflicts that are not there.
FACT_KEY: Final = ("recipient", "recipient_iso3", "year", "year_end", "category", "program", "measure",
                   "per", "donor")
#: Columns after the key, with their dtypes.
FACT_STATS: Final = {
    "n_figures": "Int64", "n_documents": "Int64", "n_mentions": "Int64", "n_no_usd": "Int64",
    "min_usd": "float64", "median_usd": "float64", "max_usd": "float64", "conflict": "boolean",
    "figures": "string",
}
FACT_COLUMNS: Final = FACT_KEY + tuple(FACT_STATS)
