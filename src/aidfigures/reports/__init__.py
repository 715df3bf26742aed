"""Report notebooks: papermill runs into report folders, build files (``reports.yml``), charts and tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names

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
__getattr__, __dir__ = lazy_names(__name__, _LAZY)


__all__ = ["ReportJob", "ReportResult", "load_build_file", "project_path", "project_root", "report_folder", "run_build",
           "run_job", "run_report", "save_chart", "save_table"]
