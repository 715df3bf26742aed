"""How charts mark the values that rest on a figure corrected by hand: a dark outline and a legend line."""

from __future__ import annotations

from typing import Any, Final

import pandas as pd

from ..tables.checks import with_checks

#: The legend line (and source-line note) of a chart with values corrected by hand.
CORRECTED_LABEL: Final = "✎ corrected by hand"
#: The outline of a corrected bar or point: near black, thicker than the white edges of the others.
MARK_COLOR: Final = "0.05"
MARK_WIDTH: Final = 1.8


def _corrected(table: pd.DataFrame, figures: pd.DataFrame | None = None) -> pd.Series:
    """True for the rows of ``table`` whose value rests on a figure corrected by hand.

    The marks come from ``figures`` (a figures table with a ``corrected`` column, matched by the
    ``figures`` keys of ``table``, see :func:`~aidfigures.tables.with_checks`) or, without it, from
    the ``corrected`` column of ``table`` itself. A row whose figures were only confirmed
    (``confirmed``) is not marked: its value is the extracted one.
    """
    if figures is not None:
        marks = with_checks(table, figures)["corrected"]
    elif "corrected" in table.columns:
        marks = table["corrected"]
    else:
        return pd.Series(False, index=table.index, dtype=bool)
    text = marks.astype("string").fillna("").str.strip()
    return ((text != "") & (text != "confirmed")).astype(bool)


def _figure_marks(figures: pd.DataFrame) -> pd.Series:
    """True for each figure (row of a figures table) with a field corrected by hand (not only confirmed)."""
    if "corrected" not in figures.columns:
        return pd.Series(False, index=figures.index, dtype=bool)
    text = figures["corrected"].astype("string").fillna("").str.strip()
    return ((text != "") & (text != "confirmed")).astype(bool)


def _mark_bar(bar: Any) -> None:
    """Outline a bar (a ``Rectangle``) as corrected by hand; its hatch keeps the colour it had."""
    if hasattr(bar, "set_hatchcolor"):  # matplotlib >= 3.10: else the hatch takes the outline's colour
        bar.set_hatchcolor(bar.get_edgecolor())
    bar.set_edgecolor(MARK_COLOR)
    bar.set_linewidth(MARK_WIDTH)
    bar.set_gid("corrected")


def _bar_handle() -> Any:
    """The legend entry of outlined bars."""
    from matplotlib.patches import Patch

    return Patch(facecolor="white", edgecolor=MARK_COLOR, linewidth=MARK_WIDTH, label=CORRECTED_LABEL)


def _ring(ax: Any, xs: list[float], ys: list[float], size: float = 8) -> Any:
    """Draw a dark ring around each corrected point (one ``Line2D``, gid ``corrected``, in the legend)."""
    (ring,) = ax.plot(xs, ys, linestyle="none", marker="o", markersize=size + 6, markerfacecolor="none",
                      markeredgecolor=MARK_COLOR, markeredgewidth=MARK_WIDTH, label=CORRECTED_LABEL, zorder=4)
    ring.set_gid("corrected")
    return ring


def _ring_handle() -> Any:
    """The legend entry of ringed points."""
    from matplotlib.lines import Line2D

    return Line2D([], [], linestyle="none", marker="o", markersize=12, markerfacecolor="none",
                  markeredgecolor=MARK_COLOR, markeredgewidth=MARK_WIDTH, label=CORRECTED_LABEL)
