"""Plain-text tables: a program x year grid of bare numbers under a header of years, cell by cell."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..errors import ParseError
from .numbers import parse_number

__all__ = ["TableCell", "find_table_cells"]


@dataclass(frozen=True)
class TableCell:
    """One number in a plain-text table, with what its row and column say about it.

    ``amount`` has the table's unit applied (``($000)`` multiplies by 1,000). ``title`` is
    the text above the table (where the recipient is named); ``row`` the cell's row label;
    ``column`` its column header; ``line`` the row as written (the cell's provenance).
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


_YEAR = re.compile(r"(?<![\d,.$])(?:FY\s?)?((?:19[4-9]|20[0-4])\d)(?![\d,%])")
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w,]|\.\d)")
_BLANK = re.compile(r"(?<!\w)(?:-|–|—|n/a|N/A|NA)(?!\w)")
_UNITS = [
    (3, re.compile(r"\(\s*(?:US)?\$\s*000s?\s*\)|\(\s*\$\s*thousands?\s*\)|thousands of (?:current |constant )?(?:US |U\.S\. )?dollars"
                   r"|\(\s*in thousands\s*\)|miles de dólares|\(\s*000s?\s*\)", re.I)),
    (6, re.compile(r"\(\s*(?:US)?\$\s*(?:in\s+)?millions?\s*\)|millions of (?:current |constant )?(?:US |U\.S\. )?dollars|\(\s*in millions"
                   r"|\(\s*US\$\s*m(?:illion)?s?\s*\)|millones de dólares|\(\s*\$\s*m\s*\)", re.I)),
    (9, re.compile(r"billions of (?:US |U\.S\. )?dollars|\(\s*(?:US)?\$\s*(?:in\s+)?billions?\s*\)", re.I)),
]
_SPAN = re.compile(r"\d{4}\s?[-–—]\s?\d{2,4}")
_ABBREV_DOT = re.compile(r"\b(?:U\.S|FY)\.")
#: Notes on a year column that end in a dot without making the header a sentence: ``FY2011 (req.)``, ``Est.``
_COLUMN_NOTE = re.compile(r"\([^()\d]{0,15}\)|\b(?:req|est|act|approp|enac|supp|estim|actual)\.", re.I)
_LETTERS = re.compile(r"[^\W\d_]+")
_TOKEN = re.compile(r"\S+")
_TOTAL = re.compile(r"\btotal\b", re.I)
_SIGN = re.compile(r"(?:US|U\.S\.)?\$")
_GRID_RULE = re.compile(r"\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*")


def _unit(text: str) -> int:
    for exponent, pattern in _UNITS:
        if pattern.search(text):
            return exponent
    return 0


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _rows(text: str) -> list[tuple[int, int, str]]:
    """Logical rows: ordinary lines, with runs of very short lines (PDF cell-per-line copies)
    joined into one row whose cells are separated by ``|``."""
    rows: list[tuple[int, int, str]] = []
    run: list[tuple[int, str]] = []

    def flush() -> None:
        if len(run) >= 4:
            rows.append((run[0][0], run[-1][0] + len(run[-1][1]), " ".join(s.strip() for _, s in run)))
        else:
            rows.extend((p, p + len(s), s) for p, s in run)
        run.clear()

    for pos, line in _lines(text):
        if 0 < len(line.strip()) <= 24 and len(line.split()) <= 2 and (_YEAR.search(line) or _NUMBER.search(line) or line.strip() in
                                            ("|", "FY") or len(run) and len(line.strip()) <= 12):
            run.append((pos, line))
        else:
            flush()
            rows.append((pos, pos + len(line), line))
    flush()
    return rows


def _header(row: str) -> list[tuple[str, int, int | None]] | None:
    """Columns of a header row as (label, year, year_end), or None when the row is not one."""
    if row.count("19") + row.count("20") < 2 or len(_YEAR.findall(row)) < 2 or _SPAN.search(row):
        return None  # a span such as 2006-2011 names a period, not columns
    if "." in _ABBREV_DOT.sub("", _COLUMN_NOTE.sub("", row)).rstrip("."):
        return None  # a sentence, not a header
    parts = [p for p in row.split("|")] if "|" in row else None
    years = [int(m.group(1)) for m in _YEAR.finditer(row)]
    if len(years) < 2 or years != sorted(years) or len(set(years)) != len(years):
        return None
    words = _LETTERS.findall(row)
    if len(words) > 3 * len(years) + 4 or _NUMBER.sub("", _YEAR.sub("", row)).count(",") > 1:
        return None
    if parts is not None:
        cols = [(p.strip(), int(y.group(1)), None) for p in parts if (y := _YEAR.search(p))]
        return cols if len(cols) >= 2 else None
    found = list(_YEAR.finditer(row))
    tail = row[found[-1].end():]
    total = _TOTAL.search(tail) is not None
    # a column's label runs to the next year: "FY2011 (req.)" says what the column holds
    ends = [m.start() for m in found[1:]] + [found[-1].end() if total else len(row)]
    cols = [(row[m.start():e].strip(), int(m.group(1)), None) for m, e in zip(found, ends)]
    if total:
        cols.append((tail.strip(), years[0], years[-1]))
    return cols


