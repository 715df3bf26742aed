"""Read documents (text, Markdown, HTML) and read/write figures tables (CSV, Parquet)."""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from ..errors import DocumentWarning
from .decoding import decode, read_bytes
from .html import html_to_text

__all__ = ["DEFAULT_MAX_BYTES", "Document", "read_document"]

#: :func:`read_document` refuses larger files (64 MB) unless ``max_bytes`` says otherwise.
DEFAULT_MAX_BYTES: Final = 64 * 2**20
_HTML_SUFFIXES: Final = frozenset({".htm", ".html"})


@dataclass(frozen=True)
class Document:
    """One document's text and where it came from.

    Attributes
    ----------
    doc_id : str
        The file name without its extension.
    path : Path
        The file it was read from.
    text : str
        The decoded text with ``\\n`` line ends; for HTML the stripped text (character
        offsets into it do not map back to the HTML source).
    encoding : str
        ``"utf-8"`` (a byte-order mark is dropped), ``"utf-16"`` or ``"cp1252"``.
    warnings : tuple of str
        What went less than perfectly (e.g. the cp1252 fallback).
    """

    doc_id: str
    path: Path
    text: str
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = ()


def read_document(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a ``.txt``, ``.md`` or ``.html``/``.htm`` file as a :class:`Document`.

    Bytes are decoded as UTF-8, as UTF-16 when the file starts with a UTF-16 byte-order mark; bytes
    that are not UTF-8 become U+FFFD when the text is mostly UTF-8, else the file is decoded as
    cp1252 (see :func:`aidfigures.sources.decoding.decode_utf8`; either is recorded in
    ``Document.warnings`` and issued as a :class:`~aidfigures.errors.DocumentWarning`).
    Line ends become ``\\n``. HTML is reduced to its
    visible text (tags, scripts and styles dropped, entities unescaped, block elements on their own
    lines), so character spans of figures refer to that stripped text. An empty file gives ``""``.

    Parameters
    ----------
    path : str or path-like
        The file. Any suffix other than ``.html``/``.htm`` is read as plain text.
    max_bytes : int, default 64 MB
        Larger files are refused.

    Returns
    -------
    Document

    Raises
    ------
    DocumentError
        The file is missing, unreadable, a directory, binary, or over ``max_bytes``. The message
        starts with the path.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> folder = pathlib.Path(tmp.name)
    >>> _ = (folder / "peru.html").write_text("<p>Aid: $5&nbsp;million</p><script>x()</script>")
    >>> doc = read_document(folder / "peru.html")
    >>> doc.doc_id, doc.text, doc.encoding
    ('peru', 'Aid: $5 million', 'utf-8')
    >>> read_document(folder / "nothing.txt")
    Traceback (most recent call last):
    ...
    aidfigures.errors.DocumentError: .../nothing.txt: no such file
    >>> tmp.cleanup()
    """
    path = Path(path)
    text, encoding, notes = decode(path, read_bytes(path, max_bytes))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if path.suffix.lower() in _HTML_SUFFIXES:
        text = html_to_text(text)
    for note in notes:
        warnings.warn(note, DocumentWarning, stacklevel=2)
    return Document(path.stem, path, text, encoding, notes)
