"""The first pass (parse/candidates.py) passes every text the money grammar or table reader reads, skips prose."""

import pytest

from aidfigures.extract import find_figures
from aidfigures.parse.candidates import _FOLD_SPECIAL, _ODD_CASES, _fold, _keys, may_hold_money, may_hold_table
from aidfigures.parse.money import find_money
from aidfigures.parse.tables import find_table_cells

#: One sentence per form the money grammar reads, grouped by what marks the currency.
MONEY = {
    "sign before": ["The fund paid $12 to each farmer.", "A grant of €3.5 million reached Quito.",
                    "They spent US$ 40,000 on seed.", "Loans of £2bn were agreed."],
    "code before or after": ["The budget was USD 8 million.", "Costs rose to 75 EUR per family.",
                             "The wells cost 9 800 CZK in all.", "A bill of 2.000 GTQ was paid."],
    "letters before": ["The lunch cost Q275 in Antigua, where Q1,500 millones were voted.",
                       "DOLS 5 MILLION WERE RELEASED.", "Rs 400 crore went to the district.",
                       "The vendor asked kr 300 for the boots."],
    "letters after": ["He paid 50 Le for the ride, 20 kr a day.", "The stall sold 3,49 zł bread and 9 Kč tea.",
                      "Prices rose to 1.200 soles a tonne."],
    "slash signs": ["Peru gave S/ 40 million to the region.", "The toll was B/. 3 in Panama."],
    "name after": ["Norway gave 70 million dollars to the clinics.", "Se entregaron 5 millones de dólares.",
                   "Ottawa pledged 12 Canadian dollars a head.", "The fine was 300 pesos colombianos."],
    "spelled": ["Sweden pledged two million dollars.", "DOLS ONE MILLION WENT TO THE PORT.",
                "Japón donó cuatrocientos millones de euros.", "half a million euros were sent."],
    "cable forms": ["THE MISSION ASKED FOR $675M IN FY 1975.", "AID OF $.6 MILLION WAS VOTED.",
                    "THE LOAN WAS DLRS 4.5 MILLION."],
    "odd spacing and case": ["Kiev spent 5\u00a0million\u00a0dollars.", "A GIFT OF 40 MILLION EUROS.",
                             "It cost 9 DÓLARES; it cost 3 Dólares."],
}
CASES = [(form, text) for form, texts in MONEY.items() for text in texts]


@pytest.mark.parametrize("form,text", CASES, ids=[f"{f}:{t[:20]}" for f, t in CASES])
def test_every_money_form_passes_the_first_pass(form, text):
    assert any(find_money(text, lang) for lang in ("en", "es")), "the example must be money"
    assert may_hold_money(text)


#: Prose with years, counts, initials, "and/or" and currency-like words that are not markers here.
PROSE = [
    "The mission met the minister in 2006 and again in 2009.",
    "John Q. Public and/or his lawyer wrote to 14 senators on May 3.",
    "La misión visitó 12 municipios del Perú en 2010 y 2011.",
    "More than 3,000 people attended the meeting in the capital.",
    "“We will return,” the envoy said, after the 40-minute talk.",
]


@pytest.mark.parametrize("text", PROSE, ids=[t[:24] for t in PROSE])
def test_prose_is_skipped(text):
    assert not may_hold_money(text)
    assert not may_hold_table(text)
    assert find_figures(text) == []


#: Tables the reader finds: cells end their lines (before blanks and signs), or sit between pipes.
TABLES = [
    "Aid to Chad ($000)\nProgram 2009 2010\nHealth 53,000 55,000\nRoads 1,200 -\n",
    "Grant aid to Niger\nAccount  FY 2011  FY 2012\nFood  45.2  50.1\nWater  12.5  n/a\n",
    "Grant aid to Haiti (US$ thousands)\n| Sector | 2019 | 2020 |\n|---|---|---|\n| Health | 4,500 | 5,000 |\n",
    "Ayuda a Bolivia (en miles de dólares)\nPrograma 2008 2009\nSalud 1.500 € 1.700 €\n",
    "Food aid to Malawi ($ millions)\n2008 ........ 45.2\n2009 ........ 50.1\n",
    "FMF grants to Jordan ($000)\nFY 2010\nFY 2011\n3,000\n4,500\n",
]


