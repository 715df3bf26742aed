"""Extract the figures of one document: money mentions and table cells, attributed, as a tidy table."""

from __future__ import annotations

import datetime as dt
import math
import re
import warnings
from bisect import bisect_left
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING

from .currency.rates import to_usd
from .errors import DocumentWarning
from .parse.aid import note_figures
from .parse.attribution import attribute
from .parse.candidates import may_hold_money, may_hold_table
from .parse.context import DocumentContext, read_context
from .parse.dates import parse_date
from .parse.gc_pause import gc_paused
from .parse.money import MAX_DIGITS, find_money
from .parse.table_attribution import CellAttribution, attribute_cells
from .parse.tables import TableCell, find_table_cells
from .parse.text import detect_language
from .schema import COLUMNS, YEARS
from .schema.frame import figures_frame, validate_documents

if TYPE_CHECKING:  # pandas, numpy and pyarrow are imported where a table is built: a CSV run needs none
    import pandas as pd

__all__ = ["Figure", "find_figures", "extract", "figures_frame", "validate_documents"]


@dataclass(frozen=True)
class Figure:
    """One row of the figures table (schema v1.3): a monetary figure and what it is about."""

    doc_id: str
    start: int
    end: int
    text: str
    amount: float
    amount_high: float | None
    currency: str
    amount_usd: float | None
    qualifier: str
    per: str | None
    year: int | None
    year_end: int | None
    fiscal: bool
    recipient: str | None
    recipient_iso3: str | None
    donor: str | None
    category: str | None
    program: str | None
    measure: str | None
    is_aid: bool
    sentence: str
    confidence: float | None = None
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    alternatives: str | None = None
    corrected: str | None = None  # set by aidfigures.corrections, never by the extractor
    original: str | None = None


assert tuple(f.name for f in fields(Figure)) == COLUMNS, "Figure must follow the schema's column order"

#: ``$675M`` with a capital M glued to (or a space from) the number, the way US government telegrams
#: of the 1970s wrote thousands (M = mille), as opposed to ``$675 MILLION``.
_MILLE = re.compile(r"(?:US\s?)?\$\s?\d[\d,]*(?:\.\d+)?\s?M")
#: Documents dated before this year follow that convention.
_MILLE_BEFORE = 1980
#: A document that names no year has no table of figures by year: ``\bFY`` or a year 1940-2049 not
#: inside a number, each written with its first character before the look-behind (``F(?<!\wF)`` is
#: ``\bF``), so that the search skips to the characters ``F``, ``1`` and ``2`` (5x faster).
_TABLE_HINT = re.compile(r"F(?<!\wF)Y|1(?<!\d1)9[4-9]\d(?!\d)|2(?<!\d2)0[0-4]\d(?!\d)")


def _published(value: dt.date | str | None, doc_id: str) -> dt.date | None:
    """The publication date to anchor years on: None (with a warning) when it lies outside the
    schema's years (``9999-12-31``, ``1899-12-30``, ``0001-01-01``: placeholders, not dates)."""
    if value is None:
        return None
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value).strip()[:10])
        except ValueError:
            value = parse_date(str(value))
    if not YEARS[0] <= value.year <= YEARS[1]:
        _warn(doc_id, f"publication date {value.isoformat()} is outside {YEARS[0]}-{YEARS[1]}: not used")
        return None
    return value


