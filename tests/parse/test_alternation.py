"""Alternations regrouped by first character (parse/alternation.py) match exactly what they did before."""

import re

import pytest

from aidfigures.lang import LANGUAGES
from aidfigures.parse.aid import _patterns
from aidfigures.parse.alternation import by_first_char
from aidfigures.parse.cues import _cue_patterns

# (alternation, sentence), grouped by the form of the alternation
CASES = {
    # plain words, some sharing a first letter: the first listed still wins
    "words": ("aid|aids|assistance|funds", "Aids and assistance: funds, aid."),
    "prefix-first": ("fund|funds|funding", "funding for funds of the fund"),
    # a leading group opened into its words, in order
    "leading-group": (r"(?:its|their)\s+own|it", "it spent its own money and their own"),
    "repeated-group": (r"(?:big\s+|new\s+)+plans?|plan", "new big plans, a plan, big new plan"),
    # an alternative whose first character cannot be told keeps its place
    "digit-class": (r"aid|\d+-year|aids|2-years", "a 5-year aid plan, 2-years of aids"),
    "optional-start": (r"s?pend|spent|pending", "they spend, spent and were pending"),
    "class-start": (r"[ab]ank|bank|aid", "a bank and an aank for aid"),
}


@pytest.mark.parametrize("body, text", CASES.values(), ids=CASES.keys())
def test_same_matches(body: str, text: str) -> None:
    old = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")
    new = re.compile(rf"(?<![\w-])(?:{by_first_char(body)})(?![\w-])")
    assert [m.span() for m in new.finditer(text.lower())] == [m.span() for m in old.finditer(text.lower())]


def test_untellable_start_left_alone() -> None:
    assert by_first_char(r"\w+ly") == r"\w+ly"
    assert by_first_char(r"(?:a|b)?c|d") == r"(?:a|b)?c|d(?:)"


SENTENCES = [
    "Japan pledged $5 million in aid and gave grants to Haiti; the budget request was cut.",
    "Its own funds paid for the campaign contributions, not the foreign assistance package.",
    "The 3-year program of military and police aid was approved, then disbursed in part.",
    "El gobierno donó 2 millones de dólares en ayuda humanitaria y prometió más apoyo.",
    "Los daños superan los 900 millones; la cooperación internacional aportó 40 millones.",
]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("text", SENTENCES)
def test_cue_patterns_as_before(lang: str, text: str) -> None:
    """The cue scans built with the regrouping find what the same patterns without it find."""
    low = text.lower()
    anything, _ = _patterns(lang, True)
    plain = _patterns(lang, False)[0]
    assert [m.span() for m in anything.finditer(low)] == [m.span() for m in plain.finditer(low)]
    every, _ = _cue_patterns(lang, True)
    assert [m.span() for m in every.finditer(low)] == [m.span() for m in _cue_patterns(lang, False)[0].finditer(low)]


@pytest.mark.parametrize("text", SENTENCES)
def test_cues_by_first_character_as_all(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Trying only the kinds and fields whose words can start at a hit finds what trying them all finds."""
    from aidfigures.parse import aid, cues
    from aidfigures.parse.context import read_context

    def every(n: int) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
        return {}, tuple(range(n))

    fast = (aid.aid_cues(read_context(text), 0), cues.find_cues(text, read_context(text).lang))
    lang = read_context(text).lang
    monkeypatch.setattr(aid, "_kinds_by_char", lambda lang, folded: every(len(aid._patterns(lang, folded)[1])))
    monkeypatch.setattr(cues, "_fields_by_char", lambda lang, folded: every(len(cues._cue_patterns(lang, folded)[1])))
    assert fast == (aid.aid_cues(read_context(text), 0), cues.find_cues(text, lang))
    assert fast[0] and fast[1]
