"""Derived tables for reports: selections, country-year values, ranks, conflicts, evidence, coverage,
tables for people to read and plain-language sentences."""

from .checks import checked_counts, describe_checks, with_checks
from .derived import RULES, country_year, coverage, describe_rule, per_document, rank_table, select_figures, wide
from .display import show_table
from .evidence import conflicts, evidence_table
from .narrative import describe_claims, describe_corpus, describe_selection
from .page_text import PageText, show_text
from .provenance import FiguresView, show_figures
from .source_line import source_line

__all__ = ["RULES", "FiguresView", "PageText", "checked_counts", "conflicts", "describe_checks", "with_checks",
           "country_year", "coverage", "describe_claims",
           "describe_corpus", "describe_rule", "describe_selection", "evidence_table", "per_document", "rank_table",
           "select_figures", "show_figures", "show_table", "show_text", "source_line", "wide"]
