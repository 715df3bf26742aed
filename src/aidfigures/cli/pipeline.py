"""The ``aidfigures pipeline`` subcommand: extract, facts, claims and every report of a build file,
each rebuilt only when out of date, each step's output appended to a log file.

Every step runs as its own ``aidfigures`` process in the build file's folder, so a step that fails
(or crashes) does not stop the others: the steps after it run on what is there (one unreadable
document: the figures are still written, so the facts, claims and reports are still built). Exit
status 0 every step ok or up to date, 1 some step failed, 2 a bad build file, 130 interrupted.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Final

from ..errors import AidFiguresError

if TYPE_CHECKING:  # the build-file reader is imported when the command runs: other commands start faster
    from ..reports.pipeline import Pipeline, Step

__all__ = ["COMMANDS", "add_commands"]

_PROG: Final = "aidfigures"
#: Lines of a step's output kept in memory (all of it goes to the log).
_KEEP_LINES: Final = 200
_JOB_LINE: Final = re.compile(r"^(?P<status>ok|FAILED)\s+(?P<job>\S+)\s+(?P<seconds>[\d.]+)s\s+(?P<rest>.*)$")


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add the ``pipeline`` subparser to the ``aidfigures`` parser."""
    cmd = commands.add_parser(
        "pipeline", help="run the whole pipeline of a build file (extract, facts, claims, reports), "
                         "rebuilding only what is out of date",
        description="Run the steps declared in BUILD_FILE: extract the documents of pipeline.inputs, then "
                    "facts, claims and every report job. A step runs when the contents of its inputs "
                    "changed (SHA-256), an output is missing or it failed last time. Every step's command "
                    "and output go to the log file (pipeline.log). Exit status 0 all ok or up to date, "
                    "1 some step failed (the others still ran), 2 bad build file, 130 interrupted.")
    cmd.add_argument("build_file", metavar="BUILD_FILE", help="YAML file with pipeline:, defaults: and jobs:")
    cmd.add_argument("--only", action="append", default=[], metavar="NAME",
                     help="of the report jobs, run only this one (repeatable; extract, facts and claims still run)")
    cmd.add_argument("--force", action="store_true", help="run every step, out of date or not")
    cmd.add_argument("--log", metavar="FILE", help="log file (default pipeline.log of the build file: "
                                                   "reports/pipeline.log)")


def pipeline_command(args: argparse.Namespace) -> int:
    """Run ``aidfigures pipeline``: a line per step on stdout, progress and a summary on stderr."""
    from ..reports.pipeline import load_pipeline

    try:
        pipeline = load_pipeline(args.build_file, args.only)
    except AidFiguresError as exc:
        _say(f"error: {exc}")
        return 2
    log_path = Path(args.log) if args.log else pipeline.log
    try:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        log = log_path.open("a", encoding="utf-8")
    except OSError as exc:
        _say(f"error: {log_path}: cannot open the log file ({exc})")
        return 2
    with log:
        try:
            return _run(pipeline, args.force, log, log_path)
        except KeyboardInterrupt:
            _log(log, "=== pipeline interrupted")
            _say("interrupted")
            return 130


