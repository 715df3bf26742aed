"""``aidfigures extract`` on paths with no document, options whose extra is missing, and ``sql`` on CSV."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from aidfigures.cli import main
from aidfigures.cli.extract import NO_DOCUMENTS

READS = "(read: .htm, .html, .md, .txt, .pdf, .gz, .jsonl, .csv; --include GLOB for other files)"
# (files in the folder, extra arguments, what extract says); names invented
NOTHING_TO_READ = [
    pytest.param({}, [], "no documents found in {d} (no files)", id="empty-folder"),
    pytest.param({"informe.docx": b"PK\x03\x04"}, [], f"no documents found in {{d}}; skipped 1 .docx {READS}",
                 id="one-docx"),
    pytest.param({"a.docx": b"PK", "b.docx": b"PK", "sub/c.xlsx": b"PK", "README": b"x"}, [],
                 f"no documents found in {{d}}; skipped 2 .docx, 1 (no suffix), 1 .xlsx {READS}", id="by-suffix"),
    pytest.param({".hidden.txt": "Peru got $5 million.", "sources.csv": "doc_id,title\n"}, [],
                 "no documents found in {d} (no files)", id="hidden-and-manifest-only"),
    pytest.param({"a.md": "Peru got $5 million."}, ["--include", "*.txt"],
                 "no documents found in {d} matching --include *.txt; skipped 1 .md", id="include-matches-none"),
]


@pytest.mark.parametrize(("files", "extra", "message"), NOTHING_TO_READ)
def test_no_documents_says_what_was_skipped_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                               files: dict, extra: list[str], message: str) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            (folder / name).write_bytes(content)
        else:
            (folder / name).write_text(content, encoding="utf-8")
    out = tmp_path / "out" / "figures.csv"
    assert main(["extract", str(folder), "-o", str(out), *extra]) == NO_DOCUMENTS == 3
    assert capsys.readouterr().err.strip() == "aidfigures: " + message.format(d=folder)
    assert not (tmp_path / "out").exists()


def test_a_previous_output_is_kept_when_no_documents_are_found(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    out = tmp_path / "figures.csv"
    out.write_text("previous", encoding="utf-8")
    assert main(["extract", str(tmp_path / "docs"), "-o", str(out), "--quiet"]) == 3
    assert out.read_text(encoding="utf-8") == "previous"


# (what is missing, the command, what the error names)
MISSING_EXTRAS = [
    pytest.param("duckdb", ["extract", "{d}", "-o", "{d}/f.duckdb"], "a .duckdb output needs duckdb, in the sql "
                 "extra: pip install 'aidfigures[sql]'", id="duckdb-output"),
    pytest.param("distributed", ["extract", "{d}", "-o", "{d}/f.csv", "--engine", "dask"], "--engine dask needs "
                 "distributed, in the scale extra: pip install 'aidfigures[scale]'", id="dask-engine"),
    pytest.param("duckdb", ["sql", "{d}/f.csv", "select 1"], "aidfigures sql needs duckdb, in the sql extra: "
                 "pip install 'aidfigures[sql]'", id="sql-command"),
]


@pytest.mark.parametrize(("module", "args", "message"), MISSING_EXTRAS)
def test_options_name_the_extra_they_need(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch, module: str, args: list[str],
                                          message: str) -> None:
    (tmp_path / "a.txt").write_text("Peru received $5 million in 2006.", encoding="utf-8")
    monkeypatch.setitem(sys.modules, module, None)  # as if not installed: importing it fails
    assert main([a.format(d=tmp_path) for a in args]) == 2
    assert capsys.readouterr().err.strip() == f"aidfigures: error: {message}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_sql_command_reads_the_csv_make_run_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "peru.txt").write_text("LIMA, Dec 16 2010 (IPS) - Perú recibió 56,4 millones de dólares "
                                                "en ayuda militar en 2006.", encoding="utf-8")
    out = tmp_path / "figures.csv"
    assert main(["extract", str(tmp_path / "docs"), "-o", str(out), "--quiet"]) == 0
    capsys.readouterr()
    sql = ("select f.recipient, f.year + 0 as y, f.amount, d.published, d.published_from "
           "from figures f join documents d using (doc_id)")
    assert main(["sql", str(out), sql, "--csv"]) == 0
    assert capsys.readouterr().out == ("recipient,y,amount,published,published_from\n"
                                       "Peru,2006,56400000.0,2010-12-16,dateline\n")
