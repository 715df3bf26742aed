"""Money mentions: tables of sentences written for these tests, grouped by where the forms come from."""

from decimal import Decimal

import pytest

from aidfigures.errors import ParseError
from aidfigures.parse.money import find_money, parse_amount

D = Decimal

# (sentence, lang, [(text, amount, amount_high, currency, qualifier, per)])
ENGLISH_NEWS = [
    ("Peru got $56.4 million last year.", "en", [("$56.4 million", D("56400000"), None, "USD", "exact", None)]),
    ("It received 56.4 million dollars in aid.", "en", [("56.4 million dollars", D("56400000"), None, "USD", "exact", None)]),
    ("a package worth US$7.06 billion", "en", [("US$7.06 billion", D("7060000000"), None, "USD", "exact", None)]),
    ("USD 288 million was pledged", "en", [("USD 288 million", D("288000000"), None, "USD", "exact", None)]),
    ("a $1.3 bln loan", "en", [("$1.3 bln", D("1300000000"), None, "USD", "exact", None)]),
    ("USD 1.5 thousand million", "en", [("USD 1.5 thousand million", D("1500000000"), None, "USD", "exact", None)]),
    ("a $1.2bn loan and $3 mn grant", "en", [("$1.2bn", D("1200000000"), None, "USD", "exact", None),
                                             ("$3 mn", D("3000000"), None, "USD", "exact", None)]),
    ("Some $400m went missing, and $5M more.", "en", [("$400m", D("400000000"), None, "USD", "approx", None),
                                                      ("$5M", D("5000000"), None, "USD", "exact", None)]),
    ("The grant was $1,421,000 in total.", "en", [("$1,421,000", D("1421000"), None, "USD", "exact", None)]),
    ("They promised two billion dollars.", "en", [("two billion dollars", D("2000000000"), None, "USD", "exact", None)]),
    ("a $400 million aid package", "en", [("$400 million", D("400000000"), None, "USD", "exact", None)]),
    ("after Mexico (351 million dollars).", "en", [("351 million dollars", D("351000000"), None, "USD", "exact", None)]),
    ("paid 50,000 dollars a month", "en", [("50,000 dollars", D("50000"), None, "USD", "exact", "month")]),
    ("$2 billion per year in aid", "en", [("$2 billion", D("2000000000"), None, "USD", "exact", "year")]),
    ("an annual average of $2 billion", "en", [("$2 billion", D("2000000000"), None, "USD", "exact", "year")]),
]
RANGES_AND_QUALIFIERS = [
    ("between $10 million and $20 million", "en", [("$10 million and $20 million", D("10000000"), D("20000000"), "USD", "exact", None)]),
    ("a $10-15 million program", "en", [("$10-15 million", D("10000000"), D("15000000"), "USD", "exact", None)]),
    ("nearly 582 million dollars", "en", [("582 million dollars", D("582000000"), None, "USD", "approx", None)]),
    ("about $1.3 billion", "en", [("$1.3 billion", D("1300000000"), None, "USD", "approx", None)]),
    ("more than $4.5 billion", "en", [("$4.5 billion", D("4500000000"), None, "USD", "at_least", None)]),
    ("over $5 million", "en", [("$5 million", D("5000000"), None, "USD", "at_least", None)]),
    ("up to $8 million", "en", [("$8 million", D("8000000"), None, "USD", "at_most", None)]),
    ("less than $1 million", "en", [("$1 million", D("1000000"), None, "USD", "at_most", None)]),
    ("is estimated\nat $1.8 billion", "en", [("$1.8 billion", D("1800000000"), None, "USD", "approx", None)]),
    ("no less than $5 million", "en", [("$5 million", D("5000000"), None, "USD", "at_least", None)]),
    ("as much as $5 million", "en", [("$5 million", D("5000000"), None, "USD", "at_most", None)]),
    ("$5 million or more", "en", [("$5 million", D("5000000"), None, "USD", "at_least", None)]),
    ("5 millones de dólares aproximadamente", "es",
     [("5 millones de dólares", D("5000000"), None, "USD", "approx", None)]),
    ("$5 million, or 10 percent of the total", "en", [("$5 million", D("5000000"), None, "USD", "exact", None)]),
    ("will get $5 to $7 million", "en", [("$5 to $7 million", D("5000000"), D("7000000"), "USD", "exact", None)]),
    ("between 5 and 7 million dollars", "en", [("5 and 7 million dollars", D("5000000"), D("7000000"), "USD", "exact", None)]),
    ("entre 5 y 7 millones de dólares", "es", [("5 y 7 millones de dólares", D("5000000"), D("7000000"), "USD", "exact", None)]),
    # a change, not a range: two figures
    ("aid rose from $5 million to $7 million", "en", [("$5 million", D("5000000"), None, "USD", "exact", None),
                                                      ("$7 million", D("7000000"), None, "USD", "exact", None)]),
    # "X to Y" is a range with a sign before the amounts or without one; after "from" it is a change
    ("an estimated 5 to 7 million dollars", "en", [("5 to 7 million dollars", D("5000000"), D("7000000"), "USD", "approx", None)]),
    ("they paid 10 to 20 dollars a day", "en", [("10 to 20 dollars", D("10"), D("20"), "USD", "exact", None)]),
    ("costará unos 10 a 20 millones de dólares", "es",
     [("10 a 20 millones de dólares", D("10000000"), D("20000000"), "USD", "approx", None)]),
    ("aid rose from $56 to $69 billion", "en", [("$56", D("56000000000"), None, "USD", "exact", None),
                                                ("$69 billion", D("69000000000"), None, "USD", "exact", None)]),
    ("from 5 to 7 million dollars", "en", [("5", D("5000000"), None, "USD", "exact", None),
                                           ("7 million dollars", D("7000000"), None, "USD", "exact", None)]),
    ("la ayuda pasó de US$5 a US$7 millones", "es", [("US$5", D("5000000"), None, "USD", "exact", None),
                                                      ("US$7 millones", D("7000000"), None, "USD", "exact", None)]),
    # a fall from one amount to another shares the scale but is no range (the high end would be lower)
    ("aid fell from $69 to $56 billion", "en", [("$69", D("69000000000"), None, "USD", "exact", None),
                                                ("$56 billion", D("56000000000"), None, "USD", "exact", None)]),
    ("funding dropped from $4.5 to $3 million", "en", [("$4.5", D("4500000"), None, "USD", "exact", None),
                                                       ("$3 million", D("3000000"), None, "USD", "exact", None)]),
    ("la ayuda bajó de US$69 a US$56 millones", "es", [("US$69", D("69000000"), None, "USD", "exact", None),
                                                       ("US$56 millones", D("56000000"), None, "USD", "exact", None)]),
    ("pasó de 120 a 95 millones de dólares", "es", [("120", D("120000000"), None, "USD", "exact", None),
                                                    ("95 millones de dólares", D("95000000"), None, "USD", "exact", None)]),
]
SHARED_SCALE = [
    ("received $40 and $37 million", "en", [("$40", D("40000000"), None, "USD", "exact", None),
                                            ("$37 million", D("37000000"), None, "USD", "exact", None)]),
    ("recibieron 400 y 37 millones de dólares", "es", [("400", D("400000000"), None, "USD", "exact", None),
                                                       ("37 millones de dólares", D("37000000"), None, "USD", "exact", None)]),
    ("3 and 4 million people fled", "en", []),
]
HYPHENATED = [
    ("The $5-million program", "en", [("$5-million", D("5000000"), None, "USD", "exact", None)]),
    ("the $1.5-billion Merida Initiative", "en", [("$1.5-billion", D("1500000000"), None, "USD", "exact", None)]),
    ("a 10-million-dollar grant", "en", [("10-million-dollar", D("10000000"), None, "USD", "exact", None)]),
]
OTHER_CURRENCIES = [
    ("a €5 million grant", "en", [("€5 million", D("5000000"), None, "EUR", "exact", None)]),
    ("5 million euros from Spain", "en", [("5 million euros", D("5000000"), None, "EUR", "exact", None)]),
    ("MXN$ 500 million for police", "en", [("MXN$ 500 million", D("500000000"), None, "MXN", "exact", None)]),
    ("£3 million from Britain", "en", [("£3 million", D("3000000"), None, "GBP", "exact", None)]),
    # Spanish quoted in English text: the dots group thousands
    ("a quote: US$ 1.600 millones", "en", [("US$ 1.600 millones", D("1600000000"), None, "USD", "exact", None)]),
    ("Peru got $1.500 million", "en", [("$1.500 million", D("1500000"), None, "USD", "exact", None)]),
    ("5 millones de reales", "es", [("5 millones de reales", D("5000000"), None, "BRL", "exact", None)]),
]
SPANISH_PRESS = [
    ("recibió 500 millones de dólares", "es", [("500 millones de dólares", D("500000000"), None, "USD", "exact", None)]),
    ("un aporte de US$ 1.600 millones", "es", [("US$ 1.600 millones", D("1600000000"), None, "USD", "exact", None)]),
    ("7,06 mil millones de dólares", "es", [("7,06 mil millones de dólares", D("7060000000"), None, "USD", "exact", None)]),
    ("dotada con mil 400 millones de dólares", "es", [("mil 400 millones de dólares", D("1400000000"), None, "USD", "exact", None)]),
    ("de mil 400 millones, previsto, a mil 600 millones de dólares", "es",
     [("mil 400 millones", D("1400000000"), None, "USD", "exact", None),
      ("mil 600 millones de dólares", D("1600000000"), None, "USD", "exact", None)]),
    ("más de US$ 3,500 millones", "es", [("US$ 3,500 millones", D("3500000000"), None, "USD", "at_least", None)]),
    ("poco menos de 70 millones de dólares", "es", [("70 millones de dólares", D("70000000"), None, "USD", "at_most", None)]),
    ("2 billones de pesos colombianos", "es", [("2 billones de pesos colombianos", D("2000000000000"), None, "COP", "exact", None)]),
    ("aportará 500 mdd y 1.5 mmdd", "es", [("500 mdd", D("500000000"), None, "USD", "exact", None),
                                           ("1.5 mmdd", D("1500000000"), None, "USD", "exact", None)]),
    ("5 millones de dólares mensuales", "es", [("5 millones de dólares", D("5000000"), None, "USD", "exact", "month")]),
    ("5 millones de dólares cada año", "es", [("5 millones de dólares", D("5000000"), None, "USD", "exact", "year")]),
    ("recibió medio millón de dólares", "es", [("medio millón de dólares", D("500000"), None, "USD", "exact", None)]),
    ("casi 1.250.000 dólares al mes", "es", [("1.250.000 dólares", D("1250000"), None, "USD", "approx", "month")]),
]
CABLES = [
    ("GOP HAS REQUESTED DOLS 10 MILLION IN MAP GRANT AID", "en",
     [("DOLS 10 MILLION", D("10000000"), None, "USD", "exact", None)]),
    ("THE TOTAL IS 10 MILLION DOLS FOR FY 77", "en", [("10 MILLION DOLS", D("10000000"), None, "USD", "exact", None)]),
    ("CREDIT OF $5 MILLION FOR PERU", "en", [("$5 MILLION", D("5000000"), None, "USD", "exact", None)]),
]
NOT_MONEY = [
    ("In 2006 aid rose 60 percent to reach 1.5 million Haitians.", "en"),
    ("a multi-billion dollar counter-drug programme", "en"),
    ("The World Pledges Billions to Rebuild Afghanistan", "en"),
    ("7,824 people died and 629,300 fell sick", "en"),
    ("Section 1004 and H.R. 2506 of Dec. 14, 1979", "en"),
    ("Summary ($000)", "en"),
]


