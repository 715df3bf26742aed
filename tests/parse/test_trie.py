"""trie_pattern: any of the words, longest first, a space matching ``space``; by the shape of the word list."""

from __future__ import annotations

import re

import pytest

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
