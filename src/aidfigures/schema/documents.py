"""The documents table of corpus runs: one row per document, joined to the figures on ``doc_id``."""

from __future__ import annotations

from typing import Final

import pyarrow as pa

__all__ = ["DOCUMENT_COLUMNS", "DOCUMENT_DESCRIPTIONS", "DOCUMENT_DTYPES", "DOCUMENTS_ARROW"]

#: The documents table: one row per document of a run.
_DOCUMENT_SPEC: Final[dict[str, tuple[str, pa.DataType, str]]] = {
    "doc_id": ("string", pa.large_string(), "the id its figures carry"),
    "source": ("string", pa.large_string(), "where it came from: a path, `path#line 12`, `-` for stdin"),
    "title": ("string", pa.large_string(), "title when the source gives one (a sources.csv manifest, a PDF, a "
                                           "table corpus's column)"),
    "url": ("string", pa.large_string(), "URL when a sources.csv manifest gives one"),
    "published": ("datetime64[s]", pa.date32(), "publication date: the source's (a sources.csv manifest, a table's "
                                                "date column), else the dateline read at the top of the text"),
    "published_from": ("string", pa.large_string(), "where `published` came from: `source` or `dateline`; NA when "
                                                     "there is no date"),
    "characters": ("Int64", pa.int64(), "length of the text in characters; NA when it could not be read"),
    "sha256": ("string", pa.large_string(), "SHA-256 of the text (UTF-8), hex; NA when it could not be read"),
    "n_figures": ("Int64", pa.int64(), "figures found (0 when it failed)"),
    "error": ("string", pa.large_string(), "why it failed; NA when it worked"),
    "warnings": ("string", pa.large_string(), "problems that did not stop it, joined with `; `"),
    "metadata": ("string", pa.large_string(), "a table corpus's other columns as a JSON object"),
}
DOCUMENT_COLUMNS: Final[tuple[str, ...]] = tuple(_DOCUMENT_SPEC)
DOCUMENT_DTYPES: Final[dict[str, str]] = {k: v[0] for k, v in _DOCUMENT_SPEC.items()}
DOCUMENT_DESCRIPTIONS: Final[dict[str, str]] = {k: v[2] for k, v in _DOCUMENT_SPEC.items()}
DOCUMENTS_ARROW: Final = pa.schema([(k, v[1]) for k, v in _DOCUMENT_SPEC.items()])
