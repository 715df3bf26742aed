"""extract(): whole documents to figures tables; the seed article pinned by a golden file."""

import warnings
from pathlib import Path

import pandas as pd
import pytest

import aidfigures as af
from aidfigures import schema
from aidfigures.errors import DocumentWarning
from aidfigures.extract import _TABLE_HINT, extract

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "raw" / "ips_peru_wikileaks_2010.txt"
GOLDEN = Path(__file__).parent / "golden" / "ips_peru_wikileaks_2010.csv"


def _records(df: pd.DataFrame, cols: list[str]) -> list[dict]:
    df = df[cols].astype({c: "string" for c in ("published",) if c in cols})
    return df.astype(object).where(df.notna(), None).reset_index(drop=True).to_dict("records")


def test_seed_article_matches_golden_file():
    """As `make run` reads it (sources.csv beside it: title, URL, date) and as ``extract(text)`` does
    (no manifest: no title or URL; the same date, from the dateline). tests/golden/README.md says how
    the file is regenerated."""
    want = pd.read_csv(GOLDEN, dtype={"per": "string", "category": "string", "measure": "string",
                                      "published": "string"})
    cols = list(want.columns)
    assert {"title", "url", "published"} <= set(cols)
    assert _records(af.extract_files([SEED]), cols) == _records(want, cols)
    alone = extract(SEED.read_text(encoding="utf-8"), doc_id="ips_peru_wikileaks_2010")
    assert alone["title"].isna().all() and alone["url"].isna().all()
    assert _records(alone.drop(columns=["title", "url"]), [c for c in cols if c not in ("title", "url")]) == \
        _records(want.drop(columns=["title", "url"]), [c for c in cols if c not in ("title", "url")])


def test_seed_has_no_vague_amounts_and_keeps_provenance():
    text = SEED.read_text(encoding="utf-8")
    df = extract(text, doc_id="seed")
    assert not df["text"].str.contains("billion").any()  # "multi-billion dollar" is not a figure
    for row in df.itertuples():
        assert text[row.start:row.end] == row.text
        assert row.text in row.sentence
    schema.validate(df)


