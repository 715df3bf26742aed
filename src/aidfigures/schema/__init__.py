"""Table contracts: the figures table (schema v1: columns, dtypes, key, ``validate()``) and the documents table."""

from .documents import DOCUMENT_COLUMNS, DOCUMENT_DESCRIPTIONS, DOCUMENT_DTYPES, DOCUMENTS_ARROW
from .figures import (
                      CATEGORIES,
                      COLUMNS,
                      DESCRIPTIONS,
                      DTYPES,
                      KEY,
                      MEASURES,
                      PERS,
                      QUALIFIERS,
                      SCHEMA_VERSION,
                      coerce,
                      empty_figures,
                      validate,
)

__all__ = ["DOCUMENT_COLUMNS", "DOCUMENT_DESCRIPTIONS", "DOCUMENT_DTYPES", "DOCUMENTS_ARROW",
           "CATEGORIES", "COLUMNS", "DESCRIPTIONS", "DTYPES", "KEY", "MEASURES", "PERS", "QUALIFIERS",
           "SCHEMA_VERSION", "coerce", "empty_figures", "validate"]
