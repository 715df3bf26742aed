"""The one CSV rule of every CSV aidfigures writes: formula-safe, separator-quoted, lossless text cells."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final, TextIO

if TYPE_CHECKING:  # imported where a table is built: a CSV run needs none
    import pandas as pd


__all__ = ["csv_field", "csv_line", "is_text_column", "neutralize", "text_field", "write_table_csv"]

#: A text cell starting like this gets a leading ``'``: what a spreadsheet would run as a formula
#: (``= + - @``, tab, carriage return), and, so that readers can always strip exactly one, a
#: leading ``'`` itself and the empty string (told apart from NA, which is an empty field).
RISKY_START: Final = r"[=+\-@\t\r']|\Z"
#: A field holding one of these is quoted: the separators of CSV files as spreadsheets open them
#: (``,``, ``;`` in many locales, tab), the quote, and both line-end characters.
_NEEDS_QUOTES: Final = r'[,;\t"\n\r]'
_NEEDS_QUOTES_RE: Final = re.compile(_NEEDS_QUOTES)
_SURROGATE: Final = r"[\ud800-\udfff]"
_SURROGATE_RE: Final = re.compile(_SURROGATE)
#: The first characters :data:`RISKY_START` matches (it also matches the empty string).
_RISKY_FIRST: Final = frozenset("=+-@\t\r'")
_ROWS_PER_BLOCK: Final = 50_000


def csv_field(cell: str) -> str:
    """One CSV field as written: quoted (``"`` doubled) when it holds a separator, a quote or a line end.

    >>> csv_field("plain"), csv_field("a;=b"), csv_field('5" gun'), csv_field("Report\\r2006")
    ('plain', '"a;=b"', '"5"" gun"', '"Report\\r2006"')
    """
    if _NEEDS_QUOTES_RE.search(cell):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def csv_line(fields: Iterable[str]) -> str:
    """A CSV record from fields that are already neutralized (see :func:`neutralize`), with ``\\n``."""
    return ",".join(map(csv_field, fields)) + "\n"


def text_field(cell: str) -> str:
    """One text cell as a CSV field, by the rule of :func:`neutralize` then :func:`csv_field` (what
    :func:`write_table_csv` does to a column, for one value).

    >>> [text_field(c) for c in ("=1+1", "", "ok", "'q", "a,b", "x" + chr(0xD800))]
    ["'=1+1", "'", 'ok', "''q", '"a,b"', 'x\ufffd']
    """
    if not cell.isascii() and _SURROGATE_RE.search(cell):
        cell = _SURROGATE_RE.sub("\ufffd", cell)
    if not cell or cell[0] in _RISKY_FIRST:  # RISKY_START
        cell = "'" + cell
    return csv_field(cell)


def is_text_column(cells: pd.Series) -> bool:
    """Whether a column's cells are written as text (string dtypes and object columns)."""
    import pandas as pd

    return bool(pd.api.types.is_string_dtype(cells.dtype) or cells.dtype == object)


def neutralize(cells: pd.Series) -> pd.Series:
    """A text column as CSV writes it: lone surrogates (which UTF-8 cannot hold) as U+FFFD, and a
    leading ``'`` on cells starting with ``= + - @ '``, a tab or a carriage return, or empty.

    >>> import pandas as pd
    >>> neutralize(pd.Series(["=1+1", "", "ok", None, "'q"])).tolist()
    ["'=1+1", "'", 'ok', <NA>, "''q"]
    """
    text = cells.astype("string")
    if text.str.contains(_SURROGATE, regex=True).fillna(False).any():
        text = text.str.replace(_SURROGATE, "\ufffd", regex=True)
    risky = text.str.match(RISKY_START).fillna(False).astype(bool)
    return text.mask(risky, "'" + text)


def write_table_csv(df: pd.DataFrame, stream: TextIO) -> None:
    """Write a table as CSV to an open text stream: UTF-8, no index, ``\\n`` line ends, NA empty.

    Text cells that a spreadsheet would run as a formula (``= + - @``, tab, carriage return), or
    that start with ``'`` or are empty, get a leading ``'``; fields holding ``,``, ``;``, a tab, a
    quote or a line end (``\\n`` or a bare ``\\r``) are quoted, so any text reads back as written
    (lone surrogates, which UTF-8 cannot hold, become U+FFFD). Other columns are formatted as
    pandas does (floats at full precision). One leading ``'`` is stripped again by
    :func:`aidfigures.read_figures` and :func:`aidfigures.read_documents`.

    Examples
    --------
    >>> import io
    >>> import pandas as pd
    >>> buffer = io.StringIO()
    >>> write_table_csv(pd.DataFrame({"t": ["Report\\r2006", "a;=b", "-1"], "n": [1.5, None, 3.0]}), buffer)
    >>> buffer.getvalue()
    't,n\\n"Report\\r2006",1.5\\n"a;=b",\\n\\'-1,3.0\\n'
    """
    stream.write(csv_line(str(c) for c in df.columns))
    for begin in range(0, len(df), _ROWS_PER_BLOCK):
        block = df.iloc[begin:begin + _ROWS_PER_BLOCK]
        columns = [_fields(block.iloc[:, i]) for i in range(block.shape[1])]
        stream.write("".join(",".join(row) + "\n" for row in zip(*columns, strict=True)))


def _fields(cells: pd.Series) -> list[str]:
    """A column's cells as CSV fields (quoted where needed)."""
    if is_text_column(cells):
        text = neutralize(cells)
        needs = text.str.contains(_NEEDS_QUOTES, regex=True).fillna(False).astype(bool)
        text = text.mask(needs, '"' + text.str.replace('"', '""', regex=False) + '"')
        return text.fillna("").tolist()
    # numbers, booleans, dates: formatted by pandas (its float formatting), then quoted by the one rule
    block = cells.to_frame().to_csv(header=False, index=False, lineterminator="\n")
    fields = [csv_field(row[0] if row else "") for row in csv.reader(io.StringIO(block, newline=""))]
    assert len(fields) == len(cells), f"column {cells.name!r}: {len(fields)} CSV fields for {len(cells)} cells"
    return fields
