"""Chunks of a corpus run: grouping documents into chunks, and extracting a chunk (in a worker)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final
from warnings import catch_warnings, simplefilter, warn_explicit

from .. import schema
from ..errors import DocumentWarning
from ..extract import Figure, find_figures
from ..outputs.base import resume_key
from ..parse.dates import find_document_date
from ..sources.documents import Document
from ..sources.files import FileRef
from ..sources.types import SourceDocument
from .payloads import Failure, _ChunkResult, _encoded
from .progress import Progress
from .timelimit import DocumentTimeout, time_limit

if TYPE_CHECKING:  # imported where a table is built: a CSV run needs none
    import pandas as pd

_MAX_CHUNK_DOCS: Final = 5_000
#: Near the end of a corpus of known size, a chunk holds at most this fraction of what is left...
_TAIL_PARTS: Final = 16
#: ...and at least this many characters.
_MIN_TAIL_CHARS: Final = 100_000

Extractor = Callable[[SourceDocument], list[Figure]]
#: A document of a chunk: read, or a file for the worker to read.
Item = SourceDocument | FileRef


# ---------------------------------------------------------------- worker side

_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def _clean(text: str | None) -> str | None:
    """``text`` with lone surrogates (from JSON escapes such as ``\\ud800``), which UTF-8 cannot
    encode, replaced by U+FFFD (one character for one: offsets do not move)."""
    return text if text is None or text.isascii() or not _SURROGATE.search(text) else _SURROGATE.sub("\ufffd", text)


def _sha256(text: str) -> str:
    return hashlib.sha256(_clean(text).encode("utf-8")).hexdigest()  # type: ignore[union-attr]


def _metadata(doc: SourceDocument) -> str | None:
    """The ``metadata`` cell of a document's row: its other columns as JSON text."""
    return _clean(json.dumps(doc.metadata, ensure_ascii=False, sort_keys=True)) if doc.metadata else None


def _resume_key(doc: SourceDocument) -> str | None:
    """What a resumed run compares with the row written before (see :func:`aidfigures.outputs.base.resume_key`)."""
    return resume_key(_sha256(doc.text), doc.published or find_document_date(doc.text), _clean(doc.title),
                      _metadata(doc))  # the date the row holds: the source's, else the dateline's


def _extract_document(doc: Document, published: dt.date | None = None, **source: str | None) -> list[Figure]:
    """Run the extractor on one document (``source``: its ``title`` and ``url``)."""
    return find_figures(doc.text, doc_id=doc.doc_id, published=published, **source)


def _default_extract(doc: SourceDocument) -> list[Figure]:
    # _extract_document is looked up at call time: tests replace it
    return _extract_document(Document(doc.doc_id, Path(doc.source), doc.text), doc.published,
                             title=_clean(doc.title), url=_clean(doc.url))


def default_extract(doc: SourceDocument) -> list[Figure]:
    """The extractor of corpus runs given none: :func:`aidfigures.find_figures` with the source's date,
    title and URL (for wrappers, e.g. one applying corrections, that pass it on)."""
    return _default_extract(doc)


#: Invented sentences, one per language, that :func:`warm_up` extracts.
_WARM_UP: Final = ("Washington, March 3, 2006. Peru received $5.2 million in aid in 2005.",
                   "Lima, 3 de marzo de 2006. Bolivia recibió 4 millones de dólares de ayuda en 2005.")


def warm_up() -> None:
    """Load what extraction loads on first use (patterns, gazetteer, models), in both languages:
    done once before helper processes are forked, which then inherit it."""
    with catch_warnings():
        simplefilter("ignore")
        for text in _WARM_UP:
            find_figures(text, doc_id="warm-up")


def _dated(row: dict[str, Any], text: str, found: list[Figure] | None) -> None:
    """Give a document row without a date from its source the date its dateline gives (the one
    the extractor read: its figures carry it), and say where ``published`` came from."""
    if row["published"] is None and text:
        row["published"] = (found[0].published if found else None) or find_document_date(text)
        row["published_from"] = "dateline" if row["published"] is not None else None


