"""Folder walks: symbolic links to folders followed (loops detected); what cannot be read is an error row."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aidfigures.corpus import run_extraction
from aidfigures.sources import iter_documents
from aidfigures.sources import walk as walk_module

pytestmark = pytest.mark.skipif(os.name != "posix", reason="symbolic links and FIFOs as on POSIX")
TEXT = "Peru received $5 million in 2006."


def _rows(top: Path) -> list[tuple[str, str | None]]:
    """(source relative to top, error) of every document under ``top``."""
    return [(os.path.relpath(d.source, top), d.error) for d in iter_documents(top)]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    top = tmp_path / "corpus"
    (top / "real").mkdir(parents=True)
    (top / "real" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "b.txt").write_text(TEXT, encoding="utf-8")
    return top


# ---------------------------------------------------------------- symbolic links to folders

def test_a_link_to_a_folder_outside_the_tree_is_followed(tree: Path) -> None:
    (tree / "linked").symlink_to(tree.parent / "elsewhere", target_is_directory=True)
    assert _rows(tree) == [("linked/b.txt", None), ("real/a.txt", None)]


def test_a_folder_reached_twice_is_read_once_under_its_real_path(tree: Path) -> None:
    (tree / "alias").symlink_to(tree / "real", target_is_directory=True)  # sorts before real/
    (tree / "zz").symlink_to(tree.parent / "elsewhere", target_is_directory=True)
    (tree / "zz2").symlink_to(tree.parent / "elsewhere", target_is_directory=True)
    assert _rows(tree) == [("real/a.txt", None), ("zz/b.txt", None)]


@pytest.mark.parametrize("target", [".", "..", "../real"], ids=["itself", "parent", "itself-by-another-path"])
def test_a_link_looping_back_to_an_enclosing_folder_is_an_error_row(tree: Path, target: str) -> None:
    (tree / "real" / "loop").symlink_to(tree / "real" / target, target_is_directory=True)
    rows = _rows(tree)
    assert rows[0] == ("real/a.txt", None)
    assert rows[1][0] == "real/loop" and rows[1][1] is not None and rows[1][1].startswith("symbolic link loop")
    assert len(rows) == 2


# ---------------------------------------------------------------- entries that cannot be read

def test_a_broken_link_is_an_error_row(tree: Path) -> None:
    (tree / "gone.txt").symlink_to(tree / "nowhere.txt")
    (tree / "gone.bin").symlink_to(tree / "nowhere.bin")  # no include pattern matches it: not a document
    assert _rows(tree) == [("gone.txt", f"broken symbolic link (to {tree / 'nowhere.txt'})"), ("real/a.txt", None)]


def test_a_fifo_is_an_error_row_and_never_blocks(tree: Path) -> None:
    os.mkfifo(tree / "pipe.txt")
    assert _rows(tree) == [("pipe.txt", "not a regular file (a FIFO)"), ("real/a.txt", None)]


def test_an_unreadable_folder_is_an_error_row(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tree / "secret").mkdir()
    (tree / "secret" / "c.txt").write_text(TEXT, encoding="utf-8")
    scandir = os.scandir

    def denied(path: os.PathLike[str]) -> object:  # root reads any folder: refuse this one as a user's chmod would
        if Path(path).name == "secret":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(walk_module.os, "scandir", denied)
    assert _rows(tree) == [("real/a.txt", None), ("secret", "folder not read (Permission denied)")]


def test_the_corpus_run_counts_them_as_failures(tree: Path) -> None:
    os.mkfifo(tree / "pipe.txt")
    (tree / "gone.txt").symlink_to(tree / "nowhere.txt")
    with pytest.warns(UserWarning):
        run = run_extraction([tree])
    assert [(d.doc_id, d.ok) for d in run.documents] == [("gone", False), ("pipe", False), ("a", True)]
    assert len(run.figures) == 1
