"""The layout of plain-text tables: logical rows, header rows of years, and the number cells of a row."""

from __future__ import annotations

import re
from typing import NamedTuple, cast

from .table_words import total_word
from .years import expand_year

__all__ = ["Column", "YEAR", "NUMBER", "rows_of", "header", "spanning_header", "year_label", "fields", "cells_of",
           "columns_of", "is_rule", "is_label"]


class Column(NamedTuple):
    """A column of a table: its header label, its year (or span, or None), and where the label is in its row."""

    label: str
    year: int | None
    year_end: int | None
    start: int = -1
    end: int = -1


#: A year as a column header writes it: ``2008``, ``FY2008``, ``FY 2008``, ``FY-2008``, ``FY'03``, ``FY 77``.
YEAR = re.compile(r"(?<![\w,.$'’])(?:FY\s?[-'’]?\s?(\d{4}|\d{2})|((?:19[4-9]|20[0-4])\d))(?![\d,%])")
#: A cell: ``1,234.5``, ``407.75``, and the Spanish ``1.234,5`` and ``12,5`` (read by the document's language).
NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)"
                    r"(?![\w,]|[.,]\d)")
#: A blank cell: a dash, n/a, dots, or a negative amount in parentheses (a rescission is no aid)
_BLANK = re.compile(r"(?<!\w)(?:-+|–|—|n/a|N/A|NA|\.\.?|\(\d[\d,.]*\))(?!\w)")
#: A footnote mark glued to a cell: ``92.0a``, ``1,200*``, ``45†``
_MARK = re.compile(r"(?<=\d)(?:[a-e]|\*+|†|‡)$")
_OCR_ZERO = re.compile(r"\d[\d,.Oo]*[Oo][\d,.Oo]*")
#: ``2006-2011``, ``FY'03 - FY'08``, ``2010-11``: one period, not two columns.
_SPAN_GAP = re.compile(r"\s?[-–—/]\s?")
_SPAN_TAIL = re.compile(r"[-–—/](\d{2})(?![\d,%])")
_ABBREV_DOT = re.compile(r"\b(?:U\.S|FY)\.")
#: Notes on a year column that end in a dot without making the header a sentence: ``FY2011 (req.)``, ``Est.``
_COLUMN_NOTE = re.compile(r"\([^()\d]{0,15}\)|\b(?:req|est|act|approp|enac|supp|estim|actual)\.", re.I)
_LETTERS = re.compile(r"[^\W\d_]+")
_TOKEN = re.compile(r"\S+")
_SIGN = re.compile(r"(?:US|U\.S\.)?\$|€|£")
_SIGN_TOKEN = re.compile(r"(?:US|U\.S\.)?\$|€|£|USD|EUR")
_RULE = re.compile(r"[-_=+|:.\s]*[-_=]{3,}[-_=+|:.\s]*")
#: A row label that ends in dot leaders (``Mexico........ 4``) is a table of contents, its numbers pages.
_LEADERS = re.compile(r"(?:\.\s?){3,}$")
_SENTENCE = re.compile(r"[a-z]{2}[.;!?]\s+\S|[a-z]{2}\.$")


def _value(m: re.Match[str]) -> int | None:
    digits = m.group(1) or m.group(2)
    year = expand_year(digits)
    return year if 1940 <= year < 2050 else None


def _short(line: str) -> bool:
    """A line of a PDF copy that put one cell per line: one word, or a year (``FY 2008``, ``Resources FY 2000``)."""
    if len(line) > 40 or not 0 < len(line.strip()) <= 24:
        return False
    words = line.split()
    return len(words) == 1 or len(words) <= 3 and any(m.end() == len(line.rstrip()) for m in YEAR.finditer(line))


def rows_of(text: str) -> list[tuple[int, int, str]]:
    """Logical rows as (start, end, text): ordinary lines, with runs of very short lines (PDF
    cell-per-line copies) joined into one row whose cells are separated by ``|``."""
    rows: list[tuple[int, int, str]] = []
    run: list[tuple[int, str]] = []

    def flush() -> None:
        if len(run) >= 4 and _has_year(run):  # a header copied a cell per line names its years
            rows.append((run[0][0], run[-1][0] + len(run[-1][1]), " ".join(s.strip() for _, s in run)))
        else:
            rows.extend((p, p + len(s), s) for p, s in run)
        run.clear()

    pos = 0
    for line in text.split("\n"):
        if _short(line) and (YEAR.search(line) or NUMBER.search(line) or line.strip() in ("|", "FY")
                             or run and len(line.strip()) <= 12):
            run.append((pos, line))
        else:
            if run:
                flush()
            rows.append((pos, pos + len(line), line))
        pos += len(line) + 1
    flush()
    return rows


