"""Plain-text tables: a program x year grid of bare numbers under a header of years, cell by cell."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..errors import ParseError
from .numbers import parse_number
from .table_layout import Column, cells_of, header, is_label, is_rule, rows_of, spanning_header
from .table_words import is_total, measure_of, unit_of

__all__ = ["TableCell", "find_table_cells"]


@dataclass(frozen=True)
class TableCell:
    """One number in a plain-text table, with what its row and column say about it.

    ``amount`` has the table's unit applied (``($000)`` multiplies by 1,000). ``title`` is
    the text above the table (where the recipient is named); ``row`` the cell's row label;
    ``column`` its column header; ``line`` the row as written (the cell's provenance).
    ``currency`` is ``*`` for pesos of the document's country. ``total`` is true for a
    ``Total`` row or column; ``measure`` is what the column says it holds (``request``,
    ``est.``); ``row_start`` is where the cell's row begins (cells of one row share it).
    """

    text: str
    start: int
    end: int
    amount: Decimal
    year: int
    year_end: int | None
    fiscal: bool
    row: str | None
    column: str
    title: str
    title_start: int
    line: str
    currency: str = "USD"
    total: bool = False
    measure: str | None = None
    row_start: int = -1


_GRID_RULE = re.compile(r"\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*")
_LETTERS = re.compile(r"[^\W\d_]")
_LOWER = re.compile(r"[a-z]")
#: Lines that may interrupt a table's rows: a page break in a cable (``CONFIDENTIAL``, ``PAGE 03 ...``)
_MAX_GAP = 3
#: Lines between a header and its first row (a second header line, a unit note)
_MAX_NOTES = 6
#: Characters above a header read as the table's title
_TITLE = 400


def _aligned(cols: list[Column], data: list[tuple[int, str, str | None, list]]) -> bool:
    """True when the full rows' cells sit under their header labels (a fixed-width table), so
    a short row's cells can be placed by position."""
    full = [(s, cells) for s, _, _, cells in data if len(cells) == len(cols)]
    if not full or any(c.start < 0 for c in cols):
        return False
    return all(cell is None or _under(col, cell[0] - s, cell[1] - s) for s, cells in full for col, cell in zip(cols, cells))


def _under(col: Column, a: int, b: int) -> bool:
    return a < col.end + 2 and b > col.start - 2


def _place(cols: list[Column], cells: list, s: int, aligned: bool) -> list[tuple[Column, tuple[int, int, str] | None]]:
    """Each cell with its column: all columns for a full row; for a short row by position when
    the table is aligned, else from the left (sub-rows under the first column)."""
    if len(cells) == len(cols) or not aligned:
        return list(zip(cols, cells))
    out = []
    for cell in cells:
        col = next((c for c in cols if cell is not None and _under(c, cell[0] - s, cell[1] - s)), None)
        if col is None or any(col is c for c, _ in out):
            return list(zip(cols, cells))
        out.append((col, cell))
    return out


def _collect(rows: list[tuple[int, int, str]], i: int, ncols: int) -> tuple[list[str], list, int]:
    """The note lines and data rows of a table whose (unpiped) header is ``rows[i]``, and the
    index of the row after its last data row."""
    notes: list[str] = []
    data: list[tuple[int, str, str | None, list]] = []
    gap, last, j = 0, i, i + 1
    while j < len(rows):
        s, _, r = rows[j]
        text = r.strip()
        if not text:
            if data or j - i > _MAX_NOTES:
                break
        elif is_rule(text):
            pass
        elif header(r):
            break
        else:
            label, cells = cells_of(r, s, False, ncols)
            if cells and any(cells) and is_label(label) and not (gap and len(cells) < ncols and label and len(label.split()) > 6):
                data.append((s, r, label, cells))
                gap, last = 0, j
            elif data:
                gap += 1
                if gap > _MAX_GAP:
                    break
            else:
                notes.append(r)
                if len(notes) > _MAX_NOTES:
                    break
        j += 1
    return notes, data, last + 1


def _grid(rows: list[tuple[int, int, str]], i: int) -> tuple[list, int]:
    """The data rows of a piped header: a Markdown grid (a row per line) or the header itself (PDF copy)."""
    start, _, row = rows[i]
    j = i + 1
    if not (j < len(rows) and "|" in rows[j][2]):
        return [(start, row, None, None)], j
    data = []
    while j < len(rows) and "|" in rows[j][2]:
        if not _GRID_RULE.fullmatch(rows[j][2].strip()):
            data.append((rows[j][0], rows[j][2], None, None))
        j += 1
    return data, j


#: Cells that can only be read one way: Spanish ``1.234.567``, ``12,5``, ``1.234,5``; English ``1,234,567``, ``12.5``, ``1,234.5``
_SPANISH_CELL = re.compile(r"\d{1,3}(?:\.\d{3}){2,}|\d+,\d{1,2}|\d{1,3}(?:\.\d{3})+,\d+")
_ENGLISH_CELL = re.compile(r"\d{1,3}(?:,\d{3}){2,}|\d+\.\d{1,2}|\d{1,3}(?:,\d{3})+\.\d+")


def _number_lang(cells: list[str], lang: str) -> str:
    """The language whose separators a table's cells follow: a table writes all its numbers
    alike, so a cell that can only be read one way decides for ``1.500`` in the others."""
    if any(_SPANISH_CELL.fullmatch(c) for c in cells):
        return "es"
    if any(_ENGLISH_CELL.fullmatch(c) for c in cells):
        return "en"
    return lang


def _scale(text: str, zone: list[str], cells: list[str], lang: str) -> tuple[Decimal, str]:
    """The factor and currency of a table's cells from its title, header, notes and labels.

    With no unit stated, a table written all in capitals (a cable) with whole numbers under a
    million is in thousands of dollars, the way US government telegrams wrote such tables.
    """
    for part in zone:
        unit = unit_of(part, lang)
        if unit:
            return Decimal(10) ** unit[0], unit[1] or "USD"
    if not any(_LOWER.search(part) for part in zone[:-1]) and all("." not in c and len(c.replace(",", "")) <= 6 for c in cells) \
            and any("," in c for c in cells):
        return Decimal(1000), "USD"
    return Decimal(1), "USD"


def find_table_cells(text: str, lang: str = "en") -> list[TableCell]:
    """Find the cells of program x year tables written as plain text.

    A header row names two or more years in order (``Aid Program 2006 2007 ... Program
    Total``, ``FY 2000 Actual | FY 2001 Estimated``, ``FY'03 FY'04``), or one year over every
    column (``FY 1977`` above column labels); each following row gives its numbers, right
    to left, one per column (a shorter row fills the columns it sits under, or the first
    ones). Rules, up to three interrupting lines (a cable's page break) and the lines between
    a header and its rows are passed over. A ``Total`` column spans the years. Units come
    from the title, header, notes and row labels (``($000)``, ``(In thousands of dollars)``,
    ``in USD millions``, ``en millones de dólares``). Zero cells are no figure.

    Examples
    --------
    >>> t = ("Military aid to Colombia ($000)\\n"
    ...      "Program 2009 2010 Total\\n"
    ...      "Foreign Military Financing 53,000 55,000 108,000\\n")
    >>> [(c.row, c.year, c.year_end, c.amount) for c in find_table_cells(t)]
    [('Foreign Military Financing', 2009, None, Decimal('53000000')), \
('Foreign Military Financing', 2010, None, Decimal('55000000')), \
('Foreign Military Financing', 2009, 2010, Decimal('108000000'))]
    >>> find_table_cells("In 2006 and 2007 aid rose by 12 and 15 percent.")
    []
    """
    out: list[TableCell] = []
    rows = rows_of(text)
    prev_end = 0
    i = 0
    while i < len(rows):
        start, end, row = rows[i]
        if not any(ch.isdigit() for ch in row):
            i += 1
            continue
        cols = header(row)
        spanning = cols is None
        if spanning:
            cols = spanning_header(row)
            if not cols:
                i += 1
                continue
        piped = "|" in row and not spanning
        if piped:
            data, nxt = _grid(rows, i)
            notes: list[str] = []
        else:
            notes, data, nxt = _collect(rows, i, 12 if spanning else len(cols))
        if spanning:
            if len(data) < 2 or not data[0][3] or len(data[0][3]) < 2 and not any(unit_of(n, lang) for n in notes):
                i += 1
                continue
            cols = cols * max(len(d[3]) for d in data)
        found = _emit(text, lang, out, rows[i], cols, data, notes, piped, max(prev_end, start - _TITLE))
        if found:
            prev_end = rows[nxt - 1][1]
            i = max(nxt, i + 1)
        else:
            i += 1
    return out


def _emit(text: str, lang: str, out: list[TableCell], head: tuple[int, int, str], cols: list[Column], data: list,
          notes: list[str], piped: bool, title_start: int) -> bool:
    """Append the cells of one table to ``out``; True when it had any."""
    start, _, row = head
    title = text[title_start:start]
    parsed = []
    for s, r, label, cells in data:
        if cells is None:  # a piped row
            label, cells = cells_of(r, s, True, len(cols))
            label = next((c.strip() for c in r.split("|") if _LETTERS.search(c) and not any(ch.isdigit() for ch in c)), None) \
                if r is not row else None
        if not cells or not any(cells) or len(cells) > len(cols):
            continue
        parsed.append((s, r, label, cells))
    if not parsed:
        return False
    labels = [p[2] or "" for p in parsed]
    values = [c[2] for p in parsed for c in p[3] if c is not None]
    factor, currency = _scale(text, [row, *notes, *labels, title.rstrip().split("\n\n")[-1], title], values, lang)
    aligned = not piped and _aligned(cols, parsed)
    number_lang = _number_lang(values, lang)
    fiscal_row = "FY" in row
    found = False
    for s, r, label, cells in parsed:
        clean = label.strip(" .") or None if label else None
        total_row = is_total(clean, lang)
        for col, cell in _place(cols, cells, s, aligned):
            if cell is None:
                continue
            try:
                value = parse_number(cell[2], number_lang)
            except ParseError:
                continue
            if not value:
                continue  # a zero cell: no money
            found = True
            out.append(TableCell(cell[2], cell[0], cell[1], value * factor, col.year, col.year_end,
                                 "FY" in col.label or fiscal_row, clean, col.label, title, title_start, r.strip(),
                                 currency, total_row or col.year_end is not None and is_total(col.label, lang),
                                 measure_of(col.label, lang), s))
    return found
