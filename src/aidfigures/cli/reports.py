"""The ``aidfigures report`` and ``aidfigures build`` subcommands (parsers and handlers).

``report`` prints the HTML path on stdout when the run is ok; ``build`` prints one line per job
(status, name, seconds, HTML path or the failing cell's error). Progress, warnings and summaries
go to stderr. Exit status 0 ok, 1 some report failed, 2 usage error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Callable
from functools import partial
from typing import Final, cast

from ..errors import AidFiguresError, ReportError, ReportWarning
from ..reports.build import DEFAULT_TIMEOUT, load_build_file, load_parameters_file, parse_value
from ..reports.result import ReportResult
from ..reports.run import run_job, run_report

__all__ = ["COMMANDS", "add_commands"]

_PROG: Final = "aidfigures"


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add the ``report`` and ``build`` subparsers to the ``aidfigures`` parser."""
    report = commands.add_parser(
        "report", help="run a report notebook with parameters (papermill) into a report folder",
        description="Execute a notebook with parameters and write the executed notebook, an HTML "
                    "export without code, the charts and tables it saves and manifest.json to DIR. "
                    "A failed run goes to DIR.failed/ and DIR keeps the previous good report.")
    report.add_argument("notebook", metavar="NOTEBOOK", help="the .ipynb file")
    report.add_argument("-p", "--parameter", nargs=2, action=_ParameterAction, dest="parameters",
                        metavar=("NAME", "VALUE"),
                        help="a parameter, VALUE read as YAML: 2006 is a number, '[Peru, Colombia]' a list")
    report.add_argument("-r", "--raw", nargs=2, action=_ParameterAction, dest="parameters",
                        metavar=("NAME", "VALUE"), help="a parameter whose VALUE is taken as a plain string")
    report.add_argument("-f", "--parameters-file", metavar="FILE",
                        help="a YAML file of NAME: VALUE parameters (-p and -r override it)")
    report.add_argument("-o", "--output-dir", metavar="DIR",
                        help="report folder (default reports/<notebook>-<parameter slug>)")
    report.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT, metavar="SEC",
                        help=f"seconds for all the cells together (default {DEFAULT_TIMEOUT:g})")

    build = commands.add_parser(
        "build", help="run the report jobs of a build file such as reports.yml",
        description="Run every job of a build file, going on past failures; a failed job keeps its "
                    "previous good report. Exit status 1 when any job failed.")
    build.add_argument("build_file", metavar="BUILD_FILE", help="YAML file with defaults: and jobs:")
    build.add_argument("--only", action="append", default=[], metavar="NAME",
                       help="run only this job (repeatable)")


