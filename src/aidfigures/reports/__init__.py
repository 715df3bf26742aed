"""Report notebooks: papermill runs into report folders, build files (``reports.yml``), charts and tables."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the same names, imported eagerly for type checkers
    from .build import ReportJob, load_build_file
    from .export import save_chart, save_table
    from .project import project_path, project_root, report_folder
    from .result import ReportResult
    from .run import run_build, run_job, run_report

#: Module -> the public names it gives, imported on first use (PEP 562: this package imports nothing heavy).
_LAZY: dict[str, tuple[str, ...]] = {
    ".build": ("ReportJob", "load_build_file"),
    ".export": ("save_chart", "save_table"),
    ".project": ("project_path", "project_root", "report_folder"),
    ".result": ("ReportResult",),
    ".run": ("run_build", "run_job", "run_report"),
}
_MODULE_OF = {name: module for module, names in _LAZY.items() for name in names}


def __getattr__(name: str) -> Any:
    """Import a public name on first use and keep it."""
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_MODULE_OF[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = ["ReportJob", "ReportResult", "load_build_file", "project_path", "project_root", "report_folder", "run_build",
           "run_job", "run_report", "save_chart", "save_table"]
