"""Property tests: any string in any text cell round-trips through every writer and reader."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import aidfigures as af
from aidfigures import schema
from aidfigures.corpus import run_corpus
from aidfigures.extract import Figure
from aidfigures.outputs import read_documents, read_figures, write_figures
from aidfigures.sources import SourceDocument

TARGETS = {"csv": "out.csv", "parquet": "out.parquet", "dataset": "out/", "duckdb": "out.duckdb"}
#: What breaks CSV and spreadsheets: line ends (a bare ``\r``), NUL, quotes, separators, formula starts.
_HOSTILE = st.sampled_from(["\r", "\n", "\r\n", "\x00", '"', "'", ",", ";", ";=", "\t", "=", "+", "-", "@",
                            " ", "NA", "null", "\ufeff", "\u2028", "é"])
TEXT = st.lists(_HOSTILE | st.text(st.characters(codec="utf-8"), max_size=8), max_size=6).map("".join)
_SETTINGS = settings(max_examples=30, deadline=None, database=None,  # no .hypothesis/ folder in the tree
                     suppress_health_check=[HealthCheck.function_scoped_fixture])


def _figure(doc_id: str, text: str, sentence: str, program: str | None) -> Figure:
    return Figure(doc_id, 0, 1, text or "$1", 1e6, None, "USD", 1e6, "exact", None, 2006, None, False, "Peru",
                  "PER", program, None, program, None, True, sentence, 0.5)


class _Strings:
    """A picklable extractor giving each document one figure whose text cells are the given strings."""

    def __init__(self, cells: dict[str, tuple[str, str, str | None]]) -> None:
        self.cells = cells

    def __call__(self, doc: SourceDocument) -> list[Figure]:
        return [_figure(doc.doc_id, *self.cells[doc.doc_id])]


@st.composite
def _corpus(draw: st.DrawFn) -> tuple[list[SourceDocument], dict[str, tuple[str, str, str | None]]]:
    ids = draw(st.lists(TEXT.filter(bool), min_size=1, max_size=3, unique=True))
    docs, cells = [], {}
    for doc_id in ids:
        docs.append(SourceDocument(doc_id, draw(TEXT), draw(TEXT), draw(st.none() | st.dates()),
                                   draw(st.none() | TEXT), None, (draw(TEXT),) if draw(st.booleans()) else (),
                                   draw(st.dictionaries(TEXT, TEXT, max_size=2))))
        cells[doc_id] = (draw(TEXT), draw(TEXT), draw(st.none() | TEXT))
    return docs, cells


def _read_figures(output: str, kind: str) -> pd.DataFrame:
    if kind == "duckdb":
        return schema.validate(af.query(output, "select * from figures"))
    if kind == "dataset":
        return schema.validate(pd.read_parquet(Path(output) / "figures"))
    return read_figures(output)


@pytest.mark.parametrize("kind", TARGETS)
@_SETTINGS
@given(case=_corpus())
def test_any_string_round_trips_through_every_corpus_output(tmp_path: Path, kind: str, case: tuple) -> None:
    docs, cells = case
    output = f"{tmp_path}/{TARGETS[kind]}"
    run_corpus(docs, output, workers=1, progress="none", extractor=_Strings(cells))
    figures = _read_figures(output, kind)
    assert figures["doc_id"].tolist() == [d.doc_id for d in docs]
    for got, doc in zip(figures.itertuples(), docs, strict=True):
        text, sentence, program = cells[doc.doc_id]
        assert (got.text, got.sentence) == (text or "$1", sentence)
        assert (None if pd.isna(got.program) else got.program) == program
    table = read_documents(output)
    assert table["doc_id"].tolist() == [d.doc_id for d in docs]
    for row, doc in zip(table.itertuples(), docs, strict=True):
        assert row.source == doc.source
        assert (None if pd.isna(row.title) else row.title) == doc.title
        assert (None if pd.isna(row.published) else row.published.date()) == doc.published
        assert row.characters == len(doc.text)
        assert (None if pd.isna(row.warnings) else row.warnings) == ("; ".join(doc.warnings) or None)
        assert (json.loads(row.metadata) if not pd.isna(row.metadata) else {}) == doc.metadata


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
@_SETTINGS
@given(rows=st.lists(st.tuples(TEXT.filter(bool), TEXT, TEXT, st.none() | TEXT), min_size=1, max_size=4,
                    unique_by=lambda row: row[0]))
def test_any_string_round_trips_through_write_figures(tmp_path: Path, suffix: str, rows: list) -> None:
    table = schema.validate(af.figures_frame([_figure(*row) for row in rows]))
    path = write_figures(table, tmp_path / f"figures{suffix}")
    pd.testing.assert_frame_equal(read_figures(path), table)


@pytest.mark.parametrize("kind", TARGETS)
def test_lone_surrogates_in_document_cells_are_written_as_replacement_characters(tmp_path: Path, kind: str) -> None:
    """UTF-8 cannot hold a lone surrogate (a JSON ``\\ud800`` escape): every format writes U+FFFD instead."""
    doc = SourceDocument("d", "src\udfff", "text \ud83d", dt.date(2006, 1, 1), "Report\r\ud800",
                         metadata={"k\ud800": "v\udc00"})
    output = f"{tmp_path}/{TARGETS[kind]}"
    run_corpus([doc], output, workers=1, progress="none", extractor=_Strings({"d": ("t", "s", "p")}))
    table = read_documents(output)
    assert table.loc[0, "title"] == "Report\r\ufffd" and table.loc[0, "source"] == "src\ufffd"
    assert table.loc[0, "characters"] == len(doc.text)
    assert json.loads(table.loc[0, "metadata"]) == {"k\ufffd": "v\ufffd"}
