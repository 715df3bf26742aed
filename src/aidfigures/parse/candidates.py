"""The first pass: cheap tests whose failure proves the money grammar and the table reader find nothing."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..lang import LANGUAGES
from .currencies import marker_alt, markers
from .spelled import phrase_anchor
from .table_layout import _BLANK, _SIGN_TOKEN
from .trie import trie_pattern

__all__ = ["may_hold_money", "may_hold_table"]

#: Characters of markers that are common in prose, where a marker is looked for by its letters.
_COMMON = frozenset(" .-&")
#: Characters of markers that prose also writes ("and/or"): each place one is written is checked for a marker.
_CHECKED = frozenset("/")
_KINDS = ("prefix_markers", "code_markers", "name_markers", "sign_markers")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
#: Every byte that is not an ASCII letter (in lower case; in either case), as a space.
_ONLY_LOWER = bytes(c if 97 <= c <= 122 else 32 for c in range(256))
_ONLY_LETTERS = bytes(c if 97 <= c <= 122 or 65 <= c <= 90 else 32 for c in range(256))


def _fold(text: str) -> str:
    """``text`` as the grammar's case-insensitive patterns compare it (``ı`` and ``İ`` match ``i`` there)."""
    return text.casefold().replace("ı", "i").replace("i\u0307", "i")


def _interior(marker: str) -> list[str]:
    """The letter runs of ``marker`` with a character of the marker on each side (``tobago`` of
    ``trinidad & tobago dollar``): whole words wherever the marker is found, even glued to others."""
    return [m.group() for m in _LETTER_RUN.finditer(marker) if m.start() > 0 and m.end() < len(marker)]


class _Keys(NamedTuple):
    rare: re.Pattern[str]  # any character of a marker that prose seldom writes
    cased: re.Pattern[bytes]  # a word of a code or of a prefix of letters, as written
    folded: re.Pattern[bytes]  # a word of a name or a sign, in any case
    other: tuple[str, ...]  # words of names with no ASCII letter (``сом``), looked for as they are
    written: re.Pattern[str]  # a code, or a prefix of letters before a number, as the grammar reads them


def _longest(key: str, table: bytes) -> bytes:
    """The longest run of ASCII letters of ``key`` (reduced by ``table``), or ``b""``."""
    return max(key.encode("utf-8").translate(table).split(), key=len, default=b"")


def _words(keys: set[str], table: bytes) -> re.Pattern[bytes]:
    """Each of ``keys`` by its longest run of ASCII letters, as a whole word of a text that ``table``
    reduced to ASCII letters and spaces (and padded with a space each side)."""
    runs = {_longest(k, table) for k in keys} - {b""}
    return re.compile(b" (?:" + trie_pattern(sorted(r.decode("ascii") for r in runs)).encode("ascii") + b") ")


@lru_cache(maxsize=None)
def _keys() -> _Keys:
    """What :func:`may_hold_money` looks for, from the markers of every language file."""
    p = markers(LANGUAGES[0])  # every language's markers (the order differs by language, not the set)
    rare = {c for k in _KINDS for m in p[k] for c in m if not c.isalpha()} - _COMMON
    while True:  # a marker that starts with a space, dot or dash has no word boundary before it, and a
        # sign none around it (``€HT``): such a marker is found by a character of its own, not by a word
        plain = {k: [m for m in p[k] if not any(c in rare for c in m)] for k in _KINDS}
        more = {m[0] for k in _KINDS for m in plain[k] if not m[:1].isalpha()}
        more |= {next(c for c in m if not c.isalpha()) for m in plain["sign_markers"] if not _interior(m)}
        if more <= rare:
            break
        rare |= more
    cased: set[str] = set(plain["code_markers"])  # codes: letters only, a whole word
    for m in plain["prefix_markers"]:  # a space in a prefix may be left out ("U S" or "US"): each joined head
        pieces = m.split(" ")
        cased.update(_LETTER_RUN.findall("".join(pieces[:k]))[0] for k in range(1, len(pieces) + 1))
    # a name by a word that is a marker by itself (the head noun: "sol" of "Peruvian sol"), else by
    # its longest; a sign by an inner word
    runs = [[_fold(w) for w in (_LETTER_RUN.findall(m) if k == "name_markers" else _interior(m))]
            for k in ("name_markers", "sign_markers") for m in plain[k]]
    alone = {ws[0] for ws in runs if len(ws) == 1}
    folded = {max(ws, key=lambda w: (w in alone, len(w))) for ws in runs if ws}
    words = "|".join(phrase_anchor(lang).pattern for lang in LANGUAGES)
    prefix = "(?:" + marker_alt(plain["prefix_markers"]) + r")[ \t\u00a0:]{0,2}(?:\.?\d|" + words + ")"
    codes = r"(?<![^\W\d_])(?:" + trie_pattern(plain["code_markers"]) + r")(?!\w)"
    # a name with other letters (``soʻm``, ``сом``) is found as written, when its ASCII letters say little
    other = {k for k in folded if not k.isascii() and len(_longest(k, _ONLY_LOWER)) < 4}
    return _Keys(re.compile("[" + re.escape("".join(sorted(rare - _CHECKED))) + "]"),
                 _words(cased, _ONLY_LETTERS), _words(folded - other, _ONLY_LOWER), tuple(sorted(other)),
                 re.compile(codes + "|" + prefix))


