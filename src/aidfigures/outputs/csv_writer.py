"""The CSV writers of corpus runs: stdout, and CSV files with a byte-length checkpoint."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

from .base import RESUME_COLUMNS, Payload, Target, Writer, _csv_headers, _fsync, _hidden, _unquote, resume_key
from .csv_format import csv_line

if TYPE_CHECKING:  # imported where a table is built: a CSV run needs none
    pass


class _StdoutWriter(Writer):
    def __init__(self, stream: TextIO | None) -> None:
        import sys
        self.stream = stream or sys.stdout
        self.stream.write(_csv_headers()[0])

    def write(self, payload: Payload, stale: Iterable[str] = ()) -> None:
        self.stream.write(payload.figures)

    def finish(self) -> None:
        self.stream.flush()


class _CsvWriter(Writer):
    def __init__(self, target: Target, resume: bool) -> None:
        assert target.figures is not None and target.documents is not None
        self.final = (target.figures, target.documents)
        self.partial = (_hidden(target.figures, ".partial"), _hidden(target.documents, ".partial"))
        self.checkpoint = _hidden(target.figures, ".checkpoint.json")
        self.stale: set[str] = set()
        sizes = self._resume_sizes() if resume else None
        if sizes is None:
            headers = _csv_headers()
            for path, header in zip(self.partial, headers, strict=True):
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(header, encoding="utf-8", newline="")
            sizes = [len(h.encode("utf-8")) for h in headers]
            self.resumed_at = None
        else:
            self.resumed_at = sizes
        for path, size in zip(self.partial, sizes, strict=True):
            with path.open("r+b") as handle:
                handle.truncate(size)
        self.handles = [p.open("a", encoding="utf-8", newline="") for p in self.partial]
        self._save_checkpoint()

    def _resume_sizes(self) -> list[int] | None:
        if self.checkpoint.is_file() and all(p.is_file() for p in self.partial):
            try:
                saved = json.loads(self.checkpoint.read_text(encoding="utf-8"))
                return [int(saved["figures_bytes"]), int(saved["documents_bytes"])]
            except (ValueError, KeyError, TypeError):
                pass
        if all(p.is_file() for p in self.final):
            for final, partial in zip(self.final, self.partial, strict=True):
                shutil.copyfile(final, partial)
            return [p.stat().st_size for p in self.partial]
        return None

    def _save_checkpoint(self) -> None:
        sizes = [h.tell() for h in self.handles]
        tmp = self.checkpoint.with_suffix(".tmp")
        tmp.write_text(json.dumps({"figures_bytes": sizes[0], "documents_bytes": sizes[1]}), encoding="utf-8")
        os.replace(tmp, self.checkpoint)

    def done(self) -> Iterator[tuple[str, str | None, bool]]:
        if self.resumed_at is None:
            return
        import pandas as pd

        columns = list(RESUME_COLUMNS)
        for part in pd.read_csv(self.partial[1], usecols=columns, dtype="string", keep_default_na=False,
                                na_values=[""], encoding="utf-8", chunksize=100_000):
            for row in part[columns].itertuples(index=False):
                doc_id, sha, error, published, title, metadata = (_cell(v) for v in row)
                assert doc_id is not None
                yield doc_id, resume_key(sha, published, title, metadata), error is None

    def write(self, payload: Payload, stale: Iterable[str] = ()) -> None:
        self.stale.update(stale)
        for handle, text in zip(self.handles, (payload.figures, payload.documents), strict=True):
            handle.write(text)
            handle.flush()
        self._save_checkpoint()

    def finish(self) -> None:
        self.close()
        if self.stale and self.resumed_at is not None:
            for path, size in zip(self.partial, self.resumed_at, strict=True):
                _drop_csv_rows(path, size, self.stale)
        for partial, final in zip(self.partial, self.final, strict=True):
            _fsync(partial)
            os.replace(partial, final)
        self.checkpoint.unlink(missing_ok=True)

    def close(self) -> None:
        for handle in self.handles:
            if not handle.closed:
                handle.close()


def _cell(value: object) -> str | None:
    """A documents-table CSV cell as written: None for NA, one leading ``'`` stripped."""
    import pandas as pd

    return None if pd.isna(value) else _unquote(str(value))


class _Prefix(io.RawIOBase):
    """The first ``size`` bytes of a binary file, as a raw stream."""

    def __init__(self, handle: io.BufferedReader, size: int) -> None:
        self.handle, self.left = handle, size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        data = self.handle.read(min(len(buffer), self.left))
        buffer[:len(data)] = data
        self.left -= len(data)
        return len(data)


def _drop_csv_rows(path: Path, boundary: int, doc_ids: set[str]) -> None:
    """Rewrite a CSV table without the rows of ``doc_ids`` that lie before byte ``boundary``."""
    tmp = path.with_name(path.name + ".filter")
    with path.open("rb") as source, tmp.open("w", encoding="utf-8", newline="") as out:
        raw = cast(io.RawIOBase, _Prefix(source, boundary))
        text = io.TextIOWrapper(io.BufferedReader(raw), encoding="utf-8", newline="")
        for i, row in enumerate(csv.reader(text)):
            if i == 0 or _unquote(row[0]) not in doc_ids:
                out.write(csv_line(row))
        out.flush()
        source.seek(boundary)
        shutil.copyfileobj(source, out.buffer)
    os.replace(tmp, path)
