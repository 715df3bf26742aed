"""A figure's clause naming several countries outside one list gives them as one group candidate."""

from __future__ import annotations

import pytest

from aidfigures.extract import find_figures
from aidfigures.parse.attribution import _clause
from aidfigures.parse.context import read_context
from aidfigures.parse.recipient import recipient_candidates

# invented sentences, grouped by form: the countries are in the figure's clause but not in one "X and Y" list
CLAUSE_GROUPS = {
    "en-region-of-each": ("The programme spends $12 million in northern Chile and the highlands of Bolivia.",
                          {"CHL", "BOL"}),
    "en-shares-with": ("Donors pledged $40 million for the island Haiti shares with the Dominican Republic.",
                       {"HTI", "DOM"}),
    "es-departamentos": ("El fondo destina 8 millones de dólares al sur de Ecuador y a la frontera norte del Perú.",
                         {"ECU", "PER"}),
}
# one country in the clause, or the others outside it: no such group
NO_CLAUSE_GROUP = {
    "en-one-country": "The programme spends $12 million in the highlands of Bolivia.",
    "en-other-sentence": "Chile is a neighbour. The programme spends $12 million in the highlands of Bolivia.",
}


def _keys(text: str) -> dict[str | None, dict[str, float]]:
    f = find_figures(text)[0]
    doc = read_context(text)
    s = doc.layout.sentences[doc.layout.sentence_index(f.start)]
    c = _clause(doc, s[0], s[1], f.start, f.end)
    return {(v.key if v else None): feats for v, feats in recipient_candidates(doc, s, c, f.start, f.end, [])}


@pytest.mark.parametrize("sentence, codes", CLAUSE_GROUPS.values(), ids=CLAUSE_GROUPS)
def test_countries_of_the_clause_are_one_candidate(sentence: str, codes: set[str]) -> None:
    groups = [k for k, f in _keys(sentence).items() if k and "|" in k and set(k.split("|")) == codes]
    assert groups, sentence


@pytest.mark.parametrize("sentence", NO_CLAUSE_GROUP.values(), ids=NO_CLAUSE_GROUP)
def test_no_clause_group_without_two_countries_in_the_clause(sentence: str) -> None:
    assert not any("clause_group" in f for f in _keys(sentence).values()), sentence