def process_chunk(seq: int, docs: Sequence[Item], kind: str, extractor: Extractor | None = None,
                  head_rows: int = 0, max_chars: int | None = None, doc_timeout: float | None = None) -> _ChunkResult:
    """Read (files not read yet) and extract a chunk of documents and encode its output (runs in
    a worker; never raises for a document's own problem: it becomes an error row). Documents
    longer than ``max_chars`` characters are not extracted, and those whose extraction takes
    longer than ``doc_timeout`` seconds are stopped: an error row says so. Warnings the extractor
    gives about a document (a figure skipped) go in its row's ``warnings``."""
    extract = extractor or _default_extract
    rows: list[dict[str, Any]] = []
    tables: dict[int, list[Figure]] = {}
    characters = 0
    warnings: list[str] = []
    for index, item in enumerate(docs):
        doc = item.load() if isinstance(item, FileRef) else item
        if max_chars is not None and len(doc.text) > max_chars:
            doc = _too_large(doc, max_chars)
        text = doc.text or ""
        characters += len(text)
        notes = doc.warnings
        warnings.extend(notes)
        if _clean(text) is not text:
            text = _clean(text)  # type: ignore[assignment]
            doc = replace(doc, text=text)
            notes += ("lone surrogates in the text replaced with U+FFFD",)
        row = {
            "doc_id": doc.doc_id, "source": _clean(doc.source), "title": _clean(doc.title), "url": _clean(doc.url),
            "published": doc.published, "published_from": "source" if doc.published else None,
            "characters": len(text) if text or not doc.error else None,
            "sha256": _sha256(text) if text or not doc.error else None,
            "n_figures": 0, "error": _clean(doc.error), "warnings": _clean("; ".join(notes)) or None,
            "metadata": _metadata(doc),
        }
        rows.append(row)
        if doc.error:
            continue
        try:
            with catch_warnings(record=True) as caught, time_limit(doc_timeout):
                simplefilter("always", DocumentWarning)
                found = sorted(extract(doc), key=lambda f: f.start)
            if any(f.doc_id != doc.doc_id for f in found):
                raise ValueError(f"figures carry a doc_id other than {doc.doc_id!r}")
        except DocumentTimeout as exc:
            row["error"] = str(exc)
            continue
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the corpus
            row["error"] = f"extraction failed: {type(exc).__name__}: {exc}"
            continue
        for w in caught:  # other warnings (a library's) go on as if not caught
            if not issubclass(w.category, DocumentWarning):
                warn_explicit(w.message, w.category, w.filename, w.lineno)
        said = [_clean(str(w.message)) or "" for w in caught if issubclass(w.category, DocumentWarning)]
        if said:
            warnings.extend(said)
            row["warnings"] = "; ".join([str(row["warnings"])] * bool(row["warnings"]) + said)
        _dated(row, text, found)
        tables[index] = found
        row["n_figures"] = len(found)
    payload, head = _encoded(kind, tables, rows, head_rows)
    failures = [Failure(r["doc_id"], r["source"], r["error"]) for r in rows if r["error"]]
    return _ChunkResult(seq, payload, len(docs), characters, failures, head, warnings)


def _failed_result(seq: int, docs: Sequence[Item], kind: str, reason: str) -> _ChunkResult:
    """The result of documents that could not be extracted (their text, if read, still measured)."""
    return process_chunk(seq, [_failed(d, reason, keep_text=True) for d in docs], kind)


def _failed(doc: Item, reason: str, *, keep_text: bool = False) -> SourceDocument:
    """``doc`` as a record of a document that failed for ``reason``."""
    if isinstance(doc, FileRef):
        return doc.failed(reason)
    return replace(doc, error=reason) if keep_text else replace(doc, text="", error=reason)


def _too_large(doc: SourceDocument, max_chars: int) -> SourceDocument:
    return _failed(doc, f"document too large: {len(doc.text):,} characters, over the limit of {max_chars:,}")


