"""The blocks of a plain-text table: its data rows under a header, their columns, unit and number format."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import cast

from .cues import find_cues
from .table_layout import Column, cells_of, fields, header, is_label, is_rule, spanning_header, year_label
from .table_words import money_named, unit_of

__all__ = ["TITLE", "aligned", "place", "collect", "grid", "year_rows", "year_columns", "stacked", "flattened",
           "number_lang", "scale", "is_money"]

_GRID_RULE = re.compile(r"\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*")
_LOWER = re.compile(r"[a-z]")
#: Lines that may interrupt a table's rows: a page break in a cable (``CONFIDENTIAL``, ``PAGE 03 ...``)
_MAX_GAP = 3
#: Lines between a header and its first row (a second header line, a unit note)
_MAX_NOTES = 6
#: Characters above a header read as the table's title
TITLE = 400
_YEAR_START = re.compile(r"\s*(?:FY\s?[-'’]?\s?(?:\d{4}|\d{2})|(?:19|20)\d\d)(?!\d)")


def aligned(cols: list[Column], data: list[tuple[int, str, str | None, list]]) -> bool:
    """True when the full rows' cells sit under their header labels (a fixed-width table), so
    a short row's cells can be placed by position."""
    full = [(s, cells) for s, _, _, cells in data if len(cells) == len(cols)]
    if not full or any(c.start < 0 for c in cols):
        return False
    return all(cell is None or _under(col, cell[0] - s, cell[1] - s)
               for s, cells in full for col, cell in zip(cols, cells, strict=True))


def _under(col: Column, a: int, b: int) -> bool:
    return a < col.end + 2 and b > col.start - 2


def place(cols: list[Column], cells: list, s: int, aligned: bool) -> list[tuple[Column, tuple[int, int, str] | None]]:
    """Each cell with its column: all columns for a full row; for a short row by position when
    the table is aligned, else from the left (sub-rows under the first column)."""
    if len(cells) == len(cols) or not aligned:
        return list(zip(cols, cells, strict=False))  # a short row unaligned: from the left
    out: list[tuple[Column, tuple[int, int, str] | None]] = []
    for cell in cells:
        col = next((c for c in cols if cell is not None and _under(c, cell[0] - s, cell[1] - s)), None)
        if col is None or any(col is c for c, _ in out):
            return list(zip(cols, cells, strict=False))
        out.append((col, cell))
    return out


def collect(rows: list[tuple[int, int, str]], i: int, ncols: int) -> tuple[list[str], list, int]:
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
            words = len(label.split()) if label else 0
            short = len(cells) < ncols or ncols < 2
            # the last test: more cells than columns
            if cells and any(cells) and is_label(label) and not (short and words > 6) \
                    and not (len(cells) == ncols and label and cells_of(label, 0, False, 1)[1]):
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


def grid(rows: list[tuple[int, int, str]], i: int) -> tuple[list, int]:
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


#: Cells that can only be read one way: Spanish ``1.234.567``, ``12,5``, ``1.234,5``;
#: English ``1,234,567``, ``12.5``, ``1,234.5``
_SPANISH_CELL = re.compile(r"\d{1,3}(?:\.\d{3}){2,}|\d+,\d{1,2}|\d{1,3}(?:\.\d{3})+,\d+")
_ENGLISH_CELL = re.compile(r"\d{1,3}(?:,\d{3}){2,}|\d+\.\d{1,2}|\d{1,3}(?:,\d{3})+\.\d+")


_GROUPED = re.compile(r"\d{1,3}(?:[.,]\d{3})*")


def number_lang(cells: list[str], lang: str) -> str:
    """The language whose separators a table's cells follow: a table writes all its numbers
    alike, so a cell that can only be read one way decides for ``1.500`` in the others.

    Examples
    --------
    >>> number_lang(["1.500", "450,5"], "en"), number_lang(["1.500", "12.5"], "es"), number_lang(["1.500"], "es")
    ('es', 'en', 'es')
    >>> number_lang(["45,000", "2.500"], "en"), number_lang(["2.500"], "en")
    ('es', 'en')
    """
    if any(_SPANISH_CELL.fullmatch(c) for c in cells):
        return "es"
    if any(_ENGLISH_CELL.fullmatch(c) for c in cells):
        return "en"
    if any("," in c for c in cells) and all(_GROUPED.fullmatch(c) for c in cells):
        return "es"  # no decimals anywhere: "2.500" beside "45,000" is a thousands group misread (OCR)
    return lang


