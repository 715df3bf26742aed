"""Lab's working folder: copies of the templates, template changes reaching unedited copies only."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest

from aidfigures.cli.main import main
from aidfigures.errors import ReportError
from aidfigures.reports.workspace import SEEDED, seed_workspace

TEMPLATE = ["x = 1", "print(x)"]


def _write(path: Path, sources: list[str]) -> None:
    book = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nbformat.write(book, path)


def _sources(path: Path) -> list[str]:
    return [c.source for c in nbformat.read(path, as_version=4).cells]


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    templates, lab = tmp_path / "notebooks", tmp_path / "lab"
    templates.mkdir()
    _write(templates / "a.ipynb", TEMPLATE)
    seeded = seed_workspace(templates, lab)
    assert [(s.name, s.action) for s in seeded] == [("a.ipynb", "copied")]
    assert (lab / "a.ipynb").read_bytes() == (templates / "a.ipynb").read_bytes()
    return templates, lab


def _lab_opened_and_ran(copy: Path) -> None:
    """What Lab does without an edit: kernelspec and language_info, cell ids, outputs, execution counts."""
    book = nbformat.read(copy, as_version=4)
    book.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    book.metadata["language_info"] = {"name": "python", "version": "3.12.1"}
    for n, cell in enumerate(book.cells, 1):
        cell.execution_count = n
        cell.outputs = [nbformat.v4.new_output("stream", text="1\n")]
    nbformat.write(book, copy)


def _edited(copy: Path) -> None:
    book = nbformat.read(copy, as_version=4)
    book.cells[0].source = "x = 2  # the analyst's own"
    nbformat.write(book, copy)


def _took_the_change_over(copy: Path) -> None:
    _write(copy, [*TEMPLATE, "x + 1"])


CHANGES: list[tuple[str, Callable[[Path], None], str, list[str]]] = [  # id, done to the copy, action, copy's cells
    ("untouched", lambda copy: None, "updated", [*TEMPLATE, "x + 1"]),
    ("opened-and-run-in-lab", _lab_opened_and_ran, "updated", [*TEMPLATE, "x + 1"]),
    ("edited", _edited, "kept", ["x = 2  # the analyst's own", "print(x)"]),
    ("change-taken-over-by-hand", _took_the_change_over, "current", [*TEMPLATE, "x + 1"]),
]


@pytest.mark.parametrize(("done", "action", "cells"), [c[1:] for c in CHANGES], ids=[c[0] for c in CHANGES])
def test_a_changed_template_reaches_only_unedited_copies(folders: tuple[Path, Path], done: Callable[[Path], None],
                                                        action: str, cells: list[str]) -> None:
    templates, lab = folders
    done(lab / "a.ipynb")
    _write(templates / "a.ipynb", [*TEMPLATE, "x + 1"])
    seeded = seed_workspace(templates, lab)
    assert [s.action for s in seeded] == [action]
    assert _sources(lab / "a.ipynb") == cells
    if action == "kept":
        assert seeded[0].new == lab / "a.new.ipynb"
        assert _sources(lab / "a.new.ipynb") == [*TEMPLATE, "x + 1"]
        assert [s.action for s in seed_workspace(templates, lab)] == ["kept"]  # said again until resolved
    else:
        assert not (lab / "a.new.ipynb").exists()
        assert [s.action for s in seed_workspace(templates, lab)] == ["current"]


@pytest.mark.parametrize("done", [lambda copy: None, _lab_opened_and_ran, _edited],
                         ids=["untouched", "opened-and-run-in-lab", "edited"])
def test_an_unchanged_template_leaves_the_copy_alone(folders: tuple[Path, Path], done: Callable[[Path], None]) -> None:
    templates, lab = folders
    done(lab / "a.ipynb")
    before = (lab / "a.ipynb").read_bytes()
    assert [s.action for s in seed_workspace(templates, lab)] == ["current"]
    assert (lab / "a.ipynb").read_bytes() == before


def test_a_deleted_copy_is_seeded_again_and_new_templates_arrive(folders: tuple[Path, Path]) -> None:
    templates, lab = folders
    (lab / "a.ipynb").unlink()
    _write(templates / "b.ipynb", ["y = 1"])
    seeded = seed_workspace(templates, lab)
    assert [(s.name, s.action) for s in seeded] == [("a.ipynb", "copied"), ("b.ipynb", "copied")]
    assert set(json.loads((lab / SEEDED).read_text())) == {"a.ipynb", "b.ipynb"}


def test_no_templates_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="no templates folder"):
        seed_workspace(tmp_path / "none", tmp_path / "lab")


def test_cli_workspace(folders: tuple[Path, Path]) -> None:
    templates, lab = folders
    _edited(lab / "a.ipynb")
    _write(templates / "a.ipynb", ["z = 3"])
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["workspace", str(lab), "--templates", str(templates)])
    assert code == 0
    assert "a.ipynb: the template changed; your edited copy is kept and the new template is" in err.getvalue()
    with contextlib.redirect_stderr(err):
        assert main(["workspace", str(lab), "--templates", str(lab / "none")]) == 2


@pytest.mark.skipif(shutil.which("make") is None, reason="no make")
def test_make_lab_seeds_the_working_folder_then_passes_lab_args_on() -> None:
    repo = Path(__file__).resolve().parents[2]
    done = subprocess.run(["make", "-n", "-s", "lab", "LAB_ARGS=--no-browser --port 8890"], cwd=repo,
                          capture_output=True, text=True, timeout=60, check=True)
    lines = done.stdout.splitlines()
    seed = next(i for i, line in enumerate(lines) if "aidfigures workspace lab --templates notebooks" in line)
    lab = next(i for i, line in enumerate(lines) if "jupyter lab " in line)
    assert seed < lab
    assert "--notebook-dir=lab" in lines[lab] and lines[lab].endswith("--no-browser --port 8890")
    assert ("--allow-root" in lines[lab]) == (os.geteuid() == 0)
