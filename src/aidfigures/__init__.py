"""aidfigures: turn prose about aid money into tidy, validated tables of figures."""

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _version

from . import plots, tables  # plots imports matplotlib only when a chart is drawn
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
from .tables import (
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

try:
    __version__ = _version("aidfigures")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

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
