"""Tests for aidfigures.claims: finding rank and change claims, linking them to figures, and the verdicts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import aidfigures as af
from aidfigures.analysis.claims import claims, find_claims
from aidfigures.schema import CLAIM_COLUMNS

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "data" / "raw" / "ips_peru_wikileaks_2010.txt"
PERU_2006 = "Peru received 56.4 million dollars in military aid in 2006"


@pytest.fixture(scope="module")
def seed_claims() -> pd.DataFrame:
    doc = af.read_document(SEED)
    return claims(doc.text, af.extract_files([SEED]), doc_id=doc.doc_id)


def test_seed_claims(seed_claims: pd.DataFrame) -> None:
    got = seed_claims[["kind", "subject_iso3", "year", "rank", "direction", "compared_with", "scope", "verdict"]]
    assert got.astype(object).where(got.notna(), None).values.tolist() == [
        ["rank", "PER", 2006, 2, None, "Colombia", "Latin America", "consistent"],
        ["change", "PER", 2011, None, "down", "2006", None, "consistent"],
        ["rank", "PER", 2011, 3, None, "Colombia;Mexico", "Latin America", "consistent"],
    ]
    assert seed_claims["claim"].tolist() == [
        "the second biggest recipient in Latin America after Colombia",
        "a substantial reduction",
        "third place for such funds in the region, after Colombia (351 million dollars) and Mexico",
    ]
    assert list(seed_claims.columns) == list(CLAIM_COLUMNS)
    assert (seed_claims["checked_against"] == "document").all()


@pytest.mark.parametrize(("row", "evidence"), [
    pytest.param(0, "2006 military and police aid in Latin America: Colombia $582M, Peru $56.4M; Peru is 2nd", id="second"),  # noqa: E501
    pytest.param(1, "Peru 2011 $44.7M (requested) vs 2006 $56.4M (disbursed): -20.7%, a large change (at least 10%)",
                 id="reduction"),
    pytest.param(2, "2011 military and police aid in Latin America: Colombia $351M, Mexico $147.9M, Peru $44.7M; "
                    "Peru is 3rd", id="third"),
])
def test_seed_evidence(seed_claims: pd.DataFrame, row: int, evidence: str) -> None:
    assert seed_claims.loc[row, "evidence"] == evidence


def test_seed_spans_point_into_the_text(seed_claims: pd.DataFrame) -> None:
    text = af.read_document(SEED).text
    for claim in seed_claims.itertuples():
        assert text[claim.start:claim.end] == claim.claim
    assert seed_claims.loc[0, "figures"] == "ips_peru_wikileaks_2010:3741;ips_peru_wikileaks_2010:3892"


@pytest.mark.parametrize(("text", "kind", "verdict", "evidence"), [
    pytest.param("En 2006 el Perú recibió 56,4 millones de dólares en ayuda militar, lo que lo convirtió en el "
                 "segundo mayor receptor de América Latina, después de Colombia, que recibió 582 millones de dólares.",
                 "rank", "consistent", "Peru is 2nd", id="es-segundo-mayor-receptor"),
    pytest.param("En 2011 Estados Unidos asignó al Perú 44,7 millones de dólares en ayuda militar, una reducción "
                 "importante frente a los 56,4 millones de dólares de 2006.",
                 "change", "consistent", "-20.7%", id="es-una-reduccion-importante"),
    pytest.param("Perú recibió 70 millones de dólares en ayuda policial en 2011, un aumento frente a los 40 "
                 "millones de dólares que recibió en 2010.", "change", "consistent", "+75.0%", id="es-un-aumento"),
    pytest.param(f"{PERU_2006}, the biggest recipient in Latin America. Colombia received 582 million dollars in "
                 "military aid in 2006.", "rank", "inconsistent", "1 country above Peru, so 2nd at best, not 1st",
                 id="not-the-biggest"),
    pytest.param(f"{PERU_2006}, the second largest recipient in the region after Colombia (582 million dollars). "
                 "Mexico received 70 million dollars in military aid in 2006.",
                 "rank", "inconsistent", "2 countries above Peru", id="mexico-also-above"),
    pytest.param(f"{PERU_2006}, the third largest recipient after Colombia (20 million dollars) and Bolivia "
                 "(70 million dollars).", "rank", "inconsistent", "Colombia $20M is not above Peru $56.4M",
                 id="listed-country-below"),
    pytest.param(f"{PERU_2006}. In 2011 Peru received 60 million dollars in military aid, a sharp reduction.",
                 "change", "inconsistent", "+6.4%, not a fall", id="reduction-that-is-a-rise"),
    pytest.param(f"{PERU_2006}. In 2011 Peru received 55 million dollars in military aid, a substantial reduction.",
                 "change", "inconsistent", "-2.5%, a small change (under 10%)", id="substantial-but-small"),
    pytest.param(f"{PERU_2006}. In 2011 Peru received 30 million dollars in military aid, a slight decrease.",
                 "change", "inconsistent", "-46.8%, a large change (over 10%)", id="slight-but-large"),
    pytest.param("Peru received 56.4 million dollars in military aid in 2011, making it the second biggest "
                 "recipient in Latin America after Colombia.", "rank", "cannot check", "no 2011 figure for Colombia",
                 id="no-figure-for-colombia"),
    pytest.param("Peru received 56.4 million dollars in military aid in 2011, the biggest recipient in the region.",
                 "rank", "cannot check", "no other country's figure", id="nothing-to-compare"),
    pytest.param("In 2011 Peru received 44.7 million dollars in military aid, a substantial reduction.",
                 "change", "cannot check", "no earlier military aid for Peru before 2011", id="no-earlier-figure"),
    pytest.param("In FY2002 Congress appropriated $625 million for the ACI in Colombia, a reduction of $56 million "
                 "from the request.", "change", "cannot check", "size of the change", id="amount-of-the-change"),
    pytest.param(f"{PERU_2006}, the second largest recipient after Colombia, which received 59 million dollars.",
                 "rank", "cannot check", "within 5% of Peru", id="tie"),
])
def test_verdicts(text: str, kind: str, verdict: str, evidence: str) -> None:
    out = claims(text)
    assert out["kind"].tolist() == [kind]
    assert out.loc[0, "verdict"] == verdict and evidence in out.loc[0, "evidence"], out.loc[0, "evidence"]


@pytest.mark.parametrize("text", [
    pytest.param("The embassy asked for increased military aid to fight Sendero.", id="increase-without-figure"),
    pytest.param("The team finished in third place after Colombia.", id="place-without-figure"),
    pytest.param("Peru received 56.4 million dollars in 2006. The mayor of Lima spoke.", id="english-mayor"),
])
def test_no_claim(text: str) -> None:
    assert claims(text).empty


@pytest.mark.parametrize(("text", "lang", "rank", "direction", "degree"), [
    pytest.param("the second-largest aid recipient", "en", 2, None, None, id="hyphen-and-modifier"),
    pytest.param("it ranks third in the hemisphere", "en", 3, None, None, id="ranks-third"),
    pytest.param("the top recipient", "en", 1, None, None, id="top"),
    pytest.param("el principal receptor", "es", 1, None, None, id="es-principal"),
    pytest.param("ocupa el tercer lugar", "es", 3, None, None, id="es-tercer-lugar"),
    pytest.param("aid rose sharply", "en", None, "up", None, id="rose"),
    pytest.param("a steep decline", "en", None, "down", "large", id="steep-decline"),
    pytest.param("una leve caída", "es", None, "down", "small", id="es-leve-caida"),
    pytest.param("un incremento considerable", "es", None, "up", "large", id="es-degree-after"),
])
def test_claim_words(text: str, lang: str, rank: int | None, direction: str | None, degree: str | None) -> None:
    found = find_claims(text, lang)
    assert [(c.rank, c.direction, c.degree) for c in found] == [(rank, direction, degree)]


def test_corpus_figures_can_contradict_a_document() -> None:
    text = f"{PERU_2006}, the second biggest recipient in the region after Colombia (582 million dollars)."
    other = af.extract("Mexico received 90 million dollars in military aid in 2006.", doc_id="other")
    alone = claims(text, doc_id="a")
    with_corpus = claims(text, pd.concat([af.extract(text, doc_id="a"), other]), doc_id="a")
    assert alone.loc[0, "verdict"] == "consistent" and alone.loc[0, "checked_against"] == "document"
    assert with_corpus.loc[0, "verdict"] == "inconsistent"
    assert with_corpus.loc[0, "checked_against"] == "corpus" and "other:16" in with_corpus.loc[0, "figures"]
    assert "Colombia $582M, Mexico $90M, Peru $56.4M; 2 countries above Peru" in with_corpus.loc[0, "evidence"]


def test_corpus_gives_the_earlier_year() -> None:
    text = "In 2011 Peru received 44.7 million dollars in military aid, a substantial reduction."
    older = af.extract(PERU_2006 + ".", doc_id="older")
    out = claims(text, older, doc_id="now")  # no figures for "now": they are extracted
    assert out.loc[0, ["verdict", "compared_with", "checked_against"]].tolist() == ["consistent", "2006", "corpus"]
