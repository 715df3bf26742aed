"""Tests for aidfigures.corpus: many documents in, one table and per-document statuses out."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from aidfigures import schema
from aidfigures.corpus import extract_files, run_extraction
from aidfigures.errors import DocumentError, DocumentWarning
from aidfigures.sources import unique_doc_ids

Tree = Callable[[dict[str, str | bytes]], Path]

pytestmark = pytest.mark.usefixtures("fake_extractor")


def test_figures_in_document_order(tmp_path: Path, tree: Tree) -> None:
    tree({"b.txt": "$1 then $2", "a.txt": "$3", "sub/c.md": "none here", "z.dat": "$9"})
    run = run_extraction([tmp_path, tmp_path / "z.dat"])
    assert [(d.doc_id, d.n_figures, d.ok) for d in run.documents] == [
        ("a", 1, True), ("b", 2, True), ("c", 0, True), ("z", 1, True)]
    assert run.figures[["doc_id", "start"]].values.tolist() == [["a", 0], ["b", 0], ["b", 8], ["z", 0]]
    assert run.failures == ()
    pd.testing.assert_frame_equal(run.figures, schema.validate(run.figures))


def test_duplicate_stems_get_unique_ids(tmp_path: Path, tree: Tree) -> None:
    tree({"one/report.txt": "$1", "two/report.txt": "$1", "three/report.html": "<p>$1</p>"})
    figures = extract_files([tmp_path])
    assert figures["doc_id"].tolist() == ["report", "report~2", "report~3"]
    assert not figures.duplicated(list(schema.KEY)).any()


@pytest.mark.parametrize(("paths", "expected"), [
    pytest.param(["a/x.txt", "b/y.txt"], ["x", "y"], id="distinct"),
    pytest.param(["a/x.txt", "b/x.txt", "c/x.md"], ["x", "x~2", "x~3"], id="same-stem"),
    pytest.param(["a/x.txt", "b/x.txt", "x~2.txt"], ["x", "x~3", "x~2"], id="suffix-taken"),
    pytest.param([], [], id="none"),
])
def test_unique_doc_ids(paths: list[str], expected: list[str]) -> None:
    assert unique_doc_ids(paths) == expected


def test_failures_do_not_stop_the_run(tmp_path: Path, tree: Tree) -> None:
    tree({
        "a_ok.txt": "$1", "b_binary.txt": b"\x00\x01\x02", "c_boom.txt": "BOOM $1",
        "d_invalid.txt": "INVALID $5", "e_stranger.txt": "STRANGER $5", "f_ok.txt": "$2 $3",
    })
    with pytest.warns(DocumentWarning) as caught:
        run = run_extraction([tmp_path])
    errors = {d.doc_id: d.error for d in run.failures}
    assert errors["b_binary"] == "binary file, not text"
    assert errors["c_boom"] == "extraction failed: RuntimeError: parser exploded"
    assert errors["d_invalid"].startswith("invalid figures: figures table fails schema v1.3: currency")
    assert "doc_id other than 'e_stranger'" in errors["e_stranger"]
    assert len(errors) == 4
    assert run.figures["doc_id"].tolist() == ["a_ok", "f_ok", "f_ok"]
    messages = [str(w.message) for w in caught]
    assert any("b_binary.txt: binary file, not text; skipped" in m for m in messages)


def test_empty_and_cp1252_documents(tmp_path: Path, tree: Tree) -> None:
    tree({"empty.txt": b"", "latin.txt": "Perú $5".encode("cp1252")})
    with pytest.warns(DocumentWarning, match="decoded as cp1252"):
        run = run_extraction(tmp_path)
    empty, latin = run.documents
    assert (empty.ok, empty.n_figures, empty.warnings) == (True, 0, ())
    assert latin.ok and latin.n_figures == 1 and "cp1252" in latin.warnings[0]


def test_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="missing: no such file or directory"):
        extract_files([tmp_path / "missing"])


def test_nothing_found_gives_empty_table(tmp_path: Path) -> None:
    figures = extract_files(tmp_path)
    pd.testing.assert_frame_equal(figures, schema.validate(schema.empty_figures()))


@pytest.mark.parametrize("tty", [True, False], ids=["terminal", "pipe"])
def test_progress_bar_only_on_a_terminal(tmp_path: Path, tree: Tree, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch, tty: bool) -> None:
    tree({"a.txt": "$1"})
    monkeypatch.setattr(sys.stderr, "isatty", lambda: tty)
    extract_files(tmp_path, progress=True)
    assert ("doc" in capsys.readouterr().err) is tty


def test_real_extractor_is_called(tmp_path: Path, tree: Tree, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # the real extractor, not the fake of the other tests
    tree({"peru.txt": "Peru received 56.4 million dollars in military aid in 2006."})
    run = run_extraction(tmp_path)
    assert [(d.doc_id, d.ok, d.n_figures) for d in run.documents] == [("peru", True, 1)]
    row = run.figures.iloc[0]
    assert (row["doc_id"], row["text"], row["amount"], row["recipient"], row["year"], row["category"]) == (
        "peru", "56.4 million dollars", 56_400_000.0, "Peru", 2006, "military")
