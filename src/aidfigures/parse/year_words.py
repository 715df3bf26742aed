"""The year words of a language (``lang/<lang>/year_cues.csv``) as the patterns the year choice uses."""

from __future__ import annotations

import re
from functools import lru_cache

from ..lang import read_vocab
from .regex_cache import compile_cached

__all__ = ["year_vocab"]

#: ``\w+`` (any word) and ``\d+`` (a number) in the patterns of year_cues.csv
_PLACEHOLDER = re.compile(r"(\\w\+|\\d\+)")

@lru_cache(maxsize=None)
def year_vocab(lang: str) -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str], re.Pattern[str]]:
    """The language's year words (lang/<lang>/year_cues.csv): a pattern for the words before a year,
    their roles, a pattern for cue words and one for money words."""
    lang = lang if lang in ("en", "es") else "en"
    rows = read_vocab("year_cues", lang)
    roles = {r["pattern"]: r["kind"][5:] for r in rows if r["kind"].startswith("prep:")}
    fillers = [re.escape(r["pattern"]) for r in rows if r["kind"] == "filler"]

    def body(words: list[str]) -> str:
        words = sorted(words, key=lambda w: (-len(w), w))
        return "|".join("".join(part if part in (r"\w+", r"\d+") else re.escape(part).replace(r"\ ", " ")
                                for part in _PLACEHOLDER.split(w)).replace(" ", r"\s+") for w in words)

    before = re.compile(rf"(?<!\w)(?P<w>{body(list(roles))})\s+(?:(?:{'|'.join(fillers)})\s+){{0,3}}$")
    kinds = [k for k in dict.fromkeys(r["kind"] for r in rows)
             if not k.startswith("prep:") and k not in ("filler", "money", "same_year")]
    # the word-boundary tests once around all kinds' groups (same matches, tried in the same order, 2x faster)
    cues = compile_cached(r"(?<!\w)(?:" + "|".join(rf"(?P<{k}>{body([r['pattern'] for r in rows if r['kind'] == k])})"
                                                for k in kinds) + r")(?!\w)")
    money = re.compile(rf"[$€£]\s?\d|\d\s*(?:{body([r['pattern'] for r in rows if r['kind'] == 'money'])})(?!\w)")
    return before, {" ".join(k.split()): v for k, v in roles.items()}, cues, money
