"""The figures table built from figure records: one Arrow or NumPy array per column, of the schema's dtypes."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from ..errors import SchemaError
from .figures import COLUMNS, DTYPES, validate

if TYPE_CHECKING:  # pandas, numpy and pyarrow are imported where a table is built: a CSV run needs none
    import pandas as pd

__all__ = ["figures_frame", "validate_documents"]

#: A figure's values in schema column order (faster than ``dataclasses.astuple``, which deep-copies).
_ROW = attrgetter(*COLUMNS)


#: Where the string columns stand in schema order.
_STRING_AT = tuple(i for i, name in enumerate(COLUMNS) if DTYPES[name] == "string")


def _string_arrays(columns: list[tuple], string: pd.StringDtype) -> list[Any]:
    """The table's string columns, in the order of ``_STRING_AT``: their values made one Arrow array
    and cut into columns (one conversion instead of one per column: half the cost of a small table's)."""
    import pandas as pd
    import pyarrow as pa

    if string.storage != "pyarrow":
        return [pd.array(columns[i], dtype="string") for i in _STRING_AT]
    n = len(columns[0])
    whole = pa.array(list(chain.from_iterable(columns[i] for i in _STRING_AT)), type=pa.large_string())
    return [pd.arrays.ArrowStringArray(whole.slice(k * n, n), dtype=string) for k in range(len(_STRING_AT))]


def _masked(col: tuple, kind: type, array: type) -> Any:
    import numpy as np

    if None not in col:  # start, end, and most columns of a table without gaps: one conversion, no mask to build
        return array(np.array(col, dtype=kind), np.zeros(len(col), dtype=bool))
    mask = np.fromiter((v is None for v in col), dtype=bool, count=len(col))
    return array(np.fromiter((0 if v is None else v for v in col), dtype=kind, count=len(col)), mask)


@cache
def _builders() -> tuple[tuple[Callable[[tuple], Any] | None, ...], Any, pd.StringDtype]:
    """The column builders in schema order (each turns a column of values, None for missing, into its
    array of the schema's dtype; None for the string columns, built together), the columns' index and
    the string dtype: made on first use, so that importing this module loads neither pandas nor numpy."""
    import numpy as np
    import pandas as pd

    column: dict[str, Callable[[tuple], Any] | None] = {
        "string": None,
        "float64": lambda col: np.array(col, dtype=np.float64),  # None -> NaN
        "Int64": lambda col: _masked(col, np.int64, pd.arrays.IntegerArray),
        "boolean": lambda col: _masked(col, np.bool_, pd.arrays.BooleanArray),
        "datetime64[s]": lambda col: np.array(col, dtype="datetime64[s]"),  # None -> NaT
    }
    return tuple(column[DTYPES[name]] for name in COLUMNS), pd.Index(COLUMNS), pd.StringDtype()


def figures_frame(figures: Sequence[Any]) -> pd.DataFrame:
    """Build a schema v1.3 figures table from figure records (:class:`~aidfigures.extract.Figure`,
    or any objects with the schema's columns as attributes).

    Examples
    --------
    >>> figures_frame([]).shape
    (0, 28)
    """
    if not figures:  # most documents of a money-sparse corpus: a copy of one made once, a quarter the cost
        return _empty().copy()
    return _frame(figures)


@cache
def _empty() -> pd.DataFrame:
    """The table of no figures (copied for each caller: a caller may add columns to its own)."""
    return _frame(())


def _frame(figures: Sequence[Any]) -> pd.DataFrame:
    import pandas as pd

    builders, names, string = _builders()
    columns = list(zip(*map(_ROW, figures), strict=False)) if figures else [()] * len(COLUMNS)
    arrays = [None if build is None else build(col) for build, col in zip(builders, columns, strict=True)]
    for i, array in zip(_STRING_AT, _string_arrays(columns, string), strict=True):
        arrays[i] = array
    # The arrays are already of the schema's dtypes and lengths: skip the dict constructor's checks and
    # conversions of each column (half the cost of a small table's frame).
    return pd.DataFrame._from_arrays(arrays, columns=names, index=pd.RangeIndex(len(figures)),
                                     verify_integrity=False)


def validate_documents(tables: Mapping[int, Sequence[Any]]) -> tuple[pd.DataFrame, dict[int, SchemaError]]:
    """One validated table from several documents' figures, and the documents left out.

    ``tables`` maps a document's index to its figures. When the whole table fails the schema,
    documents are validated one by one; those that fail are left out and returned with their
    error, the others come out as one table (in the order of ``tables``).

    Examples
    --------
    >>> from aidfigures import find_figures
    >>> good = find_figures("Peru got $5 million in 2006.", doc_id="a")
    >>> table, failed = validate_documents({0: good})
    >>> len(table), failed
    (1, {})
    """
    try:
        return validate(figures_frame([f for t in tables.values() for f in t])), {}
    except SchemaError as exc:
        error = exc
    failed: dict[int, SchemaError] = {}
    for index, table in tables.items():
        try:
            validate(figures_frame(table))
        except SchemaError as exc:
            failed[index] = exc
    if not failed:
        raise error
    table, more = validate_documents({i: t for i, t in tables.items() if i not in failed})
    return table, {**failed, **more}
