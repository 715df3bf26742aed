"""Figures shown with their provenance: each one's sentence, the amount marked in place (HTML for notebooks)."""

from __future__ import annotations

import html
from typing import Any, Final

import pandas as pd

from ..currency.formatting import format_money

__all__ = ["FiguresView", "mark_in_sentence", "show_figures"]

#: Rows shown before the rest are summarized ("... 1,234 more figures").
MAX_ROWS: Final = 200
_HEADERS: Final = ("document", "at", "recipient", "year", "amount", "measure", "aid", "sentence")
#: Cell styles: the short columns on one line, the sentence wrapping; all top-aligned.
_STYLE: Final = "text-align:left;vertical-align:top;white-space:nowrap"
_PROSE_STYLE: Final = "text-align:left;vertical-align:top;min-width:24em"
_NA: Final = "–"


def mark_in_sentence(sentence: Any, text: Any, occurrence: int = 0) -> str:
    """HTML of ``sentence`` with the ``occurrence``-th appearance of ``text`` in ``<mark>``; all escaped.

    When ``text`` is not in the sentence (or there is no sentence), the sentence is shown as it is
    followed by the marked text, so the figure is never lost.

    Examples
    --------
    >>> mark_in_sentence("Peru got $5 million, then $5 million <more>.", "$5 million", 1)
    'Peru got $5 million, then <mark>$5 million</mark> &lt;more&gt;.'
    >>> mark_in_sentence(None, "$5 million")
    '<mark>$5 million</mark>'
    """
    mention = "" if _missing(text) else str(text)
    if _missing(sentence):
        return f"<mark>{html.escape(mention)}</mark>" if mention else ""
    sentence = str(sentence)
    at = -1
    if mention:
        for _ in range(occurrence + 1):
            at = sentence.find(mention, at + 1)
            if at < 0:
                break
    if at < 0:
        return html.escape(sentence) + (f" (<mark>{html.escape(mention)}</mark>)" if mention else "")
    end = at + len(mention)
    return f"{html.escape(sentence[:at])}<mark>{html.escape(mention)}</mark>{html.escape(sentence[end:])}"


class FiguresView:
    """A figures table displayed for reading: one row per figure, its sentence with the amount marked.

    Jupyter shows it through ``_repr_html_``: document and character span, recipient, year, the
    amount (``$56.4M``, ``≈$582M`` when approximate, ``per month`` for a rate, or the currency's
    when there is no dollar value), measure, whether it is aid, and the sentence with the money
    mention highlighted where it stands. Everything taken from the documents is
    HTML-escaped. ``repr`` gives a plain-text version. At most ``max_rows`` rows are shown.
    """

    def __init__(self, figures: pd.DataFrame, max_rows: int = MAX_ROWS) -> None:
        self.figures = figures
        self.max_rows = max_rows

    def rows(self) -> list[tuple[str, ...]]:
        """The shown rows as (document, at, recipient, year, amount, measure, aid, sentence HTML)."""
        table = self.figures
        if table.empty:
            return []
        keys = [c for c in ("doc_id", "sentence", "text") if c in table.columns]
        order = table.sort_values("start", kind="stable") if "start" in table.columns else table
        nth = order.groupby(keys, dropna=False, sort=False).cumcount() if keys else pd.Series(0, index=order.index)
        shown: list[tuple[str, ...]] = []
        for index, row in table.head(self.max_rows).iterrows():
            span = (f"{row['start']}–{row['end']}" if not _missing(row.get("start")) and not _missing(row.get("end"))
                    else _NA)
            shown.append((
                _cell(row.get("doc_id")), span, _cell(row.get("recipient")), _cell(row.get("year")),
                html.escape(_amount(row)), _cell(row.get("measure")),
                _NA if _missing(row.get("is_aid")) else ("yes" if row.get("is_aid") else "no"),
                mark_in_sentence(row.get("sentence"), row.get("text"), int(nth.get(index, 0))),
            ))
        return shown

    def _repr_html_(self) -> str:
        head = "".join(f'<th style="{_STYLE}">{h}</th>' for h in _HEADERS)
        body = "".join("<tr>" + "".join(f'<td style="{_STYLE}">{cell}</td>' for cell in row[:-1])
                       + f'<td style="{_PROSE_STYLE}">{row[-1]}</td></tr>' for row in self.rows())
        more = len(self.figures) - min(len(self.figures), self.max_rows)
        tail = f"<p>… {more:,} more figures</p>" if more > 0 else ""
        empty = "<p>No figures.</p>" if self.figures.empty else ""
        table = f'<table class="aidfigures-figures"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
        return table + tail + empty

    def __repr__(self) -> str:
        lines = [f"{len(self.figures)} figures"]
        for document, at, recipient, year, amount, *_ in self.rows():
            lines.append(f"{html.unescape(document)} {at}: {html.unescape(recipient)} {html.unescape(year)} "
                         f"{html.unescape(amount)}")
        return "\n".join(lines)


def show_figures(figures: pd.DataFrame, max_rows: int = MAX_ROWS) -> FiguresView:
    """Display a figures table with each figure's sentence and the amount highlighted in place.

    ``display(af.show_figures(table))`` in a notebook (or leave it as a cell's last line).

    Examples
    --------
    >>> import aidfigures as af
    >>> view = show_figures(af.extract("Peru received $56.4 million in 2006 and <b>$1 million</b> in 2007."))
    >>> html = view._repr_html_()
    >>> "<mark>$56.4 million</mark>" in html, "&lt;b&gt;<mark>$1 million</mark>&lt;/b&gt;" in html
    (True, True)
    """
    return FiguresView(figures, max_rows)


def _amount(row: pd.Series) -> str:
    usd, amount = row.get("amount_usd"), row.get("amount")
    rate = "" if _missing(row.get("per")) else f" per {row.get('per')}"
    if not _missing(usd):
        return ("≈" if row.get("qualifier") == "approx" else "") + format_money(float(usd)) + rate
    if _missing(amount):
        return _NA
    return f"{float(amount):,.0f} {'' if _missing(row.get('currency')) else row.get('currency')}".strip() + rate


def _cell(value: Any) -> str:
    return _NA if _missing(value) else html.escape(str(value))


def _missing(value: Any) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