def _limit(chunk_chars: int, expected: tuple[int | None, int | None], documents: int, size: int) -> int:
    """The size of the next chunk: ``chunk_chars``, or less near the end of a corpus whose size is
    known (``expected``: its documents and/or its characters), so that the workers finish together:
    at most a :data:`_TAIL_PARTS`-th of what is left (``total_chars`` less the ``size``
    characters seen so far; else estimated from the size of the ``documents`` seen so far), at
    least :data:`_MIN_TAIL_CHARS`. A corpus whose characters are known is cut from its first
    chunk, so a small folder is shared by the workers too. It depends on the corpus only, not on
    the number of workers."""
    total, total_chars = expected
    if total_chars is not None:
        left = total_chars - size
    elif total is not None and documents:
        left = (total - documents) * size // documents
    else:
        return chunk_chars
    return min(chunk_chars, max(_MIN_TAIL_CHARS, left // _TAIL_PARTS))


def _chunks(documents: Iterable[Item], done: dict[str, str | None], chunk_chars: int,
            max_chars: int, shown: Progress, state: RunState,
            expected: tuple[int | None, int | None] = (None, None)) -> Iterator[tuple[int, list[Item], list[str]]]:
    """Group documents into chunks (sequence number, documents, doc_ids whose old rows to drop),
    skipping those already written and marking oversized and repeated ones as errors. A file not
    read yet counts its size in bytes; it is read here only to compare it with a row written
    before (``--resume``). The last chunks of a corpus of ``expected`` size are smaller (see :func:`_limit`)."""
    seq, batch, stale, size, skipped = 0, [], [], 0, 0
    seen: set[str] = set()
    count = total_size = 0
    limit = _limit(chunk_chars, expected, count, total_size)
    for doc in documents:
        count += 1
        if doc.doc_id in done:
            old = done.pop(doc.doc_id)
            if old is not None and isinstance(doc, FileRef):
                doc = doc.load()
            if old is not None and not doc.error and _resume_key(doc) == old:  # type: ignore[union-attr,arg-type]
                skipped += 1
                seen.add(doc.doc_id)
                continue
            stale.append(doc.doc_id)
        if doc.doc_id in seen:
            doc = _failed(doc, f"duplicate doc_id {doc.doc_id!r}: an earlier document has it")
        seen.add(doc.doc_id)
        if isinstance(doc, FileRef):
            size += doc.size
        else:
            if len(doc.text) > max_chars:
                doc = _too_large(doc, max_chars)
            size += len(doc.text)
        batch.append(doc)
        if size >= limit or len(batch) >= _MAX_CHUNK_DOCS:
            if skipped:
                state.skipped += skipped
                shown.update(skipped=skipped)
                skipped = 0
            yield seq, batch, stale
            total_size += size
            limit = _limit(chunk_chars, expected, count, total_size)
            seq, batch, stale, size = seq + 1, [], [], 0
    if skipped:
        state.skipped += skipped
        shown.update(skipped=skipped)
    if batch:
        yield seq, batch, stale


class RunState:
    """Counts and the head of figures, kept by the parent as chunks are written."""

    def __init__(self, kind: str, head_rows: int, extractor: Extractor | None, max_chars: int | None = None,
                 doc_timeout: float | None = None) -> None:
        self.kind, self.head_rows, self.extractor, self.max_chars = kind, head_rows, extractor, max_chars
        self.doc_timeout = doc_timeout
        self.documents = self.figures = self.characters = self.skipped = 0
        self.failures: list[Failure] = []
        self.heads: list[pd.DataFrame] = []
        self.head_count = 0
        self.next_write = 0

    def task(self, seq: int, docs: list[Item]) -> tuple[Any, ...]:
        """The arguments of :func:`process_chunk` for a chunk."""
        return seq, docs, self.kind, self.extractor, self.head_rows, self.max_chars, self.doc_timeout

    def account(self, result: _ChunkResult) -> None:
        self.documents += result.documents
        self.figures += result.payload.n_figures
        self.characters += result.characters
        self.failures.extend(result.failures)
        if result.head is not None and self.head_count < self.head_rows:
            self.heads.append(result.head.head(self.head_rows - self.head_count))
            self.head_count += len(self.heads[-1])


def head_table(heads: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """The first figures of a run from the heads of its chunks (an empty validated table for none)."""
    import pandas as pd

    if not heads:
        return schema.validate(schema.empty_figures())
    return pd.concat(heads, ignore_index=True)
