"""Report folders: only folders aidfigures made are replaced, jobs never share one, bad output folders fail
alone, permissions follow the umask, work folders of killed builds are cleaned up (no kernel is started)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

from aidfigures.errors import BuildFileError, ReportError
from aidfigures.reports import run_build, run_report
from aidfigures.reports.build import load_build_file
from aidfigures.reports.export import check_replaceable
from aidfigures.reports.folders import MARKER, made_by_aidfigures

#: A kernel that does not exist: papermill fails at once, after the run's folder was made.
NO_KERNEL = "no-such-kernel"


@pytest.fixture
def notebook(tmp_path: Path) -> Path:
    path = tmp_path / "nb.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")]), path)
    return path


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


# --- which folders may be replaced --------------------------------------------------------------

def _web_app(folder: Path) -> Path:
    """A folder of someone else's that happens to hold a manifest.json."""
    (folder / "img").mkdir(parents=True)
    (folder / "img" / "logo.png").write_bytes(b"\x89PNG")
    (folder / "index.html").write_text("<html></html>")
    (folder / "manifest.json").write_text(json.dumps({"name": "webapp", "start_url": "/"}))
    return folder


@pytest.mark.parametrize("manifest", [
    pytest.param('{"name": "webapp", "start_url": "/"}', id="web app manifest"),
    pytest.param('{"status": "ok"}', id="some other JSON with a status"),
    pytest.param("not json", id="not JSON"),
    pytest.param("[1, 2]", id="a JSON list"),
])
def test_a_folder_with_somebody_elses_manifest_is_refused(tmp_path: Path, manifest: str) -> None:
    folder = _web_app(tmp_path / "public")
    (folder / "manifest.json").write_text(manifest)
    with pytest.raises(ReportError, match=r"public: exists and is not a report folder made by aidfigures"):
        check_replaceable(folder)


def test_run_report_into_a_web_app_folder_deletes_nothing(tmp_path: Path, notebook: Path) -> None:
    folder = _web_app(tmp_path / "webapp" / "public")
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    with pytest.raises(ReportError, match="public: exists and is not a report folder made by aidfigures"):
        run_report(notebook, {}, folder, kernel=NO_KERNEL)
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == before
    assert not list(folder.parent.glob(".public.*"))


@pytest.mark.parametrize("contents", [
    pytest.param({MARKER: '{"made_by": "aidfigures"}'}, id="marker"),
    pytest.param({"manifest.json": json.dumps({"notebook": "n.ipynb", "notebook_sha256": "ab", "status": "ok",
                                               "aidfigures_version": "0.1"})}, id="older report: manifest only"),
    pytest.param({}, id="empty folder"),
])
def test_report_folders_and_empty_folders_may_be_replaced(tmp_path: Path, contents: dict[str, str]) -> None:
    folder = tmp_path / "report"
    folder.mkdir()
    for name, text in contents.items():
        (folder / name).write_text(text)
    check_replaceable(folder)
    assert made_by_aidfigures(folder) == bool(contents)


def test_a_run_marks_its_folder_and_replaces_it_next_time(tmp_path: Path, notebook: Path) -> None:
    first = run_report(notebook, {}, tmp_path / "out", kernel=NO_KERNEL)
    assert first.status == "failed" and first.run_dir == tmp_path / "out.failed"
    assert (first.run_dir / MARKER).is_file() and made_by_aidfigures(first.run_dir)
    assert MARKER not in json.loads(first.manifest.read_text())["files"]
    second = run_report(notebook, {}, tmp_path / "out", kernel=NO_KERNEL)  # replaces out.failed
    assert second.run_dir == first.run_dir and second.started > first.started


# --- build files: jobs and their folders --------------------------------------------------------

