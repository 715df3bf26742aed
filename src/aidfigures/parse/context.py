"""What a whole document says once: language, date, layout, places, years, donors, programs, subject."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from .cues import Cue, Program, find_cues, find_donors, find_programs
from .dates import find_document_date
from .home import country_currency, currency_families, home_currency
from .places import Place, find_places
from .text import Layout, detect_language, find_layout
from .vocab import LIST_GAP, alt
from .years import Year, counts_from_a_year, may_count_from_a_year, years_in

#: Words before a capital that make it the place where something happens, not its government.
_VENUE_BEFORE = re.compile(rf"\b(?:{alt('venue')})\s+(?:la\s+)?$", re.I)

__all__ = ["DocumentContext", "read_context"]

_DONOR_AFTER = re.compile(rf"^[\s,]*(?:(?:{alt('auxiliary')})\s+)*(?:{alt('give_verb')})\b", re.I)
_DONOR_BEFORE = re.compile(rf"\b(?:{alt('donor_before')})\s+(?:the\s+)?$", re.I)
_SKIP_NAMES = re.compile(rf"^(?:\s*,?\s*(?:{alt('and')})\s+(?:the\s+)?(?:[A-Z][\w.]*\s*)+)")
_LIST_GAP = LIST_GAP
#: between a country and a body it owns: a possessive ("Peru's Congress") or, after a demonym, a space
_OWNER_GAP = re.compile(r"(?:['’]s)?\s+")
#: how many sentences back a paragraph's first sentence may find the year its ``that same year`` counts from
_ANCHOR_BACK = 3


@dataclass(frozen=True)
class DocumentContext:
    """A document's text and what aidfigures reads from it once, before looking at its figures."""

    text: str
    doc_id: str
    lang: str
    published: dt.date | None
    layout: Layout
    places: tuple[Place, ...]
    donors: tuple[tuple[str, int, int], ...]
    programs: tuple[Program, ...]
    #: where ``published`` came from: ``"manifest"`` (given by the caller), ``"text"`` (a dateline) or ``""``
    dated_by: str = ""

    def sentence_years(self, index: int) -> list[Year]:
        """Years written in sentence ``index`` (positions in the whole text), found on first use."""
        cache = self.__dict__.setdefault("_years", {})
        found = cache.get(index)
        if found is not None:
            return found
        if not self._narrative():  # no sentence counts from the one before
            a, b = self.layout.sentences[index]
            found = cache[index] = years_in(self.text, a, b, self.year, None, False)
            return found
        # A sentence that counts from a year ("a year later") needs the years of the one before,
        # which may need those of the one before it: read that chain oldest first, in a loop
        # (a recursion would overflow on a long paragraph of such sentences).
        chain = [index]
        while self._counts_from_previous(chain[-1]) and chain[-1] - 1 not in cache:
            chain.append(chain[-1] - 1)
        for k in reversed(chain):
            a, b = self.layout.sentences[k]
            anchor = self._previous_year(k) if self._counts(k) else None
            cache[k] = years_in(self.text, a, b, self.year, anchor)
        return cache[index]

    def _narrative(self) -> bool:
        """A part of the text may count from a year (:func:`~.years.may_count_from_a_year`), read once."""
        found = self.__dict__.get("_may_count")
        if found is None:
            found = self.__dict__["_may_count"] = may_count_from_a_year(self.text)
        return found

    def _counts_from_previous(self, index: int) -> bool:
        """Sentence ``index`` counts from a year and has a sentence before it in its paragraph."""
        a = self.layout.sentences[index][0]
        if index == 0 or not self._counts(index):
            return False
        return self.layout.sentences[index - 1][0] >= self.layout.paragraphs[self.layout.paragraph_index(a)][0]

    def _counts(self, index: int) -> bool:
        """Sentence ``index`` counts from a year (:func:`~aidfigures.parse.years.counts_from_a_year`), read once."""
        cache = self.__dict__.setdefault("_counts_from", {})
        found = cache.get(index)
        if found is None:
            a, b = self.layout.sentences[index]
            found = cache[index] = counts_from_a_year(self.text[a:b])
        return found

    def _previous_year(self, index: int) -> Year | None:
        """The last year written in the sentence before ``index`` in the same paragraph; for the first
        sentence of a paragraph (``En el mismo año, ...``), in the last ``_ANCHOR_BACK`` sentences before it."""
        if index == 0:
            return None
        a = self.layout.sentences[index][0]
        paragraph = self.layout.paragraphs[self.layout.paragraph_index(a)]
        if self.layout.sentences[index - 1][0] >= paragraph[0]:
            years = [y for y in self.sentence_years(index - 1) if y.kind != "date"]
            return years[-1] if years else None
        cache = self.__dict__.setdefault("_years", {})
        for j in range(index - 1, max(-1, index - 1 - _ANCHOR_BACK), -1):
            a, b = self.layout.sentences[j]
            found = cache[j] if j in cache else years_in(self.text, a, b, self.year)  # no anchor: no chain back
            years = [y for y in found if y.kind != "date"]
            if years:
                return years[-1]
        return None

    def sentence_cues(self, index: int) -> list[Cue]:
        """Cue words in sentence ``index``, found on first use."""
        cache = self.__dict__.setdefault("_cues", {})
        if index not in cache:
            cache[index] = find_cues(self.text, self.lang, *self.layout.sentences[index])
        return cache[index]

    @property
    def year(self) -> int | None:
        """The year the document was written, when known."""
        return self.published.year if self.published else None

    @cached_property
    def donor_places(self) -> frozenset[int]:
        """Start offsets of places named as givers, not receivers (``Turkey promised``)."""
        return _donor_starts(self.text, self.places)

    @cached_property
    def venues(self) -> frozenset[int]:
        """Start offsets of capitals named as where something happens (``in Lima``, ``en Bogotá``),
        not as the government they can stand for (``Bogotá recibió``)."""
        return frozenset(p.start for p in self.places
                         if p.kind == "capital" and _VENUE_BEFORE.search(self.text, max(0, p.start - 16), p.start))

    @cached_property
    def recipient_places(self) -> list[Place]:
        """The places that can be recipients (not named as givers nor venues), in text order."""
        return [p for p in self.places if p.start not in self.donor_places and p.start not in self.venues]

    @cached_property
    def subject(self) -> Place | None:
        """The country or region the document is mainly about, when one clearly leads.

        Counted over the whole text (found on first use: many documents never need it).
        """
        places = self.__dict__.get("_all_places")  # the places read when they cover the whole text
        if places is None:  # the places of the regions read around the figures are kept, not read again
            places = tuple(find_places(self.text, self.lang, known={p.start: p for p in self.places}))
        donors = self.donor_places if places is self.places else _donor_starts(self.text, places)
        score: dict[str, float] = {}
        first: dict[str, Place] = {}
        head = self.text.find("\n", 40)
        head = 200 if head < 0 or head > 200 else head
        for p in places:
            if p.start in donors or p.iso3 == "USA":
                continue
            weight = (0.5 if p.kind == "demonym" else 1.0) * (3 if p.start < head else 1)
            score[p.code] = score.get(p.code, 0) + weight
            first.setdefault(p.code, p)
        ranked = sorted(score.items(), key=lambda kv: kv[1], reverse=True)[:2]  # Counter.most_common(2)
        if not ranked or ranked[0][1] < 1.5 or (len(ranked) > 1 and ranked[0][1] < 1.5 * ranked[1][1]):
            return None
        return first[ranked[0][0]]

    @cached_property
    def main_donor(self) -> str | None:
        """The donor the document names most, when it names one."""
        counts = Counter(name for name, _, _ in self.donors)
        return counts.most_common(1)[0][0] if counts else None

    @cached_property
    def local_currency(self) -> str | None:
        """What ``pesos`` (and a bare ``$`` in Spanish text) mean in this document: the currency
        of the country it is about, else of the first it names, whose money is called peso (CLDR)."""
        if self.subject is not None and _peso(self.subject.iso3):
            return _peso(self.subject.iso3)
        for p in self.places:
            if _peso(p.iso3):
                return _peso(p.iso3)
        return None

    @cached_property
    def home_currency(self) -> tuple[str, str] | None:
        """(currency, sign) of the country the document is written in or for, when it tells."""
        def subject() -> str | None:  # read only when the answer depends on it: it scans the whole text
            return self.subject.iso3 if self.subject is not None else None

        return home_currency(self.text, self.lang, self.places, subject, frozenset())

    def currency_for(self, family: str, default: str | None) -> str | None:
        """Which currency a marker that does not say (``$``, ``dollars``, ``pesos``) is in this
        document: the home country's when its money is written so, else ``default``."""
        home = self.home_currency
        if home is None or family == "*":
            return default
        cur, sign = home
        if family == "$":
            return cur if sign == "$" else default
        return cur if family in currency_families(cur) else default



