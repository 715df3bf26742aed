"""Read table corpora (JSONL, CSV) row by row with bounded memory; malformed rows become errors.

Every physical line is read with a length limit, so a 200 MB line is skipped in chunks instead of
being loaded, and a CSV record is never held past the size cap. A row that cannot be read is
reported as a :class:`Row` with ``error`` set and the reading goes on with the next one.
"""

from __future__ import annotations

from ._csv_in import iter_csv
from ._jsonl_in import iter_jsonl
from ._table_rows import (DATE_COLUMNS, ID_COLUMNS, TEXT_COLUMNS, TITLE_COLUMNS, Columns, Row, cell_date,
                          stream_problem, too_large)

__all__ = ["DATE_COLUMNS", "ID_COLUMNS", "TEXT_COLUMNS", "TITLE_COLUMNS", "Columns", "Row", "cell_date",
           "iter_csv", "iter_jsonl", "stream_problem", "too_large"]