def _cells(row: str, offset: int, piped: bool, ncols: int) -> tuple[str | None, list[tuple[int, int, str] | None]]:
    """The row label and its cells as (start, end, text), ``None`` for a blank cell."""
    cells: list[tuple[int, int, str] | None] = []
    if piped:
        pos = 0
        for part in row.split("|"):
            m = _NUMBER.search(part)
            if m and not _YEAR.search(part):
                cells.append((offset + pos + m.start(1), offset + pos + m.end(1), m.group(1)))
            elif _BLANK.fullmatch(part.strip()):
                cells.append(None)
            pos += len(part) + 1
        return None, cells
    tokens = list(_TOKEN.finditer(row))
    k = len(tokens)
    while k > 0 and len(cells) < ncols:
        tok = tokens[k - 1].group()
        sign = _SIGN.match(tok)
        if _NUMBER.fullmatch(tok, sign.end() if sign else 0):  # "$3,000,000": the sign is not the number
            cut = sign.end() if sign else 0
            cells.append((offset + tokens[k - 1].start() + cut, offset + tokens[k - 1].end(), tok[cut:]))
        elif _BLANK.fullmatch(tok):
            cells.append(None)
        else:
            break
        k -= 1
    cells.reverse()
    label = row[:tokens[k - 1].end()].strip(" :.\t") if k else ""
    return label or None, cells


def find_table_cells(text: str, lang: str = "en") -> list[TableCell]:
    """Find the cells of program x year tables written as plain text.

    A header row names two or more years in order (``Aid Program 2006 2007 ... Program
    Total``, or ``FY 2000 Actual | FY 2001 Estimated``); each following row with one
    number per column gives one cell per column. A ``Total`` column spans the years.
    Units come from headers such as ``($000)`` or ``(millions of dollars)``.

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
    rows = _rows(text)
    prev_end = 0
    i = 0
    while i < len(rows):
        start, end, row = rows[i]
        cols = _header(row)
        if not cols:
            i += 1
            continue
        title_start = max(prev_end, start - 400)
        title = text[title_start:start]
        exponent = _unit(title + " " + row)
        scale = Decimal(10) ** exponent
        piped = "|" in row
        j = i + 1
        grid = piped and j < len(rows) and "|" in rows[j][2]  # a grid with a row per line (Markdown)
        data = [(start, row)] if piped and not grid else []  # else the header holds the cells (PDF copy)
        while grid and j < len(rows) and "|" in rows[j][2]:
            if not _GRID_RULE.fullmatch(rows[j][2].strip()):
                data.append((rows[j][0], rows[j][2]))
            j += 1
        while not piped and j < len(rows):
            s, _, r = rows[j]
            if not r.strip():
                if data:
                    break
                j += 1
                continue
            if _header(r):
                break
            data.append((s, r))
            j += 1
        found = False
        for s, r in data:
            label, cells = _cells(r, s, piped, len(cols))
            if grid:
                label = next((c.strip() for c in r.split("|") if _LETTERS.search(c) and not _NUMBER.search(c)), None)
            if len(cells) not in (len(cols), len([c for c in cols if c[2] is None])) or not any(cells):
                if not piped and found:
                    break
                continue
            for (label_col, year, year_end), cell in zip(cols, cells):
                if cell is None:
                    continue
                try:
                    value = parse_number(cell[2], "en")
                except ParseError:
                    continue
                found = True
                out.append(TableCell(cell[2], cell[0], cell[1], value * scale, year, year_end,
                                     "FY" in label_col or "FY" in row, label, label_col, title,
                                     title_start, r.strip()))
        if found:
            prev_end = rows[j - 1][1] if j - 1 < len(rows) else end
        i = max(j, i + 1)
    return out
