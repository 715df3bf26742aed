"""Tests for aidfigures.plots: what each chart draws, its labels, colours, source line, and that it renders."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import matplotlib
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from aidfigures import plots, schema, tables
from aidfigures.errors import UnknownCountryError
from aidfigures.plots import palette

matplotlib.use("Agg")  # tests only: the package never picks a backend

_ROWS = [  # (doc, start, recipient, iso3, year, amount, measure)
    ("a", 10, "Peru", "PER", 2006, 56.4e6, "disbursed"),
    ("a", 90, "Peru", "PER", 2006, 56.4e6, "disbursed"),
    ("b", 15, "Peru", "PER", 2006, 56.4e6, "appropriated"),
    ("a", 50, "Colombia", "COL", 2006, 582e6, "disbursed"),
    ("b", 60, "Colombia", "COL", 2006, 600e6, "disbursed"),
    ("b", 100, "Colombia", "COL", 2011, 351e6, "requested"),
    ("b", 140, "Mexico", "MEX", 2011, 147.9e6, "requested"),
    ("b", 180, "Peru", "PER", 2011, 44.7e6, "requested"),
]


@pytest.fixture
def figs() -> pd.DataFrame:
    rows = [dict.fromkeys(schema.COLUMNS) | {
        "doc_id": d, "start": s, "end": s + 4, "text": "$1 M", "amount": a, "currency": "USD", "amount_usd": a,
        "qualifier": "exact", "year": y, "recipient": r, "recipient_iso3": i, "measure": m, "is_aid": True,
        "category": "military", "sentence": f"{r} got it in {y}.",
    } for d, s, r, i, y, a, m in _ROWS]
    return schema.validate(pd.DataFrame(rows))


@pytest.fixture
def summary(figs: pd.DataFrame) -> pd.DataFrame:
    return tables.country_year(figs)


def _bars(ax) -> dict[str, list[float]]:
    """Legend label -> bar heights, read back from the drawn bar containers."""
    return {c.get_label(): [float(p.get_height()) for p in c.patches] for c in ax.containers}


def test_country_bars_draw_the_values(summary: pd.DataFrame) -> None:
    fig = plots.plot_country_bars(summary)
    ax = fig.axes[0]
    assert isinstance(fig, Figure)
    assert _bars(ax) == {"Colombia": [591e6, 351e6], "Mexico": [147.9e6], "Peru": [56.4e6, 44.7e6]}
    assert sorted(float(p.get_height()) for p in ax.patches) == sorted(summary["value"])
    assert fig.get_suptitle() == "Military aid to Colombia, Mexico and Peru by year (nominal US$)"
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(y) for y in range(2006, 2012)]  # a year axis
    assert ax.get_ylabel() == "Aid (nominal US$)" and ax.get_xlabel() == "Year"
    assert {t.get_text() for t in ax.texts} == {"$591M", "$351M", "$147.9M", "$56.4M", "$44.7M"}
    assert [t.get_text() for t in fig.texts] == [  # the title, then the source line
        fig.get_suptitle(),
        "Source: aidfigures extraction from 2 documents; values: median of the figures per country and year"]


@pytest.mark.parametrize(("value", "shown"), [(56.4e6, "$56.4M"), (1.2e9, "$1.2B"), (0.0, "$0"), (250e3, "$250K")],
                         ids=["millions", "billions", "zero", "thousands"])
def test_money_axis_ticks(summary: pd.DataFrame, value: float, shown: str) -> None:
    for fig in (plots.plot_country_bars(summary), plots.plot_country_lines(summary)):
        assert fig.axes[0].yaxis.get_major_formatter()(value) == shown


@pytest.mark.parametrize("plot", [plots.plot_country_bars, plots.plot_country_lines], ids=["bars", "lines"])
def test_legend_uses_the_country_colours(summary: pd.DataFrame, plot) -> None:
    fig = plot(summary)
    legend = fig.axes[0].get_legend()
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels[:3] == ["Colombia", "Mexico", "Peru"]  # largest total first
    handles = legend.legend_handles[:3]
    colours = [to_hex(h.get_color() if isinstance(h, Line2D) else h.get_facecolor()) for h in handles]
    assert colours == [plots.country_colors(labels[:3])[n].lower() for n in labels[:3]]
    assert colours == ["#0072b2", "#009e73", "#d55e00"]


def test_country_lines_data(summary: pd.DataFrame) -> None:
    fig = plots.plot_country_lines(summary)
    ax = fig.axes[0]
    marks = {line.get_label(): (line.get_marker(), list(line.get_ydata())) for line in ax.lines}
    assert marks == {"_Colombia disbursed": ("o", [591e6]), "_Colombia requested": ("s", [351e6]),
                     "_Mexico requested": ("s", [147.9e6]), "_Peru mixed": ("*", [56.4e6]),
                     "_Peru requested": ("s", [44.7e6])}  # Peru 2006: a disbursed and an appropriated figure
    assert all(line.get_linestyle() == "None" for line in ax.lines)  # five years apart: no line
    assert fig.get_suptitle() == "Military aid to Colombia, Mexico and Peru over time (nominal US$)"
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(y) for y in range(2006, 2012)]


@pytest.mark.parametrize(("annotate", "expected"), [(True, 5), (False, 0), (None, 5)], ids=["on", "off", "auto"])
def test_bar_annotations(summary: pd.DataFrame, annotate: bool | None, expected: int) -> None:
    assert len(plots.plot_country_bars(summary, annotate_values=annotate).axes[0].texts) == expected


def test_titles_and_sources_can_be_given(summary: pd.DataFrame) -> None:
    fig = plots.plot_country_bars(summary, title="My title", source="Source: me", dollars="constant 2020 US$")
    assert fig.get_suptitle() == "My title" and fig.axes[0].get_ylabel() == "Aid (constant 2020 US$)"
    assert [t.get_text() for t in fig.texts] == ["My title", "Source: me"]
    assert len(plots.plot_country_bars(summary, source="").texts) == 1


def test_profile_marks_each_figure_by_measure(figs: pd.DataFrame) -> None:
    fig = plots.plot_profile(figs, "per")
    ax = fig.axes[0]
    drawn = {line.get_label(): (line.get_marker(), sorted(float(y) for y in line.get_ydata())) for line in ax.lines}
    assert drawn == {"appropriated": ("D", [56.4e6]), "disbursed": ("o", [56.4e6]), "requested": ("s", [44.7e6]),
                     "chart value (median)": ("_", [44.7e6, 56.4e6])}
    assert {to_hex(line.get_color()) for line in ax.lines[:3]} == {"#d55e00"}  # Peru's colour, shapes for measures
    assert fig.get_suptitle() == "Military aid figures for Peru by year and measure (nominal US$)"
    with pytest.raises(UnknownCountryError, match="Peru"):
        plots.plot_profile(figs, "Peur")


def test_coverage_heat_map_writes_counts(figs: pd.DataFrame) -> None:
    ax = plots.plot_coverage(tables.coverage(figs)).axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Colombia", "Mexico", "Peru"]
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(y) for y in range(2006, 2012)]
    assert sorted(t.get_text() for t in ax.texts) == ["1", "1", "1", "2", "2"]
    assert ax.images[0].get_array()[2, 0] == 2  # Peru 2006: two documents, the repeat counted once


def test_figures_per_document_bars(figs: pd.DataFrame) -> None:
    per_doc = tables.per_document(figs, pd.DataFrame({"doc_id": ["bad"], "error": ["binary file, not text"]}))
    fig = plots.plot_figures_per_document(per_doc)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["bad", "a", "b"]
    assert [float(p.get_width()) for p in ax.patches[:3]] == [0.0, 3.0, 5.0]
    assert "failed: binary file, not text" in [t.get_text() for t in ax.texts]
    assert fig.get_suptitle() == "Figures found per document (3 documents)"


_EMPTY_CHARTS = {
    "bars": lambda f: plots.plot_country_bars(tables.country_year(f)),
    "lines": lambda f: plots.plot_country_lines(tables.country_year(f)),
    "profile": lambda f: plots.plot_profile(f, "Chile"),
    "coverage": lambda f: plots.plot_coverage(tables.coverage(f)),
    "per_document": lambda f: plots.plot_figures_per_document(tables.per_document(f)),
}


@pytest.mark.parametrize("chart", list(_EMPTY_CHARTS), ids=list(_EMPTY_CHARTS))
def test_empty_selection_says_no_figures(figs: pd.DataFrame, chart: str) -> None:
    fig = _EMPTY_CHARTS[chart](tables.select_figures(figs, countries="Chile"))
    assert [t.get_text() for t in fig.axes[0].texts] == ["No figures for this selection"]
    assert fig.get_suptitle()


@pytest.mark.parametrize("chart", list(_EMPTY_CHARTS), ids=list(_EMPTY_CHARTS))
def test_charts_render_to_png(figs: pd.DataFrame, chart: str, tmp_path: Path) -> None:
    make = {**_EMPTY_CHARTS, "profile": lambda f: plots.plot_profile(f, "Peru")}[chart]
    path = tmp_path / f"{chart}.png"
    make(figs).savefig(path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 5_000


@pytest.mark.parametrize(("names", "expected"), [
    (["Peru", "Colombia", "Mexico"], {"Peru": "#D55E00", "Colombia": "#0072B2", "Mexico": "#009E73"}),
    (["Mexico"], {"Mexico": "#009E73"}),
    (["Haiti", "El Salvador"], {"Haiti": "#000000", "El Salvador": "#44AA99"}),
], ids=["andean-three", "alone", "fixed-others"])
def test_country_colors_are_fixed(names: list[str], expected: dict[str, str]) -> None:
    assert plots.country_colors(names) == expected


def test_country_colors_are_stable_and_distinct() -> None:
    names = ["Chile", "Argentina", "Brazil", "Paraguay", "Uruguay", "Peru", "Colombia"]
    first = plots.country_colors(names)
    assert first == plots.country_colors(list(reversed(names)))
    assert len(set(first.values())) == len(names) and set(first.values()) <= set(plots.PALETTE)


def test_no_pyplot_and_no_matplotlib_at_import() -> None:
    code = ("import sys, aidfigures as af; assert 'matplotlib' not in sys.modules, 'matplotlib at import'; "
            "import pandas as pd; "
            "af.plots.plot_country_bars(pd.DataFrame({'recipient': ['Peru'], 'year': [2006], 'value': [1e6]}))"
            ".savefig(__import__('io').BytesIO()); "
            "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_charts_show_themselves_in_notebooks(summary: pd.DataFrame) -> None:
    """A cell ending in a chart shows a PNG even when pyplot's inline backend was never loaded."""
    fig = plots.plot_country_bars(summary)
    assert isinstance(fig, Figure) and fig._repr_png_()[:8] == b"\x89PNG\r\n\x1a\n"


