"""Figures shown with their sentence and the amount marked in place (af.show_figures, FiguresView)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import aidfigures as af
from aidfigures.tables.provenance import mark_in_sentence

MARKS = [  # id, sentence, text, occurrence, expected HTML
    ("once", "Haiti got $3 million.", "$3 million", 0, "Haiti got <mark>$3 million</mark>."),
    ("first-of-two", "$2 million now, $2 million later", "$2 million", 0,
     "<mark>$2 million</mark> now, $2 million later"),
    ("second-of-two", "$2 million now, $2 million later", "$2 million", 1,
     "$2 million now, <mark>$2 million</mark> later"),
    ("markup-in-sentence", 'A <script>x()</script> & "q" got $1 million', "$1 million", 0,
     "A &lt;script&gt;x()&lt;/script&gt; &amp; &quot;q&quot; got <mark>$1 million</mark>"),
    ("markup-in-mention", "Paid <i>$4 million</i>.", "<i>$4 million</i>", 0,
     "Paid <mark>&lt;i&gt;$4 million&lt;/i&gt;</mark>."),
    ("mention-not-in-sentence", "Totals were revised.", "$9 million", 0,
     "Totals were revised. (<mark>$9 million</mark>)"),
    ("occurrence-past-the-last", "$2 million once", "$2 million", 3, "$2 million once (<mark>$2 million</mark>)"),
    ("no-sentence", None, "$9 million", 0, "<mark>$9 million</mark>"),
    ("na-sentence", pd.NA, "$9 million", 0, "<mark>$9 million</mark>"),
    ("no-mention", "Just words <b>.", None, 0, "Just words &lt;b&gt;."),
]


@pytest.mark.parametrize(("sentence", "text", "occurrence", "expected"), [m[1:] for m in MARKS],
                         ids=[m[0] for m in MARKS])
def test_the_mention_is_marked_in_place_and_everything_else_escaped(sentence: object, text: object,
                                                                    occurrence: int, expected: str) -> None:
    assert mark_in_sentence(sentence, text, occurrence) == expected


def _cells(html: str) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", html.split("<tbody>")[1])
    return [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in rows]


def test_each_figure_of_a_sentence_marks_its_own_mention() -> None:
    table = af.extract("Bolivia received $5 million in 2007 and another $5 million in 2008.", doc_id="memo")
    rows = _cells(af.show_figures(table)._repr_html_())
    assert [row[:5] for row in rows] == [["memo", "17–27", "Bolivia", "2007", "$5M"],
                                         ["memo", "48–58", "Bolivia", "2008", "$5M"]]
    assert rows[0][7] == ("Bolivia received <mark>$5 million</mark> in 2007 and another $5 million in 2008.")
    assert rows[1][7] == ("Bolivia received $5 million in 2007 and another <mark>$5 million</mark> in 2008.")


def test_the_order_of_the_table_does_not_change_which_mention_is_marked() -> None:
    table = af.extract("Bolivia received $5 million in 2007 and another $5 million in 2008.")
    rows = _cells(af.show_figures(table.iloc[::-1])._repr_html_())
    assert [r[3] for r in rows] == ["2008", "2007"]
    assert rows[0][7].index("<mark>") > rows[1][7].index("<mark>")


def test_document_text_and_ids_are_escaped() -> None:
    table = af.extract("Chile got nearly $40 million in 2009 <img src=x onerror=alert(1)>.",
                       doc_id="<script>alert(1)</script>")
    html = af.show_figures(table)._repr_html_()
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert _cells(html)[0][4] == "≈$40M"  # approximate figures say so


def test_long_tables_are_cut_and_empty_ones_say_so() -> None:
    text = " ".join(f"Peru received ${n} million in {2000 + n}." for n in range(1, 8))
    table = af.extract(text)
    html = af.show_figures(table, max_rows=3)._repr_html_()
    assert len(_cells(html)) == 3 and "… 4 more figures" in html
    empty = af.show_figures(table.iloc[0:0])._repr_html_()
    assert "No figures." in empty and _cells(empty) == []


def test_rates_and_figures_that_are_not_aid_say_so() -> None:
    table = af.extract("The colonel was paid $50,000 a month in bribes in 1999.", doc_id="a")
    row = _cells(af.show_figures(table)._repr_html_())[0]
    assert row[4] == "$50K per month" and row[6] == "no"


def test_plain_text_repr() -> None:
    table = af.extract("Peru received $56.4 million in 2006.", doc_id="a")
    assert repr(af.show_figures(table)).splitlines() == ["1 figures", "a 14–27: Peru 2006 $56.4M"]


def test_a_figure_without_dollars_shows_its_currency() -> None:
    table = af.extract("Peru received $56.4 million in 2006.", doc_id="a").assign(amount_usd=float("nan"),
                                                                                 currency="PEN")
    assert _cells(af.show_figures(table)._repr_html_())[0][4] == "56,400,000 PEN"
