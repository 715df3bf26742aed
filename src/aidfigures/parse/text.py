"""Text structure: the document's language, its sentences and its paragraphs, as character spans."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from ..lang import read_vocab
from ..lookups import words

__all__ = ["MAX_SENTENCE", "detect_language", "Layout", "find_layout"]

_WORDS = re.compile(r"[^\W\d_]+")
#: The UTF-8 bytes of a lower-case text with every ASCII byte but a letter as a space: a word of
#: only ASCII letters is then one of :data:`_WORDS`' words, whole.
_ASCII_WORDS = bytes(c if 97 <= c <= 122 or c >= 128 else 32 for c in range(256))
#: A word in lower case with a letter of Spanish spelling (``recibió``, ``dólares``, ``año``), or an
#: opening ``¿``/``¡``; capitalized words are left out: English text names ``Bogotá`` and ``Mérida``.
_SPANISH_SPELLING = re.compile(r"(?<![^\W\d_])[a-záéíóúüñ]*[áéíóúüñ]|[¿¡]")


@lru_cache(maxsize=None)
def _stopwords(lang: str) -> frozenset[str]:
    return frozenset(r["word"] for r in read_vocab("stopwords", lang))


@lru_cache(maxsize=None)
def _ascii_stopwords(lang: str) -> frozenset[bytes]:
    return frozenset(w.encode("ascii") for w in _stopwords(lang) if w.isascii())


def _stopword_count(words: list[bytes], others: list[str], lang: str) -> int:
    """How many of ``words`` (ASCII) and ``others`` are stop words of ``lang``."""
    return sum(map(_ascii_stopwords(lang).__contains__, words)) + sum(map(_stopwords(lang).__contains__, others))


def detect_language(text: str, sample: int = 1500) -> str:
    """Return ``"es"`` or ``"en"`` from the share of common function words in the text.

    Examples
    --------
    >>> detect_language("La embajadora manifestó que la ayuda al Perú ascendió a 70 millones de dólares.")
    'es'
    >>> detect_language("Peru received 56.4 million dollars in military and police aid in 2006.")
    'en'
    """
    # the words of :data:`_WORDS` (letters), counted as bytes where they are ASCII (most are: faster
    # than the pattern), and read by the pattern only in the pieces that hold other characters
    pieces = text[:sample].lower().encode("utf-8", "surrogatepass").translate(_ASCII_WORDS).split()
    others = [p for p in pieces if not p.isascii()]
    found = _WORDS.findall(b" ".join(others).decode("utf-8", "surrogatepass")) if others else []
    es = _stopword_count(pieces, found, "es")  # how many of the words are Spanish stop words
    en = _stopword_count(pieces, found, "en")
    if es == en:  # too few function words to tell (a headline, one short sentence)
        return "es" if _SPANISH_SPELLING.search(text, 0, sample) else "en"
    return "es" if es > en else "en"


_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")
_END = re.compile(r"[.!?][.!?\"”’')\]]*(?=\s+[\"“‘(¿¡]?[A-Z0-9ÁÉÍÓÚÑ])")


@dataclass(frozen=True)
class Layout:
    """Sentence and paragraph spans of one text, with fast lookups by character offset."""

    sentences: tuple[tuple[int, int], ...]
    paragraphs: tuple[tuple[int, int], ...]

    def sentence_index(self, pos: int) -> int:
        """Index of the sentence holding ``pos`` (bisecting the sentences' starts, listed on first use)."""
        starts = self.__dict__.get("_sentence_starts")
        if starts is None:
            starts = self.__dict__["_sentence_starts"] = [a for a, _ in self.sentences]
        return max(0, bisect_right(starts, pos) - 1)

    def paragraph_index(self, pos: int) -> int:
        """Index of the paragraph holding ``pos`` (bisecting the paragraphs' starts, listed on first use)."""
        starts = self.__dict__.get("_paragraph_starts")
        if starts is None:
            starts = self.__dict__["_paragraph_starts"] = [a for a, _ in self.paragraphs]
        return max(0, bisect_right(starts, pos) - 1)


def _wrapped(text: str, sample: int = 200) -> bool:
    """True for hard-wrapped text (PDF or cable copies), where a line break is not a boundary."""
    lines = [ln.strip() for ln in text.split("\n", sample)[:sample]]
    lines = [ln for ln in lines if ln]
    if len(lines) < 4:
        return False
    continued = sum(1 for a, b in zip(lines, lines[1:], strict=False) if a[-1] not in ".!?:\"”" and
                    (b[0].islower() or a[-1] in ",-("))
    upper = sum(ln.isupper() for ln in lines)
    return continued >= 0.15 * len(lines) or upper >= 0.5 * len(lines)


def find_layout(text: str) -> Layout:
    """Split a text into sentences and paragraphs (character spans covering the text).

    Sentences end at ``.``/``!``/``?`` before a capital (not after abbreviations such as
    ``U.S.`` or ``Dec.``), at blank lines, and, unless the text is hard-wrapped, at line
    breaks. A sentence longer than :data:`MAX_SENTENCE` characters is cut into pieces (at a
    line break, else after a ``;`` or ``,``, else at a space). Paragraphs end at blank lines,
    and at line breaks in unwrapped text.

    Examples
    --------
    >>> t = "Peru got $5 million from the U.S. in 2006. Colombia got more.\\n\\nNew paragraph."
    >>> lay = find_layout(t)
    >>> [t[a:b].strip() for a, b in lay.sentences]
    ['Peru got $5 million from the U.S. in 2006.', 'Colombia got more.', 'New paragraph.']
    >>> len(lay.paragraphs)
    2
    """
    wrapped = _wrapped(text)
    abbreviations = words("abbreviation")
    cuts = [0]
    for m in _END.finditer(text):
        if text[m.start()] == ".":
            a = m.start()
            space = max(text.rfind(" ", a - 12, a), text.rfind("\n", a - 12, a), a - 13)
            token = text[space + 1:a].lstrip("(\"“'").lower()
            if token in abbreviations or (len(token) == 1 and token.isalpha()):
                continue
        cuts.append(m.end())
    para_cuts = [0] + [m.end() for m in (_BLANK_LINE if wrapped else _LINE_BREAK).finditer(text)]
    cuts.extend(para_cuts)
    return Layout(_bounded(_spans(cuts, text), text), _spans(para_cuts, text))


#: The longest sentence, in characters: a longer run of text with no sentence end (an ALL-CAPS
#: cable, wrapped or tabular text, a list) is cut into pieces of at most this length, so what is
#: read per figure (and stored in its ``sentence`` cell) stays bounded.
MAX_SENTENCE: Final = 1000
#: Where to cut a long sentence, best first: a line break, a ``;`` or ``,``, a space.
_BREAKS: Final = ("\n", "; ", ", ", " ")


def _bounded(spans: tuple[tuple[int, int], ...], text: str,
             cap: int = MAX_SENTENCE) -> tuple[tuple[int, int], ...]:
    """``spans`` with each span longer than ``cap`` cut into pieces of at most ``cap`` characters,
    each at the best break (see ``_BREAKS``) in the second half of its window, else at ``cap``."""
    if all(b - a <= cap for a, b in spans):
        return spans
    out: list[tuple[int, int]] = []
    for a, b in spans:
        while b - a > cap:
            cut = a + cap
            for br in _BREAKS:
                k = text.rfind(br, a + cap // 2, a + cap - len(br) + 1)
                if k >= 0:
                    cut = k + len(br)
                    break
            out.append((a, cut))
            a = cut
        out.append((a, b))
    return tuple(out)


def _spans(cuts: list[int], text: str) -> tuple[tuple[int, int], ...]:
    n = len(text)
    points = sorted({c for c in cuts if 0 <= c < n})
    points.append(n)
    out: list[tuple[int, int]] = []
    for a, b in zip(points, points[1:], strict=False):
        if out and text[a:b].isspace():  # (a < b: blanks only; faster than a search for a non-blank)
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return tuple(out)