class _ParameterAction(argparse.Action):
    """Collect ``-p`` (YAML) and ``-r`` (raw string) parameters in command-line order."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        name, value = cast("tuple[str, str]", values)
        collected = list(getattr(namespace, self.dest, None) or [])
        collected.append((name, value, option_string in ("-r", "--raw")))
        setattr(namespace, self.dest, collected)


def _seconds(text: str) -> float:
    """A positive number of seconds (argparse type)."""
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"not a positive number of seconds: {text!r}")
    return value


def _report_parameters(args: argparse.Namespace) -> dict[str, object]:
    """``-f`` file, then ``-p``/``-r`` in order (later wins). Raises ReportError for bad ones."""
    params = load_parameters_file(args.parameters_file) if args.parameters_file else {}
    for name, text, raw in args.parameters or []:
        if not name.isidentifier():
            raise ReportError(f"parameter name {name!r} is not a Python name")
        if name == "output_dir":
            raise ReportError("output_dir is set by aidfigures; use -o DIR")
        try:
            params[name] = text if raw else parse_value(text)
        except ReportError as exc:
            raise ReportError(f"-p {name}: {exc}") from None
    return params


def report_command(args: argparse.Namespace) -> int:
    """Run ``aidfigures report``."""
    try:
        params = _report_parameters(args)
        _say(f"running {args.notebook}")
        result = _with_warnings(lambda: run_report(args.notebook, params, args.output_dir, timeout=args.timeout))
    except AidFiguresError as exc:  # missing notebook, bad parameter, output folder not a report
        _say(f"error: {exc}")
        return 2
    except OSError as exc:  # a full disk, a folder that cannot be written: one line, not a traceback
        _say(f"error: cannot write the report: {exc}")
        return 1
    if result.ok:
        _say(f"ok in {result.duration:.1f} s: {result.output_dir}{os.sep}")
        print(result.html)
        return 0
    _say(f"failed after {result.duration:.1f} s: {_failure(result)}")
    if result.run_dir is not None:
        shown = ", ".join(p.name for p in (result.html, result.notebook) if p is not None)
        _say(f"the failed run is in {result.run_dir}{os.sep} ({shown})")
    kept = "keeps the previous report" if result.output_dir.is_dir() else "has no earlier report"
    _say(f"{result.output_dir}{os.sep} {kept}")
    return 1


def build_command(args: argparse.Namespace) -> int:
    """Run ``aidfigures build``: one line per job on stdout, progress and a summary on stderr."""
    try:
        jobs = load_build_file(args.build_file, args.only)
    except AidFiguresError as exc:
        _say(f"error: {exc}")
        return 2
    width = max(len(job.name) for job in jobs)
    failed = []
    for number, job in enumerate(jobs, 1):
        _say(f"[{number}/{len(jobs)}] {job.name}: running {job.notebook}")
        try:
            result = _with_warnings(partial(run_job, job), prefix=f"{job.name}: ")
        except OSError as exc:  # a full disk: this job fails, the others still run
            failed.append(job.name)
            print(f"FAILED  {job.name:<{width}}  cannot write the report: {exc}", flush=True)
            continue
        if result.ok:
            line = f"ok      {job.name:<{width}}  {result.duration:6.1f}s  {result.html}"
        else:
            failed.append(job.name)
            where = f" (see {result.html or result.notebook})" if (result.html or result.notebook) else ""
            line = f"FAILED  {job.name:<{width}}  {result.duration:6.1f}s  {_failure(result)}{where}"
        print(line.replace("\n", " | "), flush=True)
    summary = f"{_plural(len(jobs), 'report')}: {len(jobs) - len(failed)} ok, {len(failed)} failed"
    _say(summary + (f" ({', '.join(failed)})" if failed else ""))
    return 1 if failed else 0


def _failure(result: ReportResult) -> str:
    """``In [4] (cell 3): ValueError: boom``: the prompt number the failed HTML page shows at the cell,
    then the cell counted from 0 in the source notebook (markdown included)."""
    from ..reports.page import failed_prompt

    prompt = failed_prompt(result.notebook) if result.cell is not None else None
    where = (f"In [{prompt}] " if prompt is not None else "") + f"(cell {result.cell}): "
    return (where if result.cell is not None else "") + (result.error or "failed")


def _with_warnings(run: Callable[[], ReportResult], prefix: str = "") -> ReportResult:
    """Call ``run``, printing the ReportWarnings it issues as ``aidfigures: warning: ...``."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ReportWarning)
        result = run()
    for warning in caught:
        if issubclass(warning.category, ReportWarning):
            _say(f"warning: {prefix}{warning.message}")
        else:
            warnings.showwarning(warning.message, warning.category, warning.filename, warning.lineno)
    return result


def _say(message: str) -> None:
    print(f"{_PROG}: {message}", file=sys.stderr)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _interruptible(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Ctrl-C ends a run with status 130 and one line instead of a traceback."""
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except KeyboardInterrupt:
            _say("interrupted")
            return 130
    return run


COMMANDS: Final[dict[str, Callable[[argparse.Namespace], int]]] = {
    "report": _interruptible(report_command),
    "build": _interruptible(build_command),
}
