"""Write derived tables (facts, claims, reference comparisons) as CSV or Parquet, atomically."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO

import pandas as pd

from ._files import atomic_write
from .io import _RISKY, figures_format

__all__ = ["write_table", "write_table_csv"]


def write_table(df: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write any table to ``.csv`` or ``.parquet`` (by extension) the way figures files are written.

    Temporary file + rename (never half written), parent folders created; CSV as in
    :func:`write_table_csv`. Raises :class:`~aidfigures.errors.FormatError` for another extension
    (nothing is written).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> table = pd.DataFrame({"claim": ["-a reduction", None], "n": [1, 2]})
    >>> out = write_table(table, pathlib.Path(tmp.name) / "t.csv")
    >>> out.read_text(encoding="utf-8").splitlines()
    ['claim,n', "'-a reduction,1", ',2']
    >>> tmp.cleanup()
    """
    path = Path(path)
    fmt = figures_format(path)
    if fmt == "csv":
        def write(tmp: Path) -> None:
            with tmp.open("w", encoding="utf-8", newline="") as handle:
                write_table_csv(df, handle)
    else:
        def write(tmp: Path) -> None:
            df.to_parquet(tmp, index=False)
    atomic_write(path, write)
    return path


def write_table_csv(df: pd.DataFrame, stream: TextIO) -> None:
    """Write a table as CSV to an open text stream: UTF-8, no index, ``\\n`` line ends, NA empty.

    Text cells that a spreadsheet would run as a formula (``= + - @``, tab, carriage return), or
    that start with ``'`` or are empty, get a leading ``'``, as in
    :func:`aidfigures.io.write_figures_csv`.
    """
    table = df.copy()
    for col in table.columns:
        if pd.api.types.is_string_dtype(table[col]) or table[col].dtype == object:
            cells = table[col].astype("string")
            risky = cells.str.match(_RISKY).fillna(False).astype(bool)
            table[col] = cells.mask(risky, "'" + cells)
    table.to_csv(stream, index=False, lineterminator="\n")
