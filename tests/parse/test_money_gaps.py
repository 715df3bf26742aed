"""Money forms seen missed on invented text: a cable's ``DM``, Spanish numbers that open with ``mil``."""

import pytest

from aidfigures.extract import extract

# (text, [(amount, currency, surface)]), grouped by form
FORMS = {
    # the Deutsche Mark's cable and press abbreviation before the number
    "dm-cable": ("THE FRG WILL PROVIDE DM 1 MILLION TO BOLIVIA.", [(1e6, "DEM", "DM 1 MILLION")]),
    "dm-press": ("Bonn offered DM 20 million to Chile.", [(2e7, "DEM", "DM 20 million")]),
    "dm-es": ("Alemania dio DM 3 millones a Bolivia.", [(3e6, "DEM", "DM 3 millones")]),
    "dm-is-no-word": ("He sent a DM to 5 people.", []),
    # a Spanish number in words that opens with "mil" (no "un" before it)
    "mil-doscientos-millones": ("El BID aprobó mil doscientos millones de dólares para Honduras.",
                                [(1.2e9, "USD", "mil doscientos millones de dólares")]),
    "mil-millones": ("Japón dio más de mil millones de dólares a Perú.", [(1e9, "USD", "mil millones de dólares")]),
    "mil-quinientos-millones-euros": ("La UE destinó mil quinientos millones de euros a Colombia.",
                                      [(1.5e9, "EUR", "mil quinientos millones de euros")]),
    "a-year-in-words-is-no-amount": ("En mil novecientos noventa y ocho Honduras recibió ayuda.", []),
    "dos-mil-still-whole": ("Chile recibió dos mil trescientos millones de dólares.",
                            [(2.3e9, "USD", "dos mil trescientos millones de dólares")]),
}


@pytest.mark.parametrize("text, want", FORMS.values(), ids=FORMS.keys())
def test_the_form_is_read(text, want):
    df = extract(text)
    assert [(float(a), c, s) for a, c, s in df[["amount", "currency", "text"]].values.tolist()] == want
