"""A long regex alternation regrouped by first character, so a scan tries only the words that can start there."""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["by_first_char", "first_chars", "by_char", "scan"]

#: how deep a leading group (``(?:its|their) own``) is opened to find its words' first characters
_DEPTH = 3


def _structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """``(offset, char, depth after it)`` of each ``(``, ``)`` and ``|`` of ``pattern`` outside escapes
    and character classes."""
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch in "()|":
            depth += (ch == "(") - (ch == ")")
            yield i, ch, depth
        i += 1


def _split(body: str) -> list[str]:
    """The top-level alternatives of a regex body (``|`` outside groups and character classes)."""
    cuts = [i for i, ch, depth in _structure(body) if ch == "|" and depth == 0]
    return [body[a + 1:b] for a, b in zip([-1, *cuts], [*cuts, len(body)], strict=True)]


def _group_end(alt: str) -> int:
    """The offset of the ``)`` that closes the group ``alt`` opens with, or -1."""
    return next((i for i, ch, depth in _structure(alt) if ch == ")" and depth == 0), -1)


def _first(alt: str) -> str | None:
    """The character every match of ``alt`` starts with, when it is a plain one (a letter, digit,
    space, hyphen or apostrophe not made optional nor repeated); else None."""
    if not alt or not (alt[0].isalnum() or alt[0] in " -'’") or alt[1:2] in ("?", "*", "+", "{"):
        return None
    return alt[0]


def _expand(alt: str, depth: int = 0) -> list[str] | None:
    """``alt`` as alternatives that each start with a plain character, in the order a match tries them:
    ``(?:A|B)C`` is ``AC|BC`` and ``(?:A|B)+C`` is ``A(?:A|B)*C|B(?:A|B)*C``; None when it cannot say."""
    if _first(alt) is not None:
        return [alt]
    if depth >= _DEPTH or not alt.startswith("(?:"):
        return None
    j = _group_end(alt)
    if j < 0:
        return None
    inner, rest = alt[3:j], alt[j + 1:]
    tail = rest
    if rest[:1] == "+":
        if rest[1:2] in ("?", "+"):  # lazy or possessive: leave it
            return None
        tail = f"(?:{inner})*{rest[1:]}"
    elif rest[:1] in ("?", "*", "{"):
        return None
    out: list[str] = []
    for part in _split(inner):
        found = _expand(part + tail, depth + 1) if part else None
        if found is None:
            return None
        out += found
    return out


def by_first_char(body: str) -> str:
    r"""``body`` (a regex alternation, matched case-sensitively) regrouped by the first character of
    its alternatives: ``aid|funds|assistance`` becomes ``a(?:id|ssistance)|f(?:unds)``.

    Alternatives that start with different characters never match at the same place, and those that
    start alike keep their order, so the regrouped pattern matches exactly what ``body`` matches; a
    scan tries a few groups at each place instead of every alternative. An alternative whose first
    character cannot be told (a class, an escape, an optional start) stays where it is, and the runs
    of alternatives before and after it are regrouped apart. Backreferences and numbered groups are
    not expected in ``body``.

    Examples
    --------
    >>> by_first_char("aid|funds|assistance")
    'a(?:id|ssistance)|f(?:unds)'
    >>> by_first_char(r"(?:its|their)\s+own|aid")
    'i(?:ts\\s+own)|t(?:heir\\s+own)|a(?:id)'
    >>> by_first_char(r"aid|\d+-year|aids")
    'a(?:id)|\\d+-year|a(?:ids)'
    """
    out: list[str] = []
    groups: dict[str, list[str]] = {}

    def flush() -> None:
        out.extend(f"{re.escape(ch)}(?:{'|'.join(rests)})" for ch, rests in groups.items())
        groups.clear()

    for alt in _split(body):
        found = _expand(alt)
        if found is None:  # its first character cannot be told: it keeps its place between two runs
            flush()
            out.append(alt)
            continue
        for a in found:
            groups.setdefault(a[0], []).append(a[1:])
    flush()
    return "|".join(out)


def first_chars(body: str) -> frozenset[str] | None:
    r"""The characters a match of ``body`` (matched case-sensitively) can start with, or None when
    that cannot be told (see :func:`by_first_char`).

    Examples
    --------
    >>> sorted(first_chars(r"aid|(?:its|their)\s+own"))
    ['a', 'i', 't']
    >>> first_chars(r"aid|\d+-year") is None
    True
    """
    out: set[str] = set()
    for alt in _split(body):
        found = _expand(alt)
        if found is None:
            return None
        out.update(a[0] for a in found)
    return frozenset(out)


def by_char(bodies: list[str]) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    r"""For each character, the indices of ``bodies`` whose matches can start with it (in order), and the
    indices of those that may start with any character (the answer for a character none names).

    Examples
    --------
    >>> by_char(["aid|fund", "gave", r"\w+ly"])
    ({'a': (0, 2), 'f': (0, 2), 'g': (1, 2)}, (2,))
    """
    starts = [first_chars(b) for b in bodies]
    chars = sorted({ch for s in starts if s is not None for ch in s})
    table = {ch: tuple(k for k, s in enumerate(starts) if s is None or ch in s) for ch in chars}
    return table, tuple(k for k, s in enumerate(starts) if s is None)


def scan(pattern: re.Pattern[str], starts: re.Pattern[str] | None, text: str, pos: int = 0,
         endpos: int | None = None) -> list[re.Match[str]]:
    r"""``pattern.finditer(text, pos, endpos)``, with ``pattern`` tried only where ``starts`` matches (every
    place a match of ``pattern`` can start must be one: its first words, say); ``starts`` None: the plain
    ``finditer``. A pattern that opens with a look-behind or ``\b`` is tried at every place of a plain scan.

    Examples
    --------
    >>> [m.group() for m in scan(re.compile(r"\bfrom \d+"), re.compile("from"), "from 5 fromage from 7")]
    ['from 5', 'from 7']
    """
    stop = len(text) if endpos is None else endpos
    if starts is None:
        return list(pattern.finditer(text, pos, stop))
    out = []
    while (hit := starts.search(text, pos, stop)) is not None:
        at = hit.start()
        m = pattern.match(text, at, stop)  # its look-behinds and \b see the text before ``at``, as in finditer
        if m is None:
            pos = at + 1
        else:
            out.append(m)
            pos = m.end() if m.end() > at else at + 1
    return out
