"""Places in prose: countries (pycountry plus an alias file) and regions, as recipients or donors."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..lang import LANGUAGES, read_vocab, read_vocab_all
from ..lookups import read_lookup
from .iso3166 import countries
from .regex_cache import compile_cached
from .trie import trie_pattern

__all__ = ["Place", "country_name", "find_places", "gazetteer", "place_table"]


@dataclass(frozen=True)
class Place:
    """A country or region named in a text.

    ``iso3`` is the ISO 3166 alpha-3 code for countries and ``None`` for regions;
    ``code`` is ``iso3`` or the region's label (``LATAM``, ``ANDEAN``...). ``kind`` is
    ``name``, ``demonym``, ``abbrev``, ``capital`` or ``region``.
    """

    text: str
    start: int
    end: int
    name: str
    iso3: str | None
    code: str
    kind: str


_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_PREV_CAP = re.compile(r"([A-Z][^\W\d_]*(?:['’-][^\W\d_]+)*)\s+$")
_SENTENCE_START = re.compile(r"[.!?:;\"“(\n]\s*[A-Z][\w'’-]*\s+$")
_NEXT_CAP = re.compile(r"[ \t]([A-Z][a-z]\w*)")


@lru_cache(maxsize=None)
def gazetteer(lang: str) -> tuple[dict[str, tuple[str, str | None, str, str]], re.Pattern[str]]:
    """The place names of ``lang`` (:func:`place_table`) and the one pattern that finds them, longest
    first (:func:`find_places` scans with the two of ``_scanners``, which match as it does).

    Examples
    --------
    >>> gazetteer("es")[0]["Perú"]
    ('Peru', 'PER', 'PER', 'name')
    """
    table = place_table(lang)
    return table, re.compile(r"(?:" + trie_pattern(table) + r")(?![\w]|\.\w)")


@lru_cache(maxsize=None)
def place_table(lang: str) -> dict[str, tuple[str, str | None, str, str]]:
    """The place names of ``lang``: ``{name as written: (canonical name, iso3 or None, code, kind)}``
    (pycountry's names, ``lookups/place_aliases.csv`` and ``lang/<lang>/place_aliases.csv`` and ``regions.csv``).

    Examples
    --------
    >>> place_table("es")["Perú"]
    ('Peru', 'PER', 'PER', 'name')
    """
    canonical: dict[str, str] = {}
    table: dict[str, tuple[str, str | None, str, str]] = {}
    rows = read_lookup("place_aliases")  # names every language writes alike; the canonical ones
    for row in rows:
        if row["kind"] == "name" and row["iso3"] not in canonical:
            canonical[row["iso3"]] = row["alias"]
    for c in countries():
        iso3, plain = str(c["alpha_3"]), str(c["name"])
        name = canonical.setdefault(iso3, c["common_name"] or plain.split(",")[0])
        for alias in {plain, c["common_name"] or plain, c["official_name"] or plain}:
            if "," not in alias and "(" not in alias:
                table.setdefault(alias, (name, iso3, iso3, "name"))
    for row in (*rows, *_vocab("place_aliases", lang)):
        iso = row["iso3"]
        table[row["alias"]] = (canonical.get(iso, row["alias"]), iso, iso, row["kind"])
    regions = (*read_vocab("regions", "en"), *(_vocab("regions", lang) if lang != "en" else ()))  # English always
    for row in regions:
        for alias in {row["alias"], _title_case(row["alias"])}:
            table.setdefault(alias, (row["name"], None, row["code"], "region"))
    for alias, value in list(table.items()):
        if value[3] != "abbrev":
            table.setdefault(alias.upper(), value)
    return table


@lru_cache(maxsize=None)
def _scanners(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """:func:`gazetteer`'s pattern as two: the names that begin with a capital (nearly all: their few
    first letters let the scan skip the rest of the text fast) and those that begin with a small
    letter (``the Andes``, ``peruano``). At a given position only the names beginning with its letter
    can match, so the two together match where the one does, and as it does (:func:`_matches`)."""
    table = place_table(lang)
    tail = r")(?![\w]|\.\w)"
    upper = sorted(k for k in table if not k[:1].islower())
    lower = sorted(k for k in table if k[:1].islower())
    return compile_cached(r"(?:" + trie_pattern(upper) + tail), compile_cached(r"(?:" + trie_pattern(lower) + tail)


def _matches(text: str, lang: str, pos: int, endpos: int) -> Iterator[re.Match[str]]:
    """The matches of :func:`gazetteer`'s pattern in ``text[pos:endpos]``, as its ``finditer`` gives them
    (leftmost first, none overlapping), merged from the two scans of :func:`_scanners`."""
    upper, lower = _scanners(lang)
    ups = upper.finditer(text, pos, endpos)
    up = next(ups, None)
    low = lower.search(text, pos, endpos)
    while up is not None or low is not None:
        m = up if low is None or up is not None and up.start() < low.start() else low
        assert m is not None  # one of the two is
        yield m
        end = m.end()
        if m is up:
            up = next(ups, None)
        elif up is not None and up.start() < end:  # a small letter's name ran over the next capital's
            ups = upper.finditer(text, end, endpos)
            up = next(ups, None)
        if low is not None and low.start() < end:
            low = lower.search(text, end, endpos)


def _vocab(slot: str, lang: str) -> tuple[dict[str, str], ...]:
    """The rows of a language's slot; none for a language this package has no words of."""
    return read_vocab(slot, lang) if lang in LANGUAGES else ()


