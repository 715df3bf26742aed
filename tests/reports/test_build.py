"""Tests for build files (reports.yml), ``aidfigures build`` and the parameters of ``aidfigures report``."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

import aidfigures
from aidfigures import reports as report
from aidfigures.cli.main import _parser, main
from aidfigures.cli.reports import _report_parameters
from aidfigures.errors import BuildFileError, ReportError
from aidfigures.reports.build import load_build_file, parse_value
from aidfigures.reports.execute import declared_parameters
from aidfigures.reports.folders import MARKER

pytestmark = pytest.mark.slow  # kernels, notebooks, clusters: `make test-fast` skips them

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = Path(__file__).resolve().parent / "notebooks"


def _cli(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return code, out.getvalue(), err.getvalue()


# --- a build with a good, a failing and a missing job -------------------------------------------

BUILD = """\
defaults:
  timeout: 120
  parameters:
    figures: figures.csv
jobs:
  - name: good
    notebook: nb/chart.ipynb
    parameters: {countries: [Peru, Mexico], title: Good}
  - name: bad
    notebook: nb/fails.ipynb
    parameters: {message: build kaput}
  - name: missing
    notebook: nb/nothing.ipynb
"""


@dataclass
class Build:
    root: Path
    code: int
    out: str
    err: str


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Run BUILD from another directory; ``bad`` has an earlier good report."""
    root = tmp_path_factory.mktemp("build")
    shutil.copytree(NOTEBOOKS, root / "nb")
    aidfigures.write_figures(aidfigures.extract("Colombia received $351 million in 2011."), root / "figures.csv")
    (root / "reports.yml").write_text(BUILD)
    previous = root / "reports" / "bad"
    previous.mkdir(parents=True)
    (previous / "manifest.json").write_text('{"status": "ok"}')
    (previous / MARKER).write_text('{"made_by": "aidfigures"}')  # a report folder aidfigures made
    (previous / "fails.html").write_text("the previous good report")
    code, out, err = _cli(["build", str(root / "reports.yml")])
    return Build(root, code, out, err)


def test_build_goes_on_past_failures_and_exits_1(build: Build) -> None:
    assert build.code == 1
    lines = build.out.splitlines()
    assert [line.split()[:2] for line in lines] == [["ok", "good"], ["FAILED", "bad"], ["FAILED", "missing"]]
    assert lines[0].endswith(str(build.root / "reports" / "good" / "chart.html"))
    assert "cell 3: ValueError: build kaput" in lines[1]
    assert f"(see {build.root / 'reports' / 'bad.failed' / 'fails.html'})" in lines[1]
    assert "nothing.ipynb: no such notebook" in lines[2]


def test_build_progress_and_summary_on_stderr(build: Build) -> None:
    err = build.err.splitlines()
    started = [line for line in err if line.startswith("aidfigures: [")]
    assert [line.split()[1:3] for line in started] == [["[1/3]", "good:"], ["[2/3]", "bad:"], ["[3/3]", "missing:"]]
    assert err[-1] == "aidfigures: 3 reports: 1 ok, 2 failed (bad, missing)"
    assert not any("warning: " in line for line in err)


def test_build_writes_the_good_job_with_paths_relative_to_the_build_file(build: Build) -> None:
    folder = build.root / "reports" / "good"
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["status"] == "ok" and manifest["parameters"]["countries"] == ["Peru", "Mexico"]
    assert manifest["inputs"][0]["path"] == "figures.csv"  # read from the build file's folder
    chart = (folder / "amount_by_country.csv").read_text().splitlines()
    assert chart[0] == "country,amount,figures_rows" and chart[1].startswith("Peru,") and chart[1].endswith(",1")


def test_build_keeps_the_previous_report_of_a_failed_job(build: Build) -> None:
    assert (build.root / "reports" / "bad" / "fails.html").read_text() == "the previous good report"
    failed = build.root / "reports" / "bad.failed"
    assert json.loads((failed / "manifest.json").read_text())["error"] == "ValueError: build kaput"
    cells = nbformat.read(failed / "fails.ipynb", as_version=4).cells
    assert any(o.get("evalue") == "build kaput" for c in cells if c.cell_type == "code" for o in c.outputs)
    assert not (build.root / "reports" / "missing.failed").exists()


