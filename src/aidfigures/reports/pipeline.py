"""The whole pipeline of a build file: its steps, the content hashes of their inputs, what is out of date.

``reports.yml`` may hold a ``pipeline:`` section naming the documents and the files between the
steps; :func:`load_pipeline` reads it (with defaults for what it leaves out) and the build file's
jobs into a list of :class:`Step` (extract, facts, claims, then one per report job). A step is
out of date when its digest — SHA-256 over the contents of its input files, its command and the
aidfigures version — differs from the one recorded when it last succeeded, when one of its outputs
is missing, or when it failed last time. The command line (``aidfigures pipeline``) runs them.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from hashlib import sha256
from pathlib import Path
from typing import Any, Final

from ..errors import BuildFileError
from .build import load_build_file
from .export import MANIFEST, file_sha256

__all__ = ["PIPELINE_DEFAULTS", "Pipeline", "State", "Step", "load_pipeline", "python_command", "tree_sha256"]

#: The ``pipeline:`` keys and their defaults (paths relative to the build file's folder).
PIPELINE_DEFAULTS: Final[dict[str, Any]] = {
    "inputs": ["data/raw"],
    "figures": "data/processed/figures.csv",
    "facts": "data/processed/facts.csv",
    "claims": "data/processed/claims.csv",
    "corrections": "data/corrections.csv",
    "log": "reports/pipeline.log",
    "state": "data/processed/.pipeline-state.json",
}
_CHUNK: Final = 1 << 20


@dataclass(frozen=True)
class Step:
    """One step: the command it runs (``aidfigures`` arguments), what it reads and what it writes.

    Attributes
    ----------
    name : str
        ``extract``, ``facts``, ``claims`` or ``report <job>``.
    args : tuple of str
        The arguments after ``aidfigures``.
    inputs : tuple of Path
        Files and folders whose contents the step depends on.
    outputs : tuple of Path
        Files the step writes; a missing one makes the step out of date.
    shows : Path or None
        What the step's line points at when it is done (the output, a report's HTML).
    job : str or None
        The build file's job, for a report step (those are run together by one ``aidfigures build``).
    """

    name: str
    args: tuple[str, ...]
    inputs: tuple[Path, ...]
    outputs: tuple[Path, ...]
    shows: Path | None = None
    job: str | None = None

    def digest(self) -> str:
        """SHA-256 over the command, the aidfigures version and the contents of every input."""
        from importlib.metadata import PackageNotFoundError, version

        try:
            installed = version("aidfigures")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            installed = "unknown"
        parts = [json.dumps([self.name, list(self.args), installed])]
        parts += [f"{path}:{tree_sha256(path)}" for path in self.inputs]
        return sha256("\n".join(parts).encode("utf-8")).hexdigest()


@dataclass
class Pipeline:
    """The steps of a build file, in order, with the log and state files and the working folder."""

    build_file: Path
    cwd: Path
    steps: list[Step]
    log: Path
    state: Path
    settings: dict[str, Any] = field(default_factory=dict)


class State:
    """The state file: per step, the digest of its inputs when it last ran and whether it succeeded."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        self.steps: dict[str, dict[str, Any]] = data.get("steps", {}) if isinstance(data, dict) else {}

    def why_out_of_date(self, step: Step, digest: str) -> str | None:
        """Why the step must run (a short phrase), or None when it is up to date."""
        missing = [p for p in step.outputs if not p.exists()]
        recorded = self.steps.get(step.name)
        if recorded is None:
            return "never ran" if not missing else f"no {missing[0].name}"
        if missing:
            return f"no {missing[0].name}"
        if recorded.get("status") != "ok":
            return "failed last time"
        if recorded.get("digest") != digest:
            return "inputs changed"
        return None

    def record(self, step: Step, digest: str, status: str) -> None:
        """Remember the step's outcome and write the state file (atomically: a new file, then renamed)."""
        self.steps[step.name] = {"digest": digest, "status": status,
                                 "finished": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"steps": self.steps}, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(tmp, self.path)


