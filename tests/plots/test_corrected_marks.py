"""Charts mark the values that rest on a figure corrected by hand, and only those."""

from __future__ import annotations

import matplotlib
import pandas as pd
import pytest

import aidfigures as af
from aidfigures.plots.marks import CORRECTED_LABEL, MARK_COLOR

matplotlib.use("Agg")

#: Invented: two recipients, three years, two measures.
_TEXT = ("Peru received 40 million dollars in 2006. Peru received 35 million dollars in 2007. "
         "Colombia requested 500 million dollars for 2007.")


def _figures(marks: dict[int, str]) -> pd.DataFrame:
    """The invented figures with a ``corrected`` column: ``marks`` by row position, NA elsewhere."""
    figs = af.extract(_TEXT)
    assert len(figs) == 3
    figs["corrected"] = pd.Series([marks.get(i, pd.NA) for i in range(len(figs))], index=figs.index, dtype="string")
    return figs


def _summary(figs: pd.DataFrame) -> pd.DataFrame:
    return af.tables.country_year(figs)


def _legend_texts(fig: object) -> list[str]:
    ax = fig.axes[0]  # type: ignore[attr-defined]
    legend = ax.get_legend()
    return [t.get_text() for t in legend.get_texts()] if legend else []


def _notes(fig: object) -> str:
    """The figure's texts (title, source line) as one line."""
    return " ".join(" ".join(t.get_text() for t in fig.texts).split())  # type: ignore[attr-defined]


def _marked_bars(fig: object) -> list[float]:
    return [float(p.get_height() if p.get_height() > p.get_width() else p.get_width())
            for p in fig.axes[0].patches if p.get_gid() == "corrected"]  # type: ignore[attr-defined]


def _rings(fig: object) -> list[list[float]]:
    return [[float(y) for y in line.get_ydata()] for line in fig.axes[0].lines  # type: ignore[attr-defined]
            if line.get_gid() == "corrected"]


def _bars(figs: pd.DataFrame, pass_figures: bool) -> object:
    summary = _summary(figs)
    return (af.plot_country_bars(summary, figures=figs) if pass_figures
            else af.plot_country_bars(af.tables.with_checks(summary, figs)))


def _lines(figs: pd.DataFrame, pass_figures: bool) -> object:
    summary = _summary(figs)
    return (af.plot_country_lines(summary, figures=figs) if pass_figures
            else af.plot_country_lines(af.tables.with_checks(summary, figs)))


@pytest.mark.parametrize("pass_figures", [True, False], ids=["figures=", "corrected column"])
@pytest.mark.parametrize(("marks", "expected"), [
    ({}, []),
    ({0: "confirmed", 1: "confirmed", 2: "confirmed"}, []),  # confirmed values are the extracted ones
    ({1: "amount"}, [35e6]),
    ({0: "year;recipient", 2: "confirmed"}, [40e6]),
])
def test_country_bars_outline_corrected_values(marks: dict[int, str], expected: list[float],
                                               pass_figures: bool) -> None:
    fig = _bars(_figures(marks), pass_figures)
    assert sorted(_marked_bars(fig)) == expected
    outlined = [p for p in fig.axes[0].patches if p.get_gid() == "corrected"]  # type: ignore[attr-defined]
    assert all(matplotlib.colors.to_hex(p.get_edgecolor()) == matplotlib.colors.to_hex(MARK_COLOR) for p in outlined)
    assert (CORRECTED_LABEL in _legend_texts(fig)) == bool(expected)


@pytest.mark.parametrize("pass_figures", [True, False], ids=["figures=", "corrected column"])
@pytest.mark.parametrize(("marks", "expected"), [
    ({}, []),
    ({0: "confirmed"}, []),
    ({2: "recipient"}, [[500e6]]),
    ({0: "amount", 1: "is_aid"}, [[40e6, 35e6]]),
])
def test_country_lines_ring_corrected_values(marks: dict[int, str], expected: list[list[float]],
                                             pass_figures: bool) -> None:
    fig = _lines(_figures(marks), pass_figures)
    assert [sorted(r) for r in _rings(fig)] == [sorted(r) for r in expected]
    assert (CORRECTED_LABEL in _legend_texts(fig)) == bool(expected)


@pytest.mark.parametrize(("marks", "expected"), [
    ({}, []),
    ({0: "confirmed", 1: "confirmed"}, []),
    ({1: "year"}, [[35e6]]),
])
def test_profile_rings_corrected_figures(marks: dict[int, str], expected: list[list[float]]) -> None:
    fig = af.plot_profile(_figures(marks), "PER")
    assert _rings(fig) == expected
    assert (CORRECTED_LABEL in _legend_texts(fig)) == bool(expected)


@pytest.mark.parametrize(("marks", "cell"), [
    ({}, None),
    ({0: "confirmed"}, None),
    ({2: "currency"}, "1 ✎"),
])
def test_coverage_marks_cells_with_a_corrected_figure(marks: dict[int, str], cell: str | None) -> None:
    figs = _figures(marks)
    fig = af.plot_coverage(af.tables.coverage(figs), figures=figs)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert [t for t in texts if "✎" in t] == ([cell] if cell else [])
    assert ("✎: the cell counts a figure corrected by hand" in _notes(fig)) == bool(cell)


@pytest.mark.parametrize(("marks", "marked"), [({}, False), ({1: "confirmed"}, False), ({1: "is_aid"}, True)])
def test_per_document_marks_documents_with_a_corrected_figure(marks: dict[int, str], marked: bool) -> None:
    figs = _figures(marks)
    fig = af.plot_figures_per_document(af.tables.per_document(figs), figures=figs)
    assert [t.get_text() for t in fig.axes[0].texts] == ["3 ✎" if marked else "3"]
    assert ("✎: the document has a figure corrected by hand" in _notes(fig)) == marked


@pytest.mark.parametrize(("corrected", "marked"), [
    (pd.NA, []), ("confirmed", []), ("amount", [56.4e6]),
])
def test_reference_check_outlines_the_corrected_extracted_bar_only(corrected: object, marked: list[float]) -> None:
    check = pd.DataFrame({"recipient": ["Peru", "Peru"], "year": [2006, 2006],
                          "measure": ["disbursed", "disbursed"], "source": ["USAID FAE", "Just the Facts"],
                          "extracted_usd": [56.4e6, 56.4e6], "official_usd": [175.2e6, 55e6],
                          "same_definition": [False, True], "corrected": [corrected, corrected]})
    fig = af.plot_reference_check(check)
    assert _marked_bars(fig) == marked
    assert (CORRECTED_LABEL in _legend_texts(fig)) == bool(marked)


def test_reference_check_matches_facts_to_figures() -> None:
    figs = _figures({0: "amount"})
    check = pd.DataFrame({"recipient": ["Peru"], "year": [2006], "measure": ["disbursed"], "source": ["USAID FAE"],
                          "extracted_usd": [40e6], "official_usd": [41e6], "same_definition": [True],
                          "figures": [f"{figs['doc_id'].iloc[0]}:{figs['start'].iloc[0]}"]})
    assert _marked_bars(af.plot_reference_check(check, figures=figs)) == [40e6]
    assert _marked_bars(af.plot_reference_check(check, figures=_figures({}))) == []
