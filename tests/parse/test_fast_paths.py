"""The fast paths of extraction (folded patterns, cached per-sentence work) give what the plain ones give."""

import pytest

from aidfigures.extract import find_figures
from aidfigures.parse.money import find_money
from aidfigures.parse.text import detect_language

#: Amounts in words, in every case, and beside a character whose lower case is longer (``İ``:
#: the folded pattern cannot be used there and the case-insensitive one is).
WORD_AMOUNTS = [
    ("Norway pledged two million dollars to Haiti.", "en", [("two million dollars", 2_000_000)]),
    ("NORWAY PLEDGED TWO MILLION DOLLARS TO HAITI.", "en", [("TWO MILLION DOLLARS", 2_000_000)]),
    ("Norway Pledged Half A Million Euros.", "en", [("Half A Million Euros", 500_000)]),
    ("İstanbul gave three billion dollars.", "en", [("three billion dollars", 3_000_000_000)]),
    ("España donó cuatrocientos millones de euros.", "es", [("cuatrocientos millones de euros", 400_000_000)]),
    ("ESPAÑA DONÓ UN MILLÓN DE EUROS A BOLIVIA.", "es", [("UN MILLÓN DE EUROS", 1_000_000)]),
    ("İzmir recibió dos mil millones de dólares.", "es", [("dos mil millones de dólares", 2_000_000_000)]),
    # where the number's first word stands: at the very start, after a bracket or a line break,
    # glued to a letter or a digit (no amount)
    ("Two million dollars went to Haiti.", "en", [("Two million dollars", 2_000_000)]),
    ("Aid (three million euros)\nfive million dollars", "en", [("three million euros", 3_000_000),
                                                              ("five million dollars", 5_000_000)]),
    ("Xtwo million dollars, 5two million dollars", "en", []),
    ("un millón de euros llegó; (dos millones de dólares)", "es", [("un millón de euros", 1_000_000),
                                                                  ("dos millones de dólares", 2_000_000)]),
]


@pytest.mark.parametrize("text,lang,want", WORD_AMOUNTS, ids=[t[:24] for t, _, _ in WORD_AMOUNTS])
def test_amounts_in_words_are_found_in_any_case(text, lang, want):
    assert [(m.text, m.amount) for m in find_money(text, lang)] == want


LANGUAGES = [
    ("The ambassador said the aid to Peru was of 70 million dollars.", "en"),
    ("La embajadora dijo que la ayuda al Perú fue de 70 millones de dólares.", "es"),
    ("EL GOBIERNO DE LOS ESTADOS UNIDOS DONÓ LA SUMA DE 5 MILLONES.", "es"),
    ("", "en"),
    ("2006 2007 2008", "en"),
]
#: Stop words read from the pieces of the text that hold characters other than ASCII (counted apart
#: from the ASCII words): glued to quotes and dashes, written with accents, between no-break spaces.
LANGUAGES += [
    ("The aid to the city: «la»—«el»—«que»—«de»—«y»", "es"),
    ("The city, él más también", "es"),
    ("la\u00a0de\u00a0que\u00a0el in the", "es"),
    ("“the” “of” “and” la", "en"),
]
#: A function word of both languages (``a``, ``no``) is evidence of neither: a short Spanish sentence
#: with one was read as English, and its ``US$10.000`` as ten dollars.
LANGUAGES += [
    ("El gobierno entregó US$10.000 a cada familia.", "es"),
    ("No hay fondos para el hospital.", "es"),
    ("Donaron 5.000 dólares a Haití.", "es"),
    ("No aid reached Haiti.", "en"),
]
#: As many function words of each (none, in a headline): Spanish when a word in lower case is spelled
#: with a Spanish letter or the text opens a question or exclamation; a capitalized name is no sign.
LANGUAGES += [
    ("Recibió diez dólares.", "es"),
    ("Ayuda militar: año fiscal 2009", "es"),
    ("¿Cuánto costó?", "es"),
    ("Mérida: $400 million", "en"),
    ("Bogotá, Perú, Bolivia", "en"),
    ("Aid up 5%", "en"),
]


@pytest.mark.parametrize("text,want", LANGUAGES, ids=[t[:20] or "empty" for t, _ in LANGUAGES])
def test_language_from_stop_words(text, want):
    assert detect_language(text) == want


def test_a_short_spanish_sentence_reads_its_amounts_in_spanish():
    (f,) = find_figures("El gobierno entregó US$10.000 a cada familia.")
    assert (f.text, f.amount, f.currency) == ("US$10.000", 10_000.0, "USD")


def test_figures_of_one_sentence_share_its_cached_reading():
    text = ("Peru received $40 million in 2009 and $45 million in 2010 for counternarcotics programs. "
            "Colombia got $5 million.")
    got = [(f.amount, f.year, f.category, f.sentence) for f in find_figures(text)]
    first = text[:text.index(" Colombia")]
    assert got[:2] == [(40e6, 2009, "counternarcotics", first), (45e6, 2010, "counternarcotics", first)]
    assert got[2][0] == 5e6 and got[2][3] == "Colombia got $5 million."
