"""Corrections as training examples of the fitted models (benchmarks/fit_recipient.py, fit_aid.py): an invented
corpus and corrections file, and the dev corpus with corrections made on its sha256s at run time."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from script_loader import REPO, load_script

from aidfigures.corrections import Correction, append_corrections

pytest.importorskip("scipy")

# invented documents: (text, the gold's recipient or None for no gold row)
DOCS = {
    "uno": ("The fund sent $3 million to Peru and later Chile for relief in 2010.", "PER"),
    "dos": ("Donors gave $8 million to Ecuador for schools in 2012.", None),
    "tres": ("The army bought rifles for $2 million from Bolivia in 2011.", "BOL"),
}
DEV = REPO.parent / "shared" / "corpus" / "dev"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    gold = ["doc_id,surface,amount,amount_high,currency,recipient,year,year_end,is_aid,qualifier,per,note"]
    for doc, (text, recipient) in DOCS.items():
        (tmp_path / "docs" / f"{doc}.txt").write_text(text, encoding="utf-8")
        if recipient:
            amount = 3e6 if doc == "uno" else 2e6
            gold.append(f"{doc},x,{amount:.0f},,USD,{recipient},2010,,{'false' if doc == 'tres' else 'true'},exact,,")
    (tmp_path / "gold.csv").write_text("\n".join(gold) + "\n", encoding="utf-8")
    (tmp_path / "sources.csv").write_text("doc_id,url_or_repo_path,title,language,kind,public_domain\n"
                                          + "".join(f"{d},,,en,news,yes\n" for d in DOCS), encoding="utf-8")
    return tmp_path


def _span(doc: str, written: str) -> tuple[int, int]:
    start = DOCS[doc][0].index(written)
    return start, start + len(written)


def test_a_recipient_correction_relabels_and_a_confirmation_adds_an_example(corpus: Path, tmp_path: Path) -> None:
    fit = load_script("benchmarks/fit_recipient.py")
    plain = fit.collect(list(DOCS), corpus)[0]
    assert sorted(d for d, _, _ in plain) == ["tres", "uno"]  # "dos" has no gold row
    fixes = append_corrections(tmp_path / "c.csv", [
        Correction(_sha(DOCS["uno"][0]), *_span("uno", "$3 million"), "recipient", "CHL"),
        Correction(_sha(DOCS["dos"][0]), *_span("dos", "$8 million"), "confirmed"),
        Correction(_sha("some other text"), 1, 5, "recipient", "MEX"),  # not in this corpus: left out
    ])
    corrected = fit.collect(list(DOCS), corpus, load_script("benchmarks/fitting.py").corrections_for(
        corpus, list(DOCS), fixes))[0]
    by_doc = {d: (cands, right) for d, cands, right in corrected}
    assert sorted(by_doc) == ["dos", "tres", "uno"]
    plain_uno = next((c, r) for d, c, r in plain if d == "uno")
    assert by_doc["uno"][0] == plain_uno[0] and by_doc["uno"][1] != plain_uno[1]  # same mention, CHL now right
    assert [d for d, _, _ in corrected].count("uno") == 1  # the correction replaces the gold's label


def test_an_is_aid_correction_labels_the_aid_model_s_example(corpus: Path, tmp_path: Path) -> None:
    fit = load_script("benchmarks/fit_aid.py")
    fitting = load_script("benchmarks/fitting.py")
    assert {d: y for d, _, y, _ in fit.collect(list(DOCS), corpus)} == {"uno": 1, "tres": 0}
    fixes = append_corrections(tmp_path / "c.csv", [
        Correction(_sha(DOCS["tres"][0]), *_span("tres", "$2 million"), "is_aid", "true"),
        Correction(_sha(DOCS["dos"][0]), *_span("dos", "$8 million"), "is_aid", "false")])
    items = fit.collect(list(DOCS), corpus, fitting.corrections_for(corpus, list(DOCS), fixes))
    assert {d: y for d, _, y, _ in items} == {"uno": 1, "tres": 1, "dos": 0}


@pytest.mark.skipif(not (DEV / "gold.csv").exists(), reason="no ../shared dev corpus")
def test_corrections_on_the_dev_corpus_are_found_by_their_sha256(tmp_path: Path) -> None:
    from aidfigures import extract

    fitting = load_script("benchmarks/fitting.py")
    docs = sorted(p.stem for p in (DEV / "docs").glob("*.txt"))[:3]
    made = []
    for doc in docs:
        text = (DEV / "docs" / f"{doc}.txt").read_text(encoding="utf-8")
        figures = extract(text, doc_id=doc)
        if len(figures):
            made.append(Correction(_sha(text), int(figures["start"][0]), int(figures["end"][0]), "confirmed",
                                   doc_id=doc))
    assert made
    fixes = fitting.corrections_for(DEV, docs, append_corrections(tmp_path / "c.csv", made))
    assert {(d, span) for d, spans in fixes.items() for span in spans} == \
        {(c.doc_id, (c.start, c.end)) for c in made}
    fit = load_script("benchmarks/fit_recipient.py")
    plain, _ = fit.collect(docs, DEV)
    taught, _ = fit.collect(docs, DEV, fixes)
    assert len(taught) >= len(plain)
