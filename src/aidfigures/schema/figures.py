"""The figures table contract (schema v1.3): columns, dtypes, key, and ``validate()``."""

from __future__ import annotations

from functools import lru_cache
from typing import Final

import pandas as pd

from ..errors import SchemaError

__all__ = [
    "SCHEMA_VERSION",
    "YEARS",
    "COLUMNS",
    "OPTIONAL",
    "DTYPES",
    "KEY",
    "CATEGORIES",
    "MEASURES",
    "QUALIFIERS",
    "PERS",
    "empty_figures",
    "coerce",
    "validate",
]

SCHEMA_VERSION: Final = "1.3"

#: Column name -> (pandas dtype, meaning). The order is the column order of every figures table.
_SPEC: Final[dict[str, tuple[str, str]]] = {
    "doc_id": ("string", "document id (file name without extension)"),
    "start": ("Int64", "character offset where `text` starts in the document"),
    "end": ("Int64", "character offset just past the end of `text`"),
    "text": ("string", "the money mention as written, e.g. `582 million dollars`"),
    "amount": ("float64", "value in `currency` units, fully expanded; low end of a range"),
    "amount_high": ("float64", "high end of a range, else NA"),
    "currency": ("string", "ISO 4217 code (USD, EUR, COP, PEN, MXN, ...)"),
    "amount_usd": ("float64", "nominal US dollars (non-USD at that year's average rate); NA when no rate or no year"),
    "qualifier": ("string", "exact, approx, at_least or at_most"),
    "per": ("string", "NA, or `year` / `month` for rates"),
    "year": ("Int64", "the year the figure refers to (start year of a span)"),
    "year_end": ("Int64", "last year of a span (`2000 to 2016`), else NA"),
    "fiscal": ("boolean", "the year is stated as a (US) fiscal year"),
    "recipient": ("string", "canonical name of the country or region the money is for"),
    "recipient_iso3": ("string", "ISO 3166 alpha-3 for countries; NA for regions"),
    "donor": ("string", "canonical donor name when stated or clear from context; "
                        "several given together joined by '; '"),
    "category": ("string", "military, police, military_police, counternarcotics, economic, humanitarian, "
                           "development, security, or NA"),
    "program": ("string", "program, account or initiative named for the figure, else NA"),
    "measure": ("string", "requested, appropriated, allocated, obligated, disbursed, pledged, or NA"),
    "is_aid": ("boolean", "aid/assistance/funding; false for bribes, budgets of other things, prices, GDP ..."),
    "sentence": ("string", "the sentence (or table row) the figure is in; a longer run than 1000 characters "
                            "with no sentence end is cut in pieces, and this is the figure's"),
    "confidence": ("float64", "probability that the attribution is right: the recipient choice's times the year "
                              "choice's, under the fitted models; NA for table cells and for tables of schema 1.0"),
    "title": ("string", "the document's title, from its source (a sources.csv manifest, a PDF's title, "
                        "a cable's subject); NA when none is given"),
    "url": ("string", "the document's URL, from a sources.csv manifest; NA when none is given"),
    "published": ("datetime64[s]", "the document's publication date: the one its source gives (manifest, "
                                   "date column), else the dateline the extractor read; NA when neither"),
    "alternatives": ("string", "the next-best recipients and years the extractor weighed, with their probabilities: "
                               "`recipient: COL 0.21 | none 0.05; year: 2007 0.12` (a country as its ISO3 code, a "
                               "group or region as its name, `none` for no recipient or year; at most three per "
                               "field, each 0.01 or more, best first); NA when there is none, for table cells and "
                               "for tables before schema 1.3"),
    "corrected": ("string", "the fields corrected by hand (a corrections file), `;`-joined in the order recipient, "
                            "year, amount, currency, is_aid; `confirmed` when checked and right; NA when not checked"),
    "original": ("string", "the extracted values the corrections replaced, a JSON object `{column: value}` "
                           "(e.g. `{\"recipient\": \"Peru\", \"recipient_iso3\": \"PER\"}`); NA when none"),
}

#: Columns added after schema 1.0 (``confidence`` in 1.1; ``title``, ``url``, ``published`` in 1.2; ``alternatives``,
#: ``corrected``, ``original`` in 1.3): a table without them (written before) reads with them NA.
OPTIONAL: Final[frozenset[str]] = frozenset({"confidence", "title", "url", "published", "alternatives", "corrected",
                                            "original"})

COLUMNS: Final[tuple[str, ...]] = tuple(_SPEC)
DTYPES: Final[dict[str, str]] = {name: dtype for name, (dtype, _) in _SPEC.items()}
DESCRIPTIONS: Final[dict[str, str]] = {name: text for name, (_, text) in _SPEC.items()}
KEY: Final[tuple[str, str]] = ("doc_id", "start")

CATEGORIES: Final = frozenset({
    "military", "police", "military_police", "counternarcotics", "economic",
    "humanitarian", "development", "security",
})
MEASURES: Final = frozenset({
    "requested", "appropriated", "allocated", "obligated", "disbursed", "pledged",
})
QUALIFIERS: Final = frozenset({"exact", "approx", "at_least", "at_most"})
PERS: Final = frozenset({"year", "month"})
#: The years a figure may refer to (``year``, ``year_end``), first and last.
YEARS: Final = (1900, 2100)


