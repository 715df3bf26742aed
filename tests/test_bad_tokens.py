"""A figure or date that cannot be read is skipped with a warning; the document's other figures stay."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import aidfigures as af
from aidfigures.errors import DocumentWarning
from aidfigures.outputs import read_documents, read_figures
from aidfigures.sources import iter_documents

GOOD = "Bolivia got $3 million in aid in 2006."

#: (a sentence with one unreadable token, what the warning says)
UNREADABLE = [
    ("Peru received $123456789012345678901234567890 in 2006.", "24 digits or more"),
    ("Peru received US$ 9,999,999,999,999,999,999,999,999 in 2006.", "24 digits or more"),
    ("Peru received $" + "7" * 400 + " in 2006.", "24 digits or more"),
    ("Peru received 123456789012345678901234 million dollars in 2006.", "24 digits or more"),
]


@pytest.mark.parametrize(("bad", "said"), UNREADABLE)
def test_unreadable_amount_skipped_others_kept(bad, said):
    with pytest.warns(DocumentWarning, match=said) as caught:
        df = af.extract(f"{bad} {GOOD}", doc_id="memo")
    assert df["text"].tolist() == ["$3 million"]
    assert any(str(w.message).startswith("memo: figure ") for w in caught)


#: tables with one cell of too many digits: (table, the cells kept)
TABLES = [
    ("Assistance to Peru ($000)\nProgram      FY2009      FY2010\n"
     "FMF      123456789012345678901234567890      55,000\nIMET      1,200      1,300\n", ["55,000", "1,200", "1,300"]),
    ("Aid by year (US$ millions)\nCountry   2006   2007\nPeru   99999999999999999999999999999   5\n"
     "Bolivia   3   4\n", ["5", "3", "4"]),
]


@pytest.mark.parametrize(("table", "kept"), TABLES)
def test_unreadable_table_cell_skipped_others_kept(table, kept):
    with pytest.warns(DocumentWarning, match="skipped: an amount of 24 digits or more"):
        df = af.validate(af.extract(table, doc_id="t"))
    assert df["text"].tolist() == kept


#: publication dates that are placeholders, not dates, as a date or an ISO string
PLACEHOLDER_DATES = [dt.date(9999, 12, 31), dt.date(1899, 12, 30), dt.date(1, 1, 1), "9999-12-31", "0001-01-01"]


@pytest.mark.parametrize("published", PLACEHOLDER_DATES)
def test_placeholder_publication_date_not_used(published):
    with pytest.warns(DocumentWarning, match="publication date .* is outside 1900-2100: not used"):
        df = af.validate(af.extract("Peru got $5 million in aid last year. " + GOOD, published=published))
    assert df["year"].tolist()[1] == 2006 and len(df) == 2


def test_lone_surrogate_replaced():
    with pytest.warns(DocumentWarning, match="lone surrogates"):
        df = af.extract("Peru got $5 million \ud800 in aid in 2006.")
    assert df["sentence"][0] == "Peru got $5 million \ufffd in aid in 2006."
    assert (df["start"][0], df["end"][0]) == (9, 19)


def test_corpus_keeps_the_document_and_reports_the_skip(tmp_path: Path):
    corpus = tmp_path / "corpus.csv"
    corpus.write_text("id,date,text\n"
                      f"a,9999-12-31,Peru got $5 million in aid last year. {GOOD} "
                      "Chile got $123456789012345678901234567890.\n"
                      f"b,2010-05-01,{GOOD}\n", encoding="utf-8")
    run = af.run_corpus(iter_documents([corpus]), tmp_path / "out.csv", workers=1, progress="none")
    assert not run.failures
    docs = read_documents(tmp_path / "out.csv").set_index("doc_id")
    assert pd.isna(docs.loc["a", "error"]) and docs.loc["a", "n_figures"] == 2
    assert "skipped: an amount of 24 digits or more" in docs.loc["a", "warnings"]
    assert "publication date 9999-12-31 is outside 1900-2100: not used" in docs.loc["a", "warnings"]
    assert read_figures(tmp_path / "out.csv")["doc_id"].tolist() == ["a", "a", "b"]


_ALPHABET = st.sampled_from(list("0123456789$€£.,;:-–()[] \n\tabcdeflmnoprstuyABCDEFLMNOPRSTUY%'\"¿¡áéñ")
                            + ["\ud800", "\x00", "\u200b", "\ufeff", "秘", "ж", "٥"])
_WORDS = st.sampled_from(["million", "millones", "billion", "mil", "dollars", "dólares", "US$", "USD", "euros",
                          "Peru", "Bolivia", "Colombia", "aid", "ayuda", "in", "en", "to", "and", "y", "from",
                          "between", "2006", "1976", "FY2010", "respectively", "which", "(", ")", "$", "¢",
                          "$5 million", "3 millones de dólares", "last year", "el año pasado", "\ud800",
                          "$" + "9" * 30, "1,000,000,000,000,000,000,000,000,000 euros", "\n\n"])
_TEXT = st.lists(st.one_of(_WORDS, st.text(_ALPHABET, max_size=12)), max_size=40).map(" ".join)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(_TEXT, st.text(max_size=200)),
       published=st.one_of(st.none(), st.dates(), st.sampled_from(["2010-12-16", "9999-12-31"])))
def test_extract_never_raises_and_rows_are_valid(text, published):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DocumentWarning)
        df = af.extract(text, doc_id="h", published=published)
    af.validate(df)
    assert ((df["start"] >= 0) & (df["end"] <= len(text)) & (df["end"] > df["start"])).all()


def _warning_figures(doc):
    import warnings

    warnings.warn("a library's own warning", UserWarning, stacklevel=1)
    warnings.warn(f"{doc.doc_id}: figure '$9' at 0-2 skipped: made up", DocumentWarning, stacklevel=1)
    return []


def test_corpus_records_document_warnings_and_passes_others_on(tmp_path: Path):
    from aidfigures.sources import SourceDocument

    docs = [SourceDocument("w", "w.txt", "$9 and more")]
    with pytest.warns(UserWarning, match="a library's own warning"):
        af.run_corpus(iter(docs), tmp_path / "o.csv", workers=1, progress="none", extractor=_warning_figures)
    assert read_documents(tmp_path / "o.csv")["warnings"].tolist() == ["w: figure '$9' at 0-2 skipped: made up"]
