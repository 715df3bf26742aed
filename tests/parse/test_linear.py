"""Extraction time grows linearly with the text on adversarial recipes (growth ratio, not absolute time)."""

from __future__ import annotations

import time

import pytest
from script_loader import load_script

import aidfigures as af

adversarial = load_script("benchmarks/adversarial.py")

pytestmark = pytest.mark.filterwarnings("ignore::aidfigures.errors.DocumentWarning")  # figures skipped: expected

#: Small sizes, so the whole test runs in seconds; quadratic recipes already show at these.
N = 3000
#: Times under this many seconds count as this much: too short for their ratio to mean anything.
FLOOR = 0.02
#: Linear time doubles from n to 2n; quadratic quadruples. Generous for a shared machine.
LIMIT = 3.0


def _best(text: str, runs: int = 2) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        af.extract(text)
        best = min(best, time.perf_counter() - t0)
    return max(best, FLOOR)


@pytest.mark.parametrize("recipe", sorted(adversarial.RECIPES))
def test_time_grows_linearly(recipe):
    build = adversarial.RECIPES[recipe]
    af.extract(build(50))  # patterns compiled and models read before timing
    small, large = _best(build(N)), _best(build(2 * N))
    if large / small >= LIMIT:  # one retry: another process may have taken the core
        small, large = _best(build(N)), _best(build(2 * N))
    assert large / small < LIMIT, f"{recipe}: {small:.3f} s at {N} chars, {large:.3f} s at {2 * N}"


#: Patterns that once had adjacent unbounded repeats (quadratic or worse per match): their
#: ``finditer`` over runs of digits, spaces, line breaks... must now grow linearly.
FIXED_PATTERNS = [
    "aidfigures.parse.currencies.markers(en)[could_follow]",
    "aidfigures.parse.currencies.markers(es)[could_follow]",
    "aidfigures.parse.money_edges._SHARED",
    "aidfigures.parse.recipient_features._cues(en)[verb]",
    "aidfigures.parse.recipient_features._cues(es)[verb]",
    "aidfigures.analysis.claims._AMOUNT_GAP",
]


@pytest.mark.parametrize("name", FIXED_PATTERNS)
def test_pattern_grows_linearly(name):
    assert name in dict(adversarial._patterns())
    assert adversarial.audit(size=300, limit=LIMIT, only={name}) == []


@pytest.mark.parametrize("sentence", [
    "A year later it rose in 1990. ",
    "In 1990, two years later, more came. ",
])
def test_long_chain_of_years_counted_back(sentence):
    """Each sentence counts from the one before: read in a loop, not a recursion per sentence."""
    df = af.extract(sentence * 1500 + "A year later Peru got $5 million.")
    assert df["text"].tolist() == ["$5 million"] and df["year"].notna().all()
