"""The Parquet writer of corpus runs: a single ``.parquet`` file or a dataset directory, from parts."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..schema.documents import documents_arrow
from .base import _PART, RESUME_COLUMNS, Payload, Target, Writer, _fsync, _hidden, figures_arrow, resume_key


class _ParquetWriter(Writer):
    def __init__(self, target: Target, resume: bool) -> None:
        assert target.figures is not None
        self.target = target
        self.final = target.figures
        self.work = _hidden(self.final, ".partial")
        self.stale: set[str] = set()
        self.first_new = 0
        if resume and self.work.is_dir():
            self._tidy()
        elif resume and self._final_exists():
            self._start_from_final()
        else:
            shutil.rmtree(self.work, ignore_errors=True)
            for sub in ("figures", "documents"):
                (self.work / sub).mkdir(parents=True)
        self.resumed = resume
        self.next_part = self.first_new = self._count_parts()

    def _final_exists(self) -> bool:
        if self.target.kind == "dataset":
            return (self.final / "documents").is_dir()
        return self.final.is_file() and self.target.documents is not None and self.target.documents.is_file()

    def _start_from_final(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)
        if self.target.kind == "dataset":
            shutil.copytree(self.final, self.work)
        else:
            assert self.target.documents is not None
            for sub, source in (("figures", self.final), ("documents", self.target.documents)):
                (self.work / sub).mkdir(parents=True)
                shutil.copyfile(source, self.work / sub / _PART.format(0))

    def _tidy(self) -> None:
        """Drop temporary files and figures parts whose documents part (the commit mark) is missing."""
        for sub in ("figures", "documents"):
            (self.work / sub).mkdir(parents=True, exist_ok=True)
            for tmp in (self.work / sub).glob("*.tmp"):
                tmp.unlink()
        committed = {p.name for p in (self.work / "documents").glob("part-*.parquet")}
        for part in (self.work / "figures").glob("part-*.parquet"):
            if part.name not in committed:
                part.unlink()

    def _parts(self, sub: str) -> list[Path]:
        return sorted((self.work / sub).glob("part-*.parquet"))

    def _count_parts(self) -> int:
        parts = self._parts("documents")
        return int(parts[-1].name[5:11]) + 1 if parts else 0

    def done(self) -> Iterator[tuple[str, str | None, bool]]:
        if not self.resumed:
            return
        for part in self._parts("documents"):
            for batch in pq.ParquetFile(part).iter_batches(columns=list(RESUME_COLUMNS)):
                for doc_id, sha, error, *rest in zip(*(c.to_pylist() for c in batch.columns), strict=True):
                    yield doc_id, resume_key(sha, *rest), error is None

    def write(self, payload: Payload, stale: Iterable[str] = ()) -> None:
        self.stale.update(stale)
        name = _PART.format(self.next_part)
        for sub, table in (("figures", payload.figures), ("documents", payload.documents)):
            path = self.work / sub / name
            tmp = path.with_suffix(".tmp")
            pq.write_table(table, tmp)
            os.replace(tmp, path)
        self.next_part += 1

    def finish(self) -> None:
        if self.stale:
            for sub in ("figures", "documents"):
                for part in self._parts(sub):
                    if int(part.name[5:11]) < self.first_new:
                        _drop_parquet_rows(part, self.stale)
        if self.target.kind == "dataset":
            old = _hidden(self.final, ".old")
            shutil.rmtree(old, ignore_errors=True)
            if self.final.exists():
                os.replace(self.final, old)
            os.replace(self.work, self.final)
            shutil.rmtree(old, ignore_errors=True)
            return
        assert self.target.documents is not None
        # Both files are merged beside the old ones before either is moved into place, so a failure
        # while merging (a full disk) leaves the old figures with the old documents (and the parts
        # for --resume); the two renames that follow need no space.
        merged: list[tuple[Path, Path]] = []
        try:
            for sub, final, arrow in (("figures", self.final, figures_arrow()),
                                      ("documents", self.target.documents, documents_arrow())):
                merged.append((_merge_parts(self._parts(sub), final, arrow), final))
        except BaseException:
            for final in (self.final, self.target.documents):
                _hidden(final, ".tmp").unlink(missing_ok=True)
            raise
        for tmp, final in merged:
            os.replace(tmp, final)
        shutil.rmtree(self.work)


def _drop_parquet_rows(part: Path, doc_ids: set[str]) -> None:
    """Rewrite a part without the rows of ``doc_ids`` (batch by batch)."""
    source = pq.ParquetFile(part)
    drop = pa.array(sorted(doc_ids), type=pa.large_string())
    import pyarrow.compute as pc
    tmp = part.with_suffix(".tmp")
    with pq.ParquetWriter(tmp, source.schema_arrow) as writer:
        for group in range(source.num_row_groups):
            table = source.read_row_group(group)
            writer.write_table(table.filter(pc.invert(pc.is_in(table["doc_id"], value_set=drop))))
    os.replace(tmp, part)


def _merge_parts(parts: list[Path], final: Path, arrow: pa.Schema) -> Path:
    """Write the parts into one Parquet file beside ``final`` (a row group per part's row group),
    synced to disk; return its path, for the caller to move into place."""
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = _hidden(final, ".tmp")
    with pq.ParquetWriter(tmp, arrow) as writer:
        for part in parts:
            source = pq.ParquetFile(part)
            for group in range(source.num_row_groups):
                table = source.read_row_group(group)
                if table.num_rows:
                    writer.write_table(table.cast(arrow))
    _fsync(tmp)
    return tmp
