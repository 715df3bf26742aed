"""Write derived tables (facts, claims, reference comparisons) as CSV or Parquet, atomically."""

from __future__ import annotations

from ._figures_io import write_table, write_table_csv

__all__ = ["write_table", "write_table_csv"]
