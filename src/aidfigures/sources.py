"""Where documents come from: folders, files, .gz, stdin, PDF, and JSONL/CSV table corpora, streamed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = ["SourceDocument"]


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
