"""The figures table contract (schema v1.3): columns, dtypes, key, and ``validate()``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ..errors import SchemaError
from .checks import column_checks, failures

if TYPE_CHECKING:  # pandas is imported when a table is built or checked: a CSV run needs none
    import pandas as pd

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
    import pandas as pd

    return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in DTYPES.items()})


def coerce(df: pd.DataFrame) -> pd.DataFrame:
    """Return ``df`` with exactly the schema's columns, in order, cast to the schema's dtypes.

    Raises :class:`SchemaError` naming any missing columns. Extra columns are dropped.

    Examples
    --------
    >>> import pandas as pd
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


#: The columns that may not be missing.
_REQUIRED: Final = frozenset({"doc_id", "start", "end", "text", "amount", "currency", "qualifier"})
_CHECKS: Final = column_checks(QUALIFIERS, PERS, CATEGORIES, MEASURES, YEARS)


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
    out = coerce(df)
    failed = failures(out, _REQUIRED, _CHECKS, KEY)
    if failed:
        lines = [f"{column}: {check} (e.g. {example})" for column, check, example in failed[:10]]
        raise SchemaError(f"figures table fails schema v{SCHEMA_VERSION}: " + "; ".join(lines))
    return out
