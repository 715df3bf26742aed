"""The features of a year candidate: its type and role, what the figure's clause and sentence say, how near it is."""

from __future__ import annotations

import re
from bisect import bisect_left

from .context import DocumentContext
from .cues import Cue
from .year_words import year_vocab
from .years import Year, counts_from_a_year

#: distance bins (characters between the year and the figure)
_BINS = (0, 8, 25, 60, 150, 400)
#: a decade (``the 1990s``, ``'80s``): the sentence speaks of a time, not of a year
_DECADE = re.compile(r"(?<!\d)(?:19|20)?\d0['’]?s\b")


#: which of ``year_vocab``'s patterns :func:`_sentence_spans` finds
_CUES, _AMOUNTS = 2, 3


def _sentence_spans(doc: DocumentContext, i: int, which: int) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the matches in sentence ``i`` of ``year_vocab(doc.lang)[which]``: the year
    cue words (``_CUES``) or what looks like an amount of money (``_AMOUNTS``). Found once per sentence,
    on the lower-cased sentence unless lowering changes its length."""
    cache = doc.__dict__.setdefault("_year_spans", {})
    if (i, which) not in cache:
        a, b = doc.layout.sentences[i]
        low = doc.text[a:b].lower()
        if len(low) != b - a:
            low = doc.text[a:b]
        vocab = year_vocab(doc.lang)
        pattern = vocab[2] if which == _CUES else vocab[3]
        cache[(i, which)] = [(m.start() + a, m.end() + a, m.lastgroup or "") for m in pattern.finditer(low)]
    return cache[(i, which)]


def _nearest_amount_is(doc: DocumentContext, i: int, y: Year, start: int, end: int) -> bool:
    """True when no other amount of the sentence is nearer the year than the figure is."""
    spans = _sentence_spans(doc, i, _AMOUNTS)
    mine = y.start - end if y.start >= end else start - y.end
    k = bisect_left(spans, (y.start, 0))
    for a, b, _ in spans[max(0, k - 1):k + 1]:
        if (b <= start or a >= end) and (a - y.end if a >= y.end else y.start - b) < mine:  # another amount, nearer
            return False
    return True


def _bin(gap: int) -> str:
    return str(next((b for b in reversed(_BINS) if gap >= b), 0))


def _type(y: Year | None) -> str:
    if y is None:
        return "none"
    if y.kind in ("published", "dateline", "relative"):
        return y.kind
    return "span" if y.year_end is not None or y.kind == "since" else "single"


def _role(doc: DocumentContext, y: Year) -> str | None:
    """The role of the words right before the year (``in``, ``for``...), found once per year offset."""
    cache = doc.__dict__.setdefault("_year_roles", {})
    if y.start not in cache:
        before, roles, _, _ = year_vocab(doc.lang)
        m = before.search(doc.text[max(0, y.start - 40):y.start].lower())
        cache[y.start] = roles.get(" ".join(m.group("w").split())) if m else None
    return cache[y.start]


def _ends(doc: DocumentContext, y: Year) -> bool:
    """True when the year ends a stretch of time (``through 2027``, ``hasta 2030``): no figure's own year."""
    return y.year_end is None and y.kind in ("year", "fiscal") and _role(doc, y) == "through"


def _context(doc: DocumentContext, c: tuple[int, int], i: int, cues: list[Cue], is_aid: bool) -> list[str]:
    """What the figure's clause and sentence say about its year, shared by every candidate."""
    out = {f"dated:{doc.dated_by or 'no'}"}
    for pos, _, kind in _sentence_spans(doc, i, _CUES):
        out.add(("c:" if c[0] <= pos < c[1] else "s:") + kind)
    decades = doc.__dict__.setdefault("_decades", {})
    if i not in decades:
        a, b = doc.layout.sentences[i]
        # every decade has "0s", "0'" or "0’" in it: a cheap test before the pattern
        t = doc.text[a:b]
        decades[i] = ("0s" in t or "0'" in t or "0’" in t) and _DECADE.search(doc.text, a, b) is not None
    if decades[i]:
        out.add("s:decade")
    if any(cu.field == "multi_year" for cu in cues):
        out.add("multi_year")
    if any(c[0] <= y.start < c[1] and _ends(doc, y) for y in doc.sentence_years(i)):
        out.add("until")  # "50 billion euros in support through 2027": a total with an end and no start
    if not is_aid:
        out.add("not_aid")
        if any(cu.field == "not_aid" and cu.value == "estimate" for cu in cues):
            out.add("estimate")
    return sorted(out)


def _features(doc: DocumentContext, y: Year | None, scope: str, context: list[str]) -> dict[str, float]:
    t = _type(y)
    f = {f"t:{t}": 1.0, f"scope:{scope}": 1.0}
    for g in context:
        if not g.startswith("s:"):
            f[f"{t}&{g}"] = 1.0
    if y is not None and y.kind not in ("published",):
        f[f"kind:{y.kind}"] = 1.0
        if y.kind == "relative" and counts_from_a_year(y.text):
            f["relative:narrative"] = 1.0  # "the following year": counted from a year of the text
        if doc.year:
            d = y.year - doc.year
            f["pub:" + ("future" if d > 0 else "same" if d == 0 else "last" if d == -1 else "old")] = 1.0
    return f


def _near(doc: DocumentContext, y: Year, scope: str, start: int, end: int, years: list[Year], money: re.Pattern[str],
          f: dict[str, float]) -> None:
    """Features of a year written near the figure: side, distance, what stands in between."""
    text = doc.text
    after = y.start >= end
    f[f"{scope}:{'after' if after else 'before'}"] = 1.0
    a, b = (end, y.start) if after else (y.end, start)
    gap = max(0, b - a)
    f[f"dist:{_bin(gap)}"] = 1.0
    between = text[a:b].lower() if gap < 2000 else ""
    n_money = sum(1 for _ in zip(range(2), money.finditer(between), strict=False))
    f[f"money_between:{n_money}"] = 1.0
    lo = bisect_left(years, a, key=_start)
    hi = bisect_left(years, b, key=_start)
    f[f"years_between:{min(2, hi - lo)}"] = 1.0
    if after and between.strip() in ("(", "[", "(for", "(en", "(in"):
        f["bracketed_after"] = 1.0  # "$1.4 billion (FY2008-FY2010)"
    if after and gap <= 16:
        role = year_vocab(doc.lang)[1].get(" ".join(between.split()))
        if role:
            f[f"right_after:{role}"] = 1.0  # "$5 million in 2006"
    if not after and money.search(text[max(0, y.start - 50):y.start].lower()):
        f["after_other_amount"] = 1.0  # "from $56.4 million in 2006 to $44.7 million"


def _start(y: Year) -> int:
    return y.start
