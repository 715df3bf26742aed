"""Matching recipients by name, alias or ISO3 code (any case), with close-match suggestions."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

import pandas as pd

from ..errors import UnknownCountryError


def _fold(text: str) -> str:
    """Case- and accent-insensitive form of a name: ``'México'`` -> ``'mexico'``."""
    decomposed = unicodedata.normalize("NFKD", text.strip())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().split())


def _known_places() -> dict[str, tuple[str, str | None]]:
    """Folded alias or ISO3 code -> (canonical name, ISO3 or None for regions), English and Spanish."""
    import pycountry

    from ..parse.places import country_name, place_table

    known: dict[str, tuple[str, str | None]] = {}
    for lang in ("es", "en"):
        for alias, (name, iso3, _code, _kind) in place_table(lang).items():
            known[_fold(alias)] = (name, iso3)
    for country in pycountry.countries:
        try:
            known.setdefault(_fold(country.alpha_3), (country_name(country.alpha_3), country.alpha_3))
        except KeyError:  # pragma: no cover - every pycountry code is in the gazetteer
            continue
    return known


def country_mask(table: pd.DataFrame, queries: Iterable[str]) -> pd.Series:
    """Rows whose recipient is one of ``queries`` (names, aliases or ISO3 codes, any case)."""
    names = table["recipient"].fillna("").map(_fold)
    codes = table["recipient_iso3"].fillna("").str.casefold()
    in_table = set(names) | set(codes)
    known: dict[str, tuple[str, str | None]] | None = None
    mask = pd.Series(False, index=table.index)
    for query in queries:
        folded = _fold(str(query))
        wanted_names, wanted_code = {folded}, folded if len(folded) == 3 else ""
        if folded not in in_table or not folded:
            known = _known_places() if known is None else known
            if folded not in known:
                raise UnknownCountryError(_unknown_message(str(query), table, known))
            name, iso3 = known[folded]
            wanted_names.add(_fold(name))
            wanted_code = (iso3 or "").casefold()
        mask |= names.isin(wanted_names) | (codes.eq(wanted_code) & codes.ne(""))
    return mask


def _unknown_message(query: str, table: pd.DataFrame, known: dict[str, tuple[str, str | None]]) -> str:
    """``unknown country 'Peur'; did you mean Peru, Niue...?`` over canonical and table names."""
    canonical = {name for name, _ in known.values()} | set(table["recipient"].dropna())
    by_fold = {_fold(name): name for name in sorted(canonical)}
    close = difflib.get_close_matches(_fold(query), list(by_fold), n=5, cutoff=0.6)
    if close:
        return f"unknown country {query!r}; closest known names: {', '.join(by_fold[c] for c in close)}"
    here = sorted(set(table["recipient"].dropna()))
    listed = ", ".join(here[:10]) + (", ..." if len(here) > 10 else "") if here else "none"
    return f"unknown country {query!r}; no close match (recipients in this table: {listed})"
