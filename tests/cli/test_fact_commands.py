"""Tests for the ``aidfigures facts`` and ``aidfigures claims`` commands (aidfigures._fact_commands)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import aidfigures as af
from aidfigures import schema
from aidfigures.cli import main

REPO = Path(__file__).resolve().parents[2]
RAW = REPO / "data" / "raw"


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_facts_command(tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    figures = af.write_figures(af.extract_files([RAW]), tmp_path / "figures.csv")
    out = tmp_path / f"facts{suffix}"
    assert main(["facts", str(figures), "-o", str(out), "--base-year", "2024"]) == 0
    assert capsys.readouterr().err.strip() == "aidfigures: 5 figures, 5 facts, 0 conflicts"
    table = pd.read_csv(out) if suffix == ".csv" else pd.read_parquet(out)
    assert len(table) == 5 and "median_usd_2024" in table.columns
    assert table["median_usd"].tolist() == [582e6, 351e6, 147.9e6, 56.4e6, 44.7e6]


@pytest.mark.parametrize(("args", "message"), [
    pytest.param(["facts", "{root}/missing.csv", "-o", "{root}/f.csv"], "missing.csv: no such file", id="missing-input"),  # noqa: E501
    pytest.param(["facts", "{root}/figures.csv", "-o", "{root}/f.xlsx"], "unsupported figures file type", id="bad-extension"),  # noqa: E501
    pytest.param(["facts", "{root}/figures.csv"], "required: -o/--output", id="no-output"),
])
def test_facts_command_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str],
                                    message: str) -> None:
    af.write_figures(schema.empty_figures(), tmp_path / "figures.csv")
    assert main([a.format(root=tmp_path) for a in args]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("with_figures", [True, False], ids=["figures-given", "figures-extracted"])
def test_claims_command(tmp_path: Path, capsys: pytest.CaptureFixture[str], with_figures: bool) -> None:
    out = tmp_path / "claims.csv"
    args = ["claims", str(RAW), "-o", str(out)]
    if with_figures:
        figures = af.write_figures(af.extract_files([RAW]), tmp_path / "figures.parquet")
        args += ["--figures", str(figures)]
    assert main(args) == 0
    assert capsys.readouterr().err.strip() == (
        "aidfigures: 1 document, 3 claims (3 consistent, 0 inconsistent, 0 cannot check), 0 failed")
    table = pd.read_csv(out)
    assert table["verdict"].tolist() == ["consistent"] * 3 and table["doc_id"].nunique() == 1


@pytest.mark.parametrize(("args", "message"), [
    pytest.param(["claims", "{root}/missing", "-o", "{root}/c.csv"], "no such file or directory", id="missing-path"),
    pytest.param(["claims", "{root}", "-o", "{root}/c.txt"], "unsupported figures file type '.txt'", id="bad-extension"),  # noqa: E501
    pytest.param(["claims", "{root}", "--figures", "{root}/none.csv", "-o", "{root}/c.csv"], "none.csv: no such file",
                 id="missing-figures"),
])
def test_claims_command_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str],
                                     message: str) -> None:
    (tmp_path / "doc.txt").write_text("Peru got $5 million.", encoding="utf-8")
    assert main([a.format(root=tmp_path) for a in args]) == 2
    assert message in capsys.readouterr().err


def test_facts_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    figures = af.write_figures(af.extract_files([RAW]), tmp_path / "figures.csv")
    assert main(["facts", str(figures), "-o", "-"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("recipient,recipient_iso3,year,year_end,category,program,measure,per,donor,")
    assert len(lines) == 6
