"""aidfigures: turn prose about aid money into tidy, validated tables of figures."""

from importlib.metadata import PackageNotFoundError, version as _version

from .corpus import extract_files
from .errors import AidFiguresError, DocumentError, DocumentWarning, FormatError, ParseError, SchemaError
from .io import Document, read_document, read_figures, write_figures
from .schema import COLUMNS, SCHEMA_VERSION, validate

try:
    __version__ = _version("aidfigures")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "AidFiguresError",
    "COLUMNS",
    "Document",
    "DocumentError",
    "DocumentWarning",
    "FormatError",
    "ParseError",
    "SCHEMA_VERSION",
    "SchemaError",
    "__version__",
    "extract_files",
    "read_document",
    "read_figures",
    "validate",
    "write_figures",
]
