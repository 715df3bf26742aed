"""The first pass: cheap tests whose failure proves the money grammar and the table reader find nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from ..lang import LANGUAGES, read_vocab, read_vocab_all
from ..lookups import read_lookup
from .currencies import marker_alt, markers
from .regex_cache import compile_cached
from .table_candidates import may_hold_table
from .trie import trie_pattern
from .vocab import alt
from .word_anchors import phrase_anchor

__all__ = ["may_hold_money", "may_hold_table"]

#: Characters of markers that are common in prose, where a marker is looked for by its letters.
_COMMON = frozenset(" .-&")
#: Characters of markers that prose also writes ("and/or"): each place one is written is checked for a marker.
_CHECKED = frozenset("/")
_KINDS = ("prefix_markers", "code_markers", "name_markers", "sign_markers")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
#: The ranges of the characters that fold (:func:`_fold`) to one character of which they are not the
#: upper or title case (``ς``, the Kelvin and Ohm signs, small Cherokee letters).
_ODD_CASES = ((0xB5, 0xB5), (0x130, 0x131), (0x17F, 0x17F), (0x345, 0x345), (0x3C2, 0x3C2), (0x3D0, 0x3D1),
              (0x3D5, 0x3D6), (0x3F0, 0x3F1), (0x3F4, 0x3F5), (0x13F8, 0x13FD), (0x1C80, 0x1C88), (0x1E9B, 0x1E9B),
              (0x1FBE, 0x1FBE), (0x2126, 0x2126), (0x212A, 0x212B), (0xAB70, 0xABBF))
#: Every byte that is not an ASCII letter (in lower case; in either case), as a space.
_ONLY_LOWER = bytes(c if 97 <= c <= 122 else 32 for c in range(256))
_ONLY_LETTERS = bytes(c if 97 <= c <= 122 or 65 <= c <= 90 else 32 for c in range(256))
#: The characters whose folding (:func:`_fold`) is not one character, or writes an ASCII letter (``ß``,
#: ``ﬁ``, the Kelvin sign), or joins one to the next (a combining dot above): only in a text that holds
#: one may the folded text differ in length, or its ASCII words from those of the text in lower case.
_FOLD_SPECIAL = re.compile("[\u00df\u0130-\u0131\u0149\u017f\u01f0\u0307\u0390\u03b0\u0587\u1e96-\u1e9a"
                           "\u1e9e\u1f50\u1f52\u1f54\u1f56\u1f80-\u1faf\u1fb2-\u1fb4\u1fb6-\u1fb7\u1fbc"
                           "\u1fc2-\u1fc4\u1fc6-\u1fc7\u1fcc\u1fd2-\u1fd3\u1fd6-\u1fd7\u1fe2-\u1fe4"
                           "\u1fe6-\u1fe7\u1ff2-\u1ff4\u1ff6-\u1ff7\u1ffc\u212a\ufb00-\ufb06\ufb13-\ufb17]")


def _fold(text: str) -> str:
    """``text`` as the grammar's case-insensitive patterns compare it (``ı`` and ``İ`` match ``i`` there)."""
    return text.casefold().replace("ı", "i").replace("i\u0307", "i")


def _interior(marker: str) -> list[str]:
    """The letter runs of ``marker`` with a character of the marker on each side (``tobago`` of
    ``trinidad & tobago dollar``): whole words wherever the marker is found, even glued to others."""
    return [m.group() for m in _LETTER_RUN.finditer(marker) if m.start() > 0 and m.end() < len(marker)]


class _Keys(NamedTuple):
    rare: re.Pattern[str]  # any character of a marker that prose seldom writes
    cased: frozenset[bytes]  # a word of a code or of a prefix of letters, as written
    names: re.Pattern[bytes]  # a name by its ASCII words, in any case (then read where it starts)
    signs: frozenset[bytes]  # an inner word of a sign of letters, in any case
    spelled: dict[bytes, tuple[frozenset[bytes], ...]]  # the words of each of :attr:`names`, by its longest
    longest: frozenset[bytes]  # the keys of :attr:`spelled`
    cased_lower: frozenset[bytes]  # :attr:`cased` in lower case
    other: re.Pattern[str]  # first words of names in other letters (``сом``), folded, looked for as they are
    unusual: re.Pattern[str]  # a rare character, one of _FOLD_SPECIAL, or a first letter of other's (in any case)
    name: re.Pattern[str]  # a name, in any case, as the grammar reads it after an amount
    written: re.Pattern[str]  # a code, or a prefix of letters before a number, as the grammar reads them
    every: frozenset[bytes]  # :attr:`signs`, :attr:`cased_lower` and every word of :attr:`spelled`'s names