def _run(pipeline: Pipeline, force: bool, log: IO[str], log_path: Path) -> int:
    from ..reports.pipeline import State

    state = State(pipeline.state)
    steps = pipeline.steps
    width = max(len(step.name) for step in steps)
    _log(log, f"=== pipeline {pipeline.build_file} started ({len(steps)} steps)")
    failed: list[str] = []
    counts = {"ran": 0, "current": 0}

    def done(step: Step, digest: str, code: int, seconds: float, last: str) -> None:
        counts["ran"] += 1
        state.record(step, digest, "ok" if code == 0 else f"exit {code}")
        if code == 0:
            print(f"ok      {step.name:<{width}}  {seconds:6.1f}s  {_shown(step)}", flush=True)
        else:
            failed.append(step.name)
            print(f"FAILED  {step.name:<{width}}  {seconds:6.1f}s  exit {code}: {last} (see {log_path})", flush=True)

    reports: list[tuple[Step, str, str]] = []
    for number, step in enumerate(steps, 1):
        digest = step.digest()
        why = "forced" if force else state.why_out_of_date(step, digest)
        if why is None:
            counts["current"] += 1
            _log(log, f"--- {step.name}: up to date")
            print(f"current {step.name:<{width}}          {_shown(step)}", flush=True)
        elif step.job is not None:  # the reports run together, after the data steps
            reports.append((step, digest, why))
        else:
            _say(f"[{number}/{len(steps)}] {step.name}: running ({why})")
            code, lines, _, seconds = _execute(step.name, step.args, pipeline.cwd, log, why)
            done(step, digest, code, seconds, _last(lines))
            if code == 130:
                raise KeyboardInterrupt
    if reports:
        jobs = [step.job or "" for step, _, _ in reports]
        _say(f"reports: running {', '.join(jobs)}")
        build = ("build", str(pipeline.build_file.resolve()), *(a for job in jobs for a in ("--only", job)))
        why = "; ".join(f"{step.job}: {reason}" for step, _, reason in reports)
        code, lines, job_lines, seconds = _execute("reports", build, pipeline.cwd, log, why)
        results = _job_lines(job_lines)
        for step, digest, _ in reports:
            job_code, job_seconds, message = results.get(step.job or "", (code or 1, seconds, _last(lines)))
            done(step, digest, job_code, job_seconds, message)
        if code == 130:
            raise KeyboardInterrupt
    summary = (f"pipeline: {len(steps)} steps, {counts['ran']} ran, {counts['current']} up to date, "
               f"{len(failed)} failed" + (f" ({', '.join(failed)})" if failed else "") + f"; log {log_path}")
    _log(log, f"=== {summary}")
    _say(summary)
    return 1 if failed else 0


def _job_lines(lines: list[str]) -> dict[str, tuple[int, float, str]]:
    """``aidfigures build``'s line per job (``ok NAME 1.2s HTML`` / ``FAILED NAME 1.2s ERROR``): job ->
    (0 or 1, seconds, the rest of the line)."""
    found = {}
    for line in lines:
        match = _JOB_LINE.match(line)
        if match:
            found[match["job"]] = (0 if match["status"] == "ok" else 1, float(match["seconds"]), match["rest"])
    return found


def _execute(name: str, args: tuple[str, ...], cwd: Path, log: IO[str],
             why: str) -> tuple[int, list[str], list[str], float]:
    """Run ``aidfigures ARGS`` as a child process, its output appended to the log.

    Returns the exit status, the last lines of output, the lines that report a build job (all of
    them) and the seconds it took.
    """
    from ..reports.pipeline import python_command

    command = [*python_command(), *args]
    _log(log, f"--- {name}: running ({why}): aidfigures {' '.join(args)}")
    started = time.monotonic()
    lines: list[str] = []
    job_lines: list[str] = []
    try:
        with subprocess.Popen(command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace") as child:
            assert child.stdout is not None
            try:
                for line in child.stdout:
                    log.write(line)
                    lines.append(line.rstrip("\n"))
                    del lines[:-_KEEP_LINES]
                    if _JOB_LINE.match(lines[-1]):
                        job_lines.append(lines[-1])
                code = child.wait()
            except KeyboardInterrupt:
                child.terminate()
                child.wait()
                code = 130
    except OSError as exc:
        code, lines = 2, [f"cannot start aidfigures ({exc})"]
    seconds = time.monotonic() - started
    _log(log, f"--- {name}: {'ok' if code == 0 else f'exit {code}'} in {seconds:.1f} s")
    return code, lines, job_lines, seconds


def _last(lines: list[str]) -> str:
    last = next((line.strip() for line in reversed(lines) if line.strip()), "no output")
    return last.removeprefix(f"{_PROG}: ")


def _shown(step: Step) -> str:
    return str(step.shows) if step.shows is not None and step.shows.exists() else ""


def _log(log: IO[str], message: str) -> None:
    stamp = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    log.write(f"{stamp} {message}\n")
    log.flush()


def _say(message: str) -> None:
    print(f"{_PROG}: {message}", file=sys.stderr)


COMMANDS: Final[dict[str, Callable[[argparse.Namespace], int]]] = {"pipeline": pipeline_command}
