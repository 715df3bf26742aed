"""Corrections as training examples of the year model (benchmarks/fit_year.py, year_data.py): an invented corpus
and corrections file matched to its documents by sha256."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest
from script_loader import load_script

from aidfigures.corrections import Correction, append_corrections

pytest.importorskip("scipy")

# invented documents: (text, the gold's year, "" for a gold row without one, or None for no gold row)
DOCS = {
    "uno": ("In 2009 the fund planned a new program. It sent $3 million to Peru in 2010.", "2010"),
    "dos": ("Donors gave $8 million to Ecuador in 2012.", None),
    "tres": ("The army paid $2 million to Bolivia in 2011 for radios.", "2011"),
}
AMOUNTS = {"uno": "$3 million", "dos": "$8 million", "tres": "$2 million"}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _span(doc: str) -> tuple[int, int]:
    start = DOCS[doc][0].index(AMOUNTS[doc])
    return start, start + len(AMOUNTS[doc])


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    gold = ["doc_id,surface,amount,amount_high,currency,recipient,year,year_end,is_aid,qualifier,per,note"]
    recipients = {"uno": "PER", "dos": "ECU", "tres": "BOL"}
    for doc, (text, year) in DOCS.items():
        (tmp_path / "docs" / f"{doc}.txt").write_text(text, encoding="utf-8")
        if year is not None:
            amount = AMOUNTS[doc].strip("$").split()[0]
            gold.append(f"{doc},x,{int(amount) * 1_000_000},,USD,{recipients[doc]},{year},,true,exact,,")
    (tmp_path / "gold.csv").write_text("\n".join(gold) + "\n", encoding="utf-8")
    (tmp_path / "sources.csv").write_text("doc_id,url_or_repo_path,title,language,kind,public_domain\n"
                                          + "".join(f"{d},,,en,news,yes\n" for d in DOCS), encoding="utf-8")
    return tmp_path


def _right_years(data: object, groups: list) -> list[set[int | None]]:
    """For each group, the years its candidates labelled right give."""
    years = data._YEARS  # type: ignore[attr-defined]
    return [{y for y, right in zip(years[id(g)], g[1], strict=True) if right} for g in groups]


@pytest.mark.parametrize(("doc", "field", "value", "before", "after"), [
    ("uno", "year", "2009", [{2010}], [{2009}]),     # a year correction relabels the gold's figure
    ("tres", "year", "", [{2011}], [{None}]),         # an empty year: "no year" is right
    ("dos", "confirmed", "", [], [{2012}]),           # a confirmation adds a figure the gold lacks, its year
    ("dos", "year", "2013", [], [set()]),             # a year no candidate gives: no right candidate
    ("uno", "recipient", "CHL", [{2010}], [{2010}]),  # other fields say nothing of the year
])
def test_a_year_correction_labels_the_year_candidates(corpus: Path, tmp_path: Path, doc: str, field: str,
                                                      value: str, before: list, after: list) -> None:
    load_script("benchmarks/fit_year.py")
    data = sys.modules["year_data"]
    fitting = load_script("benchmarks/fitting.py")
    fixes = fitting.corrections_for(corpus, list(DOCS), append_corrections(tmp_path / "c.csv", [
        Correction(_sha(DOCS[doc][0]), *_span(doc), field, value),
        Correction(_sha("a text not in this corpus"), 1, 5, "year", "2001"),  # another corpus's: left out
    ]))
    assert set(fixes) == {doc}
    for mode in data.MODES:
        plain = data._groups(corpus, doc, mode)
        fixed = data._groups(corpus, doc, mode, fixes[doc])
        assert _right_years(data, plain) == before
        assert _right_years(data, fixed) == after
        if before and after:
            assert [g[0] for g in fixed] == [g[0] for g in plain]  # the same candidates, labelled anew
    # the training rows take the fixes, the scored ones (train=False) never do
    train = data._all(corpus, [doc], True, fixes)
    scored = data._all(corpus, [doc], False, fixes)
    assert _right_years(data, scored) == before * len(data.MODES)
    assert _right_years(data, train)[:len(after) * len(data.MODES)] == after * len(data.MODES)


def test_fit_learns_from_year_corrections_and_is_unchanged_without(corpus: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    fit = load_script("benchmarks/fit_year.py")
    monkeypatch.setattr(fit, "STRENGTHS", (1.0,))  # one strength, one split: the search is not what is tested
    monkeypatch.setattr(fit, "REPEATS", 1)
    path = append_corrections(tmp_path / "c.csv", [Correction(_sha(DOCS["uno"][0]), *_span("uno"), "year", "2009"),
                                                   Correction(_sha(DOCS["dos"][0]), *_span("dos"), "confirmed")])
    plain = json.loads(fit.fit(list(DOCS), tmp_path / "plain", corpus).read_text(encoding="utf-8"))
    again = json.loads(fit.fit(list(DOCS), tmp_path / "again", corpus, corrections=None).read_text(encoding="utf-8"))
    taught = json.loads(fit.fit(list(DOCS), tmp_path / "taught", corpus, corrections=path).read_text(encoding="utf-8"))
    assert plain == again
    assert "corrections of c.csv" in taught["fitted"] and "corrections" not in plain["fitted"]
    assert taught["weights"] != plain["weights"]


def test_accuracy_passes_the_corrections_to_every_fitter_that_learns_from_them(tmp_path: Path) -> None:
    accuracy = load_script("benchmarks/accuracy.py")
    path = tmp_path / "c.csv"
    for name in accuracy.FITTERS:
        fitter = load_script(f"benchmarks/{name}.py")
        assert accuracy._fit_options(fitter, path) == {"corrections": path}, name
        assert accuracy._fit_options(fitter, None) == {}
