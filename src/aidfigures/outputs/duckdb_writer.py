"""The DuckDB writer of corpus runs: one transaction per chunk; DuckDB's errors as one-line OSErrors."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..schema.documents import documents_arrow
from .base import Payload, Target, Writer, _hidden, figures_arrow, resume_key


@contextlib.contextmanager
def _as_os_error(path: Path) -> Iterator[None]:
    """Raise DuckDB's errors (a full disk, a file that is not a database) as an OSError naming
    ``path`` with DuckDB's first message line, which the command line prints as its one-line error."""
    import duckdb

    try:
        yield
    except duckdb.Error as exc:
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise OSError(f"{path}: DuckDB: {message}") from exc


class _DuckDBWriter(Writer):
    def __init__(self, target: Target, resume: bool) -> None:
        assert target.figures is not None
        with _as_os_error(target.figures):
            self._open(target, resume)

    def _open(self, target: Target, resume: bool) -> None:
        import duckdb

        assert target.figures is not None
        self.final = target.figures
        self.partial = _hidden(self.final, ".partial")
        self.resumed = resume and (self.partial.is_file() or self.final.is_file())
        if resume and not self.partial.is_file() and self.final.is_file():
            shutil.copyfile(self.final, self.partial)
        elif not resume:
            for path in (self.partial, Path(f"{self.partial}.wal")):
                path.unlink(missing_ok=True)
        self.partial.parent.mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect(str(self.partial))
        for name, arrow in (("figures", figures_arrow()), ("documents", documents_arrow())):
            self.con.register("empty", arrow.empty_table())
            self.con.execute(f"CREATE TABLE IF NOT EXISTS {name} AS SELECT * FROM empty")
            self.con.unregister("empty")

    def done(self) -> Iterator[tuple[str, str | None, bool]]:
        if not self.resumed:
            return
        with _as_os_error(self.partial):
            cursor = self.con.execute("SELECT doc_id, error IS NULL, sha256, published, title, metadata FROM documents")
            while rows := cursor.fetchmany(50_000):
                for doc_id, ok, *key in rows:
                    yield doc_id, resume_key(*key), ok

    def write(self, payload: Payload, stale: Iterable[str] = ()) -> None:
        with _as_os_error(self.partial):
            self._write(payload, sorted(stale))

    def _write(self, payload: Payload, stale: list[str]) -> None:
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            if stale:
                for name in ("figures", "documents"):
                    con.execute(f"DELETE FROM {name} WHERE doc_id IN (SELECT unnest(?))", [stale])
            for name, table in (("figures", payload.figures), ("documents", payload.documents)):
                con.register("chunk", table)
                con.execute(f"INSERT INTO {name} SELECT * FROM chunk")
                con.unregister("chunk")
            con.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(Exception):  # a failed COMMIT has already ended the transaction
                con.execute("ROLLBACK")
            raise

    def finish(self) -> None:
        with _as_os_error(self.partial):
            self.con.execute("CHECKPOINT")
            self.con.close()
        Path(f"{self.partial}.wal").unlink(missing_ok=True)
        os.replace(self.partial, self.final)

    def close(self) -> None:
        with contextlib.suppress(Exception):  # already closed
            self.con.close()