@lru_cache(maxsize=None)
def _checked() -> tuple[tuple[str, re.Pattern[str], int], ...]:
    """For each character of :data:`_CHECKED`: the markers that hold it (in any case, as signs are
    read) and how far from it they can reach."""
    p = markers(LANGUAGES[0])
    out = []
    for ch in sorted(_CHECKED):
        found = {m for k in _KINDS for m in p[k] if ch in m}
        assert not any(c.isspace() for m in found for c in m), "a space in the marker would let it stretch"
        out.append((ch, re.compile("(?i:" + trie_pattern(found) + ")"), max(map(len, found))))
    return tuple(out)


def _checked_hit(text: str) -> bool:
    """True when a marker holding a character of :data:`_CHECKED` is written in ``text``."""
    for ch, pattern, reach in _checked():
        i = text.find(ch)
        while i >= 0:
            if pattern.search(text, max(0, i - reach), i + reach):
                return True
            i = text.find(ch, i + 1)
    return False


def may_hold_money(text: str) -> bool:
    """False only when the money grammar (:func:`~aidfigures.parse.money.find_money`, in any
    language) finds no mention in ``text``.

    Every mention holds a currency marker (a bare ``5 million`` only takes another mention's): a
    sign, code or name after the amount, or a marker before it. A marker with a character that is
    rare in prose (``$``, ``€``, ``/``) is found by that character; the others by their letters: a
    name (``dollars``, ``pesos``) by a word of it in any case; a code or a prefix of letters
    (``USD``, ``DOLS``, ``Q``) by a word of it as written, then as the grammar reads it (a prefix
    before a number or a number word).

    Examples
    --------
    >>> may_hold_money("The mission met the minister in 2006."), may_hold_money("two million dollars")
    (False, True)
    >>> may_hold_money("John Q. Public"), may_hold_money("a price of Q 500")
    (False, True)
    """
    keys = _keys()
    if keys.rare.search(text) or _checked_hit(text):
        return True
    if text.isascii():
        raw = text.encode("ascii")
        low = raw.lower()
    else:
        raw = text.encode("utf-8", "surrogatepass")
        folded = _fold(text)
        if any(k in folded for k in keys.other):
            return True
        low = folded.encode("utf-8", "surrogatepass")
    if keys.folded.search(b" " + low.translate(_ONLY_LOWER) + b" "):
        return True
    return keys.cased.search(b" " + raw.translate(_ONLY_LETTERS) + b" ") is not None \
        and keys.written.search(text) is not None


#: The end of a line that may hold a table cell: a number (perhaps signed, footnoted or with OCR's
#: ``O`` for zeros) as the line's last word, or before blanks and signs only (``45.2 -``, ``1.500 €``).
_CELL_END = re.compile(r"\d(?<![\d,.Oo]\d)[\d,.Oo]*+(?<=[\dOo])(?:[a-e]|\*++|†|‡)?[€£]?"
                       r"(?:[^\S\n]++(?:" + _BLANK.pattern + "|" + _SIGN_TOKEN.pattern + r")(?!\S))*+[^\S\n]*+$",
                       re.M)


def may_hold_table(text: str) -> bool:
    """False only when :func:`~aidfigures.parse.tables.find_table_cells` finds no cell in ``text``.

    A cell is read from the right end of its line (the numbers there, past blanks and signs), or
    from a cell between pipes.

    Examples
    --------
    >>> may_hold_table("Aid rose in 2006.\\nIt fell in 2007."), may_hold_table("Health  2006  45.2\\n")
    (False, True)
    """
    return "|" in text or _CELL_END.search(text) is not None