def scale(zone: list[str], cells: list[str], lang: str) -> tuple[Decimal, str | None, bool]:
    """The factor and currency (None when not stated) of a table's cells from its title,
    header, notes and labels, and whether a unit was stated.

    With no unit stated, a table written all in capitals (a cable) with whole numbers under a
    million is in thousands of dollars, the way US government telegrams wrote such tables.

    Examples
    --------
    >>> scale(["Program 2010 2011", "Aid to Chad (US$ millions)"], ["12.5"], "en")
    (Decimal('1000000'), 'USD', True)
    >>> scale(["FY 1977", "BOLIVIA", "MAP LEVELS"], ["2,305", "600"], "en")
    (Decimal('1000'), 'USD', False)
    """
    for part in zone:
        unit = unit_of(part, lang)
        if unit:
            return Decimal(10) ** unit[0], unit[1], True
    if not any(_LOWER.search(part) for part in zone[:-1]) \
            and all("." not in c and len(c.replace(",", "")) <= 6 for c in cells) and any("," in c for c in cells):
        return Decimal(1000), "USD", False
    return Decimal(1), None, False


def is_money(zone: str, lines: list[str], lang: str) -> bool:
    """Whether a table with no stated unit holds money: its heading, header or notes name a
    currency or a cue of aid, funding, budgets or prices (``cues.csv``; a category such as
    ``police`` is not one: "Police officers trained"), or its cells are signed,
    and no parenthesis names another unit (``(hectares)``, ``(%)``).

    Examples
    --------
    >>> is_money("Grant aid to Chad", [], "en"), is_money("Police officers trained", [], "en")
    (True, False)
    >>> is_money("Coca crops (hectares)", ["North $5"], "en")
    False
    """
    named = money_named(zone, lang)
    if named is not None:
        return named
    return any(ch in line for line in lines for ch in "$€£") \
        or any(cu.field != "category" for cu in find_cues(zone, lang))


def year_rows(rows: list[tuple[int, int, str]], i: int) -> tuple[int | None, list, int] | None:
    """A table whose rows are years (``2008   45.2   30.1``) starting at ``rows[i]``: the index
    of its header line (or None), its data rows as (start, row, year column, cells), and the
    index after its last row; None unless two or more rows in order are labelled by a year."""
    if not _YEAR_START.match(rows[i][2]):
        return None
    data: list[tuple[int, str, Column, list]] = []
    j = i
    while j < len(rows):
        s, _, r = rows[j]
        if data and is_rule(r.strip()):
            j += 1
            continue
        label, cells = cells_of(r, s, False, 12)
        if label is None and cells and cells[0] and year_label(cells[0][2]):  # "2008  45.2": the year is the label
            label, cells = cells[0][2], cells[1:]
        year = year_label(label)
        if year is None or not cells or not any(cells):
            break
        data.append((s, r, year, cells))
        j += 1
    years = cast("list[int]", [d[2].year for d in data])  # year_label gives a year
    if len(years) < 2 or len(set(years)) != len(years) or years not in (sorted(years), sorted(years, reverse=True)):
        return None
    k = i - 1
    while k >= 0 and k >= i - 3 and is_rule(rows[k][2].strip()) and rows[k][2].strip():
        k -= 1
    head = k if k >= 0 and rows[k][2].strip() and not header(rows[k][2]) \
        and not any(ch.isdigit() for ch in re.sub(r"\([^()]*\)", "", rows[k][2])) else None
    return head, data, j


