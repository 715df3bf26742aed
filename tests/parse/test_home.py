"""The home country's currency: the explicit US-dollar markers that make a text's bare ``$`` its own."""

import pytest

from aidfigures.parse.home import _EXPLICIT_USD

#: (text, whether it marks US dollars explicitly), by the form of the marker.
MARKERS = {
    "sign and letters": [("It cost $US 40", True), ("It cost US$40", True), ("It cost US $ 40", True),
                         ("It cost $USD", True), ("It cost MUS$40", False)],
    "code": [("40 USD in all", True), ("(USD)", True), ("the USDA grant", False), ("BUSD 40", False)],
    "words": [("40 U.S. dollars", True), ("40 U.S.dollars", True), ("40 US dollars", True),
              ("40 US dollarsworth", False), ("the US mission", False)],
}
CASES = [(form, text, want) for form, cases in MARKERS.items() for text, want in cases]


@pytest.mark.parametrize("form,text,want", CASES, ids=[f"{f}:{t}" for f, t, _ in CASES])
def test_explicit_us_dollar_markers(form, text, want):
    assert (_EXPLICIT_USD.search(text) is not None) is want
