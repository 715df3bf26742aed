"""Document dates: the dateline forms, month names of every length, and the quick refusal of a top with no year."""

import datetime as dt

import pytest

from aidfigures.parse import dates
from aidfigures.parse.dates import find_dateline, find_document_date

#: (top of a document, date, form): month names that share a beginning (Sep/Sept/September,
#: Mar/Marzo/March, Jun/Junio/June), in any case, with a dot, and in Spanish.
DATELINES = [
    ("QUITO, Sept 5 2011 (AP) - The mission left.", dt.date(2011, 9, 5), "month-day"),
    ("QUITO, Sep. 5, 2011 - The mission left.", dt.date(2011, 9, 5), "month-day"),
    ("QUITO, SEPTEMBER 5, 2011 - The mission left.", dt.date(2011, 9, 5), "month-day"),
    ("Posted on March 3rd, 2009 by the desk", dt.date(2009, 3, 3), "month-day"),
    ("Mar 3 2009\nThe desk wrote.", dt.date(2009, 3, 3), "month-day"),
    ("LA PAZ, 3 de marzo de 2009 (EFE) - La misión partió.", dt.date(2009, 3, 3), "day-month"),
    ("Lima, 21 de junio del 2007. La misión partió.", dt.date(2007, 6, 21), "day-month"),
    ("12 JUN 2007\nThe desk wrote.", dt.date(2007, 6, 12), "day-month"),
    ("Updated 2010-12-16, the desk wrote.", dt.date(2010, 12, 16), "iso"),
    ("Filed 3/15/2010 by the desk.", dt.date(2010, 3, 15), "numeric"),
    ("O 200218Z FEB 76\nFM SECSTATE WASHDC", dt.date(1976, 2, 20), "cable"),
]


@pytest.mark.parametrize("top,date,form", DATELINES, ids=[t[:22] for t, _, _ in DATELINES])
def test_datelines_of_every_form(top, date, form):
    found = find_dateline(top)
    assert (found.date, found.form) == (date, form)


NO_DATE = [
    "The mission left on Tuesday, as planned in March.",
    "Septembers are wet; the 5 boats left in May 5.",
    "",
]


@pytest.mark.parametrize("top", NO_DATE, ids=[t[:20] or "empty" for t in NO_DATE])
def test_no_year_no_date(top):
    assert find_document_date(top) is None


#: (top, the date's text or None): a date starts a word (its first digit after no letter or digit),
#: whatever is written before it; a numeric date after other slashes (a web address) is still found.
BOUNDARIES = {
    "day-month": [("(12 JUN 2007)", "12 JUN 2007"), ("A12 JUN 2007", None), ("_3 de marzo de 2009", None)],
    "iso": [("Filed:2010-12-16.", "2010-12-16"), ("x2010-12-16", None), ("12010-12-16", None)],
    "numeric": [("See http://a.org/05/x/ and 3/15/2010.", "3/15/2010"), ("ref 9/12/3/15/2010", None),
                ("ref 9/12, 3/15/2010", "3/15/2010"), ("a/3/15/2010", None), ("(12/3/2010)", "12/3/2010")],
    "cable": [("O 200218Z FEB 76", "200218Z FEB 76"), ("O X200218Z FEB 76", None)],
    "month-day": [("Dec 3\n\n2010", "Dec 3\n\n2010"), ("Dec 3 and 2010", None)],
}
BOUNDARY_CASES = [(form, top, want) for form, cases in BOUNDARIES.items() for top, want in cases]


@pytest.mark.parametrize("form,top,want", BOUNDARY_CASES, ids=[f"{f}:{t[:20]}" for f, t, _ in BOUNDARY_CASES])
def test_a_date_starts_a_word(form, top, want):
    found = find_dateline(top)
    if want is None:
        assert found is None or found.form != form
    else:
        assert (found.form, found.start) == (form, top.index(want))


class _Spy:
    """A stand-in for a date pattern that counts its scans."""

    def __init__(self, pattern):
        self.pattern, self.calls = pattern, 0

    def finditer(self, text, *pos):
        self.calls += 1
        return self.pattern.finditer(text, *pos)


def test_a_top_with_no_year_is_not_scanned_for_dates(monkeypatch):
    """Every date form needs a year (or a cable's day-time group): without one no pattern runs."""
    spies = [_Spy(p) for p in dates._DATES]
    monkeypatch.setattr(dates, "_DATES", spies)
    dates._dateline.cache_clear()
    assert find_dateline("The mission left on Tuesday, September 5, as planned.") is None
    assert sum(s.calls for s in spies) == 0
    assert find_dateline("The mission left on September 5, 2011.").date == dt.date(2011, 9, 5)
    assert sum(s.calls for s in spies) > 0
    dates._dateline.cache_clear()