def _peso(iso3: str | None) -> str | None:
    """The currency of a country whose money is called peso (``COL`` -> ``COP``), else ``None``."""
    money = country_currency(iso3)
    return money[0] if money and "peso" in currency_families(money[0]) else None


def _donor_starts(text: str, places: tuple[Place, ...]) -> frozenset[int]:
    out = set()
    last = list(range(len(places)))  # last[i]: the last place of the list that goes on from place i
    for k in range(len(places) - 2, -1, -1):  # from the right: each gap between places is read once
        if _LIST_GAP.match(text[places[k].end:places[k + 1].start]):
            last[k] = last[k + 1]
    for i, p in enumerate(places):
        if p.iso3 == "USA" or _DONOR_BEFORE.search(text[max(0, p.start - 25):p.start]):
            out.add(p.start)
            continue
        j = last[i]
        after = text[places[j].end:places[j].end + 80]
        names = _SKIP_NAMES.match(after)  # anchored: at most one, at the start
        if _DONOR_AFTER.match(after[names.end():] if names else after):
            out.update(q.start for q in places[i:j + 1])
    return frozenset(out)


def _regions(layout: Layout, n: int, focus: list[tuple[int, int]] | None, head: int = 600) -> list[tuple[int, int]]:
    """Where to look for names: the whole text, or its head plus the spans in ``focus`` and the
    sentences around them."""
    if focus is None:
        return [(0, n)]
    spans = [(0, min(head, n))]
    for a, b in focus:
        i, j = layout.sentence_index(a), layout.sentence_index(max(a, b - 1))
        spans.append((min(a, layout.sentences[max(0, i - 3)][0]), max(b, layout.sentences[j][1])))
    spans.sort()
    merged = [spans[0]]
    for a, b in spans[1:]:
        if a <= merged[-1][1] + 300:  # one scan over a short gap beats two calls
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _not_owned(text: str, places: tuple[Place, ...],
               donors: list[tuple[str, int, int]]) -> tuple[tuple[str, int, int], ...]:
    """``donors`` without those another country owns: "Guatemala's Congress", "the Honduran Congress" are
    that country's, not the US Congress (the place right before, possessive or a demonym; bisect on place ends)."""
    ends = [p.end for p in places]
    out = []
    for d in donors:
        k = bisect_right(ends, d[1]) - 1
        p = places[k] if k >= 0 else None
        if (p is not None and p.iso3 is not None and p.name != d[0]
                and _OWNER_GAP.fullmatch(text, p.end, d[1]) is not None
                and (p.kind == "demonym" or text[p.end:d[1]].strip())):
            continue
        out.append(d)
    return tuple(out)