def tree_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, of a folder's files (names and contents, hidden ones skipped,
    recursively, in name order), or ``"missing"``."""
    if path.is_file():
        return file_sha256(path)
    if not path.is_dir():
        return "missing"
    digest = sha256()
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(f for f in files if not f.startswith(".")):
            file = Path(root) / name
            digest.update(f"{file.relative_to(path).as_posix()}\0".encode())
            with file.open("rb") as handle:
                while chunk := handle.read(_CHUNK):
                    digest.update(chunk)
            digest.update(b"\0")
    return digest.hexdigest()


def load_pipeline(path: str | os.PathLike[str], only: Iterable[str] = ()) -> Pipeline:
    """Read a build file's ``pipeline:`` section and jobs into the steps to run, in order.

    Raises
    ------
    BuildFileError
        The file is bad (see :func:`~aidfigures.reports.build.load_build_file`), or the
        ``pipeline:`` section has an unknown key or a value of the wrong kind.
    """
    import yaml

    build_file = Path(path)
    jobs = load_build_file(build_file, only)  # checks the file, its jobs and --only
    data = yaml.safe_load(build_file.read_text(encoding="utf-8")) or {}
    section = data.get("pipeline") or {}
    where = f"{build_file}: pipeline"
    if not isinstance(section, dict):
        raise BuildFileError(f"{where}: expected a mapping of {', '.join(PIPELINE_DEFAULTS)}")
    for key in section:
        if key not in PIPELINE_DEFAULTS:
            raise BuildFileError(f"{where}: unknown key {key!r} (expected {', '.join(PIPELINE_DEFAULTS)})")
    settings = {**PIPELINE_DEFAULTS, **section}
    inputs = settings["inputs"]
    if isinstance(inputs, str):
        inputs = [inputs]
    if not isinstance(inputs, list) or not inputs or not all(isinstance(i, str) and i.strip() for i in inputs):
        raise BuildFileError(f"{where}: 'inputs' must be a path or a non-empty list of paths (got {inputs!r})")
    for key in ("figures", "facts", "claims", "corrections", "log", "state"):
        if not isinstance(settings[key], str) or not settings[key].strip():
            raise BuildFileError(f"{where}: {key!r} must be a file path (got {settings[key]!r})")
    cwd = build_file.parent
    docs = tuple(cwd / i for i in inputs)
    figures, facts, claims = (cwd / settings[k] for k in ("figures", "facts", "claims"))
    documents = figures.with_name(f"{figures.stem}.documents{figures.suffix}")
    # the corrections file is an input of every step that reads figures: editing it reruns them (and
    # creating or removing it changes their command too)
    fixes = cwd / settings["corrections"]
    fix = ("--corrections", settings["corrections"]) if fixes.is_file() else ("--no-corrections",)
    steps = [
        Step("extract", ("extract", *inputs, "-o", settings["figures"], *fix), (*docs, fixes), (figures, documents),
             figures),
        Step("facts", ("facts", settings["figures"], "-o", settings["facts"], *fix), (figures, fixes), (facts,),
             facts),
        Step("claims", ("claims", *inputs, "--figures", settings["figures"], "-o", settings["claims"], *fix),
             (*docs, figures, fixes), (claims,), claims),
    ]
    for job in jobs:
        # every string parameter may name a file or folder (one that does not exist yet, such as the
        # figures table after `make clean`, hashes as "missing" until it does); never the project
        # folder or one above it ("." or "/": far too much, and the reports are in there)
        here = cwd.resolve()
        read = sorted({cwd / value for value in _strings(job.parameters)
                       if not here.is_relative_to((cwd / value).resolve())})
        steps.append(Step(
            f"report {job.name}", ("build", str(build_file.resolve()), "--only", job.name),
            (job.notebook, *read), (job.output_dir / MANIFEST,), job.output_dir / f"{job.notebook.stem}.html",
            job.name))
    return Pipeline(build_file, cwd, steps, cwd / settings["log"], cwd / settings["state"], settings)


def python_command() -> list[str]:
    """How to start this aidfigures as a child process."""
    return [sys.executable, "-m", "aidfigures"]


def _strings(value: Any) -> Iterable[str]:
    """Every string in a parameter value (lists and mappings searched): the candidate file paths."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str) and value and len(value) < 4096 and "\0" not in value:
        yield value
