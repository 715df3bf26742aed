"""Rank and change claims in prose ("second biggest recipient ... after Colombia", "a substantial reduction")."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Final

import pandas as pd

from ..errors import DocumentError
from ..extract import extract
from ..lang import LANGUAGES, read_vocab
from ..parse.places import Place, find_places
from ..parse.text import Layout, detect_language, find_layout
from ..parse.vocab import alt
from ..parse.years import find_years
from ..schema.claims import CLAIM_COLUMNS
from .claim_checks import Claim, Link, check_change, check_rank, scope_name
from .countries import country_mask

__all__ = ["claims", "find_claims", "select_claims"]

_AFTER_WINDOW: Final = 90      # characters between a rank and "after Colombia"
_AMOUNT_GAP: Final = re.compile(rf"(?<!\s)\s+(?:{alt('amount_of')})\s+(?:(?:{alt('hedge')})\s+)?$", re.I)
_LIST_GAP: Final = re.compile(rf"^[\s,]*(?:(?:{alt('and', 'and_vowel', 'list_also')}|&)\s+)?$", re.I)
_PARENS: Final = re.compile(r"\([^()]*\)")


@cache
def _words(lang: str) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for row in read_vocab("claim_words", lang) if lang in LANGUAGES else ():
        out.setdefault(row["kind"], {})[row["phrase"].casefold()] = row["value"]
    return out


def _alt(phrases: Iterable[str]) -> str:
    ordered = sorted(phrases, key=len, reverse=True)  # longest first
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered) + ")"


@cache
def _patterns(lang: str) -> tuple[re.Pattern[str], ...]:
    w = _words(lang)
    ords, sups, nouns, mods = (_alt(w.get(k, {})) for k in ("ordinal", "superlative", "noun", "modifier"))
    recipients = _alt(p for p, v in w["noun"].items() if v == "recipient")
    det = rf"(?:{alt('article')})\s+"
    rank = re.compile(
        rf"(?<!\w)(?:(?:{det})?(?P<ord>{ords})(?:[\s-]+(?P<sup>{sups}))?(?:\s+{mods})?\s+(?P<noun>{nouns})"
        rf"|(?P<verb>{_alt(w.get('verb', {}))})\s+(?P<ord2>{ords})"
        rf"|{det}(?P<sup1>{sups})(?:\s+{mods})?\s+(?P<noun1>{recipients}))(?!\w)", re.I)
    degrees = _alt(w["degree"])
    trailing = rf"(?:\s+(?P<deg2>{degrees}))?" if lang == "es" else ""
    change = re.compile(rf"(?<!\w)(?:(?:an?|una?)\s+)?(?:(?P<deg>{degrees})\s+)?(?P<dir>{_alt(w['direction'])})"
                        rf"{trailing}(?!\w)", re.I)
    after = re.compile(rf"(?<!\w){_alt(w['after'])}(?!\w)", re.I)
    scope = re.compile(rf"(?<!\w){_alt(w['scope'])}(?!\w)", re.I)
    return rank, change, after, scope


def _value(lang: str, kind: str, text: str | None) -> str | None:
    return None if text is None else _words(lang)[kind].get(" ".join(text.split()).casefold())


def find_claims(text: str, lang: str | None = None, layout: Layout | None = None) -> list[Claim]:
    """Find rank and change claims in a text, in order (nothing is checked here).

    Examples
    --------
    >>> t = ("Peru got $56.4 million in 2006, the second biggest recipient in Latin America after Colombia. "
    ...      "In 2011 it got $44.7 million, a substantial reduction.")
    >>> [(c.kind, t[c.start:c.end], c.rank, [p.name for p in c.after], c.scope, c.direction, c.degree)
    ...  for c in find_claims(t)]  # doctest: +NORMALIZE_WHITESPACE
    [('rank', 'the second biggest recipient in Latin America after Colombia', 2, ['Colombia'], 'LATAM', None, None),
     ('change', 'a substantial reduction', None, [], None, 'down', 'large')]
    >>> [(c.rank, c.needs_figure) for c in find_claims("Perú ocupa el tercer lugar, tras Colombia y México.")]
    [(3, True)]
    """
    lang = lang or detect_language(text)
    layout = layout or find_layout(text)
    rank_rx, change_rx, after_rx, scope_rx = _patterns(lang)
    out: list[Claim] = []
    for m in rank_rx.finditer(text):
        s_end = layout.sentences[layout.sentence_index(m.start())][1]
        n = _value(lang, "ordinal", m["ord"] or m["ord2"])
        noun = _value(lang, "noun", m["noun"] or m["noun1"])
        after_m = after_rx.search(text, m.end(), min(s_end, m.end() + _AFTER_WINDOW))
        above = _above(text, lang, after_m.end(), s_end) if after_m else ()
        end = above[-1].end if above else m.end()
        out.append(Claim("rank", m.start(), end, int(n) if n else 1, above,
                         _scope(text, lang, scope_rx, m.end(),
                                after_m.start() if after_m else min(s_end, m.end() + 60)),
                         needs_figure=noun != "recipient"))
    for m in change_rx.finditer(text):
        degree = _value(lang, "degree", m["deg"] or m.groupdict().get("deg2"))
        out.append(Claim("change", m.start(), m.end(), direction=_value(lang, "direction", m["dir"]), degree=degree,
                         needs_figure=True))
    return sorted(out, key=lambda c: c.start)


def _above(text: str, lang: str, pos: int, end: int) -> tuple[Place, ...]:
    """The countries listed after ``after``: ``Colombia (351 million dollars) and Mexico``."""
    found: list[Place] = []
    for place in find_places(text, lang, pos, end):
        gap = _PARENS.sub("", text[pos:place.start])
        if place.iso3 is None or not _LIST_GAP.match(gap):
            break
        found.append(place)
        pos = place.end
    return tuple(found)


def _scope(text: str, lang: str, scope_rx: re.Pattern[str], pos: int, end: int) -> str | None:
    regions = [p.code for p in find_places(text, lang, pos, end) if p.iso3 is None]
    if regions:
        return regions[0]
    m = scope_rx.search(text, pos, end)
    return _value(lang, "scope", m.group()) if m else None


def claims(text: str, figures: pd.DataFrame | None = None, doc_id: str = "doc", *,
           published: dt.date | str | None = None, tolerance: float = 0.05,
           large_change: float = 0.10) -> pd.DataFrame:
    """Find the rank and change claims of one document and check them against figures.

    Each claim is linked to the figure it speaks about: for a change ("a substantial reduction")
    the figure in its sentence; for a rank ("the second biggest recipient in Latin America after
    Colombia", "now in third place ... after Colombia and Mexico") the nearest aid figure before it
    in the sentence, else a country named before it, else the last figure of the one or two
    sentences before ("This South American country ..."). That figure gives the subject, the year
    and the kind of aid. A rank is checked against the same year's figures for the same kind of
    aid (and donor, program) for countries in the claim's scope; a change against the subject's
    latest earlier figure (or the earlier year the sentence names). Claims that need a figure
    nearby ("third place", "a reduction") and have none are left out.

    Parameters
    ----------
    text : str
        The document's text (as :func:`aidfigures.read_document` gives it).
    figures : DataFrame, optional
        Figures to check against: this document's (rows with this ``doc_id``, whose offsets refer
        to ``text``) and, optionally, the rest of the corpus. When None, or when it has no row for
        ``doc_id``, the document's own figures are extracted first.
    doc_id : str
        The document's id in ``figures``.
    published : date or ISO string, optional
        Publication date for the extraction (only used when figures are extracted here).
    tolerance : float, default 0.05
        Values within this share of each other are a tie, not a rank order.
    large_change : float, default 0.10
        A "substantial"/"sharp" change must be at least this share; a "slight" one at most.

    Returns
    -------
    DataFrame
        One row per claim: ``doc_id, start, end, claim`` (its text), ``kind`` (rank/change),
        ``subject``, ``subject_iso3``, ``year``, ``rank``, ``direction`` (up/down),
        ``compared_with`` (countries said to rank above, ``;``-separated, or the earlier year a
        change is measured from), ``scope``, ``verdict`` (``consistent``, ``inconsistent`` or
        ``cannot check``), ``evidence`` (the numbers behind the verdict), ``checked_against``
        (``document``, or ``corpus`` when other documents' figures were used), ``figures`` (the
        ``doc_id:start`` keys used) and ``sentence``.

    Examples
    --------
    >>> text = ("Peru received 56.4 million dollars in military and police aid in 2006, making it the "
    ...         "second biggest recipient in Latin America after Colombia, which received nearly 582 "
    ...         "million dollars. For the 2011 budget, Washington has set the aid for Peru at 44.7 "
    ...         "million dollars, a substantial reduction.")
    >>> out = claims(text, doc_id="seed")
    >>> print(out[["kind", "subject", "year", "rank", "direction", "compared_with", "verdict"]])
         kind subject  year  rank direction compared_with     verdict
    0    rank    Peru  2006     2      <NA>      Colombia  consistent
    1  change    Peru  2011  <NA>      down          2006  consistent
    >>> print(out.loc[1, "evidence"])
    Peru 2011 $44.7M (requested) vs 2006 $56.4M (disbursed): -20.7%, a large change (at least 10%)
    """
    lang = detect_language(text)
    layout = find_layout(text)
    if figures is None or not (figures["doc_id"] == doc_id).any():
        own = extract(text, doc_id=doc_id, published=published)
        figures = own if figures is None else pd.concat([figures, own], ignore_index=True)
    mine = figures.loc[(figures["doc_id"] == doc_id) & figures["is_aid"].fillna(False).astype(bool)]
    mine = mine.sort_values("start")
    rows = []
    for claim in find_claims(text, lang, layout):
        link = _link(text, lang, layout, claim, mine)
        if link is None:
            continue
        if claim.kind == "rank":
            verdict, evidence, used = check_rank(claim, link, figures, tolerance)
            compared = ";".join(p.name for p in claim.after) or None
        else:
            verdict, evidence, used, compared = check_change(claim, link, figures, text, large_change)
        s0, s1 = layout.sentences[layout.sentence_index(claim.start)]
        rows.append({
            "doc_id": doc_id, "start": claim.start, "end": claim.end, "claim": text[claim.start:claim.end],
            "kind": claim.kind, "subject": link.subject, "subject_iso3": link.iso3, "year": link.year,
            "rank": claim.rank, "direction": claim.direction, "compared_with": compared,
            "scope": scope_name(claim.scope, link.iso3),
            "verdict": verdict, "evidence": evidence,
            "checked_against": "corpus" if any(not k.startswith(f"{doc_id}:") for k in used) else "document",
            "figures": ";".join(used) or None, "sentence": text[s0:s1].strip(),
        })
    out = pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))
    return out.astype(CLAIM_COLUMNS) if len(out) else pd.DataFrame(
        {c: pd.Series([], dtype=t) for c, t in CLAIM_COLUMNS.items()})


def _link(text: str, lang: str, layout: Layout, claim: Claim, mine: pd.DataFrame) -> Link | None:
    """The figure (or place) a claim speaks about; None when a claim that needs a figure has none."""
    i = layout.sentence_index(claim.start)
    s0, s1 = layout.sentences[i]
    above = {p.iso3 for p in claim.after}
    in_sentence = mine.loc[(mine["start"] >= s0) & (mine["start"] < s1)]
    candidates = in_sentence.loc[~in_sentence["recipient_iso3"].isin(above)]
    before = candidates.loc[candidates["end"] <= claim.start]
    if claim.kind == "change":
        after = candidates.loc[candidates["start"] >= claim.end]
        gap = text[claim.end:int(after["start"].iloc[0])] + " " if len(after) else ""
        amount = after.iloc[:1] if len(after) and _AMOUNT_GAP.search(gap) else after.iloc[:0]
        if len(before):
            return Link.of(before.iloc[-1], size_of_change=len(amount) > 0)
        if len(after) and not len(amount):
            return Link.of(after.iloc[0])
        return Link.of(amount.iloc[0], size_of_change=True) if len(amount) else None
    p0 = layout.paragraphs[layout.paragraph_index(claim.start)][0]
    earlier = mine.loc[(mine["start"] >= max(p0, layout.sentences[max(0, i - 2)][0])) & (mine["start"] < s0)]
    if claim.needs_figure and not len(in_sentence) and not len(earlier):
        return None
    if len(before):
        return Link.of(before.iloc[-1])
    places = [p for p in find_places(text, lang, s0, claim.start)
              if p.iso3 and p.iso3 not in above and p.kind in ("name", "abbrev")]  # not "South American"
    if places:
        years = [y.year for y in find_years(text[s0:s1]) if y.year_end is None]
        return Link(places[-1].name, places[-1].iso3, years[0] if years else None)
    earlier = earlier.loc[~earlier["recipient_iso3"].isin(above) & earlier["recipient_iso3"].notna()]
    if len(earlier):
        return Link.of(earlier.iloc[-1])
    return Link(None, None, None)


def select_claims(table: pd.DataFrame | str | os.PathLike[str], countries: Iterable[str] | None = None) -> pd.DataFrame:
    """The claims about some countries, from a claims table or the file ``aidfigures claims`` wrote.

    ``countries`` are names, aliases or ISO3 codes, matched like
    :func:`aidfigures.tables.select_figures` does; None keeps every claim. A missing file raises
    :class:`~aidfigures.errors.DocumentError` naming it.

    Examples
    --------
    >>> found = claims("Peru received 56.4 million dollars in 2006, the second biggest recipient "
    ...                "in Latin America after Colombia, which received 582 million dollars.")
    >>> select_claims(found, ["PER"])[["subject", "rank", "verdict"]].to_string(index=False)
    'subject  rank    verdict\\n   Peru     2 consistent'
    """
    if not isinstance(table, pd.DataFrame):
        path = Path(table)
        if not path.is_file():
            raise DocumentError(f"{path}: no claims table there (write one with `aidfigures claims`)")
        reader = pd.read_parquet if path.suffix.lower() == ".parquet" else pd.read_csv
        table = reader(path)
        table = table.astype({c: t for c, t in CLAIM_COLUMNS.items() if c in table.columns})
    if countries is None or table.empty:
        return table.reset_index(drop=True)
    view = table.rename(columns={"subject": "recipient", "subject_iso3": "recipient_iso3"})
    return table[country_mask(view, list(countries))].reset_index(drop=True)
