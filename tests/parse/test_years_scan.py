"""The year patterns tried only where a match can start (parse/years.py ``_scan``) find what a full scan finds."""

import re

import pytest

from aidfigures.parse import years as Y

# invented sentences, grouped by the form they test
SENTENCES = {
    "span-between": "Aid rose between 2004 and 2009, and between the years 1998 to 2001.",
    "span-es": "Entre el 2005 y el 2008 llegaron fondos; del 2010 al 2012, desde 2001 hasta 2003 más.",
    "span-dash": "In 2006-08 and 2010–2012, also 1999/2000, but not 12,2006-07 nor .2001-02.",
    "not-a-year": "It cost $2006, €1999 and 2,006 troops; 2006s, 2006's and 2006 percent are not years.",
    "year-at-start": "2006 was the year; 1945 too.",
    "date-en": "On Nov. 25, 2009 and March 3rd 2010 the grants were signed; 4 May 2011 as well.",
    "date-es": "El 25 de noviembre de 2009 y el 3 de marzo del 2010 se firmó el convenio.",
    # a day opens a date only at a word's start, with one or two digits and a blank after them
    "date-day-start": "A5 May 2009, 125 May 2009, x12 de mayo de 2010, 7\u00a0June 2011 and (8 July 2012) were dates.",
    "date-month-inside-words": "The market may gain; a decade ago the settlement on 3 Sept. 2004 was signed.",
    "relative": "Last year it gave more than The Previous Year; THIS YEAR and next year, el año próximo.",
    "relative-es": "El año pasado, este año y el año que viene: el presente año y el año en curso.",
    "no-digits": "Nothing here names a year, the last of them or the next.",
}


@pytest.mark.parametrize("text", SENTENCES.values(), ids=SENTENCES.keys())
@pytest.mark.parametrize("lower", [False, True])
def test_scan_as_finditer(text: str, lower: bool) -> None:
    t = text.lower() if lower else text
    for kind, pattern in Y._PATTERNS:
        full = [(m.span(), m.groups()) for m in pattern.finditer(t)]
        assert [(m.span(), m.groups()) for m in Y._scan(pattern, Y._STARTS.get(kind), t)] == full
    full = [(m.span(), m.lastgroup) for m in Y._RELATIVE.finditer(t)]
    assert [(m.span(), m.lastgroup) for m in Y._scan(Y._RELATIVE, Y._RELATIVE_STARTS, t)] == full


#: the bare-year pattern as first written, its look-behind before the year
_YEAR_AS_WRITTEN = re.compile(rf"(?<![\d.,$€£/\-])(?P<a>{Y._Y})"
                              rf"(?![\d%]|s\b|’s|'s|,\d{{3}}|\s?(?:percent|per cent|por ciento))")


@pytest.mark.parametrize("text", SENTENCES.values(), ids=SENTENCES.keys())
def test_year_pattern_as_written(text: str) -> None:
    year = dict(Y._PATTERNS)["year"]
    assert [m.span() for m in year.finditer(text)] == [m.span() for m in _YEAR_AS_WRITTEN.finditer(text)]


def test_years_found() -> None:
    found = Y.find_years(SENTENCES["span-between"] + " " + SENTENCES["relative"], reference_year=2012)
    assert [(y.year, y.year_end, y.kind) for y in found] == [
        (2004, 2009, "span"), (1998, 2001, "span"), (2011, None, "relative"), (2011, None, "relative"),
        (2012, None, "relative"), (2013, None, "relative"), (2013, None, "relative")]
