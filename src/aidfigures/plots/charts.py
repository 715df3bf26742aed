"""Charts of the tidy tables, each returned as a ``matplotlib.figure.Figure`` (no pyplot state)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from ..currency.formatting import format_money
from ..errors import SelectionError
from ..tables.derived import country_year, select_figures, wide
from ..tables.values import prepare_figures, require_columns
from .layout import (
    PALETTE,
    _category_ticks,
    _clean,
    _figure,
    _finish,
    _money_axis,
    _names,
    _nothing,
    _order,
    _summary_source,
    _year_axis,
    country_colors,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["plot_country_bars", "plot_country_lines", "plot_coverage", "plot_figures_per_document", "plot_profile"]
_SUMMARY_COLUMNS = ["recipient", "year", "value"]


def plot_country_bars(summary: pd.DataFrame, title: str | None = None, source: str | None = None,
                      dollars: str = "nominal US$", *, annotate_values: bool | None = None,
                      figsize: tuple[float, float] = (8, 4.5)) -> Figure:
    """Grouped bars of :func:`~aidfigures.tables.country_year` values: years across, a bar per country.

    The title defaults to what is plotted (``Aid to Colombia, Mexico and Peru by year (nominal
    US$)``), the source line to the number of documents and the rule behind the values; pass
    ``source=""`` for none. ``annotate_values`` writes each amount (``$56.4M``) above its bar;
    by default (None) only when the bars are wide enough for the labels not to collide.

    Examples
    --------
    >>> summary = pd.DataFrame({"recipient": ["Peru", "Colombia"], "year": [2006, 2006],
    ...                         "value": [56.4e6, 582e6]})
    >>> fig = plot_country_bars(summary)
    >>> ax = fig.axes[0]
    >>> fig.get_suptitle(), [float(p.get_height()) for p in ax.patches]
    ('Aid to Colombia and Peru by year (nominal US$)', [582000000.0, 56400000.0])
    >>> ax.yaxis.get_major_formatter()(56.4e6)
    '$56.4M'
    """
    data = _clean(require_columns(summary, _SUMMARY_COLUMNS, "country-year summary"))
    names = _order(data)
    fig, ax = _figure(figsize)
    title = title or f"Aid to {_names(names) if names else 'recipients'} by year ({dollars})"
    source = _summary_source(summary) if source is None else source
    if data.empty:
        return _nothing(fig, ax, title, source)
    years = sorted(data["year"].unique())
    slot = {year: i for i, year in enumerate(years)}
    width = 0.8 / len(names)
    colors = country_colors(names)
    bar_inches = (figsize[0] - 2.2) / len(years) * width
    if annotate_values is None:
        annotate_values = bar_inches >= 0.18
    for k, name in enumerate(names):
        rows = data[data["recipient"] == name].sort_values("year")
        where = [slot[y] - 0.4 + width * (k + 0.5) for y in rows["year"]]
        bars = ax.bar(where, rows["value"], width=width * 0.92, color=colors[name], label=name)
        if annotate_values:
            ax.bar_label(bars, labels=[format_money(v) for v in rows["value"]], padding=2,
                         fontsize=8, rotation=0 if bar_inches > 0.55 else 90)
    ax.margins(y=0.12 if bar_inches > 0.55 else 0.25)
    _category_ticks(ax.xaxis, [str(y) for y in years])
    _money_axis(ax.yaxis)
    ax.set_xlabel("Year")
    ax.set_ylabel(f"Aid ({dollars})")
    _style(ax)
    fig.legend(loc="outside right upper", frameon=False, title="Recipient")
    return _finish(fig, ax, title, source)


def plot_country_lines(summary: pd.DataFrame, title: str | None = None, source: str | None = None,
                       dollars: str = "nominal US$", *, figsize: tuple[float, float] = (8, 4.5)) -> Figure:
    """Each country's value over the years, one marked line per country.

    Lines break over years without a value; a thin dotted line bridges such gaps so that each
    country's points stay connected (its label starts with ``_``, so legends skip it).
    ``ax.lines[i]`` is the i-th country of the legend, with ``NaN`` in the gap years.

    Examples
    --------
    >>> summary = pd.DataFrame({"recipient": ["Peru", "Peru"], "year": [2006, 2008], "value": [56.4e6, 44.7e6]})
    >>> line = plot_country_lines(summary).axes[0].lines[0]
    >>> line.get_label(), [int(x) for x in line.get_xdata()], [float(y) for y in line.get_ydata()]
    ('Peru', [2006, 2007, 2008], [56400000.0, nan, 44700000.0])
    """
    data = _clean(require_columns(summary, _SUMMARY_COLUMNS, "country-year summary"))
    names = _order(data)
    fig, ax = _figure(figsize)
    title = title or f"Aid to {_names(names) if names else 'recipients'} over time ({dollars})"
    source = _summary_source(summary) if source is None else source
    if data.empty:
        return _nothing(fig, ax, title, source)
    colors = country_colors(names)
    bridged = []
    for name in names:
        rows = data[data["recipient"] == name].groupby("year")["value"].first()
        span = list(range(rows.index.min(), rows.index.max() + 1))
        values = rows.reindex(span)
        ax.plot(span, values.tolist(), marker="o", color=colors[name], label=name, linewidth=2)
        if values.isna().any():
            bridged.append((name, rows))
    for name, rows in bridged:
        ax.plot(rows.index.tolist(), rows.tolist(), linestyle=":", linewidth=1, color=colors[name],
                label=f"_gap {name}", zorder=1)
    if bridged:
        ax.plot([], [], linestyle=":", linewidth=1, color="0.3", label="dotted: years\nwithout figures")
    _year_axis(ax, sorted(data["year"].unique()))
    _money_axis(ax.yaxis)
    ax.set_ylim(0, ax.dataLim.y1 * 1.1 or 1.0)
    ax.set_xlabel("Year")
    ax.set_ylabel(f"Aid ({dollars})")
    _style(ax)
    fig.legend(loc="outside right upper", frameon=False, title="Recipient")
    return _finish(fig, ax, title, source)


def plot_profile(figures: pd.DataFrame, country: str, title: str | None = None, source: str | None = None,
                 dollars: str = "nominal US$", *, by: str = "measure", rule: str = "median",
                 figsize: tuple[float, float] = (8, 4.5)) -> Figure:
    """One country's figures over time, a marker per figure, coloured and shaped by ``by``.

    ``by`` is ``"measure"`` or ``"category"``. Only figures that enter the charts are drawn
    (see :func:`~aidfigures.tables.country_year`); a grey dash marks each year's chart value
    under ``rule``. Markers of different groups in one year are spread a little sideways.

    Examples
    --------
    >>> import aidfigures as af
    >>> figs = af.extract("Peru requested 44.7 million dollars for 2011 and received 40 million dollars in 2011.")
    >>> fig = plot_profile(figs, "PER")
    >>> ax = fig.axes[0]
    >>> fig.get_suptitle()
    'Aid figures for Peru by year and measure (nominal US$)'
    >>> [(line.get_label(), [float(y) for y in line.get_ydata()]) for line in ax.lines]
    [('disbursed', [40000000.0]), ('requested', [44700000.0]), ('chart value (median)', [42350000.0])]
    """
    if by not in ("measure", "category"):
        raise SelectionError(f"by must be 'measure' or 'category', got {by!r}")
    chosen = select_figures(figures, countries=country)
    prepared = prepare_figures(chosen)
    drawn = prepared[prepared["note"].isna()].copy()
    name = chosen["recipient"].dropna().iloc[0] if len(chosen) else country
    fig, ax = _figure(figsize)
    title = title or f"Aid figures for {name} by year and {by} ({dollars})"
    if source is None:
        docs = drawn["doc_id"].nunique()
        source = f"Source: aidfigures extraction, {len(drawn)} figures from {docs} document{'s' * (docs != 1)}"
    if drawn.empty:
        return _nothing(fig, ax, title, source)
    drawn["group"] = drawn[by].fillna("not stated").astype(str)
    groups = sorted(drawn["group"].unique(), key=lambda g: (g == "not stated", g))
    step = min(0.12, 0.5 / len(groups))
    for year, here in drawn.groupby("year")["group"]:  # groups sharing a year stand side by side
        present = [g for g in groups if g in set(here)]
        drawn.loc[here.index, "x"] = [int(year) + (present.index(g) - (len(present) - 1) / 2) * step for g in here]
    for i, group in enumerate(groups):
        rows = drawn[drawn["group"] == group]
        ax.plot(rows["x"].tolist(), rows["value"].astype(float).tolist(),
                linestyle="none", marker="osD^vP<>"[i % 8], markersize=8, color=PALETTE[i % len(PALETTE)],
                label=group.replace("_", " "), alpha=0.9)
    summary = country_year(chosen, rule=rule)
    ax.plot(summary["year"].astype(int).tolist(), summary["value"].tolist(), linestyle="none", marker="_",
            markersize=28, markeredgewidth=2, color="0.55", label=f"chart value ({rule})", zorder=1)
    _year_axis(ax, sorted(drawn["year"].astype(int).unique()))
    _money_axis(ax.yaxis)
    ax.set_ylim(0, ax.dataLim.y1 * 1.1 or 1.0)
    ax.set_xlabel("Year")
    ax.set_ylabel(f"Aid ({dollars})")
    _style(ax)
    fig.legend(loc="outside right upper", frameon=False, title=by.capitalize())
    return _finish(fig, ax, title, source)


def plot_coverage(coverage_table: pd.DataFrame, title: str | None = None, source: str | None = None,
                  *, figsize: tuple[float, float] | None = None) -> Figure:
    """Heat map of :func:`~aidfigures.tables.coverage`: recipients down, years across, counts in cells.

    Every year between the first and the last is a column, so years without figures show as
    empty cells.

    Examples
    --------
    >>> table = pd.DataFrame({"recipient": ["Peru", "Peru", "Colombia"], "year": [2006, 2008, 2006],
    ...                       "n_figures": [2, 1, 1]})
    >>> ax = plot_coverage(table).axes[0]
    >>> [t.get_text() for t in ax.texts], [t.get_text() for t in ax.get_xticklabels()]
    (['1', '2', '1'], ['2006', '2007', '2008'])
    """
    table = require_columns(coverage_table, ["recipient", "year", "n_figures"], "coverage table")
    table = table.dropna(subset=["recipient", "year"])
    grid = wide(table, "n_figures") if len(table) else pd.DataFrame()
    if len(grid.columns):
        low, high = int(min(grid.columns)), int(max(grid.columns))
        grid = grid.reindex(columns=range(low, high + 1) if high - low <= 80 else sorted(grid.columns))
    counts = grid.astype("Float64").fillna(0).to_numpy(dtype=float)
    size = figsize or (min(16.0, max(6.0, 3.0 + 0.45 * counts.shape[1])),
                       min(20.0, max(3.0, 1.6 + 0.32 * counts.shape[0])))
    fig, ax = _figure(size)
    title = title or "Figures found per recipient and year"
    if source is None:
        source = f"Source: aidfigures extraction; {int(counts.sum())} figures with a recipient and a year"
    if counts.size == 0 or counts.sum() == 0:
        return _nothing(fig, ax, title, source)
    image = ax.imshow(counts, cmap="Blues", aspect="auto", vmin=0, vmax=max(4.0, counts.max()))
    if counts.size > 900:  # too many cells to write the counts in: a colour scale instead
        fig.colorbar(image, ax=ax, label="figures", shrink=0.8, pad=0.01)
    else:
        for (i, j), n in pd.DataFrame(counts).stack().items():
            if n:
                ax.text(j, i, f"{n:.0f}", ha="center", va="center", fontsize=8,
                        color="white" if n > 0.55 * max(4.0, counts.max()) else "black")
    _category_ticks(ax.xaxis, [str(y) for y in grid.columns], rotate_over=20, keep=30)
    _category_ticks(ax.yaxis, [str(n) for n in grid.index], rotate_over=10**6, keep=60)
    ax.set_xticks([x - 0.5 for x in range(1, counts.shape[1])], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, counts.shape[0])], minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    ax.spines[:].set_visible(False)
    ax.set_xlabel("Year")
    return _finish(fig, ax, title, source)


def plot_figures_per_document(per_doc: pd.DataFrame, title: str | None = None, source: str | None = None,
                              *, limit: int = 50, figsize: tuple[float, float] | None = None) -> Figure:
    """Horizontal bars of :func:`~aidfigures.tables.per_document`: aid and other figures per document.

    Documents keep their order, top to bottom; beyond ``limit`` only those with the most figures
    are drawn (the title says so). Failed documents are marked ``failed`` at zero.

    Examples
    --------
    >>> per_doc = pd.DataFrame({"doc_id": ["a", "b"], "n_figures": [6, 0], "n_aid": [5, 0],
    ...                         "error": [None, "binary file, not text"]})
    >>> ax = plot_figures_per_document(per_doc).axes[0]
    >>> [float(p.get_width()) for p in ax.patches], [t.get_text() for t in ax.texts]
    ([5.0, 0.0, 1.0, 0.0], ['6', 'failed: binary file, not text'])
    """
    table = require_columns(per_doc, ["doc_id", "n_figures", "n_aid"], "per-document table").copy()
    total = len(table)
    if total > limit:
        table = table.loc[table["n_figures"].astype(float).sort_values(ascending=False, kind="stable").index[:limit]]
        table = table.sort_index()
    height = min(20.0, max(2.5, 1.4 + 0.28 * len(table)))
    fig, ax = _figure(figsize or (8, height))
    docs = f"{total} document{'s' if total != 1 else ''}"
    title = title or (f"Figures found per document ({docs})" if total <= limit
                      else f"Figures found per document: the {limit} documents with most figures, of {total}")
    errors = table["error"] if "error" in table.columns else pd.Series(pd.NA, index=table.index)
    if source is None:
        failed = int(errors.notna().sum())
        source = f"Source: aidfigures extraction from {docs}" + (f", {failed} failed" if failed else "")
    if table.empty:
        return _nothing(fig, ax, title, source)
    n_all = table["n_figures"].astype(float).to_numpy()
    n_aid = table["n_aid"].astype(float).to_numpy()
    rows = range(len(table))
    ax.barh(rows, n_aid, color="#0072B2", label="aid")
    ax.barh(rows, (n_all - n_aid).clip(min=0), left=n_aid, color="#BBBBBB", label="other figures")
    for row, n, error in zip(rows, n_all, errors, strict=True):
        label = f"failed: {error}" if not pd.isna(error) else f"{n:.0f}"
        ax.annotate(label, (n, row), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8,
                    color="#D55E00" if not pd.isna(error) else "0.2")
    names = [d if len(d) <= 40 else d[:39] + "…" for d in table["doc_id"].astype(str)]
    _category_ticks(ax.yaxis, names, rotate_over=10**6, keep=80)
    ax.set_ylim(len(table) - 0.4, -0.6)  # first document on top, no empty band
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, max(1.0, n_all.max()) * 1.15)
    ax.set_xlabel("Figures found")
    _style(ax, grid="x")
    fig.legend(loc="outside right upper", frameon=False)
    return _finish(fig, ax, title, source)


def _style(ax: Any, grid: str = "y") -> None:
    """Light value grid behind the data, no top/right frame."""
    ax.grid(axis=grid, color="0.9", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.spines[["top", "right"]].set_visible(False)