# --- what a chart says about its figures ------------------------------------------------------------

def _summary(*rows: tuple[str, int, float, str]) -> pd.DataFrame:
    """Invented country-year values: (recipient, year, value, measure)."""
    return pd.DataFrame([{"recipient": r, "year": y, "value": v, "measure": m, "category": "military_police",
                          "approx": False} for r, y, v, m in rows])


# Invented series of one country: which of its values a line may join.
@pytest.mark.parametrize(("rows", "runs"), [
    pytest.param([(2006, 56.4e6, "disbursed"), (2007, 50e6, "disbursed")], [[2006, 2007]], id="consecutive-same"),
    pytest.param([(2006, 56.4e6, "disbursed"), (2011, 44.7e6, "disbursed")], [], id="gap-never-bridged"),
    pytest.param([(2010, 56.4e6, "disbursed"), (2011, 44.7e6, "requested")], [], id="measures-never-joined"),
    pytest.param([(2006, 5e6, "requested"), (2007, 6e6, "requested"), (2008, 7e6, "disbursed"),
                  (2009, 8e6, "disbursed")], [[2006, 2007], [2008, 2009]], id="one-line-per-measure"),
    pytest.param([(2006, 5e6, "mixed"), (2007, 6e6, "mixed")], [], id="mixed-values-never-joined"),
])
def test_lines_join_only_consecutive_years_of_one_measure(rows: list[tuple[int, float, str]],
                                                           runs: list[list[int]]) -> None:
    ax = plots.plot_country_lines(_summary(*[("Peru", *r) for r in rows])).axes[0]
    drawn = [[int(x) for x in line.get_xdata()] for line in ax.lines if line.get_linestyle() != "None"]
    assert drawn == runs
    assert all(line.get_linestyle() in ("-", "None") for line in ax.lines)  # solid, as in the legend


