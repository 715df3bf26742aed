"""What lies around a number in a money mention: weak signs, shared scale words, numbers before ``mil``."""

from __future__ import annotations

import re
import unicodedata

from ..errors import ParseError
from .currencies import prefix_row, resolve_currency, suffix_iso, weak_marker
from .mention import Money
from .numbers import scale_exponent
from .spelled import number_phrase
from .vocab import alt

__all__ = ["WEAK_END", "YEAR_AFTER", "back_number", "may_be_followed", "scale_of", "shared_scale",
           "weak_after", "weak_iso"]


def weak_iso(marker: str, lang: str) -> str:
    """The currency a weak sign stands for (``Q`` -> ``GTQ``), resolved as a mention's would be."""
    iso = prefix_row(marker.strip(), lang)[0]
    return resolve_currency(iso, lang, None) or iso or ""


#: A year right after a weak sign's number: "Q3 2020" is a quarter even where quetzales are written
YEAR_AFTER = re.compile(r"\s*(?:19|20)\d\d(?!\d)")


def scale_of(m: Money, p: dict) -> int:
    """The power of ten the scale word written in a mention stands for (0 for none)."""
    sc = p["scale_in"].search(m.text)
    try:
        return scale_exponent(sc.group(1)) if sc else 0
    except ParseError:
        return 0


def weak_after(marker: str, lang: str) -> bool:
    """A currency word after a number that could be another word (``real``, ``won``, ``Le``)."""
    return weak_marker(marker, lang) or (len(marker) <= 2 and marker.isascii() and marker.isalpha()
                                         and not marker.isupper())


#: What may follow a currency word that is also a common word ("5 billion won in aid", not "won the").
WEAK_END = re.compile(rf"\s*(?:[,.;:)]|$|(?:{alt('after_weak_currency')})\b)", re.I)
_MAY_FOLLOW = frozenset("-–—$€£¥₹")
_BACK_MIL = re.compile(r"(?:(?<![\w.,])\d{1,3}\s+|\b[^\W\d_]+\s+)?\bmil\s+$")


def back_number(text: str, num_start: int, lang: str) -> int | None:
    """Where a number written before ``mil`` starts (``dos mil 600``, ``3 mil 415``), if one is."""
    m = _BACK_MIL.search(text, max(0, num_start - 24), num_start)
    if m is None:
        return None
    ph = number_phrase(text, m.start(), lang)
    return m.start() if ph and ph[0] > num_start else None
_CHANGE_TO = re.compile(rf"\s*(?:{alt('range_to', 'range_until')})\s+(?:US\$|[$€£])?\s?\d[\d.,]*", re.I)
_SHARED = re.compile(rf"\s*+,?\s*+(?:{alt('and', 'or')})\s+(?:US\$|[$€£])?\s?\d[\d.,]*", re.I)


def shared_scale(text: str, pos: int, iso: str | None, p: dict, change: bool = False) -> tuple[int, str | None]:
    """The scale (a power of ten) and currency a number takes from the next one when they share
    them (``$40 and $37 million``, ``400 y 37 millones de dólares``, and after ``from``/``de``:
    ``de 33 a 13 millones de dólares``); ``(0, iso)`` when not."""
    link = _SHARED.match(text, pos) or (_CHANGE_TO.match(text, pos) if change else None)
    sc = p["scale"].match(text, link.end()) if link else None
    if sc is None:
        return 0, iso
    try:
        exp = scale_exponent(sc.group(1))
    except ParseError:
        return 0, iso
    if exp < 6:
        return 0, iso
    if iso is None:
        suf = p["suffix"].match(text, sc.end())
        iso = suffix_iso(suf.group(1)) if suf else None
    return exp, iso


_NEXT_WORD = re.compile(r"[ \t\u00a0-]*([^\W\d_]+)")


def may_be_followed(text: str, pos: int, p: dict) -> bool:
    """A quick test before the full pattern: the word after the number can start a scale word or
    a currency marker (``million``, ``dollars``, ``de``), or a sign or dash follows."""
    ch = _next_char(text, pos)
    if ch not in _MAY_FOLLOW:
        return False
    w = _NEXT_WORD.match(text, pos)
    return w is None or w.group(1).lower() in p["first_words"] or not w.group(1).isascii()


def _next_char(text: str, pos: int) -> str:
    """The first character after ``pos`` that is not a space (a letter stands for any letter)."""
    for ch in text[pos:pos + 3]:
        if not ch.isspace():
            return "$" if ch.isalpha() or unicodedata.category(ch) == "Sc" else ch  # ₡, ₾, 元: a sign
    return ""


