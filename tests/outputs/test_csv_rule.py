"""One CSV rule for every CSV aidfigures writes: formula starts prefixed, separators quoted."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

import aidfigures as af
from aidfigures.cli import main
from aidfigures.corpus import run_corpus
from aidfigures.outputs import write_table, write_table_csv
from aidfigures.sources import SourceDocument

#: (cell, how it is written), grouped by what the rule does to it.
CELLS = [
    # formula starts: a leading '
    ("=HYPERLINK(x)", "'=HYPERLINK(x)"), ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
    # ...which also keeps ' and the empty string lossless
    ("'quoted", "''quoted"), ("", "'"),
    # separators, quotes and line ends: quoted
    ("a;=b", '"a;=b"'), ("a,b", '"a,b"'), ("a\tb", '"a\tb"'), ('5" gun', '"5"" gun"'),
    ("Report\r2006", '"Report\r2006"'), ("two\nlines", '"two\nlines"'),
    # both
    ("\tlead", "\"'\tlead\""), ("\rlead", "\"'\rlead\""), ("=1;2", "\"'=1;2\""),
    # neither
    ("Peru", "Peru"), ("NA", "NA"), ("5 million", "5 million"),
]


@pytest.mark.parametrize(("cell", "written"), CELLS)
def test_write_table_csv(cell: str, written: str) -> None:
    buffer = io.StringIO()
    write_table_csv(pd.DataFrame({"text": [cell], "n": [1]}), buffer)
    assert buffer.getvalue() == f"text,n\n{written},1\n"


def test_report_tables_follow_the_same_rule(tmp_path: Path) -> None:
    table = pd.DataFrame({"text": [c for c, _ in CELLS], "n": range(len(CELLS))})
    saved = af.save_table(table, "cells", tmp_path).read_text(encoding="utf-8")
    assert saved == write_table(table, tmp_path / "same.csv").read_text(encoding="utf-8")


def test_sql_csv_follows_the_same_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.duckdb"
    titles = [c for c, _ in CELLS if c]
    docs = [SourceDocument(f"d{i:02d}", f"d{i}.txt", "no money here", title=t) for i, t in enumerate(titles)]
    run_corpus(docs, out, workers=1, progress="none")
    capsys.readouterr()
    assert main(["sql", str(out), "select title, n_figures from documents order by doc_id", "--csv"]) == 0
    expected = io.StringIO()
    write_table_csv(pd.DataFrame({"title": titles, "n_figures": [0] * len(titles)}), expected)
    assert capsys.readouterr().out == expected.getvalue()
