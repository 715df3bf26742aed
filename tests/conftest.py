"""Shared fixtures: a hand-made figures table that exercises every dtype and NA."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from aidfigures import schema
from aidfigures.corpus import chunks
from aidfigures.extract import Figure
from aidfigures.sources import Document

_REGEX_CACHE: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    """The suite's processes (and the commands it starts) share one compiled-pattern cache of their
    own, removed at the end: a test run writes nothing in the user's cache folder."""
    if "AIDFIGURES_CACHE_DIR" not in os.environ:
        _REGEX_CACHE.append(tempfile.mkdtemp(prefix="aidfigures-test-cache-"))
        os.environ["AIDFIGURES_CACHE_DIR"] = _REGEX_CACHE[0]


def pytest_unconfigure(config: pytest.Config) -> None:
    for folder in _REGEX_CACHE:
        shutil.rmtree(folder, ignore_errors=True)


_ROWS = [
    {
        "doc_id": "peru", "start": 10, "end": 30, "text": "56.4 million dollars",
        "amount": 56_400_000.0, "amount_high": None, "currency": "USD", "amount_usd": 56_400_000.0,
        "qualifier": "exact", "per": None, "year": 2006, "year_end": None, "fiscal": False,
        "recipient": "Peru", "recipient_iso3": "PER", "donor": "United States",
        "category": "military", "program": "FMF", "measure": "appropriated", "is_aid": True,
        "sentence": "Peru received 56.4 million dollars in military aid in 2006.",
    },
    {  # every nullable column NA; formula-like text; a float that is not exactly 0.3
        "doc_id": "peru", "start": 100, "end": 105, "text": "=1+2",
        "amount": 0.1 + 0.2, "amount_high": None, "currency": "EUR", "amount_usd": None,
        "qualifier": "approx", "per": None, "year": None, "year_end": None, "fiscal": None,
        "recipient": None, "recipient_iso3": None, "donor": None, "category": None,
        "program": None, "measure": None, "is_aid": None, "sentence": None,
    },
    {  # unicode, commas, quotes, newlines, a leading quote, an empty string, huge floats
        "doc_id": "México, D.F.", "start": 0, "end": 12, "text": "'quoted",
        "amount": 2_010_000.0, "amount_high": 2_010_000.5, "currency": "MXN", "amount_usd": 1e22,
        "qualifier": "at_least", "per": "year", "year": 2000, "year_end": 2016, "fiscal": True,
        "recipient": "", "recipient_iso3": None, "donor": "-dash", "category": "economic",
        "program": '@handle, "quoted", comma', "measure": "pledged", "is_aid": False,
        "sentence": 'line1\nline2\r\nline3, "q" NA — ünïcødé',
    },
]


@pytest.fixture
def figures() -> pd.DataFrame:
    """A valid three-row figures table in schema dtypes."""
    return schema.validate(pd.DataFrame(_ROWS))


def _make_figures(doc_id: str, starts: list[int], amount: float = 1e6) -> pd.DataFrame:
    rows = [{**_ROWS[0], "doc_id": doc_id, "start": s, "end": s + 5, "amount": amount} for s in starts]
    return schema.coerce(pd.DataFrame(rows, columns=list(schema.COLUMNS)))


@pytest.fixture
def make_figures() -> Callable[..., pd.DataFrame]:
    """Return ``make(doc_id, starts, amount=1e6)``: a minimal valid table, one figure per start."""
    return _make_figures


@pytest.fixture
def fake_extractor(monkeypatch: pytest.MonkeyPatch, make_figures: Callable[..., pd.DataFrame]) -> None:
    """Replace the extractor: one figure per ``$N``; ``BOOM`` raises, ``INVALID``/``STRANGER`` go wrong."""

    def fake(doc: Document, published: object = None, **source: object) -> list[Figure]:
        if "BOOM" in doc.text:
            raise RuntimeError("parser exploded")
        table = make_figures(doc.doc_id, [m.start() for m in re.finditer(r"\$\d+", doc.text)])
        if "INVALID" in doc.text:
            table["currency"] = "dollars"
        if "STRANGER" in doc.text:
            table["doc_id"] = "someone-else"
        return [Figure(**{k: (None if pd.isna(v) else v) for k, v in row.items()})
                for row in table.astype(object).to_dict("records")]

    monkeypatch.setattr(chunks, "_extract_document", fake)


@pytest.fixture
def tree(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    """Return ``write(files)``: create files under ``tmp_path`` from name -> text (UTF-8) or bytes."""

    def write(files: dict[str, str | bytes]) -> Path:
        for name, content in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return tmp_path

    return write
