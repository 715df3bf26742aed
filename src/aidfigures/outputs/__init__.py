"""Where tables go: figures files (CSV/Parquet/Excel), corpus-run writers (CSV, Parquet, DuckDB, Excel) behind
one registry, reading outputs back, SQL on them, and the one atomic-write helper."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names

if TYPE_CHECKING:  # the same names, imported eagerly for type checkers
    from .atomic import atomic_write
    from .base import documents_path, output_target
    from .figure_files import (
        figures_format,
        read_figures,
        write_figures,
        write_figures_csv,
        write_table,
        write_table_csv,
    )
    from .lock import OutputBusyError
    from .registry import open_writer, read_documents
    from .sql import query
    from .xlsx_writer import write_figures_xlsx, write_xlsx

#: Module -> the public names it gives, imported on first use (PEP 562: this package imports nothing heavy).
_LAZY: dict[str, tuple[str, ...]] = {
    ".atomic": ("atomic_write",),
    ".base": ("documents_path", "output_target"),
    ".figure_files": ("figures_format", "read_figures", "write_figures", "write_figures_csv", "write_table",
                      "write_table_csv"),
    ".lock": ("OutputBusyError",),
    ".registry": ("open_writer", "read_documents"),
    ".sql": ("query",),
    ".xlsx_writer": ("write_figures_xlsx", "write_xlsx"),
}
__getattr__, __dir__ = lazy_names(__name__, _LAZY)


__all__ = ["OutputBusyError", "atomic_write", "documents_path", "figures_format", "open_writer", "output_target",
           "query", "read_documents", "read_figures", "write_figures", "write_figures_csv", "write_table",
           "write_table_csv", "write_figures_xlsx", "write_xlsx"]