# (sentence, published, {column: expected})
ATTRIBUTION = {
    "relative-clause": ("Peru received 56.4 million dollars in 2006, making it second after Colombia, "
                        "which received nearly 582 million dollars.", None,
                        [{"recipient_iso3": "PER", "year": 2006}, {"recipient_iso3": "COL", "year": 2006, "qualifier": "approx"}]),
    "year-carried": ("For the 2011 budget, Washington has set the aid for Peru at 44.7 million dollars. "
                     "It is third, after Colombia (351 million dollars) and Mexico (147.9 million dollars).", None,
                     [{"recipient_iso3": "PER", "year": 2011, "measure": "requested", "donor": "United States"},
                      {"recipient_iso3": "COL", "year": 2011}, {"recipient_iso3": "MEX", "year": 2011}]),
    "fiscal-year": ("The FY2012 request includes $1.551 billion in military aid to Egypt.", None,
                    [{"recipient_iso3": "EGY", "year": 2012, "fiscal": True, "measure": "requested", "category": "military"}]),
    "since-span": ("The United States has provided Egypt with an annual average of $2 billion since 1979.", "2011-03-29",
                   [{"recipient_iso3": "EGY", "year": 1979, "year_end": 2011, "per": "year"}]),
    "last-year": ("The answer was $30,000 in bribes for last year's campaign in Peru.", "2001-02-08",
                  [{"year": 2000, "is_aid": False, "recipient_iso3": "PER"}]),
    "dateline": ("LIMA, Dec 16 2010 (IPS) - Peru will receive $5 million in police aid this year.", None,
                 [{"year": 2010, "recipient_iso3": "PER", "category": "police"}]),
    "for-each": ("The plan gives $300,000 for El Salvador and $300,000 for Nicaragua in FY 1980.", None,
                 [{"recipient_iso3": "SLV", "year": 1980}, {"recipient_iso3": "NIC", "year": 1980}]),
    "region": ("Mexico and Central America are slated to receive $311 million in FY2005.", None,
               [{"recipient": "Mexico; Central America", "recipient_iso3": None, "year": 2005}]),
    "donor-not-recipient": ("Japan pledged $5 million to Afghanistan in 2002.", None,
                            [{"recipient_iso3": "AFG", "measure": "pledged"}]),
    "bribes-not-aid": ("He paid 50,000 dollars a month in bribes to army officers in Peru.", None,
                       [{"is_aid": False, "per": "month", "measure": None, "category": None}]),
    "gdp-not-aid": ("Colombia's drug trade is worth US$10 billion.", None, [{"is_aid": False}]),
    "spanish": ("La ayuda estadounidense al Perú en 2011 ascendió a poco menos de 70 millones de dólares.", None,
                [{"recipient_iso3": "PER", "year": 2011, "qualifier": "at_most", "donor": "United States"}]),
    "program-in-clause": ("The Administration requested $282 million for Mexico in FY2012, down from $143 million "
                          "in FY2011 for the Central America Regional Security Initiative.", None,
                          [{"recipient_iso3": "MEX", "year": 2012, "program": None},
                           {"recipient": "Central America", "recipient_iso3": None, "year": 2011,
                            "program": "Central America Regional Security Initiative"}]),
    "including": ("Congress appropriated $465 million in FY2010 for Colombia, including $55 million in "
                  "Foreign Military Financing (FMF).", None,
                  [{"recipient_iso3": "COL", "year": 2010, "measure": "appropriated", "program": None},
                   {"recipient_iso3": "COL", "year": 2010, "program": "Foreign Military Financing"}]),
    "a-year-earlier": ("US aid to Peru fell to $38 million in 2012 from $52 million a year earlier.", None,
                       [{"year": 2012, "per": None}, {"year": 2011, "per": None}]),
    "budget-not-aid": ("Ecuador's military budget is $2.5 billion a year.", None, [{"is_aid": False, "per": "year"}]),
    "purchase-not-aid": ("In 2007, Venezuela bought $4 billion in Russian weapons.", None, [{"is_aid": False}]),
    "list-of-recipients": ("Guatemala, Honduras and El Salvador shared $95 million in 2012.", None,
                           [{"recipient": "Guatemala; Honduras; El Salvador", "recipient_iso3": None, "year": 2012}]),
    "spanish-span": ("La ayuda militar de Washington a México sumó 1.400 millones de dólares entre 2008 y 2010.", None,
                     [{"recipient_iso3": "MEX", "year": 2008, "year_end": 2010, "amount": 1.4e9, "category": "military"}]),
    "parenthesis-after-region": ("Peru was the second biggest recipient in Latin America after Colombia "
                                 "(582 million dollars) in 2006.", None, [{"recipient_iso3": "COL", "year": 2006}]),
    "two-relative-clauses": ("Peru came after Colombia, which got 582 million dollars, and Bolivia, which got "
                             "90 million dollars, in 2006.", None,
                             [{"recipient_iso3": "COL"}, {"recipient_iso3": "BOL", "year": 2006}]),
    "list-with-serial-comma": ("Aid of $5 million went to Peru, Colombia, and Mexico in 2006.", None,
                               [{"recipient": "Peru; Colombia; Mexico", "recipient_iso3": None, "year": 2006}]),
    "of-which-no-currency": ("El Gobierno de Estados Unidos destinará 545 millones de dólares a Colombia en 2009, "
                             "de los cuales 300 millones serán para las Fuerzas Armadas.", None,
                             [{"amount": 545e6, "measure": "allocated"}, {"amount": 300e6, "currency": "USD",
                                                                          "recipient_iso3": "COL", "year": 2009}]),
    "and-no-currency": ("En 2010 el Congreso aprobó 310 millones de dólares para México y 83 millones para Centroamérica.",
                        None, [{"recipient_iso3": "MEX"}, {"amount": 83e6, "recipient": "Central America", "year": 2010}]),
    "counts-are-not-money": ("Up to 1.5 million Haitians face hunger after $174 million in losses, and 2 million people fled.",
                             None, [{"amount": 174e6, "is_aid": False}]),
    "own-budget-not-aid": ("El presupuesto de seguridad de Colombia asciende a 14 billones de pesos.", None,
                           [{"currency": "COP", "amount": 14e12, "is_aid": False}]),
    "asked-for-and-fiscal": ("The State Department asked Congress for $1.1 billion in aid for Afghanistan in 2012, "
                             "up from $0.9 billion in fiscal 2011.", None,
                             [{"measure": "requested", "year": 2012}, {"year": 2011, "fiscal": True}]),
    "losses-dated-by-document": ("Farmers in Haiti lost crops after the storm: $174 million in losses to agriculture.",
                                 "2012-12-17", [{"is_aid": False, "year": 2012, "recipient_iso3": "HTI"}]),
    "needs-dated-by-document": ("A World Bank assessment estimated that $1.7 billion would be needed to rebuild "
                                "Afghanistan.", "2002-01-21", [{"is_aid": False, "year": 2002}]),
    "damage-spanish": ("Los daños del huracán en Honduras suman 300 millones de dólares.", "1998-11-05",
                       [{"is_aid": False, "year": 1998}]),
    "value-not-dated": ("Colombia's drug trade is worth US$10 billion.", "2008-05-01",
                        [{"is_aid": False, "year": None}]),
    "cable-mille": ("R 200218Z FEB 76\nFM SECSTATE WASHDC\nTO AMEMBASSY LIMA\n\n1. FY77 MAP-M LEVEL FOR PERU "
                    "IS $675M, OF A REQUEST OF US $1.2M.\n", None,
                    [{"amount": 675_000.0, "year": 1977}, {"amount": 1_200.0}]),
    "cable-million-word": ("R 200218Z FEB 76\nFM SECSTATE WASHDC\n\n1. FY77 MAP-M FOR LATIN AMERICA: US $4.6 MILLION.\n",
                           None, [{"amount": 4_600_000.0}]),
    "modern-M-is-million": ("Peru will receive $675M in aid this year.", "2010-05-01", [{"amount": 675e6, "year": 2010}]),
    "total-span-in-brackets-after": ("The three-year plan gives Mexico $1.4 billion (FY2008-FY2010).", None,
                                     [{"year": 2008, "year_end": 2010, "fiscal": True}]),
    "soles-sign-is-no-sentence-end": ("Perú recibió S/. 10 millones de la cooperación en 2012.", None,
                                      [{"currency": "PEN", "year": 2012}]),
    "donated-equipment-worth": ("The U.S. donated three Black Hawk helicopters worth $40 million to Mexico in 2011.",
                                None, [{"is_aid": True, "recipient_iso3": "MEX", "year": 2011}]),
    "equipment-valued-at": ("Estados Unidos entregó a México helicópteros con un valor de 40 millones de dólares.",
                            None, [{"is_aid": True}]),
    "bought-worth-not-aid": ("Venezuela bought Russian weapons worth $4 billion in 2007.", None, [{"is_aid": False}]),
    "fiscal-span-from-to": ("U.S. aid to Mexico totaled $1.9 billion from FY2008 to FY2015.", None,
                            [{"year": 2008, "year_end": 2015, "fiscal": True}]),
    "elided-currency-next-year": ("En 2009, México recibió 300 millones de dólares; en 2010, 250 millones.", None,
                                  [{"amount": 3e8, "year": 2009}, {"amount": 2.5e8, "currency": "USD", "year": 2010}]),
    "capital-for-its-government": ("Bogotá recibió 20 millones de dólares de Washington en 2013.", None,
                                   [{"recipient_iso3": "COL", "donor": "United States", "year": 2013}]),
    "capital-as-venue": ("Speaking in Lima, the U.S. ambassador announced $5 million for Bolivia in 2010.", None,
                         [{"recipient_iso3": "BOL"}]),
    "venue-only": ("The embassy in Mexico City said Guatemala would get $3 million in 2011.", None,
                   [{"recipient_iso3": "GTM"}]),
    "contrast-not-recipient": ("A diferencia de Chile, Perú recibió 5 millones de dólares en 2006.", None,
                               [{"recipient_iso3": "PER"}]),
    "than-not-recipient": ("Peru received less than Colombia: $40 million in 2010.", None, [{"recipient_iso3": "PER"}]),
    "a-year-later-counts-from-the-sentence-before": (
        "Perú recibió 40 millones de dólares en 2009. Al año siguiente recibió 45 millones de dólares.", None,
        [{"year": 2009}, {"year": 2010}]),
    "respectively-years": ("In 2010 and 2011, Peru received $40 million and $37 million, respectively.", None,
                           [{"year": 2010, "recipient_iso3": "PER"}, {"year": 2011, "recipient_iso3": "PER"}]),
    "respectivamente-recipients": ("En 2010, Colombia y Perú recibieron 400 y 37 millones de dólares, respectivamente.",
                                   None, [{"amount": 4e8, "recipient_iso3": "COL", "year": 2010},
                                          {"amount": 3.7e7, "recipient_iso3": "PER", "year": 2010}]),
    "total-span-of-another-clause": ("Between 2000 and 2005 Colombia received $4 billion, and a three-year plan of "
                                     "$1 billion began.", None,
                                     [{"year": 2000, "year_end": 2005}, {"year": None, "year_end": None}]),
    "year-bound-to-the-amount-before": ("Peru's aid fell from $56.4 million in 2006 to $44.7 million in 2011.", None,
                                        [{"year": 2006}, {"year": 2011}]),
    "frente-a-los": ("En 2011, Washington destinó 44,7 millones de dólares para Perú, frente a los 56,4 millones "
                     "de 2006.", None, [{"year": 2011}, {"amount": 5.64e7, "currency": "USD", "year": 2006}]),
    "sold-not-aid": ("The U.S. sold Colombia $200 million in weapons in 2008.", None, [{"is_aid": False}]),
    "earnings-not-aid": ("Los narcotraficantes ganan 10.000 millones de dólares al año en México.", None,
                         [{"is_aid": False, "per": "year"}]),
    "country-as-donor": ("Haiti will get $5 million from Canada.", None, [{"recipient_iso3": "HTI", "donor": "Canada"}]),
    "country-donor-spanish": ("Venezuela donó 5 millones de dólares a Bolivia.", None,
                              [{"recipient_iso3": "BOL", "donor": "Venezuela"}]),
    "donors-listed-together": ("Spain and Japan pledged $5 million to Haiti in 2010.", None,
                               [{"recipient_iso3": "HTI", "donor": "Spain; Japan"}]),
    "spanish-pesos": ("El gobierno de Colombia destinó 20.000 millones de pesos a la policía en 2010.", None,
                      [{"currency": "COP", "amount": 2e10, "year": 2010}]),
}


