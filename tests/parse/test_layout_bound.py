"""Sentences are bounded: a long run with no sentence end is cut into pieces at good breaks."""

from __future__ import annotations

import pytest

import aidfigures as af
from aidfigures.parse.text import MAX_SENTENCE, find_layout

#: (unit repeated past the bound, the text each piece but the last ends with)
CUT_AT = [
    ("PERU GOT $5 MILLION FROM AID\nAND BOLIVIA GOT MORE ", "\n"),  # wrapped ALL-CAPS lines: a line break
    ("Peru got $5 million in aid; ", "; "),
    ("Peru got $5 million in aid, ", ", "),
    ("peru got five million ", " "),
]


@pytest.mark.parametrize(("unit", "ends"), CUT_AT)
def test_long_sentence_cut_at_best_break(unit, ends):
    text = unit * (3 * MAX_SENTENCE // len(unit))
    spans = find_layout(text).sentences
    assert len(spans) >= 3
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(b == a2 for (_, b), (a2, _) in zip(spans, spans[1:], strict=False))  # they cover the text
    assert all(b - a <= MAX_SENTENCE for a, b in spans)
    assert all(text[a:b].endswith(ends) for a, b in spans[:-1])


@pytest.mark.parametrize("text", [
    "1" * (2 * MAX_SENTENCE + 5),  # nowhere to break: cut at the bound
    "$1" * MAX_SENTENCE,
])
def test_unbreakable_run_cut_at_bound(text):
    spans = find_layout(text).sentences
    assert [b - a for a, b in spans][:-1] == [MAX_SENTENCE] * (len(spans) - 1)


@pytest.mark.parametrize("text", [
    "Peru received $5 million in 2006. Bolivia got $3 million in 2007.",
    "A sentence of " + "many words " * 80 + "ends here. Next one.",  # under the bound: one sentence
])
def test_short_sentences_unchanged(text):
    spans = find_layout(text).sentences
    assert [text[a:b].strip() for a, b in spans] == [s.strip() + ("." if not s.endswith(".") else "")
                                                     for s in text.split(". ")]


def test_sentence_cell_bounded():
    df = af.extract("PERU RECEIVED $5 MILLION IN 1976 FROM AID AND " * 400)
    assert len(df) == 400
    assert df["sentence"].str.len().max() <= MAX_SENTENCE


@pytest.mark.parametrize("text,want", [
    ("Aid rose.\n \u00a0\n\nIt fell.", ["Aid rose.\n \u00a0\n\n", "It fell."]),
    ("Aid rose. It fell.\n\t\n", ["Aid rose.", " It fell.\n\t\n"]),
    ("\n\nAid rose.", ["\n\n", "Aid rose."]),  # (no sentence before to join)
], ids=["blank lines between", "blank lines at the end", "blank lines at the start"])
def test_blank_stretches_join_the_sentence_before(text, want):
    assert [text[a:b] for a, b in find_layout(text).sentences] == want
