"""trie_pattern: any of the words, longest first, a space matching ``space``; by the shape of the word list."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aidfigures.parse.trie import trie_pattern

#: (words, texts matched whole, texts not matched whole)
CASES = [
    (["peso"], ["peso"], ["pes", "pesos", ""]),                                      # one word: a run of letters
    (["peso", "pesos", "pesetas"], ["peso", "pesos", "pesetas"], ["pese", "pesos s"]),  # a word inside another
    (["US$", "C$", "$"], ["US$", "C$", "$"], ["U$", "US"]),                          # signs are escaped
    (["costa rica", "costa"], ["costa rica", "costa  rica", "costa\trica"], ["costarica", "costa r"]),
    (["a.b", "a+b"], ["a.b", "a+b"], ["axb", "aab"]),                                # no metacharacter leaks
    (["", "dólar"], ["dólar"], [""]),                                                # an empty word is left out
]


@pytest.mark.parametrize(("words", "matched", "unmatched"), CASES)
def test_the_words_and_nothing_else(words: list[str], matched: list[str], unmatched: list[str]) -> None:
    pattern = re.compile(trie_pattern(words))
    assert [w for w in matched if not pattern.fullmatch(w)] == []
    assert [w for w in unmatched if pattern.fullmatch(w)] == []


@pytest.mark.parametrize(("words", "text", "longest"), [
    (["dollar", "dollars"], "dollars and", "dollars"),
    (["mil", "millones", "million"], "millones de", "millones"),
    (["new", "new zealand"], "new zealand dollars", "new zealand"),
])
def test_the_longest_word_wins(words: list[str], text: str, longest: str) -> None:
    found = re.compile(trie_pattern(words)).match(text)
    assert found is not None and found.group() == longest


def test_a_space_as_the_caller_writes_it() -> None:
    pattern = re.compile(trie_pattern(["united states"], space=" +"))
    assert pattern.fullmatch("united   states") and not pattern.fullmatch("united\nstates")


_LETTERS = "ab é.$\\(-"


@settings(max_examples=300, deadline=None)
@given(st.sets(st.text(_LETTERS, min_size=1, max_size=6), min_size=1, max_size=10),
       st.lists(st.text(_LETTERS, max_size=7), max_size=10))
def test_any_word_set_matches_its_words_whole_and_the_longest_first(words: set[str], others: list[str]) -> None:
    """Whatever the (non-empty) words (sharing starts, one inside another, metacharacters, spaces): the pattern
    matches each word whole and no other text, and at a text's start the longest word there."""
    pattern = re.compile(trie_pattern(words, space=" "))
    wanted = words
    for text in [*words, *others, *(w[:k] for w in words for k in range(len(w)))]:
        assert (pattern.fullmatch(text) is not None) == (text in wanted), text
        starts = [w for w in wanted if text.startswith(w)]
        found = pattern.match(text)
        assert (found.group() if found and found.group() else None) == (max(starts, key=len) if starts else None)
