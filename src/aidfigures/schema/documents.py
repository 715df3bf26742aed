"""The documents table of corpus runs: one row per document, joined to the figures on ``doc_id``."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:  # pyarrow is imported when an Arrow schema is asked for: a CSV run needs none
    import pyarrow as pa

    #: The documents table's Arrow schema: :func:`documents_arrow`, made on first use (see ``__getattr__``).
    DOCUMENTS_ARROW: pa.Schema

__all__ = ["DOCUMENT_COLUMNS", "DOCUMENT_DESCRIPTIONS", "DOCUMENT_DTYPES", "DOCUMENTS_ARROW",
           "documents_arrow"]

#: The documents table: one row per document of a run.
_DOCUMENT_SPEC: Final[dict[str, tuple[str, str, str]]] = {
    "doc_id": ("string", "large_string", "the id its figures carry"),
    "source": ("string", "large_string", "where it came from: a path, `path#line 12`, `-` for stdin"),
    "title": ("string", "large_string", "title when the source gives one (a sources.csv manifest, a PDF, a "
                                           "table corpus's column)"),
    "url": ("string", "large_string", "URL when a sources.csv manifest gives one"),
    "published": ("datetime64[s]", "date32", "publication date: the source's (a sources.csv manifest, a table's "
                                                "date column), else the dateline read at the top of the text"),
    "published_from": ("string", "large_string", "where `published` came from: `source` or `dateline`; NA when "
                                                     "there is no date"),
    "characters": ("Int64", "int64", "length of the text in characters; NA when it could not be read"),
    "sha256": ("string", "large_string", "SHA-256 of the text (UTF-8), hex; NA when it could not be read"),
    "n_figures": ("Int64", "int64", "figures found (0 when it failed)"),
    "error": ("string", "large_string", "why it failed; NA when it worked"),
    "warnings": ("string", "large_string", "problems that did not stop it, joined with `; `"),
    "metadata": ("string", "large_string", "a table corpus's other columns as a JSON object"),
}
DOCUMENT_COLUMNS: Final[tuple[str, ...]] = tuple(_DOCUMENT_SPEC)
DOCUMENT_DTYPES: Final[dict[str, str]] = {k: v[0] for k, v in _DOCUMENT_SPEC.items()}
DOCUMENT_DESCRIPTIONS: Final[dict[str, str]] = {k: v[2] for k, v in _DOCUMENT_SPEC.items()}


@cache
def documents_arrow() -> pa.Schema:
    """The documents table's Arrow schema (each column's type named in ``_DOCUMENT_SPEC``, a pyarrow
    factory): made on first use, by Arrow payloads and writers only.

    >>> str(documents_arrow().field("published").type)
    'date32[day]'
    """
    import pyarrow as pa

    return pa.schema([(k, getattr(pa, v[1])()) for k, v in _DOCUMENT_SPEC.items()])


def __getattr__(name: str) -> Any:
    """``DOCUMENTS_ARROW``, the same schema as :func:`documents_arrow`, on first use (PEP 562)."""
    if name == "DOCUMENTS_ARROW":
        return documents_arrow()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