@pytest.mark.parametrize("text", TABLES, ids=[t[:20] for t in TABLES])
def test_tables_pass_the_first_pass(text):
    assert any(find_table_cells(text, lang) for lang in ("en", "es")), "the example must be a table"
    assert may_hold_table(text)


@pytest.mark.parametrize("text", ["Aid rose in 2006.\nIt fell in 2007.", "Se reunieron en 2010, y en 2011.",
                                  "A long night in Lima. March 3, 2011\nThe talks went on.",
                                  "Funding for FY2009-FY2011\nand the 2006-2011 plan"])
def test_lines_that_end_in_words_hold_no_table(text):
    assert not may_hold_table(text)


#: Names of several words, found by all their words as words of the text, then read after an amount;
#: in ASCII text, in text with accents, and with a letter whose folding writes ASCII (the Kelvin sign).
NAMES = {
    "several words": ["Ottawa pledged 12 New Zealand dollars a head.", "The loan was 40 million US dollars."],
    "accents before": ["Perú recibió 70 millones de dólares canadienses.", "Café growers got 9 Canadian dollars."],
    # the Kelvin sign folds to "k", as the grammar's patterns read it: "kronor"
    "other letters, in capitals": ["The fare was 500 СОМ.", "It cost 20 Ƒ, as the sign said."],
    "folded letters": ["The fee was 40 \u212aronor.", "The ﬁrm paid 80 Australian dollars, 9 \u212aroner a day."],
}
NAME_CASES = [(form, text) for form, texts in NAMES.items() for text in texts]


@pytest.mark.parametrize("form,text", NAME_CASES, ids=[f"{f}:{t[:20]}" for f, t in NAME_CASES])
def test_names_of_several_words_pass(form, text):
    assert any(find_money(text, lang) for lang in ("en", "es")), "the example must be money"
    assert may_hold_money(text)


@pytest.mark.parametrize("text", ["The Peruvian team met the Sol Foundation in 2009.",
                                  "Dollars, the envoy said, were never the point in 2010.",
                                  "Él habló de los dólares en 2010, no de 3 ministros."],
                         ids=["words apart", "no amount", "accented, no amount"])
def test_names_away_from_an_amount_are_skipped(text):
    assert not may_hold_money(text)


def _first_letters(pattern: str) -> set[str]:
    """The first characters of the branches of a trie pattern ``(?:a...|b...)``: those after its
    opening or a ``|`` at its outer level."""
    out, depth, at_start = set(), 0, False
    for k, ch in enumerate(pattern):
        if pattern.startswith("(?:", k):
            depth += 1
            at_start = depth == 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 1:
            at_start = True
        elif at_start and ch not in "?:(":
            out.add(ch)
            at_start = False
    return out


def test_the_characters_that_fold_apart_are_all_listed():
    """A character whose folding is not one character or writes an ASCII letter is in _FOLD_SPECIAL; one
    that folds to the first letter of a name in other letters is found by unusual, as written."""
    special, other, odd = [], [], []
    first = _first_letters(_keys().other.pattern)
    for c in map(chr, range(0x80, 0x110000)):
        if 0xD800 <= ord(c) < 0xE000:
            continue
        folded = _fold(c)
        if len(folded) != 1 or folded.isascii() and folded.isalpha():
            special.append(c)
            continue
        if folded in first:
            other.append(c)
        if c not in (folded, folded.upper(), folded.title()):
            odd.append(ord(c))
    assert special and all(_FOLD_SPECIAL.match(c) for c in special + ["\u0307"])
    assert other and all(_keys().unusual.match(c) for c in other)
    assert odd and all(any(a <= c <= b for a, b in _ODD_CASES) for c in odd)
