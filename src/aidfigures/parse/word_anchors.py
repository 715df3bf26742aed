"""Number words and where an amount in words can start (its anchors), found fast in a long text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import lru_cache

from ..lang import LANGUAGES, read_vocab
from ..lookups import read_lookup
from .regex_cache import compile_cached
from .trie import trie_pattern

__all__ = ["anchors", "number_words", "phrase_anchor", "scale_words", "word_alt"]


@lru_cache(maxsize=None)
def number_words(lang: str) -> dict[str, tuple[Decimal, str]]:
    """The number words of ``lang``: each word's value and kind (``unit``, ``hundred``, ``article``...)."""
    return {r["word"]: (Decimal(r["value"]), r["kind"]) for r in read_vocab("number_words", lang)}


@lru_cache(maxsize=None)
def scale_words(lang: str) -> dict[str, int]:
    """Scale words written out (``million``, ``mil millones``), not abbreviations (``m``, ``bn``)."""
    own = read_vocab("scales", lang) if lang in LANGUAGES else ()
    return {r["word"].lower(): int(r["exponent"]) for r in (*read_lookup("scales"), *own)
            if len(r["word"]) > 3 or r["word"] == "mil" and lang == "es"}


def word_alt(words: Iterable[str]) -> str:
    """``words`` as one pattern (in lower case), a space or dash in one matching spaces and dashes."""
    return trie_pattern({w.lower().replace("-", " ") for w in words}, space=r"[\s-]+")


@lru_cache(maxsize=None)
def _anchor_kinds(lang: str) -> tuple[str, ...]:
    """The kinds of :func:`phrase_anchor`, in its order, each without the ``\\b`` before it."""
    words, scales = number_words(lang), list(scale_words(lang))
    strong = [w for w, (_, kind) in words.items() if kind in ("unit", "hundred", "fraction")]
    articles = [w for w, (_, kind) in words.items() if kind == "article"]
    leads = [w for w, (_, kind) in words.items() if kind == "lead"]  # "mil doscientos millones", "mil millones"
    kinds = ["(?:" + word_alt(strong) + r")\b", "(?:" + word_alt(articles) + r")\s+(?:" + word_alt(scales) + r")\b"]
    if leads:
        kinds.append("(?:" + word_alt(leads) + r")\s+(?:" + word_alt(strong + scales) + r")\b")
    return tuple(kinds)


@lru_cache(maxsize=None)
def phrase_anchor(lang: str) -> re.Pattern[str]:
    """Where an amount in words can start: a number word (``seven``, ``cuatrocientos``, ``half a``),
    an article right before a scale word (``a million``, ``un millón``) or a scale word that starts a
    number by itself before another (``mil doscientos millones``, ``mil millones``)."""
    return compile_cached(r"(?i:" + "|".join(r"\b" + kind for kind in _anchor_kinds(lang)) + ")")


@lru_cache(maxsize=None)
def _folded_anchor(lang: str) -> tuple[re.Pattern[str], re.Pattern[bytes] | None] | None:
    """:func:`phrase_anchor` for lower-cased text padded by a space at the start, without ``(?i)``
    (about twice as fast), or ``None`` when the pattern is not all lower case. An anchor starts with a
    letter: its ``\\b`` is read as the ``\\W`` before it; a match starts where phrase_anchor's does
    in the text (one character before it, in the padded text). With it, :func:`_heads_pattern`."""
    source = phrase_anchor(lang).pattern
    inner = source[len("(?i:"):-1] if source.startswith("(?i:") and source.endswith(")") else ""
    if not inner or inner != inner.lower():
        return None
    return compile_cached(r"\W(?:" + "|".join(_anchor_kinds(lang)) + ")"), _heads_pattern(lang)


def _heads_pattern(lang: str) -> re.Pattern[bytes] | None:
    """What :func:`anchors` looks for in the text's bytes (every character a byte, a space but for an
    ASCII letter): a space, then an anchor's words of ASCII letters up to the first that is not (of
    which its leading letters), whole (``a quarter``, ``veintitr`` of ``veintitrés``, ``a million``);
    ``None`` when an anchor does not start with an ASCII letter."""
    by_kind: dict[str, list[str]] = {}
    for w, (_, kind) in number_words(lang).items():
        by_kind.setdefault(kind, []).append(w)
    strong = [w for k in ("unit", "hundred", "fraction") for w in by_kind.get(k, [])]
    nexts = {lead: strong + list(scale_words(lang)) for lead in by_kind.get("lead", [])}
    nexts.update({article: list(scale_words(lang)) for article in by_kind.get("article", [])})
    heads = set()
    for first in strong + list(nexts):
        head, whole = _head(first)
        heads |= {head + " " + _head(w)[0] for w in nexts[first]} if whole and first in nexts else {head}
    if any(h == "" or h.endswith(" ") for h in heads):
        return None
    # (a look-ahead: a head that runs over the next, "mil, veintiún", does not hide it)
    return compile_cached(b" (?=(?:" + trie_pattern(heads, space=" ++").encode("ascii") + b")(?![a-z]))")


def _head(words: str) -> tuple[str, bool]:
    """The words of ``words`` (lower-cased, a dash as a space) up to the first that is not all ASCII
    letters, then that one's leading ASCII letters, and whether all were."""
    out = []
    for w in words.lower().replace("-", " ").split():
        m = _ASCII_HEAD.match(w)
        head = m.group() if m else ""
        if head:
            out.append(head)
        if head != w:
            return " ".join(out), False
    return " ".join(out), True


_ASCII_HEAD = re.compile("[a-z]*")
#: Every byte but a lower-case ASCII letter, as a space.
_LOWER_ONLY = bytes(c if 97 <= c <= 122 else 32 for c in range(256))


def anchors(text: str, lang: str) -> Iterator[re.Match[str]]:
    """The matches of :func:`phrase_anchor` in ``text``, in order (of :func:`_folded_anchor`'s pattern
    in the text lower-cased, padded by a space, where lower-casing keeps its length). Its heads are
    looked for in the text's bytes first (a space then letters: about twice as fast as the pattern);
    the pattern is tried where one is, as its search would have: from the end of its last match on."""
    low, got = text.lower(), _folded_anchor(lang)
    if got is None or len(low) != len(text):  # lower() may change the length of a few characters
        yield from phrase_anchor(lang).finditer(text)
        return
    folded, heads = got
    padded = " " + low
    if heads is None:
        yield from folded.finditer(padded)
        return
    # each character one byte, a space but for an ASCII letter: every match starts at a head
    spaced = b" " + low.encode("ascii", "replace").translate(_LOWER_ONLY)
    done = 0
    for head in heads.finditer(spaced):
        at = head.start()
        if at >= done and (m := folded.match(padded, at)) is not None:
            done = m.end()
            yield m
