"""Text of a PDF, page by page, with pypdf: pages joined by form feeds, page start offsets kept."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO, Final, NamedTuple

from .rows import too_large

__all__ = ["PdfText", "PdfTextError", "read_pdf"]

PAGE_BREAK: Final = "\f"
NO_TEXT_LAYER: Final = "no text layer (scanned PDF?)"
#: A page whose streams decompress past pypdf's output limits (tens of MB from a few KB).
DECOMPRESSION_BOMB: Final = "decompression bomb: a stream decompresses past the size limit"
_MAX_LOG_NOTES: Final = 5


class PdfTextError(Exception):
    """The PDF gave no usable text; the message says why (without the path)."""


class PdfText(NamedTuple):
    text: str
    pages: tuple[int, ...]
    title: str | None
    warnings: tuple[str, ...]


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace(PAGE_BREAK, "\n")


def read_pdf(stream: BinaryIO, cap: int, where: str) -> PdfText:
    """Extract a PDF's text (see :func:`_read_pdf`); what pypdf logs while reading it (broken
    cross-reference tables and the like) goes to the warnings instead of stderr."""
    with _pypdf_log() as logged:
        result = _read_pdf(stream, cap, where)
    notes = tuple(f"{where}: pypdf: {m}" for m in dict.fromkeys(logged))[:_MAX_LOG_NOTES]
    return result._replace(warnings=result.warnings + notes)


@contextmanager
def _pypdf_log() -> Iterator[list[str]]:
    """Collect the messages of the ``pypdf`` logger (not passed on) while the block runs."""
    logger = logging.getLogger("pypdf")
    messages: list[str] = []

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    handler = _Collect(logging.WARNING)
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _read_pdf(stream: BinaryIO, cap: int, where: str) -> PdfText:
    """Extract a PDF's text from an open binary stream (read lazily, never loaded whole).

    Pages are joined with ``"\\f"``; ``pages[i]`` is the offset where page ``i + 1`` starts. A page
    whose text cannot be extracted counts as empty (with a warning). Raises :class:`PdfTextError`
    for an unreadable or encrypted PDF, one without pages, one whose pages have no text at all
    (:data:`NO_TEXT_LAYER`), or text over ``cap`` bytes.
    """
    from pypdf import PdfReader  # imported here: only PDF corpora pay for it

    try:
        reader = PdfReader(stream)
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfTextError("encrypted PDF (a password is needed)")
        count = len(reader.pages)
    except PdfTextError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on broken files
        if type(exc).__name__ == "LimitReachedError":
            raise PdfTextError(f"{DECOMPRESSION_BOMB} ({exc})") from None
        raise PdfTextError(f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    if not count:
        raise PdfTextError("PDF has no pages")
    from pypdf.errors import LimitReachedError

    texts: list[str] = []
    notes: list[str] = []
    bombs: list[str] = []
    size = 0
    for number in range(1, count + 1):
        try:
            text = _clean(reader.pages[number - 1].extract_text() or "")
        except LimitReachedError as exc:  # a stream that decompresses past pypdf's limits
            bombs.append(f"page {number} ({exc})")
            notes.append(f"{where}: page {number}: {DECOMPRESSION_BOMB} ({exc}); its text is not read")
            text = ""
        except Exception as exc:  # noqa: BLE001 - one bad page must not lose the others
            notes.append(f"{where}: page {number}: text not extracted ({type(exc).__name__}: {exc})")
            text = ""
        size += len(text.encode("utf-8")) + 1
        if size > cap + 1:
            raise PdfTextError(too_large(cap) + f" (text of pages 1-{number})")
        texts.append(text)
    empty = [n for n, t in enumerate(texts, 1) if not t.strip()]
    if len(empty) == count:
        if bombs:
            shown = "; ".join(bombs[:3]) + ("; ..." if len(bombs) > 3 else "")
            raise PdfTextError(f"{DECOMPRESSION_BOMB}: {shown}")
        raise PdfTextError(NO_TEXT_LAYER)
    if empty:
        shown = ", ".join(map(str, empty[:10])) + (", ..." if len(empty) > 10 else "")
        notes.append(f"{where}: {len(empty)} of {count} pages have no text layer (pages {shown})")
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + len(PAGE_BREAK)
    return PdfText(PAGE_BREAK.join(texts), tuple(starts), _title(reader), tuple(notes))


def _title(reader: object) -> str | None:
    try:
        title = reader.metadata.title  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - metadata is a nicety
        return None
    return title.strip() or None if isinstance(title, str) else None
