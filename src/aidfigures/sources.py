"""Where documents come from: folders, files, .gz, stdin, PDF, and JSONL/CSV table corpora, streamed."""

from __future__ import annotations

import bisect
import datetime as dt
import gzip
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Final

from ._files import decode, read_bytes
from ._html import html_to_text
from ._pdf import PdfTextError, read_pdf
from ._stdin import Encoded, Prefixed, sniff
from ._tables_in import Columns, Row, cell_date, iter_csv, iter_jsonl, stream_problem, too_large
from ._walk import compile_glob, walk
from .errors import DocumentError
from .io import DEFAULT_MAX_BYTES
from .manifest import find_manifest, read_manifest

__all__ = ["DEFAULT_INCLUDE", "STDIN", "SourceDocument", "iter_documents", "page_of"]

#: What :func:`iter_documents` picks up inside directories when ``include`` is not given.
DEFAULT_INCLUDE: Final = ("*.htm", "*.html", "*.md", "*.txt", "*.pdf", "*.gz", "*.jsonl", "*.csv")
#: The source name that means standard input.
STDIN: Final = "-"
_KINDS: Final = {".htm": "html", ".html": "html", ".pdf": "pdf", ".jsonl": "jsonl", ".ndjson": "jsonl",
                 ".csv": "csv", ".tsv": "tsv"}
_TABLES: Final = frozenset({"jsonl", "csv", "tsv"})
_MANIFEST_CACHE: Final = 64


@dataclass(frozen=True)
class SourceDocument:
    """One document of a corpus, as a source yields it (text read, or the reason it could not be).

    ``doc_id`` is unique within a run and stable across runs (``--resume`` relies on it);
    ``source`` says where it came from (a path, ``path#line 12``, ``-`` for stdin);
    ``error`` is set instead of ``text`` when the document could not be read;
    ``metadata`` holds a table corpus's other columns (title, origin, classification...);
    ``pages`` gives, for a PDF, the character offset where each page starts in ``text``.
    """

    doc_id: str
    source: str
    text: str = ""
    published: dt.date | None = None
    title: str | None = None
    error: str | None = None
    warnings: tuple[str, ...] = ()
    metadata: dict[str, str] = field(default_factory=dict)
    pages: tuple[int, ...] = ()


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


@dataclass(frozen=True)
class _Entry:
    """One thing to read: a file (or stdin, ``path`` None) and how."""

    path: Path | None
    kind: str  # text, html, pdf, jsonl, csv, tsv, stdin
    gz: bool
    stem: str
    id_path: str  # what unique_doc_ids sees: the name without .gz

    @property
    def source(self) -> str:
        return STDIN if self.path is None else str(self.path)


