"""The source line of a chart: the documents behind its figures by title, publisher and date."""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Final

import pandas as pd

from ..outputs.registry import read_documents
from ..sources.manifest import find_manifest

__all__ = ["source_line"]

#: Documents named one by one; beyond, the rest are counted.
_NAMED: Final = 3


def source_line(figures: pd.DataFrame, run: str | os.PathLike[str] | pd.DataFrame | None = None) -> str:
    """``Source: “Title”, Publisher, 2010-12-16``: the documents that ``figures`` come from.

    ``run`` is the figures file written by ``aidfigures extract`` (its documents table gives each
    document's path, so the ``sources.csv`` manifest beside it gives title, publisher and date),
    or a documents table. What no manifest gives is left out; a document with nothing known is
    named by its ``doc_id``. Beyond three documents the others are counted.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> tmp = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (tmp / "sources.csv").write_text("doc_id,title,publisher,published\\n"
    ...                                      "a,Aid to Peru falls,Lima Daily,2010-12-16\\n", encoding="utf-8")
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "source": [str(tmp / "a.txt"), str(tmp / "b.txt")]})
    >>> source_line(pd.DataFrame({"doc_id": ["a", "a", "b"]}), docs)
    'Sources: “Aid to Peru falls”, Lima Daily, 2010-12-16; b'
    """
    ids = list(dict.fromkeys(figures["doc_id"].dropna().astype(str))) if "doc_id" in figures.columns else []
    if not ids:
        return "Source: aidfigures extraction (no documents)"
    known = _described(ids, _documents(run))
    named = [known.get(doc, doc) for doc in ids[:_NAMED]]
    rest = len(ids) - len(named)
    more = f"; and {rest} more document{'s' * (rest != 1)}" if rest else ""
    return f"Source{'s' * (len(ids) != 1)}: " + "; ".join(named) + more


def _documents(run: str | os.PathLike[str] | pd.DataFrame | None) -> pd.DataFrame | None:
    if run is None or isinstance(run, pd.DataFrame):
        return run
    try:
        return read_documents(run)
    except (OSError, ValueError):  # no documents table beside the figures: ids only
        return None


def _described(ids: list[str], documents: pd.DataFrame | None) -> dict[str, str]:
    """``doc_id`` -> ``“Title”, Publisher, date`` from the manifests beside the documents (then the table)."""
    if documents is None or "doc_id" not in documents.columns:
        return {}
    wanted = documents[documents["doc_id"].astype(str).isin(set(ids))]
    manifests: dict[Path, dict[str, dict[str, str]]] = {}
    out = {}
    for row in wanted.to_dict("records"):
        doc = str(row["doc_id"])
        info: dict[str, str] = {}
        source = row.get("source")
        if isinstance(source, str) and source:
            path = find_manifest(Path(source).parent)
            if path is not None:
                if path not in manifests:
                    manifests[path] = _read(path)
                info = manifests[path].get(doc, {})
        title = info.get("title") or _text(row.get("title"))
        date = info.get("published") or _text(row.get("published"))[:10]
        parts = [f"“{title}”" if title else "", info.get("publisher", ""), date]
        text = ", ".join(p for p in parts if p)
        if text:
            out[doc] = text
    return out


def _read(path: Path) -> dict[str, dict[str, str]]:
    """The rows of a ``sources.csv`` manifest by ``doc_id``; an unreadable one gives nothing."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            return {r["doc_id"]: {k: (v or "").strip() for k, v in r.items() if k} for r in csv.DictReader(f)
                    if r.get("doc_id")}
    except (OSError, UnicodeDecodeError, csv.Error, KeyError):
        return {}


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)

