"""Chart plumbing for :mod:`aidfigures.plots`: figure layout, axes formats, source lines."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import pandas as pd

from ..currency.formatting import format_money
from ..tables.derived import RULES
from .palette import NOT_STATED

if TYPE_CHECKING:  # matplotlib is imported by the functions that draw, never at package import
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

NO_FIGURES: Final = "No figures for this selection"
_SOURCE_INCHES: Final = 0.3  # strip kept free under the axes for the source line


def _figure(figsize: tuple[float, float]) -> tuple[Figure, Axes]:
    """A new Figure (no pyplot state) with constrained layout and room for a source line."""
    from .figure import ChartFigure

    fig = ChartFigure(figsize=figsize, layout="constrained")
    bottom = min(0.2, _SOURCE_INCHES / figsize[1])
    engine: Any = fig.get_layout_engine()  # the constrained one, which takes a rect
    engine.set(rect=(0, bottom, 1, 1 - bottom))  # (left, bottom, width, height)
    return fig, fig.add_subplot()


def _finish(fig: Figure, ax: Axes, title: str, source: str | None) -> Figure:
    """Title the chart (figure title, left-aligned, wrapped) and write the source line, small and grey, under it.

    The title gets a band of its own above the layout area, so that no legend placed outside the
    axes (upper right) can run into it.
    """
    import textwrap

    width, height = fig.get_size_inches()
    lines = textwrap.wrap(title, width=max(30, int(width * 8.5))) or [""]
    band = min(0.35, (0.12 + 0.24 * len(lines)) / height)
    notes = textwrap.wrap(source or "", width=max(40, int(width * 15)))
    bottom = min(0.3, (_SOURCE_INCHES + 0.14 * max(0, len(notes) - 1)) / height)
    engine: Any = fig.get_layout_engine()
    engine.set(rect=(0, bottom, 1, 1 - bottom - band))  # (left, bottom, width, height)
    heading = fig.suptitle("\n".join(lines), x=0.01, y=1 - 0.06 / height, ha="left", va="top", fontsize=12,
                           fontweight="bold")
    heading.set_in_layout(False)
    if source:
        fig.text(0.01, 0.015, "\n".join(notes), fontsize=8, color="0.35", ha="left", va="bottom")
    return fig


def _nothing(fig: Figure, ax: Axes, title: str, source: str | None) -> Figure:
    """A chart that says plainly that the selection has no figures."""
    ax.set_axis_off()
    ax.text(0.5, 0.5, NO_FIGURES, transform=ax.transAxes, ha="center", va="center", fontsize=13,
            color="0.3")
    return _finish(fig, ax, title, source)


def _money_axis(axis: Any) -> None:
    """Tick labels like ``$56.4M`` on a money axis."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    axis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    axis.set_major_formatter(FuncFormatter(_money_tick))


def _money_tick(value: float, _pos: int | None = None) -> str:
    return format_money(0.0 if abs(value) < 1e-9 else value)


def _year_axis(ax: Axes, years: list[int]) -> None:
    """Whole-year ticks on a numeric x axis: every year for short spans, fewer for long ones."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    low, high = min(years), max(years)
    if high - low <= 12:
        ax.set_xticks(range(low, high + 1))
    else:
        ax.xaxis.set_major_locator(MaxNLocator(nbins=10, integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:.0f}"))
    ax.set_xlim(low - 0.5, high + 0.5)


def _category_ticks(axis: Any, labels: list[str], rotate_over: int = 10, keep: int = 25) -> None:
    """Label categorical positions, thinning to about ``keep`` labels and rotating when crowded."""
    step = max(1, -(-len(labels) // keep))
    axis.set_ticks(range(len(labels)), [lab if i % step == 0 else "" for i, lab in enumerate(labels)])
    if len(labels) > rotate_over:
        for label in axis.get_ticklabels():
            label.set_rotation(90)


def _names(names: list[str], limit: int = 4) -> str:
    """``['Peru', 'Colombia', 'Mexico']`` -> ``'Peru, Colombia and Mexico'``; long lists counted."""
    if len(names) > limit:
        return f"{len(names)} recipients"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _order(summary: pd.DataFrame) -> list[str]:
    """Recipients by total value, largest first (ties by name): the legend and bar order."""
    totals = summary.groupby("recipient")["value"].sum()
    return sorted(totals.index, key=lambda n: (-totals[n], n))


def _summary_source(summary: pd.DataFrame, sources: str | None = None) -> str:
    """``sources`` (or ``Source: aidfigures extraction from 2 documents``), then ``; values: median of ...``."""
    text = sources or "Source: aidfigures extraction"
    if not sources and "figures" in summary.columns:
        keys = ";".join(summary["figures"].dropna()).split(";")
        docs = {k.rsplit(":", 1)[0] for k in keys if k}
        text += f" from {len(docs)} document{'s' * (len(docs) != 1)}"
    rules = set(summary["rule"].dropna()) if "rule" in summary.columns else set()
    if len(rules) == 1 and (rule := rules.pop()) in RULES:
        text += f"; values: {RULES[rule]}"
    return text


def _clean(table: pd.DataFrame) -> pd.DataFrame:
    """Rows with a recipient, a year and a value, years as plain ints; ``measure`` (``not stated``
    when missing), ``category`` and ``approx`` filled in."""
    data = table.dropna(subset=["recipient", "year", "value"]).copy()
    data["year"] = data["year"].astype(int)
    data["value"] = data["value"].astype(float)
    for column, missing in (("measure", NOT_STATED), ("category", NOT_STATED), ("approx", False)):
        values = data[column] if column in data.columns else pd.Series(pd.NA, index=data.index, dtype=object)
        data[column] = values.astype(object).where(values.notna(), missing)
    data["approx"] = data["approx"].astype(bool)
    return data


#: What the aid of a category is called in titles.
_AID_WORDS: Final = {"military_police": "Military and police aid", "military": "Military aid", "police": "Police aid",
                     "counternarcotics": "Counternarcotics aid", "economic": "Economic aid",
                     "humanitarian": "Humanitarian aid", "development": "Development aid"}


def _subject(data: pd.DataFrame) -> str:
    """``Military and police aid`` when every value is of that category, else ``Aid``."""
    kinds = set(data["category"]) if "category" in data.columns else set()
    return _AID_WORDS.get(kinds.pop(), "Aid") if len(kinds) == 1 else "Aid"


def _money_label(value: float, approx: object = False) -> str:
    """``$56.4M``, or ``≈$582M`` for an approximate figure ("nearly 582 million")."""
    return ("≈" if approx is True else "") + format_money(value)


def _legend(ax: Axes, **options: Any) -> None:
    """The legend right of the axes, top-aligned with them: below the title band, and the constrained
    layout makes room for it (a figure legend "outside right upper" rises into the title)."""
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0, frameon=False, **options)


def _style(ax: Any, grid: str = "y") -> None:
    """Light value grid behind the data, no top/right frame."""
    ax.grid(axis=grid, color="0.9", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.spines[["top", "right"]].set_visible(False)
