"""The project root a notebook finds, its paths relative to the root, and the folder a Lab run writes to."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

import aidfigures as af
from aidfigures.reports.params import effective_parameters, notebook_parameters
from aidfigures.reports.project import PROJECT_ENV, project_path, project_root, report_folder
from aidfigures.reports.slugs import default_output_dir

REPO = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((REPO / "notebooks").glob("*.ipynb"))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A small project: reports.yml, notebooks/ (the shipped templates), lab/, data/processed/figures.csv."""
    monkeypatch.delenv(PROJECT_ENV, raising=False)
    root = tmp_path / "proj"
    shutil.copytree(REPO / "notebooks", root / "notebooks")
    (root / "lab" / "deeper").mkdir(parents=True)
    (root / "reports.yml").write_text("jobs: []\n")
    (root / "data" / "processed").mkdir(parents=True)
    (root / "data" / "processed" / "figures.csv").write_text("x\n")
    monkeypatch.chdir(root)
    yield root.resolve()


@pytest.mark.parametrize("where", [".", "notebooks", "lab", "lab/deeper"])
def test_the_root_is_found_from_the_root_and_below(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                   where: str) -> None:
    monkeypatch.chdir(project / where)
    assert project_root() == project


def test_no_root_outside_a_project_and_the_variable_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PROJECT_ENV, raising=False)
    assert project_root(tmp_path) is None
    monkeypatch.setenv(PROJECT_ENV, str(tmp_path))
    assert project_root(REPO) == tmp_path.resolve()


PATHS = [  # working folder, path given, expected (relative to the project root; "=" means kept as given)
    ("notebooks", "data/processed/figures.csv", "data/processed/figures.csv"),
    ("lab/deeper", "data/processed/figures.csv", "data/processed/figures.csv"),
    (".", "data/processed/figures.csv", "="),           # exists from here: kept as given
    ("notebooks", "../data/processed/figures.csv", "="),  # the old default, still fine from notebooks/
    ("lab", "no/such.csv", "no/such.csv"),              # missing everywhere: the project's (named in the error)
    ("lab", "/abs/figures.csv", "="),
]


@pytest.mark.parametrize(("where", "given", "expected"), PATHS)
def test_relative_paths_are_read_from_here_else_from_the_root(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                              where: str, given: str, expected: str) -> None:
    monkeypatch.chdir(project / where)
    assert project_path(given) == (given if expected == "=" else str(project / expected))
    assert project_path(None) is None


def test_outside_a_project_paths_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PROJECT_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    assert project_path("data/figures.csv") == "data/figures.csv"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.stem)
def test_a_lab_run_names_its_folder_as_aidfigures_report_does(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                              template: Path) -> None:
    monkeypatch.chdir(project / "lab")
    declared = notebook_parameters(template)
    namespace = {name: effective_parameters(declared, {}).get(name) for name in declared}  # the defaults
    folder = Path(report_folder(template.stem, namespace))
    assert folder == project / default_output_dir(template, effective_parameters(declared, {}))
    assert folder.parent == project / "reports" and folder.name.startswith(f"{template.stem}-")
    other_table = Path(report_folder(template.stem, {**namespace, "figures": "other.csv"}))
    assert other_table != folder and other_table.name[:-4] == folder.name[:-4]  # paths: in the hash only
    if "years" in declared:
        assert "1990-1999" in report_folder(template.stem, {**namespace, "years": [1990, 1999]})
    assert report_folder(template.stem, {**namespace, "undeclared": 1}) == str(folder)
    assert report_folder(template.stem, {**namespace, "output_dir": "/set/by/build"}) == "/set/by/build"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.stem)
def test_a_lab_run_folder_carries_the_marker_so_aidfigures_report_may_replace_it(
        project: Path, monkeypatch: pytest.MonkeyPatch, template: Path) -> None:
    from aidfigures.reports.export import check_replaceable
    from aidfigures.reports.folders import MARKER

    monkeypatch.chdir(project / "lab")
    declared = notebook_parameters(template)
    namespace = {name: effective_parameters(declared, {}).get(name) for name in declared}
    folder = Path(report_folder(template.stem, namespace))
    assert (folder / MARKER).is_file()
    (folder / "chart.png").write_bytes(b"png")  # what the Lab run then saves
    check_replaceable(folder)  # no error: a report may replace it
    mine = Path(report_folder(template.stem, {**namespace, "figures": "mine.csv"}))
    (mine / MARKER).unlink()
    (mine / "notes.txt").write_text("an analyst's file")
    assert report_folder(template.stem, {**namespace, "figures": "mine.csv"}) == str(mine)
    assert not (mine / MARKER).exists()  # a folder without the marker is left as it is


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.stem)
def test_templates_default_to_project_paths_and_resolve_them_first(template: Path) -> None:
    book = nbformat.read(template, as_version=4)
    assert book.metadata["kernelspec"] == {"display_name": "Python 3 (ipykernel)", "language": "python",
                                           "name": "python3"}  # what `ipykernel install` writes, as Lab sees it
    declared = notebook_parameters(template)
    assert "../" not in " ".join(str(info["default"]) for info in declared.values())
    assert declared["output_dir"]["default"] == "None"
    index = next(i for i, c in enumerate(book.cells) if "parameters" in c.metadata.get("tags", []))
    after = book.cells[index + 1].source
    assert f'output_dir = af.report_folder("{template.stem}", globals())' in after
    assert after.index("report_folder") < after.index("project_path(figures)")


@pytest.mark.slow
@pytest.mark.parametrize("where", [".", "notebooks"])
def test_plain_papermill_works_from_the_root_and_from_notebooks(project: Path, where: str) -> None:
    figures = af.write_figures(af.extract("Peru received 56.4 million dollars in military aid in 2006."),
                               project / "data" / "processed" / "figures.csv")
    papermill = Path(sys.executable).parent / "papermill"
    env = {k: v for k, v in os.environ.items() if k != PROJECT_ENV}
    notebook = "notebooks/country_profile.ipynb" if where == "." else "country_profile.ipynb"
    done = subprocess.run([str(papermill), notebook, str(project / "out.ipynb"), "--no-progress-bar"],
                          cwd=project / where, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    declared = notebook_parameters(project / "notebooks" / "country_profile.ipynb")
    folder = project / default_output_dir("country_profile", effective_parameters(declared, {}))
    assert (folder / "facts.csv").is_file()
    assert figures.is_file() and not (project / "notebooks" / "reports").exists()
