"""Build files (``reports.yml``): a list of report jobs, read and checked; YAML parameter values."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from ..errors import BuildFileError, ReportError
from .export import json_ready

__all__ = ["DEFAULT_TIMEOUT", "ReportJob", "load_build_file", "load_parameters_file", "parse_value"]

#: Seconds a report's cells may run in all, unless a job or ``defaults`` says otherwise.
DEFAULT_TIMEOUT: Final = 600.0
DEFAULT_KERNEL: Final = "python3"
_JOB_NAME: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_JOB_KEYS: Final = ("name", "notebook", "parameters", "output_dir", "timeout", "kernel")
_DEFAULT_KEYS: Final = ("parameters", "timeout", "kernel")
_TOP_KEYS: Final = ("defaults", "jobs", "pipeline")  # pipeline: read by aidfigures.reports.pipeline


@dataclass(frozen=True)
class ReportJob:
    """One report of a build file, with paths resolved against the build file's folder.

    Attributes
    ----------
    name : str
        Unique in the file; also the default output folder ``reports/<name>``.
    notebook : Path
    parameters : dict
        The ``defaults`` parameters updated with the job's own.
    output_dir : Path
    timeout : float
        Seconds for all the cells of the run together.
    kernel : str
    cwd : Path
        The kernel's working directory: the build file's folder, so that relative paths in
        parameters (``figures: data/processed/figures.csv``) mean the same wherever the build
        is started from.
    """

    name: str
    notebook: Path
    parameters: dict[str, Any] = field(default_factory=dict)
    output_dir: Path = Path("reports")
    timeout: float = DEFAULT_TIMEOUT
    kernel: str = DEFAULT_KERNEL
    cwd: Path = Path(".")


def load_build_file(path: str | os.PathLike[str], only: Iterable[str] = ()) -> list[ReportJob]:
    """Read and check a build file; return its jobs in file order (only those named in ``only``).

    The file is YAML with ``jobs:``, a list of mappings with ``name`` and ``notebook`` (required),
    ``parameters``, ``output_dir`` (default ``reports/<name>``), ``timeout`` (seconds) and
    ``kernel``, and optionally ``defaults:`` with ``parameters``, ``timeout`` and ``kernel`` for
    every job. Relative paths are relative to the build file's folder. Whether each notebook exists
    is checked when the job runs, so that one missing notebook does not stop the others.

    Raises
    ------
    BuildFileError
        The file is missing or not YAML, a key is unknown or has the wrong type, a job name is
        repeated, two jobs share a report folder (or one is inside another's), or ``only`` names no
        job; the message names the file and the job.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> build = pathlib.Path(tmp.name) / "reports.yml"
    >>> _ = build.write_text('''
    ... defaults: {timeout: 300, parameters: {figures: data/figures.csv}}
    ... jobs:
    ...   - name: peru
    ...     notebook: notebooks/country_profile.ipynb
    ...     parameters: {country: Peru}
    ... ''')
    >>> job, = load_build_file(build)
    >>> job.name, job.parameters, job.timeout, job.output_dir.relative_to(tmp.name).as_posix()
    ('peru', {'figures': 'data/figures.csv', 'country': 'Peru'}, 300.0, 'reports/peru')
    >>> _ = build.write_text("jobs:\\n  - name: peru\\n    notebok: x.ipynb\\n")
    >>> load_build_file(build)
    Traceback (most recent call last):
    ...
    aidfigures.errors.BuildFileError: .../reports.yml: job 1 (peru): unknown key 'notebok' (expected name, notebook, parameters, output_dir, timeout, kernel)
    >>> tmp.cleanup()
    """  # noqa: E501
    import yaml

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BuildFileError(f"{path}: no such build file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BuildFileError(f"{path}: cannot read ({exc})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise BuildFileError(f"{path}: not valid YAML ({_yaml_problem(exc)})") from None
    if not isinstance(data, dict):
        raise BuildFileError(f"{path}: expected a mapping with 'jobs:' (and optionally 'defaults:')")
    _check_keys(data, _TOP_KEYS, f"{path}")
    defaults = _mapping(data.get("defaults"), f"{path}: defaults")
    _check_keys(defaults, _DEFAULT_KEYS, f"{path}: defaults")
    base_parameters = _parameters(defaults.get("parameters"), f"{path}: defaults")
    base_timeout = _timeout(defaults.get("timeout", DEFAULT_TIMEOUT), f"{path}: defaults")
    base_kernel = _kernel(defaults.get("kernel", DEFAULT_KERNEL), f"{path}: defaults")
    raw_jobs = data.get("jobs")
    if not isinstance(raw_jobs, list) or not raw_jobs:
        raise BuildFileError(f"{path}: 'jobs' must be a non-empty list of jobs")
    folder = path.parent
    jobs: list[ReportJob] = []
    for number, raw in enumerate(raw_jobs, 1):
        where = f"{path}: job {number}"
        if isinstance(raw, dict) and isinstance(raw.get("name"), str):
            where += f" ({raw['name']})"
        if not isinstance(raw, dict):
            raise BuildFileError(f"{where}: expected a mapping with name, notebook, parameters...")
        _check_keys(raw, _JOB_KEYS, where)
        name, notebook = raw.get("name"), raw.get("notebook")
        if not isinstance(name, str) or not _JOB_NAME.fullmatch(name):
            raise BuildFileError(f"{where}: 'name' must be letters, digits, '.', '_' and '-', "
                                 f"starting with a letter or digit (got {name!r})")
        if any(job.name == name for job in jobs):
            raise BuildFileError(f"{where}: the name {name!r} is used by an earlier job")
        if not isinstance(notebook, str) or not notebook.endswith(".ipynb"):
            raise BuildFileError(f"{where}: 'notebook' must be the path of an .ipynb file (got {notebook!r})")
        output_dir = raw.get("output_dir", f"reports/{name}")
        if not isinstance(output_dir, str) or not output_dir.strip():
            raise BuildFileError(f"{where}: 'output_dir' must be a folder path (got {output_dir!r})")
        jobs.append(ReportJob(
            name=name,
            notebook=folder / notebook,
            parameters={**base_parameters, **_parameters(raw.get("parameters"), where)},
            output_dir=folder / output_dir,
            timeout=_timeout(raw.get("timeout", base_timeout), where),
            kernel=_kernel(raw.get("kernel", base_kernel), where),
            cwd=folder,
        ))
    _check_output_dirs(jobs, path)
    only = list(only)
    unknown = [name for name in only if not any(job.name == name for job in jobs)]
    if unknown:
        raise BuildFileError(f"{path}: no job named {', '.join(map(repr, unknown))} "
                             f"(jobs: {', '.join(job.name for job in jobs)})")
    return [job for job in jobs if not only or job.name in only]


def _check_output_dirs(jobs: list[ReportJob], path: Path) -> None:
    """Refuse jobs whose report folders collide: the same folder (or one's ``.failed`` folder), or
    one inside another, which a run would replace with everything in it."""
    from .run import FAILED_SUFFIX

    folders: dict[Path, ReportJob] = {}
    for job in jobs:
        folder = job.output_dir.resolve()
        for key in (folder, folder.with_name(folder.name + FAILED_SUFFIX)) if folder.name else (folder,):
            other = folders.get(key)
            if other is not None and other is not job:
                raise BuildFileError(f"{path}: jobs {other.name!r} and {job.name!r} write the same report folder "
                                     f"{job.output_dir} (or its {FAILED_SUFFIX} folder); give each its own "
                                     "output_dir")
            folders[key] = job
    home = path.parent.resolve()
    for job in jobs:
        for parent in job.output_dir.resolve().parents:
            other = folders.get(parent)
            # a folder holding the build file's (``output_dir: .``) fails alone when its job runs
            if other is not None and other is not job and not home.is_relative_to(parent):
                raise BuildFileError(f"{path}: job {job.name!r} writes inside the report folder of job "
                                     f"{other.name!r} ({other.output_dir}), which each run of it replaces; "
                                     "give each its own output_dir")


def parse_value(text: str) -> Any:
    """Read a command-line parameter value as YAML: ``2006`` is an int, ``[Peru, Colombia]`` a list.

    Dates become ISO strings. Quote to force a string: ``"'2006'"``.

    Examples
    --------
    >>> parse_value("[2006, 2011]"), parse_value("[Peru, Colombia]"), parse_value("Peru")
    ([2006, 2011], ['Peru', 'Colombia'], 'Peru')
    >>> parse_value("56.4"), parse_value("true"), parse_value("'2006'"), parse_value("2010-12-16")
    (56.4, True, '2006', '2010-12-16')
    """
    import yaml

    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ReportError(f"{text!r} is not a YAML value ({_yaml_problem(exc)}); "
                          "pass it with -r NAME VALUE to use it as a plain string") from None
    return json_ready(value, repr(text))


def load_parameters_file(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a YAML file mapping parameter names to values (``aidfigures report -f params.yaml``)."""
    import yaml

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReportError(f"{path}: no such parameters file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportError(f"{path}: cannot read ({exc})") from None
    except yaml.YAMLError as exc:
        raise ReportError(f"{path}: not valid YAML ({_yaml_problem(exc)})") from None
    return _parameters({} if data is None else data, str(path), error=ReportError)


def _yaml_problem(exc: Exception) -> str:
    """A one-line description of a YAML error with its position."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return f"line {mark.line + 1}, column {mark.column + 1}: {problem}" if mark else problem


def _check_keys(data: Mapping[Any, Any], allowed: tuple[str, ...], where: str) -> None:
    """Refuse keys outside ``allowed`` (catches typos such as ``paramters``)."""
    for key in data:
        if key not in allowed:
            raise BuildFileError(f"{where}: unknown key {key!r} (expected {', '.join(allowed)})")


def _mapping(value: Any, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise BuildFileError(f"{where}: expected a mapping, not {_kind(value)}")
    return value


def _parameters(value: Any, where: str, error: type[ReportError] = BuildFileError) -> dict[str, Any]:
    """Check a parameters mapping: identifier names, JSON-like values, no ``output_dir``."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise error(f"{where}: 'parameters' must be a mapping of names to values, not {_kind(value)}")
    for name in value:
        if not isinstance(name, str) or not name.isidentifier():
            raise error(f"{where}: parameter name {name!r} is not a Python name")
        if name == "output_dir":
            raise error(f"{where}: 'output_dir' is set by aidfigures; give the folder as the job's "
                        "output_dir (or -o DIR), not as a parameter")
    try:
        return {name: json_ready(v, name) for name, v in value.items()}
    except ReportError as exc:
        raise error(f"{where}: {exc}") from None


def _timeout(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise BuildFileError(f"{where}: 'timeout' must be a positive number of seconds (got {value!r})")
    return float(value)


def _kernel(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise BuildFileError(f"{where}: 'kernel' must be a kernel name such as python3 (got {value!r})")
    return value


def _kind(value: Any) -> str:
    return {list: "a list", str: "a string", int: "a number", float: "a number"}.get(type(value), type(value).__name__)
