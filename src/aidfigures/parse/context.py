"""What a whole document says once: language, date, layout, places, years, donors, programs, subject."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from .cues import Program, find_donors, find_programs
from .dates import find_document_date
from .places import Place, find_places
from .text import Layout, detect_language, find_layout
from .years import Year, find_years

__all__ = ["Document", "read_context"]

_DONOR_AFTER = re.compile(
    r"^[\s,]*(?:(?:has|have|had|will|would|also|already)\s+)*(?:pledged|promised|gave|given|offered|offering|provided|"
    r"donated|contributed|granted|opened|financed|funded|announced|approved|set|sent|awarded|prometió|donó|"
    r"otorgó|entregó|aportó|financia|ratified|ratificó)\b", re.I)
_DONOR_BEFORE = re.compile(r"\b(?:by|from|de parte de|por parte de|donated by|promised by)\s+(?:the\s+)?$", re.I)
_SKIP_NAMES = re.compile(r"^(?:\s*,?\s*(?:and|y)\s+(?:the\s+)?(?:[A-Z][\w.]*\s*)+)")
_LIST_GAP = re.compile(r"^(?:\s*,\s*|\s+(?:and|y|e|&)\s+|\s*,\s*(?:and|y)\s+)(?:the\s+|la\s+|el\s+)?$", re.I)


@dataclass(frozen=True)
class Document:
    """A document's text and what aidfigures reads from it once, before looking at its figures."""

    text: str
    doc_id: str
    lang: str
    published: dt.date | None
    layout: Layout
    places: tuple[Place, ...]
    years: tuple[Year, ...]
    donors: tuple[tuple[str, int, int], ...]
    programs: tuple[Program, ...]

    @property
    def year(self) -> int | None:
        """The year the document was written, when known."""
        return self.published.year if self.published else None

    @cached_property
    def donor_places(self) -> frozenset[int]:
        """Start offsets of places named as givers, not receivers (``Turkey promised``)."""
        out = set()
        for i, p in enumerate(self.places):
            if p.iso3 == "USA" or _DONOR_BEFORE.search(self.text[max(0, p.start - 25):p.start]):
                out.add(p.start)
                continue
            j = i
            while j + 1 < len(self.places) and _LIST_GAP.match(self.text[self.places[j].end:self.places[j + 1].start]):
                j += 1
            members = self.places[i:j + 1]
            after = _SKIP_NAMES.sub("", self.text[self.places[j].end:self.places[j].end + 80])
            if _DONOR_AFTER.match(after):
                out.update(q.start for q in members)
        return frozenset(out)

    @cached_property
    def subject(self) -> Place | None:
        """The country or region the document is mainly about, when one clearly leads."""
        score: Counter[str] = Counter()
        first: dict[str, Place] = {}
        head = self.text.find("\n", 40)
        head = 200 if head < 0 or head > 200 else head
        for p in self.places:
            if p.start in self.donor_places or p.iso3 == "USA":
                continue
            weight = (0.5 if p.kind == "demonym" else 1.0) * (3 if p.start < head else 1)
            score[p.code] += weight
            first.setdefault(p.code, p)
        ranked = score.most_common(2)
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
        """What ``pesos`` (and a bare ``$`` in Spanish text) mean in this document."""
        from ..lookups import read_lookup

        pesos = {r["iso3"]: r["currency"] for r in read_lookup("peso_countries")}
        if self.subject is not None and self.subject.iso3 in pesos:
            return pesos[self.subject.iso3]
        for p in self.places:
            if p.iso3 in pesos:
                return pesos[p.iso3]
        return None


def read_context(text: str, doc_id: str = "doc", published: dt.date | None = None,
                 lang: str | None = None) -> Document:
    """Read the document-level context of ``text`` (language, date, places, years...).

    ``published`` wins over a date found at the top of the text (dateline, byline).

    Examples
    --------
    >>> d = read_context("LIMA, Dec 16 2010 (IPS) - Peru received aid from the U.S. Peru wants more.")
    >>> d.lang, d.year, d.subject.name, d.main_donor
    ('en', 2010, 'Peru', 'United States')
    """
    lang = lang or detect_language(text)
    published = published or find_document_date(text)
    year = published.year if published else None
    return Document(
        text=text, doc_id=doc_id, lang=lang, published=published, layout=find_layout(text),
        places=tuple(find_places(text, lang)), years=tuple(find_years(text, reference_year=year)),
        donors=tuple(find_donors(text, lang)), programs=tuple(find_programs(text, lang)),
    )
