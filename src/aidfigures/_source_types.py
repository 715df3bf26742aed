"""A corpus document as sources yield it (:class:`SourceDocument`) and one thing to read (``_Entry``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

__all__ = ["STDIN", "SourceDocument"]

#: The source name that means standard input.
STDIN: Final = "-"


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