@pytest.mark.parametrize("plot", [plots.plot_country_bars, plots.plot_country_lines], ids=["bars", "lines"])
def test_legend_lists_countries_then_the_measures_drawn(plot) -> None:
    fig = plot(_summary(("Peru", 2006, 56.4e6, "disbursed"), ("Colombia", 2011, 351e6, "requested")))
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["Colombia", "Peru", "Measure", "requested",
                                                                   "disbursed"]
    assert fig.get_suptitle() == ("Military and police aid to Colombia and Peru "
                                  + ("by year" if plot is plots.plot_country_bars else "over time") + " (nominal US$)")


def test_bars_keep_year_spacing_width_and_measure_hatches() -> None:
    summary = _summary(("Peru", 2006, 56.4e6, "disbursed"), ("Colombia", 2006, 582e6, "disbursed"),
                       ("Peru", 2011, 44.7e6, "requested"), ("Colombia", 2011, 351e6, "requested"))
    summary.loc[1, "approx"] = True
    ax = plots.plot_country_bars(summary).axes[0]
    centres = sorted(round(p.get_x() + p.get_width() / 2) for p in ax.patches)
    assert centres == [2006, 2006, 2011, 2011]  # five years apart on the axis
    assert len({round(p.get_width(), 9) for p in ax.patches}) == 1
    assert {p.get_hatch() or "" for p in ax.patches if round(p.get_x()) < 2009} == {""}  # disbursed: plain
    assert {p.get_hatch() for p in ax.patches if round(p.get_x()) > 2009} == {"///"}  # requested: striped
    assert "≈$582M" in {t.get_text() for t in ax.texts} and "$56.4M" in {t.get_text() for t in ax.texts}