# --- build file checks ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "message"), [
    ("jobs: []\n", "'jobs' must be a non-empty list"),
    ("- name: a\n", "expected a mapping with 'jobs:'"),
    ("jobs:\n  - name: a\n    notebook: a.ipynb\n  - name: a\n    notebook: b.ipynb\n",
     "job 2 (a): the name 'a' is used by an earlier job"),
    ("jobs:\n  - name: a\n", "job 1 (a): 'notebook' must be the path of an .ipynb file (got None)"),
    ("jobs:\n  - notebook: a.ipynb\n", "job 1: 'name' must be letters, digits"),
    ("jobs:\n  - name: a b\n    notebook: a.ipynb\n", "job 1 (a b): 'name' must be letters"),
    ("jobs:\n  - name: a\n    notebook: a.ipynb\n    paramters: {x: 1}\n", "job 1 (a): unknown key 'paramters'"),
    ("jobs:\n  - name: a\n    notebook: a.ipynb\n    parameters: [1, 2]\n",
     "job 1 (a): 'parameters' must be a mapping of names to values, not a list"),
    ("jobs:\n  - name: a\n    notebook: a.ipynb\n    parameters: {output_dir: x}\n",
     "job 1 (a): 'output_dir' is set by aidfigures"),
    ("jobs:\n  - name: a\n    notebook: a.ipynb\n    parameters: {1x: 1}\n", "parameter name '1x' is not a Python name"),  # noqa: E501
    ("jobs:\n  - name: a\n    notebook: a.ipynb\n    timeout: -5\n", "job 1 (a): 'timeout' must be a positive number"),
    ("jobs:\n  - name: a\n    notebook: a.ipynb\n    timeout: soon\n", "'timeout' must be a positive number"),
    ("defaults: {timeout: 0}\njobs:\n  - name: a\n    notebook: a.ipynb\n", "defaults: 'timeout' must be"),
    ("defaults: {figures: x.csv}\njobs:\n  - name: a\n    notebook: a.ipynb\n", "defaults: unknown key 'figures'"),
    ("defaults: [1]\njobs: []\n", "defaults: expected a mapping, not a list"),
    ("jobs:\n  - name: a\n    notebook: a.ipynb\n    output_dir: ''\n", "'output_dir' must be a folder path"),
    ("jobs:\n  - just a string\n", "job 1: expected a mapping"),
    ("jobs:\n  - name: [a\n", "not valid YAML (line "),
    ("job: []\n", "unknown key 'job' (expected defaults, jobs, pipeline)"),
])
def test_build_file_errors_name_the_file_and_the_job(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "reports.yml"
    path.write_text(text)
    with pytest.raises(BuildFileError) as caught:
        load_build_file(path)
    assert str(caught.value).startswith(f"{path}: ") and message in str(caught.value)


def test_bad_build_file_is_a_usage_error_and_runs_nothing(tmp_path: Path) -> None:
    code, out, err = _cli(["build", str(tmp_path / "nope.yml")])
    assert (code, out) == (2, "") and "nope.yml: no such build file" in err
    path = tmp_path / "reports.yml"
    path.write_text("jobs:\n  - name: a\n    notebook: a.ipynb\n")
    code, out, err = _cli(["build", str(path), "--only", "b"])
    assert (code, out) == (2, "") and "no job named 'b' (jobs: a)" in err


def test_only_selects_jobs_in_file_order(tmp_path: Path) -> None:
    path = tmp_path / "reports.yml"
    path.write_text(BUILD)
    assert [job.name for job in load_build_file(path, only=["missing", "good"])] == ["good", "missing"]
    good = load_build_file(path, only=["good"])[0]
    assert good.parameters == {"figures": "figures.csv", "countries": ["Peru", "Mexico"], "title": "Good"}
    assert (good.notebook, good.output_dir, good.cwd, good.timeout) == (
        tmp_path / "nb" / "chart.ipynb", tmp_path / "reports" / "good", tmp_path, 120.0)


def test_default_reports_yml() -> None:
    jobs = load_build_file(REPO / "reports.yml")
    assert [job.name for job in jobs] == ["comparison-peru-colombia-mexico", "profile-peru", "profile-colombia",
                                          "profile-mexico", "corpus-overview",
                                          "reference-check-peru-colombia-mexico"]
    assert all(job.parameters["figures"] == "data/processed/figures.csv" for job in jobs)
    assert all(job.output_dir == REPO / "reports" / job.name and job.cwd == REPO for job in jobs)
    comparison = jobs[0]
    assert comparison.notebook == REPO / "notebooks" / "country_comparison.ipynb"
    assert comparison.parameters["countries"] == ["Peru", "Colombia", "Mexico"]
    assert comparison.parameters["years"] == [2000, 2025]
    assert comparison.parameters["claims"] == "data/processed/claims.csv"
    assert [job.parameters.get("country") for job in jobs[1:4]] == ["Peru", "Colombia", "Mexico"]
    assert {job.notebook.name for job in jobs[1:4]} == {"country_profile.ipynb"}
    assert jobs[4].notebook.name == "corpus_overview.ipynb"
    assert jobs[4].parameters == {"figures": "data/processed/figures.csv", "documents": "data/raw"}
    assert jobs[5].notebook.name == "reference_check.ipynb"


@pytest.mark.parametrize("job", load_build_file(REPO / "reports.yml"), ids=lambda job: job.name)
def test_default_jobs_pass_only_parameters_their_notebook_declares(job: report.ReportJob) -> None:
    if not job.notebook.is_file():
        pytest.skip(f"{job.notebook.relative_to(REPO)} is not written yet")
    declared = declared_parameters(nbformat.read(job.notebook, as_version=4))
    assert declared is not None, f"{job.notebook.name}: no cell tagged 'parameters'"
    assert set(job.parameters) | {"output_dir"} <= set(declared)


# --- parameters on the command line --------------------------------------------------------------

def test_cli_parameters_are_yaml_values(tmp_path: Path) -> None:
    params_file = tmp_path / "params.yaml"
    params_file.write_text("countries: [Peru]\nyears: [2000, 2025]\nsince: 2010-12-16\n")
    args = _parser().parse_args([
        "report", "nb.ipynb", "-f", str(params_file), "-p", "years", "[2006, 2011]",
        "-p", "countries", "[Peru, Colombia]", "-p", "top", "5", "-p", "share", "0.5", "-p", "country", "Peru",
        "-r", "label", "2006", "-p", "label2", "'2006'", "-p", "flag", "false", "-p", "nothing", "null"])
    assert _report_parameters(args) == {
        "countries": ["Peru", "Colombia"], "years": [2006, 2011], "since": "2010-12-16", "top": 5, "share": 0.5,
        "country": "Peru", "label": "2006", "label2": "2006", "flag": False, "nothing": None}


@pytest.mark.parametrize(("args", "message"), [
    (["-p", "years", "[2006,"], "-p years: '[2006,' is not a YAML value"),
    (["-p", "bad-name", "1"], "parameter name 'bad-name' is not a Python name"),
    (["-p", "output_dir", "x"], "output_dir is set by aidfigures; use -o DIR"),
    (["-f", "{tmp}/missing.yaml"], "missing.yaml: no such parameters file"),
    (["-f", "{tmp}/list.yaml"], "'parameters' must be a mapping of names to values, not a list"),
])
def test_cli_parameter_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "list.yaml").write_text("- 1\n- 2\n")
    code, out, err = _cli(["report", str(NOTEBOOKS / "chart.ipynb"), *[a.format(tmp=tmp_path) for a in args]])
    assert (code, out) == (2, "")
    assert message in err
    assert not (Path("reports") / "chart").exists()


def test_cli_report_usage_errors(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a report")
    code, _, err = _cli(["report", str(tmp_path / "none.ipynb")])
    assert code == 2 and "none.ipynb: no such notebook" in err
    code, _, err = _cli(["report", str(NOTEBOOKS / "chart.ipynb"), "--timeout", "-1"])
    assert code == 2 and "not a positive number of seconds" in err
    code, _, err = _cli(["report", str(NOTEBOOKS / "chart.ipynb"), "-o", str(tmp_path)])
    assert code == 2 and "is not a report folder" in err


def test_parse_value_rejects_what_papermill_cannot_write() -> None:
    assert parse_value("{a: [1, 2.5], b: x}") == {"a": [1, 2.5], "b": "x"}
    with pytest.raises(ReportError, match="mapping keys must be strings"):
        parse_value("{1: a}")
