"""aidfigures: turn prose about aid money into tidy, validated tables of figures."""

from importlib.metadata import PackageNotFoundError, version as _version

from .corpus import extract_files
from .extract import Figure, extract, figures_frame, find_figures
from .errors import AidFiguresError, DocumentError, DocumentWarning, FormatError, ParseError, SchemaError
from .io import Document, read_document, read_figures, write_figures
from .formatting import format_money
from .fx import to_usd
from .parse.dates import find_document_date, parse_date
from .parse.money import Money, find_money, parse_amount, parse_money
from .parse.places import Place, find_places
from .parse.tables import TableCell, find_table_cells
from .parse.text import detect_language
from .parse.years import Year, find_years
from .schema import COLUMNS, SCHEMA_VERSION, validate

try:
    __version__ = _version("aidfigures")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "__version__",
    "AidFiguresError",
    "COLUMNS",
    "detect_language",
    "Document",
    "DocumentError",
    "DocumentWarning",
    "extract",
    "extract_files",
    "Figure",
    "figures_frame",
    "find_document_date",
    "format_money",
    "find_figures",
    "find_money",
    "find_places",
    "find_table_cells",
    "find_years",
    "FormatError",
    "Money",
    "parse_amount",
    "parse_date",
    "parse_money",
    "ParseError",
    "Place",
    "read_document",
    "read_figures",
    "SCHEMA_VERSION",
    "SchemaError",
    "TableCell",
    "to_usd",
    "validate",
    "write_figures",
    "Year",
]
