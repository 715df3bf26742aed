"""The first pass of tables: a cheap test whose failure proves the table reader finds no cell."""

from __future__ import annotations

import re

from .table_layout import _BLANK, _SIGN_TOKEN

__all__ = ["may_hold_table"]


#: The end of a line that may hold a table cell: a number (perhaps after a sign, footnoted or with
#: OCR's ``O`` for zeros) as the line's last word, or before blanks and signs only (``45.2 -``,
#: ``1.500 €``); a cell is a word of its own (``2006-2011`` and ``FY2008`` are not cells).
_CELL_END = re.compile(r"\d(?<![^\s$€£]\d)[\d,.Oo]*+(?<=[\dOo])(?:[a-e]|\*++|†|‡)?[€£]?"
                       r"((?:[^\S\n]++(?:" + _BLANK.pattern + "|" + _SIGN_TOKEN.pattern + r")(?!\S))*+)[^\S\n]*+$",
                       re.M)
#: :data:`_CELL_END` read backwards, loosely (a blank or sign as a run of their characters), in the
#: text reversed after a newline: every line end where it matches starts a match of this, which a
#: search finds by the newline it starts with (5x faster than trying :data:`_CELL_END` at every digit).
#: Every character of a blank or a sign after a cell is a digit or one written in their patterns
#: (which name more: ``\w`` of a look-around, ``?``): a change to either keeps the loose test loose.
_TOKEN_CHARS = re.escape("".join(sorted({c for c in _BLANK.pattern + _SIGN_TOKEN.pattern if not c.isspace()})))
_CELL_END_REVERSED = re.compile(r"\n[^\S\n]*+(?:[\d" + _TOKEN_CHARS + r"]+[^\S\n]+)*[€£]?(?:[a-e]|\*+|†|‡)?"
                                r"(?:[\dOo][\d,.Oo]*)?\d(?![^\s$€£])")
#: What ends a row label that no table reads (a date's ``April 26,``; a year row's label is
#: the year alone, and the others' labels must not end so: table_layout.is_label).
_NO_LABEL = re.compile(r",[^\S\n]*\Z")


def may_hold_table(text: str) -> bool:
    """False only when :func:`~aidfigures.parse.tables.find_table_cells` finds no cell in ``text``.

    A cell is read from the right end of its line (the numbers there, past blanks and signs), or
    from a cell between pipes; a number alone after a label ending in a comma (``April 26,
    2010``) is no row's cell.

    Examples
    --------
    >>> may_hold_table("Aid rose in 2006.\\nIt fell in 2007."), may_hold_table("Health  2006  45.2\\n")
    (False, True)
    """
    if "|" in text:
        return True
    if _CELL_END_REVERSED.search("\n" + text[::-1]) is None:
        return False  # (no line ends so: the forward search below tries the pattern at every digit)
    for m in _CELL_END.finditer(text):
        if m.group(1):
            return True  # blanks or signs after the number: read past them
        start = m.start()
        while start > 0 and not text[start - 1].isspace():  # back to the start of the cell's word
            start -= 1
        if not _NO_LABEL.search(text, text.rfind("\n", 0, start) + 1, start):
            return True  # (a label ending so is no row's, wherever the reader looks)
    return False
