"""Money forms from CLDR currency data, the number-word grammar and bare amounts that continue a
figure: tables of sentences written for these tests, grouped by the form they test."""

import datetime as dt
from decimal import Decimal

import pytest

from aidfigures.extract import find_figures
from aidfigures.parse.money import find_money
from aidfigures.parse.spelled import number_phrase

D = Decimal

# (sentence, lang, [(text, amount, amount_high, currency)])
CODES_AND_SIGNS = [
    ("Denmark gave DKK 199 million to the fund.", "en", [("DKK 199 million", D("199000000"), None, "DKK")]),
    ("The fee is 249,00 EUR per unit.", "es", [("249,00 EUR", D("249.00"), None, "EUR")]),
    ("a ticket of USD115 each", "en", [("USD115", D("115"), None, "USD")]),
    ("Norway adds 15 million € this year.", "en", [("15 million €", D("15000000"), None, "EUR")]),
    ("It costs 20€ at most.", "en", [("20€", D("20"), None, "EUR")]),
    ("Taipei gave NT$ 1,160 per family.", "en", [("NT$ 1,160", D("1160"), None, "TWD")]),
    ("a HK$ 10 billion bond", "en", [("HK$ 10 billion", D("10000000000"), None, "HKD")]),
    ("Brasil destinó R$ 5 bilhões", "es", [("R$ 5 bilhões", D("5000000000"), None, "BRL")]),
    ("They lost 75 USD million last year.", "en", [("75 USD million", D("75000000"), None, "USD")]),
    ("Canberra pays $A15.74 billion.", "en", [("$A15.74 billion", D("15740000000"), None, "AUD")]),
]
CLDR_NAMES = [
    ("a grant of 528 million Swiss francs", "en", [("528 million Swiss francs", D("528000000"), None, "CHF")]),
    ("Tokio ofreció 450.000 yenes por familia", "es", [("450.000 yenes", D("450000"), None, "JPY")]),
    ("un aporte de 20 millones de coronas suecas", "es", [("20 millones de coronas suecas", D("20000000"), None, "SEK")]),
    ("It sent 3 million Norwegian kroner.", "en", [("3 million Norwegian kroner", D("3000000"), None, "NOK")]),
    ("the 1989 bid of 6.5 billion pesetas", "en", [("6.5 billion pesetas", D("6500000000"), None, "ESP")]),
    ("it cost 100 ₡ there", "en", [("100 ₡", D("100"), None, "CRC")]),
    ("a 40 rmb ticket", "en", [("40 rmb", D("40"), None, "CNY")]),
    ("a loan of 40 million rupees", "en", [("40 million rupees", D("40000000"), None, "INR")]),
]
WEAK_SIGNS = [  # a bare letter or a common word is money only with a scale word or a grouped number
    ("Guatemala asignó Q762.82 millones", "es", [("Q762.82 millones", D("762820000"), None, "GTQ")]),
    ("Honduras recibirá L 300 millones", "es", [("L 300 millones", D("300000000"), None, "HNL")]),
    ("Results for Q3 were flat.", "en", []),
    ("We saw 2 real problems there.", "en", []),
    ("Plan R2 was chosen.", "en", []),
    ("Seoul adds 5 billion won in aid.", "en", [("5 billion won", D("5000000000"), None, "KRW")]),
    ("about 5 million won the lottery", "en", []),
    ("the city passed the 1 million mark", "en", []),
    ("PHP 7 is fast", "en", []),
]
WEAK_SIGNS_TRUSTED = [  # a bare letter before a plain number is money where the text writes that currency as money
    ("Se votaron Q40 millones; el saco de frijol sube a Q95.", "es",
     [("Q40 millones", D("40000000"), None, "GTQ"), ("Q95", D("95"), None, "GTQ")]),
    ("LOSSES REACH TWO BILLION QUETZALES. A BUS TICKET NOW COSTS Q3.", "en",
     [("TWO BILLION QUETZALES", D("2000000000"), None, "GTQ"), ("Q3", D("3"), None, "GTQ")]),
    ("El fondo suma L 60 millones y el jornal es de L 180.", "es",
     [("L 60 millones", D("60000000"), None, "HNL"), ("L 180", D("180"), None, "HNL")]),
    ("Sales fell in Q2 2021, though Q6,000 were collected.", "en", [("Q6,000", D("6000"), None, "GTQ")]),
    ("Shipments rose in Q2 and Q4.", "en", []),
]
CABLE_CURRENCY_WORDS = [  # an all-caps currency word before the number, as cables write it
    ("BRITAIN OFFERED POUNDS 250,000 IN TENTS.", "en", [("POUNDS 250,000", D("250000"), None, "GBP")]),
    ("A GRANT OF STERLING 40,000 WAS NOTED.", "en", [("STERLING 40,000", D("40000"), None, "GBP")]),
    ("MISSION HOLDS DOLLARS 75,000 FOR SEED.", "en", [("DOLLARS 75,000", D("75000"), None, "USD")]),
]
PROPORTIONS = [  # the base of a proportion is no amount
    ("Seven of every ten dollars pay for seed; the rest, $2 million, for tools.", "en",
     [("$2 million", D("2000000"), None, "USD")]),
    ("Three out of every 100 dollars go to audits.", "en", []),
    ("Ocho de cada diez dólares llegan al campo.", "es", []),
]
CABLE_SPELLINGS = [
    ("ADDITIONAL DOL 20 MILLION FOR FY 77", "en", [("DOL 20 MILLION", D("20000000"), None, "USD")]),
    ("A GRANT OF DOLS. 10,000 WAS MADE", "en", [("DOLS. 10,000", D("10000"), None, "USD")]),
    ("LEVEL OF DOLS ONE MILLION IS PROPOSED", "en", [("DOLS ONE MILLION", D("1000000"), None, "USD")]),
    ("APOYO DE $US 13 MM EN 2012", "es", [("$US 13 MM", D("13000000"), None, "USD")]),
    ("TRAINING AT $.6 MILLION", "en", [("$.6 MILLION", D("600000"), None, "USD")]),
    ("LEVEL IS $3.150 MILLION (ARMS $2.800, SCHOOLING $.350).", "en",
     [("$3.150 MILLION", D("3150000"), None, "USD"), ("$2.800", D("2800000"), None, "USD"),
      ("$.350", D("350000"), None, "USD")]),
    ("a $2 million fund (about $1.5 per person)", "en",
     [("$2 million", D("2000000"), None, "USD"), ("$1.5", D("1.5"), None, "USD")]),
]
WORDS = [
    ("They asked for seven hundred million dollars.", "en", [("seven hundred million dollars", D("700000000"), None, "USD")]),
    ("a cost of eighty two million dollars", "en", [("eighty two million dollars", D("82000000"), None, "USD")]),
    ("somewhere between five and fifteen million dollars", "en",
     [("five and fifteen million dollars", D("5000000"), D("15000000"), "USD")]),
    ("Berlin sent four million euros.", "en", [("four million euros", D("4000000"), None, "EUR")]),
    ("It only cost ten dollars.", "en", [("ten dollars", D("10"), None, "USD")]),
    ("nearly three-quarters of a billion dollars", "en",
     [("three-quarters of a billion dollars", D("750000000"), None, "USD")]),
    ("un fondo de cuatrocientos millones de dólares", "es",
     [("cuatrocientos millones de dólares", D("400000000"), None, "USD")]),
    ("el plan sumó dos mil 600 millones de dólares", "es",
     [("dos mil 600 millones de dólares", D("2600000000"), None, "USD")]),
    ("dos millones y medio de dólares", "es", [("dos millones y medio de dólares", D("2500000"), None, "USD")]),
    ("two and a half million dollars", "en", [("two and a half million dollars", D("2500000"), None, "USD")]),
    ("un millón y medio de euros", "es", [("un millón y medio de euros", D("1500000"), None, "EUR")]),
    ("medio de dólares", "es", []),
    ("It costs a quarter million dollars.", "en", [("a quarter million dollars", D("250000"), None, "USD")]),
    ("a two-year plan", "en", []),
    ("one of the two donors", "en", []),
]
SPANISH_COMPOUNDS = [
    ("un total de 3 mil 415 millones 600 mil pesos mexicanos", "es",
     [("3 mil 415 millones 600 mil pesos mexicanos", D("3415600000"), None, "MXN")]),
    ("se gastaron 217 millones 233 mil 892 dólares", "es",
     [("217 millones 233 mil 892 dólares", D("217233892"), None, "USD")]),
    ("el monto fue US$2 mil 543 millones 518 mil 356 en total", "es",
     [("US$2 mil 543 millones 518 mil 356", D("2543518356"), None, "USD")]),
    ("una deuda de 2 billones de dólares", "es", [("2 billones de dólares", D("2000000000000"), None, "USD")]),
    ("unos 447.000 millones de dólares", "es", [("447.000 millones de dólares", D("447000000000"), None, "USD")]),
]
CONTINUED = [  # a bare amount takes the currency (and scale) of the figure it continues
    ("recibió 20 millones de dólares para salud, 14 millones para educación y 9,6 millones para agua.", "es",
     [("20 millones de dólares", D("20000000"), None, "USD"), ("14 millones", D("14000000"), None, "USD"),
      ("9,6 millones", D("9600000"), None, "USD")]),
    ("donó 12 millones de euros, y otros dos millones para el fondo.", "es",
     [("12 millones de euros", D("12000000"), None, "EUR"), ("dos millones", D("2000000"), None, "EUR")]),
    ("dio 10 millones de euros a la ONU, y otros tres millones servirán para becas.", "es",
     [("10 millones de euros", D("10000000"), None, "EUR"), ("tres millones", D("3000000"), None, "EUR")]),
    ("la ayuda pasó de 40 a 25 millones de dólares", "es",
     [("40", D("40000000"), None, "USD"), ("25 millones de dólares", D("25000000"), None, "USD")]),
    ("aportó 30 millones de dólares el 2005, mientras que el 2006, 28; el 2007, 26.", "es",
     [("30 millones de dólares", D("30000000"), None, "USD"), ("28", D("28000000"), None, "USD"),
      ("26", D("26000000"), None, "USD")]),
    ("It gave $30 million in 2005, 28 in 2006 and 26 in 2007.", "en",
     [("$30 million", D("30000000"), None, "USD"), ("28", D("28000000"), None, "USD"),
      ("26", D("26000000"), None, "USD")]),
    ("gave $5 million to schools that serve 3 million children", "en", [("$5 million", D("5000000"), None, "USD")]),
    ("It gave $27.5 million for roads, 12 million for water and 4.5 million for clinics.", "en",
     [("$27.5 million", D("27500000"), None, "USD"), ("12 million", D("12000000"), None, "USD"),
      ("4.5 million", D("4500000"), None, "USD")]),
    ("The plan costs $2.1 billion; Peru gets 700 million of it.", "en",
     [("$2.1 billion", D("2100000000"), None, "USD"), ("700 million", D("700000000"), None, "USD")]),
    ("The US gave $20 million. Some 3 million people benefited.", "en", [("$20 million", D("20000000"), None, "USD")]),
    ("donó 5 millones de dólares a 2 millones de personas", "es",
     [("5 millones de dólares", D("5000000"), None, "USD")]),
]

