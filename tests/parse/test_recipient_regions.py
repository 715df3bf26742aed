"""Recipients that are a region or several countries: the candidates and features that tell them from one member."""

from __future__ import annotations

import pytest
from recipient_cases import candidates_of as _candidates

from aidfigures.parse.places import find_places

# (text, language, region code): region names that were not found before
REGION_NAMES = {
    "en-northern-triangle": ("The plan for the Northern Triangle costs $750 million.", "en", "CENTRAL_AMERICA"),
    "en-northern-triangle-countries": ("Northern Triangle countries may apply for the funds.", "en", "CENTRAL_AMERICA"),
    "es-triangulo-norte": ("El plan para el Triángulo Norte cuesta 750 millones de dólares.", "es", "CENTRAL_AMERICA"),
}


@pytest.mark.parametrize("text, lang, code", REGION_NAMES.values(), ids=REGION_NAMES)
def test_region_names_are_places_without_iso3(text: str, lang: str, code: str) -> None:
    places = find_places(text, lang)
    assert [(p.code, p.iso3) for p in places] == [(code, None)]


# (text, the country named with its neighbours): "X and its neighbours" is several countries
NEIGHBORS = {
    "and-its-neighbors": ("Washington proposed $500 million for Bolivia and its neighbors.", "BOL"),
    "and-regional-neighbours": ("The bank lent $90 million to Kenya and regional neighbours.", "KEN"),
    "es-y-sus-vecinos": ("La UE dará 40 millones de euros a Colombia y sus vecinos.", "COL"),
}


@pytest.mark.parametrize("text, code", NEIGHBORS.values(), ids=NEIGHBORS)
def test_a_country_and_its_neighbors_is_a_candidate_of_its_own(text: str, code: str) -> None:
    cands = _candidates(text)
    group = cands[f"{code}|NEIGHBORS"]
    assert group.get("with_neighbors") == 1.0 and "region" not in group
    assert "with_neighbors" not in cands[code]


# (text, the demonym's country): the people named are displaced; the money goes to where they are
DISPLACED = {
    "en-demonym-then-migrants": ("The EU gives Colombia 30 million euros for Venezuelan migrants.", "VEN"),
    "en-demonym-then-refugees": ("Jordan will get $100 million to host Syrian refugees.", "SYR"),
    "es-refugiados-then-demonym": ("Ecuador recibirá 10 millones de dólares para los refugiados colombianos.", "COL"),
}


@pytest.mark.parametrize("text, code", DISPLACED.values(), ids=DISPLACED)
def test_a_demonym_beside_displaced_people_is_marked(text: str, code: str) -> None:
    cands = _candidates(text)
    assert cands[code].get("displaced") == 1.0
    assert all("displaced" not in f for k, f in cands.items() if k != code)


# (text, program's recipient): the program named in the sentence before the figure's
PROGRAM_BEFORE = {
    "this-included": ("Congress added $105 million for the Andean Counterdrug Initiative. "
                      "This included $30 million for helicopters.", "ANDEAN"),
    "of-this": ("The Merida Initiative got $400 million last year. Of this, $50 million went to training.", "MEX"),
    "carsi-then-part": ("CARSI was funded in full. About $20 million of it pays for police vetting.",
                        "CENTRAL_AMERICA"),
}


@pytest.mark.parametrize("text, code", PROGRAM_BEFORE.values(), ids=PROGRAM_BEFORE)
def test_a_program_of_the_previous_sentence_is_a_candidate(text: str, code: str) -> None:
    assert _candidates(text)[code].get("program_prev1") == 1.0


# (text, the giver): a place followed by a verb of giving is passed over when marking the best place
GIVER_BY_VERB = {
    "will-give": ("At the conference Spain will give 50 million euros.", "ESP"),
    "pledged": ("Norway pledged $20 million at the meeting.", "NOR"),
    "es-aportara": ("En la conferencia, Alemania aportará 30 millones de euros.", "DEU"),
    "added": ("Canada added $40 million to the pledge tally.", "CAN"),
    "es-sumo": ("Por su parte, Japón sumó 15 millones de dólares.", "JPN"),
}


@pytest.mark.parametrize("text, code", GIVER_BY_VERB.values(), ids=GIVER_BY_VERB)
def test_a_place_that_gives_is_not_the_best_place(text: str, code: str) -> None:
    f = _candidates(text)[code]
    assert f.get("gives") == 1.0
    assert not {"best_clause", "best_sentence"} & set(f)


# regional words in the figure's clause: every one-country candidate carries it
REGIONAL = {
    "regional-request": ("Peru got $30 million. We doubled the regional request of $76 million.", "PER"),
    "countries-in-the-region": ("Colombia hosts most migrants. The EU gave 130 million euros to countries in the "
                                "region.", "COL"),
    "es-paises-vecinos": ("Ecuador pidió ayuda. La UE dio 12 millones de euros a los países vecinos.", "ECU"),
}


@pytest.mark.parametrize("text, code", REGIONAL.values(), ids=REGIONAL)
def test_one_country_candidates_in_a_regional_clause_are_marked(text: str, code: str) -> None:
    cands = _candidates(text)
    assert cands[code].get("one_in_regional") == 1.0
    assert "one_in_regional" not in cands[None]


# (text, the place set apart): "except Japan" names a place only to leave it out
EXCEPTED = {
    "except": ("Donors, except Japan, will give about $4 million to Peru.", "JPN"),
    "excluding": ("All lenders excluding China pledged $50 million for Zambia.", "CHN"),
    "es-salvo": ("Todos los donantes, salvo España, dieron 3 millones de dólares a Bolivia.", "ESP"),
}


@pytest.mark.parametrize("text, code", EXCEPTED.values(), ids=EXCEPTED)
def test_a_place_set_apart_by_except_is_not_the_best_place(text: str, code: str) -> None:
    f = _candidates(text)[code]
    assert f.get("pre_contrast") == 1.0
    assert not {"best_clause", "best_sentence", "first"} & set(f)


# (text, the place before the bracket): the bracketed figure is that place's, whatever cue precedes it
BRACKETED_AFTER_CONTRAST = {
    "after": ("Peru is third in the region, after Colombia ($351 million) and Mexico.", "COL"),
    "unlike": ("Aid fell for most, unlike Haiti ($40 million).", "HTI"),
    "es-despues-de": ("Perú es tercero, después de Colombia (351 millones de dólares).", "COL"),
}


@pytest.mark.parametrize("text, code", BRACKETED_AFTER_CONTRAST.values(), ids=BRACKETED_AFTER_CONTRAST)
def test_the_place_before_a_bracketed_figure_is_not_contrasted(text: str, code: str) -> None:
    f = _candidates(text, last=False)[code]
    assert f.get("before_paren") == 1.0 and "pre_contrast" not in f
