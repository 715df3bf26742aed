"""aidfigures: turn prose about aid money into tidy, validated tables of figures."""

from importlib.metadata import PackageNotFoundError, version as _version

from .errors import AidFiguresError, DocumentError, ParseError, SchemaError
from .schema import COLUMNS, SCHEMA_VERSION, validate

try:
    __version__ = _version("aidfigures")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "AidFiguresError",
    "COLUMNS",
    "DocumentError",
    "ParseError",
    "SCHEMA_VERSION",
    "SchemaError",
    "__version__",
    "validate",
]