def _has_year(run: list[tuple[int, str]]) -> bool:
    return any(YEAR.search(line) for _, line in run)


def columns_of(row: str) -> list[Column]:
    """The years and spans of a row, in order, a span (``2006-2011``) as one column."""
    found = [(m, _value(m)) for m in YEAR.finditer(row)]
    out: list[Column] = []
    k = 0
    while k < len(found):
        m, year = found[k]
        if year is None:
            k += 1
            continue
        end, year_end = m.end(), None
        nxt = found[k + 1] if k + 1 < len(found) else None
        tail = _SPAN_TAIL.match(row, m.end())
        if nxt and nxt[1] and _SPAN_GAP.fullmatch(row, m.end(), nxt[0].start()):
            end, year_end = nxt[0].end(), nxt[1]
            k += 1
        elif tail and (m.group(2) or len(m.group(1)) == 4):
            end, year_end = tail.end(), expand_year(str(year)[:2] + tail.group(1))
        out.append(Column(row[m.start():end], year, year_end, m.start(), end))
        k += 1
    return out


def header(row: str) -> list[Column] | None:
    """Columns of a header row naming two or more years in order, or None when the row is not one.

    Examples
    --------
    >>> [(c.label, c.year, c.year_end) for c in header("Program FY2010 FY2011 (req.) Total")]
    [('FY2010', 2010, None), ('FY2011 (req.)', 2011, None), ('Total', 2010, 2011)]
    >>> header("Aid rose in 2010. It fell in 2011.") is None
    True
    """
    if "FY" not in row and row.count("19") + row.count("20") < 2:
        return None
    found = columns_of(row)
    if len(found) < 2:
        return None
    if "." in _ABBREV_DOT.sub("", _COLUMN_NOTE.sub("", row.lstrip(" .\t"))).rstrip("."):
        return None  # a sentence, not a header
    years = cast("list[int]", [c.year for c in found])  # columns_of gives each column a year
    if len(set(years)) != len(years) or years not in (sorted(years), sorted(years, reverse=True)):
        return None
    words = _LETTERS.findall(row)
    if len(words) > 3 * len(years) + 4 or NUMBER.sub("", YEAR.sub("", row)).count(",") > 1:
        return None
    if "|" in row:
        cols, pos = [], 0
        for part in row.split("|"):
            got = columns_of(part)
            if got:
                cols.append(Column(part.strip(), got[0].year, got[0].year_end))
            pos += len(part) + 1
        return cols if len(cols) >= 2 else None
    tail = row[found[-1].end:]
    total = total_word(tail)
    # a column's label runs to the next year: "FY2011 (req.)" says what the column holds
    cut = found[-1].end + total.start() if total else len(row)
    ends = [c.start for c in found[1:]] + [cut]
    cols = [Column(row[c.start:e].strip(), c.year, c.year_end, c.start,
                   max(c.end, c.start + len(row[c.start:e].rstrip())))
            for c, e in zip(found, ends, strict=True)]
    if total:
        lo, hi = min(years), max(years)
        cols.append(Column(row[cut:].strip(), lo, hi, cut, len(row)))
    return cols


def year_label(label: str | None) -> Column | None:
    """The year (or span) a row label is, when the label is only that (``2008``, ``FY 2009``, ``2010-11``).

    Examples
    --------
    >>> year_label("FY 2009").year, year_label("2010-11")[1:3], year_label("Health 2009")
    (2009, (2010, 2011), None)
    """
    if not label:
        return None
    text = label.strip(" :.\t")
    found = columns_of(text)
    return found[0] if len(found) == 1 and found[0].start == 0 and found[0].end == len(text) else None


def fields(line: str) -> list[str]:
    """The fields of a header line: split at ``|``, tabs or runs of two or more spaces.

    Examples
    --------
    >>> fields("Account    Chad   Niger"), fields("| Sector | 2019 |")
    (['Account', 'Chad', 'Niger'], ['Sector', '2019'])
    """
    return [f.strip() for f in re.split(r"\||\t|\s{2,}", line.strip().strip("|")) if f.strip()]


def spanning_header(row: str) -> list[Column] | None:
    """A short heading naming one year over every column (``FY 1977``), or None.

    Examples
    --------
    >>> spanning_header(".......... FY 1977")[0].year, spanning_header("THE FY 1977 CPD.")
    (1977, None)
    """
    text = row.strip(" .\t")
    if not text or len(text) > 40 or row.rstrip().endswith(".") or "|" in text:
        return None
    found = columns_of(text)
    if len(found) != 1 or len(_LETTERS.findall(text)) > 6 or NUMBER.search(YEAR.sub("", text)):
        return None
    return [Column(text, found[0].year, found[0].year_end)]


