"""The places a table's rows and columns name: a country per row or column, an account row over place rows."""

from __future__ import annotations

from .context import Document
from .places import Place, find_places
from .table_layout import YEAR
from .tables import TableCell

__all__ = ["row_place", "column_place", "sub_rows"]


def row_place(doc: Document, label: str | None) -> Place | None:
    """The country or region a row label names when the label is (nearly) only that name, or
    starts with it and the name is a third of it or more (``Colombia (INCLE)``, not ``Peru-Ecuador
    Border Region Development``)."""
    if not label:
        return None
    text = label.strip()
    places = find_places(text, doc.lang)
    if not places:
        return None
    first = places[0]
    whole = len(first.text) >= len(text) - 2
    return first if whole or first.start == 0 and 3 * len(first.text) >= len(text) else None


def sub_rows(doc: Document, cells: list[TableCell]) -> dict[int, list[Place]]:
    """An account row followed by rows that each name a place (``Economic Support Fund`` over
    ``Mexico`` and ``Central America``) is for the places of those rows that have a figure in
    the same column: ``{index of an account row's cell: [places]}``."""
    rows: list[tuple[int, int, str | None, list[int]]] = []  # (table, row start, label, cell indexes)
    for k, c in enumerate(cells):
        if rows and rows[-1][0] == c.title_start and rows[-1][1] == c.row_start:
            rows[-1][3].append(k)
        else:
            rows.append((c.title_start, c.row_start, c.row, [k]))
    places = [row_place(doc, r[2]) for r in rows]
    out: dict[int, list[Place]] = {}
    for n, (table, _, label, ks) in enumerate(rows):
        if places[n] is not None or cells[ks[0]].total:
            continue
        below = []
        for m in range(n + 1, len(rows)):
            if rows[m][0] != table or places[m] is None:
                break
            below.append(m)
        if not below:
            continue
        for k in ks:
            col = (cells[k].year, cells[k].year_end, cells[k].column)
            group = [places[m] for m in below
                     if any((cells[x].year, cells[x].year_end, cells[x].column) == col for x in rows[m][3])]
            if group:
                out[k] = group
    return out


def column_place(doc: Document, column: str | None) -> Place | None:
    """The country or region a column label names besides its year (``2015 Chad``)."""
    if not column:
        return None
    return row_place(doc, YEAR.sub("", column).strip())
