"""A currency marker right before a number (currencies.marker_before), whatever branch of its pattern reads it."""

import pytest

from aidfigures.parse.currencies import _tables, marker_before

#: The markers with a dollar sign and two letters or more, read in any case (``US$``, ``$us``, ``NZ$``).
LOOSE = sorted(p for p in _tables("en")["prefix"] if "$" in p and sum(c.isalpha() for c in p) >= 2)


@pytest.mark.parametrize("marker", LOOSE)
def test_a_dollar_marker_is_read_in_any_case_with_or_without_a_space(marker):
    for written in {marker, marker.lower(), marker.upper()}:
        for gap in ("", " "):
            text = f"The fund gave {written}{gap}5 to them."
            pos = text.index("5")
            found = marker_before(text, pos)
            assert found is not None and found.start() == text.index(written), (written, gap)


@pytest.mark.parametrize("text,marker", [
    ("paid US$ 40 in fees", "US$ "),
    ("paid us$40 in fees", "us$"),
    ("paid NZ$ 9 in fees", "NZ$ "),
    ("paid $US 12 in fees", "$US "),
    ("paid Rs 400 in fees", "Rs "),
    ("paid S/ 40 in fees", "S/ "),
    ("paid € 5 in fees", "€ "),
    ("paid Q275 in fees", "Q"),
    ("paid US$:12 in fees", "US$:"),  # a colon, a space or a no-break space between
    ("paid US$: 12 in fees", "US$: "),
    ("paid US$\u00a012 in fees", "US$\u00a0"),
])
def test_markers_of_each_kind_before_a_number(text, marker):
    pos = next(i for i, c in enumerate(text) if c.isdigit())
    found = marker_before(text, pos)
    assert found is not None and found.group() == marker


@pytest.mark.parametrize("text", ["said in 2009 that", "the 40 farms", "paid US$  12 twice spaced",
                                  "paid US$ :12 a space then a colon", "paid US$\t:12 a tab then a colon",
                                  "page 12 of", "(see 7)", "yes 4 of 5"])
def test_no_marker_before_a_plain_number(text):
    pos = next(i for i, c in enumerate(text) if c.isdigit())
    assert marker_before(text, pos) is None
