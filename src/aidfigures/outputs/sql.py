"""SQL queries on a corpus run's output: :func:`query`."""

from __future__ import annotations

import os

import pandas as pd

from ..errors import DocumentError
from .base import output_target


def query(path: str | os.PathLike[str], sql: str) -> pd.DataFrame:
    """Run a SQL query on a corpus run's output and return the result as a DataFrame.

    ``path`` is a DuckDB database (tables ``figures`` and ``documents``) or a Parquet output (a
    ``.parquet`` file with its ``.documents.parquet``, or a dataset directory), seen as the views
    ``figures`` and ``documents``. Needs the ``duckdb`` package (a dependency of aidfigures).

    Raises
    ------
    DocumentError
        The output does not exist; ``FormatError`` for CSV or another type.
    """
    import duckdb

    from ..errors import FormatError

    target = output_target(path)
    if target.kind in ("stdout", "csv"):
        raise FormatError(f"{path}: query a .duckdb or Parquet output (CSV: load it with read_figures)")
    assert target.figures is not None and target.documents is not None
    if not target.figures.exists():
        raise DocumentError(f"{target.figures}: no such file or directory")
    if target.kind == "duckdb":
        with duckdb.connect(str(target.figures), read_only=True) as con:
            return con.sql(sql).df()
    with duckdb.connect() as con:
        for name, place in (("figures", target.figures), ("documents", target.documents)):
            if target.kind == "dataset":
                place = place / name / "*.parquet"
            if target.kind == "dataset" or place.exists():
                escaped = str(place).replace("'", "''")
                con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{escaped}')")
        return con.sql(sql).df()
