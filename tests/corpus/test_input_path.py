"""One input path: every entry point reads a folder through ``aidfigures.sources.iter_documents``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import aidfigures as af
from aidfigures.cli import main
from aidfigures.corpus import run_extraction, scan_documents

TEXT = "Peru received $5 million last year."


def _two_folders(root: Path) -> list[Path]:
    """Two folders, each with a report.txt and its own sources.csv dating it (2001 and 2009)."""
    folders = []
    for name, published in (("a", "2001-03-01"), ("b", "2009-03-01")):
        folder = root / name
        folder.mkdir(parents=True)
        (folder / "report.txt").write_text(TEXT, encoding="utf-8")
        (folder / "sources.csv").write_text(f"doc_id,published\nreport,{published}\n", encoding="utf-8")
        folders.append(folder)
    return folders


def test_two_folders_with_their_own_manifests_give_the_same_ids_and_dates_everywhere(tmp_path: Path) -> None:
    folders = _two_folders(tmp_path / "in")
    expected = [("report", 2000), ("report~2", 2008)]

    figures = af.extract_files(folders)
    assert list(zip(figures["doc_id"], figures["year"], strict=True)) == expected

    run = run_extraction(folders)
    assert [(d.doc_id, d.path, d.n_figures, d.ok) for d in run.documents] == [
        ("report", folders[0] / "report.txt", 1, True), ("report~2", folders[1] / "report.txt", 1, True)]

    scanned = scan_documents(folders)
    assert scanned[["doc_id", "path", "characters"]].values.tolist() == [
        ["report", str(folders[0] / "report.txt"), len(TEXT)], ["report~2", str(folders[1] / "report.txt"), len(TEXT)]]

    out = tmp_path / "figures.csv"
    assert main(["extract", *map(str, folders), "-o", str(out), "--workers", "1", "--quiet"]) == 0
    written = af.read_figures(out)
    assert list(zip(written["doc_id"], written["year"], strict=True)) == expected
    pd.testing.assert_frame_equal(written, figures)
    documents = af.read_documents(out)
    assert [str(d.date()) for d in documents["published"]] == ["2001-03-01", "2009-03-01"]

    claims_out = tmp_path / "claims.csv"
    assert main(["claims", *map(str, folders), "-o", str(claims_out)]) == 0


def test_claims_command_reads_the_documents_extract_reads(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "peru.txt").write_text(
        "Peru was the second biggest recipient of US military aid in Latin America after Colombia in 2006. "
        "Colombia received $582 million and Peru $56.4 million in military aid in 2006.", encoding="utf-8")
    (folder / "notes.md").write_text("Nothing here.", encoding="utf-8")
    (folder / "blob.txt").write_bytes(b"\x00\x01\x02")
    out = tmp_path / "claims.csv"
    assert main(["claims", str(folder), "-o", str(out)]) == 1  # blob.txt cannot be read
    err = capsys.readouterr().err
    assert f"failed: {folder / 'blob.txt'}: binary file, not text" in err
    assert "aidfigures: 3 documents, 1 claim (" in err and err.rstrip().endswith(", 1 failed")
    table = pd.read_csv(out)
    assert table[["doc_id", "kind", "subject", "year", "rank"]].values.tolist() == [["peru", "rank", "Peru", 2006, 2]]
