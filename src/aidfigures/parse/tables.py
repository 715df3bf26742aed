"""Plain-text tables of money: cells under headers of years, with their unit, year, measure and totals."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..errors import ParseError
from .numbers import parse_number
from .table_blocks import (
    TITLE,
    aligned,
    collect,
    flattened,
    grid,
    is_money,
    number_lang,
    place,
    scale,
    stacked,
    year_columns,
    year_rows,
)
from .table_layout import Column, cells_of, columns_of, fields, header, is_rule, rows_of, spanning_header, year_label
from .table_words import is_total, measure_of, money_named, sign_currency, unit_of

__all__ = ["TableCell", "find_table_cells"]

_LETTERS = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
_BARE_YEAR = re.compile(r"(?<![\d,.])(?:19[4-9]|20[0-4])\d$")


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
    year: int | None
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


def find_table_cells(text: str, lang: str = "en") -> list[TableCell]:
    """Find the cells of money tables written as plain text, by their layout.

    A header row names two or more years in order (``Aid Program 2006 2007 ... Program
    Total``, ``FY 2000 Actual | FY 2001 Estimated``, ``FY'03 FY'04``), or one year over every
    column (``FY 1977`` above column labels); each following row gives its numbers, right
    to left, one per column (a shorter row fills the columns it sits under, or the first
    ones). Rules, up to three interrupting lines (a cable's page break) and the lines between
    a header and its rows are passed over; a second header line's words label the columns.
    Also read: rows that are years (``2008  45.2``), a header of words (``Account  Chad
    Niger``) under a title with the unit, a list of labelled numbers under a heading with the
    unit, and tables copied one cell per line. A ``Total`` column spans the years. Units come
    from the title, header, notes and row labels (``($000)``, ``(In thousands of dollars)``,
    ``in USD millions``, ``en millones de dólares``); an all-caps table with none is in
    thousands (cables). Zero cells, percentages, page numbers and tables that nothing says
    are money, or that a unit says are not (``(hectares)``), give no cell.

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
        if not _DIGIT.search(row):
            i += 1
            continue
        cols = header(row)
        spanning = cols is None
        if cols is None:  # spanning
            cols = spanning_header(row)
            pile = stacked(rows, i) if cols else None
            if pile:
                heads, notes, cells, nxt = pile
                first = rows[nxt - len(cells)]
                line = " ".join(text[a:b] for a, b, _ in cells)
                if _emit(text, lang, out, rows[i], heads, [(first[0], line, None, cells)], notes, False,
                         max(prev_end, start - TITLE)):
                    prev_end, i = rows[nxt - 1][1], nxt
                    continue
            if not cols:
                after = _year_table(text, lang, out, rows, i, prev_end) \
                    or _worded_table(text, lang, out, rows, i, prev_end) \
                    or _label_lines(text, lang, out, rows, i, prev_end)
                if after:
                    prev_end = rows[after - 1][1]
                i = after or i + 1
                continue
        flat = flattened(text, start, end) if not spanning and "|" not in row and "\n" in text[start:end] else None
        if flat:
            heads, data, before = flat
            if _emit(text, lang, out, rows[i], heads, data, before, False, max(prev_end, start - TITLE)):
                prev_end, i = end, i + 1
                continue
        piped = "|" in row and not spanning
        if piped:
            data, nxt = grid(rows, i)
            notes = []
        else:
            notes, data, nxt = collect(rows, i, 12 if spanning else len(cols))
        if spanning:
            if len(data) < 2 or not data[0][3] or len(data[0][3]) < 2 and not any(unit_of(n, lang) for n in notes):
                i += 1
                continue
            cols = cols * max(len(d[3]) for d in data)
        found = _emit(text, lang, out, rows[i], cols, data, notes, piped, max(prev_end, start - TITLE))
        if found:
            prev_end = rows[nxt - 1][1]
            i = max(nxt, i + 1)
        else:
            i += 1
    out.sort(key=lambda c: c.start)  # in text order, for bisecting
    return out


def _year_table(text: str, lang: str, out: list[TableCell], rows: list[tuple[int, int, str]], i: int,
                prev_end: int) -> int | None:
    """Append the cells of a table whose rows are years, starting at ``rows[i]``; the index after
    it, or None when there is none. Its unit must be stated, or its cells signed (``$45.2``)."""
    found = year_rows(rows, i)
    if found is None:
        return None
    h, data, nxt = found
    head = rows[h] if h is not None else (rows[i][0], rows[i][0], "")
    title_start = max(prev_end, head[0] - TITLE)
    zone = [head[2], text[title_start:head[0]]]
    if not any(unit_of(z, lang) for z in zone) and not any(ch in r for _, r, _, _ in data for ch in "$€£"):
        return None
    row_cols = [year_columns(head[2] or None, len(cells), year) for _, _, year, cells in data]
    rows_data = [(s, r, year.label, cells) for s, r, year, cells in data]
    return nxt if _emit(text, lang, out, head, row_cols[0], rows_data, [], False, title_start, row_cols) else None


def _sublabels(cols: list[Column], notes: list[str]) -> list[Column]:
    """Columns with the words of a second header line under them (``Actual  Estimate  Request``
    under ``FY 2010  FY 2011  FY 2012``): one word or field per column, after a row-label word."""
    for note in notes:
        text = note.strip(" .\t")
        if not text or any(ch.isdigit() or ch in "()$" for ch in text):
            continue
        names = fields(text)
        if len(names) not in (len(cols), len(cols) + 1):
            names = text.split()
        if len(names) in (len(cols), len(cols) + 1):
            under = names[len(names) - len(cols):]
            cols = [c._replace(label=f"{c.label} {n}") for c, n in zip(cols, under, strict=True)]
    return cols


def _worded_table(text: str, lang: str, out: list[TableCell], rows: list[tuple[int, int, str]], i: int,
                  prev_end: int) -> int | None:
    """Append the cells of a table whose header names no year per column, starting at ``rows[i]``;
    the index after it, or None. Either a header of words, one per column (``Program  Chad
    Niger``, ``Account  Obligated  Disbursed``, or one column that names a measure or a year:
    ``Account  Enacted``) under a title that states the unit, or a list of
    labelled numbers under a heading that states it (``FY 1977 LEVELS (THOUSANDS OF
    DOLLARS):`` over ``MAP  1,500``). The one year of the heading or title is every cell's."""
    last = rows[i][2].rstrip()
    if not last[-1:].isdigit() or len(last) > 160 or _BARE_YEAR.search(last):
        return None  # a line that ends in a year is prose or a header, not a row of amounts
    h = i - 1
    while h >= 0 and h >= i - 3 and (not rows[h][2].strip() or is_rule(rows[h][2].strip())):
        h -= 1
    if h < 0 or h < i - 3 or not rows[h][2].strip():
        return None
    head = rows[h]
    title_start = max(prev_end, head[0] - TITLE)
    title = text[title_start:head[0]].rstrip().split("\n\n")[-1]
    if not (unit_of(head[2], lang) or unit_of(title, lang)):  # first, as it is the rarest
        return None
    if cells_of(head[2], head[0], False, 12)[1] or header(head[2]):
        return None
    _, data, nxt = collect(rows, h, 12)
    if not data or data[0][0] != rows[i][0] or any(not label for _, _, label, _ in data):
        return None
    ncols = max(len(d[3]) for d in data)
    names = fields(head[2])
    names = names[1:] if len(names) == ncols + 1 else names
    # one column is a table too when its header says what it holds: a measure or a year ("Account  Enacted")
    single = ncols == 1 and len(data) >= 2 and len(names) == 1 \
        and (measure_of(names[0], lang) is not None or year_label(names[0]) is not None)
    worded = single or ncols >= 2 and len(names) == ncols and not _DIGIT.search(re.sub(r"\([^()]*\)", "", head[2]))
    if not (unit_of(head[2], lang) and len(data) >= 2 or worded and unit_of(title, lang)):
        return None
    years = columns_of(head[2]) or columns_of(title)
    year = years[0] if len(years) == 1 else Column("", None, None)
    if worded:
        cols = [Column(n, year.year, year.year_end) for n in names]
    else:
        cols = [Column(head[2].strip(), year.year, year.year_end)] * ncols
    return nxt if _emit(text, lang, out, head, cols, data, [], False, title_start) else None


def _label_lines(text: str, lang: str, out: list[TableCell], rows: list[tuple[int, int, str]], i: int,
                 prev_end: int) -> int | None:
    """Append the cells of a list written one number per line after its row label (``Health``
    then ``1,200``) under a heading that states the unit, its second line being ``rows[i]``;
    the index after it, or None."""
    def label(k: int) -> bool:
        line = rows[k][2].strip()
        return bool(line) and not _DIGIT.search(line) and len(line.split()) <= 6 and not is_rule(line)

    def lone(k: int) -> tuple[int, int, str] | None:
        name, cells = cells_of(rows[k][2], rows[k][0], False, 1)
        return cells[0] if name is None and cells and cells[0] else None

    if i < 1 or not label(i - 1) or lone(i) is None:
        return None
    data, j = [], i - 1
    while j + 1 < len(rows) and label(j) and (cell := lone(j + 1)):
        data.append((rows[j + 1][0], f"{rows[j][2].strip()} {rows[j + 1][2].strip()}", rows[j][2].strip(), [cell]))
        j += 2
    head = rows[i - 1]
    title_start = max(prev_end, head[0] - TITLE)
    heading = text[title_start:head[0]].rstrip().split("\n\n")[-1]
    if len(data) < 2 or not unit_of(heading, lang):
        return None
    years = columns_of(heading)
    year = years[0] if len(years) == 1 else Column("", None, None)
    col = Column(heading.strip().split("\n")[-1], year.year, year.year_end)
    return j if _emit(text, lang, out, head, [col], data, [], False, title_start) else None


def _emit(text: str, lang: str, out: list[TableCell], head: tuple[int, int, str], cols: list[Column], data: list,
          notes: list[str], piped: bool, title_start: int, row_cols: list[list[Column]] | None = None) -> bool:
    """Append the cells of one table to ``out``; True when it had any. ``row_cols`` gives each
    data row its own columns (a table whose rows are years)."""
    start, _, row = head
    title = text[title_start:start]
    parsed = []
    for k, (s, r, label, cells) in enumerate(data):
        if cells is None:  # a piped row
            label, cells = cells_of(r, s, True, len(cols))
            label = None if r is row else next(
                (c.strip() for c in r.split("|") if _LETTERS.search(c) and not any(ch.isdigit() for ch in c)), None)
        if not cells or not any(cells) or len(cells) > len(row_cols[k] if row_cols else cols):
            continue
        parsed.append((s, r, label, cells, row_cols[k] if row_cols else cols))
    if not parsed:
        return False
    labels = [p[2] or "" for p in parsed]
    values = [c[2] for p in parsed for c in p[3] if c is not None]
    heading = title.rstrip().split("\n\n")[-1]
    factor, currency, stated = scale([row, *notes, *labels, heading, title], values, lang)
    zone = "\n".join([heading[-300:], row, *notes])
    if money_named(zone, lang) is False \
            or not stated and not is_money(zone + "\n" + "\n".join(labels), [p[1] for p in parsed], lang):
        return False  # a table of hectares, people or shares, or of numbers nothing says are money
    currency = currency or sign_currency([p[1] for p in parsed], lang) or "USD"
    if not piped and not row_cols:
        cols = _sublabels(cols, notes)
        parsed = [(s, r, label, cells, cols) for s, r, label, cells, _ in parsed]
    fixed = not piped and not row_cols and aligned(cols, [p[:4] for p in parsed])
    numbers = number_lang(values, lang)
    fiscal_row = "FY" in row and not row_cols
    found = False
    for s, r, label, cells, own in parsed:
        clean = label.strip(" .") or None if label else None
        total_row = is_total(clean, lang)
        for col, cell in place(own, cells, s, fixed):
            if cell is None:
                continue
            try:
                value = parse_number(cell[2], numbers)
            except ParseError:
                continue
            if not value:
                continue  # a zero cell: no money
            found = True
            out.append(TableCell(cell[2], cell[0], cell[1], value * factor, col.year, col.year_end,
                                 "FY" in col.label or fiscal_row, clean, col.label, title, title_start, r.strip(),
                                 currency, total_row or col.year_end is not None and is_total(col.label, lang),
                                 measure_of(col.label, lang) or measure_of(clean, lang), s))
    return found
