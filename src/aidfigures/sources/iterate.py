"""Where documents come from: folders, files, .gz, stdin, PDF, and JSONL/CSV table corpora, streamed."""

from __future__ import annotations

import bisect
import gzip
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import BinaryIO, Final

from ..errors import DocumentError
from .documents import DEFAULT_MAX_BYTES
from .files import FileRef, _file_ref, _listed_document, _ManifestDates, _size
from .ids import unique_doc_ids
from .rows import Columns
from .table_corpora import _stdin_documents, _table_documents
from .types import STDIN, SourceDocument, _Entry, _split
from .walk import compile_glob, walk

__all__ = ["DEFAULT_INCLUDE", "iter_documents", "page_of"]

#: What :func:`iter_documents` picks up inside directories when ``include`` is not given.
DEFAULT_INCLUDE: Final = ("*.htm", "*.html", "*.md", "*.txt", "*.pdf", "*.gz", "*.jsonl", "*.csv")
_KINDS: Final = {".htm": "html", ".html": "html", ".pdf": "pdf", ".jsonl": "jsonl", ".ndjson": "jsonl",
                 ".csv": "csv", ".tsv": "tsv"}
_TABLES: Final = frozenset({"jsonl", "csv", "tsv"})
_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def page_of(start: int, pages: Sequence[int]) -> int:
    """Return the 1-based page a character offset falls on, given ``SourceDocument.pages``.

    ``0`` when ``pages`` is empty (a document without pages). The ``"\\f"`` that ends a page
    belongs to that page.

    Examples
    --------
    >>> pages = (0, 120, 300)      # page 2 starts at offset 120, page 3 at 300
    >>> page_of(0, pages), page_of(119, pages), page_of(120, pages), page_of(5000, pages)
    (1, 1, 2, 3)
    >>> page_of(10, ())
    0
    """
    return bisect.bisect_right(pages, start) if pages else 0


