"""Where documents come from: folders, files, .gz, PDF, HTML, stdin, JSONL/CSV table corpora, manifests.

:func:`iter_documents` is the one way documents are read: every entry point (``extract_files``,
``run_extraction``, ``scan_documents``, ``aidfigures extract``, ``aidfigures claims``) goes through it.
"""

from .documents import DEFAULT_MAX_BYTES, Document, read_document
from .ids import unique_doc_ids
from .iterate import DEFAULT_INCLUDE, iter_documents, page_of
from .manifest import MANIFEST_NAME, find_manifest, read_manifest
from .types import STDIN, SourceDocument

__all__ = ["DEFAULT_INCLUDE", "DEFAULT_MAX_BYTES", "MANIFEST_NAME", "STDIN", "Document",
           "SourceDocument", "find_manifest", "iter_documents", "page_of", "read_document",
           "read_manifest", "unique_doc_ids"]