@pytest.mark.parametrize("plot", [plots.plot_country_bars, plots.plot_country_lines], ids=["bars", "lines"])
def test_long_title_does_not_run_into_the_legend(plot) -> None:
    fig = plot(_summary(("Peru", 2006, 56.4e6, "disbursed"), ("Colombia", 2006, 582e6, "disbursed"),
                        ("Mexico", 2011, 147.9e6, "requested")), dollars="constant 2024 US$ (CPI-U)")
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()  # runs the constrained layout
    renderer = canvas.get_renderer()
    title = fig._suptitle.get_window_extent(renderer)
    legend = fig.axes[0].get_legend().get_window_extent(renderer)
    assert not title.overlaps(legend)
    assert title.y0 >= fig.axes[0].get_window_extent(renderer).y1  # above the axes too
    box = fig.get_tightbbox(renderer)
    assert box.y1 * fig.dpi >= title.y1 - 1  # a tight bounding box keeps the title


def test_source_line_names_the_sources_when_given() -> None:
    fig = plots.plot_country_bars(_summary(("Peru", 2006, 56.4e6, "disbursed")),
                                  sources="Source: “Aid falls”, Lima Daily, 2010-12-16")
    assert fig.texts[-1].get_text().startswith("Source: “Aid falls”, Lima Daily, 2010-12-16")


def test_profile_by_category_uses_shapes_no_measure_has(figs: pd.DataFrame) -> None:
    ax = plots.plot_profile(figs, "Peru", by="category").axes[0]
    shapes = {line.get_marker() for line in ax.lines if line.get_label() != "chart value (median)"}
    assert shapes and not shapes & set(palette.MEASURE_MARKERS.values())


def test_coverage_heat_map_has_a_colour_bar_without_country_colours(figs: pd.DataFrame) -> None:
    fig = plots.plot_coverage(tables.coverage(figs))
    assert len(fig.axes) == 2 and fig.axes[1].get_ylabel() == "figures per cell"
    assert fig.axes[0].images[0].get_cmap().name == "Greys"


def test_reference_bars_one_thickness_and_two_vintages_told_apart() -> None:
    check = pd.DataFrame({"recipient": ["Colombia"] * 3, "year": [2011] * 3, "measure": ["requested"] * 3,
                          "source": ["Just the Facts", "Just the Facts", "USAID FAE"],
                          "extracted_usd": [351e6] * 3, "official_usd": [342.4e6, 341.6e6, 464.9e6],
                          "same_definition": [True, True, False],
                          "official_measure": ["as published", "best estimate", "President's Budget Requests"],
                          "official_source": ["JTF, 2010-04: http://a", "JTF, 2012-02: http://b", "FAE"]})
    ax = plots.plot_reference_check(check).axes[0]
    assert len({round(p.get_height(), 9) for p in ax.patches}) == 1
    labels = [t.get_text() for t in ax.texts]
    assert labels == ["$351M", "$342.4M (as published, 2010-04)", "$341.6M (best estimate, 2012-02)",
                      "$464.9M (President's Budget Requests)"]
    faces = [to_hex(p.get_facecolor()) for p in ax.patches]
    assert not set(faces) & {c.lower() for c in plots.PALETTE[:10]}  # colours mean countries: none here
