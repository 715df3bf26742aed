"""Places: countries, demonyms, Spanish names and regions; people and organisations are not places."""

import pytest

from aidfigures.parse.places import find_places

CASES = [
    ("Peru received aid", "en", [("Peru", "PER")]),
    ("requests by Peru's army brass", "en", [("Peru", "PER")]),
    ("greater aid to the Peruvian army", "en", [("Peru", "PER")]),
    ("FOR EL SALVADOR AND FOR NICARAGUA", "en", [("El Salvador", "SLV"), ("Nicaragua", "NIC")]),
    ("aid to Bolivia and Venezuela", "en", [("Bolivia", "BOL"), ("Venezuela", "VEN")]),
    ("assistance to Latin America and the Caribbean", "en", [("Latin America and the Caribbean", "LATAM")]),
    ("the Andean region got most", "en", [("Andean region", "ANDEAN")]),
    ("Mexico and Central America are slated", "en", [("Mexico", "MEX"), ("Central America", "CENTRAL_AMERICA")]),
    ("la ayuda al Perú y a México", "es", [("Peru", "PER"), ("Mexico", "MEX")]),
    ("en Centroamérica y Haití", "es", [("Central America", "CENTRAL_AMERICA"), ("Haiti", "HTI")]),
    ("la policía peruana recibió", "es", [("Peru", "PER")]),
    ("la Cámara de Representantes de EU aprobó", "es", [("United States", "USA")]),
    ("In FY2010 Peru got more", "en", [("Peru", "PER")]),  # a code before it is no first name
    ("Bogotá recibió", "es", [("Colombia", "COL")]),
]
# a compass word before a country is not a name it is part of (it was: the country was lost)
COMPASS = [
    ("floods in Southern Peru and in Bolivia", "en", [("Peru", "PER"), ("Bolivia", "BOL")]),
    ("the drought in Northern Kenya worsened", "en", [("Kenya", "KEN")]),
    ("refugees reached Eastern Chad by road", "en", [("Chad", "TCD")]),
    ("talks on Northern Ireland went on", "en", [("United Kingdom", "GBR")]),  # a name of its own
    ("aid to Western Sahara was cut", "en", [("Western Sahara", "ESH")]),
]
# a region's adjective is the region, not a country inside it ("American" is not the United States there)
REGION_ADJECTIVES = [
    ("aid to Central American countries", "en", [("Central America", "CENTRAL_AMERICA")]),
    ("for Latin American governments", "en", [("Latin America", "LATAM")]),
    ("South American leaders met", "en", [("South America", "SOUTH_AMERICA")]),
    ("Andean governments asked for more", "en", [("Andean region", "ANDEAN")]),
    ("ayuda a los países centroamericanos", "es", [("Central America", "CENTRAL_AMERICA")]),
    ("los gobiernos latinoamericanos", "es", [("Latin America", "LATAM")]),
    ("en los países andinos y en Brasil", "es", [("Andean region", "ANDEAN"), ("Brazil", "BRA")]),
]
# a region's adjective beside a word for one country names a member, not the region
ONE_COUNTRY = [
    ("this South American country, unlike Chile", "en", [("Chile", "CHL")]),
    ("the Central American nation signed", "en", []),
    ("un país centroamericano firmó", "es", []),
    ("la nación latinoamericana firmó", "es", []),
]
NOT_PLACES = [
    ("The award went to Michael Jordan yesterday.", "en"),
    ("She lives in New Mexico now.", "en"),
    ("a project of the Latin America Working Group and others", "en"),
    ("according to President Chad Wilson of the bank", "en"),
    ("a loan from the Andean Development Corporation to the city", "en"),
]


@pytest.mark.parametrize("text, lang, expected", CASES, ids=[c[0][:30] for c in CASES])
def test_places(text, lang, expected):
    assert [(p.name, p.code) for p in find_places(text, lang)] == expected


@pytest.mark.parametrize("text, lang, expected", COMPASS, ids=[c[0][:30] for c in COMPASS])
def test_a_compass_word_before_a_country_keeps_the_country(text, lang, expected):
    assert [(p.name, p.code) for p in find_places(text, lang)] == expected


@pytest.mark.parametrize("text, lang, expected", REGION_ADJECTIVES, ids=[c[0][:30] for c in REGION_ADJECTIVES])
def test_a_regions_adjective_is_the_region(text, lang, expected):
    assert [(p.name, p.code) for p in find_places(text, lang)] == expected


@pytest.mark.parametrize("text, lang, expected", ONE_COUNTRY, ids=[c[0][:30] for c in ONE_COUNTRY])
def test_a_regions_adjective_for_one_country_is_no_region(text, lang, expected):
    assert [(p.name, p.code) for p in find_places(text, lang)] == expected


@pytest.mark.parametrize("text, lang", NOT_PLACES, ids=[c[0][:30] for c in NOT_PLACES])
def test_people_and_organisations_are_not_places(text, lang):
    assert find_places(text, lang) == []


def test_regions_have_no_iso3():
    (p,) = find_places("aid to Central America")
    assert p.iso3 is None and p.code == "CENTRAL_AMERICA"