def _build(tmp_path: Path, *output_dirs: str | None, notebook: str = "nb.ipynb") -> Path:
    lines = ["jobs:"]
    for i, out in enumerate(output_dirs):
        lines += [f"  - name: job{i}", f"    notebook: {notebook}"] + ([f"    output_dir: '{out}'"] if out else [])
    path = tmp_path / "reports.yml"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize("first, second", [
    pytest.param("out/a", "out/a", id="same path"),
    pytest.param("out/a", "out/./a/", id="same folder spelled differently"),
    pytest.param("out/a", "out/b/../a", id="through a parent"),
    pytest.param(None, "reports/job0", id="the default folder of another job"),
    pytest.param("out/a", "out/a.failed", id="another job's failed folder"),
    pytest.param("out", "out/a", id="one inside the other"),
    pytest.param("out/a/deep/er", "out/a", id="one deep inside the other"),
])
def test_jobs_sharing_a_report_folder_are_refused_at_load(tmp_path: Path, first: str | None, second: str) -> None:
    with pytest.raises(BuildFileError, match=r"reports\.yml: job.*'job0'.*'job1'|'job1'.*'job0'"):
        load_build_file(_build(tmp_path, first, second))


def test_jobs_with_their_own_folders_load(tmp_path: Path) -> None:
    jobs = load_build_file(_build(tmp_path, "out/a", "out/ab", "out/a-b", None))
    assert [job.output_dir.name for job in jobs] == ["a", "ab", "a-b", "job3"]


@pytest.mark.parametrize("bad", [".", "./", "..", "/"])
def test_a_folder_that_cannot_be_a_report_folder_fails_its_job_alone(
        tmp_path: Path, notebook: Path, monkeypatch: pytest.MonkeyPatch, bad: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reports.yml").write_text(
        f"jobs:\n  - {{name: first, notebook: nb.ipynb, output_dir: '{bad}'}}\n"
        "  - {name: second, notebook: missing.ipynb}\n  - {name: third, notebook: missing.ipynb}\n")
    results = run_build("reports.yml")  # relative to the current folder, as `aidfigures build` reads it
    assert [r.status for r in results] == ["failed", "failed", "failed"]
    assert "give the report its own folder" in (results[0].error or "") or \
        "contains the working directory" in (results[0].error or "")
    assert all("missing.ipynb" in (r.error or "") for r in results[1:])  # the later jobs ran
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nb.ipynb", "reports.yml"]


# --- permissions and stale work folders ---------------------------------------------------------

@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize("mask, mode", [(0o022, 0o755), (0o027, 0o750), (0o077, 0o700)])
def test_report_folders_follow_the_umask(tmp_path: Path, notebook: Path, mask: int, mode: int) -> None:
    old = os.umask(mask)
    try:
        result = run_report(notebook, {}, tmp_path / "out", kernel=NO_KERNEL)
    finally:
        os.umask(old)
    assert result.run_dir is not None
    assert result.run_dir.stat().st_mode & 0o777 == mode


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _work_folder(parent: Path, name: str, owner: dict[str, object] | None, age: float = 0.0) -> Path:
    folder = parent / name
    (folder / "partial").mkdir(parents=True)
    if owner is not None:
        (folder / MARKER).write_text(json.dumps({"made_by": "aidfigures", **owner}))
        if age:
            stamp = (folder / MARKER).stat().st_mtime - age
            os.utime(folder / MARKER, (stamp, stamp))
    return folder


def test_work_folders_of_killed_builds_are_removed(tmp_path: Path, notebook: Path, umask: None) -> None:
    host = socket.gethostname()
    stale = [
        _work_folder(tmp_path, ".out.1-dead0001.tmp", {"pid": _dead_pid(), "host": host}),
        _work_folder(tmp_path, ".out.abcd1234.tmp", {"pid": 1, "host": "elsewhere"}, age=3 * 86400),
    ]
    kept = [
        _work_folder(tmp_path, ".out.2-live0001.tmp", {"pid": os.getpid(), "host": host}),  # a run going on
        _work_folder(tmp_path, ".out.3-fresh001.tmp", {"pid": 1, "host": "elsewhere"}, age=60),
        _work_folder(tmp_path, ".out.x9y8z7w6.tmp", None),  # not made by aidfigures (no marker)
        _work_folder(tmp_path, ".outer.4-dead0002.tmp", {"pid": _dead_pid(), "host": host}),  # another report
        _work_folder(tmp_path, ".out.5-dead0003.old", {"pid": _dead_pid(), "host": host}),  # not a work folder
    ]
    run_report(notebook, {}, tmp_path / "out", kernel=NO_KERNEL)
    assert not any(folder.exists() for folder in stale)
    assert all(folder.is_dir() for folder in kept)
    assert not [p for p in tmp_path.glob(".out.*.tmp") if p not in kept]  # this run's own is gone too
