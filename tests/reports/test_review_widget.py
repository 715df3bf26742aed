"""af.review: the reviewer's actions (the widget's buttons) append to the corrections file."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

import aidfigures as af
from aidfigures.corrections import check_value
from aidfigures.parse.alternatives import parse_alternatives
from aidfigures.reports.review_widget import Reviewer, review_form

TEXTS = {
    "a": "Officials in Honduras said $8 million in police aid went to Guatemala in 2009.",
    "b": "Donors pledged 3 million euros in aid.",
}


@pytest.fixture()
def figures() -> pd.DataFrame:
    out = pd.concat([af.extract(t, doc_id=d) for d, t in TEXTS.items()], ignore_index=True)
    out.attrs["sha256"] = {d: hashlib.sha256(t.encode("utf-8")).hexdigest() for d, t in TEXTS.items()}
    return out


def _holds(recipient: str) -> bool:
    try:
        check_value("recipient", recipient)
    except ValueError:
        return False
    return True


def _lines(path: Path) -> pd.DataFrame:
    return pd.DataFrame([vars(c) for c in af.read_corrections(path)])


def test_recipient_and_year_lists_put_the_alternatives_first(figures: pd.DataFrame) -> None:
    reviewer = Reviewer(figures, everything=True)
    i = list(reviewer.queue["doc_id"]).index("a")
    row = reviewer.row(i)
    recipients = [v for _, v in reviewer.options(i, "recipient")]
    assert recipients[0] == row["recipient_iso3"]  # as extracted, then the alternatives
    alternatives = [v for v, _ in parse_alternatives(row["alternatives"])["recipient"] if v is None or _holds(v)]
    assert recipients[1:1 + len(alternatives)] == alternatives and "HND" in alternatives
    assert len(recipients) > 200 and len(set(recipients)) == len(recipients)  # then every country, once
    years = [v for _, v in reviewer.options(i, "year")]
    assert years[0] == 2009 and None in years and len(set(years)) == len(years)
    assert [v for _, v in reviewer.options(i, "is_aid")] == [True, False]


def test_accept_writes_a_confirmed_line(figures: pd.DataFrame, tmp_path: Path) -> None:
    path = tmp_path / "corrections.csv"
    reviewer = Reviewer(figures, path, who="ana")
    assert reviewer.accept(0, note="read the source").endswith("confirmed (read the source)")
    lines = _lines(path)
    assert list(lines["field"]) == ["confirmed"] and list(lines["who"]) == ["ana"]
    assert lines.at[0, "start"] == reviewer.row(0)["start"] and lines.at[0, "note"] == "read the source"


def test_change_writes_only_the_fields_that_change(figures: pd.DataFrame, tmp_path: Path) -> None:
    path = tmp_path / "corrections.csv"
    reviewer = Reviewer(figures, path, who="ana", everything=True)
    i = list(reviewer.queue["doc_id"]).index("a")
    row = reviewer.row(i)
    reviewer.change(i, note="Honduras got it", recipient="HND", year=2009, amount=float(row["amount"]),
                    currency="USD", is_aid=True)
    lines = _lines(path)
    assert list(zip(lines["field"], lines["value"], strict=True)) == [("recipient", "HND")]
    with pytest.raises(ValueError, match="nothing to change"):
        reviewer.change(i, recipient="HND" if row["recipient_iso3"] == "HND" else row["recipient_iso3"])
    with pytest.raises(ValueError, match="cannot change donor"):
        reviewer.change(i, donor="Spain")


def test_the_widget_buttons_call_the_actions(figures: pd.DataFrame, tmp_path: Path) -> None:
    pytest.importorskip("ipywidgets")
    path = tmp_path / "corrections.csv"
    box = review_form(Reviewer(figures, path, who="ana", everything=True))
    first = box.reviewer.row(0)
    box.note.value = "checked"
    box.buttons["accept"].click()
    assert box.rows.value == 1 and "written:" in box.status.value  # on to the next one
    assert box.rows.options[0][0].startswith("\u2713 ") and "done: confirmed" in box.rows.options[0][0]
    second = box.reviewer.row(1)
    box.pickers["year"].value = 1999
    box.pickers["is_aid"].value = False
    box.buttons["save"].click()
    lines = _lines(path)
    assert [(int(s), f, v) for s, f, v in zip(lines["start"], lines["field"], lines["value"], strict=True)] == [
        (int(first["start"]), "confirmed", ""), (int(second["start"]), "year", "1999"),
        (int(second["start"]), "is_aid", "false")]
    box.buttons["save"].click()  # nothing changed on the last figure: said, nothing written
    assert "nothing to change" in box.status.value and len(_lines(path)) == 3


def test_applied_corrections_sink_in_the_queue(figures: pd.DataFrame, tmp_path: Path) -> None:
    path = tmp_path / "corrections.csv"
    reviewer = Reviewer(figures, path, who="ana")
    top = reviewer.row(0)["key"]
    reviewer.accept(0)
    applied = af.apply_corrections(figures, figures.attrs["sha256"], af.read_corrections(path)).figures
    again = Reviewer(applied)
    assert again.row(len(again) - 1)["key"] == top and again.row(len(again) - 1)["status"] == "confirmed"


def test_without_a_front_end_review_returns_the_queue(figures: pd.DataFrame,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    queue = af.review(figures)  # no kernel here: plain Python
    assert isinstance(queue, pd.DataFrame) and len(queue) >= 1
    assert "af.correct(figures, key" in capsys.readouterr().out


def test_alternatives_a_correction_cannot_hold_are_not_offered() -> None:
    figures = af.extract("Aid went to Peru in 2006: $5 million.")
    figures["alternatives"] = pd.array(["recipient: COL 0.20 | Colombia; Mexico and neighbors 0.10 | none 0.05; "
                                        "year: 2007 0.10"], dtype="string")
    reviewer = Reviewer(figures, everything=True)
    recipients = [v for _, v in reviewer.options(0, "recipient")]
    assert recipients[:3] == ["PER", "COL", None] and "Colombia; Mexico and neighbors" not in recipients
    assert [v for _, v in reviewer.options(0, "year")][:2] == [2006, 2007]