MINOR_UNITS = [  # hundredths after an amount in whole units
    ("The stamp cost 2 dollars 35 cents.", "en", [("2 dollars 35 cents", D("2.35"), None, "USD")]),
    ("a fee of $4 and 20c per form", "en", [("$4 and 20c", D("4.20"), None, "USD")]),
    ("it was eleven dollars and sixty cents", "en", [("eleven dollars and sixty cents", D("11.60"), None, "USD")]),
    ("cuesta 8 dólares con 25", "es", [("8 dólares con 25", D("8.25"), None, "USD")]),
    ("gave 20 dollars, 43 families", "en", [("20 dollars", D("20"), None, "USD")]),
    ("a $5 40-page booklet", "en", [("$5", D("5"), None, "USD")]),
]
SIGNS_OF_OTHER_LANGUAGES = [  # CLDR signs of any locale, thousands grouped by spaces beside a sign
    ("Praha zaplatila 12 500 Kč.", "en", [("12 500 Kč", D("12500"), None, "CZK")]),
    ("the bill was EUR 1\u00a0298,00 in all", "en", [("EUR 1\u00a0298,00", D("1298"), None, "EUR")]),
    ("9\u202f800 Kč each", "en", [("9\u202f800 Kč", D("9800"), None, "CZK")]),
    ("it cost CZK 9 800", "en", [("CZK 9 800", D("9800"), None, "CZK")]),
    ("a loan of 1234 567 CZK", "en", [("567 CZK", D("567"), None, "CZK")]),  # four digits: no group
    ("at 12,5 000 Kč", "en", []),
    ("paid 1'049 CHF", "en", [("1'049 CHF", D("1049"), None, "CHF")]),
    ("a price of 45,00 zł and 3,20 zł", "en", [("45,00 zł", D("45.00"), None, "PLN"), ("3,20 zł", D("3.20"), None, "PLN")]),
    ("a fee of ₹250", "en", [("₹250", D("250"), None, "INR")]),
    ("a bill of Rp 31.500 per day", "en", [("Rp 31.500", D("31500"), None, "IDR")]),
    ("Singapore gives SGD$4.90 each", "en", [("SGD$4.90", D("4.90"), None, "SGD")]),
    ("in 1990 it cost DEM 170 000", "en", [("DEM 170 000", D("170000"), None, "DEM")]),
    ("costs $1,190.00 AUD here", "en", [("$1,190.00 AUD", D("1190.00"), None, "AUD")]),
    ("the balance is $0.00", "en", [("$0.00", D("0"), None, "USD")]),
    ("In 2010 500 people came.", "en", []),
    ("a watch at CHF 2'350,50 in Geneva", "en", [("CHF 2'350,50", D("2350.50"), None, "CHF")]),
    ("a ticket for 80,- Kč", "en", [("80,- Kč", D("80"), None, "CZK")]),
    ("the total is US$:12.50", "en", [("US$:12.50", D("12.50"), None, "USD")]),
    ("In 2010, 45 € were paid", "en", [("45 €", D("45"), None, "EUR")]),
    ("Nairobi paid Ksh 2,500 per family", "en", [("Ksh 2,500", D("2500"), None, "KES")]),
    ("the 1980's programme", "en", []),
]
SPACES_BEFORE_A_SCALE_OR_SUFFIX = [  # the spaces after a number are read once (no marker starts with one)
    ("gave 5\n million\n dollars", "en", [("5\n million\n dollars", D("5000000"), None, "USD")]),
    ("a 5-million-dollar grant", "en", [("5-million-dollar", D("5000000"), None, "USD")]),
    ("gave 5   million dollars", "en", []),
    ("dio 7 \t millones de dólares", "es", []),
    ("gave 9 -dollars", "en", []),
]
OTHER_NUMBERING = [
    ("a grant of 35 lakh rupees", "en", [("35 lakh rupees", D("3500000"), None, "INR")]),
    ("Rs 500 per month", "en", [("Rs 500", D("500"), None, "INR")]),
    ("RM 42 for the ticket", "en", [("RM 42", D("42"), None, "MYR")]),
    ("a ticket at 42 RM.", "en", [("42 RM", D("42"), None, "MYR")]),
    ("page 5 Le Monde", "en", []),
]

