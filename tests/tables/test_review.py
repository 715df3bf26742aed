"""The review queue: which figures need a look, why, and in what order."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import aidfigures as af
from aidfigures.errors import SelectionError
from aidfigures.tables.review import QUEUE_COLUMNS, review_queue


def _figures(*docs: tuple[str, str]) -> pd.DataFrame:
    return pd.concat([af.extract(text, doc_id=doc) for doc, text in docs], ignore_index=True)


# ---------------------------------------------------------------- one reason each
@pytest.mark.parametrize(("text", "reason"), [
    ("Donors pledged $4 million in aid to Honduras.", "no_year"),
    ("In 2009 donors pledged $4 million in aid.", "no_recipient"),
    ("Guatemala received 30 million euros in aid in 1950.", "no_rate"),
])
def test_each_reason_is_found(text: str, reason: str) -> None:
    queue = review_queue(_figures(("d", text)))
    assert len(queue) == 1 and reason in queue.at[0, "reasons"].split(", ")


def test_a_figure_that_needs_nothing_is_not_queued_unless_asked() -> None:
    figures = _figures(("d", "Peru received $5 million in aid in 2006."))
    assert review_queue(figures).empty
    everything = review_queue(figures, everything=True)
    assert len(everything) == 1 and everything.at[0, "reasons"] == "" and everything.at[0, "key"] == "d:14-24"


def test_low_confidence_is_below_the_threshold() -> None:
    figures = _figures(("d", "Peru received $5 million in aid in 2006."))
    figures["confidence"] = [0.3]
    assert review_queue(figures).at[0, "reasons"] == "low_confidence"
    assert review_queue(figures, threshold=0.2).empty


def test_conflicting_sources_are_queued() -> None:
    figures = _figures(("a", "Colombia received $582 million in aid in 2006."),
                       ("b", "Colombia received $650 million in aid in 2006."))
    queue = review_queue(figures)
    assert sorted(queue["key"]) == ["a:18-30", "b:18-30"] and set(queue["reasons"]) == {"conflict"}


# ---------------------------------------------------------------- order
def test_more_and_weightier_reasons_come_first() -> None:
    figures = _figures(("a", "Donors pledged 3 million euros in aid."),  # no recipient, no year
                       ("b", "Donors pledged $4 million in aid to Honduras."),  # no year
                       ("c", "In 2009 donors pledged $4 million in aid."))  # no recipient
    queue = review_queue(figures)
    assert list(queue["doc_id"]) == ["a", "c", "b"] and list(queue["rank"]) == [1, 2, 3]
    assert queue["priority"].is_monotonic_decreasing and list(queue.columns) == list(QUEUE_COLUMNS)


def test_lower_confidence_comes_first() -> None:
    figures = _figures(("a", "Peru received $5 million in aid in 2006."),
                       ("b", "Chile received $6 million in aid in 2007."))
    figures["confidence"] = [0.4, 0.1]
    assert list(review_queue(figures)["doc_id"]) == ["b", "a"]


# ---------------------------------------------------------------- checked figures
@pytest.mark.parametrize(("corrected", "status"), [
    ("confirmed", "confirmed"), ("recipient", "corrected"), ("recipient;year", "corrected"),
    ("recipient;confirmed", "corrected"),
])
def test_checked_figures_sink_or_drop(corrected: str, status: str) -> None:
    figures = _figures(("a", "Donors pledged 3 million euros in aid."),
                       ("b", "In 2009 donors pledged $4 million in aid."))
    figures["corrected"] = pd.array([corrected, None], dtype="string")  # the first, weightier one was checked
    queue = review_queue(figures)
    assert list(queue["doc_id"]) == ["b", "a"] and list(queue["status"]) == ["open", status]
    assert list(review_queue(figures, checked="drop")["doc_id"]) == ["b"]


@pytest.mark.parametrize(("option", "value"), [("checked", "hide"), ("threshold", 1.5)])
def test_bad_options_are_refused(option: str, value: object) -> None:
    with pytest.raises(SelectionError, match=option):
        review_queue(af.extract("Peru got $5 million."), **{option: value})


def test_tables_before_schema_1_3_have_no_alternatives() -> None:
    figures = _figures(("d", "Donors pledged $4 million in aid to Honduras.")).drop(columns=["alternatives"])
    assert review_queue(figures)["alternatives"].isna().all()


# ---------------------------------------------------------------- claims the figures do not bear out
@pytest.mark.parametrize(("text", "flagged"), [
    pytest.param("Peru received $5 million in aid in 2006, the biggest recipient in Latin America after Colombia, "
                 "which received $50 million. Mexico received $90 million in aid in 2006.", {14, 111, 140},
                 id="rank not borne out"),
    pytest.param("Peru received $5 million in aid in 2006, the second biggest recipient in Latin America after "
                 "Colombia, which received $50 million.", set(), id="rank borne out"),
])
def test_figures_behind_an_inconsistent_claim_are_queued(text: str, flagged: set[int], tmp_path: Path) -> None:
    figures = af.extract(text, doc_id="d")
    claims = af.claims(text, figures, doc_id="d")
    path = tmp_path / "claims.csv"
    claims.to_csv(path, index=False)
    for given in (claims, path):  # a table, or the file aidfigures claims wrote
        queue = review_queue(figures, claims=given, everything=True)
        found = {int(s) for s, r in zip(queue["start"], queue["reasons"], strict=True) if "claim_inconsistent" in r}
        assert found == flagged