@pytest.mark.parametrize("text, published, expected", ATTRIBUTION.values(), ids=ATTRIBUTION.keys())
def test_attribution(text, published, expected):
    df = extract(text, published=published)
    assert len(df) == len(expected)
    for (_, row), want in zip(df.iterrows(), expected, strict=True):
        got = {k: (None if pd.isna(row[k]) else row[k]) for k in want}
        assert got == want


def test_non_usd_amounts_converted_at_that_years_rate():
    df = extract("Colombia spent 20 billion pesos on police aid in 2006.")
    (row,) = df.itertuples()
    assert row.currency == "COP"
    assert row.amount_usd == pytest.approx(20e9 / 2358.59, rel=1e-4)


def test_missing_rate_or_year_gives_na_never_zero():
    df = extract("The EU gave €5 million to Haiti.")
    assert df["amount_usd"].isna().all()


def test_table_cells_become_rows_in_long_form():
    text = ("Grant military and police aid to Peru, 2009-2010\n\n"
            "Aid Program 2009 2010 Program Total\n"
            "Foreign Military Financing 1,000,000 2,000,000 3,000,000\n")
    df = extract(text)
    assert df[["recipient_iso3", "year", "year_end", "amount", "program", "category"]].astype(object).where(
        df[["recipient_iso3", "year", "year_end", "amount", "program", "category"]].notna(), None).values.tolist() == [
        ["PER", 2009, None, 1e6, "Foreign Military Financing", "military_police"],
        ["PER", 2010, None, 2e6, "Foreign Military Financing", "military_police"],
        ["PER", 2009, 2010, 3e6, "Foreign Military Financing", "military_police"],
    ]


