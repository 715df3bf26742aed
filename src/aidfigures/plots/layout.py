"""Chart plumbing for :mod:`aidfigures.plots`: palette, figure layout, axes formats, source lines."""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

import pandas as pd

from ..currency.formatting import format_money
from ..tables.derived import RULES

if TYPE_CHECKING:  # matplotlib is imported by the functions that draw, never at package import
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Okabe & Ito's colour-blind-safe colours (yellow left out: too pale on white) and four of Paul Tol's
#: muted ones, taken by the ten fixed countries below.
_FIXED: Final[dict[str, str]] = {
    "Colombia": "#0072B2", "Peru": "#D55E00", "Mexico": "#009E73", "Bolivia": "#E69F00",
    "Ecuador": "#CC79A7", "Venezuela": "#56B4E9", "Haiti": "#000000", "Guatemala": "#882255",
    "Honduras": "#999933", "El Salvador": "#44AA99",
}
#: Colours for other names: more of Tol's muted and light sets, then Okabe-Ito's yellow.
_OTHERS: Final[tuple[str, ...]] = ("#332288", "#117733", "#AA4499", "#DDCC77", "#661100", "#6699CC",
                                   "#888888", "#F0E442")
PALETTE: Final[tuple[str, ...]] = (*_FIXED.values(), *_OTHERS)
NO_FIGURES: Final = "No figures for this selection"
_SOURCE_INCHES: Final = 0.3  # strip kept free under the axes for the source line


def country_colors(names: Iterable[str]) -> dict[str, str]:
    """Give each country a colour, the same one in every chart.

    Ten Latin American recipients have fixed colours (Colombia blue, Peru vermillion, Mexico
    green, ...); other names (countries, regions) get one of eight further colours by a stable
    hash of the name. When two names in one call would share a colour, the later name
    (alphabetically) takes the next free one.

    Examples
    --------
    >>> country_colors(["Peru", "Colombia", "Mexico"])
    {'Peru': '#D55E00', 'Colombia': '#0072B2', 'Mexico': '#009E73'}
    >>> colors = country_colors(["Chile", "Peru"])
    >>> colors["Peru"], colors["Chile"] in PALETTE, colors["Chile"] != colors["Peru"]
    ('#D55E00', True, True)
    """
    wanted = list(dict.fromkeys(names))
    chosen: dict[str, str] = {n: _FIXED[n] for n in wanted if n in _FIXED}
    for name in sorted(n for n in wanted if n not in _FIXED):
        start = zlib.crc32(name.encode("utf-8")) % len(_OTHERS)
        ring = [_OTHERS[(start + k) % len(_OTHERS)] for k in range(len(_OTHERS))]
        spare = [c for c in (*ring, *_FIXED.values()) if c not in chosen.values()]
        chosen[name] = spare[0] if spare else ring[0]
    return {n: chosen[n] for n in wanted}


def _figure(figsize: tuple[float, float]) -> tuple[Figure, Axes]:
    """A new Figure (no pyplot state) with constrained layout and room for a source line."""
    from .figure import ChartFigure

    fig = ChartFigure(figsize=figsize, layout="constrained")
    bottom = min(0.2, _SOURCE_INCHES / figsize[1])
    engine: Any = fig.get_layout_engine()  # the constrained one, which takes a rect
    engine.set(rect=(0, bottom, 1, 1 - bottom))  # (left, bottom, width, height)
    return fig, fig.add_subplot()


def _finish(fig: Figure, ax: Axes, title: str, source: str | None) -> Figure:
    """Title the chart (figure title, left-aligned) and write the source line, small and grey, under it."""
    fig.suptitle(title, x=0.01, ha="left", fontsize=12, fontweight="bold")
    if source:
        fig.text(0.01, 0.015, source, fontsize=8, color="0.35", ha="left", va="bottom", wrap=True)
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


def _summary_source(summary: pd.DataFrame) -> str:
    """``Source: aidfigures extraction from 2 documents; values: median of ...``."""
    text = "Source: aidfigures extraction"
    if "figures" in summary.columns:
        keys = ";".join(summary["figures"].dropna()).split(";")
        docs = {k.rsplit(":", 1)[0] for k in keys if k}
        text += f" from {len(docs)} document{'s' * (len(docs) != 1)}"
    rules = set(summary["rule"].dropna()) if "rule" in summary.columns else set()
    if len(rules) == 1 and (rule := rules.pop()) in RULES:
        text += f"; values: {RULES[rule]}"
    return text


def _clean(table: pd.DataFrame) -> pd.DataFrame:
    """Rows with a recipient, a year and a value, years as plain ints."""
    data = table.dropna(subset=["recipient", "year", "value"]).copy()
    data["year"] = data["year"].astype(int)
    data["value"] = data["value"].astype(float)
    return data