def _longest(key: str, table: bytes) -> bytes:
    """The longest run of ASCII letters of ``key`` (reduced by ``table``), or ``b""``."""
    return max(key.encode("utf-8").translate(table).split(), key=len, default=b"")


def _words(keys: set[str], table: bytes) -> frozenset[bytes]:
    """Each of ``keys`` by its longest run of ASCII letters (reduced by ``table``): a word that a
    text reduced to ASCII letters and spaces by ``table`` must hold, whole, where the key is written."""
    return frozenset({_longest(k, table) for k in keys} - {b""})


def _by_longest(names: set[str]) -> dict[bytes, tuple[frozenset[bytes], ...]]:
    """The words of each of ``names`` (each word a key of :func:`_holds_name`'s test), filed under its
    longest word (the last of the longest)."""
    out: dict[bytes, set[frozenset[bytes]]] = {}
    for name in names:
        words = name.encode("ascii").split()
        if words:
            out.setdefault(max(reversed(words), key=len), set()).add(frozenset(words))
    return {k: tuple(v) for k, v in out.items()}


def _holds_name(found: frozenset[bytes], spelled: dict[bytes, tuple[frozenset[bytes], ...]],
                longest: frozenset[bytes]) -> bool:
    """True when ``found`` (the words of a text, or those of them that are a name's) holds every word of
    a name of ``spelled`` (whose keys are ``longest``): where the text writes a name, each of its words
    is a word of the text."""
    return any(words <= found for key in found.intersection(longest) for words in spelled[key])


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
    # a name by its first word (where it starts: the grammar reads it right after an amount); a
    # sign, which may touch other words, by an inner word, whole wherever the sign is
    names = {_fold(m) for m in plain["name_markers"]}
    spelled = {" ".join(m.encode("utf-8").translate(_ONLY_LOWER).decode("ascii").split()) for m in names
               if m[:1].isascii()}  # its ASCII words, the first where it starts
    inner = {max(_interior(_fold(m)), key=len) for m in plain["sign_markers"]}
    words = "|".join(phrase_anchor(lang).pattern for lang in LANGUAGES)
    prefix = "(?:" + marker_alt(plain["prefix_markers"]) + r")[ \t\u00a0:]{0,2}(?:\.?\d|" + words + ")"
    codes = r"(?<![^\W\d_])(?:" + trie_pattern(plain["code_markers"]) + r")(?!\w)"
    # a name that starts with another letter (``сом``, ``ƒ``) is looked for as written
    other = {_LETTER_RUN.findall(m)[0] for m in names if not m[:1].isascii()}
    inner_ascii = {w for w in inner if len(_longest(w, _ONLY_LOWER)) >= 3}
    name = "(?i:" + trie_pattern(plain["name_markers"]) + r")(?!\w)"
    signs = _words(inner_ascii, _ONLY_LOWER)
    others = other | (inner - inner_ascii)
    # their first letters as a text may write them: in any case (a class that ignores case is slower)
    odd = [chr(c) for a, b in _ODD_CASES for c in range(a, b + 1)]
    firsts = {c for w in others for c in (w[0], w[0].upper(), w[0].title(), *odd) if len(c) == 1 and _fold(c) == w[0]}
    by_longest = _by_longest(spelled)
    cased_words = _words(cased, _ONLY_LETTERS)
    rare_chars = re.escape("".join(sorted(rare - _CHECKED)))
    unusual = "[" + rare_chars + _FOLD_SPECIAL.pattern[1:-1] + re.escape("".join(sorted(firsts))) + "]"
    cased_lower = frozenset(w.lower() for w in cased_words)
    every = signs | cased_lower | {w for ws in by_longest.values() for words in ws for w in words}
    return _Keys(re.compile("[" + rare_chars + "]"), cased_words,
                 compile_cached(b" (?:" + trie_pattern(spelled, space=" +").encode("ascii") + b")(?= )"),
                 signs, by_longest, frozenset(by_longest), cased_lower,
                 compile_cached(trie_pattern(others)), compile_cached(unusual), compile_cached(name),
                 compile_cached(codes + "|" + prefix), every)


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
    # in text that is not ASCII, one search finds the first rare character or one whose folding must be
    # read (none before it is rare: a rare one is looked for from there on)
    unusual = keys.rare.search(text) if text.isascii() else keys.unusual.search(text)
    if unusual is not None and keys.rare.search(text, unusual.start()) or _checked_hit(text):
        return True
    low = text.encode("utf-8", "surrogatepass")
    letters = b" " + low.translate(_ONLY_LETTERS) + b" "
    words = letters.lower()  # the folded text's ASCII words (offsets in it are those of low, padded)
    lowered = True
    if unusual is not None:  # (a character whose folding must be read)
        folded = _fold(text)  # (else: as long as the text, its ASCII words those of words, none of other's)
        if len(folded) != len(text) or keys.other.search(folded):
            return True  # (folding changed the length: offsets in it are not the text's; rare)
        low = folded.encode("utf-8", "surrogatepass")
        words, lowered = b" " + low.translate(_ONLY_LOWER) + b" ", False
    # words are looked up in sets first (a pattern of the names tries them at every space: slower): the
    # text's words that are a key's, all that the tests below read (a set of all its words costs more)
    found = keys.every.intersection(words.split())
    if not keys.signs.isdisjoint(found) or _holds_name(found, keys.spelled, keys.longest) and _name_after_amount(
            text, low, keys.names.finditer(words), keys.name):
        return True
    if lowered and keys.cased_lower.isdisjoint(found):
        return False  # (the words as written are those of the text's in found, in lower case)
    return not keys.cased.isdisjoint(letters.split()) \
        and keys.written.search(text) is not None


