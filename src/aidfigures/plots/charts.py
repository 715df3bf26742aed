"""Charts of the tidy tables, each returned as a ``matplotlib.figure.Figure`` (no pyplot state)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..errors import SelectionError
from ..tables.derived import country_year, select_figures, wide
from ..tables.values import prepare_figures, require_columns
from .layout import _AID_WORDS, _category_ticks, _figure, _finish, _legend, _money_axis, _nothing, _style, _year_axis
from .marks import _figure_marks, _ring
from .palette import NOT_STATED, category_marker, country_colors, measure_key, measure_marker

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["plot_coverage", "plot_figures_per_document", "plot_profile"]


def plot_profile(figures: pd.DataFrame, country: str, title: str | None = None, source: str | None = None,
                 dollars: str = "nominal US$", *, by: str = "measure", rule: str = "median",
                 sources: str | None = None, figsize: tuple[float, float] = (8, 4.5)) -> Figure:
    """One country's figures over time, a marker per figure in the country's colour, shaped by ``by``.

    ``by`` is ``"measure"`` (the measures' marks of every chart, :mod:`aidfigures.plots.palette`) or
    ``"category"``. The source line names ``sources`` (:func:`~aidfigures.tables.source_line`)
    or counts the figures and documents. Only figures that enter the charts are drawn
    (see :func:`~aidfigures.tables.country_year`); a grey dash marks each year's chart value
    under ``rule``. Markers of different groups in one year are spread a little sideways. A figure
    corrected by hand (its ``corrected`` column names a field) gets a dark ring, labelled
    ``✎ corrected by hand`` in the legend; one only confirmed is drawn as any other.

    Examples
    --------
    >>> import aidfigures as af
    >>> figs = af.extract("Peru requested 44.7 million dollars for 2011 and received 40 million dollars in 2011.")
    >>> fig = plot_profile(figs, "PER")
    >>> ax = fig.axes[0]
    >>> fig.get_suptitle()
    'Aid figures for Peru by year and measure (nominal US$)'
    >>> [(line.get_label(), line.get_marker(), [float(y) for y in line.get_ydata()]) for line in ax.lines]
    [('requested', 's', [44700000.0]), ('disbursed', 'o', [40000000.0]), ('chart value (median)', '_', [42350000.0])]
    >>> figs["corrected"] = ["amount", "confirmed"]
    >>> ring = plot_profile(figs, "PER").axes[0].lines[-1]
    >>> ring.get_label(), [float(y) for y in ring.get_ydata()]
    ('✎ corrected by hand', [44700000.0])
    """
    if by not in ("measure", "category"):
        raise SelectionError(f"by must be 'measure' or 'category', got {by!r}")
    chosen = select_figures(figures, countries=country)
    prepared = prepare_figures(chosen)
    drawn = prepared[prepared["note"].isna()].copy()
    name = chosen["recipient"].dropna().iloc[0] if len(chosen) else country
    fig, ax = _figure(figsize)
    kinds = set(drawn["category"].dropna())
    aid = _AID_WORDS.get(kinds.pop(), "Aid") if len(kinds) == 1 and drawn["category"].notna().all() else "Aid"
    title = title or f"{aid} figures for {name} by year and {by} ({dollars})"
    if source is None:
        docs = drawn["doc_id"].nunique()
        count = f"{len(drawn)} figures from {docs} document{'s' * (docs != 1)}"
        source = sources or f"Source: aidfigures extraction, {count}"
    if drawn.empty:
        return _nothing(fig, ax, title, source)
    drawn["group"] = drawn[by].fillna(NOT_STATED).astype(str)
    groups = sorted(drawn["group"].unique(), key=measure_key if by == "measure" else lambda g: (g == NOT_STATED, g))
    color = country_colors([str(name)])[str(name)]
    step = min(0.12, 0.5 / len(groups))
    for year, here in drawn.groupby("year")["group"]:  # groups sharing a year stand side by side
        present = [g for g in groups if g in set(here)]
        drawn.loc[here.index, "x"] = [int(year) + (present.index(g) - (len(present) - 1) / 2) * step for g in here]
    for i, group in enumerate(groups):
        rows = drawn[drawn["group"] == group]
        ax.plot(rows["x"].tolist(), rows["value"].astype(float).tolist(), linestyle="none",
                marker=measure_marker(group) if by == "measure" else category_marker(i), markersize=8, color=color,
                markeredgecolor="white", label=group.replace("_", " "), alpha=0.9)
    summary = country_year(chosen, rule=rule)
    ax.plot(summary["year"].astype(int).tolist(), summary["value"].tolist(), linestyle="none", marker="_",
            markersize=28, markeredgewidth=2, color="0.55", label=f"chart value ({rule})", zorder=1)
    marked = drawn[_figure_marks(drawn)]
    if len(marked):
        _ring(ax, marked["x"].tolist(), marked["value"].astype(float).tolist())
    _year_axis(ax, sorted(drawn["year"].astype(int).unique()))
    _money_axis(ax.yaxis)
    ax.set_ylim(0, ax.dataLim.y1 * 1.1 or 1.0)
    ax.set_xlabel("Year")
    ax.set_ylabel(f"Aid ({dollars})")
    _style(ax)
    _legend(ax, title=by.capitalize())
    return _finish(fig, ax, title, source)


def plot_coverage(coverage_table: pd.DataFrame, title: str | None = None, source: str | None = None,
                  *, figures: pd.DataFrame | None = None, figsize: tuple[float, float] | None = None) -> Figure:
    """Heat map of :func:`~aidfigures.tables.coverage`: recipients down, years across, counts in cells.

    Every year between the first and the last is a column, so years without figures show as
    empty cells. With ``figures`` (the figures table counted, with its ``corrected`` column),
    a cell that counts a figure corrected by hand reads ``2 ✎`` and the source line says what
    ``✎`` means (figures only confirmed are not marked).

    Examples
    --------
    >>> table = pd.DataFrame({"recipient": ["Peru", "Peru", "Colombia"], "year": [2006, 2008, 2006],
    ...                       "n_figures": [2, 1, 1]})
    >>> ax = plot_coverage(table).axes[0]
    >>> [t.get_text() for t in ax.texts], [t.get_text() for t in ax.get_xticklabels()]
    (['1', '2', '1'], ['2006', '2007', '2008'])
    >>> figs = pd.DataFrame({"recipient": ["Peru"], "year": [2008], "corrected": ["year"]})
    >>> [t.get_text() for t in plot_coverage(table, figures=figs).axes[0].texts]
    ['1', '2', '1 ✎']
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
    cells: set[tuple[str, int]] = set()
    if figures is not None and {"recipient", "year"} <= set(figures.columns):
        fixed = figures[_figure_marks(figures)].dropna(subset=["recipient", "year"])
        cells = {(str(r), int(y)) for r, y in zip(fixed["recipient"], fixed["year"], strict=True)}
    if source is None:
        source = f"Source: aidfigures extraction; {int(counts.sum())} figures with a recipient and a year"
        source += ". ✎: the cell counts a figure corrected by hand" if cells else ""
    if counts.size == 0 or counts.sum() == 0:
        return _nothing(fig, ax, title, source)
    image = ax.imshow(counts, cmap="Greys", aspect="auto", vmin=0, vmax=max(4.0, counts.max()))
    fig.colorbar(image, ax=ax, label="figures per cell", shrink=0.8, pad=0.01)  # grey: colours are countries
    if counts.size <= 900:  # few enough cells to write the counts in too
        for (i, j), n in pd.DataFrame(counts).stack().items():
            if n:
                mark = " ✎" if (str(grid.index[i]), int(grid.columns[j])) in cells else ""
                ax.text(j, i, f"{n:.0f}{mark}", ha="center", va="center", fontsize=8,
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
                              *, limit: int = 50, figures: pd.DataFrame | None = None,
                              figsize: tuple[float, float] | None = None) -> Figure:
    """Horizontal bars of :func:`~aidfigures.tables.per_document`: aid and other figures per document.

    Documents keep their order, top to bottom; beyond ``limit`` only those with the most figures
    are drawn (the title says so). Failed documents are marked ``failed`` at zero. With ``figures``
    (the figures table counted, with its ``corrected`` column), the count of a document with a
    figure corrected by hand reads ``6 ✎`` and the source line says what ``✎`` means.

    Examples
    --------
    >>> per_doc = pd.DataFrame({"doc_id": ["a", "b"], "n_figures": [6, 0], "n_aid": [5, 0],
    ...                         "error": [None, "binary file, not text"]})
    >>> ax = plot_figures_per_document(per_doc).axes[0]
    >>> [float(p.get_width()) for p in ax.patches], [t.get_text() for t in ax.texts]
    ([5.0, 0.0, 1.0, 0.0], ['6', 'failed: binary file, not text'])
    >>> figs = pd.DataFrame({"doc_id": ["a", "a"], "corrected": ["is_aid", pd.NA]})
    >>> [t.get_text() for t in plot_figures_per_document(per_doc, figures=figs).axes[0].texts]
    ['6 ✎', 'failed: binary file, not text']
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
    fixed: set[str] = set()
    if figures is not None and "doc_id" in figures.columns:
        fixed = set(figures.loc[_figure_marks(figures), "doc_id"].astype(str))
    if source is None:
        failed = int(errors.notna().sum())
        source = f"Source: aidfigures extraction from {docs}" + (f", {failed} failed" if failed else "")
        source += ". ✎: the document has a figure corrected by hand" if fixed else ""
    if table.empty:
        return _nothing(fig, ax, title, source)
    n_all = table["n_figures"].astype(float).to_numpy()
    n_aid = table["n_aid"].astype(float).to_numpy()
    rows = range(len(table))
    ax.barh(rows, n_aid, color="0.25", label="aid")  # greys: colours are countries
    ax.barh(rows, (n_all - n_aid).clip(min=0), left=n_aid, color="#BBBBBB", label="other figures")
    for row, n, error, doc in zip(rows, n_all, errors, table["doc_id"].astype(str), strict=True):
        label = f"failed: {error}" if not pd.isna(error) else f"{n:.0f}" + (" ✎" if doc in fixed else "")
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
    _legend(ax)
    return _finish(fig, ax, title, source)
