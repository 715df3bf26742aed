"""Title, URL and publication date: from a sources.csv manifest or the dateline, in both tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import aidfigures as af
from aidfigures.cli import main

MANIFEST = ("doc_id,title,url,published\n"
            "listed,Ayuda militar a Perú,https://example.org/listed,2011-02-03\n"
            "titled,Aid to Bolivia,,\n")
# name -> (text, expected (title, url, published, published_from) in both tables); texts invented
DOCUMENTS = {
    "listed": ("LIMA, Dec 16 2010 (IPS) - Perú recibió 5 millones de dólares en ayuda militar en 2006.",
               ("Ayuda militar a Perú", "https://example.org/listed", "2011-02-03", "source")),  # manifest wins
    "titled": ("LA PAZ, Mar 2 2009 (AP) - Bolivia received $7 million in police aid in 2008.",
               ("Aid to Bolivia", None, "2009-03-02", "dateline")),
    "undated": ("Ecuador received $9 million in economic aid in 2007.", (None, None, None, None)),
    "no_money": ("QUITO, Jan 5 2012 (AP) - Nothing about money here.", (None, None, "2012-01-05", "dateline")),
}


def _date(value: object) -> str | None:
    return None if pd.isna(value) else pd.Timestamp(value).date().isoformat()


def _na(value: object) -> object:
    return None if pd.isna(value) else value


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "sources.csv").write_text(MANIFEST, encoding="utf-8")
    for name, (text, _) in DOCUMENTS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_both_tables_carry_title_url_and_date(corpus: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"figures{suffix}"
    assert main(["extract", str(corpus), "-o", str(out), "--workers", "1", "--quiet"]) == 0
    documents = af.read_documents(out).set_index("doc_id")
    figures = af.read_figures(out)
    for name, (_, (title, url, published, source)) in DOCUMENTS.items():
        row = documents.loc[name]
        assert (_na(row["title"]), _na(row["url"]), _date(row["published"]), _na(row["published_from"])) == \
            (title, url, published, source), name
        mine = figures[figures["doc_id"] == name]
        assert len(mine) == (0 if name == "no_money" else 1)
        for fig in mine.itertuples():
            assert (_na(fig.title), _na(fig.url), _date(fig.published)) == (title, url, published), name


def test_the_date_figures_carry_is_the_one_their_year_was_read_with(corpus: Path) -> None:
    """'last year' counts from the manifest's date when there is one, else from the dateline."""
    (corpus / "listed.txt").write_text("LIMA, Dec 16 2010 (IPS) - Peru got $5 million in aid last year.",
                                       encoding="utf-8")
    (corpus / "titled.txt").write_text("LA PAZ, Mar 2 2009 (AP) - Bolivia got $7 million in aid last year.",
                                       encoding="utf-8")
    figures = af.extract_files([corpus]).set_index("doc_id")
    assert figures.loc["listed", "year"] == 2010 and _date(figures.loc["listed", "published"]) == "2011-02-03"
    assert figures.loc["titled", "year"] == 2008 and _date(figures.loc["titled", "published"]) == "2009-03-02"


def test_extract_api_takes_title_and_url() -> None:
    figures = af.extract("Peru received $5 million in aid in 2006.", doc_id="d", published="2007-01-02",
                         title="Ayuda a Perú", url="https://example.org/d")
    assert (figures.loc[0, "title"], figures.loc[0, "url"], _date(figures.loc[0, "published"])) == (
        "Ayuda a Perú", "https://example.org/d", "2007-01-02")


@pytest.mark.parametrize("name", ["f.csv", "f.parquet", "f.duckdb"])
def test_resume_skips_documents_dated_by_their_dateline(corpus: Path, tmp_path: Path, name: str) -> None:
    """The documents row holds the dateline's date; a resumed run must still see the row as up to date."""
    from aidfigures.corpus import run_corpus
    from aidfigures.sources import iter_documents

    out = tmp_path / name
    first = run_corpus(iter_documents([corpus]), out, workers=1, progress="none")
    again = run_corpus(iter_documents([corpus]), out, workers=1, progress="none", resume=True)
    assert (first.documents, again.documents, again.skipped) == (len(DOCUMENTS), 0, len(DOCUMENTS))
