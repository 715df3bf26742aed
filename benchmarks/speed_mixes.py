"""The real-text mixes benchmarks/speed.py measures on: the dev corpus, the bundled seed, a money-sparse mix."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

from aidfigures.extract import find_figures
from aidfigures.sources import iter_documents

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "corpus" / "dev" / "docs"
SEED = REPO / "data" / "raw"
_NUMBER = re.compile(r"\d+")
_YEAR = re.compile(r"19[5-9]\d|20[0-3]\d")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


def read_texts(folder: Path) -> list[str]:
    """The non-empty texts of the documents in ``folder`` (none when it does not exist)."""
    if not folder.is_dir():
        return []
    return [d.text for d in iter_documents([folder]) if not d.error and d.text and d.text.strip()]


def varied(text: str, rng: random.Random) -> str:
    """``text`` with every number replaced by another of as many digits (years by plausible years)."""
    def vary(match: re.Match[str]) -> str:
        digits = match.group()
        if _YEAR.fullmatch(digits):
            return str(rng.randint(1990, 2025))
        first = "0" if digits == "0" else str(rng.randint(1, 9))
        return first + "".join(rng.choice("0123456789") for _ in digits[1:])

    return _NUMBER.sub(vary, text)


def replicate(texts: list[str], target_bytes: int, seed: int = 0) -> list[str]:
    """Varied copies of ``texts``, in turn, until they hold at least ``target_bytes`` of UTF-8."""
    rng = random.Random(seed)
    docs: list[str] = []
    size = 0
    while texts and size < target_bytes:
        for text in texts:
            docs.append(varied(text, rng))
            size += len(docs[-1].encode("utf-8"))
            if size >= target_bytes:
                break
    return docs


def paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text`` (split at blank lines)."""
    return [p for p in _PARAGRAPH.split(text) if p.strip()]


def figure_free(texts: list[str]) -> list[str]:
    """Paragraphs of ``texts`` that are prose with no figure: the filler of a cable dump.

    A paragraph is kept when it has lines of prose length (not a table) and ``find_figures``
    finds nothing in it, in English and as written.
    """
    out = []
    for text in texts:
        for p in paragraphs(text):
            lines = [line for line in p.splitlines() if line.strip()]
            if sum(map(len, lines)) / len(lines) >= 50 and not find_figures(p):
                out.append(p)
    return out


def sparse(docs: list[str], filler: list[str], keep: float = 0.2, seed: int = 0) -> list[str]:
    """``docs`` with each paragraph replaced, with probability ``1 - keep``, by a figure-free
    paragraph of ``filler``: most text carries no money, as in a cable dump."""
    rng = random.Random(seed)
    return ["\n\n".join(p if rng.random() < keep or not filler else rng.choice(filler) for p in paragraphs(text))
            for text in docs]


def mixes(target_bytes: int, seed: int = 0) -> Iterator[tuple[str, list[str]]]:
    """(name, documents) of each mix: ``dev`` (skipped without ../shared), ``seed``, ``sparse``."""
    dev, raw = read_texts(DEV), read_texts(SEED)
    if dev:
        yield "dev", replicate(dev, target_bytes, seed)
    else:
        print(f"dev corpus not found at {DEV}: the dev mix is skipped")
    yield "seed", replicate(raw, target_bytes, seed)
    base = dev or raw
    yield "sparse", sparse(replicate(base, target_bytes, seed), figure_free(base + raw), seed=seed)


def figure_free_text(target_bytes: int, seed: int = 0, per_document: int = 5) -> list[str]:
    """Documents of ``per_document`` figure-free paragraphs (the sparse mix's filler), at least
    ``target_bytes`` of UTF-8 in all: the text a money scan should pass over at regex speed."""
    filler = figure_free(read_texts(DEV) + read_texts(SEED))
    rng = random.Random(seed)
    docs: list[str] = []
    size = 0
    while filler and size < target_bytes:
        docs.append("\n\n".join(rng.choice(filler) for _ in range(per_document)))
        size += len(docs[-1].encode("utf-8"))
    return docs


def one_document(docs: list[str], size: int) -> str:
    """One document of at least ``size`` characters: ``docs`` joined by blank lines, round again."""
    parts, n, k = [], 0, 0
    while n < size:
        parts.append(docs[k % len(docs)])
        n += len(parts[-1]) + 2
        k += 1
    return "\n\n".join(parts)