def _rows(found):
    return [(m.text, m.amount, m.amount_high, m.currency, m.qualifier, m.per) for m in found]


#: The tables above, by where their forms come from (the group starts each test id).
FORMS = {"english-news": ENGLISH_NEWS, "ranges-qualifiers": RANGES_AND_QUALIFIERS, "shared-scale": SHARED_SCALE,
         "hyphenated": HYPHENATED, "cables": CABLES, "other-currencies": OTHER_CURRENCIES,
         "spanish-press": SPANISH_PRESS}


@pytest.mark.parametrize("text, lang, expected", [
    pytest.param(*case, id=f"{group}:{case[0][:30]}") for group, cases in FORMS.items() for case in cases])
def test_money_forms(text, lang, expected):
    assert _rows(find_money(text, lang)) == expected


@pytest.mark.parametrize("text, lang", NOT_MONEY, ids=[c[0][:30] for c in NOT_MONEY])
def test_not_money(text, lang):
    assert find_money(text, lang) == []


def test_spans_point_at_the_text():
    text = "Colombia, which received nearly 582 million dollars"
    (m,) = find_money(text)
    assert text[m.start:m.end] == m.text == "582 million dollars"


def test_money_is_exact():
    assert parse_amount("$2.01 million") == D("2010000")
    assert float(parse_amount("$2.01 million")) == 2010000.0


@pytest.mark.parametrize("text, local, currency", [
    ("20 billion pesos", "COP", "COP"),
    ("20 billion pesos", None, None),
    ("$ 20.000 millones", "COP", "COP"),
], ids=["pesos-from-context", "pesos-unknown", "bare-dollar-sign-in-spanish"])
def test_pesos_resolved_from_context(text, local, currency):
    lang = "es" if "millones" in text else "en"
    (m,) = find_money(text, lang, local_currency=local)
    assert m.currency == currency


def test_parse_amount_rejects_text_without_money():
    with pytest.raises(ParseError, match="no money amount"):
        parse_amount("fifty apples")


def test_capital_m_is_million_without_context():
    # 1970s cables wrote $675M for $675 thousand (M = mille): the extractor applies that by the
    # document's date (tests/test_extract.py, "cable-mille"); out of context M is million.
    assert parse_amount("$675M") == D("675000000")