def test_country_by_year_table_takes_the_recipient_from_each_row():
    text = ("Table 2. U.S. Assistance to the Andean Region, FY2008-FY2010\n(millions of dollars)\n\n"
            "Country FY2008 FY2009\nColombia 543.8 545.1\nPeru 107.4 119.2\nTotal 651.2 664.3\n")
    df = extract(text)
    got = list(zip(df["recipient"], df["recipient_iso3"].astype(object).where(df["recipient_iso3"].notna(), None),
                   df["year"], df["amount"], strict=True))
    assert got == [("Colombia", "COL", 2008, 543.8e6), ("Colombia", "COL", 2009, 545.1e6),
                   ("Peru", "PER", 2008, 107.4e6), ("Peru", "PER", 2009, 119.2e6),
                   ("Andean region", None, 2008, 651.2e6), ("Andean region", None, 2009, 664.3e6)]
    assert df["fiscal"].all()


@pytest.mark.parametrize("text", ["", "   \n\n", "No money here at all, only 2006 and 60 percent."],
                         ids=["empty", "blank", "no-money"])
def test_documents_without_figures_give_an_empty_valid_table(text):
    df = af.extract(text)
    assert len(df) == 0 and list(df.columns) == list(schema.COLUMNS)


def test_output_is_valid_schema_and_dtypes():
    df = extract(SEED.read_text(encoding="utf-8"))
    out = schema.validate(df)
    assert {c: str(t) for c, t in out.dtypes.items()} == schema.DTYPES


