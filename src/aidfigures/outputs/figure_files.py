"""Figures tables on disk: CSV or Parquet by extension, validated, atomic, formula-safe, lossless."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Final, TextIO

from .. import schema
from ..errors import DocumentError, FormatError, SchemaError
from .atomic import atomic_write
from .csv_format import write_table_csv

if TYPE_CHECKING:  # imported where a table is built: a CSV run needs none
    import pandas as pd

__all__ = ["figures_format", "read_figures", "write_figures", "write_figures_csv", "write_table", "write_table_csv"]

_FORMATS: Final = {".csv": "csv", ".parquet": "parquet"}
_STRING_COLUMNS: Final = tuple(c for c, t in schema.DTYPES.items() if t == "string")
#: read_csv parses no dates: ``published`` is read as text and cast by the schema
_CSV_DTYPES: Final = {c: "string" if t.startswith("datetime") else t for c, t in schema.DTYPES.items()}


def figures_format(path: str | os.PathLike[str]) -> str:
    """Return ``"csv"`` or ``"parquet"``: the figures file format a path's extension asks for.

    Raises :class:`~aidfigures.errors.FormatError` for any other extension.

    Examples
    --------
    >>> figures_format("out/figures.CSV"), figures_format("figures.parquet")
    ('csv', 'parquet')
    >>> figures_format("figures.xlsx")
    Traceback (most recent call last):
    ...
    aidfigures.errors.FormatError: figures.xlsx: unsupported figures file type '.xlsx'; use .csv or .parquet
    """
    path = Path(path)
    try:
        return _FORMATS[path.suffix.lower()]
    except KeyError:
        kind = f"unsupported figures file type {path.suffix!r}" if path.suffix else "no file extension"
        raise FormatError(f"{path}: {kind}; use .csv or .parquet") from None


def write_figures(df: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Validate a figures table and write it atomically as CSV or Parquet (by extension).

    The table is checked with :func:`aidfigures.schema.validate` before anything is written. The
    file is written to a temporary file in the same directory and then moved into place, so
    ``path`` is either the old file or the complete new one, never half written. Missing parent
    directories are created. CSV is UTF-8 with a header, no index, floats at full precision, NA as
    an empty field, text cells starting with ``= + - @ '``, a tab or a carriage return, or
    empty, prefixed with ``'``, and cells holding ``,`` ``;`` a tab, a quote or a line end quoted
    (see :func:`aidfigures.outputs.write_table_csv`).

    Parameters
    ----------
    df : DataFrame
        A figures table (schema v1.2).
    path : str or path-like
        Ends in ``.csv`` or ``.parquet``.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    FormatError
        Unsupported extension.
    SchemaError
        ``df`` does not follow the schema (nothing is written).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from aidfigures.schema import empty_figures
    >>> tmp = tempfile.TemporaryDirectory()
    >>> out = write_figures(empty_figures(), pathlib.Path(tmp.name) / "figures.csv")
    >>> out.read_text(encoding="utf-8").split(",")[:3]
    ['doc_id', 'start', 'end']
    >>> read_figures(out).shape
    (0, 28)
    >>> tmp.cleanup()
    """
    return write_table(schema.validate(df), path)


def write_figures_csv(df: pd.DataFrame, stream: TextIO) -> None:
    """Validate a figures table and write it as CSV to an open text stream (e.g. ``sys.stdout``).

    Same CSV as :func:`write_figures`. To keep spreadsheets from running formulas, text cells
    (string columns only, never numbers) that start with ``=``, ``+``, ``-``, ``@``, a tab or a
    carriage return get a leading ``'``; so that this stays lossless, cells that already start with
    ``'`` and empty strings (told apart from NA, which is an empty field) get one too.
    :func:`read_figures` strips exactly one leading ``'``.

    Examples
    --------
    >>> import io, pandas as pd
    >>> from aidfigures.schema import empty_figures
    >>> row = empty_figures().astype(object)
    >>> row.loc[0] = ["d", 0, 3, "$5M", 5e6, None, "USD", None, "exact", None, None, None,
    ...               None, None, None, None, None, "=HYPERLINK()", None, None, "-1 is fine", 0.5,
    ...               "Ayuda", None, "2010-12-16", None, None, None]
    >>> buffer = io.StringIO()
    >>> write_figures_csv(row, buffer)
    >>> buffer.getvalue().splitlines()[1]
    "d,0,3,$5M,5000000.0,,USD,,exact,,,,,,,,,'=HYPERLINK(),,,'-1 is fine,0.5,Ayuda,,2010-12-16,,,"
    """
    write_table_csv(schema.validate(df), stream)


def write_table(df: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write any table to ``.csv`` or ``.parquet`` (by extension) the way figures files are written.

    Temporary file + rename (never half written), parent folders created; CSV as in
    :func:`write_table_csv`. Raises :class:`~aidfigures.errors.FormatError` for another extension
    (nothing is written).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> import pandas as pd
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


def read_figures(path: str | os.PathLike[str], *, validate: bool = True) -> pd.DataFrame:
    """Read a figures table written by :func:`write_figures` (CSV or Parquet, by extension).

    CSV is read as UTF-8 with only empty fields as NA (``"NA"`` stays text), floats exactly as
    written, and one leading ``'`` stripped from text cells (undoing the formula neutralization of
    :func:`write_figures_csv`). Extra columns are dropped; columns come back in schema order with
    schema dtypes.

    Parameters
    ----------
    path : str or path-like
        Ends in ``.csv`` or ``.parquet``.
    validate : bool, default True
        Check the table against the schema (else only cast to the schema's dtypes).

    Returns
    -------
    DataFrame

    Raises
    ------
    FormatError
        Unsupported extension.
    DocumentError
        The file is missing or not readable as CSV/Parquet.
    SchemaError
        Columns are missing or values do not fit the schema; the message names the file.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> bad = pathlib.Path(tmp.name) / "bad.csv"
    >>> _ = bad.write_text("doc_id,start\\nd,0\\n")
    >>> read_figures(bad)
    Traceback (most recent call last):
    ...
    aidfigures.errors.SchemaError: .../bad.csv: figures table is missing columns: end, text, ...
    >>> tmp.cleanup()
    """
    import pandas as pd

    path = Path(path)
    fmt = figures_format(path)
    try:
        if fmt == "csv":
            raw = pd.read_csv(path, dtype=_CSV_DTYPES, keep_default_na=False, na_values=[""],
                              encoding="utf-8")
            for col in _STRING_COLUMNS:
                if col in raw.columns:
                    cells = raw[col]
                    quoted = cells.str.startswith("'").fillna(False).astype(bool)
                    raw[col] = cells.mask(quoted, cells.str.slice(1))
        else:
            raw = pd.read_parquet(path)
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such file") from None
    except (OSError, ValueError) as exc:  # pandas/pyarrow parse errors are ValueError subclasses
        raise DocumentError(f"{path}: not a readable {fmt} figures file ({exc})") from None
    try:
        return schema.validate(raw) if validate else schema.coerce(raw)
    except SchemaError as exc:
        raise SchemaError(f"{path}: {exc}") from None
