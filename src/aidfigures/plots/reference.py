"""The reference-check chart: extracted facts beside official figures for the same country-year."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import pandas as pd

from .layout import _figure, _finish, _money_axis, _nothing

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["plot_reference_check"]

#: Series colours (Okabe-Ito): the extracted value in black, each official source its own colour.
_SERIES: Final[dict[str, str]] = {
    "extracted": "#000000", "Just the Facts": "#0072B2", "ForeignAssistance.gov": "#E69F00",
    "USAID FAE": "#009E73",
}
_NEEDED: Final = ["recipient", "year", "measure", "source", "extracted_usd", "official_usd", "same_definition"]


def plot_reference_check(check: pd.DataFrame, title: str | None = None, source: str | None = None,
                         dollars: str = "nominal US$", *, value_suffix: str = "",
                         figsize: tuple[float, float] | None = None) -> Figure:
    """Horizontal bars: for each extracted fact, its value and each official figure it was compared with.

    ``check`` is :func:`aidfigures.compare_reference`'s table (optionally passed through
    :func:`aidfigures.to_constant`, with ``value_suffix="_2024"`` to chart the constant-dollar
    columns). Official bars are hatched where the official series measures something else (see
    the ``note`` column), so a reader does not take a definition gap for an error.

    Examples
    --------
    >>> check = pd.DataFrame({"recipient": ["Peru", "Peru"], "year": [2006, 2006],
    ...     "measure": ["disbursed", "disbursed"], "source": ["USAID FAE", "Just the Facts"],
    ...     "extracted_usd": [56.4e6, 56.4e6], "official_usd": [175.2e6, 55e6],
    ...     "same_definition": [False, True]})
    >>> fig = plot_reference_check(check)
    >>> [round(float(p.get_width()) / 1e6, 1) for p in fig.axes[0].patches]
    [56.4, 175.2, 55.0]
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['Peru 2006 (disbursed)']
    """
    missing = [c for c in _NEEDED if c not in check.columns]
    if missing:
        from ..errors import SchemaError

        raise SchemaError(f"reference check table is missing columns: {', '.join(missing)}")
    data = check[check["official_usd" + value_suffix].notna()] if len(check) else check
    rows = data[["recipient", "year", "measure"]].drop_duplicates().sort_values(["recipient", "year"])
    height = figsize or (8, max(2.5, 0.9 + 0.55 * len(rows) * 1.6))
    fig, ax = _figure(height)
    title = title or f"Extracted figures beside official data ({dollars})"
    source = ("Official data: Just the Facts (CIP/LAWGEF/WOLA), ForeignAssistance.gov and USAID Foreign Aid "
              "Explorer (public domain). Hatched bars: the official series measures something else (see notes)."
              if source is None else source)
    if rows.empty:
        return _nothing(fig, ax, title, source)
    labels, y = [], 0.0
    seen: set[str] = set()
    for row in rows.itertuples(index=False):
        part = data[(data["recipient"] == row.recipient) & (data["year"] == row.year)
                    & (data["measure"].fillna("") == ("" if pd.isna(row.measure) else row.measure))]
        series = [("extracted", float(part["extracted_usd" + value_suffix].iloc[0]), True)]
        series += [(str(s), float(v), bool(d)) for s, v, d in
                   part[["source", "official_usd" + value_suffix, "same_definition"]].itertuples(index=False)]
        step = 0.8 / len(series)
        for k, (name, value, same) in enumerate(series):
            ax.barh(y + k * step, value, height=step * 0.9, color=_SERIES.get(name, "#888888"),
                    hatch=None if same else "///", edgecolor="white" if same else "0.3",
                    label=None if name in seen else name)
            seen.add(name)
        measure = "" if pd.isna(row.measure) else f" ({row.measure})"
        labels.append((y + 0.4 - step / 2, f"{row.recipient} {row.year}{measure}"))
        y += 1.0
    ax.set_yticks([p for p, _ in labels], [t for _, t in labels])
    ax.invert_yaxis()
    _money_axis(ax.xaxis)
    ax.set_xlabel(f"Amount ({dollars})")
    ax.grid(axis="x", color="0.9", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.spines[["top", "right"]].set_visible(False)
    fig.legend(loc="outside right upper", frameon=False, title="Series")
    return _finish(fig, ax, title, source)
