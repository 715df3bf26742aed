"""``--resume`` keys on the text *and* the metadata that goes into a document's rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from aidfigures.cli import main
from aidfigures.corpus import run_corpus
from aidfigures.outputs import read_documents
from aidfigures.sources import SourceDocument

TARGETS = {"csv": "out.csv", "parquet": "out.parquet", "dataset": "out/", "duckdb": "out.duckdb"}
TEXT = "Peru received $5 million in military aid last year."


def _years(out: str) -> dict[str, object]:
    import aidfigures as af
    from aidfigures.outputs import output_target, read_figures
    kind = output_target(out).kind
    if kind == "duckdb":
        figures = af.query(out, "select doc_id, year from figures")
    elif kind == "dataset":
        import pandas as pd
        figures = pd.read_parquet(Path(out) / "figures")
    else:
        figures = read_figures(out)
    return dict(zip(figures["doc_id"], figures["year"], strict=True))


@pytest.mark.parametrize("kind", TARGETS)
def test_a_changed_manifest_date_re_extracts_the_document(tmp_path: Path, kind: str,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    manifest = folder / "sources.csv"
    manifest.write_text("doc_id,published\na,2006-05-01\nb,2006-05-01\n", encoding="utf-8")
    out = f"{tmp_path}/{TARGETS[kind]}"
    assert main(["extract", str(folder), "-o", out, "--quiet"]) == 0
    assert _years(out) == {"a": 2005, "b": 2005}
    manifest.write_text("doc_id,published\na,2010-05-01\nb,2006-05-01\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["extract", str(folder), "-o", out, "--quiet", "--resume"]) == 0
    assert "1 already written, skipped" in capsys.readouterr().err  # b: unchanged
    assert _years(out) == {"a": 2009, "b": 2005}
    table = read_documents(out)
    assert table["doc_id"].tolist() == ["b", "a"]  # a's new rows were appended, its old ones dropped
    assert str(table.loc[1, "published"].date()) == "2010-05-01"


#: Changes to a document that keep its text: each must re-extract it on --resume.
CHANGES = {
    "date": {"published": dt.date(2011, 3, 1)},
    "date removed": {"published": None},
    "title": {"title": "Report\r2007; =revised"},
    "metadata": {"metadata": {"origin": "Embassy Lima", "url": "https://example.org/b"}},
}


@pytest.mark.parametrize("change", CHANGES)
@pytest.mark.parametrize("kind", TARGETS)
def test_a_changed_title_date_or_metadata_is_not_skipped(tmp_path: Path, kind: str, change: str) -> None:
    docs = [SourceDocument(d, f"{d}.txt", TEXT, dt.date(2006, 5, 1), "=Report;\r2006",
                           metadata={"url": "https://example.org/" + d, "note": "'quoted\r"}) for d in "abc"]
    out = f"{tmp_path}/{TARGETS[kind]}"
    run_corpus(docs, out, workers=1, progress="none")
    again = run_corpus(docs, out, workers=1, progress="none", resume=True)
    assert (again.skipped, again.documents) == (3, 0)  # nothing changed: every key read back equal
    changed = [docs[0], replace(docs[1], **CHANGES[change]), docs[2]]
    resumed = run_corpus(changed, out, workers=1, progress="none", resume=True)
    assert (resumed.skipped, resumed.documents) == (2, 1)
    table = read_documents(out).set_index("doc_id")
    assert table.index.tolist() == ["a", "c", "b"]  # the re-extracted document's rows come last
    row = table.loc["b"]
    doc = changed[1]
    assert (None if row.isna()["title"] else row["title"]) == doc.title
    assert (None if row.isna()["published"] else row["published"].date()) == doc.published
