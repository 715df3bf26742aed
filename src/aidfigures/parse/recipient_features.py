"""What describes a recipient candidate: the cues around each place, its scope and distance, its document-level
counts."""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..lang import read_vocab
from ..lookups import read_lookup
from .context import DocumentContext
from .place_groups import _MONEY_BETWEEN
from .places import Place
from .regex_cache import compile_cached

__all__ = ["Features", "Recipient"]

Features = dict[str, float]


@dataclass(frozen=True)
class Recipient:
    """A recipient candidate: ``key`` is its codes joined with ``|`` in text order, as the gold
    writes them (``NIC|CRI``, ``ANDEAN``); ``iso3`` only for a single country."""

    key: str
    name: str
    iso3: str | None


@lru_cache(maxsize=None)
def _cues(lang: str) -> dict[str, re.Pattern[str]]:
    """One pattern per cue of ``lang/<lang>/attribution.csv``, anchored where it is used."""
    rows = read_vocab("attribution", lang)
    words: dict[str, list[str]] = {}
    for r in rows:
        words.setdefault(r["cue"], []).append(r["phrase"])

    def alt(cue: str) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words[cue], key=len, reverse=True))

    art = rf"(?:(?:{alt('article')})\s+)?"
    before = "|".join(rf"(?P<pre_{cue}>{alt(cue)})" for cue in ("contrast", "from", "give", "to", "in", "of"))
    return {
        "before": compile_cached(rf"(?<![\w])(?:{before})\s+{art}$", re.I),
        "verb": re.compile(rf"\s*+(?:'s|’s)?\s*+(?:[\w-]{{1,40}}+\s+){{0,3}}?"
                           rf"(?:(?P<receives>{alt('receive')})|(?P<gives>{alt('give')}))\b",
                           re.I),
        "relative": re.compile(rf"[\s,(]*(?:{alt('relative')})\b", re.I),
        "neighbors": re.compile(rf"\s*(?:and|y|,)\s+{art}(?:[\w-]+\s+)?(?:{alt('neighbors')})\b", re.I),
        "regional": re.compile(rf"(?<![\w])(?:{alt('regional')})(?![\w])", re.I),
        "for_after": re.compile(rf"[\s,]*(?:[\w-]+\s+){{0,4}}?(?:{alt('to')})\s+{art}$", re.I),
        "displaced_after": re.compile(rf"\s+(?:{alt('displaced')})\b", re.I),
        "displaced_before": re.compile(rf"(?<![\w])(?:{alt('displaced')})\s+$", re.I),
    }


@lru_cache(maxsize=1)
def _dac() -> frozenset[str]:
    return frozenset(r["iso3"] for r in read_lookup("dac_members"))


def _doc_counts(doc: DocumentContext) -> Counter[str]:
    """How often each place code is named in the parts of the document that were read (once)."""
    counts = doc.__dict__.get("_code_counts")
    if counts is None:
        counts = doc.__dict__.setdefault("_code_counts", Counter(p.code for p in doc.places))
    return counts


def _top(doc: DocumentContext) -> str | None:
    """The code of the place (not the United States) the document names most."""
    if "_top_code" not in doc.__dict__:
        counts = [kv for kv in _doc_counts(doc).most_common(2) if kv[0] != "USA"]
        doc.__dict__["_top_code"] = counts[0][0] if counts else None
    return doc.__dict__["_top_code"]


def _key_features(doc: DocumentContext, cand: Recipient) -> Features:
    """Features of a candidate that depend on its codes and the document only (read once per code)."""
    cache = doc.__dict__.setdefault("_key_features", {})
    f = cache.get(cand.key)
    if f is None:
        counts = _doc_counts(doc)
        codes = cand.key.split("|")
        named = sum(counts[k] for k in codes)
        f = {"log_count": math.log1p(named / len(codes))}
        if cand.key == _top(doc) and named >= 2:  # the place the document keeps naming
            f["doc_top"] = 1.0
        if any(k in _dac() for k in codes):
            f["donor_country"] = 1.0
        if cand.iso3 is None and len(codes) == 1:
            f["region"] = 1.0
        cache[cand.key] = f
    return f


