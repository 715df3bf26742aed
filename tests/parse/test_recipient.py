"""The recipient chosen among candidates (parse/recipient.py) and the confidence column it feeds."""

from __future__ import annotations

import pandas as pd
import pytest
from script_loader import load_script

from aidfigures import schema
from aidfigures.errors import SchemaError
from aidfigures.extract import extract, find_figures
from aidfigures.parse.context import read_context
from aidfigures.parse.recipient import recipient_candidates

# (sentence, recipient_iso3 or None, recipient name): invented sentences, grouped by the kind of
# error the choice among candidates is there to avoid
DONOR_IS_NOT_RECIPIENT = {
    "giver-then-possessive": ("Norway will give 30 million euros to Haiti's reconstruction fund.", "HTI"),
    "giver-then-to": ("Sweden pledged $12 million to Honduras for flood relief.", "HND"),
    "giver-then-for": ("Japan promised 5 million dollars for Bolivia's schools.", "BOL"),
    "es-giver-then-a": ("El Gobierno de Japón donó 3 millones de dólares a Paraguay.", "PRY"),
    "giver-then-indirect-object": ("The United States gave Colombia $300 million in 2005.", "COL"),
}
NEARBY_COUNTRY = {
    "relative-clause-then-talks": ("Guatemala, which receives $130 million a year in assistance, signed the deal "
                                   "after talks with Mexico.", "GTM"),
    "relative-clause-then-venue": ("Ecuador, which received $45 million last year, wants more help, officials in "
                                   "Peru said.", "ECU"),
    "contrast": ("Unlike Chile, Peru got $10 million in aid.", "PER"),
    "venue-city": ("Donors met in Brussels and pledged $200 million for Haiti.", "HTI"),
}
SEVERAL = {
    "two-with-and": ("Congress approved $80 million for Nicaragua and Costa Rica.", None, "Nicaragua; Costa Rica"),
    "three-with-commas": ("The fund gives $15 million to Panama, El Salvador and Belize.", None,
                          "Panama; El Salvador; Belize"),
    "es-two-with-y": ("España aportará 20 millones de euros para Bolivia y Perú.", None, "Bolivia; Peru"),
}


@pytest.mark.parametrize("sentence, iso3", DONOR_IS_NOT_RECIPIENT.values(), ids=DONOR_IS_NOT_RECIPIENT)
def test_a_donor_is_not_taken_for_the_recipient(sentence: str, iso3: str) -> None:
    (f,) = find_figures(sentence)
    assert f.recipient_iso3 == iso3


@pytest.mark.parametrize("sentence, iso3", NEARBY_COUNTRY.values(), ids=NEARBY_COUNTRY)
def test_a_nearby_country_is_not_taken_for_the_recipient(sentence: str, iso3: str) -> None:
    (f,) = find_figures(sentence)
    assert f.recipient_iso3 == iso3


@pytest.mark.parametrize("sentence, iso3, name", SEVERAL.values(), ids=SEVERAL)
def test_places_named_together_are_one_recipient(sentence: str, iso3: str | None, name: str) -> None:
    (f,) = find_figures(sentence)
    assert (f.recipient_iso3, f.recipient) == (iso3, name)


def _candidates(sentence: str) -> dict[str | None, dict[str, float]]:
    (f,) = find_figures(sentence)
    doc = read_context(sentence)
    s = doc.layout.sentences[doc.layout.sentence_index(f.start)]
    return {(v.key if v else None): feats for v, feats in recipient_candidates(doc, s, s, f.start, f.end, [])}


def test_candidates_carry_the_cues_and_a_none_option() -> None:
    found = _candidates("Norway will give 30 million euros to Haiti's reconstruction fund.")
    assert found["NOR"].get("gives") == 1.0 and found["NOR"].get("donor_country") == 1.0
    assert found["HTI"].get("possessive") == 1.0 and found["HTI"].get("figure_for") == 1.0
    assert found[None] == {"none": 1.0, "none_spread": 0.5}  # Norway and Haiti: half the places are not the top one
    listed = _candidates("Congress approved $80 million for Nicaragua and Costa Rica.")
    assert {"NIC", "CRI", "NIC|CRI", None} <= set(listed) and listed["NIC|CRI"]["list"] == 1.0


def test_a_figure_with_no_place_has_only_the_none_candidate() -> None:
    assert list(_candidates("The program costs $5 million.")) == [None]


@pytest.mark.parametrize("sentence", [s for s, *_ in (*DONOR_IS_NOT_RECIPIENT.values(), *SEVERAL.values())])
def test_confidence_is_a_probability(sentence: str) -> None:
    df = extract(sentence)
    assert df["confidence"].between(0.0, 1.0).all()
    schema.validate(df)


def test_table_cells_have_no_confidence() -> None:
    text = ("Aid to Peru (in dollars)\n\nProgram        2008        2009\n"
            "Military       1,200,000   1,300,000\nPolice         2,500,000   2,600,000\n")
    df = extract(text)
    cells = df[df["text"].str.fullmatch(r"[\d,]+")]
    assert len(cells) and cells["confidence"].isna().all()


def test_a_schema_1_0_table_reads_with_confidence_na(figures: pd.DataFrame) -> None:
    old = figures.drop(columns=["confidence"])
    back = schema.validate(old)
    assert list(back.columns) == list(schema.COLUMNS) and back["confidence"].isna().all()


def test_confidence_above_one_fails(figures: pd.DataFrame) -> None:
    bad = figures.assign(confidence=1.5)
    with pytest.raises(SchemaError, match="confidence"):
        schema.validate(bad)


def test_the_accuracy_benchmark_skips_cleanly_without_a_corpus(tmp_path, capsys) -> None:

    mod = load_script("benchmarks/accuracy.py", "accuracy_benchmark")
    assert mod.main(["--corpus", str(tmp_path / "nowhere")]) == 0
    assert "skipped" in capsys.readouterr().out


REGIONAL = {
    "en-regional-programs": "Honduras will get $750 million, and another $400 million was set aside for regional "
                            "programs.",
    "en-countries-in-the-region": "The EU has given 130 million euros to countries in the region, Colombia among them.",
    "es-paises-de-la-region": "España destinará 20 millones de euros a los países de la región, sobre todo a Colombia.",
}


@pytest.mark.parametrize("sentence", REGIONAL.values(), ids=REGIONAL)
def test_a_regional_cue_in_the_clause_is_a_feature_of_none(sentence: str) -> None:
    doc = read_context(sentence)
    f = find_figures(sentence)[-1]
    s = doc.layout.sentences[doc.layout.sentence_index(f.start)]
    from aidfigures.parse.attribution import _clause

    c = _clause(doc, s[0], s[1], f.start, f.end)
    none = dict(recipient_candidates(doc, s, c, f.start, f.end, []))[None]
    assert none.get("none_regional") == 1.0