FORMS = {"spaces-before-a-scale-or-suffix": SPACES_BEFORE_A_SCALE_OR_SUFFIX,
         "signs-of-other-languages": SIGNS_OF_OTHER_LANGUAGES, "minor-units": MINOR_UNITS, "other-numbering": OTHER_NUMBERING, "codes-and-signs": CODES_AND_SIGNS, "cldr-names": CLDR_NAMES, "weak-signs": WEAK_SIGNS,
         "weak-signs-trusted": WEAK_SIGNS_TRUSTED, "cable-currency-words": CABLE_CURRENCY_WORDS, "proportions": PROPORTIONS,
         "cable-spellings": CABLE_SPELLINGS, "words": WORDS, "spanish-compounds": SPANISH_COMPOUNDS,
         "continued": CONTINUED}


@pytest.mark.parametrize("text, lang, expected", [
    pytest.param(*case, id=f"{group}:{case[0][:30]}") for group, cases in FORMS.items() for case in cases])
def test_money_forms(text, lang, expected):
    assert [(m.text, m.amount, m.amount_high, m.currency) for m in find_money(text, lang)] == expected


@pytest.mark.parametrize("text, lang, value, top", [
    ("half a million", "en", D("500000"), 6),
    ("one hundred and five million", "en", D("105000000"), 6),
    ("treinta y cinco millones", "es", D("35000000"), 6),
    ("siete mil millones", "es", D("7000000000"), 9),
    ("5 million a year", "en", D("5000000"), 6),
])
def test_number_phrase_grammar(text, lang, value, top):
    _, got, got_top = number_phrase(text, 0, lang)
    assert (got, got_top) == (value, top)


