"""Applying corrections: values replaced and marked, originals kept, stale and superseded ones reported."""

from __future__ import annotations

import hashlib
import json

import pandas as pd
import pytest

import aidfigures as af
from aidfigures.corrections import Correction, apply_corrections, restore_originals

TEXTS = {
    "alpha": "The donors pledged $4 million to Peru in 2003 for clinics.",
    "beta": "In 2010 the fund sent EUR 2.5 million to Bolivia for roads.",
}
SHA = {doc: hashlib.sha256(text.encode("utf-8")).hexdigest() for doc, text in TEXTS.items()}


@pytest.fixture(scope="module")
def figures() -> pd.DataFrame:
    return pd.concat([af.extract(text, doc_id=doc) for doc, text in TEXTS.items()], ignore_index=True)


def _fix(figures: pd.DataFrame, doc: str, field: str, value: str, **kw: str) -> Correction:
    row = figures[figures["doc_id"] == doc].iloc[0]
    return Correction(SHA[doc], int(row["start"]), int(row["end"]), field, value, doc_id=doc, **kw)


# ---------------------------------------------------------------- one field at a time
@pytest.mark.parametrize(("field", "value", "changed", "original"), [
    ("recipient", "ECU", {"recipient": "Ecuador", "recipient_iso3": "ECU"},
     {"recipient": "Peru", "recipient_iso3": "PER"}),
    ("recipient", "ANDEAN", {"recipient": "Andean region", "recipient_iso3": None},
     {"recipient": "Peru", "recipient_iso3": "PER"}),
    ("recipient", "", {"recipient": None, "recipient_iso3": None}, {"recipient": "Peru", "recipient_iso3": "PER"}),
    ("year", "2004", {"year": 2004}, {"year": 2003}),
    ("year", "", {"year": None}, {"year": 2003}),
    ("amount", "4500000", {"amount": 4.5e6, "amount_usd": 4.5e6}, {"amount": 4e6, "amount_usd": 4e6}),
    ("is_aid", "false", {"is_aid": False}, {"is_aid": True}),
])
def test_a_correction_replaces_the_value_and_keeps_the_original(figures: pd.DataFrame, field: str, value: str,
                                                                 changed: dict, original: dict) -> None:
    result = apply_corrections(figures, SHA, [_fix(figures, "alpha", field, value)])
    row = result.figures.iloc[0]
    assert {k: (None if pd.isna(row[k]) else row[k]) for k in changed} == changed
    assert row["corrected"] == field and json.loads(row["original"]) == original
    assert result.figures.iloc[1:]["corrected"].isna().all() and not result.stale
    af.validate(result.figures)


def test_a_currency_correction_converts_at_the_year_s_rate(figures: pd.DataFrame) -> None:
    row = apply_corrections(figures, SHA, [_fix(figures, "alpha", "currency", "EUR")]).figures.iloc[0]
    assert row["currency"] == "EUR" and row["amount_usd"] == pytest.approx(af.to_usd(4e6, "EUR", 2003))
    assert row["corrected"] == "currency"


def test_a_year_correction_converts_again(figures: pd.DataFrame) -> None:
    row = apply_corrections(figures, SHA, [_fix(figures, "beta", "year", "2012")]).figures.iloc[1]
    assert row["amount_usd"] == pytest.approx(af.to_usd(2.5e6, "EUR", 2012))
    assert set(json.loads(row["original"])) == {"year", "amount_usd"}


@pytest.mark.parametrize(("field", "value"), [("confirmed", ""), ("recipient", "PER"), ("year", "2003")])
def test_a_confirmation_or_an_unchanged_value_marks_it_confirmed(figures: pd.DataFrame, field: str,
                                                                 value: str) -> None:
    result = apply_corrections(figures, SHA, [_fix(figures, "alpha", field, value)])
    row = result.figures.iloc[0]
    assert row["corrected"] == "confirmed" and pd.isna(row["original"]) and result.applied == 1
    assert row.drop(["corrected"]).equals(figures.iloc[0].drop(["corrected"]))


def test_two_fields_are_named_in_order(figures: pd.DataFrame) -> None:
    fixes = [_fix(figures, "alpha", "year", "2005"), _fix(figures, "alpha", "recipient", "COL")]
    assert apply_corrections(figures, SHA, fixes).figures.iloc[0]["corrected"] == "recipient;year"


# ---------------------------------------------------------------- the later wins, and says so
def test_the_later_of_two_corrections_of_a_field_wins_and_is_reported(figures: pd.DataFrame) -> None:
    first = _fix(figures, "alpha", "year", "2001", when="2026-01-01T00:00:00Z")
    later = _fix(figures, "alpha", "year", "2002", when="2026-01-02T00:00:00Z")
    result = apply_corrections(figures, SHA, [first, later])
    assert result.figures.iloc[0]["year"] == 2002 and result.superseded == [(first, later)]
    assert result.messages() == ["correction alpha:19-29 year='2001' (2026-01-01T00:00:00Z) is superseded by a "
                                 "later one: year='2002' (2026-01-02T00:00:00Z)"]


# ---------------------------------------------------------------- stale: never applied, never dropped
def test_a_changed_document_makes_its_corrections_stale(figures: pd.DataFrame) -> None:
    edited = {**SHA, "alpha": hashlib.sha256(b"another text").hexdigest()}
    result = apply_corrections(figures, edited, [_fix(figures, "alpha", "recipient", "ECU")])
    assert result.figures["corrected"].isna().all() and result.applied == 0
    [stale] = result.stale
    assert "no document has this sha256" in stale.reason
    assert stale.message().startswith("stale correction alpha:19-29 recipient='ECU': no document")
    frame = result.stale_frame()
    assert frame[["doc_id", "start", "end", "field"]].values.tolist() == [["alpha", 19, 29, "recipient"]]


def test_a_span_without_a_figure_is_stale(figures: pd.DataFrame) -> None:
    result = apply_corrections(figures, SHA, [Correction(SHA["beta"], 0, 7, "year", "2011")])
    assert [s.reason for s in result.stale] == ["the span holds no figure (the extractor no longer finds one there)"]
    assert result.stale[0].correction.doc_id == "beta"  # named from the documents
    assert result.figures["corrected"].isna().all()


# ---------------------------------------------------------------- applying twice, and undoing
def test_applying_again_starts_from_the_extracted_values(figures: pd.DataFrame) -> None:
    once = apply_corrections(figures, SHA, [_fix(figures, "alpha", "recipient", "ECU")]).figures
    twice = apply_corrections(once, SHA, [_fix(figures, "alpha", "year", "2004")]).figures
    assert twice.iloc[0]["recipient"] == "Peru" and twice.iloc[0]["corrected"] == "year"
    assert restore_originals(once).equals(figures)
    assert apply_corrections(once, SHA, []).figures.equals(figures)


def test_a_documents_table_gives_the_sha256(figures: pd.DataFrame) -> None:
    documents = pd.DataFrame({"doc_id": list(SHA), "sha256": list(SHA.values())})
    result = apply_corrections(figures, documents, [_fix(figures, "beta", "is_aid", "false")])
    assert result.figures["corrected"].tolist()[1] == "is_aid"