@lru_cache(maxsize=None)
def _place_words(kind: str) -> frozenset[str]:
    """Titles and connectors of every language (``lang/<lang>/place_words.csv``)."""
    return frozenset(r["word"] for r in read_vocab_all("place_words") if r["kind"] == kind)


def _title_case(name: str) -> str:
    """``Andean region`` -> ``Andean Region`` (headings capitalise every word but small ones)."""
    small = {"and", "the", "of", "y", "el", "la", "de", "del"}
    return " ".join(w if w in small else w[:1].upper() + w[1:] for w in name.split())


def _headline(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = line_end if line_end >= 0 else len(text)
    if line_end - line_start > 120:
        return False  # before slicing: a paragraph is one line, and names many places
    line = text[line_start:line_end]
    words = _WORD.findall(line)
    long_words = [w for w in words if len(w) > 3]
    return len(long_words) >= 2 and sum(w[0].isupper() for w in long_words) >= 0.85 * len(long_words)


def _part_of_name(text: str, m: re.Match[str], kind: str) -> bool:
    """True when a match is part of a person's or an organisation's name (``Michael Jordan``,
    ``Latin America Working Group``, ``New Mexico``), not the place itself."""
    surface = m.group()
    start, end = m.span()
    if surface.isupper() and len(surface) > 3 and text[max(0, start - 40):end + 40].isupper():
        return False
    before = text[max(0, start - 30):start]
    words = before.split() if before[-1:].isspace() else None  # split only when a word ends right before
    last = words[-1] if words else ""
    if last.rstrip(".") in _place_words("title"):
        return True
    nxt = _NEXT_CAP.match(text, end, end + 30)
    if not (last[:1].isupper() or nxt):
        return False  # the common case: no capitalised word on either side
    if _headline(text, start):
        return False
    prev = _PREV_CAP.search(before)
    if prev and prev.group(1) not in _place_words("connector") and not _SENTENCE_START.search(before) \
            and kind != "demonym" and before[-1:] == " ":
        return True
    if nxt and kind in ("name", "region") and nxt.group(1) not in _place_words("connector"):
        follower = nxt.group(1)
        if follower not in place_table("en") and follower not in ("Airport",):
            return True
    return False


_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")
_PREV_WORD = re.compile(r"([^\W\d_]+)\s+$")


def _one_country_beside(text: str, start: int, end: int) -> bool:
    """A region's adjective beside a word for one country (``this Central American country``, ``un
    país centroamericano``): a member, not the region (``lang/<lang>/place_words.csv``, kind ``one_country``)."""
    one = _place_words("one_country")
    nxt = _NEXT_WORD.match(text, end, end + 20)
    prev = _PREV_WORD.search(text, max(0, start - 20), start)
    return (nxt is not None and nxt.group(1).lower() in one) or (prev is not None and prev.group(1).lower() in one)


def find_places(text: str, lang: str = "en", pos: int = 0, endpos: int | None = None,
                known: dict[int, Place] | None = None) -> list[Place]:
    """Find the countries and regions a text names, in order.

    Uses pycountry's names plus ``lookups/place_aliases.csv`` and ``lang/<lang>/place_aliases.csv``
    (short names, Spanish spellings, demonyms such as ``Peruvian``) and ``lang/<lang>/regions.csv``. Names that are
    part of a person's or an organisation's name are skipped. ``pos``/``endpos`` limit the
    search to a slice of ``text`` (positions stay those of ``text``). ``known`` maps start offsets
    to places found before in ``text`` (in slices of it): a match with the same start and end is
    that place, kept without being read again (whether a match is a place depends on the whole
    ``text`` only, never on the slice).

    Examples
    --------
    >>> [(p.text, p.name, p.iso3) for p in find_places("requests by Peru's army for aid to the Peruvian army")]
    [('Peru', 'Peru', 'PER'), ('Peruvian', 'Peru', 'PER')]
    >>> [(p.name, p.code) for p in find_places(
    ...     "aid to Latin America, according to a project of the Latin America Working Group")]
    [('Latin America', 'LATAM')]
    >>> [p.iso3 for p in find_places("The award went to Michael Jordan, who then visited Jordan and New Mexico.")]
    ['JOR']
    >>> [p.name for p in find_places("la ayuda a México y Centroamérica de EU", lang="es")]
    ['Mexico', 'Central America', 'United States']
    """
    table = place_table(lang)
    known = known or {}
    out = []
    for m in _matches(text, lang, pos, len(text) if endpos is None else endpos):
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in "_."):
            continue  # inside a word: the pattern has no look-behind, so that it scans fast
        seen = known.get(start)
        if seen is not None and seen.end == m.end():
            out.append(seen)
            continue
        surface = m.group()
        hit = table.get(surface) if surface.isalpha() else table.get(" ".join(surface.split()))
        if hit is None:
            continue
        name, iso3, code, kind = hit
        if _part_of_name(text, m, kind) or (kind == "region" and _one_country_beside(text, start, m.end())):
            continue
        out.append(Place(surface, start, m.end(), name, iso3, code, kind))
    return out


def country_name(iso3: str) -> str:
    """Return the canonical name aidfigures uses for a country code.

    Examples
    --------
    >>> country_name("BOL"), country_name("USA")
    ('Bolivia', 'United States')
    """
    table = place_table("en")
    for name, code, _code, _kind in table.values():
        if code == iso3:
            return name
    raise KeyError(iso3)
