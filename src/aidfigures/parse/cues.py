"""Cue words that say what a figure is: measure, category, aid or not, multi-year totals, donors, programs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lang import LANGUAGES, read_vocab
from ..lookups import read_lookup
from .alternation import by_char, by_first_char
from .regex_cache import compile_cached
from .trie import trie_pattern

__all__ = ["Cue", "find_cues", "find_donors", "find_programs", "Program"]


@dataclass(frozen=True)
class Cue:
    """A cue word found in a text: the field it informs and the value it suggests."""

    field: str
    value: str
    start: int
    end: int


@dataclass(frozen=True)
class Program:
    """A named program, account or initiative, with the recipient and category it implies."""

    name: str
    recipient: str | None
    category: str | None
    start: int
    end: int


@lru_cache(maxsize=None)
def _cue_patterns(lang: str,
                  folded: bool) -> tuple[re.Pattern[str], list[tuple[re.Pattern[str], list[tuple[str, str]]]]]:
    """A pattern for any cue, then one anchored pattern per field.

    The text is scanned once for any cue; at each hit every field's own pattern is tried, so a
    word that cues two fields (``package``: aid, and a multi-year total) is seen by both.
    ``folded`` patterns are lower-cased and matched on lower-cased text, which is about three
    times faster than ``re.IGNORECASE``.
    """
    space = r"\s+"
    fields = []
    rows = _cue_rows(lang)
    flags = 0 if folded else re.I
    for field in dict.fromkeys(r["field"] for r in rows):
        mine = [r for r in rows if r["field"] == field]
        cased = [r["pattern"].lower() if folded else r["pattern"] for r in mine]
        body = "|".join(f"(?P<c{i}>{p.replace(' ', space)})" for i, p in enumerate(cased))
        fields.append((compile_cached(rf"(?:{body})(?![\w])", flags), [(field, r["value"]) for r in mine]))
    every = "|".join((r["pattern"].lower() if folded else r["pattern"]).replace(" ", space) for r in rows)
    if folded:  # its words grouped by first character: the same matches, found faster
        every = by_first_char(every)
    return compile_cached(rf"(?<![\w-])(?:{every})(?![\w])", flags), fields


def _cue_rows(lang: str) -> list[dict[str, str]]:
    """The cue rows of ``lang``: ``lookups/cues.csv``'s, with ``lang/<lang>/aid_fields.csv``'s after the
    measure and category fields."""
    rows = [r for r in read_lookup("cues") if r["lang"] in ("", lang)]
    # the aid and not_aid fields are per-language data, read after the measure and category fields as before
    split = next((k for k, r in enumerate(rows) if r["field"] not in ("measure", "category")), len(rows))
    rows[split:split] = list(read_vocab("aid_fields", lang if lang in LANGUAGES else LANGUAGES[0]))
    return rows


@lru_cache(maxsize=None)
def _fields_by_char(lang: str, folded: bool) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """Which fields of :func:`_cue_patterns` can match where a character stands (all of them unless ``folded``)."""
    rows = _cue_rows(lang)
    names = list(dict.fromkeys(r["field"] for r in rows))
    if not folded:
        return {}, tuple(range(len(names)))
    return by_char(["|".join(r["pattern"].lower().replace(" ", r"\s+") for r in rows if r["field"] == field)
                    for field in names])


def find_cues(text: str, lang: str = "en", start: int = 0, end: int | None = None) -> list[Cue]:
    """Find cue words in ``text[start:end]`` (positions are in ``text``), in text order.

    Examples
    --------
    >>> [(c.field, c.value) for c in find_cues("Peru received military and police aid")]
    [('measure', 'disbursed'), ('category', 'military_police'), ('aid', 'aid')]
    >>> [(c.field, c.value) for c in find_cues("he paid bribes")]
    [('not_aid', 'bribe')]
    """
    out: list[Cue] = []
    stop = len(text) if end is None else end
    low = text[start:stop].lower()
    folded = len(low) == stop - start  # lower() can change the length of a few characters
    target, base, pos, stop = (low, start, 0, stop - start) if folded else (text, 0, start, stop)
    anything, fields = _cue_patterns(lang, folded)
    table, other = _fields_by_char(lang, folded)
    reach: dict[str, int] = {}  # per field, where its last cue ended: no cue inside another
    while (hit := anything.search(target, pos, stop)) is not None:
        for k in table.get(target[hit.start()], other):  # the fields whose words can start with that character
            pattern, labels = fields[k]
            field = labels[0][0]
            m = pattern.match(target, hit.start(), stop)
            if m and m.start() >= reach.get(field, 0):
                reach[field] = m.end()
                i = int((m.lastgroup or "c0")[1:])
                out.append(Cue(field, labels[i][1], m.start() + base, m.end() + base))
        pos = hit.start() + 1
    return out


@lru_cache(maxsize=None)
def _name_pattern(table: str, lang: str) -> tuple[re.Pattern[str], dict[str, dict[str, str]]]:

    rows = {" ".join(r["alias"].split()): r for r in read_lookup(table) if r.get("lang", "") in ("", lang)}
    return compile_cached(rf"(?:{trie_pattern(rows)})(?![\w])"), rows


def _names(pattern: re.Pattern[str], text: str, pos: int, endpos: int | None):
    """Matches of a name pattern that start a word (checked here: a look-behind would be slow)."""
    for m in pattern.finditer(text, pos, len(text) if endpos is None else endpos):
        if not m.start() or not (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_."):
            yield m


def find_donors(text: str, lang: str = "en", pos: int = 0, endpos: int | None = None) -> list[tuple[str, int, int]]:
    """Find donor names as (canonical name, start, end).

    Examples
    --------
    >>> find_donors("Washington has set the aid for Peru, USAID said")
    [('United States', 0, 10), ('United States', 37, 42)]
    """
    pattern, rows = _name_pattern("donors", lang)
    return [(rows[" ".join(m.group().split())]["name"], m.start(), m.end()) for m in _names(pattern, text, pos, endpos)]


def find_programs(text: str, lang: str = "en", pos: int = 0, endpos: int | None = None) -> list[Program]:
    """Find named programs and initiatives (``Plan Colombia``, ``Mérida Initiative``, ``FMF``).

    Examples
    --------
    >>> [(p.name, p.recipient, p.category) for p in find_programs("under Plan Colombia and the FMF account")]
    [('Plan Colombia', 'COL', 'counternarcotics'), ('Foreign Military Financing', None, 'military')]
    """
    pattern, rows = _name_pattern("programs", lang)
    out = []
    for m in _names(pattern, text, pos, endpos):
        r = rows[" ".join(m.group().split())]
        out.append(Program(r["name"], r["recipient"] or None, r["category"] or None, m.start(), m.end()))
    return out