def _places_in(doc: DocumentContext, a: int, b: int) -> list[Place]:
    """The document's places within [a, b), by bisection on their start offsets (kept once per span:
    a sentence's are read for each of its figures; do not change the list returned)."""
    spans = doc.__dict__.get("_places_within")
    if spans is None:
        spans = doc.__dict__.setdefault("_places_within", {})
    found = spans.get((a, b))
    if found is None:
        starts = doc.__dict__.get("_place_starts")
        if starts is None:
            starts = doc.__dict__.setdefault("_place_starts", [p.start for p in doc.places])
        lo = bisect_left(starts, a)
        hi = bisect_left(starts, b, lo)
        found = spans[a, b] = [p for p in doc.places[lo:hi] if p.end <= b]
    return found


#: a character that a site's menu line has none of (a title or a sentence often has one)
_NOT_MENU = re.compile(r"[\d.,:;!?$€£()\"“”]")


def _menu(line: str) -> bool:
    """A web page's menu line: eight words or more, each capitalised, no digit nor punctuation
    (``Home News Library Links About ...``): not the document's title."""
    words = line.split()
    return len(words) >= 8 and not _NOT_MENU.search(line) and all(w[0].isupper() or not w[0].isalnum()
                                                                   for w in words)


def _head(doc: DocumentContext) -> tuple[int, int]:
    """The document's head: its first line (at least 40 characters, at most 200), after any leading
    menu lines of a web page (read once)."""
    if "_head" not in doc.__dict__:
        text, a = doc.text, 0
        while a < 2000:
            nl = text.find("\n", a)
            if nl < 0 or not _menu(text[a:nl]):
                break
            a = nl + 1
            while text.startswith("\n", a):  # and the blank lines after it
                a += 1
        b = text.find("\n", a + 40)
        doc.__dict__["_head"] = (a, a + 200 if b < 0 or b > a + 200 else b)
    return doc.__dict__["_head"]


def _own(doc: DocumentContext, p: Place) -> Features:
    """The features of a place that do not depend on the figure (its cues), read once per place."""
    cache = doc.__dict__.setdefault("_place_cues", {})
    f = cache.get((p.start, p.end))
    if f is not None:
        return f
    text, cue = doc.text, _cues(doc.lang)
    left = text[max(0, p.start - 30):p.start]
    f = {}
    hit = cue["before"].search(left)  # "to Haiti", "unlike Chile", "pre_give": "gave Colombia $5 million"
    if hit:
        f[hit.lastgroup] = 1.0
    verb = cue["verb"].match(text, p.end, p.end + 40)
    if verb:
        f[verb.lastgroup] = 1.0  # "receives": "Peru received", "gives": "Norway will give"
    if cue["neighbors"].match(text, p.end, p.end + 50):
        f["neighbors"] = 1.0  # "Colombia and its neighbors"
    if text.startswith(("'s", "’s"), p.end):
        f["possessive"] = 1.0
    if p.start in doc.donor_places:
        f["giver"] = 1.0
    if p.start in doc.venues:
        f["venue"] = 1.0
    if p.kind == "demonym":
        f["demonym"] = 1.0
        if cue["displaced_after"].match(text, p.end, p.end + 30) or cue["displaced_before"].search(left):
            f["displaced"] = 1.0  # "aid to Colombia for Venezuelan migrants": the people, not the country paid
    cache[p.start, p.end] = f
    return f


def _occurrence(doc: DocumentContext, p: Place, start: int, end: int, c: tuple[int, int], scope: str) -> Features:
    """Features of one place named near the figure at ``[start, end)`` (clause ``c``)."""
    text = doc.text
    after = p.start >= end
    gap = max(0, p.start - end if after else start - p.end)
    f: Features = {scope: 1.0, **_own(doc, p)}  # sparse: features that are 0 are left out
    if after:
        f["after"] = 1.0
    if gap < 80:
        f["near80"] = 1.0
        if gap < 30:
            f["near30"] = 1.0
    if scope in ("clause", "sentence"):
        cue = _cues(doc.lang)
        between = text[end:p.start] if after else text[p.end:start]
        if _MONEY_BETWEEN.search(between) is not None:
            f["money_between"] = 1.0
        if after and cue["for_after"].fullmatch(between):
            f["figure_for"] = 1.0  # "$30 million for Haiti"
        if p.end <= c[0] and not text[p.end:c[0]].strip(" ,") and cue["relative"].match(text, c[0], c[1]):
            f["relative"] = 1.0  # "Nepal, which receives $130 million"
    return f


