"""A chunk's output: its figures validated and encoded (CSV text or Arrow tables), and results combined."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..extract import Figure, validate_documents
from ..outputs.base import Payload, encode
from ..outputs.csv_records import documents_csv, figures_csv
from ..schema.records import surely_valid

if TYPE_CHECKING:  # imported where a table is built: a CSV run needs none
    import pandas as pd


@dataclass(frozen=True)
class Failure:
    """A document that failed: its id, where it came from, and why."""

    doc_id: str
    source: str
    error: str


@dataclass
class _ChunkResult:
    seq: int
    payload: Payload
    documents: int
    characters: int
    failures: list[Failure]
    head: pd.DataFrame | None
    warnings: list[str] = field(default_factory=list)


def _encoded(kind: str, tables: dict[int, list[Figure]], rows: list[dict[str, Any]],
             head_rows: int) -> tuple[Payload, pd.DataFrame | None]:
    """The chunk's payload and the head of its figures. CSV of figures that surely pass the schema
    is written from the records (the same text, without building a table); else the figures are
    validated as a table (documents whose figures are invalid fail) and encoded from it."""
    records = [f for found in tables.values() for f in found]
    if kind == "csv" and surely_valid(records):
        head = validate_documents({0: records[:head_rows]})[0] if head_rows else None
        return Payload(figures_csv(records), documents_csv(rows), len(records)), head
    figures = _validated(tables, rows)
    return encode(kind, figures, rows), figures.head(head_rows) if head_rows else None


def _validated(tables: dict[int, list[Figure]], rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The chunk's figures as one validated table; documents whose figures are invalid fail."""
    figures, failed = validate_documents(tables)
    for index, exc in failed.items():
        rows[index].update(error=f"invalid figures: {exc}", n_figures=0)
    return figures


def _combine(seq: int, parts: list[_ChunkResult], kind: str) -> _ChunkResult:
    """One result from the results of a chunk's documents taken one by one."""
    if kind == "csv":
        payload = Payload("".join(p.payload.figures for p in parts),
                          "".join(p.payload.documents for p in parts),
                          sum(p.payload.n_figures for p in parts))
    else:
        import pyarrow as pa

        payload = Payload(pa.concat_tables([p.payload.figures for p in parts]),
                          pa.concat_tables([p.payload.documents for p in parts]),
                          sum(p.payload.n_figures for p in parts))
    heads = [p.head for p in parts if p.head is not None and len(p.head)]
    if heads:
        import pandas as pd
    return _ChunkResult(seq, payload, sum(p.documents for p in parts), sum(p.characters for p in parts),
                        [f for p in parts for f in p.failures], pd.concat(heads) if heads else None,
                        [w for p in parts for w in p.warnings])
