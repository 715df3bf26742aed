"""Corrections in corpus runs: an extractor that applies them to each document's figures, and the check of an
output for stale ones once the run is written."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..corpus import Extractor, default_extract
from ..extract import Figure
from ..outputs import output_target, read_documents
from ..sources import SourceDocument
from .apply import STALE_COLUMNS, AppliedCorrections, _named, corrected_values, find_stale, latest, sha_of
from .reading import stale_path
from .records import Correction

if TYPE_CHECKING:  # imported where a table is built: a CSV run needs none
    pass

__all__ = ["CorrectingExtractor", "check_output", "figure_keys", "write_stale"]


@dataclass(frozen=True)
class CorrectingExtractor:
    """``extractor(doc) -> figures`` (a corpus run's ``extractor``) that applies ``corrections`` to the
    figures of the documents whose text has their sha256. Picklable: it goes to worker processes."""

    corrections: tuple[Correction, ...]
    base: Extractor | None = None

    @cached_property
    def _by_sha(self) -> dict[str, dict[tuple[int, int], Mapping[str, Correction]]]:
        out: dict[str, dict[tuple[int, int], Mapping[str, Correction]]] = {}
        for (sha, start, end), fields in latest(self.corrections)[0].items():
            out.setdefault(sha, {})[(start, end)] = fields
        return out

    def __call__(self, doc: SourceDocument) -> list[Figure]:
        found = (self.base or default_extract)(doc)
        fixes = self._by_sha.get(hashlib.sha256((doc.text or "").encode("utf-8")).hexdigest()) if found else None
        if not fixes:
            return found
        return [replace(f, **corrected_values(asdict(f), fields)) if (fields := fixes.get((f.start, f.end))) else f
                for f in found]


def figure_keys(output: str | os.PathLike[str]) -> set[tuple[str, int, int]]:
    """``(doc_id, start, end)`` of every figure of a corpus run's output (.csv, .parquet, .duckdb, DIR/)."""
    target = output_target(output)
    assert target.figures is not None
    columns = ["doc_id", "start", "end"]
    if target.kind == "csv":
        import pandas as pd

        frame = pd.read_csv(target.figures, usecols=columns, dtype={"doc_id": "string"}, keep_default_na=False)
        frame["doc_id"] = frame["doc_id"].mask(frame["doc_id"].str.startswith("'"), frame["doc_id"].str.slice(1))
    elif target.kind == "duckdb":
        import duckdb

        with duckdb.connect(str(target.figures), read_only=True) as con:
            frame = con.sql("SELECT doc_id, start, \"end\" FROM figures").df()
    else:
        import pyarrow.parquet as pq

        path = target.figures / "figures" if target.kind == "dataset" else target.figures
        frame = pq.read_table(path, columns=columns).to_pandas()
    return {(str(d), int(s), int(e)) for d, s, e in zip(frame["doc_id"], frame["start"], frame["end"], strict=True)}


def check_output(output: str | os.PathLike[str], corrections: Iterable[Correction]) -> AppliedCorrections:
    """The stale and superseded corrections of an output written with them (its figures are not read
    whole: only their keys and the documents' sha256). ``figures`` of the result is empty."""
    corrections = list(corrections)
    by_figure, superseded = latest(corrections)
    by_sha = sha_of(read_documents(output))
    stale = find_stale(by_figure, by_sha, figure_keys(output))
    pairs = [(_named(a, by_sha.get(a.sha256)), _named(b, by_sha.get(b.sha256))) for a, b in superseded]
    applied = sum(len(f) for f in by_figure.values()) - len(stale)
    import pandas as pd

    return AppliedCorrections(pd.DataFrame(), stale, pairs, applied)


def write_stale(output: str | os.PathLike[str], result: AppliedCorrections) -> Path | None:
    """Write the stale corrections beside ``output`` (``NAME.stale-corrections.csv``, columns
    :data:`~aidfigures.corrections.apply.STALE_COLUMNS`); when there are none, remove an old such file.
    Returns the file written, or None."""
    path = stale_path(output)
    if not result.stale:
        path.unlink(missing_ok=True)
        return None
    frame = result.stale_frame()
    assert tuple(frame.columns) == STALE_COLUMNS
    tmp = path.with_name(f".{path.name}.tmp")
    frame.to_csv(tmp, index=False, lineterminator="\n")
    os.replace(tmp, path)
    return path
