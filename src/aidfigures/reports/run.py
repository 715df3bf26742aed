"""Run parameterized report notebooks with papermill: executed notebook, HTML, charts, manifest.

:func:`run_report` executes one notebook into a fresh folder next to the destination and swaps it
in only when the run succeeded, so a failing run never destroys the previous good report (the
failed attempt is kept in ``<output_dir>.failed/`` for inspection). :func:`run_build` runs the
jobs of a build file (``reports.yml``). Notebooks save charts and tables with :func:`save_chart`
and :func:`save_table` into the ``output_dir`` parameter that every run injects.

papermill, nbformat and nbconvert are imported only when a report runs.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
import warnings
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from ..errors import ReportError, ReportWarning
from .build import DEFAULT_KERNEL, DEFAULT_TIMEOUT, ReportJob, load_build_file
from .execute import execute, read_notebook
from .export import MANIFEST, check_replaceable, export_html, file_sha256, input_files, json_ready, swap_in
from .folders import MARKER, new_work_folder, remove_stale_work_folders
from .params import check_declared, effective_parameters, notebook_parameters
from .result import ReportResult
from .slugs import default_output_dir

__all__ = ["run_build", "run_job", "run_report"]

FAILED_SUFFIX: Final = ".failed"


def run_report(notebook: str | os.PathLike[str], parameters: Mapping[str, Any] | None = None,
               output_dir: str | os.PathLike[str] | None = None, *, timeout: float = DEFAULT_TIMEOUT,
               kernel: str = DEFAULT_KERNEL, cwd: str | os.PathLike[str] | None = None) -> ReportResult:
    """Execute a notebook with parameters and write the report folder.

    papermill injects ``parameters`` (as Python literals, so ints stay ints and lists lists) after
    the cell tagged ``parameters``, plus ``output_dir``: the folder being written, always set by
    aidfigures (a value in ``parameters`` is overridden, with a warning), for
    :func:`save_chart` and :func:`save_table`. A parameter the notebook does not declare, or a
    value that does not fit the type annotated in its parameters cell, is a ReportError (see
    :func:`~aidfigures.reports.params.check_declared`).

    The run writes into a new temporary folder next to ``output_dir``. When it succeeds that folder
    replaces ``output_dir`` (and an older ``<output_dir>.failed`` is removed); when a cell raises,
    the time runs out or the kernel dies, the attempt replaces ``<output_dir>.failed`` instead and
    ``output_dir`` keeps the previous good report. Either folder holds ``<stem>.ipynb`` (the
    executed notebook, with papermill's error marker at the failing cell), ``<stem>.html`` (outputs
    and prose, no code), what the notebook saved, and ``manifest.json`` (parameters, SHA-256 of
    the notebook and of every parameter that names a file, versions, UTC times, duration, status,
    error, failing cell, files).

    Parameters
    ----------
    notebook : str or path-like
    parameters : mapping, optional
        Strings, numbers, booleans, None, lists and mappings of these; paths become strings and
        dates ISO strings.
    output_dir : str or path-like, optional
        Default :func:`default_output_dir` of the notebook and its effective parameters (the
        declared defaults updated with ``parameters``), as a Lab run names it. An existing folder
        is replaced only if it is empty or a report folder aidfigures made (it holds aidfigures'
        marker file, :data:`~aidfigures.reports.folders.MARKER`). Work folders that killed runs left
        next to it (``.NAME.*.tmp``, their process gone) are removed.
    timeout : float, default 600
        Seconds for running all the cells together (each cell gets what is left); the kernel has
        another 60 seconds at most to start.
    kernel : str, default "python3"
    cwd : str or path-like, optional
        The kernel's working directory (relative paths in ``parameters`` are read from there);
        default the current directory.

    Returns
    -------
    ReportResult
        ``status`` is ``"failed"`` (with ``error`` and ``cell``) when the notebook failed; this
        function does not raise for that.

    Raises
    ------
    ReportError
        The notebook is missing or not a notebook, a parameter is unknown to the notebook, its
        value is unusable or not of the declared type,
        ``timeout`` is not positive, or ``output_dir`` exists and is not a report folder.
    """
    source = Path(notebook)
    params = _check_parameters(parameters)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout > 0:
        raise ReportError(f"timeout must be a positive number of seconds, not {timeout!r}")
    work = Path(cwd) if cwd is not None else Path.cwd()
    if not work.is_dir():
        raise ReportError(f"{work}: working directory does not exist")
    read_notebook(source)
    declared = notebook_parameters(source)
    check_declared(source, declared, params)
    dest = Path(output_dir) if output_dir is not None else default_output_dir(
        source, effective_parameters(declared, params))
    if dest.name in ("", ".", ".."):  # ".", "/", "a/..": the name of no folder to replace
        raise ReportError(f"{dest}: give the report its own folder (such as reports/NAME), not {str(dest)!r}")
    if work.resolve().is_relative_to(dest.resolve()):
        raise ReportError(f"{dest}: the output folder contains the working directory; choose another")
    failed_dir = dest.with_name(dest.name + FAILED_SUFFIX)
    for folder in (dest, failed_dir):
        check_replaceable(folder)

    started = datetime.now(UTC)
    clock = time.monotonic()
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_work_folders(dest.parent, dest.name)  # left by builds that were killed
        tmp = new_work_folder(dest.parent, dest.name)
    except OSError as exc:
        raise ReportError(f"{dest}: cannot create the output folder ({exc})") from None
    try:
        executed = tmp / f"{source.stem}.ipynb"
        html = tmp / f"{source.stem}.html"
        error, cell = execute(source, executed, {**params, "output_dir": str(tmp.resolve())},
                             timeout=float(timeout), kernel=kernel, cwd=work)
        if executed.is_file():
            try:
                export_html(executed, html, title=source.stem)
            except Exception as exc:  # noqa: BLE001 - a broken export fails the run, not the caller
                error = error or f"HTML export failed: {type(exc).__name__}: {exc}"
        elif error is None:
            error = "papermill wrote no executed notebook"
        finished = datetime.now(UTC)
        duration = round(time.monotonic() - clock, 3)
        status = "failed" if error else "ok"
        files = sorted(p.relative_to(tmp) for p in tmp.rglob("*") if p.is_file() and p != tmp / MARKER)
        manifest = {
            "notebook": str(source), "notebook_sha256": file_sha256(source),
            "parameters": params, "output_dir": str(dest), "kernel": kernel, "cwd": str(work),
            "inputs": input_files(params, work),
            "aidfigures_version": _version("aidfigures"), "papermill_version": _version("papermill"),
            "python_version": sys.version.split()[0],
            "started": _iso(started), "finished": _iso(finished), "duration_seconds": duration,
            "status": status, "error": error, "cell": cell,
            "files": [p.as_posix() for p in files],
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        run_dir = dest if status == "ok" else failed_dir
        swap_in(tmp, run_dir)
        if status == "ok" and failed_dir.is_dir():
            shutil.rmtree(failed_dir, ignore_errors=True)  # an older failure is now out of date
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return ReportResult(
        source=source, output_dir=dest, run_dir=run_dir, status=status, parameters=params,
        started=started, finished=finished, duration=duration, error=error, cell=cell,
        notebook=_present(run_dir / executed.name), html=_present(run_dir / html.name),
        manifest=run_dir / MANIFEST, files=tuple(run_dir / p for p in [*files, Path(MANIFEST)]),
    )


def run_job(job: ReportJob) -> ReportResult:
    """Run one job of a build file; a job that cannot start (missing notebook...) comes back failed."""
    try:
        return run_report(job.notebook, job.parameters, job.output_dir, timeout=job.timeout,
                          kernel=job.kernel, cwd=job.cwd)
    except ReportError as exc:
        now = datetime.now(UTC)
        return ReportResult(source=job.notebook, output_dir=job.output_dir, run_dir=None, status="failed",
                            parameters=dict(job.parameters), started=now, finished=now, duration=0.0,
                            error=str(exc))


def run_build(path: str | os.PathLike[str], only: Iterable[str] = ()) -> list[ReportResult]:
    """Run every job of a build file (or those named in ``only``), going on past failures.

    Raises :class:`~aidfigures.errors.BuildFileError` before running anything when the file is
    bad (see :func:`load_build_file`).
    """
    return [run_job(job) for job in load_build_file(path, only)]


def _check_parameters(parameters: Mapping[str, Any] | None) -> dict[str, Any]:
    """Parameters as JSON-like values; ``output_dir`` dropped with a warning."""
    params = {}
    for name, value in (parameters or {}).items():
        if not isinstance(name, str) or not name.isidentifier():
            raise ReportError(f"parameter name {name!r} is not a Python name")
        params[name] = json_ready(value, name)
    if "output_dir" in params:
        warnings.warn("the output_dir parameter is set by aidfigures to the report folder; "
                      f"the value {params.pop('output_dir')!r} is ignored (give the folder as output_dir)",
                      ReportWarning, stacklevel=3)
    return params


def _present(path: Path) -> Path | None:
    return path if path.is_file() else None


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "unknown"
