"""The country a document is written in or for, and so which dollar or peso its bare ``$`` is."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

from ..lang import read_vocab_all
from ..lookups import read_lookup
from .iso3166 import countries, subdivision_names
from .regex_cache import compile_cached
from .vocab import alt

__all__ = ["dateline_country", "country_currency", "currency_families", "home_currency", "region_country"]

#: A place at the start of one of the first lines, then a comma, a dash or a parenthesis:
#: ``OTTAWA, ONTARIO--(Marketwire``, ``Bogotá, 16 mar (SNE)``, ``LIMA, Dec 16 2010 (IPS) -``.
_DATELINE = re.compile(r"^[ \t]*([A-ZÁÉÍÓÚÑ][^\W\d_]+(?:[ .'-][A-ZÁÉÍÓÚÑa-z][^\W\d_]+){0,2})[ \t]*(?:,|--|—|–|\()",
                       re.M)
_HEAD = 800
#: Before a recipient or a venue, not the country a text speaks for.
_TO_BEFORE = re.compile(rf"\b(?:{alt('before_recipient')})\s+(?:the\s+)?$", re.I)
#: Explicit US-dollar markers: a text that writes them for some figures uses a bare ``$`` for its own:
#: ``$US``, ``US$``, ``USD``, ``U.S. dollars``, ``US dollars``, each (but the first) a word, its ``\b``
#: read after the ``U`` (``U(?<!\wU)``), so that the search skips to ``$`` and ``U`` (20x faster).
_EXPLICIT_USD = re.compile(r"\$\s?US\b|U(?<!\wU)(?:S\s?\$|SD\b|\.S\.\s?dollars\b|S dollars\b)")


@lru_cache(maxsize=None)
def _cities() -> dict[str, str]:
    out = {r["city"].lower(): r["iso3"] for r in read_lookup("cities")}
    out.update({r["city"].lower(): r["iso3"] for r in read_lookup("cities_extra")})
    aliases = (*read_lookup("place_aliases"), *read_vocab_all("place_aliases"))
    out.update({r["alias"].lower(): r["iso3"] for r in aliases if r["kind"] == "capital"})
    return out


@lru_cache(maxsize=None)
def _territories() -> dict[str, tuple[str, str]]:
    return {r["iso3"]: (r["currency"], r["sign"]) for r in read_lookup("territory_currencies")}


@lru_cache(maxsize=None)
def _languages() -> dict[str, frozenset[str]]:
    return {r["iso3"]: frozenset(r["langs"].split()) for r in read_lookup("territory_currencies")}


def country_currency(iso3: str | None) -> tuple[str, str] | None:
    """(ISO 4217 code, the sign its own press writes it with) of a country's money today.

    Examples
    --------
    >>> country_currency("COL"), country_currency("GTM")
    (('COP', '$'), ('GTQ', 'Q'))
    """
    return _territories().get(iso3 or "")


@lru_cache(maxsize=None)
def currency_families(iso: str) -> frozenset[str]:
    """The head nouns a currency's CLDR names have in every language (``NZD`` -> dollar, dólar).

    Examples
    --------
    >>> sorted(currency_families("COP"))
    ['peso']
    """
    return frozenset(r["family"] for r in read_vocab_all("currency_names") if r["iso"] == iso)


@lru_cache(maxsize=None)
def _regions(lang: str) -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """Provinces, states and departments (pycountry's ISO 3166-2) of the countries whose own
    press writes in ``lang`` and writes its money with ``$``."""
    owners: dict[str, set[str]] = {}
    names = subdivision_names()
    alpha_2 = {c["alpha_3"]: c["alpha_2"] for c in countries()}
    for iso3, (_, sign) in _territories().items():
        if sign != "$" or lang not in _languages().get(iso3, frozenset()):
            continue
        for name in names.get(alpha_2.get(iso3) or "", ()):
            if "," not in name and len(name) > 4:
                owners.setdefault(name, set()).add(iso3)
    alt = "|".join(re.escape(n) for n in sorted(owners, key=lambda n: (-len(n), n)))  # the same in every process
    return compile_cached(r"\b(?:" + alt + r")\b"), {n: frozenset(c) for n, c in owners.items()}


def region_country(text: str, lang: str, head: int = 3000) -> str | None:
    """The country at least three of whose provinces or departments the head of ``text`` names,
    twice as many as any other's (``Santander, Tolima, Huila y Nariño`` -> COL).

    Examples
    --------
    >>> region_country("Siembras en Santander, Tolima, Huila y Nariño.", "es")
    'COL'
    """
    pattern, owners = _regions(lang)
    seen: dict[str, set[str]] = {}
    for m in pattern.finditer(text, 0, min(len(text), head)):
        for iso3 in owners[m.group()]:
            seen.setdefault(iso3, set()).add(m.group())
    ranked = sorted(((len(names), iso3) for iso3, names in seen.items()), reverse=True)
    if ranked and ranked[0][0] >= 3 and (len(ranked) == 1 or ranked[0][0] >= 2 * ranked[1][0]):
        return ranked[0][1]
    return None


def dateline_country(text: str) -> str | None:
    """The country of the city a dateline at the top of ``text`` names, if there is one.

    Examples
    --------
    >>> dateline_country("Aid news\\nWELLINGTON, March 3 - The government said")
    'NZL'
    """
    cities = _cities()
    for m in _DATELINE.finditer(text, 0, min(len(text), _HEAD)):
        iso = cities.get(m.group(1).lower())
        if iso:
            return iso
    return None


def home_currency(text: str, lang: str, places, subject_iso3: str | None | Callable[[], str | None],
                  recipients: frozenset[str]) -> tuple[str, str] | None:
    """(currency, sign) of the country the document is written in or for, when it can tell.

    Only a country whose own press writes in ``lang`` counts. The dateline's city first; in
    Spanish, the country the text is about or the first that writes its money with ``$``; in
    English, the first country whose money is written with ``$`` named in the head of the text,
    not after ``to``/``for``/``in`` and not the country the text is about
    (``Australia pledges $40m to Fiji``, not ``Liberia: U.S. Assistance``), or one named more
    than once in a text that marks US dollars explicitly elsewhere.

    ``subject_iso3`` may be a function returning it, called only when the answer depends on it
    (finding the subject scans the whole text).
    """
    if callable(subject_iso3):
        subject_of = subject_iso3
    else:
        def subject_of(iso3: str | None = subject_iso3) -> str | None:
            return iso3
    home = dateline_country(text)
    if home is None and lang != "en":
        subject = subject_of()
        if subject:
            home = subject if (country_currency(subject) or ("", ""))[1] == "$" else None
        else:
            home = next((p.iso3 for p in places if p.iso3 and p.iso3 != "USA"
                         and (country_currency(p.iso3) or ("", ""))[1] == "$"), None) or region_country(text, lang)
    if home is None and lang == "en":
        dollar = [p for p in places if p.iso3 and (country_currency(p.iso3) or ("", ""))[1] == "$"]
        head = next((p for p in dollar if p.start < 300), None)
        if head is not None and head.iso3 != subject_of() \
                and not _TO_BEFORE.search(text, max(0, head.start - 12), head.start):
            home = head.iso3  # "Australia pledges $40m to Fiji", not "aid to Jamaica"
        elif _EXPLICIT_USD.search(text) and dollar:
            subject = subject_of()
            counts = Counter(p.iso3 for p in dollar if p.iso3 not in ("USA", subject) and p.iso3 not in recipients)
            if counts and counts.most_common(1)[0][1] >= 2:
                home = counts.most_common(1)[0][0]
    if home is None or lang not in _languages().get(home, frozenset()):
        return None  # an English wire story from Bogotá writes US dollars: only a country's own press its own $
    return country_currency(home)
