"""Table contracts: the figures table (schema v1.3: columns, dtypes, key, ``validate()``), the documents table of
corpus runs, and the facts, claims and reference comparison tables."""

from typing import Any

from .claims import CLAIM_COLUMNS
from .comparisons import COMPARISON_COLUMNS
from .documents import DOCUMENT_COLUMNS, DOCUMENT_DESCRIPTIONS, DOCUMENT_DTYPES, documents_arrow
from .facts import FACT_COLUMNS, FACT_KEY, FACT_STATS, SHORT_KEY
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
                      YEARS,
                      coerce,
                      empty_figures,
                      validate,
)

__all__ = ["CLAIM_COLUMNS", "COMPARISON_COLUMNS", "FACT_COLUMNS", "FACT_KEY", "FACT_STATS", "SHORT_KEY",
           "DOCUMENT_COLUMNS", "DOCUMENT_DESCRIPTIONS", "DOCUMENT_DTYPES", "DOCUMENTS_ARROW", "documents_arrow",
           "CATEGORIES", "COLUMNS", "DESCRIPTIONS", "DTYPES", "KEY", "MEASURES", "PERS", "QUALIFIERS",
           "SCHEMA_VERSION", "YEARS", "coerce", "empty_figures", "validate"]


def __getattr__(name: str) -> Any:
    """``DOCUMENTS_ARROW`` (:func:`documents_arrow`) on first use (PEP 562): importing this package loads no pyarrow."""
    if name == "DOCUMENTS_ARROW":
        return documents_arrow()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