def iter_documents(sources: Iterable[str | os.PathLike[str]] | str | os.PathLike[str], *,
                   include: Iterable[str] | str | None = None, text_column: str | None = None,
                   id_column: str | None = None, date_column: str | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[SourceDocument]:
    """Yield the documents of a corpus one at a time, in a deterministic order, as
    :class:`SourceDocument` records; a document that cannot be read is a record with ``error``.

    Sources are directories (walked recursively in sorted path order, hidden files and folders and
    ``sources.csv`` manifests skipped), files (read whatever their name), and ``"-"`` for standard
    input. What a file is comes from its suffix, after dropping ``.gz`` (decompressed as a stream):

    - ``.txt``, ``.md`` and anything else: one text document, decoded like
      :func:`aidfigures.io.read_document` (UTF-8, UTF-16 with a BOM, else cp1252 with a warning;
      binary refused); ``.html``/``.htm`` reduced to their visible text.
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
    :func:`aidfigures.corpus.unique_doc_ids` does (``~2``, ``~3``...). A table row's doc_id is its
    id column, else ``<file stem>#<row number>`` (1-based among the data rows); an id already
    given gets the next free ``~2``, ``~3``... suffix, in reading order. The same sources give the
    same ids in the same order on every run. ``source`` is the path, ``<path>#line N`` for a row,
    ``-`` for stdin. Files get their publication date from the ``sources.csv`` manifest of their
    folder or its parent (by file stem).

    Bad input never stops the iteration; it gives a record with ``error`` (without the path,
    which is in ``source``) and the reading goes on: ``"no such file"``, ``"binary file, not
    text"``, ``"document too large: 200.0 MB > 64.0 MB cap"`` (checked before reading; for .gz and
    stdin at most ``max_bytes + 1`` bytes are read), ``"no text layer (scanned PDF?)"``,
    ``"not a readable PDF (...)"``, ``"corrupt .gz (...)"`` (rows read before the damage stay
    yielded: ``"... after line N; the rest of the file is not read"``), ``"not valid JSON: ...
    (column C)"``, ``"malformed CSV: ..."`` (a broken quote costs that one row: the lines after it
    are read again), ``"expected 6 fields, got 5"``, ``"no text column: looked for text, content,
    body, article (columns: ...)"``.

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
        few buffers) is in memory.

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
    return _generate(entries, Columns(text_column, id_column, date_column), max_bytes)


def _plan(sources: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
          include: Iterable[str] | str | None) -> list[_Entry]:
    """Expand the sources into the list of files to read (paths only, nothing opened)."""
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    patterns = [compile_glob(p) for p in ([include] if isinstance(include, str) else include or DEFAULT_INCLUDE)]
    entries: list[_Entry] = []
    seen: set[Path | None] = set()
    for raw in sources:
        if isinstance(raw, str) and raw == STDIN:
            files: list[Path | None] = [None]
        else:
            top = Path(raw)
            if top.is_dir():
                files = list(walk(top, patterns))
            elif top.exists():
                files = [top]
            else:
                raise DocumentError(f"{top}: no such file or directory")
        for path in files:
            key = path.resolve() if path is not None else None
            if key not in seen:
                seen.add(key)
                entries.append(_entry(path))
    return entries


def _entry(path: Path | None) -> _Entry:
    if path is None:
        return _Entry(None, "stdin", False, "stdin", "stdin")
    gz = path.name.lower().endswith(".gz")
    inner = Path(path.name[:-3]) if gz else Path(path.name)
    return _Entry(path, _KINDS.get(inner.suffix.lower(), "text"), gz, inner.stem, inner.name)


class _Unreadable(Exception):
    """A document could not be read; the message says why, without the path."""


def _generate(entries: list[_Entry], columns: Columns, cap: int) -> Iterator[SourceDocument]:
    from .corpus import unique_doc_ids  # here: corpus pulls in the extractor

    singles = [e.id_path for e in entries if e.kind not in _TABLES]
    single_ids = unique_doc_ids(singles)
    used = set(single_ids)
    ids = iter(single_ids)
    dates = _ManifestDates()
    for entry in entries:
        if entry.kind in _TABLES:
            yield from _table_documents(entry, lambda e=entry: _open(e), columns, cap, used)
        elif entry.kind == "stdin":
            yield from _stdin_documents(next(ids), columns, cap, used)
        else:
            yield _file_document(entry, next(ids), cap, dates)


def _open(entry: _Entry) -> BinaryIO:
    """Open a file for streaming (gzip decompressed on the fly; errors show when reading)."""
    assert entry.path is not None
    return gzip.open(entry.path, "rb") if entry.gz else entry.path.open("rb")  # type: ignore[return-value]


def _file_document(entry: _Entry, doc_id: str, cap: int, dates: _ManifestDates) -> SourceDocument:
    """Read one text, HTML or PDF file."""
    assert entry.path is not None
    published = dates.get(entry.path.parent).get(entry.stem)
    pages: tuple[int, ...] = ()
    title = None
    try:
        if entry.kind == "pdf":
            text, pages, title, notes = _pdf(entry, cap)
        else:
            data = _gz_bytes(entry.path, cap) if entry.gz else _file_bytes(entry.path, cap)
            text, notes = _text(data, entry.path, html=entry.kind == "html")
    except _Unreadable as exc:
        return SourceDocument(doc_id, entry.source, published=published, error=str(exc))
    return SourceDocument(doc_id, entry.source, text, published, title, warnings=notes, pages=pages)


def _file_bytes(path: Path, cap: int) -> bytes:
    """A file's bytes, its size checked before reading."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # read_bytes says what is wrong
    if size > cap:
        raise _Unreadable(too_large(cap, size))
    try:
        return read_bytes(path, cap)
    except DocumentError as exc:
        raise _Unreadable(_without(str(exc), path)) from None


def _gz_bytes(path: Path, cap: int) -> bytes:
    """At most ``cap`` decompressed bytes of a .gz file."""
    try:
        with gzip.open(path, "rb") as handle:
            data = handle.read(cap + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise _Unreadable(stream_problem(exc)) from None
    if len(data) > cap:
        raise _Unreadable(too_large(cap) + " (decompressed)")
    return data


def _text(data: bytes, name: Path, *, html: bool) -> tuple[str, tuple[str, ...]]:
    """Decode a document's bytes as :func:`aidfigures.io.read_document` does."""
    try:
        text, _, notes = decode(name, data)
    except DocumentError as exc:
        raise _Unreadable(_without(str(exc), name)) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return (html_to_text(text) if html else text), notes


def _pdf(entry: _Entry, cap: int) -> tuple[str, tuple[int, ...], str | None, tuple[str, ...]]:
    assert entry.path is not None
    try:
        if entry.gz:
            import io

            return read_pdf(io.BytesIO(_gz_bytes(entry.path, cap)), cap, entry.source)
        with entry.path.open("rb") as handle:
            return read_pdf(handle, cap, entry.source)
    except PdfTextError as exc:
        raise _Unreadable(str(exc)) from None
    except OSError as exc:
        raise _Unreadable(stream_problem(exc)) from None


def _without(message: str, path: Path | str) -> str:
    """Drop the ``"<path>: "`` prefix that DocumentError messages start with."""
    prefix = f"{path}: "
    return message[len(prefix):] if message.startswith(prefix) else message


class _ManifestDates:
    """Publication dates from the ``sources.csv`` beside each folder, read once per folder (the
    most recent folders kept)."""

    def __init__(self) -> None:
        self.cache: dict[Path, dict[str, dt.date]] = {}

    def get(self, folder: Path) -> dict[str, dt.date]:
        if folder not in self.cache:
            if len(self.cache) >= _MANIFEST_CACHE:
                del self.cache[next(iter(self.cache))]
            manifest = find_manifest(folder)
            self.cache[folder] = read_manifest(manifest) if manifest is not None else {}
        return self.cache[folder]


def _claim(base: str, used: set[str]) -> str:
    """``base``, or ``base~2``, ``base~3``... the first not used yet; marks it used."""
    doc_id, n = base, 1
    while doc_id in used:
        n += 1
        doc_id = f"{base}~{n}"
    used.add(doc_id)
    return doc_id


def _table_documents(entry: _Entry, opener: Callable[[], BinaryIO], columns: Columns, cap: int,
                     used: set[str], file_id: str | None = None) -> Iterator[SourceDocument]:
    """One document per row of a JSONL or CSV stream (``opener`` gives it; it is closed here)."""
    where = entry.source
    try:
        stream = opener()
    except OSError as exc:  # a file that vanished or cannot be opened
        yield SourceDocument(file_id or _claim(entry.stem, used), where, error=stream_problem(exc))
        return
    with stream:
        if entry.kind == "jsonl":
            rows = iter_jsonl(stream, where, columns, cap)
        else:
            rows = iter_csv(stream, where, columns, cap, "\t" if entry.kind == "tsv" else ",")
        for row in rows:
            yield _row_document(row, entry.stem, where, used, file_id)


def _row_document(row: Row, stem: str, where: str, used: set[str], file_id: str | None) -> SourceDocument:
    if row.last:  # a problem with the file, not one row
        return SourceDocument(file_id or _claim(stem, used), where, error=row.error, warnings=row.warnings)
    doc_id = _claim(row.id or f"{stem}#{row.number}", used)
    source = f"{where}#line {row.line}"
    if row.error is not None:
        return SourceDocument(doc_id, source, error=row.error, warnings=row.warnings)
    published, notes = None, row.warnings
    if row.date is not None:
        published = cell_date(row.date)
        if published is None:
            notes += (f"{source}: date {row.date!r} not understood",)
    return SourceDocument(doc_id, source, row.text, published, row.title, None, notes, row.metadata)


def _stdin_documents(doc_id: str, columns: Columns, cap: int, used: set[str]) -> Iterator[SourceDocument]:
    """Standard input: JSON lines when it starts with a JSON object on a line, else one text document."""
    entry = _Entry(None, "jsonl", False, "stdin", "stdin")
    buffer = getattr(sys.stdin, "buffer", None)
    raw = Encoded(sys.stdin) if buffer is None else buffer
    try:
        stream, head, jsonl = sniff(raw, cap)
        if not jsonl:
            data = head + stream.read(cap + 1 - len(head)) if len(head) <= cap else head
    except (OSError, EOFError, zlib.error) as exc:
        yield SourceDocument(doc_id, STDIN, error=stream_problem(exc))
        return
    if jsonl:
        yield from _table_documents(entry, lambda: Prefixed(head, stream), columns, cap, used, doc_id)
    elif len(data) > cap:
        yield SourceDocument(doc_id, STDIN, error=too_large(cap))
    else:
        try:
            text, notes = _text(data, Path(STDIN), html=False)
        except _Unreadable as exc:
            yield SourceDocument(doc_id, STDIN, error=str(exc))
            return
        yield SourceDocument(doc_id, STDIN, text, warnings=notes)