# (document, the currency of its bare-$ figure): which dollar or peso a bare $ is
HOME = [
    ("WELLINGTON, May 2 - The government will give $12 million to Tonga's recovery.", "NZD"),
    ("Australia pledges $40m to Fiji\n\nAustralia will give Fiji $40 million for Fiji's roads, on top of the "
     "$US10 million the bank lent to Fiji, Fiji's minister said.", "AUD"),
    ("Liberia: Background and U.S. Assistance\n\nLiberia received $120 million from the United States "
     "in 2010. Liberia's roads took $30 million.", "USD"),
    ("BOGOTA (Wire) - The United States gave Colombia $30 million in aid on Tuesday.", "USD"),
    ("Bogotá, 3 may. El municipio destinará $ 95.000 millones para vías, informó la alcaldía de Colombia.", "COP"),
    ("WASHINGTON - Congress approved $30 million for Haiti.", "USD"),
    ("WELLINGTON, May 2 - The government will give $5m-$7m to Tonga.", "NZD"),
]


@pytest.mark.parametrize("text, currency", HOME, ids=[c[0][:25] for c in HOME])
def test_bare_dollar_from_the_document(text, currency):
    figures = find_figures(text, published=dt.date(2020, 1, 1))
    bare = [f for f in figures if "US" not in f.text]
    assert bare and {f.currency for f in bare} == {currency}
