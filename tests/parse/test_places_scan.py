"""The scan for places: two patterns merged as the gazetteer's one, and places read before kept."""

import pytest

from aidfigures.parse.context import read_context
from aidfigures.parse.places import _matches, find_places, gazetteer

#: names that begin with a small letter running over, beside or inside names that begin with a capital
TWO_SCANS = [
    ("aid to the Caribbean and to Haiti", "en"),
    ("in sub-Saharan Africa, then in Africa", "en"),
    ("the State of Palestine and Palestine", "en"),
    ("Othe Andes; xsub-Saharan Africa; the  \n Caribbean", "en"),
    ("the the Andes, sub-sub-Saharan Africa", "en"),
    ("la ayuda estadounidense a Perú y los peruanos de México", "es"),
    ("Estados Unidos y los estadounidenses; unestadounidense; peruanoChile", "es"),
    ("ayuda peruana, colombiana y mexicana a Centroamérica", "es"),
]
#: (text, lang, pos, endpos): slices that cut through a name, or begin inside one
SLICES = [
    ("aid to the Caribbean and to Haiti", "en", 0, 12),
    ("aid to the Caribbean and to Haiti", "en", 8, 33),
    ("in sub-Saharan Africa, then in Africa", "en", 3, 18),
    ("la ayuda estadounidense a Perú", "es", 9, 20),
]


@pytest.mark.parametrize("text, lang", TWO_SCANS, ids=[t[:30] for t, _ in TWO_SCANS])
def test_two_scans_match_as_the_one_pattern(text, lang):
    one = [m.span() for m in gazetteer(lang)[1].finditer(text)]
    assert [m.span() for m in _matches(text, lang, 0, len(text))] == one


@pytest.mark.parametrize("text, lang, pos, endpos", SLICES, ids=[f"{t[:20]}-{a}-{b}" for t, _, a, b in SLICES])
def test_two_scans_match_as_the_one_pattern_in_a_slice(text, lang, pos, endpos):
    one = [m.span() for m in gazetteer(lang)[1].finditer(text, pos, endpos)]
    assert [m.span() for m in _matches(text, lang, pos, endpos)] == one


def test_a_name_with_a_small_letter_is_one_place_over_the_capitals_name():
    assert [p.text for p in find_places("aid to the Caribbean and to Haiti")] == ["the Caribbean", "Haiti"]


def test_a_spanish_demonym_after_a_capitals_name():
    assert [p.iso3 for p in find_places("Estados Unidos y los estadounidenses", "es")] == ["USA", "USA"]


# places read before, in slices of the text
def test_places_known_from_slices_are_kept_as_found():
    text = "Aid to Bolivia rose. Much later, Peru and Ecuador asked for more; Chile did not."
    known = {p.start: p for a, b in ((0, 20), (33, 50)) for p in find_places(text, "en", a, b)}
    found = find_places(text, "en", known=known)
    assert found == find_places(text, "en")
    assert all(p is known[p.start] for p in found if p.start in known)


def test_a_place_cut_by_the_end_of_a_slice_is_read_again():
    text = "aid to Guinea-Bissau was cut"
    (cut,) = find_places(text, "en", 0, 13)
    assert (cut.text, cut.iso3) == ("Guinea", "GIN")
    assert [p.iso3 for p in find_places(text, "en", known={cut.start: cut})] == ["GNB"]


def test_the_subject_is_the_same_whether_or_not_the_places_around_figures_were_read():
    text = ("Haiti asked for help.\n\n" + "The mission met again. " * 40
            + "Haiti got $5 million in 2010 and Haiti wants more. " + "Nothing else. " * 30
            + "Peru and Haiti spoke; Haiti thanked them.")
    figure = text.index("$5")
    focused = read_context(text, lang="en", focus=[(figure, figure + 10)])
    assert focused.places != read_context(text, lang="en").places  # the regions are not the whole text
    assert focused.subject == read_context(text, lang="en").subject
    assert focused.subject is not None and focused.subject.iso3 == "HTI"
