"""Tables for people to read in reports: money formatted, no row numbers, missing shown as a dash."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

import pandas as pd

from ..currency.formatting import format_money
from .page_text import NO_MATH

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

__all__ = ["LABELS", "label", "show_table"]

#: Columns holding US-dollar amounts in the tables aidfigures makes.
_MONEY = ("value", "min", "max", "amount_usd", "extracted_usd", "official_usd", "min_usd", "median_usd",
          "max_usd", "spread")
#: Columns holding percentages (difference_pct) or shares (relative_spread, 0.031 = 3.1%).
_PERCENT = {"difference_pct": 1.0, "relative_spread": 100.0}
#: Column headings for people: the tables' column names are for code (``n_no_usd``).
LABELS: Final[dict[str, str]] = {
    "recipient_iso3": "ISO3", "year_end": "To year", "per": "Rate per", "doc_id": "Document",
    "n_figures": "Figures", "n_documents": "Documents", "n_mentions": "Mentions", "n_no_usd": "Not in US$",
    "min_usd": "Lowest", "median_usd": "Median", "max_usd": "Highest", "min": "Lowest", "max": "Highest",
    "conflict": "Sources disagree", "figures": "Figures used (document:start)", "extracted_usd": "Extracted",
    "official_usd": "Official", "difference_pct": "Difference", "same_definition": "Same definition",
    "source": "Official source", "relative_spread": "Relative spread", "shown": "Shown as",
    "corrected": "Checked by hand",
}
#: The columns a correction of each field changes, marked in tables (money columns for amount and currency).
_FIELD_COLUMNS: Final = {"recipient": ("recipient", "recipient_iso3"), "year": ("year", "year_end"),
                         "amount": ("amount", "amount_high", "shown", *_MONEY),
                         "currency": ("currency", "shown", *_MONEY),
                         "is_aid": ("is_aid",)}
#: Columns holding prose: shown left-aligned and wide enough to read.
_PROSE = ("sentence", "claim", "evidence", "note", "official_note", "text", "error")


def label(column: object) -> str:
    """The heading of a column on a report page.

    Examples
    --------
    >>> label("n_no_usd"), label("official_measure"), label("recipient")
    ('Not in US$', 'Official measure', 'Recipient')
    """
    name = str(column)
    return LABELS.get(name) or name.replace("_", " ").capitalize()


def show_table(table: pd.DataFrame, money: Iterable[str] | None = None, na: str = "–") -> Styler:
    """Style a table for a page: money as ``$56.4M``, no row numbers, NA as ``–``, text escaped, headings named.

    Column headings come from :data:`LABELS` (``n_no_usd`` -> ``Not in US$``), others are the name
    with spaces, capitalized (``official_measure`` -> ``Official measure``). Long cells wrap, so that
    the table fits the page instead of scrolling sideways.

    ``money`` names the US-dollar columns (default: the usual ones, such as ``value`` or
    ``official_usd``, that the table has). A named index (``wide`` tables) becomes a column so
    that its labels stay visible. The data behind the page is saved unformatted with
    :func:`aidfigures.save_table`; this only changes how it looks. Every cell and heading is shown
    as text: ``<script>`` in a sentence, an id or a file name is escaped, never run.

    Examples
    --------
    >>> table = pd.DataFrame({"recipient": ["Peru", "Colombia"], "value": [56.4e6, None]})
    >>> html = show_table(table).to_html()
    >>> "$56.4M" in html, "–" in html, ">0<" in html, ">Recipient<" in html
    (True, True, False, True)
    >>> "+148.7%" in show_table(pd.DataFrame({"difference_pct": [148.737]})).to_html()
    True
    >>> "≈$582M" in show_table(pd.DataFrame({"value": [582e6, 56.4e6], "approx": [True, False]})).to_html()
    True

    A ``corrected`` column (a figures table's, or :func:`~aidfigures.tables.checks.with_checks`'s)
    marks the values corrected by hand: highlighted, with ``✎`` after them, and the column itself reads
    ``✎ recipient`` or ``✓ confirmed``.

    >>> t = pd.DataFrame({"recipient": ["Peru", "Chile"], "year": [2004, 2005], "corrected": ["year", pd.NA]})
    >>> page = show_table(t).to_html()
    >>> page.count('class="data row0 col1 af-corrected"'), "✎ year" in page, "af-corrected" in page.split("row1")[1]
    (1, True, False)
    """
    if any(name is not None for name in table.index.names):
        table = table.reset_index()
    money = [c for c in (_MONEY if money is None else money) if c in table.columns]
    prose = [c for c in _PROSE if c in table.columns]
    # Cells and headings come from documents (sentences, ids, file names): shown as text, never as HTML.
    style = table.style.hide(axis="index").format(na_rep=na, escape="html").format_index(escape="html", axis=1)
    if money:
        style = style.format(lambda v: na if pd.isna(v) else format_money(v), subset=money, escape="html")
    if "value" in money and "approx" in table.columns:  # approximate values as ``≈$582M``, as on the charts
        rows = [i for i, a in enumerate(table["approx"].tolist()) if not pd.isna(a) and bool(a)]
        if rows:
            style = style.format(lambda v: na if pd.isna(v) else "≈" + format_money(v),
                                 subset=(table.index[rows], ["value"]), escape="html")
    for column, scale in _PERCENT.items():
        if column in table.columns:
            style = style.format(lambda v, k=scale: na if pd.isna(v) else f"{v * k:+.1f}%", subset=[column],
                                 escape="html")
    if prose:
        style = style.set_properties(subset=prose, **{"text-align": "left", "min-width": "16em"})
    codes = [c for c in ("figures", "doc_id") if c in table.columns]  # long ids may break anywhere
    if codes:
        style = style.set_properties(subset=codes, **{"overflow-wrap": "anywhere", "min-width": "8em"})
    # relabel_index bypasses format_index's escaping and formats each label with str.format
    style = style.relabel_index([html.escape(label(c)).replace("{", "{{").replace("}", "}}") for c in table.columns],
                                axis="columns")
    if "corrected" in table.columns:
        style = _mark_corrected(style, table, na)
    style = style.set_table_attributes(f'class="{NO_MATH}"')  # "$44.7M ... $56.4M" in a cell is no formula
    return style.set_table_styles([{"selector": "th", "props": [("text-align", "left")]}], overwrite=False)


def _mark_corrected(style: Styler, table: pd.DataFrame, na: str) -> Styler:
    """Highlight the cells of the fields each row's ``corrected`` names; the column as ``✎ year``/``✓ confirmed``."""
    import numpy as np

    classes = np.full(table.shape, "", dtype=object)
    where = {column: i for i, column in enumerate(table.columns)}
    for row, value in enumerate(table["corrected"].tolist()):
        if pd.isna(value) or value == "confirmed":
            continue
        for field in str(value).split(";"):
            for column in _FIELD_COLUMNS.get(field, ()):
                if column in where:
                    classes[row, where[column]] = "af-corrected"
    style = style.set_td_classes(pd.DataFrame(classes, index=table.index, columns=table.columns))
    style = style.format(lambda v: na if pd.isna(v) else "✓ confirmed" if v == "confirmed"
                         else "✎ " + ", ".join(str(v).split(";")), subset=["corrected"], escape="html")
    return style.set_table_styles([
        {"selector": ".af-corrected", "props": [("background-color", "#fff1c2"), ("white-space", "nowrap")]},
        {"selector": ".af-corrected::after", "props": [("content", "' ✎'")]},
    ], overwrite=False)