def _role(f: Features) -> int:
    """0 for "$5 million for X", 1 for a receiver's cue ("to X", "X received"), else 2."""
    if "figure_for" in f:
        return 0
    return 1 if "pre_to" in f or "pre_in" in f or "pre_of" in f or "receives" in f else 2


def _mark_best(occurrences: list[tuple[Place, Features]], start: int, end: int, name: str = "") -> None:
    """Mark the place a reader would take first in each scope: no other figure in between, a
    receiver's cue, then the nearest; givers (also "Spain will give"), venues and contrasted places
    are passed over."""
    best = best_clause = None
    top = top_clause = None
    for p, f in occurrences:
        if "giver" in f or "venue" in f or "pre_contrast" in f or "gives" in f:
            continue
        rank = ("money_between" in f, _role(f), p.start - end if p.start >= end else start - p.end)
        if top is None or rank < top:
            top, best = rank, f
        if not name and "clause" in f and (top_clause is None or rank < top_clause):
            top_clause, best_clause = rank, f
    if best is not None:
        best[name or "best_sentence"] = 1.0
    if best_clause is not None:
        best_clause["best_clause"] = 1.0


#: features that say a candidate was found near the figure (not only in the document as a whole)
_LOCAL = ("clause", "sentence", "prev1", "prev2", "paren", "program", "program_clause", "program_prev1",
          "program_prev2")


def _doc_share(doc: DocumentContext, key: str) -> float:
    """The share of the document's place mentions (the United States left out) that name the codes
    of ``key``: near 1 in a text about one country, low in one about a region or several countries
    (once per key)."""
    cache = doc.__dict__.setdefault("_doc_shares", {})
    share = cache.get(key)
    if share is None:
        counts = _doc_counts(doc)
        total = sum(n for k, n in counts.items() if k != "USA")
        share = cache[key] = sum(counts[k] for k in key.split("|")) / total if total else 0.0
    return share


def _spread(doc: DocumentContext) -> float:
    """1 - the share of the place the document names most: 0 in a text about one country."""
    if "_spread" not in doc.__dict__:
        doc.__dict__["_spread"] = 1.0 - _doc_share(doc, _top(doc) or "")
    return doc.__dict__["_spread"]


@lru_cache(maxsize=1)
def _currency_owners() -> dict[str, tuple[str, ...]]:
    """Each currency with the countries that use it (``territory_currencies``: CLDR's)."""
    out: dict[str, list[str]] = {}
    for r in read_lookup("territory_currencies"):
        out.setdefault(r["currency"], []).append(r["iso3"])
    return {cur: tuple(codes) for cur, codes in out.items()}


def currency_country(currency: str | None) -> str | None:
    """The one country whose own money ``currency`` is, unless it is a donor's (DAC) or the US dollar
    (used by several countries and the world's aid): ``COP`` -> ``COL``, ``GTQ`` -> ``GTM``;
    ``NZD``, ``EUR``, ``USD`` -> ``None``."""
    owners = _currency_owners().get(currency or "", ())
    if currency == "USD" or len(owners) != 1 or owners[0] in _dac():
        return None
    return owners[0]


def currency_features(cand: Recipient, currency: str | None) -> Features:
    """``own_currency`` when the figure is in the candidate country's own money (not US dollars):
    its own spending or money it receives in its currency ("Guatemala spent Q50 million");
    ``own_currency_donor`` when that country gives aid (DAC): the money is the giver's ("Norway
    gave NOK 30 million to ..."), so it is rarely the recipient. (Do not change the dict returned.)"""
    return _currency_features(cand.iso3, currency)


@lru_cache(maxsize=4096)
def _currency_features(iso3: str | None, currency: str | None) -> Features:
    if iso3 is None or currency in (None, "USD") or _own_money(iso3) != currency:
        return {}
    return {"own_currency_donor" if iso3 in _dac() else "own_currency": 1.0}


def _own_money(iso3: str) -> str | None:
    """The ISO 4217 code of a country's money (``territory_currencies``)."""
    from .home import country_currency

    money = country_currency(iso3)
    return money[0] if money else None
