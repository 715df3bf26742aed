"""What attribution reads once per sentence or per list and reuses for the figures that share it gives what
reading it again for each figure gives (sentences written for these tests)."""

from __future__ import annotations

import re

import pytest

from aidfigures.parse.aid import aid_features
from aidfigures.parse.aid_owners import note_figures
from aidfigures.parse.attribution import _clause, attribute
from aidfigures.parse.context import DocumentContext, read_context
from aidfigures.parse.place_groups import group_span
from aidfigures.parse.recipient import _regional_clause
from aidfigures.parse.recipient_features import _cues

_MONEY = re.compile(r"\$\d+ million")


def _figures(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _MONEY.finditer(text)]


def _aid_features_of(doc: DocumentContext, span: tuple[int, int]) -> dict[str, float]:
    i = doc.layout.sentence_index(span[0])
    s = doc.layout.sentences[i]
    return aid_features(doc, s, _clause(doc, s[0], s[1], *span), *span)


# several figures in one sentence: the cue words and donors each belongs to are read once for the sentence
SHARED = {
    "pledge-then-gift": "Japan pledged $5 million for schools, and Spain gave $3 million in loans to Peru.",
    "damage-then-aid": "The storm caused $80 million in damage, and donors sent $9 million in relief.",
    "restated": "Norway gave $4 million (about $5 million in all) and Chile asked for $2 million.",
    "three-figures": "Peru received $7 million, Bolivia $6 million and Ecuador $2 million from Sweden.",
}


@pytest.mark.parametrize("text", SHARED.values(), ids=SHARED)
def test_the_figures_of_a_sentence_get_the_features_each_would_get_alone(text: str) -> None:
    spans = _figures(text)
    shared = read_context(text)
    note_figures(shared, spans)
    together = [_aid_features_of(shared, span) for span in spans]
    alone = []
    for span in spans:  # a fresh document per figure: nothing read for another figure is reused
        doc = read_context(text)
        note_figures(doc, spans)
        alone.append(_aid_features_of(doc, span))
    assert together == alone
    assert any(f != together[0] for f in together[1:])  # the figures of the sentence do differ


def test_a_figure_that_was_not_noted_joins_the_figures_of_its_sentence() -> None:
    text = "Japan pledged $5 million for schools, and Spain gave $3 million in loans to Peru."
    first, second = _figures(text)
    doc = read_context(text)
    note_figures(doc, [first])  # the second figure is not noted: the cues nearer it are still its own
    _aid_features_of(doc, first)
    late = _aid_features_of(doc, second)
    fresh = read_context(text)
    note_figures(fresh, [first, second])
    assert late == _aid_features_of(fresh, second)
    assert "give:mine" in late and "pledge:mine" not in late


def test_noting_the_figures_again_forgets_what_was_read_for_the_old_ones() -> None:
    text = "Japan pledged $5 million for schools, and Spain gave $3 million in loans to Peru."
    first, second = _figures(text)
    doc = read_context(text)
    note_figures(doc, [second])
    _aid_features_of(doc, second)
    note_figures(doc, [first, second])
    again = read_context(text)
    note_figures(again, [first, second])
    assert _aid_features_of(doc, second) == _aid_features_of(again, second)


# a regional cue word in a clause: a sentence without one is not read clause by clause
REGIONAL = {
    "regional-first-clause": ("The regional fund got $40 million; Peru got $2 million.", [True, False]),
    "regional-second-clause": ("Peru got $2 million; the region's countries got $40 million.", [False, True]),
    "no-regional-word": ("Peru got $2 million; Chile got $40 million.", [False, False]),
}


@pytest.mark.parametrize("text, expected", REGIONAL.values(), ids=REGIONAL)
def test_a_clause_is_regional_when_it_names_a_region(text: str, expected: list[bool]) -> None:
    doc = read_context(text)
    s = doc.layout.sentences[0]
    cue = _cues(doc.lang)["regional"]
    clauses = [_clause(doc, s[0], s[1], *span) for span in _figures(text)]
    assert [_regional_clause(doc, cue, c, s) for c in clauses] == expected
    assert [cue.search(text, *c) is not None for c in clauses] == expected


def test_a_clause_cut_inside_a_word_is_read_itself() -> None:
    # "regionalism" is no regional cue in the sentence, but its first letters end a clause cut there
    text = "Peru got $2 million for regionalism studies."
    doc = read_context(text)
    s = doc.layout.sentences[0]
    cue = _cues(doc.lang)["regional"]
    c = (0, text.index("ism"))
    assert cue.search(text, *s) is None
    assert _regional_clause(doc, cue, c, s) is (cue.search(text, *c) is not None) is True


# lists of places: a place is tested for a contrast word only beside a gap that links it to another
#: Sentences with lists of places, and each place's list as read when every place was tested for a
#: contrast word (``unlike Chile``: a contrasted place does not pull the next ones into its list).
LISTS = {
    "contrast-before-a-list": ("Unlike Chile, Peru and Bolivia received $5 million; Ecuador got $1 million.",
                               {"Chile": "Chile Peru Bolivia", "Peru": "Peru Bolivia", "Bolivia": "Peru Bolivia",
                                "Ecuador": "Ecuador"}),
    "contrast-inside-a-list": ("Aid went to Peru and, unlike Chile and Argentina, to Bolivia.",
                               {"Peru": "Peru", "Chile": "Chile Argentina", "Argentina": "Argentina",
                                "Bolivia": "Bolivia"}),
    "two-lists": ("Honduras and Guatemala got $8 million, while Panama, Colombia and Peru got $6 million.",
                  {"Honduras": "Honduras Guatemala", "Guatemala": "Honduras Guatemala",
                   "Panama": "Panama Colombia Peru", "Colombia": "Panama Colombia Peru",
                   "Peru": "Panama Colombia Peru"}),
    "no-list": ("Haiti got $3 million. Cuba got nothing. Jamaica got $1 million.",
                {"Haiti": "Haiti", "Cuba": "Cuba", "Jamaica": "Jamaica"}),
}


@pytest.mark.parametrize(("text", "lists"), LISTS.values(), ids=LISTS)
def test_the_lists_of_places_are_those_every_place_tested_gives(text: str, lists: dict[str, str]) -> None:
    doc = read_context(text)
    places = doc.recipient_places
    got = {p.name: " ".join(q.name for q in places[slice(*group_span(doc, places, p))]) for p in places}
    assert got == lists


def test_the_places_after_a_contrasted_one_are_a_list_without_it() -> None:
    doc = read_context("Unlike Chile, Peru and Bolivia received $5 million.")
    places = doc.recipient_places
    assert [p.name for p in places] == ["Chile", "Peru", "Bolivia"]
    # walking left from Peru the list ends before Chile; walking right from Chile it goes on
    assert [group_span(doc, places, p) for p in places] == [(0, 3), (1, 3), (1, 3)]


@pytest.mark.parametrize("text", [*SHARED.values(), *(text for text, _ in LISTS.values())], ids=[*SHARED, *LISTS])
def test_each_figure_is_attributed_as_it_would_be_alone(text: str) -> None:
    spans = _figures(text)
    shared = read_context(text)
    note_figures(shared, spans)
    together = [attribute(shared, *span) for span in spans]
    alone = []
    for span in spans:
        doc = read_context(text)
        note_figures(doc, spans)
        alone.append(attribute(doc, *span))
    assert together == alone
