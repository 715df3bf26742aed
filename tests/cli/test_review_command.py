"""``aidfigures review FIGURES -o OUT``: the queue as a page, a CSV or stdout."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import aidfigures as af
from aidfigures.cli import main
from aidfigures.tables.review import QUEUE_COLUMNS


@pytest.fixture()
def figures_file(tmp_path: Path) -> Path:
    figures = pd.concat([af.extract("Donors pledged 3 million euros in aid.", doc_id="a"),
                         af.extract("Peru received $5 million in aid in 2006.", doc_id="b")], ignore_index=True)
    return af.write_figures(figures, tmp_path / "figures.csv")


@pytest.mark.parametrize("name", ["review.csv", "review.parquet"])
def test_review_writes_the_queue_as_a_table(figures_file: Path, tmp_path: Path, name: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / name
    assert main(["review", str(figures_file), "-o", str(out)]) == 0
    queue = pd.read_csv(out) if name.endswith(".csv") else pd.read_parquet(out)
    assert list(queue.columns) == list(QUEUE_COLUMNS) and list(queue["key"]) == ["a:15-30"]
    assert "1 figure to check, 0 already checked" in capsys.readouterr().err


def test_review_all_and_stdout(figures_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(figures_file), "-o", "-", "--all"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("rank,key,status,") and len(lines) == 3


def test_review_writes_a_page(figures_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.html"
    assert main(["review", str(figures_file), "-o", str(out), "--title", "Peru <check>"]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<title>Peru &lt;check&gt;</title>" in page
    assert 'data-key="a:15-30"' in page and 'data-key="b:' not in page


@pytest.mark.parametrize(("args", "message"), [
    (["review", "missing.csv", "-o", "r.html"], "missing.csv"),
    (["review", "FIG", "-o", "r.txt"], "r.txt"),
    (["review", "FIG", "-o", "r.csv", "--threshold", "2"], "threshold"),
])
def test_review_bad_input(figures_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str],
                          message: str) -> None:
    args = [str(figures_file) if a == "FIG" else str(tmp_path / a) if a.startswith("r.") else a for a in args]
    assert main(args) in (1, 2)
    assert message in capsys.readouterr().err