def is_rule(line: str) -> bool:
    """True for a line that only draws a rule (``----- -----``, ``|---|---|``, ``______``).

    Examples
    --------
    >>> is_rule("----- -----"), is_rule("|---|---|"), is_rule("Health 5")
    (True, True, False)
    """
    return _RULE.fullmatch(line) is not None


def is_label(label: str | None) -> bool:
    """True when a row label can head a row of cells: not prose, a date or a table of contents.

    Examples
    --------
    >>> is_label("Foreign Military Financing"), is_label("Mexico........"), is_label("Updated January 31,")
    (True, False, False)
    """
    if not label:
        return True
    if label.rstrip().endswith(","):
        return False  # a number after a comma ends a date or a list ("January 31, 2004"), not a row
    return _LEADERS.search(label) is None and _SENTENCE.search(label) is None and len(label.split()) <= 12


def cells_of(row: str, offset: int, piped: bool, ncols: int) -> tuple[str | None, list[tuple[int, int, str] | None]]:
    """The row label and its cells as (start, end, text) read from the right, ``None`` for a blank cell.

    A number with a leading zero (``036160``, ``03``) is an identifier or a page, not a cell.

    Examples
    --------
    >>> cells_of("INCLE  36.8  -  $40,500", 0, False, 3)
    ('INCLE', [(7, 11, '36.8'), None, (17, 23, '40,500')])
    >>> cells_of("PAGE 03 STATE 036160", 0, False, 3)
    ('PAGE 03 STATE 036160', [])
    """
    cells: list[tuple[int, int, str] | None] = []
    if piped:
        pos = 0
        for part in row.split("|"):
            m = NUMBER.search(part)
            if m and not YEAR.search(part) and not _lead_zero(m.group(1)):
                cells.append((offset + pos + m.start(1), offset + pos + m.end(1), m.group(1)))
            elif _BLANK.fullmatch(part.strip()):
                cells.append(None)
            pos += len(part) + 1
        return None, cells
    cut = max(0, len(row) - 24 * (ncols + 1))  # only the tail of a long (prose) line can hold cells
    tokens = _tokens(row, cut)
    if cut and len(tokens) <= ncols:
        tokens = _tokens(row)
    k = len(tokens)
    while k > 0 and len(cells) < ncols:
        a, b, tok = tokens[k - 1]
        if len(tok) > 1 and tok[-1] in "€£":  # "1.200€": a sign after the number
            b, tok = b - 1, tok[:-1]
        mark = _MARK.search(tok)
        if mark and NUMBER.fullmatch(tok, 0, mark.start()):  # "92.0a", "1,200*": a footnote mark
            b, tok = b - len(mark.group()), tok[:mark.start()]
        sign = _SIGN.match(tok)
        cut = sign.end() if sign else 0
        if _OCR_ZERO.fullmatch(tok, cut):  # "45,OOO": OCR read zeros as the letter O
            tok = tok[:cut] + tok[cut:].replace("O", "0").replace("o", "0")
        if tok and NUMBER.fullmatch(tok, cut) and not _lead_zero(tok[cut:]):  # "$3,000,000": the sign is not the number
            cells.append((offset + a + cut, offset + b, tok[cut:]))
        elif _SIGN_TOKEN.fullmatch(tok) and (cells and cells[-1] is not None
                                             or k > 1 and NUMBER.fullmatch(tokens[k - 2][2])):
            # "US$ 1.200", "1.500 €": the sign of the cell beside it
            k -= 1
            continue
        elif not tok or _BLANK.fullmatch(tok):
            cells.append(None)
        else:
            break
        k -= 1
    cells.reverse()
    label = row[:tokens[k - 1][1]].strip(" :\t") if k else ""
    return label or None, cells


def _tokens(row: str, pos: int = 0) -> list[tuple[int, int, str]]:
    """The tokens of a row as (start, end, text) from ``pos`` on: its words, or in a tab-separated
    row its fields, an empty field (two tabs) being a blank cell."""
    if "\t" not in row.strip():
        return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(row, pos)]
    out: list[tuple[int, int, str]] = []
    pos = 0
    for part in row.split("\t"):
        text = part.strip()
        lead = pos + len(part) - len(part.lstrip())
        if text or out:
            out.append((lead, lead + len(text), text))
        pos += len(part) + 1
    return out


def _lead_zero(number: str) -> bool:
    return len(number) > 1 and number[0] == "0" and number[1].isdigit()
