"""The ``alternatives`` column: the next-best recipients and years the attribution weighed."""

from __future__ import annotations

import pytest

import aidfigures as af
from aidfigures.parse.alternatives import format_alternatives, parse_alternatives


def _row(text: str, amount_text: str) -> dict:
    figures = af.extract(text)
    return figures[figures["text"] == amount_text].iloc[0].to_dict()


# ---------------------------------------------------------------- a second country weighed
@pytest.mark.parametrize(("text", "amount", "other"), [
    ("Ecuador signed a border accord with Peru; later, $12 million in aid went to the river towns.",
     "$12 million", {"ECU", "PER"}),  # ("Ecuador and Peru signed ...": the two listed are one group candidate)
    ("Officials in Honduras said Guatemala received $8 million in police aid in 2009.", "$8 million", {"HND"}),
    ("Bolivia's minister met Chile's envoy, and $3 million in aid was approved in 2011.", "$3 million",
     {"BOL", "CHL"}),
])
def test_the_other_countries_of_the_sentence_are_alternatives(text: str, amount: str, other: set[str]) -> None:
    row = _row(text, amount)
    alts = parse_alternatives(row["alternatives"])
    named = {v for v, _ in alts.get("recipient", [])}
    chosen = row["recipient_iso3"] if isinstance(row["recipient_iso3"], str) else row["recipient"]
    assert chosen not in named  # the chosen one is not its own alternative
    assert (other - {chosen}) <= named


# ---------------------------------------------------------------- a second year weighed
@pytest.mark.parametrize(("text", "amount"), [
    ("In 2004 the plan was drafted, and Peru received $7 million in aid in 2006.", "$7 million"),
    ("Colombia got $40 million in 2008, after a request made in 2007.", "$40 million"),
])
def test_the_other_years_of_the_sentence_are_alternatives(text: str, amount: str) -> None:
    row = _row(text, amount)
    years = parse_alternatives(row["alternatives"]).get("year", [])
    others = {2004, 2006, 2007, 2008} & {int(y) for y, _ in years if y is not None}
    assert others and row["year"] not in others


def test_probabilities_are_best_first_and_below_the_chosen_ones() -> None:
    row = _row("Nicaragua and Costa Rica shared $9 million in aid in 2005 or 2006, Honduras said.", "$9 million")
    alts = parse_alternatives(row["alternatives"])
    for found in alts.values():
        ps = [p for _, p in found]
        assert ps == sorted(ps, reverse=True) and len(ps) <= 3 and all(p >= 0.01 for p in ps)
    assert sum(p for _, p in alts.get("year", [])) <= 1 - row["confidence"] + 0.01


# ---------------------------------------------------------------- the text form
@pytest.mark.parametrize(("recipients", "years", "text"), [
    ([("COL", 0.214)], [], "recipient: COL 0.21"),
    ([], [(None, 0.3), (2007, 0.125)], "year: none 0.30 | 2007 0.12"),
    ([("Peru; Bolivia", 0.05), (None, 0.02)], [(1999, 0.5)],
     "recipient: Peru; Bolivia 0.05 | none 0.02; year: 1999 0.50"),
    ([], [], None),
])
def test_format_and_parse_round_trip(recipients: list, years: list, text: str | None) -> None:
    assert format_alternatives(recipients, years) == text
    back = parse_alternatives(text)
    assert [v for v, _ in back.get("recipient", [])] == [v for v, _ in recipients]
    assert [v for v, _ in back.get("year", [])] == [None if y is None else str(y) for y, _ in years]


def test_table_cells_have_no_alternatives() -> None:
    text = ("US assistance to Colombia (US$ millions)\n\n"
            "Program        2006   2007\n"
            "Military aid    120    130\n"
            "Police aid       80     90\n")
    figures = af.extract(text)
    assert len(figures) and figures["alternatives"].isna().all()
