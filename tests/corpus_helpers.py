"""Small corpora of SourceDocument records and picklable extractors for the corpus-run tests.

The extractors are module-level functions so that spawned worker processes can import them.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import time
from collections.abc import Iterator
from pathlib import Path

from aidfigures.extract import Figure, find_figures
from aidfigures.sources import SourceDocument

REPO = Path(__file__).resolve().parents[1]
_NUMBER = re.compile(r"\d+")
_YEAR = re.compile(r"19[5-9]\d|20[0-3]\d")


def raw_texts() -> list[str]:
    """The bundled documents' texts."""
    return [p.read_text(encoding="utf-8") for p in sorted((REPO / "data" / "raw").glob("*.txt"))]


def varied(text: str, rng: random.Random) -> str:
    """``text`` with its numbers replaced (years stay years)."""
    def vary(match: re.Match[str]) -> str:
        digits = match.group()
        if _YEAR.fullmatch(digits):
            return str(rng.randint(1990, 2025))
        return str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in digits[1:])
    return _NUMBER.sub(vary, text)


def corpus(n: int = 24, seed: int = 0, *, extra: list[SourceDocument] | None = None) -> list[SourceDocument]:
    """``n`` varied copies of the bundled documents as records (ids ``doc000``..., dates), then ``extra``."""
    rng = random.Random(seed)
    texts = raw_texts()
    docs = [SourceDocument(f"doc{i:03d}", f"corpus/doc{i:03d}.txt", varied(texts[i % len(texts)], rng),
                           published=dt.date(2000 + i % 20, 1 + i % 12, 1), title=f"Document {i}",
                           metadata={"origin": f"Embassy {i % 3}"} if i % 2 else {})
            for i in range(n)]
    return docs + list(extra or [])


def stream(docs: list[SourceDocument]) -> Iterator[SourceDocument]:
    """The records one at a time, as a generator (no len())."""
    yield from docs


def fake_figures(doc: SourceDocument) -> list[Figure]:
    """One figure per ``$N`` in the text; ``BOOM`` raises; ``INVALID`` gives a bad currency."""
    if "BOOM" in doc.text:
        raise RuntimeError("parser exploded")
    currency = "dollars" if "INVALID" in doc.text else "USD"
    return [Figure(doc.doc_id, m.start(), m.end(), m.group(), float(m.group()[1:]), None, currency,
                   None, "exact", None, 2006, None, False, "Peru", "PER", None, None, None, None, True,
                   "s")
            for m in re.finditer(r"\$\d+", doc.text)]


def crashing_figures(doc: SourceDocument) -> list[Figure]:
    """Like :func:`fake_figures`, but the worker process dies on a document containing ``CRASH``."""
    if "CRASH" in doc.text:
        os._exit(3)
    return fake_figures(doc)


def real_figures(doc: SourceDocument) -> list[Figure]:
    """The real extractor."""
    return find_figures(doc.text, doc.doc_id, doc.published, doc.title, doc.url)


class Interrupt(KeyboardInterrupt):
    """Raised by :func:`interrupting_figures` to stop a run the way Ctrl-C does."""


def interrupting_figures(doc: SourceDocument) -> list[Figure]:
    """The real extractor, but Ctrl-C on a document containing ``STOP HERE`` (run in-process only)."""
    if "STOP HERE" in doc.text:
        raise Interrupt()
    return real_figures(doc)


_BACKTRACK = re.compile(r"(?:a+)+b")  # exponential on a run of "a" with no "b"


def runaway_figures(doc: SourceDocument) -> list[Figure]:
    """Like :func:`fake_figures`, but a document containing ``RUNAWAY`` backtracks in ``re`` for up
    to 60 s (a time limit stops it long before; without one the test fails instead of hanging)."""
    if "RUNAWAY" in doc.text:
        end = time.monotonic() + 60
        while time.monotonic() < end:
            _BACKTRACK.match("a" * 18)
    return fake_figures(doc)
