"""Tables for people to read in reports: money formatted, no row numbers, missing shown as a dash."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from ..currency.formatting import format_money

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

__all__ = ["show_table"]

#: Columns holding US-dollar amounts in the tables aidfigures makes.
_MONEY = ("value", "min", "max", "amount_usd", "extracted_usd", "official_usd", "min_usd", "median_usd",
          "max_usd", "spread")
#: Columns holding percentages (difference_pct) or shares (relative_spread, 0.031 = 3.1%).
_PERCENT = {"difference_pct": 1.0, "relative_spread": 100.0}
#: Columns holding prose: shown left-aligned and wide enough to read.
_PROSE = ("sentence", "claim", "evidence", "note", "official_note", "text", "error")


def show_table(table: pd.DataFrame, money: Iterable[str] | None = None, na: str = "–") -> Styler:
    """Style a table for a report page: money as ``$56.4M``, no row numbers, NA as ``–``, text escaped.

    ``money`` names the US-dollar columns (default: the usual ones, such as ``value`` or
    ``official_usd``, that the table has). A named index (``wide`` tables) becomes a column so
    that its labels stay visible. The data behind the page is saved unformatted with
    :func:`aidfigures.save_table`; this only changes how it looks. Every cell and heading is shown
    as text: ``<script>`` in a sentence, an id or a file name is escaped, never run.

    Examples
    --------
    >>> table = pd.DataFrame({"recipient": ["Peru", "Colombia"], "value": [56.4e6, None]})
    >>> html = show_table(table).to_html()
    >>> "$56.4M" in html, "–" in html, ">0<" in html
    (True, True, False)
    >>> "+148.7%" in show_table(pd.DataFrame({"difference_pct": [148.737]})).to_html()
    True
    """
    if any(name is not None for name in table.index.names):
        table = table.reset_index()
    money = [c for c in (_MONEY if money is None else money) if c in table.columns]
    prose = [c for c in _PROSE if c in table.columns]
    # Cells and headings come from documents (sentences, ids, file names): shown as text, never as HTML.
    style = table.style.hide(axis="index").format(na_rep=na, escape="html").format_index(escape="html", axis=1)
    if money:
        style = style.format(lambda v: na if pd.isna(v) else format_money(v), subset=money, escape="html")
    for column, scale in _PERCENT.items():
        if column in table.columns:
            style = style.format(lambda v, k=scale: na if pd.isna(v) else f"{v * k:+.1f}%", subset=[column],
                                 escape="html")
    if prose:
        style = style.set_properties(subset=prose, **{"text-align": "left", "min-width": "24em"})
    return style.set_table_styles([{"selector": "th", "props": [("text-align", "left")]}], overwrite=False)
