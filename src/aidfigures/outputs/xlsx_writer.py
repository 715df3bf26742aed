"""Excel workbooks (.xlsx, through XlsxWriter): typed cells, formula-safe text, one sheet per table."""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import pandas as pd
import pyarrow as pa

from .. import schema
from ..errors import FormatError
from ..schema.documents import DOCUMENT_COLUMNS
from .atomic import atomic_write
from .base import Payload, Target, Writer, _fsync, _hidden

try:  # the one CSV rule, in outputs/csv_format.py once the CSV-quoting work is merged
    from .csv_format import RISKY_START as _RISKY  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # until then the rule lives with the figures files
    from .figure_files import _RISKY  # type: ignore[attr-defined,no-redef,unused-ignore]

__all__ = ["MAX_ROWS", "write_figures_xlsx", "write_xlsx"]

#: Data rows an Excel sheet holds (1,048,576 rows, one of them the header).
MAX_ROWS: Final = 1_048_575
#: Characters an Excel cell holds; longer text is cut, ending in ``…``.
MAX_CELL: Final = 32_767
#: The CSV writers' rule for text a spreadsheet would run as a formula (``RISKY_START``); its
#: empty-string and ``'`` cases only keep the CSV ``'`` prefix reversible and are left out here.
_RISKY_START: Final = re.compile(_RISKY)
_OPTIONS: Final = {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                   "strings_to_urls": False, "nan_inf_to_errors": False}
_WIDTHS: Final = {"doc_id": 24, "text": 22, "sentence": 60, "title": 40, "url": 30, "source": 30,
                  "recipient": 16, "donor": 16, "published": 11, "sha256": 18, "metadata": 30, "error": 30}


class _Book:
    """An XlsxWriter workbook being written row by row (constant memory), one sheet per table."""

    def __init__(self, path: Path, tables: Mapping[str, Sequence[str]]) -> None:
        import xlsxwriter

        self.book = xlsxwriter.Workbook(str(path), _OPTIONS)
        bold = self.book.add_format({"bold": True})
        self.date = self.book.add_format({"num_format": "yyyy-mm-dd"})
        self.text = self.book.add_format({"quote_prefix": True})  # shown as typed, kept as text when edited
        self.sheets: dict[str, Any] = {}
        self.rows: dict[str, int] = {}
        self.columns = {name: list(cols) for name, cols in tables.items()}
        for name, cols in self.columns.items():
            sheet = self.book.add_worksheet(name)
            for j, col in enumerate(cols):
                sheet.set_column(j, j, _WIDTHS.get(col, 12))
                sheet.write_string(0, j, col, bold)
            sheet.freeze_panes(1, 0)
            self.sheets[name], self.rows[name] = sheet, 0

    def append(self, name: str, rows: Iterable[Sequence[Any]], where: Path) -> None:
        """Write rows of values (None, str, bool, int, float, date) below the sheet's last row."""
        sheet, row = self.sheets[name], self.rows[name]
        for values in rows:
            row += 1
            if row > MAX_ROWS:
                raise FormatError(f"{where}: more than {MAX_ROWS:,} {name} rows, more than an Excel sheet "
                                  "holds; write .csv, .parquet or .duckdb instead")
            for j, value in enumerate(values):
                self._cell(sheet, row, j, value)
        self.rows[name] = row

    def _cell(self, sheet: Any, i: int, j: int, value: Any) -> None:
        if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
            return
        if isinstance(value, str):
            if len(value) > MAX_CELL:
                value = value[: MAX_CELL - 1] + "…"
            if value and value[0] != "'" and _RISKY_START.match(value):
                sheet.write_string(i, j, value, self.text)
            else:
                sheet.write_string(i, j, value)
        elif isinstance(value, bool):
            sheet.write_boolean(i, j, value)
        elif isinstance(value, dt.date):  # datetime.datetime too (a pandas Timestamp is one)
            sheet.write_datetime(i, j, value, self.date)
        else:
            sheet.write_number(i, j, value)

    def close(self) -> None:
        for name, sheet in self.sheets.items():
            sheet.autofilter(0, 0, self.rows[name], len(self.columns[name]) - 1)
        self.book.close()


def _frame_rows(df: pd.DataFrame) -> Iterable[list[Any]]:
    """A DataFrame's rows as Python values, NA as None."""
    for row in df.astype(object).itertuples(index=False, name=None):
        yield [None if v is pd.NA or v is pd.NaT else v for v in row]


def write_xlsx(tables: Mapping[str, pd.DataFrame], path: str | os.PathLike[str]) -> Path:
    """Write tables as the sheets of one Excel workbook (sheet name -> table), atomically.

    Cells are typed: numbers, booleans, dates (``yyyy-mm-dd``), and text exactly as it is (UTF-8
    names such as "Páez" and "dólares" need no encoding guess). Text that a spreadsheet would run as
    a formula if typed in (starting with ``= + - @``, a tab or a carriage return) is stored as
    text with Excel's quote prefix: shown as written, never run, and kept as text when the cell is
    edited. NA is an empty cell. Each sheet has a bold, frozen header row with filters.

    Raises :class:`~aidfigures.errors.FormatError` when a table has more rows than a sheet holds.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> table = pd.DataFrame({"who": ["Ángel Páez", "=1+1"], "n": [1, 2]})
    >>> write_xlsx({"people": table}, pathlib.Path(tmp.name) / "t.xlsx").name
    't.xlsx'
    >>> tmp.cleanup()
    """
    path = Path(path)

    def write(tmp: Path) -> None:
        book = _Book(tmp, {name: [str(c) for c in df.columns] for name, df in tables.items()})
        for name, df in tables.items():
            book.append(name, _frame_rows(df), path)
        book.close()

    atomic_write(path, write)
    return path


def write_figures_xlsx(df: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Validate a figures table and write it as an Excel workbook with one sheet, ``figures``.

    See :func:`write_xlsx` for the cells; ``aidfigures extract -o figures.xlsx`` writes the same
    sheet and a ``documents`` sheet beside it.
    """
    return write_xlsx({"figures": schema.validate(df)}, path)


class _XlsxWriter(Writer):
    """The corpus-run writer of ``-o figures.xlsx``: both tables as sheets of one workbook, written
    chunk by chunk to a hidden partial file (constant memory) and moved into place at the end."""

    def __init__(self, target: Target, resume: bool) -> None:
        assert target.figures is not None
        self.final = target.figures
        if resume:
            raise FormatError(f"{self.final}: an .xlsx output cannot be resumed; use .csv, .parquet or .duckdb "
                              "for --resume")
        self.partial = _hidden(self.final, ".partial")
        self.partial.parent.mkdir(parents=True, exist_ok=True)
        self.book: _Book | None = _Book(self.partial, {"figures": schema.COLUMNS, "documents": DOCUMENT_COLUMNS})

    def write(self, payload: Payload, stale: Iterable[str] = ()) -> None:
        assert self.book is not None
        for name, table in (("figures", payload.figures), ("documents", payload.documents)):
            assert isinstance(table, pa.Table)
            self.book.append(name, (list(r.values()) for r in table.to_pylist()), self.final)

    def finish(self) -> None:
        assert self.book is not None
        self.book.close()
        self.book = None
        _fsync(self.partial)
        os.replace(self.partial, self.final)

    def close(self) -> None:
        """A workbook cannot be continued: the partial file is removed."""
        if self.book is not None:
            self.book = None
            self.partial.unlink(missing_ok=True)
