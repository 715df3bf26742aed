"""aidfigures: turn prose about aid money into tidy, validated tables of figures."""

# The public names are imported on first use (PEP 562), so that `import aidfigures` and `aidfigures --help`
# do not load pandas, pyarrow, matplotlib or papermill; the exceptions are cheap and imported now.

from __future__ import annotations

import sys
import types
from importlib import import_module
from typing import TYPE_CHECKING, Any

from .errors import (
    AidFiguresError,
    CorrectionsError,
    DocumentError,
    DocumentWarning,
    FormatError,
    ParseError,
    ReportError,
    SchemaError,
    SelectionError,
    UnknownCountryError,
)

if TYPE_CHECKING:  # what the names are, for type checkers: the same imports, made eagerly
    __version__: str
    from . import plots, tables
    from .analysis import (
        claims,
        compare_reference,
        facts,
        fx_gaps,
        in_dollars_of,
        read_reference,
        select_claims,
        to_constant,
    )
    from .corpus import CorpusRun, extract_files, run_corpus, scan_documents
    from .corrections import (
        AppliedCorrections,
        Correction,
        append_corrections,
        apply_corrections,
        correct,
        read_corrected,
        read_corrections,
    )
    from .currency import format_money, to_usd, usd_rate_source
    from .extract import Figure, extract, figures_frame, find_figures
    from .outputs import query, read_documents, read_figures, write_figures
    from .parse.dates import find_document_date, parse_date
    from .parse.money import Money, find_money, parse_amount, parse_money
    from .parse.places import Place, find_places
    from .parse.tables import TableCell, find_table_cells
    from .parse.text import detect_language
    from .parse.years import Year, find_years
    from .plots import (
        country_colors,
        plot_country_bars,
        plot_country_lines,
        plot_coverage,
        plot_figures_per_document,
        plot_profile,
        plot_reference_check,
    )
    from .reports import ReportResult, project_path, report_folder, run_report, save_chart, save_table
    from .reports.review_widget import review
    from .schema import COLUMNS, SCHEMA_VERSION, validate
    from .sources import Document, SourceDocument, iter_documents, page_of, read_document
    from .tables import (  # type: ignore[no-redef]  # mypy takes tables/source_line.py first
        conflicts,
        country_year,
        coverage,
        describe_checks,
        describe_claims,
        describe_corpus,
        describe_rule,
        describe_selection,
        evidence_table,
        per_document,
        rank_table,
        select_figures,
        show_figures,
        show_table,
        show_text,
        source_line,
    )

#: Module (relative to this package) -> the public names it gives; ``"."`` holds the subpackages themselves.
_LAZY: dict[str, tuple[str, ...]] = {
    ".": ("plots", "tables"),
    ".analysis": ("claims", "compare_reference", "facts", "fx_gaps", "in_dollars_of", "read_reference",
        "select_claims", "to_constant"),
    ".corpus": ("CorpusRun", "extract_files", "run_corpus", "scan_documents"),
    ".corrections": ("AppliedCorrections", "Correction", "append_corrections", "apply_corrections", "correct",
        "read_corrected", "read_corrections"),
    ".currency": ("format_money", "to_usd", "usd_rate_source"),
    ".extract": ("Figure", "extract", "figures_frame", "find_figures"),
    ".outputs": ("query", "read_documents", "read_figures", "write_figures"),
    ".parse.dates": ("find_document_date", "parse_date"),
    ".parse.money": ("Money", "find_money", "parse_amount", "parse_money"),
    ".parse.places": ("Place", "find_places"),
    ".parse.tables": ("TableCell", "find_table_cells"),
    ".parse.text": ("detect_language",),
    ".parse.years": ("Year", "find_years"),
    ".plots": ("country_colors", "plot_country_bars", "plot_country_lines", "plot_coverage",
        "plot_figures_per_document", "plot_profile", "plot_reference_check"),
    ".reports": ("ReportResult", "project_path", "report_folder", "run_report", "save_chart", "save_table"),
    ".reports.review_widget": ("review",),
    ".schema": ("COLUMNS", "SCHEMA_VERSION", "validate"),
    ".sources": ("Document", "SourceDocument", "iter_documents", "page_of", "read_document"),
    ".tables": ("conflicts", "country_year", "coverage", "describe_checks", "describe_claims", "describe_corpus",
        "describe_rule", "describe_selection", "evidence_table", "per_document", "rank_table", "select_figures",
        "show_figures", "show_table", "show_text", "source_line"),
}
_MODULE_OF = {name: module for module, names in _LAZY.items() for name in names}


def __getattr__(name: str) -> Any:
    """Import a public name on first use and keep it (PEP 562)."""
    if name == "__version__":
        value: Any = _version()
    elif name in _MODULE_OF:
        module = _MODULE_OF[name]
        value = import_module(f".{name}" if module == "." else module, __name__)
        if module != ".":
            value = getattr(value, name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def _version() -> str:
    """The installed distribution's version."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("aidfigures")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


class _Package(types.ModuleType):
    """This package's module: importing the submodule ``aidfigures.extract`` binds it on the package, and
    the public name ``extract`` is the function of that module, as with the eager imports before."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "extract" and isinstance(value, types.ModuleType):
            value = value.extract
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

__all__ = [
    "__version__",
    "AidFiguresError",
    "append_corrections",
    "AppliedCorrections",
    "apply_corrections",
    "claims",
    "COLUMNS",
    "compare_reference",
    "conflicts",
    "CorpusRun",
    "correct",
    "Correction",
    "CorrectionsError",
    "country_colors",
    "country_year",
    "coverage",
    "describe_checks",
    "describe_claims",
    "describe_corpus",
    "describe_rule",
    "describe_selection",
    "detect_language",
    "Document",
    "DocumentError",
    "DocumentWarning",
    "evidence_table",
    "extract",
    "extract_files",
    "facts",
    "Figure",
    "figures_frame",
    "find_document_date",
    "find_figures",
    "find_money",
    "find_places",
    "find_table_cells",
    "find_years",
    "format_money",
    "FormatError",
    "fx_gaps",
    "in_dollars_of",
    "iter_documents",
    "Money",
    "page_of",
    "parse_amount",
    "parse_date",
    "parse_money",
    "ParseError",
    "per_document",
    "Place",
    "plot_country_bars",
    "plot_country_lines",
    "plot_coverage",
    "plot_figures_per_document",
    "plot_profile",
    "plot_reference_check",
    "plots",
    "project_path",
    "query",
    "rank_table",
    "read_corrected",
    "read_corrections",
    "read_document",
    "read_documents",
    "read_figures",
    "read_reference",
    "report_folder",
    "ReportError",
    "ReportResult",
    "review",
    "run_corpus",
    "run_report",
    "save_chart",
    "save_table",
    "scan_documents",
    "SCHEMA_VERSION",
    "SchemaError",
    "select_claims",
    "select_figures",
    "SelectionError",
    "show_figures",
    "show_table",
    "show_text",
    "source_line",
    "SourceDocument",
    "TableCell",
    "tables",
    "to_constant",
    "to_usd",
    "UnknownCountryError",
    "usd_rate_source",
    "validate",
    "write_figures",
    "Year",
]
