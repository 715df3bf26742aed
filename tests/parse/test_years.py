"""Years and document dates, from sentences written for these tests."""

import datetime as dt

import pytest

from aidfigures.parse.dates import find_document_date
from aidfigures.parse.years import find_years

# (text, reference year, [(year, year_end, fiscal, kind)])
CASES = [
    ("aid in 2006 rose", None, [(2006, None, False, "year")]),
    ("the FY2011 request", None, [(2011, None, True, "fiscal")]),
    ("in FY 2010-12 the account", None, [(2010, 2012, True, "fiscal")]),
    ("for fiscal year 2011 Congress", None, [(2011, None, True, "fiscal")]),
    ("in fiscal years 2006 through 2011", None, [(2006, 2011, True, "fiscal")]),
    ("FY 77 MAP-M levels", None, [(1977, None, True, "fiscal")]),
    ("over three years (FY2008-FY2010)", None, [(2008, 2010, True, "fiscal")]),
    ("in FY08-FY10", None, [(2008, 2010, True, "fiscal")]),
    ("IMET FOR BOLIVIA IN FY-79", None, [(1979, None, True, "fiscal")]),
    ("$40 million in 2009; the following year, $45 million", None,
     [(2009, None, False, "year"), (2010, None, False, "relative")]),
    ("FY2008 and, two years later, more", None, [(2008, None, True, "fiscal"), (2010, None, True, "relative")]),
    ("entre 2000 y 2005; un año después", None, [(2000, 2005, False, "span"), (2006, None, False, "relative")]),
    ("the next year, without a year before", 2011, [(2012, None, False, "relative")]),
    # "the same year" is the year just written before it
    ("Belize got $2 million in 2004 and, that same year, a loan", None,
     [(2004, None, False, "year"), (2004, None, False, "relative")]),
    ("en 2015 llegó la misión y en el mismo año, 3 millones", None,
     [(2015, None, False, "year"), (2015, None, False, "relative")]),
    ("FY2009 funds; the same year, more", None, [(2009, None, True, "fiscal"), (2009, None, True, "relative")]),
    # the year just written, named again: "that year", "ese año"
    ("Chile got $3 million in 2011; that year, a loan", None,
     [(2011, None, False, "year"), (2011, None, False, "relative")]),
    ("en 2014 bajó la ayuda, y ese año llegaron 20 millones", None,
     [(2014, None, False, "year"), (2014, None, False, "relative")]),
    ("durante 2007 hubo sequía; aquel año se dieron 4 millones", None,
     [(2007, None, False, "year"), (2007, None, False, "relative")]),
    ("el ejercicio 2012 cerró; en dicho año, 9 millones", None,
     [(2012, None, True, "fiscal"), (2012, None, True, "relative")]),
    ("that year, with no year before it", 2011, []),
    ("from FY2008 to FY2015", None, [(2008, 2015, True, "fiscal")]),
    ("between FY2008 and FY2010", None, [(2008, 2010, True, "fiscal")]),
    ("in FYs 2008-2010", None, [(2008, 2010, True, "fiscal")]),
    ("el año fiscal 2010-2011", None, [(2010, 2011, True, "fiscal")]),
    ("del 2008 al 2010", None, [(2008, 2010, False, "span")]),
    ("desde 2008 y hasta 2010", None, [(2008, 2010, False, "span")]),
    # "de/from X y/and Y" lists two years; only "entre/between X y/and Y" is a span
    ("picos altos del 2002 y 2004", None, [(2002, None, False, "year"), (2004, None, False, "year")]),
    ("los fondos de 2009 y 2011", None, [(2009, None, False, "year"), (2011, None, False, "year")]),
    ("money from 2015 and 2016 budgets", None, [(2015, None, False, "year"), (2016, None, False, "year")]),
    ("entre el 2003 y el 2006", None, [(2003, 2006, False, "span")]),
    ("in fiscal year (FY) 2010", None, [(2010, None, True, "fiscal")]),
    ("between 2000 and 2016 the US gave", None, [(2000, 2016, False, "span")]),
    ("aid since 2000", 2010, [(2000, 2010, False, "since")]),
    ("entre 2001 y 2021 la ayuda", None, [(2001, 2021, False, "span")]),
    ("la Estrategia 2020-2025", None, [(2020, 2025, False, "span")]),
    ("last year the embassy", 2010, [(2009, None, False, "relative")]),
    ("this year and next year", 2011, [(2011, None, False, "relative"), (2012, None, False, "relative")]),
    ("el año pasado", 2011, [(2010, None, False, "relative")]),
    ("A Mar. 12, 2009 cable", None, [(2009, None, False, "date")]),
    # Spanish budget years: "ejercicio" is a fiscal year
    ("para el ejercicio 2015 se asignaron", None, [(2015, None, True, "fiscal")]),
    ("en el ejercicio presupuestario 2016-2017", None, [(2016, 2017, True, "fiscal")]),
    ("los ejercicios de 2010 a 2012", None, [(2010, 2012, True, "fiscal")]),
    # a start with no end, in Spanish
    ("a partir de 2016 la cooperación", 2019, [(2016, 2019, False, "since")]),
    ("a partir del 2008", None, [(2008, None, False, "since")]),
]
NOT_YEARS = [
    ("last year the embassy", None),
    ("druglords of the 1990s", None),
    ("raised 2006 percent", None),
    ("2,006 soldiers and $2006", None),
]


@pytest.mark.parametrize("text, ref, expected", CASES, ids=[c[0] for c in CASES])
def test_years(text, ref, expected):
    assert [(y.year, y.year_end, y.fiscal, y.kind) for y in find_years(text, ref)] == expected


@pytest.mark.parametrize("text, ref", NOT_YEARS, ids=[c[0] for c in NOT_YEARS])
def test_not_years(text, ref):
    assert find_years(text, ref) == []


@pytest.mark.parametrize("text, expected", [
    ("LIMA, Dec 16 2010 (IPS) - Peru received", dt.date(2010, 12, 16)),
    ("December 17, 2012\n\nUN seeks $144 million", dt.date(2012, 12, 17)),
    ("News Americas, NEW YORK, NY, Thurs. Oct. 27, 2016: Only", dt.date(2016, 10, 27)),
    ("O R 202254Z DEC 79\nFM SECSTATE WASHDC", dt.date(1979, 12, 20)),
    ("Lima, 16 de diciembre de 2010. La embajadora", dt.date(2010, 12, 16)),
    ("El pasado lunes 20, cuando asumió", None),
], ids=["ips-dateline", "us-byline", "weekday-byline", "cable-dtg", "spanish", "no-year"])
def test_document_date(text, expected):
    assert find_document_date(text) == expected
