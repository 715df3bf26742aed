"""Tests for aidfigures.source_line: charts name their sources by title, publisher and date."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import aidfigures as af

MANIFEST = ("doc_id,title,publisher,published\n"
            "a,Aid to Peru falls,Lima Daily,2010-12-16\n"
            "b,,Quito News,2011-01-02\n"
            "c,Only a title,,\n")


@pytest.fixture
def documents(tmp_path: Path) -> pd.DataFrame:
    (tmp_path / "sources.csv").write_text(MANIFEST, encoding="utf-8")
    ids = ["a", "b", "c", "d", "e"]
    return pd.DataFrame({"doc_id": ids, "source": [str(tmp_path / f"{i}.txt") for i in ids],
                         "title": [pd.NA, pd.NA, pd.NA, "From the table", pd.NA],
                         "published": [pd.NA, pd.NA, pd.NA, "2009-05-01", pd.NA]})


# Invented manifests: what is known about each document, and how the line says it.
@pytest.mark.parametrize(("ids", "line"), [
    pytest.param(["a"], "Source: “Aid to Peru falls”, Lima Daily, 2010-12-16", id="full-row"),
    pytest.param(["b"], "Source: Quito News, 2011-01-02", id="no-title"),
    pytest.param(["c"], "Source: “Only a title”", id="title-only"),
    pytest.param(["d"], "Source: “From the table”, 2009-05-01", id="documents-table-fallback"),
    pytest.param(["e"], "Source: e", id="nothing-known-doc-id"),
    pytest.param(["a", "a", "b"], "Sources: “Aid to Peru falls”, Lima Daily, 2010-12-16; Quito News, 2011-01-02",
                 id="each-document-once"),
    pytest.param(["e", "d", "c", "b", "a"], "Sources: e; “From the table”, 2009-05-01; “Only a title”; and 2 more "
                 "documents", id="beyond-three-counted"),
])
def test_source_line(documents: pd.DataFrame, ids: list[str], line: str) -> None:
    assert af.source_line(pd.DataFrame({"doc_id": ids}), documents) == line


def test_source_line_from_a_figures_file_without_documents_table(tmp_path: Path) -> None:
    figures = af.extract("Peru received 56.4 million dollars in 2006.", doc_id="x")
    path = af.write_figures(figures, tmp_path / "figures.csv")
    assert af.source_line(figures, path) == "Source: x"
    assert af.source_line(figures.iloc[0:0], path) == "Source: aidfigures extraction (no documents)"
