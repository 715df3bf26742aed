"""Charts of the tidy tables, each a ``matplotlib.figure.Figure`` (matplotlib is imported when one is drawn)."""

from .charts import plot_coverage, plot_figures_per_document, plot_profile
from .country import plot_country_bars, plot_country_lines
from .layout import NO_FIGURES
from .palette import PALETTE, country_colors
from .reference import plot_reference_check

__all__ = ["NO_FIGURES", "PALETTE", "country_colors", "plot_country_bars", "plot_country_lines", "plot_coverage",
           "plot_figures_per_document", "plot_profile", "plot_reference_check"]
