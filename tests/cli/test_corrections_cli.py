"""Corrections in the commands that write or read figures: extract (every output kind), facts, claims; stale
ones warned about and listed; the project's file by default; a bad file stops the run naming its line."""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

import pandas as pd
import pytest

import aidfigures as af
from aidfigures.cli import main
from aidfigures.corrections import Correction, append_corrections
from aidfigures.corrections.extracting import CorrectingExtractor

DOCS = {  # invented
    "norte": "The agency granted $7 million to Honduras in 2015 for water systems.\n",
    "sur": "In 2018 the bank lent EUR 3 million to Paraguay for rural roads.\n",
}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for doc, text in DOCS.items():
        (folder / f"{doc}.txt").write_text(text, encoding="utf-8")
    return folder


def _span(doc: str, written: str) -> tuple[int, int]:
    start = DOCS[doc].index(written)
    return start, start + len(written)


def _fixes(path: Path, *extra: Correction) -> Path:
    append_corrections(path, [
        Correction(_sha(DOCS["norte"]), *_span("norte", "$7 million"), "recipient", "GTM", "ana",
                   note="see p. 2", doc_id="norte"),
        Correction(_sha(DOCS["sur"]), *_span("sur", "EUR 3 million"), "confirmed", "", "ana"),
        *extra,
    ])
    return path


def _figures(out: Path) -> pd.DataFrame:
    if out.suffix == ".duckdb" or not out.suffix:
        return af.query(str(out) + ("/" if not out.suffix else ""), "select * from figures order by doc_id")
    return af.read_figures(out)


@pytest.mark.parametrize("name", ["figures.csv", "figures.parquet", "figures.duckdb", "dataset"])
def test_extract_applies_corrections_to_every_output_kind(tmp_path: Path, corpus: Path, name: str,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out" / name
    fixes = _fixes(tmp_path / "corrections.csv")
    given = str(out) + ("/" if name == "dataset" else "")
    assert main(["extract", str(corpus), "-o", given, "--workers", "1", "--quiet", "--corrections", str(fixes)]) == 0
    figures = _figures(out).set_index("doc_id")
    assert figures.loc["norte", "recipient_iso3"] == "GTM" and figures.loc["norte", "recipient"] == "Guatemala"
    assert figures.loc["norte", "corrected"] == "recipient"
    assert '"recipient_iso3": "HND"' in figures.loc["norte", "original"]
    assert figures.loc["sur", "corrected"] == "confirmed" and figures.loc["sur", "recipient"] == "Paraguay"
    assert capsys.readouterr().err.strip().endswith(f"2 corrections applied from {fixes}")


def test_an_edited_document_makes_its_correction_stale(tmp_path: Path, corpus: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "figures.csv"
    fixes = _fixes(tmp_path / "corrections.csv", Correction(_sha(DOCS["sur"]), 0, 2, "year", "2019"))
    (corpus / "norte.txt").write_text(DOCS["norte"].replace("water", "sewage"), encoding="utf-8")
    assert main(["extract", str(corpus), "-o", str(out), "--workers", "1", "--no-progress",
                 "--corrections", str(fixes)]) == 0
    err = capsys.readouterr().err
    assert "warning: stale correction norte:" in err and "no document has this sha256" in err
    assert "warning: stale correction sur:0-2 year='2019': the span holds no figure" in err
    assert err.strip().endswith("1 correction applied from " f"{fixes}, 2 stale (listed in "
                                f"{tmp_path / 'figures.stale-corrections.csv'})")
    stale = pd.read_csv(tmp_path / "figures.stale-corrections.csv")
    assert stale[["doc_id", "field"]].values.tolist() == [["norte", "recipient"], ["sur", "year"]]
    figures = af.read_figures(out).set_index("doc_id")
    assert figures.loc["norte", "recipient"] == "Honduras" and pd.isna(figures.loc["norte", "corrected"])
    # put the text back: nothing is stale, the list goes
    (corpus / "norte.txt").write_text(DOCS["norte"], encoding="utf-8")
    fixes.write_text("\n".join(fixes.read_text().splitlines()[:3]) + "\n")
    assert main(["extract", str(corpus), "-o", str(out), "--workers", "1", "--quiet", "--corrections", str(fixes)]) == 0
    assert not (tmp_path / "figures.stale-corrections.csv").exists()


def test_the_project_corrections_file_is_the_default(tmp_path: Path, corpus: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    monkeypatch.setenv("AIDFIGURES_PROJECT", str(project))
    plain = tmp_path / "plain.csv"
    assert main(["extract", str(corpus), "-o", str(plain), "--workers", "1", "--quiet"]) == 0
    _fixes(project / "data" / "corrections.csv")
    out = tmp_path / "figures.csv"
    assert main(["extract", str(corpus), "-o", str(out), "--workers", "1", "--quiet"]) == 0
    assert af.read_figures(out)["corrected"].tolist() == ["recipient", "confirmed"]
    assert main(["extract", str(corpus), "-o", str(out), "--workers", "1", "--quiet", "--no-corrections"]) == 0
    assert out.read_bytes() == plain.read_bytes()  # no corrections: the columns stay empty


def test_a_bad_corrections_file_stops_extract_naming_the_line(tmp_path: Path, corpus: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    fixes = _fixes(tmp_path / "corrections.csv")
    fixes.write_text(fixes.read_text() + f"{_sha('x')},1,5,year,1899,,,,\n", encoding="utf-8")
    out = tmp_path / "figures.csv"
    assert main(["extract", str(corpus), "-o", str(out), "--quiet", "--corrections", str(fixes)]) == 2
    assert f"{fixes}, line 4: year 1899 is outside 1900-2100" in capsys.readouterr().err
    assert not out.exists()


def test_facts_and_claims_apply_the_corrections_edited_since_extract(tmp_path: Path, corpus: Path) -> None:
    out = tmp_path / "figures.csv"
    assert main(["extract", str(corpus), "-o", str(out), "--workers", "1", "--quiet", "--no-corrections"]) == 0
    fixes = _fixes(tmp_path / "corrections.csv")
    facts = tmp_path / "facts.csv"
    assert main(["facts", str(out), "-o", str(facts), "--corrections", str(fixes)]) == 0
    assert sorted(pd.read_csv(facts)["recipient_iso3"]) == ["GTM", "PRY"]
    assert main(["facts", str(out), "-o", str(facts), "--no-corrections"]) == 0
    assert sorted(pd.read_csv(facts)["recipient_iso3"]) == ["HND", "PRY"]


def test_claims_corrects_the_figures_it_extracts(tmp_path: Path, corpus: Path) -> None:
    from argparse import Namespace

    from aidfigures.cli.corrections import corrected_extraction

    fixes = _fixes(tmp_path / "corrections.csv")
    figures = pd.concat([af.extract(t, doc_id=d) for d, t in DOCS.items()], ignore_index=True)
    said: list[str] = []
    fixed = corrected_extraction(Namespace(corrections=str(fixes), no_corrections=False), figures, DOCS, said.append)
    assert fixed["recipient_iso3"].tolist() == ["GTM", "PRY"] and said == []


def test_the_correcting_extractor_goes_to_worker_processes() -> None:
    fix = Correction(_sha(DOCS["norte"]), *_span("norte", "$7 million"), "year", "2016")
    extractor = pickle.loads(pickle.dumps(CorrectingExtractor((fix,))))
    doc = af.SourceDocument("norte", "norte.txt", DOCS["norte"])
    [figure] = extractor(doc)
    assert (figure.year, figure.corrected, figure.original) == (2016, "year", '{"year": 2015}')
