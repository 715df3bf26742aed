"""Tests for the outputs of corpus runs: CSV, Parquet file and dataset, DuckDB, stdout; the documents
table and its join with figures; ``aidfigures.query`` and ``aidfigures sql``."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from corpus_helpers import corpus, real_figures

import aidfigures as af
from aidfigures import schema
from aidfigures.cli import main
from aidfigures.corpus import run_corpus
from aidfigures.errors import FormatError
from aidfigures.extract import figures_frame
from aidfigures.outputs import documents_path, output_target, read_documents, read_figures
from aidfigures.schema import DOCUMENT_COLUMNS, DOCUMENT_DTYPES
from aidfigures.sources import SourceDocument

TARGETS = {"csv": "out.csv", "parquet": "out.parquet", "dataset": "out/", "duckdb": "out.duckdb"}


def _expected(docs: list[SourceDocument]) -> pd.DataFrame:
    return schema.validate(figures_frame([f for d in docs for f in real_figures(d)]))


def _figures(output: str) -> pd.DataFrame:
    kind = output_target(output).kind
    if kind == "duckdb":
        return schema.validate(af.query(output, "select * from figures"))
    if kind == "dataset":
        return schema.validate(pd.read_parquet(Path(output) / "figures"))
    return read_figures(output)


@pytest.mark.parametrize("kind", TARGETS)
def test_round_trip(tmp_path: Path, kind: str) -> None:
    docs = corpus(5)
    output = f"{tmp_path}/{TARGETS[kind]}"
    run = run_corpus(docs, output, workers=1, chunk_chars=15_000, progress="none")
    figures = _figures(output)
    pd.testing.assert_frame_equal(figures, _expected(docs))
    assert run.figures == len(figures)
    documents = read_documents(output)
    assert list(documents.columns) == list(DOCUMENT_COLUMNS)
    assert documents["doc_id"].tolist() == [d.doc_id for d in docs]
    first = documents.iloc[1]
    assert first["source"] == "corpus/doc001.txt" and first["title"] == "Document 1"
    assert first["published"] == pd.Timestamp(dt.date(2001, 2, 1))
    assert first["characters"] == len(docs[1].text)
    assert json.loads(first["metadata"]) == {"origin": "Embassy 1"}
    assert pd.isna(documents.iloc[0]["metadata"]) and documents["error"].isna().all()
    counts = figures.groupby("doc_id").size()
    assert documents.set_index("doc_id")["n_figures"].to_dict() == counts.reindex(documents["doc_id"],
                                                                                   fill_value=0).to_dict()


def test_documents_table_names() -> None:
    assert documents_path("a/figures.csv") == Path("a/figures.documents.csv")
    assert output_target("a/figures.parquet").documents == Path("a/figures.documents.parquet")
    assert output_target("a/figures.xlsx").documents == Path("a/figures.xlsx")  # a sheet of the same workbook
    with pytest.raises(FormatError, match="unsupported figures file type '.json'"):
        output_target("figures.json")


def test_sha256_is_of_the_utf8_text(tmp_path: Path) -> None:
    import hashlib
    doc = SourceDocument("perú", "p.txt", "Perú recibió $5 millones")
    run_corpus([doc], tmp_path / "f.csv", workers=1, progress="none")
    row = read_documents(tmp_path / "f.csv").iloc[0]
    assert row["sha256"] == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()


def test_csv_cells_are_neutralized_in_both_tables(tmp_path: Path) -> None:
    doc = SourceDocument("=cmd|calc", "-rf.txt", "Peru received $5 million in military aid in 2006.",
                         title="@title", metadata={"subject": "+1"})
    run_corpus([doc], tmp_path / "f.csv", workers=1, progress="none")
    figures_csv = (tmp_path / "f.csv").read_text(encoding="utf-8")
    documents_csv = (tmp_path / "f.documents.csv").read_text(encoding="utf-8")
    assert "\n'=cmd|calc," in figures_csv
    assert documents_csv.splitlines()[1].startswith("'=cmd|calc,'-rf.txt,'@title,")
    assert read_figures(tmp_path / "f.csv")["doc_id"].unique().tolist() == ["=cmd|calc"]
    row = read_documents(tmp_path / "f.csv").iloc[0]
    assert (row["doc_id"], row["source"], row["title"]) == ("=cmd|calc", "-rf.txt", "@title")


def test_single_parquet_file_has_a_row_group_per_chunk(tmp_path: Path) -> None:
    import pyarrow.parquet as pq
    docs = corpus(6)
    run_corpus(docs, tmp_path / "f.parquet", workers=1, chunk_chars=15_000, progress="none")
    assert pq.ParquetFile(tmp_path / "f.parquet").num_row_groups == 2  # 3 documents of 7.4k characters a chunk
    assert pq.ParquetFile(tmp_path / "f.documents.parquet").num_row_groups == 2


def test_empty_corpus_writes_empty_tables(tmp_path: Path) -> None:
    for name in ("e.csv", "e.parquet", "e.duckdb"):
        run = run_corpus([], tmp_path / name, progress="none")
        assert (run.documents, run.figures) == (0, 0)
        assert read_documents(tmp_path / name).empty
    assert read_figures(tmp_path / "e.parquet").empty and read_figures(tmp_path / "e.csv").empty


def test_stdout_output(tmp_path: Path) -> None:
    docs = corpus(3)
    buffer = io.StringIO()
    run_corpus(docs, "-", workers=1, progress="none", stream=buffer)
    run_corpus(docs, tmp_path / "f.csv", workers=1, progress="none")
    assert buffer.getvalue() == (tmp_path / "f.csv").read_text(encoding="utf-8")


def test_query_joins_figures_and_documents(tmp_path: Path) -> None:
    docs = corpus(4)
    for name in ("f.duckdb", "f.parquet", "d/", "f.csv"):
        run_corpus(docs, f"{tmp_path}/{name}", workers=1, progress="none")
        joined = af.query(f"{tmp_path}/{name}", """
            select d.doc_id, d.published, count(f.start) as n, any_value(d.n_figures) as n_figures
            from documents d left join figures f using (doc_id) group by all order by d.doc_id""")
        assert joined["doc_id"].tolist() == [d.doc_id for d in docs]
        assert (joined["n"] == joined["n_figures"]).all() and joined["n"].sum() > 0


def test_query_refuses_stdout_and_missing_outputs(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="query an output file"):
        af.query("-", "select 1")
    for missing in ("missing.duckdb", "missing.csv"):
        with pytest.raises(af.DocumentError, match="no such file"):
            af.query(tmp_path / missing, "select 1")


# text cells that formula neutralization prefixes with ' in CSV (invented titles)
RISKY_TITLES = ["=HYPERLINK(\"http://example.org\")", "-5 million cut", "+ayuda", "@aid", "'quoted", "",
                "Páez, dólares"]


def test_query_on_csv_sees_the_values_and_types_of_parquet(tmp_path: Path) -> None:
    docs = [replace(d, title=t) for d, t in zip(corpus(len(RISKY_TITLES)), RISKY_TITLES, strict=True)]
    for name in ("f.csv", "f.parquet"):
        run_corpus(docs, tmp_path / name, workers=1, progress="none")
    for table, cast in (("figures", schema.validate), ("documents", lambda d: d.astype(DOCUMENT_DTYPES))):
        sql = f"select * from {table} order by all"
        from_csv, from_parquet = (cast(af.query(tmp_path / n, sql)) for n in ("f.csv", "f.parquet"))
        pd.testing.assert_frame_equal(from_csv, from_parquet)
    titles = af.query(tmp_path / "f.csv", "select title from documents")["title"].tolist()
    assert titles == RISKY_TITLES
    typed = af.query(tmp_path / "f.csv", "select typeof(year) y, typeof(published) p, typeof(is_aid) b from figures")
    assert typed.iloc[0].tolist() == ["BIGINT", "DATE", "BOOLEAN"]


def test_query_on_csv_of_an_older_schema(tmp_path: Path) -> None:
    """A figures CSV written before schema 1.2 (no title, url, published) is queried as it is."""
    path = af.write_figures(af.extract("Peru received $5 million in aid in 2006."), tmp_path / "old.csv")
    frame = pd.read_csv(path, dtype="string", keep_default_na=False)
    frame.drop(columns=["title", "url", "published"]).to_csv(path, index=False)
    assert af.query(path, "select recipient, year from figures").values.tolist() == [["Peru", 2006]]


def test_sql_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "peru.txt").write_text("Peru received 56.4 million dollars in military aid in 2006.",
                                     encoding="utf-8")
    db = tmp_path / "figures.duckdb"
    assert main(["extract", str(folder), "-o", str(db), "--quiet"]) == 0
    capsys.readouterr()
    sql = "select recipient, year, amount from figures"
    assert main(["sql", str(db), sql]) == 0
    assert capsys.readouterr().out.split() == ["recipient", "year", "amount", "Peru", "2006", "56400000.0"]
    assert main(["sql", str(db), sql, "--csv"]) == 0
    assert capsys.readouterr().out == "recipient,year,amount\nPeru,2006,56400000.0\n"
    assert main(["sql", str(db), "select doc_id from documents where error is not null"]) == 0
    assert capsys.readouterr().out.startswith("(no rows; columns: doc_id)")
    assert main(["sql", str(db), "select nope from figures"]) == 2
    assert "error:" in capsys.readouterr().err
    assert main(["sql", str(tmp_path / "missing.duckdb"), "select 1"]) == 2


@pytest.mark.parametrize("name", ["f.csv", "f.parquet"])
def test_lone_surrogates_from_json_do_not_break_the_output(tmp_path: Path, name: str) -> None:
    text = json.loads('"Peru received $5 million in 2006. \\ud800 The end."')
    doc = SourceDocument("s", "c.jsonl#line 1", text, title=json.loads('"bad \\udc00 title"'))
    run = run_corpus([doc], tmp_path / name, workers=1, progress="none")
    assert run.failures == () and run.figures == 1
    row = read_documents(tmp_path / name).iloc[0]
    assert row["title"] == "bad \ufffd title" and "U+FFFD" in row["warnings"]
    assert row["characters"] == len(text)


@pytest.mark.parametrize("kind", TARGETS)
def test_resume_refuses_an_output_of_another_schema(tmp_path: Path, kind: str) -> None:
    """An output written before schema 1.2 (no title, url, published) is not appended to."""
    docs = corpus(3)
    output = f"{tmp_path}/{TARGETS[kind]}"
    run_corpus(docs[:2], output, workers=1, progress="none")
    target = output_target(output)
    if kind == "csv":
        frame = pd.read_csv(target.figures, dtype="string", keep_default_na=False)
        frame.drop(columns=["title", "url", "published"]).to_csv(target.figures, index=False)
    elif kind == "duckdb":
        import duckdb
        with duckdb.connect(str(target.figures)) as con:
            con.execute("ALTER TABLE figures DROP COLUMN published")
    else:
        path = target.figures / "figures" / "part-000000.parquet" if kind == "dataset" else target.figures
        pd.read_parquet(path).drop(columns=["url"]).to_parquet(path)
    with pytest.raises(FormatError, match="written under another figures schema"):
        run_corpus(docs, output, workers=1, progress="none", resume=True)
    run_corpus(docs, output, workers=1, progress="none")  # without --resume: written anew
    assert len(_figures(output)) == len(_expected(docs))
