"""The review loop on the bundled article: queue, correct, extract again, see it marked; edit, see it stale."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

import aidfigures as af
from aidfigures.cli import main
from aidfigures.reports.review_widget import Reviewer

RAW = Path(__file__).parents[1] / "data" / "raw"


def _extract(docs: Path, out: Path, corrections: Path | None) -> int:
    flag = ["--corrections", str(corrections)] if corrections else ["--no-corrections"]
    return main(["extract", str(docs), "-o", str(out), "--quiet", "--no-progress", *flag])


@pytest.mark.slow
def test_a_correction_survives_extraction_and_goes_stale_when_the_text_changes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(RAW, docs)  # a copy: data/raw is never edited
    out, corrections = tmp_path / "out" / "figures.csv", tmp_path / "corrections.csv"
    assert _extract(docs, out, None) == 0
    # 1. the queue: its first figure, and the extractor's alternatives for it
    reviewer = Reviewer(af.read_corrected(out, None), corrections, who="analyst")
    assert len(reviewer) >= 1
    first, second = reviewer.row(0), reviewer.row(1)
    choices = [v for _, v in reviewer.options(0, "recipient")]
    assert choices[0] == first["recipient_iso3"] and None in choices[:4]  # as extracted, then "none" among the next
    # 2. correct it (the form's Save button calls this) and confirm the second one
    reviewer.change(0, recipient=None, note="a bribe to one man, not money for a country")
    reviewer.accept(1)
    # 3. extract again: the correction is applied and marked, the original kept
    assert _extract(docs, out, corrections) == 0
    again = af.read_figures(out).set_index(["doc_id", "start"])
    row = again.loc[(first["doc_id"], int(first["start"]))]
    assert pd.isna(row["recipient"]) and row["corrected"] == "recipient"
    assert json.loads(row["original"])["recipient"] == first["recipient"]
    assert again.loc[(second["doc_id"], int(second["start"])), "corrected"] == "confirmed"
    # 4. the queue after the rebuild: both checked, so both sink below every open figure (or drop)
    page = tmp_path / "review.csv"
    assert main(["review", str(out), "-o", str(page), "--all", "--corrections", str(corrections)]) == 0
    queue = pd.read_csv(page)
    checked = queue[queue["key"].isin([first["key"], second["key"]])]
    assert set(checked["status"]) == {"corrected", "confirmed"}
    assert checked.index.min() >= (queue["status"] == "open").sum()  # after every open figure
    assert main(["review", str(out), "-o", str(page), "--checked", "drop", "--corrections", str(corrections)]) == 0
    assert not pd.read_csv(page)["key"].isin([first["key"], second["key"]]).any()
    # 5. edit the source document (the copy): the corrections are stale, reported, not applied
    text = docs / f"{first['doc_id']}.txt"
    text.write_text("Edited. " + text.read_text(encoding="utf-8"), encoding="utf-8")
    capsys.readouterr()
    assert _extract(docs, out, corrections) == 0
    assert "stale" in capsys.readouterr().err
    assert af.read_figures(out)["corrected"].isna().all()
    assert main(["review", str(out), "-o", str(tmp_path / "review.html"), "--corrections", str(corrections)]) == 0
    assert "stale" in capsys.readouterr().err.lower()
    assert "Corrections to look at" in (tmp_path / "review.html").read_text(encoding="utf-8")
