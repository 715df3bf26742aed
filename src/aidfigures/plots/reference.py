"""The reference-check chart: extracted facts beside official figures for the same country-year."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

import pandas as pd

from ..currency.formatting import format_money
from .layout import _figure, _finish, _legend, _money_axis, _nothing
from .marks import _bar_handle, _corrected, _mark_bar
from .palette import source_style

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["plot_reference_check"]

#: Bar thickness, in rows of the y axis: the same for every bar, whatever the group's size.
_BAR: Final = 0.22
_NEEDED: Final = ["recipient", "year", "measure", "source", "extracted_usd", "official_usd", "same_definition"]


def _what(measure: object, vintage: object) -> str:
    """``as published`` or, for one of two bars of a source, ``as published, 2010-04``."""
    text = "" if pd.isna(measure) else str(measure)
    found = re.search(r"\b((?:19|20)\d\d-\d\d)\b", vintage) if isinstance(vintage, str) else None
    return f"{text}, {found.group(1)}" if found else text


def plot_reference_check(check: pd.DataFrame, title: str | None = None, source: str | None = None,
                         dollars: str = "nominal US$", *, value_suffix: str = "",
                         figures: pd.DataFrame | None = None, figsize: tuple[float, float] | None = None) -> Figure:
    """Horizontal bars: for each extracted fact, its value and each official figure it was compared with.

    ``check`` is :func:`aidfigures.compare_reference`'s table (optionally passed through
    :func:`aidfigures.to_constant`, with ``value_suffix="_2024"`` to chart the constant-dollar
    columns). Official bars are hatched where the official series measures something else (see
    the ``note`` column), so a reader does not take a definition gap for an error.

    Series are told apart by a shade of grey and a hatch each (:data:`~aidfigures.plots.palette.SOURCE_STYLES`;
    colours mean countries on every page); every official bar is labelled with its amount and its
    measure (``as published``, ``JTF best estimate of actual``...), so that two bars of one source
    (two vintages) can be told apart. Bars that measure something else are faded, with a dashed
    edge. Every bar has the same thickness. An extracted bar whose fact rests on a figure corrected
    by hand (``figures``: the figures table behind the facts, matched by the ``figures`` column;
    or a ``corrected`` column of ``check``) gets a dark outline and ``✎`` after its amount, and the legend a line
    ``✎ corrected by hand``; official bars and confirmed-only facts are never marked.

    Examples
    --------
    >>> check = pd.DataFrame({"recipient": ["Peru", "Peru"], "year": [2006, 2006],
    ...     "measure": ["disbursed", "disbursed"], "source": ["USAID FAE", "Just the Facts"],
    ...     "extracted_usd": [56.4e6, 56.4e6], "official_usd": [175.2e6, 55e6],
    ...     "same_definition": [False, True]})
    >>> fig = plot_reference_check(check)
    >>> [round(float(p.get_width()) / 1e6, 1) for p in fig.axes[0].patches]
    [56.4, 175.2, 55.0]
    >>> {round(float(p.get_height()), 2) for p in fig.axes[0].patches}
    {0.2}
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['Peru 2006 (disbursed)']
    >>> check["corrected"] = "recipient"
    >>> ax = plot_reference_check(check).axes[0]
    >>> [p.get_gid() for p in ax.patches], ax.texts[0].get_text()
    (['corrected', None, None], '$56.4M ✎')
    """
    missing = [c for c in _NEEDED if c not in check.columns]
    if missing:
        from ..errors import SchemaError

        raise SchemaError(f"reference check table is missing columns: {', '.join(missing)}")
    data = check[check["official_usd" + value_suffix].notna()] if len(check) else check
    data = data.assign(marked=_corrected(data, figures))
    rows = data[["recipient", "year", "measure"]].drop_duplicates().sort_values(["recipient", "year"])
    height = figsize or (8, max(2.5, 1.2 + 0.42 * (len(data) + len(rows)) + 0.3 * len(rows)))
    fig, ax = _figure(height)
    title = title or f"Extracted figures beside official data ({dollars})"
    source = ("Official data: Just the Facts (CIP/LAWGEF/WOLA), ForeignAssistance.gov and USAID Foreign Aid "
              "Explorer (public domain). Faded bars: the official series measures something else (see notes)."
              if source is None else source)
    if rows.empty:
        return _nothing(fig, ax, title, source)
    labels, y = [], 0.0
    seen: set[str] = set()
    any_marked = False
    for row in rows.itertuples(index=False):
        part = data[(data["recipient"] == row.recipient) & (data["year"] == row.year)
                    & (data["measure"].fillna("") == ("" if pd.isna(row.measure) else row.measure))]
        measures = part["official_measure"] if "official_measure" in part.columns else pd.Series("", index=part.index)
        series = [("extracted", float(part["extracted_usd" + value_suffix].iloc[0]), True, "extracted")]
        vintages = part["official_source"] if "official_source" in part.columns else pd.Series("", index=part.index)
        twice = part["source"].duplicated(keep=False).tolist()  # one source twice: say which vintage is which
        series += [(str(s), float(v), bool(d), _what(m, o if t else None)) for s, v, d, m, o, t in
                   zip(part["source"], part["official_usd" + value_suffix], part["same_definition"], measures,
                       vintages, twice, strict=True)]
        for k, (name, value, same, what) in enumerate(series):
            face, hatch = source_style(name)
            bars = ax.barh(y + k * _BAR, value, height=_BAR * 0.9, color=face, hatch=hatch,
                           alpha=1.0 if same else 0.45, edgecolor="0.15" if same else "0.35",
                           linestyle="-" if same else "--", linewidth=0.6, label=None if name in seen else name)
            mark = " ✎" if k == 0 and bool(part["marked"].any()) else ""
            if mark:
                _mark_bar(bars[0])
                any_marked = True
            ax.annotate(f"{format_money(value)} ({what})" if k else format_money(value) + mark, (value, y + k * _BAR),
                        xytext=(3, 0), textcoords="offset points", va="center", fontsize=7, color="0.2")
            seen.add(name)
        measure = "" if pd.isna(row.measure) else f" ({row.measure})"
        labels.append((y + (len(series) - 1) * _BAR / 2, f"{row.recipient} {row.year}{measure}"))
        y += len(series) * _BAR + 0.35
    ax.set_yticks([p for p, _ in labels], [t for _, t in labels])
    ax.invert_yaxis()
    ax.set_xlim(0, ax.dataLim.x1 * 1.45 or 1.0)  # room for the labels after the bars
    _money_axis(ax.xaxis)
    ax.set_xlabel(f"Amount ({dollars})")
    ax.grid(axis="x", color="0.9", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.spines[["top", "right"]].set_visible(False)
    if any_marked:
        handles, _labels = ax.get_legend_handles_labels()
        _legend(ax, handles=[*handles, _bar_handle()], title="Series")
    else:
        _legend(ax, title="Series")
    return _finish(fig, ax, title, source)
