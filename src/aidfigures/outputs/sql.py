"""SQL queries on a corpus run's output (DuckDB, Parquet or CSV): :func:`query`."""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any, Final

import pandas as pd

from .. import schema
from ..errors import DocumentError
from ..schema.documents import DOCUMENT_DTYPES
from .base import output_target

#: DuckDB types of the schema's pandas dtypes, for reading the CSV tables with their types.
_SQL_TYPES: Final = {"string": "VARCHAR", "Int64": "BIGINT", "float64": "DOUBLE", "boolean": "BOOLEAN",
                     "datetime64[s]": "DATE"}


def query(path: str | os.PathLike[str], sql: str) -> pd.DataFrame:
    """Run a SQL query on a corpus run's output and return the result as a DataFrame.

    ``path`` is a DuckDB database (tables ``figures`` and ``documents``), a Parquet output (a
    ``.parquet`` file with its ``.documents.parquet``, or a dataset directory) or a CSV output (a
    ``.csv`` figures file with its ``.documents.csv``), seen as the views ``figures`` and
    ``documents``. CSV columns get the schema's types (``year`` BIGINT, ``published`` DATE...)
    and text cells lose the ``'`` that formula neutralization put before them, so a query sees
    the same values as on the Parquet output. Needs the ``duckdb`` package.

    Raises
    ------
    DocumentError
        The output does not exist; ``FormatError`` for stdout or another type.

    Examples
    --------
    >>> import pathlib, tempfile, aidfigures as af
    >>> tmp = tempfile.TemporaryDirectory()
    >>> out = af.write_figures(af.extract("Peru got $5 million in 2006."), pathlib.Path(tmp.name) / "f.csv")
    >>> query(out, "select recipient, year, amount from figures").values.tolist()
    [['Peru', 2006, 5000000.0]]
    >>> tmp.cleanup()
    """
    import duckdb

    from ..errors import FormatError

    target = output_target(path)
    if target.kind in ("stdout", "xlsx"):
        raise FormatError(f"{path}: query an output file (.duckdb, .parquet, .csv or a dataset directory)")
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
            if target.kind == "csv":
                if place.exists():
                    con.execute(f"CREATE VIEW {name} AS {_csv_select(place, name)}")
            elif target.kind == "dataset" or place.exists():
                con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet({_literal(str(place))})")
        return con.sql(sql).df()


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _csv_select(path: Path, table: str) -> str:
    """A SELECT reading one CSV table of an output with the schema's types, text cells unquoted.

    The columns are those of the file's header (a file of an older schema has fewer); a column
    the schema does not know is read as text.
    """
    dtypes: dict[str, str] = dict(schema.DTYPES) if table == "figures" else dict(DOCUMENT_DTYPES)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle), [])
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DocumentError(f"{path}: not a readable CSV table ({exc})") from None
    if not header:
        raise DocumentError(f"{path}: empty file, not a CSV table")
    types = {c: _SQL_TYPES.get(dtypes.get(c, "string"), "VARCHAR") for c in header}
    columns = "{" + ", ".join(f"{_literal(c)}: {_literal(t)}" for c, t in types.items()) + "}"
    cells: list[Any] = []
    for c, t in types.items():
        q = _identifier(c)
        cells.append(f"CASE WHEN starts_with({q}, '''') THEN substr({q}, 2) ELSE {q} END AS {q}"
                     if t == "VARCHAR" else q)
    return (f"SELECT {', '.join(cells)} FROM read_csv({_literal(str(path))}, header = true, auto_detect = false, "
            f"delim = ',', quote = '\"', escape = '\"', nullstr = '', columns = {columns})")
