"""What a table cell is about: the recipient its row, column or title names, its donor, category, measure, aid or
not."""

from __future__ import annotations

from dataclasses import dataclass

from .attribution import _category
from .context import DocumentContext
from .cues import find_cues, find_programs
from .places import Place, find_places
from .spans import _in
from .table_layout import YEAR
from .table_words import is_total
from .tables import TableCell

__all__ = ["CellAttribution", "attribute_cells", "row_place", "column_place", "sub_rows"]


@dataclass(frozen=True)
class CellAttribution:
    """What a table cell is about, as the figures table has it (``currency`` resolved)."""

    recipient: str | None
    recipient_iso3: str | None
    donor: str | None
    category: str | None
    program: str | None
    measure: str | None
    is_aid: bool
    currency: str


def attribute_cells(doc: DocumentContext, cells: list[TableCell]) -> list[CellAttribution | None]:
    """Attribute each table cell; ``None`` for a cell in pesos of an unknown country.

    The recipient is the row's (or column's) country when its label names one (a country x
    year table), the places of the rows under an account row, else the last place in the
    table's title (the document's subject when there is none, except for a Total row). A
    table whose heading or row names damages, exports or sales (and no aid) is no aid. What
    a row's label and title say is read once per row.

    Examples
    --------
    >>> from aidfigures.parse.context import read_context
    >>> from aidfigures.parse.tables import find_table_cells
    >>> text = "U.S. aid to Chad ($000)\\nProgram FY2010 FY2011\\nHealth 5 6\\n"
    >>> [(a.recipient_iso3, a.is_aid) for a in attribute_cells(read_context(text), find_table_cells(text))]
    [('TCD', True), ('TCD', True)]
    """
    groups = sub_rows(doc, cells)
    rows: dict[tuple[str | None, int], tuple] = {}
    out: list[CellAttribution | None] = []
    for k, cell in enumerate(cells):
        key = (cell.row, cell.title_start)
        if key not in rows:
            heading = cell.title.rstrip().split("\n\n")[-1][-200:]
            near = find_cues(heading + " " + (cell.row or ""), doc.lang)
            rows[key] = (row_place(doc, cell.row), find_cues(cell.title + " " + (cell.row or ""), doc.lang),
                         find_programs((cell.row or "") + "\n" + cell.title, doc.lang),
                         # a table of damages, budgets or sales is no aid when its heading or row says so
                         # and nothing says aid
                         not any(cu.field == "not_aid" for cu in near) or any(cu.field == "aid" for cu in near))
        own, cues, programs, is_aid = rows[key]
        out.append(_attribute(doc, cell, own or column_place(doc, cell.column), groups.get(k), cues, programs, is_aid))
    return out


def _attribute(doc: DocumentContext, cell: TableCell, own: Place | None, group: list[Place] | None, cues, programs,
               is_aid: bool) -> CellAttribution | None:
    currency = doc.local_currency if cell.currency == "*" else cell.currency
    if currency is None:
        return None
    total_row = is_total(cell.row, doc.lang)
    name, iso3, program = None, None, None
    if own is not None:
        name, iso3 = own.name, own.iso3
    elif group:
        codes = list(dict.fromkeys(p.code for p in group))
        name = "; ".join(dict.fromkeys(p.name for p in group))
        iso3 = group[0].iso3 if len(codes) == 1 else None
        program = cell.row
    else:
        title_places = _in(doc.recipient_places, cell.title_start, cell.title_start + len(cell.title))
        place = title_places[-1] if title_places else (None if total_row else doc.subject)
        name, iso3 = (place.name, place.iso3) if place else (None, None)
        line_start = doc.text.rfind("\n", 0, title_places[-1].start) if title_places else -1
        several = [p for p in title_places if p.start > line_start]  # "Aid to Peru and Bolivia": the title's last line
        if len({p.code for p in several}) > 1:
            name, iso3 = "; ".join(dict.fromkeys(p.name for p in several)), None
        program = None if total_row else cell.row
    category = _category(cues) or next((p.category for p in programs if p.category), None)
    return CellAttribution(name, iso3, doc.main_donor if is_aid else None, category if is_aid else None,
                           program or (programs[0].name if programs else None), cell.measure if is_aid else None,
                           is_aid, currency)


def row_place(doc: DocumentContext, label: str | None) -> Place | None:
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


def sub_rows(doc: DocumentContext, cells: list[TableCell]) -> dict[int, list[Place]]:
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
    for n, (table, _, _label, ks) in enumerate(rows):
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
            group = [p for m in below if (p := places[m]) is not None  # never None below a row without a place
                     and any((cells[x].year, cells[x].year_end, cells[x].column) == col for x in rows[m][3])]
            if group:
                out[k] = group
    return out


def column_place(doc: DocumentContext, column: str | None) -> Place | None:
    """The country or region a column label names besides its year (``2015 Chad``)."""
    if not column:
        return None
    return row_place(doc, YEAR.sub("", column).strip())