def year_columns(head: str | None, ncols: int, year: Column) -> list[Column]:
    """The columns of one year row: the header's fields after the first (``Year``) when they
    are as many as the cells, else the whole header over every cell."""
    names = fields(head) if head else []
    if len(names) == ncols + 1:
        names = names[1:]
    if len(names) != ncols:
        names = [head.strip() if head else ""] * ncols
    return [Column(f"{year.label} {n}".strip(), year.year, year.year_end) for n in names]


def _lone_cell(row: tuple[int, int, str]) -> tuple[int, int, str] | None:
    label, cells = cells_of(row[2], row[0], False, 1)
    return cells[0] if label is None and cells and cells[0] else None


def stacked(rows: list[tuple[int, int, str]], i: int) -> tuple[list[Column], list[str], list, int] | None:
    """A table copied one cell per line: two or more lines each naming one year (``FY 2000
    Actual``), up to three note lines, then as many lines each holding one number. Returns
    the columns, the notes, the cells and the index after them, or None."""
    heads: list[Column] = []
    j = i
    while j < len(rows) and (col := spanning_header(rows[j][2])):
        heads.append(col[0])
        j += 1
    years = cast("list[int]", [c.year for c in heads])  # spanning_header gives a year
    if len(heads) < 2 or len(set(years)) != len(years) or years not in (sorted(years), sorted(years, reverse=True)):
        return None
    notes: list[str] = []
    while j < len(rows) and len(notes) <= 3 and _lone_cell(rows[j]) is None:
        notes.append(rows[j][2])
        j += 1
    cells: list[tuple[int, int, str]] = []
    while j < len(rows) and len(cells) < len(heads) and (cell := _lone_cell(rows[j])):
        cells.append(cell)
        j += 1
    return (heads, notes, cells, j) if len(cells) == len(heads) else None


def flattened(text: str, start: int, end: int) -> tuple[list[Column], list, list[str]] | None:
    """A grid copied one cell per line, row after row (``Program`` ``FY2009`` ``FY2010`` ``INCLE``
    ``3,000`` ``4,500`` ``FMF`` ``500`` ``-``): the columns (a line naming no year after a year
    line adds to its label: ``Actual``), the data rows as (start, row, label, cells) and the
    lines before the first year; None unless a row of cells follows the header."""
    lines, pos = [], start
    for line in text[start:end].split("\n"):
        lines.append((pos, pos + len(line), line))
        pos += len(line) + 1
    cols: list[Column] = []
    before: list[str] = []
    k = 0
    while k < len(lines) and _lone_cell(lines[k]) is None and not _BLANK_LINE.fullmatch(lines[k][2]):
        year = year_label(lines[k][2])
        if year:
            cols.append(Column(lines[k][2].strip(), year.year, year.year_end))
        elif cols:
            if len(cols) >= 2 and year_label(lines[k][2]) is None and k + 1 < len(lines) and _is_cell(lines[k + 1]):
                break  # a row label: the header is over
            cols[-1] = cols[-1]._replace(label=f"{cols[-1].label} {lines[k][2].strip()}")
        else:
            before.append(lines[k][2])
        k += 1
    years = [c.year for c in cols]
    if len(cols) < 2 or len(set(years)) != len(years):
        return None
    data = []
    while k < len(lines):
        label = []
        while k < len(lines) and not _is_cell(lines[k]):
            label.append(lines[k][2].strip())
            k += 1
        cells = [_lone_cell(lines[k + n]) for n in range(len(cols)) if k + n < len(lines)]
        if len(cells) < len(cols) or not all(_is_cell(lines[k + n]) for n in range(len(cols))) or not any(cells):
            break
        words = " ".join(label).split() + [lines[k + n][2].strip() for n in range(len(cols))]
        data.append((lines[k][0], " ".join(words), " ".join(label) or None, cells))
        k += len(cols)
    return (cols, data, before) if data else None


_BLANK_LINE = re.compile(r"\s*(?:-+|–|—|n/a|N/A|NA)\s*")


def _is_cell(line: tuple[int, int, str]) -> bool:
    return _lone_cell(line) is not None or _BLANK_LINE.fullmatch(line[2]) is not None
