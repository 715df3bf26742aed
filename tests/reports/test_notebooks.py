"""The report notebooks, executed by papermill on the bundled data and on a small fixture table."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import aidfigures as af

pytestmark = pytest.mark.slow  # kernels, notebooks, clusters: `make test-fast` skips them

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
RAW = ROOT / "data" / "raw"


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The bundled article's figures and claims, written as `make run` writes them."""
    folder = tmp_path_factory.mktemp("bundled")
    figures = af.extract_files(RAW)
    claims = pd.concat([af.claims(af.read_document(p).text, figures, doc_id=p.stem) for p in sorted(RAW.glob("*.txt"))])
    af.save_table(claims, "claims", folder)
    return {"figures": af.write_figures(figures, folder / "figures.csv"), "claims": folder / "claims.csv",
            "folder": folder}


@pytest.fixture(scope="module")
def fixture_table(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small hand-made table: two documents disagree on Colombia 2006; Bolivia has two measures."""
    text = ("Colombia received 582 million dollars in military and police aid in 2006. "
            "Bolivia received $30 million in 2007. The 2007 request for Bolivia was $40 million.")
    other = "Colombia got $640 million in military and police aid in 2006, officials said."
    figures = pd.concat([af.extract(text, doc_id="a"), af.extract(other, doc_id="b")], ignore_index=True)
    return af.write_figures(figures, tmp_path_factory.mktemp("fixture") / "figures.parquet")


def _run(name: str, out: Path, **parameters: object) -> af.ReportResult:
    return af.run_report(NOTEBOOKS / f"{name}.ipynb", parameters, out / name, cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def comparison(bundled: dict[str, Path]) -> af.ReportResult:
    return _run("country_comparison", bundled["folder"], figures=str(bundled["figures"]),
                countries=["Peru", "Colombia", "Mexico"], years=[2000, 2025], claims=str(bundled["claims"]))


def test_comparison_on_the_bundled_article(comparison: af.ReportResult) -> None:
    assert comparison.status == "ok", comparison.error
    out = comparison.output_dir
    values = pd.read_csv(out / "country_year.csv").set_index(["recipient", "year"])["value"]
    assert values[("Peru", 2006)] == pytest.approx(56.4e6)
    assert values[("Colombia", 2011)] == pytest.approx(351e6)
    for chart in ("amount_by_country_year", "amount_over_time"):
        assert {(out / f"{chart}.{ext}").is_file() for ext in ("png", "svg", "csv")} == {True}
    html = next(out.glob("*.html")).read_text(encoding="utf-8")
    assert html.count("<img") >= 2 and "image/png" in html
    assert "median" in html  # the rule for the charted value is stated on the page
    assert "af.read_figures" not in html  # code cells are left out of the HTML
    evidence = pd.read_csv(out / "evidence.csv")
    assert "Peru received 56.4 million dollars" in " ".join(evidence["sentence"])
    assert {"doc_id", "start", "end", "sentence"} <= set(evidence.columns)
    claims = pd.read_csv(out / "claims.csv")
    assert set(claims["verdict"]) == {"consistent"} and len(claims) == 3
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["status"] == "ok" and manifest["parameters"]["countries"] == ["Peru", "Colombia", "Mexico"]


def test_comparison_shows_disagreeing_sources_side_by_side(fixture_table: Path, tmp_path: Path) -> None:
    result = _run("country_comparison", tmp_path, figures=str(fixture_table), countries=["Colombia", "BOL"],
                  years=[2006, 2007])
    assert result.status == "ok", result.error
    conflicts = pd.read_csv(result.output_dir / "conflicts.csv")
    colombia = conflicts[conflicts["recipient"] == "Colombia"]
    assert set(colombia["doc_id"]) == {"a", "b"} and set(colombia["value"]) == {582e6, 640e6}
    bolivia = conflicts[conflicts["recipient"] == "Bolivia"]
    assert set(bolivia["measure"]) == {"disbursed", "requested"}
    summary = pd.read_csv(result.output_dir / "country_year.csv").set_index(["recipient", "year"])
    assert summary.loc[("Colombia", 2006), "n_documents"] == 2
    assert summary.loc[("Colombia", 2006), "value"] == pytest.approx((582e6 + 640e6) / 2)


def test_comparison_in_constant_dollars_says_so(fixture_table: Path, tmp_path: Path) -> None:
    result = _run("country_comparison", tmp_path, figures=str(fixture_table), countries=["Colombia"], base_year=2024)
    assert result.status == "ok", result.error
    html = next(result.output_dir.glob("*.html")).read_text(encoding="utf-8")
    svg = (result.output_dir / "amount_by_country_year.svg").read_text(encoding="utf-8")
    assert "constant 2024 US$" in svg and "nominal" not in svg
    assert "Colombia" in html


def test_an_empty_selection_is_said_plainly(fixture_table: Path, tmp_path: Path) -> None:
    result = _run("country_comparison", tmp_path, figures=str(fixture_table), countries=["Haiti"])
    assert result.status == "ok", result.error
    html = next(result.output_dir.glob("*.html")).read_text(encoding="utf-8")
    assert "No figures" in html


@pytest.mark.parametrize("parameters, message", [
    ({"countries": ["Peur"]}, "Peru"),
    ({"figures": "no/such/figures.csv"}, "no/such/figures.csv"),
], ids=["unknown-country", "missing-figures-file"])
def test_bad_parameters_fail_with_a_clear_error(fixture_table: Path, tmp_path: Path, parameters: dict,
                                                message: str) -> None:
    result = _run("country_comparison", tmp_path, **{"figures": str(fixture_table), **parameters})
    assert result.status == "failed"
    assert message in result.error


@pytest.mark.parametrize("name, parameters, expect", [
    ("country_profile", {"country": "Colombia"}, ["by_measure.png", "facts.csv", "evidence.csv"]),
    ("country_profile", {"country": "Peru", "base_year": 2024}, ["by_measure.svg", "by_category.png"]),
    ("corpus_overview", {"documents": None}, ["figures_per_document.png", "coverage.png", "failures.csv"]),
    ("reference_check", {"countries": ["Colombia"], "base_year": 2024}, ["extracted_vs_official.png",
                                                                        "comparison.csv"]),
], ids=["profile", "profile-constant-dollars", "overview", "reference-check"])
def test_other_reports_on_the_bundled_article(bundled: dict[str, Path], name: str, parameters: dict,
                                              expect: list[str]) -> None:
    result = _run(name, bundled["folder"] / "-".join(map(str, parameters.values())), figures=str(bundled["figures"]),
                  **parameters)
    assert result.status == "ok", result.error
    assert all((result.output_dir / f).is_file() for f in expect)
    if parameters.get("base_year"):
        svg = next(result.output_dir.glob("*.svg")).read_text(encoding="utf-8")
        assert "constant 2024 US$" in svg


def test_reference_check_lines_up_just_the_facts(bundled: dict[str, Path]) -> None:
    result = _run("reference_check", bundled["folder"] / "jtf", figures=str(bundled["figures"]),
                  countries=["Colombia"])
    assert result.status == "ok", result.error
    rows = pd.read_csv(result.output_dir / "comparison.csv")
    jtf = rows[(rows["source"] == "Just the Facts") & (rows["year"] == 2006)]
    assert jtf["official_usd"].iloc[0] == pytest.approx(581_832_053)
    assert bool(jtf["same_definition"].iloc[0])


def test_corpus_overview_lists_a_failed_document(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "peru.txt").write_text("Peru received $5 million in military aid in 2006.", encoding="utf-8")
    (docs / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    with pytest.warns(af.DocumentWarning):
        figures = af.write_figures(af.extract_files(docs), tmp_path / "figures.csv")
    result = _run("corpus_overview", tmp_path, figures=str(figures), documents=str(docs))
    assert result.status == "ok", result.error
    failures = pd.read_csv(result.output_dir / "failures.csv")
    assert list(failures["doc_id"]) == ["broken"] and "binary" in failures["error"].iloc[0]


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.stem)
def test_notebooks_are_thin_clean_templates(path: Path) -> None:
    book = nbformat.read(path, as_version=4)
    assert book.metadata["kernelspec"]["name"] == "python3"
    tagged = [c for c in book.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    for line in tagged[0].source.splitlines():
        assert "  # " in line, f"parameter without a trailing comment: {line}"
    assert "output_dir" in tagged[0].source
    import papermill

    documented = papermill.inspect_notebook(str(path))  # what `papermill --help-notebook` prints
    assert all(p["inferred_type_name"] != "None" and p["help"] for p in documented.values()), documented
    for cell in book.cells:
        assert cell.get("outputs", []) == [] and cell.get("execution_count") is None
        assert "def " not in cell.source and "class " not in cell.source
        if cell.cell_type == "code":
            assert len(cell.source.splitlines()) <= 12
