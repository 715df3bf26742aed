"""``af.correct``: a figure named three ways, one line per field, the project's file by default, clear errors."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

import aidfigures as af
from aidfigures.cli import main
from aidfigures.corrections import CorrectionsWarning, read_corrections
from aidfigures.errors import CorrectionsError

TEXT = "Last year the council gave $900,000 to Nicaragua in 2012 for schools."  # invented
SHA = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()


@pytest.fixture
def figures() -> pd.DataFrame:
    table = af.extract(TEXT, doc_id="consejo")
    table.attrs["sha256"] = {"consejo": SHA}
    return table


@pytest.mark.parametrize("key", [lambda f: f.iloc[0], lambda f: f.index[0], lambda f: "consejo:27-35"],
                         ids=["row", "index-label", "doc-span"])
def test_a_figure_is_named_three_ways(tmp_path: Path, figures: pd.DataFrame, key) -> None:
    path = tmp_path / "c.csv"
    [made] = af.correct(figures, key(figures), recipient="CRI", note="Costa Rica in the annex", who="lu", path=path)
    assert read_corrections(path) == [made]
    assert (made.sha256, made.start, made.end, made.field, made.value, made.doc_id) == \
        (SHA, 27, 35, "recipient", "CRI", "consejo")
    assert made.when.endswith("Z") and made.note == "Costa Rica in the annex"


@pytest.mark.parametrize(("given", "lines"), [
    ({"year": 2013, "amount": 950000, "is_aid": False},
     [("year", "2013"), ("amount", "950000.0"), ("is_aid", "false")]),
    ({"recipient": None, "year": None}, [("recipient", ""), ("year", "")]),  # None: "none"
    ({"currency": "NIO", "confirm": True}, [("currency", "NIO"), ("confirmed", "")]),
    ({"confirm": True}, [("confirmed", "")]),
])
def test_one_line_per_field_given(tmp_path: Path, figures: pd.DataFrame, given: dict, lines: list) -> None:
    made = af.correct(figures, 0, path=tmp_path / "c.csv", **given)
    assert [(c.field, c.value) for c in made] == lines


def test_the_project_file_is_the_default(tmp_path: Path, figures: pd.DataFrame,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "reports.yml").write_text("jobs: []\n")
    monkeypatch.chdir(tmp_path / "notebooks")
    monkeypatch.delenv("AIDFIGURES_PROJECT", raising=False)
    af.correct(figures, 0, confirm=True)
    assert [c.field for c in read_corrections(tmp_path / "data" / "corrections.csv")] == ["confirmed"]


@pytest.mark.parametrize(("key", "given", "said"), [
    ("consejo:1-5", {"confirm": True}, "no figure at consejo:1-5"),
    (42, {"confirm": True}, "42 names no figure"),
    (0, {}, "nothing to correct"),
    (0, {"recipient": "Narnia"}, "unknown recipient 'Narnia'"),
    (0, {"year": 1800}, "year 1800 is outside 1900-2100"),
    (0, {"amount": -1}, "negative"),
])
def test_errors_say_what_is_wrong(tmp_path: Path, figures: pd.DataFrame, key: object, given: dict,
                                  said: str) -> None:
    with pytest.raises(CorrectionsError, match=said):
        af.correct(figures, key, path=tmp_path / "c.csv", **given)
    assert not (tmp_path / "c.csv").exists()


def test_without_the_documents_sha256_it_says_how_to_get_them(tmp_path: Path) -> None:
    plain = af.extract(TEXT, doc_id="consejo")
    with pytest.raises(CorrectionsError, match="read_corrected"):
        af.correct(plain, 0, confirm=True, path=tmp_path / "c.csv")
    [made] = af.correct(plain, 0, confirm=True, path=tmp_path / "c.csv", documents={"consejo": SHA})
    assert made.sha256 == SHA


def test_read_corrected_knows_the_sha256_and_applies_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "consejo.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "figures.csv"
    assert main(["extract", str(folder), "-o", str(out), "--quiet", "--workers", "1", "--no-corrections"]) == 0
    figures = af.read_corrected(out, None)
    af.correct(figures, 0, year=2011, path=tmp_path / "c.csv")
    again = af.read_corrected(out, tmp_path / "c.csv")
    assert again.loc[0, "year"] == 2011 and again.loc[0, "corrected"] == "year"
    with pytest.warns(CorrectionsWarning, match="stale correction consejo:27-35 year='2011'"):
        (folder / "consejo.txt").write_text(TEXT + " More.", encoding="utf-8")
        assert main(["extract", str(folder), "-o", str(out), "--quiet", "--workers", "1",
                            "--no-corrections"]) == 0
        af.read_corrected(out, tmp_path / "c.csv")
