"""Years in prose: ``in 2006``, ``FY2011``, ``FY 2010-12``, ``between 2000 and 2016``, ``last year``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lang import read_vocab_all
from .alternation import scan as _scan
from .regex_cache import compile_cached

__all__ = ["SHIFT", "Year", "counts_from_a_year", "expand_year", "find_years", "may_count_from_a_year",
           "shifted_year", "years_in"]


@dataclass(frozen=True)
class Year:
    """A year (or span of years) written in a text.

    ``kind`` is ``year`` (a bare year), ``fiscal`` (stated as a fiscal year), ``span``,
    ``since`` (``since 2000``: ends at the reference year when known), ``relative``
    (``last year``), ``date`` (part of a calendar date such as ``Nov. 25, 2009``) or
    ``decade`` is never produced: ``the 1990s`` is not a year.
    """

    text: str
    start: int
    end: int
    year: int
    year_end: int | None = None
    fiscal: bool = False
    kind: str = "year"


_Y = r"(?:19[4-9]\d|20[0-4]\d)"
_YY = r"(?:19[4-9]\d|20[0-4]\d|\d{2})"
_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?|"
          r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)")

def _folded(source: str) -> re.Pattern[str]:
    """Compile a pattern for lower-cased text (much faster than re.IGNORECASE)."""
    return compile_cached(source.lower().replace("(?p<", "(?P<"))


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("fiscal", _folded(
        rf"\bbetween\s+(?:FY|F\.Y\.)\s?'?(?P<h>{_YY})\s+and\s+(?:(?:FY|F\.Y\.)\s?'?)?(?P<i>{_YY})(?!\d)"
        rf"|\b(?:FY|F\.Y\.)s?[\s-]?'?(?P<a>{_YY})(?:(?:\s?[-–/]\s?|\s+(?:to|through|until|a|al|hasta)\s+)(?:(?:FY|F\.Y\.)\s?'?)?(?P<b>{_YY}))?(?!\d)"
        rf"|\bfiscal\s+(?:years?\s+)?(?:\(FY\)\s+)?(?P<c>{_Y})(?:\s*(?:-|–|to|through|and)\s*(?:fiscal\s+years?\s+)?(?P<d>{_Y}))?\b"
        rf"|\bejercicios?\s+fiscal(?:es)?\s+(?:de\s+)?(?P<e>{_Y})(?:\s*(?:-|–|a|al)\s*(?P<e2>{_Y}))?\b"
        rf"|\baños?\s+fiscal(?:es)?\s+(?:de\s+)?(?P<f>{_Y})(?:\s*(?:-|–|a|al)\s*(?P<f2>{_Y}))?\b"
        rf"|\bejercicios?\s+(?:presupuestarios?\s+|económicos?\s+)?(?:de\s+|del\s+)?(?P<g>{_Y})(?:\s*(?:-|–|a|al)\s*(?P<g2>{_Y}))?\b")),
    # "between/entre X and/y Y" is a span, "from/de X to/a Y" too; "de 2002 y 2004" is a list of two years
    ("span", _folded(
        rf"\b(?:between|entre)\s+(?:el\s+|the\s+(?:years?\s+)?)?(?P<a>{_Y})\s+"
        rf"(?:and|to|through|until|y|a|al|hasta)\s+(?:el\s+)?(?P<b>{_Y})\b"
        rf"|\b(?:from|de|del|desde)\s+(?:el\s+|the\s+(?:years?\s+)?)?(?P<e>{_Y})\s+"
        rf"(?:y\s+)?(?:to|through|until|a|al|hasta)\s+(?:el\s+)?(?P<f>{_Y})\b"
        rf"|(?<![\d,.])(?P<c>{_Y})\s?(?:-|–|—|/|through|to)\s?(?P<d>{_Y}|\d{{2}})(?![\d%])")),
    ("since", _folded(rf"\b(?:since|desde|a\s+partir\s+del?)\s+(?:the\s+year\s+|el\s+(?:año\s+)?)?(?P<a>{_Y})\b")),
    ("date", _folded(
        rf"\b(?:(?:{_MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+|\d{{1,2}}\s+(?:de\s+)?(?:{_MONTH})\s+(?:de\s+|del\s+)?)"
        rf"(?P<a>{_Y})\b")),
    # (the look-behind stands after the first digit: ``1(?<![...].)`` is ``(?<![...])1``, and a pattern that
    # starts with a digit is scanned for its first digits only, several times faster)
    ("year", re.compile(r"(?P<a>1(?<![\d.,$€£/\-].)9[4-9]\d|2(?<![\d.,$€£/\-].)0[0-4]\d)"
                        r"(?![\d%]|s\b|’s|'s|,\d{3}|\s?(?:percent|per cent|por ciento))")),
]

#: Where a match of each pattern can start (its first words; any digit for a date's day): the slow
#: patterns are tried only there (:func:`_scan`), which finds what their ``finditer`` finds.
_STARTS = {
    "span": re.compile(r"between|entre|from|de|19|20"),
    # a date opens at a word's start with a month or with a day (one or two digits, then a blank)
    "date": re.compile(r"\b(?:\d\d?\s|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ene|abr|ago|set|dic)"),
}

_RELATIVE = re.compile(
    r"\b(?P<last>last\s+year|the\s+previous\s+year|the\s+past\s+year|el\s+año\s+pasado|el\s+pasado\s+año)\b"
    r"|\b(?P<this>this\s+year|the\s+current\s+year|este\s+año|el\s+presente\s+año|el\s+año\s+en\s+curso)\b"
    r"|\b(?P<next>next\s+year|the\s+coming\s+year|el\s+próximo\s+año|el\s+año\s+próximo|el\s+año\s+que\s+viene)\b",
    re.I)
_RELATIVE_STARTS = re.compile(r"last|the|el|this|este|next", re.I)
_OFFSET = {"last": -1, "this": 0, "next": 1}
#: Years counted from the year the text just named ("in 2009 ... the following year" is 2010).
#: The year just written, named again (``that same year``, ``ese año``): lang/*/year_cues.csv, kind ``same_year``.
_SAME_WORDS = sorted({r["pattern"].lower() for r in read_vocab_all("year_cues") if r["kind"] == "same_year"},
                     key=lambda w: (-len(w), w))
_NARRATIVE = re.compile(
    r"\b(?:the\s+(?:following|next)\s+year|the\s+year\s+after|(?P<n>a|one|two|three|four|five|\d)\s+years?\s+later"
    r"|(?:al|el)\s+año\s+siguiente|(?P<m>un|dos|tres|cuatro|cinco|\d)\s+años?\s+después"
    r"|(?P<same>" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _SAME_WORDS) + r"))\b", re.I)
_COUNT = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
          "un": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5}
#: One of these is in every narrative expression: a cheap test before the pattern.
_NARRATIVE_WORDS = ("year later", "years later", "year after", "following year", "next year", "año siguiente",
                    "año después", "años después", *_SAME_WORDS)
#: Each narrative expression holds one of these (checked here: else the test is left out): a text without
#: them has none, found with three scans instead of one per expression.
_NARRATIVE_KEYS = (("year", "año", "ejercicio")
                   if all(any(k in w for k in ("year", "año", "ejercicio")) for w in _NARRATIVE_WORDS) else ("",))
#: How far back (characters) the year a narrative expression counts from may be.
_NARRATIVE_REACH = 300
_TWO_DIGITS = re.compile(r"\d\d")
#: Every pattern but the fiscal one (``FY 77``) needs a four-digit year: a cheap test before them.
_FOUR_DIGIT_YEAR = re.compile(_Y)
_NEEDS = {
    "fiscal": ("fy", "f.y.", "fiscal", "ejercicio"),
    "since": ("since", "desde", "partir"),
    "date": ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
             "ene", "abr", "ago", "set", "dic"),
}


def expand_year(text: str, pivot: int = 50) -> int:
    """Return a four-digit year from a two- or four-digit one (``'77'`` -> 1977, ``'11'`` -> 2011).

    Examples
    --------
    >>> expand_year("77"), expand_year("11"), expand_year("2006")
    (1977, 2011, 2006)
    """
    n = int(text)
    if len(text) == 2:
        return 1900 + n if n >= pivot else 2000 + n
    return n


def _end(start_year: int, text: str | None) -> int | None:
    if not text:
        return None
    end = expand_year(text) if len(text) == 4 else (start_year // 100) * 100 + int(text)
    return end if end > start_year else None


def counts_from_a_year(text: str) -> bool:
    """True when ``text`` has a year counted from an earlier one (``the following year``).

    >>> counts_from_a_year("A year later, it got more."), counts_from_a_year("Next year, more.")
    (True, False)
    """
    low = text.lower()
    return _narrative_words(low) and _NARRATIVE.search(text) is not None


def _narrative_words(low: str) -> bool:
    """True when the lower-cased ``low`` holds one of the words every narrative expression has."""
    return any(k in low for k in _NARRATIVE_KEYS) and any(w in low for w in _NARRATIVE_WORDS)


def may_count_from_a_year(text: str) -> bool:
    """False when no part of ``text`` counts from a year (:func:`counts_from_a_year`): its lower-cased form
    has none of the words of those expressions (lowering maps each character alone, but for a final sigma,
    none of theirs), so neither has any part of it, lower-cased or not.

    >>> may_count_from_a_year("Aid rose. Then it fell."), may_count_from_a_year("Aid rose. The next year...")
    (False, True)
    """
    return _narrative_words(text.lower())


def find_years(text: str, reference_year: int | None = None, anchor: Year | None = None) -> list[Year]:
    """Find the years a text mentions, in order; spans and fiscal years first, then bare years.

    ``reference_year`` (the year the document was written) resolves ``last year``,
    ``this year`` and the open end of ``since 2000``; without it relative years are skipped.
    ``the following year``, ``a year later``, ``al año siguiente`` count from the year written
    just before them, or from ``anchor`` (a year of the text before ``text``) when there is none.

    Examples
    --------
    >>> [(y.year, y.year_end, y.fiscal, y.kind) for y in find_years(
    ...     "In FY 2010-12 and between 2000 and 2016, not the 1990s; 56.4 million in 2006.")]
    [(2010, 2012, True, 'fiscal'), (2000, 2016, False, 'span'), (2006, None, False, 'year')]
    >>> [(y.year, y.year_end) for y in find_years("aid since 1979, cut last year", reference_year=2011)]
    [(1979, 2011), (2010, None)]
    >>> [y.year for y in find_years("FY 77 MAP-M and 60 percent of 2,006 troops")]
    [1977]
    >>> [(y.text, y.year) for y in find_years("$40 million in 2009; a year later, $45 million")]
    [('2009', 2009), ('a year later', 2010)]
    """
    return years_in(text, 0, len(text), reference_year, anchor)


def years_in(whole: str, a: int, b: int, reference_year: int | None = None, anchor: Year | None = None,
             narrative: bool = True) -> list[Year]:
    """:func:`find_years` of ``whole[a:b]``, positions in ``whole`` (each year made once, where it stands);
    ``narrative`` False when no part of the text counts from a year (:func:`may_count_from_a_year`).

    >>> [(y.text, y.start) for y in years_in("Intro. Aid in 2006 and 2007.", 7, 28)]
    [('2006', 14), ('2007', 23)]
    """
    text = whole[a:b]
    has_digits = _TWO_DIGITS.search(text) is not None
    if not has_digits and not reference_year and (anchor is None or not narrative):
        return []  # no digits: only a year counted from another one or from the document's can be written
    out: list[Year] = []
    taken = bytearray(len(text) + 1) if has_digits else bytearray()
    low = text.lower()
    if len(low) != len(text):
        low = text  # lower() changed the length of some character: keep offsets right
    full_year = has_digits and _FOUR_DIGIT_YEAR.search(text) is not None
    # a span has three pairs of digits at least (a year, then a year or two digits, apart)
    pairs = sum(1 for _ in zip(range(3), _TWO_DIGITS.finditer(text), strict=False)) if full_year else 0
    for kind, pattern in _PATTERNS if has_digits else ():
        if kind != "fiscal" and not full_year:
            continue
        if kind in _NEEDS and not any(word in low for word in _NEEDS[kind]):
            continue  # cheap test before a slow pattern
        if kind == "span" and pairs < 3:
            continue
        for m in _scan(pattern, _STARTS.get(kind), text if kind == "year" else low):
            if taken.find(1, m.start(), m.end()) >= 0:  # overlaps a year already found
                continue
            groups = [g for g in m.groups() if g is not None]
            if not groups:
                continue
            year = expand_year(groups[0])
            end = _end(year, groups[1]) if len(groups) > 1 else None
            if kind == "span" and end is None:
                continue
            if kind == "since":
                end = reference_year if reference_year and reference_year > year else None
            out.append(Year(m.group(), m.start() + a, m.end() + a, year, end, kind == "fiscal", kind))
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    if narrative and (has_digits or anchor is not None) and _narrative_words(low):
        if not taken:
            taken = bytearray(len(text) + 1)
        out.sort(key=lambda y: y.start)
        for m in _NARRATIVE.finditer(text):
            at = m.start() + a
            base = next((y for y in reversed(out) if y.end <= at and y.kind != "relative"), None)
            if base is None or at - base.end > _NARRATIVE_REACH:
                base = anchor if anchor is not None and m.start() <= _NARRATIVE_REACH else None
            if base is None:
                continue  # "the next year" with no year just before: counted from the document's year
            count = m.group("n") or m.group("m")
            step = (0 if m.group("same") else 1 if count is None
                    else (int(count) if count.isdigit() else _COUNT[count.lower()]))
            out.append(Year(m.group(), at, m.end() + a, (base.year_end or base.year) + step,
                            fiscal=base.fiscal, kind="relative"))
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    if reference_year and (low is text or "year" in low or "año" in low):  # in every relative year
        for m in _scan(_RELATIVE, _RELATIVE_STARTS, text):
            if not taken or taken.find(1, m.start(), m.end()) < 0:
                out.append(Year(m.group(), m.start() + a, m.end() + a,
                                reference_year + _OFFSET[m.lastgroup or "this"], kind="relative"))
    out.sort(key=lambda y: y.start)
    return out


#: ``a year earlier``, ``two years later``, ``un año antes`` right after a figure: its year moves
SHIFT = re.compile(r"\s*(?:in\s+)?(?P<n>a|one|two|three)\s+years?\s+(?P<dir>earlier|before|later|after)\b"
                      r"|\s*(?:un|el)\s+año\s+(?P<es>antes|anterior)\b", re.I)


def shifted_year(text: str, end: int, year: Year) -> Year:
    """``$52 million a year earlier`` than the year found: that year minus one."""
    m = SHIFT.match(text, end, end + 30)
    if not m or year.kind not in ("year", "fiscal") or year.year_end:
        return year
    step = (-1 if m.group("es")
            else _COUNT[m.group("n").lower()] * (-1 if m.group("dir").lower() in ("earlier", "before") else 1))
    return Year(m.group().strip(), m.start(), m.end(), year.year + step, None, year.fiscal, "relative")
