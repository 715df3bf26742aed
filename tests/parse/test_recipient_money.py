"""Recipient candidates and features that come from the figure's money and the document's spread of places."""

from __future__ import annotations

import pytest

from aidfigures.extract import find_figures
from aidfigures.parse.attribution import _clause
from aidfigures.parse.context import read_context
from aidfigures.parse.recipient import recipient_candidates
from aidfigures.parse.recipient_features import currency_country

_NOT_AID = ("s6-aaid: the fitted is_aid model reads a sum in a country's own money with no donor named as not aid, "
            "and the recipient model then gives it no recipient (an open regression)")

# invented sentences, grouped by form: a country's own money where the text does not name the country
# (aid received in it: a town's own spending, "invertirá Q25 millones", is no aid since s5-aid)
OWN_MONEY_UNNAMED = {
    "es-quetzal-sign": ("El municipio recibirá Q25 millones de cooperación para escuelas rurales.", "GTM"),
    "es-lempiras-word": pytest.param("La alcaldía recibió una donación de 300 millones de lempiras para el hospital.",
                                     "HND", marks=pytest.mark.xfail(strict=True, reason=_NOT_AID)),
    "en-soles-word": pytest.param("The city council approved 40 million soles for new classrooms.", "PER",
                                  marks=pytest.mark.xfail(strict=True, reason=_NOT_AID)),
}
# a donor's own money given to another country: the donor's candidate says so
DONOR_OWN_MONEY = {
    "en-code-before": ("Norway will give NOK 30 million to Tonga for its schools.", "NOR", "TON"),
    "en-sign-glued": ("New Zealand will give NZ$5 million to Tonga.", "NZL", "TON"),
    "en-euros-word": ("Spain will give 20 million euros to Bolivia.", "ESP", "BOL"),
}
# a country's own money where the text names it
OWN_MONEY_NAMED = {
    "es-pesos-word": ("Colombia invertirá 95.000 millones de pesos en vías rurales.", "COL"),
    "es-quetzales-word": ("Guatemala gastó 50 millones de quetzales en carreteras.", "GTM"),
}
# currencies and the one country whose money each is (none for donors' money, shared money and US dollars)
CURRENCY_COUNTRY = {"COP": "COL", "GTQ": "GTM", "HNL": "HND", "BOB": "BOL", "NZD": None, "AUD": None,
                    "NOK": None, "EUR": None, "USD": None, "XOF": None, None: None}


def _candidates(text: str, k: int = 0) -> tuple[object, dict[str | None, dict[str, float]]]:
    """The ``k``-th figure of ``text`` and its recipient candidates by key."""
    f = find_figures(text)[k]
    doc = read_context(text)
    s = doc.layout.sentences[doc.layout.sentence_index(f.start)]
    c = _clause(doc, s[0], s[1], f.start, f.end)
    cands = recipient_candidates(doc, s, c, f.start, f.end, [], f.is_aid, f.currency)
    return f, {(v.key if v else None): feats for v, feats in cands}


@pytest.mark.parametrize("sentence, iso3", OWN_MONEY_UNNAMED.values(), ids=OWN_MONEY_UNNAMED)
def test_a_countrys_own_money_makes_it_a_candidate(sentence: str, iso3: str) -> None:
    f, found = _candidates(sentence)
    assert found[iso3].get("currency_country") == 1.0 and found[iso3].get("own_currency") == 1.0
    assert f.recipient_iso3 == iso3


@pytest.mark.parametrize("sentence, donor, iso3", DONOR_OWN_MONEY.values(), ids=DONOR_OWN_MONEY)
def test_a_donors_own_money_marks_the_donor_not_the_recipient(sentence: str, donor: str, iso3: str) -> None:
    f, found = _candidates(sentence)
    assert found[donor].get("own_currency_donor") == 1.0 and "own_currency" not in found[donor]
    assert not any("own_currency" in k for k in found[iso3])
    assert "currency_country" not in found[donor]
    assert f.recipient_iso3 == iso3


@pytest.mark.parametrize("sentence, iso3", OWN_MONEY_NAMED.values(), ids=OWN_MONEY_NAMED)
def test_a_named_countrys_own_money_is_a_feature_not_a_second_candidate(sentence: str, iso3: str) -> None:
    f, found = _candidates(sentence)
    assert found[iso3].get("own_currency") == 1.0 and "currency_country" not in found[iso3]
    assert f.recipient_iso3 == iso3


@pytest.mark.parametrize("currency, iso3", CURRENCY_COUNTRY.items(), ids=[str(k) for k in CURRENCY_COUNTRY])
def test_the_country_a_currency_belongs_to(currency: str | None, iso3: str | None) -> None:
    assert currency_country(currency) == iso3


def test_a_place_named_only_elsewhere_carries_its_share_of_the_document() -> None:
    text = ("Haiti and Peru will share the fund. Haiti gets schools and Peru gets roads, Bolivia said.\n\n"
            "Officials approved $5 million on Monday.")
    _, found = _candidates(text)
    assert found["HTI"]["doc_share"] == pytest.approx(2 / 5)  # Haiti 2, Peru 2, Bolivia 1 of 5 mentions
    assert found[None]["none_spread"] == pytest.approx(1 - 2 / 5)
    _, near = _candidates("Haiti gets $5 million. Peru gets roads.")
    assert "doc_share" not in near["HTI"]  # named in the figure's own sentence


def test_a_text_about_one_country_has_no_spread() -> None:
    _, found = _candidates("Peru received $5 million. Peru will spend it on roads.")
    assert found[None]["none_spread"] == 0.0


REGIONAL_SENTENCE = {
    "en-region-in-other-clause": "Aid to the region grew; officials approved $5 million for Honduras on Monday.",
    "es-region-in-other-clause": "La ayuda a la región creció; se aprobaron 5 millones de dólares para Honduras.",
}


@pytest.mark.parametrize("sentence", REGIONAL_SENTENCE.values(), ids=REGIONAL_SENTENCE)
def test_a_regional_cue_elsewhere_in_the_sentence_is_a_feature_of_none(sentence: str) -> None:
    _, found = _candidates(sentence)
    assert found[None].get("none_regional_sentence") == 1.0 and "none_regional" not in found[None]

