"""The reversed line-end test of the table first pass finds every line end that the forward pattern reads."""

import random

import pytest

from aidfigures.parse.table_candidates import _CELL_END, _CELL_END_REVERSED, may_hold_table


def _reversed_finds(text: str) -> bool:
    return _CELL_END_REVERSED.search("\n" + text[::-1]) is not None


#: Line ends a cell may take: a number as the last word, footnoted, with OCR's O, before blanks and signs.
CELL_ENDS = [
    "Health 45.2",
    "Health  1,200\n",
    "Roads 300 \r\nWater 12",
    "Food aid 92.0a",
    "Police 1,200*",
    "Schools 45†",
    "Ayuda 1.500 €",
    "Ayuda 1.500€",
    "Loans 3OO",
    "Grants 12 -",
    "Grants 12 – —",
    "Water 7 n/a",
    "Water 7 N/A NA",
    "Roads 8 .. .",
    "Rescission 5 (1,200)",
    "Total 45 US$ U.S.$ $",
    "Total 45 USD EUR £",
    "Salud ٣٤",
    "Vivienda\u00a045\u2003",
    "$45",
    "€ 12",
]


@pytest.mark.parametrize("text", CELL_ENDS)
def test_line_ends_the_forward_pattern_reads_are_found_reversed(text):
    assert _CELL_END.search(text), "the example must end a line in a cell"
    assert _reversed_finds(text)


#: Line ends of prose: no cell, and the reversed test finds none (it spares the forward search).
PROSE_ENDS = [
    "Aid rose in 2006.\nIt fell in 2007.",
    "The programme began in 2006, and",
    "It was signed in FY2008\nand the 2006-2011 plan",
    "Se reunieron en el año\ny en Huanuco",
]


@pytest.mark.parametrize("text", PROSE_ENDS)
def test_prose_line_ends_are_not_found(text):
    assert not _CELL_END.search(text)
    assert not _reversed_finds(text)
    assert not may_hold_table(text)


_PIECES = ["1", "45", "1,200", "3.5", "٣", "O", "o", ",", ".", " ", "  ", "\t", "\r", "\n", "a", "e", "f", "*", "†",
           "€", "£", "$", "-", "–", "n/a", "N/A", "NA", "(12)", "US$", "U.S.$", "USD", "EUR", "x", "Aid", ", ", "..",
           "/", "(", ")", "an", "\u00a0"]


def test_reversed_test_finds_whatever_the_forward_pattern_does():
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 12)))
        if _CELL_END.search(text):
            assert _reversed_finds(text), repr(text)
