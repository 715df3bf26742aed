"""Report notebooks: papermill runs into report folders, build files (``reports.yml``), charts and tables."""

from .build import ReportJob, load_build_file
from .export import save_chart, save_table
from .project import project_path, project_root, report_folder
from .result import ReportResult
from .run import run_build, run_job, run_report

__all__ = ["ReportJob", "ReportResult", "load_build_file", "project_path", "project_root", "report_folder", "run_build",
           "run_job", "run_report", "save_chart", "save_table"]
