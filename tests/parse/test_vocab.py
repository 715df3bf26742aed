"""Function-word alternations built from lang/<lang>/function_words.csv."""

import re

import pytest

from aidfigures.lang import LANGUAGES, read_vocab
from aidfigures.parse.vocab import LIST_GAP, alt, words


def test_words_of_every_language_once_in_file_order():
    assert words("and", "and_vowel") == ("and", "y", "e")
    assert words("versus") == ("versus", "vs.", "vs")  # "versus" is in both files, kept once


def test_alternation_is_escaped_and_longest_first():
    body = alt("versus")
    assert body == r"versus|vs\.|vs"
    assert re.fullmatch(rf"(?:{body})", "vs.") and not re.fullmatch(rf"(?:{body})", "vsx")


def test_an_unknown_kind_is_a_key_error_not_an_empty_group():
    with pytest.raises(KeyError):
        alt("no such kind")


def test_every_kind_has_words_in_some_language_and_no_blank_word():
    rows = [r for lang in LANGUAGES for r in read_vocab("function_words", lang)]
    assert all(r["kind"] and r["word"] and r["word"] == r["word"].strip() for r in rows)


@pytest.mark.parametrize(("gap", "joins"), [(", ", True), (" and the ", True), (" e ", True), (", y el ", True),
                                            (", e ", False), (" with ", False)])
def test_list_gap(gap, joins):
    assert bool(LIST_GAP.match(gap)) is joins