def _warn(doc_id: str, message: str) -> None:
    """A problem that skips a figure or a date, not the document: a :class:`DocumentWarning`
    naming the document (corpus runs put it in the documents table's ``warnings``)."""
    warnings.warn(f"{doc_id}: {message}", DocumentWarning, stacklevel=3)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _has_surrogates(text: str) -> bool:
    """True when ``text`` holds a surrogate code point: what UTF-8 cannot encode (3x faster than a
    search for one)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _unreadable(f: Figure) -> str | None:
    """Why ``f`` cannot be a row of the figures table, or None."""
    if not (math.isfinite(f.amount) and f.amount >= 0) or (
            f.amount_high is not None and not (math.isfinite(f.amount_high) and f.amount_high >= f.amount)):
        return f"amount {f.amount!r} cannot be read"
    if max(f.amount, f.amount_high or 0.0) >= 10.0 ** MAX_DIGITS:  # a table cell: mentions are skipped when read
        return f"an amount of {MAX_DIGITS} digits or more"
    for year in (f.year, f.year_end):
        if year is not None and not YEARS[0] <= year <= YEARS[1]:
            return f"year {year} is outside {YEARS[0]}-{YEARS[1]}"
    return None


def _readable(doc_id: str, figures: list[Figure]) -> list[Figure]:
    """``figures`` without those that cannot be rows (each skipped with a warning)."""
    out = []
    for f in figures:
        why = _unreadable(f)
        if why is None:
            out.append(f)
        else:
            _warn(doc_id, f"figure {f.text[:40]!r} at {f.start}-{f.end} skipped: {why}")
    return out


def _usd(amount: float, currency: str, year: int | None) -> float | None:
    value = to_usd(amount, currency, year)
    return None if math.isnan(value) else value


def _overlaps(cells: list[TableCell], start: int, end: int) -> bool:
    """True when [start, end) overlaps a table cell (cells are in text order)."""
    i = bisect_left(cells, end, key=lambda c: c.start)  # first cell starting at or after end
    return i > 0 and cells[i - 1].end > start


def _cell_figure(doc: DocumentContext, cell: TableCell, at: CellAttribution, source: tuple) -> Figure:
    """A table cell as a figure, attributed by :func:`attribute_cells`; ``source`` is (title, url, published)."""
    amount = float(cell.amount)
    return Figure(
        doc.doc_id, cell.start, cell.end, cell.text, amount, None, at.currency,
        _usd(amount, at.currency, cell.year), "exact", None, cell.year, cell.year_end, cell.fiscal,
        at.recipient, at.recipient_iso3, at.donor, at.category, at.program, at.measure, at.is_aid, cell.line, None,
        *source,
    )


def find_figures(text: str, doc_id: str = "doc", published: dt.date | str | None = None,
                 title: str | None = None, url: str | None = None) -> list[Figure]:
    """Find every monetary figure in one document, attributed, in text order.

    ``published`` (a date or ISO string) anchors ``last year``/``this year`` and is the
    default year of undated aid figures; without it, a date at the top of the text
    (dateline such as ``LIMA, Dec 16 2010``) is used when there is one. In documents dated
    before 1980, ``$675M`` is read as the telegrams of the time meant it: $675 thousand.
    Every figure carries the document's ``title`` and ``url`` and the date used (``published``,
    else the dateline's).

    Never fails for the text: a figure that cannot be read (an amount of too many digits, a year
    outside the schema's) is skipped, a publication date outside the schema's years is not used,
    and lone surrogates become U+FFFD; each with a :class:`~aidfigures.errors.DocumentWarning`
    naming ``doc_id``.

    Examples
    --------
    >>> f = find_figures("Peru received 56.4 million dollars in military and police aid in 2006.")[0]
    >>> f.amount, f.currency, f.recipient_iso3, f.year, f.category, f.measure, f.is_aid
    (56400000.0, 'USD', 'PER', 2006, 'military_police', 'disbursed', True)
    """
    if not text or not text.strip():
        return []
    with gc_paused():  # the collector finds nothing to free here and costs a fifth of the time
        return _find_figures(text, doc_id, published, title, url)


def _find_figures(text: str, doc_id: str, published: dt.date | str | None, title: str | None,
                  url: str | None) -> list[Figure]:
    if not text.isascii() and _has_surrogates(text):  # UTF-8 cannot hold them: one U+FFFD each, offsets kept
        text = _SURROGATE.sub("\ufffd", text)
        _warn(doc_id, "lone surrogates in the text replaced with U+FFFD")
    money = may_hold_money(text)  # the first pass: text it rules out costs no more work
    table = may_hold_table(text) and _TABLE_HINT.search(text) is not None
    if not money and not table:
        return []
    lang = detect_language(text)
    cells = find_table_cells(text, lang) if table else []
    skipped: list[tuple[int, int, str]] = []
    mentions = [m for m in find_money(text, lang, skipped=skipped) if not _overlaps(cells, m.start, m.end)] \
        if money else []
    for a, b, why in skipped:
        _warn(doc_id, f"figure {text[a:min(b, a + 40)]!r} at {a}-{b} skipped: {why}")
    if not mentions and not cells:
        return []
    focus = [(m.start, m.end) for m in mentions] + [(c.title_start, c.end) for c in cells]
    doc = read_context(text, doc_id, _published(published, doc_id), lang=lang, focus=focus)
    note_figures(doc, [(m.start, m.end) for m in mentions])
    source = (title, url, doc.published)
    out = [_cell_figure(doc, c, at, source) for c, at in zip(cells, attribute_cells(doc, cells), strict=False)
           if at is not None]
    for m in mentions:
        amount, high, currency = m.amount, m.amount_high, m.currency
        if doc.year is not None and doc.year < _MILLE_BEFORE and _MILLE.fullmatch(m.text):
            amount, high = amount / 1000, high / 1000 if high is not None else None
        if m.family:
            currency = doc.currency_for(m.family, currency)
        if currency is None:
            currency = doc.local_currency
            if currency is None:
                continue  # pesos of an unknown country: no figure rather than a wrong one
        at = attribute(doc, m.start, m.end, currency)
        value = float(amount)
        out.append(Figure(
            doc_id, m.start, m.end, m.text, value, float(high) if high is not None else None, currency,
            _usd(value, currency, at.year), m.qualifier, m.per, at.year, at.year_end, at.fiscal,
            at.recipient, at.recipient_iso3, at.donor, at.category, at.program, at.measure, at.is_aid,
            at.sentence, at.confidence, *source, at.alternatives,
        ))
    out.sort(key=lambda f: f.start)
    return _readable(doc_id, _fill_category(_respectively(doc, out)))


_RESPECTIVELY = re.compile(r"\brespectively\b|\brespectivamente\b", re.I)


def _respectively(doc: DocumentContext, figures: list[Figure]) -> list[Figure]:
    """``In 2010 and 2011, Peru received $40 million and $37 million, respectively``: the figures
    of such a sentence take the years, or the recipients, it lists, in order, when there are as
    many as figures."""
    if "espectiv" not in doc.text or not _RESPECTIVELY.search(doc.text):  # a substring test first: fast
        return figures
    by_sentence: dict[int, list[int]] = {}
    for k, f in enumerate(figures):
        by_sentence.setdefault(doc.layout.sentence_index(f.start), []).append(k)
    out = list(figures)
    for i, ks in by_sentence.items():
        a, b = doc.layout.sentences[i]
        if len(ks) < 2 or not _RESPECTIVELY.search(doc.text, a, b):
            continue
        years = [y for y in doc.sentence_years(i) if y.kind in ("year", "fiscal") and y.year_end is None]
        if len(years) == len(ks):
            for k, y in zip(ks, years, strict=False):
                f = out[k]
                out[k] = replace(f, year=y.year, year_end=None, fiscal=y.fiscal,
                                 amount_usd=_usd(f.amount, f.currency, y.year))
        places = [p for p in doc.recipient_places if a <= p.start < b and p.iso3 is not None]
        if len(places) == len(ks) and len({p.iso3 for p in places}) == len(ks):
            for k, p in zip(ks, places, strict=False):
                out[k] = replace(out[k], recipient=p.name, recipient_iso3=p.iso3)
    return out


def _fill_category(figures: list[Figure]) -> list[Figure]:
    """Give aid figures with no category cue the document's one category, when it has only one
    (``such funds`` in an article about military and police aid)."""
    kinds = {f.category for f in figures if f.is_aid and f.category}
    if len(kinds) != 1:
        return figures
    only = kinds.pop()
    return [replace(f, category=only) if f.is_aid and f.category is None else f for f in figures]


def extract(text: str, doc_id: str = "doc", published: dt.date | str | None = None,
            title: str | None = None, url: str | None = None) -> pd.DataFrame:
    """Extract the figures of one document as a tidy table (schema v1.3, one row per figure).

    ``published``, ``title`` and ``url`` are as in :func:`find_figures`.

    Examples
    --------
    >>> df = extract("Peru received 56.4 million dollars in military and police aid in 2006, "
    ...              "making it the second biggest recipient after Colombia, which received "
    ...              "nearly 582 million dollars.", doc_id="ips")
    >>> print(df[["text", "amount", "qualifier", "recipient", "year"]].to_string(index=False))
                    text      amount qualifier recipient  year
    56.4 million dollars  56400000.0     exact      Peru  2006
     582 million dollars 582000000.0    approx  Colombia  2006
    """
    return figures_frame(find_figures(text, doc_id, published, title, url))
