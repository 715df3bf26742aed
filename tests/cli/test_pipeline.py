"""``aidfigures pipeline``: every step of reports.yml, only what is out of date, logged, past failures."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from aidfigures.cli.main import main
from aidfigures.errors import BuildFileError
from aidfigures.reports.pipeline import State, Step, load_pipeline, tree_sha256

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "tests" / "reports" / "notebooks"

BUILD = """\
defaults:
  timeout: 120
  parameters: {figures: data/processed/figures.csv}
jobs:
  - name: chart
    notebook: nb/chart.ipynb
    parameters: {countries: [Peru], title: Pipeline}
"""
TEXT = "Peru received 56.4 million dollars in military aid in 2006. Chile got $12 million in 2007.\n"


def _cli(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return code, out.getvalue(), err.getvalue()


def _project(root: Path, build: str = BUILD) -> Path:
    """A project laid out as this repository: data/raw, data/processed, reports/, a notebook, the Makefile."""
    (root / "data" / "raw").mkdir(parents=True)
    (root / "data" / "raw" / "peru.txt").write_text(TEXT)
    (root / "data" / "processed").mkdir()
    (root / "reports").mkdir()
    for folder in ("src", "tests", "benchmarks"):  # what `make clean` searches for __pycache__
        (root / folder).mkdir()
    shutil.copytree(NOTEBOOKS, root / "nb")
    shutil.copy(REPO / "Makefile", root / "Makefile")
    (root / "reports.yml").write_text(build)
    return root / "reports.yml"


def _statuses(out: str) -> dict[str, str]:
    """Step name -> ok / current / FAILED, from the lines on stdout."""
    found = {}
    for line in out.splitlines():
        status, rest = line.split(None, 1)
        name = " ".join(rest.split()[:2]) if rest.startswith("report ") else rest.split()[0]
        found[name] = status
    return found


ALL = ["extract", "facts", "claims", "report chart"]


@pytest.mark.slow
def test_pipeline_runs_everything_then_only_what_is_out_of_date(tmp_path: Path) -> None:
    build = _project(tmp_path)
    code, out, err = _cli(["pipeline", str(build)])
    assert code == 0, out + err
    assert _statuses(out) == dict.fromkeys(ALL, "ok")
    processed = tmp_path / "data" / "processed"
    for name in ("figures.csv", "figures.documents.csv", "facts.csv", "claims.csv"):
        assert (processed / name).is_file(), name
    html = tmp_path / "reports" / "chart" / "chart.html"
    assert html.is_file() and str(html) in out
    log = (tmp_path / "reports" / "pipeline.log").read_text()
    for command in ("aidfigures extract data/raw -o data/processed/figures.csv",
                    "aidfigures facts data/processed/figures.csv -o data/processed/facts.csv",
                    "aidfigures claims data/raw --figures data/processed/figures.csv -o data/processed/claims.csv",
                    "--only chart"):
        assert command in log
    assert "1 document, 2 figures, 0 failed" in log  # the steps' own output is in the log
    assert "pipeline: 4 steps, 4 ran, 0 up to date, 0 failed" in err.splitlines()[-1]

    # nothing changed: nothing runs
    code, out, _ = _cli(["pipeline", str(build)])
    assert code == 0 and _statuses(out) == dict.fromkeys(ALL, "current")
    # a newer timestamp on the same content is not a change (content hashes)
    doc = tmp_path / "data" / "raw" / "peru.txt"
    os.utime(doc, (doc.stat().st_atime + 100, doc.stat().st_mtime + 100))
    code, out, _ = _cli(["pipeline", str(build)])
    assert code == 0 and _statuses(out) == dict.fromkeys(ALL, "current")

    # after `make clean` everything is rebuilt
    subprocess.run(["make", "-s", "clean"], cwd=tmp_path, check=True, capture_output=True, timeout=60)
    assert not (processed / "figures.csv").exists() and not html.exists()
    code, out, err = _cli(["pipeline", str(build)])
    assert code == 0, out + err
    assert _statuses(out) == dict.fromkeys(ALL, "ok") and html.is_file()

    # a new document and an unreadable one: extract fails (exit 1) but writes the new figures, and
    # the facts, claims and report are built from them
    (tmp_path / "data" / "raw" / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    (tmp_path / "data" / "raw" / "mexico.txt").write_text("Mexico received $9 million in police aid in 2008.\n")
    code, out, err = _cli(["pipeline", str(build)])
    assert code == 1
    statuses = _statuses(out)
    assert statuses == {"extract": "FAILED", "facts": "ok", "claims": statuses["claims"], "report chart": "ok"}
    assert "exit 1: 3 documents, 3 figures, 1 failed (data/raw/broken.txt: binary file, not text)" in out
    assert "Mexico" in (processed / "figures.csv").read_text()
    manifest = json.loads((tmp_path / "reports" / "chart" / "manifest.json").read_text())
    assert html.is_file() and manifest["status"] == "ok"
    assert "failed (extract" in err.splitlines()[-1]


@pytest.mark.slow  # each step is an aidfigures process
def test_a_failed_step_runs_again_and_the_others_do_not(tmp_path: Path) -> None:
    build = _project(tmp_path, "jobs:\n  - name: gone\n    notebook: nb/nothing.ipynb\n")
    code, out, _ = _cli(["pipeline", str(build)])
    assert code == 1
    assert _statuses(out) == {"extract": "ok", "facts": "ok", "claims": "ok", "report gone": "FAILED"}
    assert "nothing.ipynb: no such notebook" in out
    code, out, _ = _cli(["pipeline", str(build)])
    assert code == 1
    assert _statuses(out) == {"extract": "current", "facts": "current", "claims": "current", "report gone": "FAILED"}
    code, out, _ = _cli(["pipeline", str(build), "--force", "--only", "gone"])
    assert set(_statuses(out).values()) == {"ok", "FAILED"}


@pytest.mark.slow
def test_a_changed_document_reruns_the_steps_that_read_it(tmp_path: Path) -> None:
    build = _project(tmp_path, "jobs:\n  - name: gone\n    notebook: nb/nothing.ipynb\n")
    assert _cli(["pipeline", str(build)])[0] == 1
    (tmp_path / "data" / "raw" / "peru.txt").write_text(TEXT.replace("12 million", "13 million"))
    code, out, _ = _cli(["pipeline", str(build)])
    assert _statuses(out) == {"extract": "ok", "facts": "ok", "claims": "ok", "report gone": "FAILED"}
    # the same text written again (a new timestamp, the same bytes) reruns nothing
    (tmp_path / "data" / "raw" / "peru.txt").write_text(TEXT.replace("12 million", "13 million"))
    code, out, _ = _cli(["pipeline", str(build)])
    assert _statuses(out)["extract"] == "current" and _statuses(out)["facts"] == "current"


@pytest.mark.parametrize(("section", "message"), [
    ("pipeline: {inputs: []}", "'inputs' must be a path or a non-empty list of paths"),
    ("pipeline: {figure: x.csv}",
     "pipeline: unknown key 'figure' (expected inputs, figures, facts, claims, corrections, log, state)"),
    ("pipeline: [data/raw]", "pipeline: expected a mapping"),
    ("pipeline: {log: 3}", "'log' must be a file path"),
])
def test_a_bad_pipeline_section_is_a_usage_error(tmp_path: Path, section: str, message: str) -> None:
    build = tmp_path / "reports.yml"
    build.write_text(f"{section}\njobs:\n  - name: a\n    notebook: a.ipynb\n")
    with pytest.raises(BuildFileError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")):
        load_pipeline(build)
    code, out, err = _cli(["pipeline", str(build)])
    assert code == 2 and out == "" and message in err
    assert not (tmp_path / "reports").exists()


def test_the_shipped_reports_yml_declares_the_whole_pipeline() -> None:
    pipeline = load_pipeline(REPO / "reports.yml")
    names = [step.name for step in pipeline.steps]
    assert names[:3] == ["extract", "facts", "claims"] and len(names) == 3 + 6
    assert pipeline.log == REPO / "reports" / "pipeline.log"
    assert pipeline.state.parent == REPO / "data" / "processed"  # `make clean` removes it
    comparison = pipeline.steps[3]
    assert REPO / "data" / "processed" / "claims.csv" in comparison.inputs
    assert REPO / "notebooks" / "country_comparison.ipynb" in comparison.inputs
    makefile = (REPO / "Makefile").read_text()
    run = makefile.split("\nrun:")[1].split("\n\n")[0]
    assert "$(BIN)/aidfigures pipeline reports.yml" in run and "build reports.yml" not in run
    readme = (REPO / "README.md").read_text()
    cron = readme.split("```cron\n")[1].split("```")[0]
    assert "aidfigures pipeline reports.yml" in cron and "&&" not in cron.split("pipeline reports.yml")[1]


def test_a_report_depends_on_the_files_its_parameters_name_but_not_on_the_project_folder(tmp_path: Path) -> None:
    build = tmp_path / "reports.yml"
    build.write_text("jobs:\n  - name: a\n    notebook: nb/a.ipynb\n"
                     "    parameters: {figures: out/f.csv, docs: [raw, /], here: ., country: Peru}\n")
    report = load_pipeline(build).steps[-1]
    assert set(report.inputs) == {tmp_path / p for p in ("nb/a.ipynb", "out/f.csv", "raw", "Peru")}


def test_contents_not_timestamps_make_a_step_out_of_date(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("one")
    (folder / ".hidden").write_text("ignored")
    step = Step("extract", ("extract", "docs"), (folder,), (tmp_path / "out.csv",))
    state = State(tmp_path / "state.json")
    first = step.digest()
    assert state.why_out_of_date(step, first) == "no out.csv"
    (tmp_path / "out.csv").write_text("x")
    assert state.why_out_of_date(step, first) == "never ran"
    state.record(step, first, "ok")
    assert State(tmp_path / "state.json").why_out_of_date(step, first) is None
    os.utime(folder / "a.txt", (1, 1))
    (folder / ".hidden").write_text("changed, still ignored")
    assert step.digest() == first
    (folder / "a.txt").write_text("two")
    assert state.why_out_of_date(step, step.digest()) == "inputs changed"
    (folder / "b.txt").write_text("")
    assert tree_sha256(folder) != tree_sha256(tmp_path / "none") == "missing"
    state.record(step, first, "exit 1")
    assert state.why_out_of_date(step, first) == "failed last time"


def test_the_corrections_file_is_an_input_of_the_steps_that_read_figures(tmp_path: Path) -> None:
    build = tmp_path / "reports.yml"
    build.write_text("pipeline: {corrections: fixes/c.csv}\njobs:\n  - name: a\n    notebook: a.ipynb\n")
    fixes = tmp_path / "fixes" / "c.csv"
    before = {s.name: s for s in load_pipeline(build).steps[:3]}
    assert all(fixes in s.inputs and s.args[-1] == "--no-corrections" for s in before.values())
    fixes.parent.mkdir()
    fixes.write_text("sha256,start,end,field,value,who,when,note\n")
    after = {s.name: s for s in load_pipeline(build).steps[:3]}
    assert all(s.args[-2:] == ("--corrections", "fixes/c.csv") for s in after.values())
    digests = {name: s.digest() for name, s in after.items()}
    assert all(digests[name] != before[name].digest() for name in digests)
    fixes.write_text(fixes.read_text() + f"{'b' * 64},1,4,confirmed,,,,\n")  # an edit: every step reruns
    assert all(s.digest() != digests[s.name] for s in load_pipeline(build).steps[:3])