def _name_after_amount(text: str, low: bytes, hits: Iterator[re.Match[bytes]], name: re.Pattern[str]) -> bool:
    """True when one of ``hits`` (first words of names in ``low``, the folded UTF-8 of ``text``
    padded by a space) starts a ``name`` where the grammar reads one: right after an amount."""
    ascii_ = text.isascii()
    offset = done = 0
    for hit in hits:
        at = hit.start()  # the word starts at hit.start() + 1 of the padded text, hit.start() of low
        if ascii_:
            offset = at
        else:
            offset += len(low[done:at].decode("utf-8", "surrogatepass"))
            done = at
        if name.match(text, offset) and _after_amount(text, offset):
            return True
    return False


def _space_before(text: str, pos: int) -> int:
    """``pos`` moved back over the white space before it."""
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos


def _after_amount(text: str, pos: int) -> bool:
    """True when a name at ``pos`` may follow an amount as the grammar reads it: the amount's digit,
    number word or scale word, then spaces or a dash, perhaps ``of``/``de`` and spaces (``5
    million of dollars``, ``50,- Kč``)."""
    end, of_word = _amount_end()
    for at in (pos, _of_before(text, pos, of_word)):
        if at is None:
            continue
        e = _space_before(text, at)
        if e > 0 and end.search(text, max(0, e - 40), e):
            return True
        if text[at - 1:at] == "-" and at > 1 and end.search(text, max(0, at - 41), at - 1):
            return True  # "a 5-dollar fee"
    return False


def _of_before(text: str, pos: int, of_word: re.Pattern[str]) -> int | None:
    """Where the ``of``/``de`` before the spaces before ``pos`` starts, if one is there."""
    e = _space_before(text, pos)
    if e == pos:
        return None
    m = of_word.search(text, max(0, e - 8), e)
    return m.start() if m else None


@lru_cache(maxsize=None)
def _amount_end() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What ends an amount (a digit, a price's ``,-``, a number or scale word of any language, or
    the last word of one written in several), and the words between an amount and its currency."""
    found = {r["word"] for lang in LANGUAGES for r in read_vocab("number_words", lang)}
    found |= {r["word"] for r in (*read_lookup("scales"), *read_vocab_all("scales"))}
    found |= {phrase.replace("-", " ").split()[-1] for phrase in list(found)}
    end = compile_cached(r"(?:\d|\d[,.]-|(?<![^\W\d_])(?i:" + trie_pattern(found) + r"))\Z")
    return end, re.compile(r"(?i:" + alt("currency_of") + r")\Z")
