"""Derived tables for reports: selections, country-year values, ranks, conflicts, evidence, coverage,
tables for people to read and plain-language sentences."""

from .derived import RULES, country_year, coverage, describe_rule, per_document, rank_table, select_figures, wide
from .display import show_table
from .evidence import conflicts, evidence_table
from .narrative import describe_claims, describe_corpus, describe_selection
from .provenance import FiguresView, show_figures

__all__ = ["RULES", "conflicts", "country_year", "coverage", "describe_claims", "describe_corpus", "describe_rule",
           "describe_selection", "evidence_table", "per_document", "rank_table", "select_figures", "show_table",
           "wide"]
__all__ += ["FiguresView", "show_figures"]
