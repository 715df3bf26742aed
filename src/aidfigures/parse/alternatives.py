"""The next-best recipients and years a figure's attribution weighed, as the ``alternatives`` text."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .choice import Choice
from .recipient_features import Recipient
from .year_index import YearChoice
from .years import SHIFT, Year, shifted_year

__all__ = ["NONE", "format_alternatives", "parse_alternatives", "recipient_alternatives", "year_alternatives"]

#: How a "no recipient" / "no year" alternative is written.
NONE = "none"
#: At most this many alternatives per field; those below :data:`_FLOOR` are left out.
_MAX = 3
_FLOOR = 0.01
_ENTRY = re.compile(r"^(?P<value>.+) (?P<p>[01]\.\d\d)$")
#: where a field's list starts (a group's name may hold "; ", as in ``Peru; Bolivia``)
_FIELD = re.compile(r"(?:^|; )(recipient|year): ")


def recipient_alternatives(choice: Choice[Recipient], n: int = _MAX) -> list[tuple[str | None, float]]:
    """The recipients ranked after the chosen one: ``(ISO3 or label, probability)``, ``None`` for none.

    A country is written as its ISO3 code, a group or region as the name the figures table gives it.

    Examples
    --------
    >>> peru, andes = Recipient("PER", "Peru", "PER"), Recipient("ANDEAN", "Andean region", None)
    >>> c = Choice(peru, 0.7, ((peru, 0.7), (None, 0.2), (andes, 0.1)))
    >>> recipient_alternatives(c)
    [(None, 0.2), ('Andean region', 0.1)]
    """
    chosen = _recipient_value(choice.value)
    out: list[tuple[str | None, float]] = []
    for cand, p in choice.ranked:
        value = _recipient_value(cand)
        if value != chosen and p >= _FLOOR and all(v != value for v, _ in out):
            out.append((value, p))
    return out[:n]


def _recipient_value(cand: Recipient | None) -> str | None:
    return None if cand is None else cand.iso3 or cand.name


def year_alternatives(choice: Choice[Year], text: str, end: int, n: int = _MAX) -> list[tuple[int | None, float]]:
    """The years ranked after the chosen one, each with the probability summed over its candidates.

    Sums as :func:`~aidfigures.parse.year_choice.choose_year` does (a ``year earlier`` after the
    figure at ``end`` in ``text`` shifts every candidate), so the chosen year's sum is its confidence.

    Examples
    --------
    >>> ys = ((Year("2006", 0, 4, 2006), 0.5), (None, 0.3),
    ...       (Year("2007", 9, 13, 2007), 0.1), (Year("2007", 20, 24, 2007), 0.1))
    >>> year_alternatives(Choice(ys[0][0], 0.5, ys), "", 0)
    [(None, 0.3), (2007, 0.2)]
    """
    if isinstance(choice, YearChoice) and choice.sums:  # summed by choose_year already
        sums: Sequence[tuple[int | None, float]] = choice.sums
    else:
        ranked: Sequence[tuple[Year | None, float]] = choice.ranked
        if SHIFT.match(text, end, end + 30) is not None:
            ranked = [(None if v is None else shifted_year(text, end, v), p) for v, p in ranked]
        total: dict[int | None, float] = {}
        for v, p in ranked:
            key = None if v is None else v.year
            total[key] = total.get(key, 0.0) + p
        sums = list(total.items())
    chosen = None if choice.value is None else choice.value.year
    best = sorted(((k, p) for k, p in sums if k != chosen and p >= _FLOOR), key=lambda kv: -kv[1])
    return best[:n]


def format_alternatives(recipients: Sequence[tuple[str | None, float]],
                        years: Sequence[tuple[int | None, float]]) -> str | None:
    """The ``alternatives`` column's text: ``recipient: COL 0.21 | none 0.05; year: 2007 0.12``.

    Fields with no alternative are left out; ``None`` when neither has one.

    Examples
    --------
    >>> format_alternatives([("COL", 0.214), (None, 0.05)], [(2007, 0.12)])
    'recipient: COL 0.21 | none 0.05; year: 2007 0.12'
    >>> format_alternatives([], []) is None
    True
    """
    parts = []
    for field, found in (("recipient", recipients), ("year", years)):
        if found:
            parts.append(f"{field}: " + " | ".join(f"{NONE if v is None else v} {p:.2f}" for v, p in found))
    return "; ".join(parts) or None


def parse_alternatives(text: str | None) -> dict[str, list[tuple[str | None, float]]]:
    """Read an ``alternatives`` text back: field -> [(value or None, probability)], values as written.

    Examples
    --------
    >>> parse_alternatives("recipient: COL 0.21 | Peru; Bolivia 0.05 | none 0.03; year: 2007 0.12")
    {'recipient': [('COL', 0.21), ('Peru; Bolivia', 0.05), (None, 0.03)], 'year': [('2007', 0.12)]}
    >>> parse_alternatives(None)
    {}
    """
    out: dict[str, list[tuple[str | None, float]]] = {}
    if not isinstance(text, str) or not text.strip():
        return out
    marks = list(_FIELD.finditer(text))
    for k, mark in enumerate(marks):
        rest = text[mark.end():marks[k + 1].start() if k + 1 < len(marks) else len(text)]
        entries = out.setdefault(mark.group(1), [])
        for entry in rest.split(" | "):
            m = _ENTRY.match(entry.strip())
            if m:
                value = m.group("value")
                entries.append((None if value == NONE else value, float(m.group("p"))))
    return out
