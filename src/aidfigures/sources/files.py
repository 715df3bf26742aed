"""Read one text, HTML, PDF or .gz file of a corpus as a :class:`SourceDocument` (or why it cannot be)."""

from __future__ import annotations

import datetime as dt
import gzip
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from ..errors import DocumentError
from .decoding import decode, read_bytes
from .html import html_to_text
from .manifest import ManifestEntry, find_manifest, read_manifest_entries
from .pdf import PdfTextError, read_pdf
from .rows import stream_problem, too_large
from .types import SourceDocument, _Entry

_MANIFEST_CACHE: Final = 64


class _Unreadable(Exception):
    """A document could not be read; the message says why, without the path."""


@dataclass(frozen=True)
class FileRef:
    """A file of the corpus not read yet: what a worker process needs to read it (``load``).

    A corpus run ships these to its workers instead of texts, so that reading the files is shared
    out like extracting them. ``size`` is the file's size in bytes (0 when it cannot be had);
    ``title`` and ``url`` come from a ``sources.csv`` manifest.
    """

    entry: _Entry
    doc_id: str
    published: dt.date | None
    cap: int
    size: int
    title: str | None = None
    url: str | None = None

    @property
    def source(self) -> str:
        return self.entry.source

    def load(self) -> SourceDocument:
        """Read the file (a record with ``error`` when it cannot be)."""
        return _file_document(self.entry, self.doc_id, self.cap, self.published, self.title, self.url)

    def failed(self, reason: str) -> SourceDocument:
        """The record of this file when it cannot be extracted for ``reason``."""
        return SourceDocument(self.doc_id, self.source, published=self.published, title=self.title, url=self.url,
                              error=reason)


def _size(path: Path) -> int:
    """A file's size in bytes, 0 when it cannot be had (reading it will say what is wrong)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


_NOTHING: Final = ManifestEntry()


def _file_ref(entry: _Entry, doc_id: str, cap: int, dates: _ManifestDates) -> FileRef:
    path = entry.path
    assert path is not None
    said = dates.get(path.parent).get(entry.stem, _NOTHING)
    return FileRef(entry, doc_id, said.published, cap, _size(path), said.title, said.url)


def _listed_document(entry: _Entry, doc_id: str, cap: int, dates: _ManifestDates) -> SourceDocument:
    """Read one file with what its folder's manifest says about it."""
    path = entry.path
    assert path is not None
    said = dates.get(path.parent).get(entry.stem, _NOTHING)
    return _file_document(entry, doc_id, cap, said.published, said.title, said.url, path)


def _file_document(entry: _Entry, doc_id: str, cap: int, published: dt.date | None,
                   title: str | None = None, url: str | None = None, path: Path | None = None) -> SourceDocument:
    """Read one text, HTML or PDF file (a manifest's ``title`` wins over a PDF's own; ``path``: the
    entry's, if already made)."""
    path = path or entry.path
    assert path is not None
    pages: tuple[int, ...] = ()
    try:
        if entry.kind == "pdf":
            text, pages, own_title, notes = _pdf(entry, cap)
            title = title or own_title
        else:
            data = _gz_bytes(path, cap) if entry.gz else _file_bytes(path, cap)
            text, notes = _text(data, path, html=entry.kind == "html")
    except _Unreadable as exc:
        return SourceDocument(doc_id, entry.source, published=published, title=title, url=url, error=str(exc))
    return SourceDocument(doc_id, entry.source, text, published, title, url=url, warnings=notes, pages=pages)


def _file_bytes(path: Path, cap: int) -> bytes:
    """A file's bytes, its size checked before reading."""
    size = _size(path)
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
    """Decode a document's bytes as :func:`aidfigures.sources.read_document` does."""
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
    """Publication dates, titles and URLs from the ``sources.csv`` beside each folder, read once per
    folder (the most recent folders kept)."""

    def __init__(self) -> None:
        self.cache: dict[Path, dict[str, ManifestEntry]] = {}

    def get(self, folder: Path) -> dict[str, ManifestEntry]:
        if folder not in self.cache:
            if len(self.cache) >= _MANIFEST_CACHE:
                del self.cache[next(iter(self.cache))]
            manifest = find_manifest(folder)
            self.cache[folder] = read_manifest_entries(manifest) if manifest is not None else {}
        return self.cache[folder]
