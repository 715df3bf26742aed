"""The anchors of amounts in words (parse/word_anchors.py): the heads found in bytes give the pattern's matches."""

import pytest

from aidfigures.parse.money import find_money
from aidfigures.parse.word_anchors import anchors, phrase_anchor

#: Invented sentences, grouped by the form of what is (or is not) an anchor, with the language read.
FORMS = {
    "number words after a space, a line or a sign": [
        ("en", "Norway gave two million dollars, then (three) more.\nseven were late."),
        ("en", "two three four five: a count, not an amount"),
        ("en", "They sent twenty-one trucks and ninety-nine tents."),
    ],
    "words of several parts": [
        ("en", "Three quarters of a million euros and half a billion yen were pledged."),
        ("en", "one quarter of a loan, a quarter of the funds, a half of the rest"),
        ("en", "three-quarters of a billion dollars went north"),
    ],
    "an article before a scale word, and not before others": [
        ("en", "a million dollars, an ox, a cart, a thousand million, a  billion"),
        ("es", "un millón de dólares y un mil millones, un perro y una casa"),
    ],
    "a lead before a number word": [
        ("es", "mil doscientos millones de pesos y mil millones de soles, mil veces"),
        ("es", "mil, veintiún días; mil, dos; un, millón"),  # a head that runs over the next word's
    ],
    "inside a word: no anchor": [
        ("en", "Someone often gave money to the tone-deaf; attention, tension, threefold."),
        ("en", "caféone, naïvetwo, x2seven, snake_three, seven_"),
    ],
    "accented words and letters around": [
        ("es", "Se entregaron veintitrés millones y dieciséis mil, veintiún días después."),
        ("es", "Él dió seis millones; «tres» más — ¿cuatro?"),
        ("en", "Zoë gave “two million” dollars… and ‘five’ more"),
    ],
    "upper case and mixed case": [
        ("en", "DOLS ONE MILLION WENT TO THE PORT. Two Billion Euros."),
        ("es", "DOS MILLONES DE DÓLARES y Un Millón"),
    ],
    "at the edges of the text": [
        ("en", "seven"),
        ("en", "in all: a million"),
        ("en", "half"),
    ],
}
CASES = [(form, lang, text) for form, items in FORMS.items() for lang, text in items]


@pytest.mark.parametrize("form,lang,text", CASES, ids=[f"{f}:{t[:20]}" for f, _, t in CASES])
def test_anchors_start_where_the_pattern_matches(form, lang, text):
    expected = [m.start() for m in phrase_anchor(lang).finditer(text)]
    assert [m.start() for m in anchors(text, lang)] == expected


def test_the_forms_hold_anchors_and_non_anchors():
    assert [m.start() for m in anchors("two three", "en")] == [0, 4]
    assert list(anchors("someone often", "en")) == []
    assert [m.start() for m in anchors("caféone two", "en")] == [8]


def test_a_text_whose_lower_case_is_longer_is_read_with_the_pattern():
    text = "İstanbul gave two million dollars, a million more"
    assert len(text.lower()) != len(text)
    assert [m.start() for m in anchors(text, "en")] == [m.start() for m in phrase_anchor("en").finditer(text)]
    assert [m.text for m in find_money(text)] == ["two million dollars"]
