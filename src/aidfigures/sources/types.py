"""A corpus document as sources yield it (:class:`SourceDocument`) and one thing to read (``_Entry``)."""

from __future__ import annotations

import datetime as dt
import os
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
    ``pages`` gives, for a PDF, the character offset where each page starts in ``text``;
    ``url`` is where it was published (from a ``sources.csv`` manifest).
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
    url: str | None = None


@dataclass(frozen=True, slots=True)
class _Entry:
    """One thing to read: a file (its path as a string, or None for stdin) and how.

    Kept small (a folder of 100,000 files is planned as 100,000 of these before reading).
    """

    location: str | None
    kind: str  # text, html, pdf, jsonl, csv, tsv, stdin
    gz: bool
    error: str | None = None  # why it cannot be read, known from the folder walk (a FIFO, a broken link...)

    @property
    def path(self) -> Path | None:
        return None if self.location is None else Path(self.location)

    @property
    def id_path(self) -> str:
        """What unique_doc_ids sees: the file name without ``.gz``."""
        if self.location is None:
            return "stdin"
        name = os.path.basename(self.location)
        return name[:-3] if self.gz else name

    @property
    def stem(self) -> str:
        """The name without ``.gz`` and its suffix, as :attr:`pathlib.Path.stem` has it."""
        return _split(self.id_path)[0]

    @property
    def source(self) -> str:
        return STDIN if self.location is None else self.location


def _split(name: str) -> tuple[str, str]:
    """(stem, suffix) as pathlib splits a name, without building a Path."""
    dot = name.rfind(".")
    return (name[:dot], name[dot:]) if 0 < dot < len(name) - 1 else (name, "")