def test_a_place_named_in_contrast_is_not_the_recipient():
    df = extract("Peru is poor. This South American country, unlike Chile, got $5 million in 2006.")
    assert df.loc[0, "recipient_iso3"] == "PER"


def _figure(**values):
    from aidfigures.extract import Figure
    base = dict(doc_id="d", start=0, end=3, text="$5m", amount=5e6, amount_high=None, currency="USD",
                amount_usd=None, qualifier="exact", per=None, year=None, year_end=None, fiscal=False,
                recipient=None, recipient_iso3=None, donor=None, category=None, program=None, measure=None,
                is_aid=True, sentence="Peru got $5m.", confidence=None)
    return Figure(**{**base, **values})


@pytest.mark.parametrize("figures", [
    [],
    [_figure()],
    [_figure(year=2006, year_end=2008, fiscal=True, recipient="Peru", recipient_iso3="PER", confidence=0.5),
     _figure(start=9, end=12, amount_high=7e6, amount_usd=5e6, per="year", donor="USAID", is_aid=False)],
], ids=["none", "all-missing", "mixed"])
def test_figures_frame_builds_the_columns_pd_array_would(figures):
    from dataclasses import astuple

    from aidfigures.extract import figures_frame
    rows = [astuple(f) for f in figures]
    cols = list(zip(*rows, strict=True)) if rows else [()] * len(schema.COLUMNS)
    want = pd.DataFrame({name: pd.array([(float("nan") if schema.DTYPES[name] == "float64" else pd.NA)
                                         if v is None else v for v in col], dtype=schema.DTYPES[name])
                         for name, col in zip(schema.COLUMNS, cols, strict=True)})
    got = figures_frame(figures)
    pd.testing.assert_frame_equal(got, want)
    assert {c: str(t) for c, t in got.dtypes.items()} == schema.DTYPES


def test_empty_figures_frames_are_each_the_callers_own():
    from aidfigures.extract import figures_frame
    mine = figures_frame([])
    mine["note"] = pd.Series(dtype="string")
    mine.attrs["who"] = "me"
    theirs = figures_frame(())
    assert list(theirs.columns) == list(schema.COLUMNS) and theirs.attrs == {}
    assert theirs is not figures_frame([])


#: The first pass of tables: a table of figures names a year (1940-2049, not inside a number) or FY.
YEAR_HINTS = {
    "a year": (["Health aid 2006", "(1975) 45", "x-2049-y"], True),
    "FY as a word": (["FY 77", "Grants, FY80", "\nFY"], True),
    "no year": (["Health aid 45,000", "12019 units", "2050 and 1939", "20061", "PFY 77", "_FY"], False),
}
HINT_CASES = [(form, text, want) for form, (texts, want) in YEAR_HINTS.items() for text in texts]


@pytest.mark.parametrize("form,text,want", HINT_CASES, ids=[f"{f}:{t}" for f, t, _ in HINT_CASES])
def test_a_table_needs_a_year_or_fy(form, text, want):
    assert (_TABLE_HINT.search(text) is not None) is want


@pytest.mark.parametrize("text,cleaned", [
    ("Perú got $5 million \udfff in 2006.", "Perú got $5 million \ufffd in 2006."),  # with other letters
    ("Perú got $5 million \ud83d\ude00 in 2006.", "Perú got $5 million \ufffd\ufffd in 2006."),  # a pair, split
], ids=["lone, in text with accents", "a pair of surrogates"])
def test_every_surrogate_is_replaced(text, cleaned):
    with pytest.warns(DocumentWarning, match="lone surrogates"):
        df = extract(text)
    assert df["sentence"][0] == cleaned


def test_text_with_no_surrogate_is_kept_as_written():
    with warnings.catch_warnings():
        warnings.simplefilter("error", DocumentWarning)
        df = extract("Perú got $5 million \U0001f600 in 2006.")  # an emoji: one code point, no surrogate
    assert df["sentence"][0] == "Perú got $5 million \U0001f600 in 2006."
