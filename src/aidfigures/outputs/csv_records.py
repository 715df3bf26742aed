"""CSV rows straight from figure records and document rows, the same text as :func:`write_table_csv` of their tables."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from operator import attrgetter, itemgetter
from typing import Any, Final

from ..schema.documents import DOCUMENT_COLUMNS, DOCUMENT_DTYPES
from ..schema.figures import COLUMNS, DTYPES
from .csv_format import text_field

__all__ = ["documents_csv", "figures_csv"]


def _number(value: Any) -> str:
    """An Int64 or float64 cell as pandas writes it: ``str`` of an int, ``repr`` of a float, NA (NaN) empty."""
    if type(value) is float:
        return "" if math.isnan(value) else repr(value)
    return str(value)


def _boolean(value: Any) -> str:
    return "True" if value else "False"


def _date(value: Any) -> str:
    """A date (a ``published`` value that passed the schema: no time of day)."""
    return str(value.isoformat())


#: Cell writers by schema dtype (for a value that is not None).
_WRITERS: Final[Mapping[str, Callable[[Any], str]]] = {
    "string": lambda v: text_field(v if type(v) is str else str(v)),
    "Int64": _number, "float64": _number, "boolean": _boolean, "datetime64[s]": _date,
}
_FIGURE_WRITERS: Final = tuple(_WRITERS[DTYPES[c]] for c in COLUMNS)
_FIGURE_VALUES: Final = attrgetter(*COLUMNS)


def _published(value: Any) -> str:
    """The documents table's ``published`` as CSV holds it: the text of its ISO date."""
    return text_field(value.isoformat())


_DOCUMENT_WRITERS: Final = tuple(_published if c == "published" else _WRITERS[DOCUMENT_DTYPES[c]]
                                 for c in DOCUMENT_COLUMNS)
_DOCUMENT_VALUES: Final = itemgetter(*DOCUMENT_COLUMNS)


def _lines(rows: Iterable[Sequence[Any]], writers: Sequence[Callable[[Any], str]]) -> str:
    return "".join(",".join(["" if v is None else write(v) for write, v in zip(writers, row, strict=True)]) + "\n"
                   for row in rows)


def figures_csv(figures: Iterable[Any]) -> str:
    """The figures table's CSV rows (no header) of records that passed
    :func:`aidfigures.schema.records.surely_valid`: the text :func:`write_table_csv` writes for
    their validated table.

    Examples
    --------
    >>> import io
    >>> from aidfigures.extract import figures_frame, find_figures
    >>> from aidfigures.outputs.csv_format import write_table_csv
    >>> figures = find_figures("Peru received $5 million in 2006.", doc_id="a")
    >>> figures_csv(figures)[:43]
    'a,14,24,$5 million,5000000.0,,USD,5000000.0'
    >>> table = io.StringIO()
    >>> write_table_csv(figures_frame(figures), table)
    >>> figures_csv(figures) == table.getvalue().partition(chr(10))[2]
    True
    """
    return _lines(map(_FIGURE_VALUES, figures), _FIGURE_WRITERS)


def documents_csv(rows: Iterable[Mapping[str, Any]]) -> str:
    """The documents table's CSV rows (no header) of a chunk's document rows (dicts of its columns)."""
    return _lines(map(_DOCUMENT_VALUES, rows), _DOCUMENT_WRITERS)