def empty_figures() -> pd.DataFrame:
    """Return a figures table with no rows and the schema's columns and dtypes.

    Examples
    --------
    >>> df = empty_figures()
    >>> len(df), df.columns[0], str(df["amount"].dtype)
    (0, 'doc_id', 'float64')
    """
    return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in DTYPES.items()})


def coerce(df: pd.DataFrame) -> pd.DataFrame:
    """Return ``df`` with exactly the schema's columns, in order, cast to the schema's dtypes.

    Raises :class:`SchemaError` naming any missing columns. Extra columns are dropped.

    Examples
    --------
    >>> coerce(pd.DataFrame({"doc_id": ["a"]}))
    Traceback (most recent call last):
    ...
    aidfigures.errors.SchemaError: figures table is missing columns: start, end, ...
    """
    missing = [c for c in COLUMNS if c not in df.columns and c not in OPTIONAL]
    if missing:
        shown = ", ".join(missing[:2]) + (", ..." if len(missing) > 2 else "")
        raise SchemaError(f"figures table is missing columns: {shown} (all missing: {', '.join(missing)})")
    out = df.reindex(columns=list(COLUMNS)).copy()  # an OPTIONAL column missing: all NA
    for col, dtype in DTYPES.items():
        try:
            out[col] = out[col].astype(dtype)
        except (TypeError, ValueError) as exc:
            raise SchemaError(f"column {col!r} cannot be read as {dtype}: {exc}") from exc
    return out.reset_index(drop=True)


@lru_cache(maxsize=1)
def _pandera_schema():  # built on first use: no import-time work
    import pandera.pandas as pa

    def isin(values: frozenset[str]) -> pa.Check:
        return pa.Check.isin(sorted(values))

    cols = {name: pa.Column(dtype, nullable=True) for name, dtype in DTYPES.items()}
    cols["doc_id"] = pa.Column("string", nullable=False)
    cols["start"] = pa.Column("Int64", pa.Check.ge(0), nullable=False)
    cols["end"] = pa.Column("Int64", pa.Check.ge(0), nullable=False)
    cols["text"] = pa.Column("string", nullable=False)
    cols["amount"] = pa.Column("float64", pa.Check.ge(0), nullable=False)
    cols["amount_high"] = pa.Column("float64", pa.Check.ge(0), nullable=True)
    cols["currency"] = pa.Column("string", pa.Check.str_matches(r"^[A-Z]{3}$"), nullable=False)
    cols["qualifier"] = pa.Column("string", isin(QUALIFIERS), nullable=False)
    cols["per"] = pa.Column("string", isin(PERS), nullable=True)
    cols["category"] = pa.Column("string", isin(CATEGORIES), nullable=True)
    cols["measure"] = pa.Column("string", isin(MEASURES), nullable=True)
    cols["recipient_iso3"] = pa.Column("string", pa.Check.str_matches(r"^[A-Z]{3}$"), nullable=True)
    cols["year"] = pa.Column("Int64", pa.Check.in_range(*YEARS), nullable=True)
    cols["year_end"] = pa.Column("Int64", pa.Check.in_range(*YEARS), nullable=True)
    cols["confidence"] = pa.Column("float64", pa.Check.in_range(0.0, 1.0), nullable=True)
    cols["published"] = pa.Column("datetime64[s]", pa.Check(lambda s: s.isna() | (s == s.dt.normalize()),
                                                            name="a_date_without_time"), nullable=True)
    return pa.DataFrameSchema(
        cols,
        strict=True,
        ordered=True,
        unique=list(KEY),
        checks=[
            pa.Check(lambda d: (d["end"] > d["start"]), name="end_after_start"),
            pa.Check(lambda d: d["amount_high"].isna() | (d["amount_high"] >= d["amount"]),
                     name="amount_high_not_below_amount"),
            pa.Check(lambda d: d["year_end"].isna() | (d["year_end"] >= d["year"]).fillna(False),
                     name="year_end_not_before_year"),
        ],
    )


def validate(df: pd.DataFrame) -> pd.DataFrame:
    """Check ``df`` against schema v1.3 and return it cast to the schema's dtypes.

    Raises :class:`SchemaError` with every failing check listed.

    Examples
    --------
    >>> validate(empty_figures()).shape
    (0, 28)
    >>> bad = empty_figures()
    >>> bad.loc[0, "doc_id"] = "d"
    >>> validate(bad)
    Traceback (most recent call last):
    ...
    aidfigures.errors.SchemaError: figures table fails schema v1.3: ...
    """
    import pandera.errors

    out = coerce(df)
    try:
        return _pandera_schema().validate(out, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        lines = [
            f"{row.column or 'table'}: {row.check} (e.g. {row.failure_case!r})"
            for row in cases.drop_duplicates(["column", "check"]).head(10).itertuples()
        ]
        raise SchemaError(f"figures table fails schema v{SCHEMA_VERSION}: " + "; ".join(lines)) from None
