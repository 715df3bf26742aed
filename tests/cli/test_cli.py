"""Tests for the ``aidfigures`` command line (aidfigures.cli.main and ``python -m aidfigures``)."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

import aidfigures
from aidfigures.cli import main
from aidfigures.outputs import read_figures

REPO = Path(__file__).resolve().parents[2]
Tree = Callable[[dict[str, str | bytes]], Path]
SUMMARY = re.compile(r"^aidfigures: (\d+) documents?, (\d+) figures?, (\d+) failed(?: \((.+)\))?$")


def _summary(err: str) -> re.Match[str]:
    """The one-line summary: the last line on stderr."""
    match = SUMMARY.match(err.strip().splitlines()[-1])
    assert match, err
    return match


def _csv_rows(csv_text: str) -> pd.DataFrame:
    """Parse CSV text written to stdout."""
    assert csv_text.startswith("doc_id,start,end,text,")
    return pd.read_csv(io.StringIO(csv_text), dtype="string")


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
@pytest.mark.usefixtures("fake_extractor")
def test_extract_writes_figures(tree: Tree, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    root = tree({"docs/a.txt": "$1 and $2", "docs/b.md": "$3"})
    out = root / f"figures{suffix}"
    assert main(["extract", str(root / "docs"), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert _summary(captured.err).groups() == ("2", "3", "0", None)
    assert read_figures(out)["doc_id"].tolist() == ["a", "a", "b"]


@pytest.mark.usefixtures("fake_extractor")
def test_failed_document_is_named_and_others_written(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = tree({"good.txt": "$1", "bad.bin": b"\x89PNG\x00\x00", "boom.txt": "BOOM"})
    out = root / "figures.csv"
    code = main(["extract", str(root / "good.txt"), str(root / "bad.bin"), str(root / "boom.txt"), "-o", str(out)])
    assert code == 1
    summary = _summary(capsys.readouterr().err)
    assert summary.groups()[:3] == ("3", "1", "2")
    assert f"{root / 'bad.bin'}: binary file, not text" in summary[4]
    assert "boom.txt: extraction failed: RuntimeError: parser exploded" in summary[4]
    assert read_figures(out)["doc_id"].tolist() == ["good"]


@pytest.mark.usefixtures("fake_extractor")
def test_many_failures_are_listed_one_per_line(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = tree({f"bad{i}.txt": b"\x00" for i in range(5)})
    assert main(["extract", str(root), "-o", str(root / "f.csv")]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert sum(line.startswith("aidfigures: failed: ") for line in lines) == 5
    assert _summary(lines[-1])[4].endswith("; 2 more listed above")


@pytest.mark.parametrize(("args", "message"), [
    pytest.param(["extract", "{root}/missing", "-o", "{root}/f.csv"], "missing: no such file or directory",
                 id="missing-path"),
    pytest.param(["extract", "{root}", "-o", "{root}/f.json"], "unsupported figures file type '.json'",
                 id="bad-extension"),
    pytest.param(["extract", "{root}"], "required: -o/--output", id="no-output"),
    pytest.param(["extract", "-o", "{root}/f.csv"], "required: PATH", id="no-path"),
    pytest.param(["extract", "{root}", "-o", "{root}/f.csv", "--bogus"], "unrecognized arguments", id="bad-option"),
    pytest.param([], "required: COMMAND", id="no-command"),
])
def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str],
                             message: str) -> None:
    assert main([a.format(root=tmp_path) for a in args]) == 2
    assert message in capsys.readouterr().err
    assert not any(tmp_path.iterdir())  # nothing written


@pytest.mark.usefixtures("fake_extractor")
def test_stdout_output_and_summary_table(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = tree({"peru.txt": "$56"})
    assert main(["extract", str(root), "-o", "-", "--summary"]) == 0
    captured = capsys.readouterr()
    figures = _csv_rows(captured.out)
    assert figures["doc_id"].tolist() == ["peru"]
    table = captured.err.splitlines()
    assert table[0].split() == ["doc", "recipient", "year", "amount", "qualifier", "measure", "is_aid"]
    assert table[1].split() == ["peru", "Peru", "2006", "$1M", "exact", "appropriated", "yes"]
    assert _summary(captured.err).groups() == ("1", "1", "0", None)


@pytest.mark.usefixtures("fake_extractor")
def test_summary_goes_to_stdout_with_a_file(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = tree({"a.txt": "none", "b.txt": "$5"})
    assert main(["extract", str(root), "-o", str(root / "f.csv"), "--summary"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("doc") and "$1M" in out


@pytest.mark.usefixtures("fake_extractor")
def test_cp1252_warning_is_reported_once(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = tree({"latin.txt": "Perú $5".encode("cp1252")})
    assert main(["extract", str(root), "-o", str(root / "f.csv")]) == 0
    err = capsys.readouterr().err
    assert err.count("decoded as cp1252") == 1
    assert "aidfigures: warning: " in err and "DocumentWarning" not in err


@pytest.mark.usefixtures("fake_extractor")
def test_unwritable_output_exits_1(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    root = tree({"a.txt": "$5"})
    (root / "taken.csv").mkdir()
    assert main(["extract", str(root / "a.txt"), "-o", str(root / "taken.csv")]) == 1
    assert "error: cannot write" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"aidfigures {aidfigures.__version__}"


def test_python_dash_m(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "aidfigures", "--version"], capture_output=True, text=True,
                          check=False, cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.startswith("aidfigures ")


def test_real_extractor_on_bundled_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "figures.csv"
    assert main(["extract", str(REPO / "data" / "raw"), "-o", str(out), "--summary"]) == 0
    summary = _summary(capsys.readouterr().err)
    assert summary[1] == str(len(list((REPO / "data" / "raw").glob("*.txt"))))
    assert summary[3] == "0"
    assert len(read_figures(out)) == int(summary[2])
