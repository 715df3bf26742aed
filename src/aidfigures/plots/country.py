"""Country charts of :func:`~aidfigures.tables.country_year` values: grouped bars and lines over the years."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from ..tables.values import require_columns
from .layout import (
    _clean,
    _figure,
    _finish,
    _legend,
    _money_axis,
    _money_label,
    _names,
    _nothing,
    _order,
    _style,
    _subject,
    _summary_source,
    _year_axis,
)
from .marks import _bar_handle, _corrected, _mark_bar, _ring, _ring_handle
from .palette import NOT_STATED, country_colors, measure_hatch, measure_key, measure_marker

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["plot_country_bars", "plot_country_lines"]
_SUMMARY_COLUMNS = ["recipient", "year", "value"]


def plot_country_bars(summary: pd.DataFrame, title: str | None = None, source: str | None = None,
                      dollars: str = "nominal US$", *, sources: str | None = None,
                      annotate_values: bool | None = None, figures: pd.DataFrame | None = None,
                      figsize: tuple[float, float] = (8, 4.5)) -> Figure:
    """Bars of :func:`~aidfigures.tables.country_year` values on a year axis, a bar per country, hatched by measure.

    Years keep their real spacing (2006 and 2011 stand five years apart) and every bar has the
    same width. The hatch says the budget stage (plain: disbursed, striped: requested...; see
    :mod:`aidfigures.plots.palette`), so that a request is not read as money spent. The title
    defaults to what is plotted (``Military and police aid to Colombia and Peru by year (nominal
    US$)``); the source line names ``sources`` (:func:`~aidfigures.tables.source_line`) or counts
    the documents, then the rule behind the values; ``source=""`` for none. ``annotate_values``
    writes each amount (``$56.4M``, ``≈$582M`` when approximate) above its bar; by default (None)
    only when the bars are wide enough for the labels not to collide. A bar whose value rests on a
    figure corrected by hand (``figures``: the figures table behind ``summary``, with its
    ``corrected`` column; or a ``corrected`` column of ``summary``, see
    :func:`~aidfigures.tables.with_checks`) gets a dark outline and ``✎`` after its amount, and
    the legend a line ``✎ corrected by hand``; a value whose figures were only confirmed is drawn as any other.

    Examples
    --------
    >>> summary = pd.DataFrame({"recipient": ["Peru", "Colombia"], "year": [2006, 2006],
    ...                         "value": [56.4e6, 582e6], "measure": ["disbursed", "disbursed"],
    ...                         "approx": [False, True]})
    >>> fig = plot_country_bars(summary)
    >>> ax = fig.axes[0]
    >>> fig.get_suptitle(), [float(p.get_height()) for p in ax.patches]
    ('Aid to Colombia and Peru by year (nominal US$)', [582000000.0, 56400000.0])
    >>> [t.get_text() for t in ax.texts]
    ['≈$582M', '$56.4M']
    >>> summary["corrected"] = ["amount", pd.NA]
    >>> ax = plot_country_bars(summary).axes[0]
    >>> [p.get_gid() for p in ax.patches], [t.get_text() for t in ax.texts]
    ([None, 'corrected'], ['≈$582M', '$56.4M ✎'])
    """
    data = _clean(require_columns(summary, _SUMMARY_COLUMNS, "country-year summary"))
    data["marked"] = _corrected(data, figures)
    names = _order(data)
    fig, ax = _figure(figsize)
    title = title or f"{_subject(data)} to {_names(names) if names else 'recipients'} by year ({dollars})"
    source = _summary_source(summary, sources) if source is None else source
    if data.empty:
        return _nothing(fig, ax, title, source)
    years = sorted(data["year"].unique())
    low, high = years[0], years[-1]
    width = 0.8 / len(names)  # in years: the same for every bar
    colors = country_colors(names)
    bar_inches = (figsize[0] - 2.2) / (high - low + 1) * width
    if annotate_values is None:
        annotate_values = bar_inches >= 0.18
    for k, name in enumerate(names):
        rows = data[data["recipient"] == name].sort_values("year")
        where = [y - 0.4 + width * (k + 0.5) for y in rows["year"]]
        bars = ax.bar(where, rows["value"], width=width * 0.92, color=colors[name], label=name,
                      edgecolor="white", linewidth=0.6)
        for bar, measure, marked in zip(bars, rows["measure"], rows["marked"], strict=True):
            bar.set_hatch(measure_hatch(measure))
            if marked:
                _mark_bar(bar)
        if annotate_values:
            ax.bar_label(bars, labels=[_money_label(v, a) + (" ✎" if m else "")
                                       for v, a, m in zip(rows["value"], rows["approx"], rows["marked"], strict=True)],
                         padding=2, fontsize=8, rotation=0 if bar_inches > 0.55 else 90)
    ax.margins(y=0.12 if bar_inches > 0.55 else 0.25)
    _year_axis(ax, years)
    _money_axis(ax.yaxis)
    ax.set_xlabel("Year")
    ax.set_ylabel(f"Aid ({dollars})")
    _style(ax)
    _legends(ax, names, colors, sorted(set(data["measure"]), key=measure_key), bars=True,
             marked=bool(data["marked"].any()))
    return _finish(fig, ax, title, source)


def plot_country_lines(summary: pd.DataFrame, title: str | None = None, source: str | None = None,
                       dollars: str = "nominal US$", *, sources: str | None = None,
                       figures: pd.DataFrame | None = None, figsize: tuple[float, float] = (8, 4.5)) -> Figure:
    """Each country's values over the years: a mark per value, shaped by its measure, and lines for trends.

    A solid line joins two values only when they are of consecutive years and of the same
    measure: no line bridges years without figures or links a 2006 disbursement to a 2011
    request. ``ax.lines`` holds, for each country in legend order, its line runs (labelled with
    the country, later runs with ``_``) and then its marks, one ``Line2D`` per measure (labels
    ``_<country> <measure>``). Values that rest on a figure corrected by hand (``figures`` or a
    ``corrected`` column, as for :func:`plot_country_bars`) get a dark ring: one more ``Line2D``
    after all countries, labelled ``✎ corrected by hand``, also in the legend.

    Examples
    --------
    >>> summary = pd.DataFrame({"recipient": ["Peru"] * 3, "year": [2006, 2007, 2011],
    ...                         "value": [56.4e6, 50e6, 44.7e6], "measure": ["disbursed", "disbursed", "requested"]})
    >>> ax = plot_country_lines(summary).axes[0]
    >>> [(line.get_label(), line.get_linestyle(), [int(x) for x in line.get_xdata()]) for line in ax.lines]
    [('Peru', '-', [2006, 2007]), ('_Peru disbursed', 'None', [2006, 2007]), ('_Peru requested', 'None', [2011])]
    >>> summary["corrected"] = [pd.NA, "confirmed", "year"]
    >>> ring = plot_country_lines(summary).axes[0].lines[-1]
    >>> ring.get_label(), [int(x) for x in ring.get_xdata()]
    ('✎ corrected by hand', [2011])
    """
    data = _clean(require_columns(summary, _SUMMARY_COLUMNS, "country-year summary"))
    data["marked"] = _corrected(data, figures)
    names = _order(data)
    fig, ax = _figure(figsize)
    title = title or f"{_subject(data)} to {_names(names) if names else 'recipients'} over time ({dollars})"
    source = _summary_source(summary, sources) if source is None else source
    if data.empty:
        return _nothing(fig, ax, title, source)
    colors = country_colors(names)
    for name in names:
        rows = data[data["recipient"] == name].sort_values("year")
        label = name
        for run in _runs(rows):
            ax.plot(run["year"].tolist(), run["value"].tolist(), color=colors[name], linewidth=2, label=label)
            label = f"_{name} line"
        for measure, marks in rows.groupby("measure", sort=False):
            ax.plot(marks["year"].tolist(), marks["value"].tolist(), linestyle="none", color=colors[name],
                    marker=measure_marker(measure), markersize=8, markeredgecolor="white", markeredgewidth=0.5,
                    label=f"_{name} {measure}")
    marked = data[data["marked"]]
    if len(marked):
        _ring(ax, marked["year"].tolist(), marked["value"].tolist())
    _year_axis(ax, sorted(data["year"].unique()))
    _money_axis(ax.yaxis)
    ax.set_ylim(0, ax.dataLim.y1 * 1.1 or 1.0)
    ax.set_xlabel("Year")
    ax.set_ylabel(f"Aid ({dollars})")
    _style(ax)
    _legends(ax, names, colors, sorted(set(data["measure"]), key=measure_key), bars=False, marked=len(marked) > 0)
    return _finish(fig, ax, title, source)


def _runs(rows: pd.DataFrame) -> list[pd.DataFrame]:
    """Runs of two or more values of consecutive years and one measure (``mixed`` never joins)."""
    runs, start = [], 0
    years, measures = rows["year"].tolist(), rows["measure"].tolist()
    for i in range(1, len(rows) + 1):
        if i == len(rows) or years[i] != years[i - 1] + 1 or measures[i] != measures[i - 1] or measures[i] == "mixed":
            if i - start >= 2 and measures[start] != "mixed":
                runs.append(rows.iloc[start:i])
            start = i
    return runs


def _legends(ax: Any, names: list[str], colors: dict[str, str], measures: list[str], *, bars: bool,
             marked: bool = False) -> None:
    """One legend: the countries (colours), then the measures (hatches or marks, in grey), then the
    mark of values corrected by hand when ``marked``."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Any] = []
    for name in names:
        handles.append(Patch(facecolor=colors[name], label=name))  # a colour swatch: lines may be absent
    if measures:
        handles.append(Patch(visible=False, label="Measure"))  # a heading inside the legend
        for measure in measures:
            label = measure if measure != NOT_STATED else "measure not stated"
            handles.append(Patch(facecolor="white", edgecolor="0.25", hatch=measure_hatch(measure), label=label)
                           if bars else Line2D([], [], linestyle="none", marker=measure_marker(measure),
                                               color="0.35", markersize=8, label=label))
    if marked:
        handles.append(_bar_handle() if bars else _ring_handle())
    _legend(ax, handles=handles, title="Recipient")
