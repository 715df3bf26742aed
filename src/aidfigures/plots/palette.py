"""One meaning per visual channel on every page: colour = country, mark or hatch = measure, grey and hatch = source."""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from typing import Final

__all__ = ["CATEGORY_MARKERS", "MEASURE_HATCHES", "MEASURE_MARKERS", "MEASURE_ORDER", "NOT_STATED", "PALETTE",
           "SOURCE_STYLES", "category_marker", "country_colors", "measure_hatch", "measure_key", "measure_marker",
           "source_style"]

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



#: Budget stages in the order of a budget's life; the legend lists them so.
MEASURE_ORDER: Final = ("requested", "appropriated", "allocated", "obligated", "disbursed", "pledged")
#: The label of figures that state no measure (or no category).
NOT_STATED: Final = "not stated"
#: Marker per measure on point and line charts (filled shapes; "mixed": several measures in one value).
MEASURE_MARKERS: Final[dict[str, str]] = {
    "requested": "s", "appropriated": "D", "allocated": "v", "obligated": "^", "disbursed": "o", "pledged": "P",
    "mixed": "*", NOT_STATED: "X",
}
#: Hatch per measure on bar charts (disbursed plain, requests striped...).
MEASURE_HATCHES: Final[dict[str, str]] = {
    "requested": "///", "appropriated": "...", "allocated": "\\\\", "obligated": "xx", "disbursed": "",
    "pledged": "oo", "mixed": "++", NOT_STATED: "--",
}
#: Marker per category (profile by category), a set apart from the measures' shapes.
CATEGORY_MARKERS: Final = ("p", "h", "<", ">", "d", "H", "8", "1")
#: Official sources: shades of grey and a hatch each (no colour: colours are countries); the extracted
#: value is the darkest grey (not Haiti's black).
SOURCE_STYLES: Final[dict[str, tuple[str, str]]] = {
    "extracted": ("#333333", ""), "Just the Facts": ("#9a9a9a", ".."), "ForeignAssistance.gov": ("#c8c8c8", "\\\\"),
    "USAID FAE": ("#6e6e6e", "//"),
}


def measure_marker(measure: object) -> str:
    """The marker of a measure (:data:`MEASURE_MARKERS`); unknown and missing ones as ``not stated``."""
    return MEASURE_MARKERS.get(str(measure) if measure is not None else NOT_STATED, MEASURE_MARKERS[NOT_STATED])


def measure_hatch(measure: object) -> str:
    """The bar hatch of a measure (:data:`MEASURE_HATCHES`)."""
    return MEASURE_HATCHES.get(str(measure) if measure is not None else NOT_STATED, MEASURE_HATCHES[NOT_STATED])


def category_marker(i: int) -> str:
    """The marker of the i-th category of a chart."""
    return CATEGORY_MARKERS[i % len(CATEGORY_MARKERS)]


def source_style(name: str) -> tuple[str, str]:
    """(face colour, hatch) of a series of the reference check; other sources a light grey, cross-hatched."""
    return SOURCE_STYLES.get(name, ("#e0e0e0", "xx"))


def measure_key(measure: str) -> tuple[int, str]:
    """Sort key: budget stages in :data:`MEASURE_ORDER`, then ``mixed``, then ``not stated``."""
    order = {m: i for i, m in enumerate((*MEASURE_ORDER, "mixed", NOT_STATED))}
    return order.get(measure, len(order)), measure