def read_context(text: str, doc_id: str = "doc", published: dt.date | None = None,
                 lang: str | None = None, focus: list[tuple[int, int]] | None = None) -> DocumentContext:
    """Read the document-level context of ``text`` (language, date, places, years...).

    ``published`` wins over a date found at the top of the text (dateline, byline).
    ``focus`` (spans of the figures and table titles) limits the search for names to the top
    of the text and the sentences around those spans, which is all attribution looks at.

    Examples
    --------
    >>> d = read_context("LIMA, Dec 16 2010 (IPS) - Peru received aid from the U.S. Peru wants more.")
    >>> d.lang, d.year, d.subject.name, d.main_donor
    ('en', 2010, 'Peru', 'United States')
    """
    lang = lang or detect_language(text)
    dated_by = "manifest" if published else ""
    if not published:
        published = find_document_date(text)
        dated_by = "text" if published else ""
    layout = find_layout(text)
    regions = _regions(layout, len(text), focus)
    places = tuple(p for a, b in regions for p in find_places(text, lang, a, b))
    doc = DocumentContext(
        text=text, doc_id=doc_id, lang=lang, published=published, layout=layout, places=places,
        donors=_not_owned(text, places, [d for a, b in regions for d in find_donors(text, lang, a, b)]),
        programs=tuple(p for a, b in regions for p in find_programs(text, lang, a, b)),
        dated_by=dated_by,
    )
    if regions == [(0, len(text))]:
        doc.__dict__["_all_places"] = doc.places
    return doc