def iter_documents(sources: Iterable[str | os.PathLike[str]] | str | os.PathLike[str], *,
                   include: Iterable[str] | str | None = None, text_column: str | None = None,
                   id_column: str | None = None, date_column: str | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[SourceDocument]:
    """Yield the documents of a corpus one at a time, in a deterministic order, as
    :class:`SourceDocument` records; a document that cannot be read is a record with ``error``.

    Sources are directories (walked recursively in sorted path order, hidden files and folders and
    ``sources.csv`` manifests skipped; symbolic links to folders followed, a folder reached twice
    read once; an unreadable folder, a link looping back to an enclosing folder, and a broken link,
    FIFO or other special file an include glob matches are error records), files (read whatever
    their name), and ``"-"`` for standard input.
    What a file is comes from its suffix, after dropping ``.gz`` (decompressed as a stream):

    - ``.txt``, ``.md`` and anything else: one text document, decoded like
      :func:`aidfigures.sources.read_document` (UTF-8 with stray bytes replaced and counted in a
      warning, UTF-16 with a BOM, cp1252 with a warning when not mostly UTF-8; binary refused);
      ``.html``/``.htm`` reduced to their visible text.
    - ``.pdf``: the text of each page (pypdf), pages joined with ``"\\f"``; ``pages`` holds the
      offset where each page starts (see :func:`page_of`); the PDF title, if any, as ``title``.
    - ``.jsonl`` (``.ndjson``), ``.csv`` (``.tsv``): a table corpus, one document per row, read
      row by row. The text column is ``text_column`` or the first of ``text``, ``content``,
      ``body``, ``article``; the id column ``id_column`` or ``id``/``doc_id``; the date column
      ``date_column`` or ``date``/``published``/``pubdate`` (parsed into ``published``, which
      anchors relative years); ``title`` or ``subject`` becomes ``title``; every other column goes
      to ``metadata`` as text. Names are matched ignoring case. CSV has a header row.
    - stdin: JSON lines when its first non-blank line is a JSON object, else one text document
      ``stdin``; gzip-compressed input is recognized.

    A file's doc_id is its name without extensions (``x.txt.gz`` -> ``x``), made unique as
    :func:`aidfigures.sources.unique_doc_ids` does (``~2``, ``~3``...). A table row's doc_id is its
    id column, else ``<file stem>#<row number>`` (1-based among the data rows); an id already
    given gets the next free ``~2``, ``~3``... suffix, in reading order. The same sources give the
    same ids in the same order on every run. ``source`` is the path, ``<path>#line N`` for a row,
    ``-`` for stdin. Files get their publication date from the ``sources.csv`` manifest of their
    folder or its parent (by file stem).

    Bad input never stops the iteration; it gives a record with ``error`` (without the path,
    which is in ``source``) and the reading goes on: ``"no such file"``, ``"binary file, not
    text"``, ``"document too large: 200.0 MB > 64.0 MB cap"`` (checked before reading; for .gz and
    stdin at most ``max_bytes + 1`` bytes are read), ``"no text layer (scanned PDF?)"``,
    ``"decompression bomb: ..."`` (a PDF stream that inflates past pypdf's limits),
    ``"not a readable PDF (...)"``, ``"corrupt .gz (...)"`` (rows read before the damage stay
    yielded: ``"... after line N; the rest of the file is not read"``), ``"not valid JSON: ...
    (column C)"``, ``"malformed CSV: ..."`` (a broken quote costs that one row: the lines after it
    are read again), ``"expected 6 fields, got 5"``, ``"no text column: looked for text, content,
    body, article (columns: ...)"``, ``"field 'text' is null, not text"``. CSV files whose lines
    end with a bare ``\\r`` (classic Mac) are read like any other.

    Parameters
    ----------
    sources : path-like, ``"-"``, or an iterable of them
    include : glob or list of globs, optional
        Which files to take inside directories (default :data:`DEFAULT_INCLUDE`). A glob without
        ``/`` matches file names at any depth (``"*.txt"``); one with ``/`` matches the path
        relative to the directory given (``"cables/**/*.md"``; ``**`` spans folders). Case is
        ignored. Files named explicitly are always read.
    text_column, id_column, date_column : str, optional
        Table corpus columns (defaults above). A CSV without the column asked for is an error.
    max_bytes : int, default 64 MB
        The largest document: a text file, a decompressed .gz, stdin, a PDF's text, a table row.

    Returns
    -------
    iterator of SourceDocument
        Lazy: files are opened one at a time while iterating, and at most one document (plus a
        few buffers) is in memory. It also says how big the corpus is, for progress: ``total``,
        the number of documents when known before reading (no table corpus or stdin among the
        sources), and ``total_chars``, the bytes of the files (None with stdin or ``.gz``, PDF
        or HTML files, whose text size the file size does not tell). Given to
        :func:`aidfigures.corpus.run_corpus` before it is iterated, the files are read by the
        worker processes rather than by the caller.

    Raises
    ------
    DocumentError
        A source does not exist (raised by this call, before anything is read).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> folder = pathlib.Path(tmp.name)
    >>> _ = (folder / "peru.txt").write_text("Peru received $5 million in 2006.")
    >>> _ = (folder / "cables.csv").write_text("id,date,subject,content\\n76LIMA1,1976-02-20,Aid,$5M\\n")
    >>> [(d.doc_id, d.source.replace(str(folder), "D"), d.published) for d in iter_documents(folder)]
    [('76LIMA1', 'D/cables.csv#line 2', datetime.date(1976, 2, 20)), ('peru', 'D/peru.txt', None)]
    >>> tmp.cleanup()
    """
    if max_bytes < 1:
        raise ValueError(f"max_bytes must be positive, not {max_bytes}")
    entries = _plan(sources, include)
    return _Documents(entries, Columns(text_column, id_column, date_column), max_bytes)


class _Documents(Iterator[SourceDocument]):
    """What :func:`iter_documents` returns: an iterator of documents that knows the corpus size."""

    def __init__(self, entries: list[_Entry], columns: Columns, cap: int) -> None:
        self._entries, self._columns, self._cap = entries, columns, cap
        self._iterator: Iterator[SourceDocument | FileRef] | None = None
        self.total: int | None = None
        self.total_chars: int | None = None
        if all(e.kind not in _TABLES and e.kind != "stdin" for e in entries):
            self.total = len(entries)
        if all(e.path is not None and not e.gz and e.kind not in ("pdf", "html") for e in entries):
            self.total_chars = sum(_size(e.path) for e in entries if e.path is not None)

    def __next__(self) -> SourceDocument:
        if self._iterator is None:
            self._iterator = _generate(self._entries, self._columns, self._cap)
        doc = next(self._iterator)
        assert isinstance(doc, SourceDocument)  # FileRefs come only from _deferred
        return doc

    def _deferred(self) -> Iterator[SourceDocument | FileRef] | None:
        """The same documents, single files as :class:`FileRef` to be read later (by a worker);
        None once iterating has begun."""
        if self._iterator is not None:
            return None
        self._iterator = iter(())
        return _generate(self._entries, self._columns, self._cap, defer=True)


def _plan(sources: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
          include: Iterable[str] | str | None) -> list[_Entry]:
    """Expand the sources into the list of files to read (paths only, nothing opened)."""
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    patterns = [compile_glob(p) for p in ([include] if isinstance(include, str) else include or DEFAULT_INCLUDE)]
    entries: list[_Entry] = []
    seen: set[str | None] = set()
    for raw in sources:
        keys: list[str | None]
        errors: list[str | None] = []
        if isinstance(raw, str) and raw == STDIN:
            files: list[str | None] = [None]
            keys = [None]
        else:
            top = Path(raw)
            if top.is_dir():
                found = walk(top, patterns)
                base = str(top).rstrip("/")
                keys = [key for _, key, _ in found]
                files = [rel if base == "." else f"{base}/{rel}" for rel, _, _ in found]  # as str(top / rel)
                errors = [error for _, _, error in found]
            elif top.exists():
                files, keys = [str(top)], [str(top.resolve())]
            else:
                raise DocumentError(f"{top}: no such file or directory")
        for path, key, error in zip(files, keys, errors or [None] * len(files), strict=True):
            if key not in seen:
                seen.add(key)
                entries.append(_entry(path) if error is None else _Entry(path, "text", False, error))
    return entries


def _entry(path: str | None) -> _Entry:
    if path is None:
        return _Entry(None, "stdin", False)
    gz = path.lower().endswith(".gz")
    name = os.path.basename(path)
    suffix = _split(name[:-3] if gz else name)[1]
    return _Entry(path, _KINDS.get(suffix.lower(), "text"), gz)


def _generate(entries: list[_Entry], columns: Columns, cap: int,
              defer: bool = False) -> Iterator[SourceDocument | FileRef]:
    """The documents of the entries, ids without lone surrogates (see :func:`_valid_id`)."""
    for doc in _documents(entries, columns, cap, defer):
        yield doc if doc.doc_id.isascii() else _valid_id(doc)


def _valid_id(doc: SourceDocument | FileRef) -> SourceDocument | FileRef:
    """``doc`` with the lone surrogates of its id (a JSON ``\\ud800`` escape, a file name that is not
    UTF-8) as U+FFFD: UTF-8 outputs cannot hold them, and the id is written into every row."""
    clean = _SURROGATE.sub("\ufffd", doc.doc_id)
    return doc if clean == doc.doc_id else replace(doc, doc_id=clean)


def _documents(entries: list[_Entry], columns: Columns, cap: int,
               defer: bool = False) -> Iterator[SourceDocument | FileRef]:

    single_ids = unique_doc_ids([e.id_path for e in entries if e.kind not in _TABLES])
    used = set(single_ids)
    ids = iter(single_ids)
    dates = _ManifestDates()
    for entry in entries:
        if entry.kind in _TABLES:
            yield from _table_documents(entry, partial(_open, entry), columns, cap, used)
        elif entry.kind == "stdin":
            yield from _stdin_documents(next(ids), columns, cap, used)
        else:
            doc_id = next(ids)
            if entry.error is not None:
                yield SourceDocument(doc_id, entry.source, error=entry.error)
            elif defer:
                yield _file_ref(entry, doc_id, cap, dates)
            else:
                yield _listed_document(entry, doc_id, cap, dates)


def _open(entry: _Entry) -> BinaryIO:
    """Open a file for streaming (gzip decompressed on the fly; errors show when reading)."""
    assert entry.path is not None
    return gzip.open(entry.path, "rb") if entry.gz else entry.path.open("rb")  # type: ignore[return-value]
