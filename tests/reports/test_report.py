"""Tests for aidfigures.report: running notebooks with papermill, report folders, charts and tables.

Kernel runs cost a couple of seconds each, so one module-scoped fixture runs the tiny notebooks of
tests/notebooks/ in sequence into one report folder and the tests check what each step left.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import aidfigures
from aidfigures import reports as report
from aidfigures.cli import main
from aidfigures.errors import ReportError, ReportWarning
from aidfigures.reports.execute import declared_parameters
from aidfigures.reports.export import check_replaceable, json_ready, swap_in
from aidfigures.reports.folders import MARKER
from aidfigures.reports.run import _check_parameters

pytestmark = pytest.mark.slow  # kernels, notebooks, clusters: `make test-fast` skips them

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = Path(__file__).resolve().parent / "notebooks"
CHART_FILES = {"amount_by_country.png", "amount_by_country.svg", "amount_by_country.csv", "top.csv",
               "chart.ipynb", "chart.html", "manifest.json", MARKER}


@dataclass
class Runs:
    """What the module fixture did, step by step, in one report folder ``out``."""

    out: Path
    figures: Path
    first_failure: report.ReportResult
    cli_code: int
    cli_out: str
    cli_err: str
    good_files: dict[str, bytes]
    second_failure: report.ReportResult


def _cli(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    """fails.ipynb into a new folder; chart.ipynb by the CLI into it; fails.ipynb again."""
    root = tmp_path_factory.mktemp("report")
    figures = aidfigures.write_figures(
        aidfigures.extract("Peru received 56.4 million dollars in military aid in 2006."), root / "figures.csv")
    (root / "params.yaml").write_text("countries: [Peru, Colombia]\ntitle: From the file\ntop: 9\n")
    out = root / "reports" / "chart"
    first = report.run_report(NOTEBOOKS / "fails.ipynb", {"message": "first kaput"}, out)
    cwd = Path.cwd()
    os.chdir(root)  # relative paths on the command line, as a user types them
    try:
        code, stdout, stderr = _cli([
            "report", str(NOTEBOOKS / "chart.ipynb"), "-f", "params.yaml", "-p", "years", "[2006, 2011]",
            "-p", "top", "1", "-r", "title", "Aid: 2006", "-p", "figures", "figures.csv",
            "-o", "reports/chart", "--timeout", "120"])
    finally:
        os.chdir(cwd)
    good = {p.name: p.read_bytes() for p in out.iterdir()} if out.is_dir() else {}
    second = report.run_report(NOTEBOOKS / "fails.ipynb", {"message": "second kaput"}, out)
    return Runs(out, figures, first, code, stdout, stderr, good, second)


def _cells(path: Path) -> list[nbformat.NotebookNode]:
    return nbformat.read(path, as_version=4).cells


def _stream_text(cells: list[nbformat.NotebookNode]) -> str:
    return "".join(o.get("text", "") for c in cells if c.cell_type == "code" for o in c.outputs
                   if o.output_type == "stream")


# --- a good run (through the command line) ----------------------------------------------------

def test_cli_report_prints_the_html_path(runs: Runs) -> None:
    assert runs.cli_code == 0, runs.cli_err
    assert runs.cli_out.strip() == os.path.join("reports", "chart", "chart.html")
    assert "warning: " not in runs.cli_err
    assert "Passed unknown parameter" not in runs.cli_err  # papermill's own line is replaced by ours


def test_parameters_are_injected_with_their_types(runs: Runs) -> None:
    cells = nbformat.read(io.BytesIO(runs.good_files["chart.ipynb"]), as_version=4).cells
    injected = [c for c in cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1
    source = injected[0].source
    for line in ('countries = ["Peru", "Colombia"]', "years = [2006, 2011]", "top = 1",
                 'title = "Aid: 2006"', 'figures = "figures.csv"'):
        assert line in source.splitlines(), source
    assert "output_dir = " in source
    printed = _stream_text(cells)
    assert "types: {'countries': 'list', 'years': 'list', 'top': 'int', 'title': 'str'}" in printed
    assert f"aidfigures: {REPO / 'src' / 'aidfigures' / '__init__.py'}" in printed  # this checkout


def test_report_folder_holds_notebook_html_charts_tables_and_manifest(runs: Runs) -> None:
    files = runs.good_files
    assert set(files) == CHART_FILES
    assert files["amount_by_country.png"].startswith(b"\x89PNG\r\n\x1a\n")
    assert b"<svg" in files["amount_by_country.svg"][:500]
    chart_data = pd.read_csv(io.BytesIO(files["amount_by_country.csv"]))
    assert chart_data["country"].tolist() == ["Peru", "Colombia"]
    assert chart_data["figures_rows"].tolist() == [1, 1]  # the notebook read figures.csv from the cwd
    assert pd.read_csv(io.BytesIO(files["top.csv"]))["country"].tolist() == ["Peru"]


def test_html_has_outputs_and_prose_but_no_code(runs: Runs) -> None:
    html = runs.good_files["chart.html"].decode("utf-8")
    assert "Tiny chart report" in html and "amount by country" in html
    assert "data:image/png;base64," in html
    assert "<title>chart</title>" in html
    for code in ("save_chart", "import aidfigures", "pd.DataFrame", "output_dir ="):
        assert code not in html
    assert 'class="jp-InputPrompt' not in html and 'class="jp-OutputPrompt' not in html


def test_manifest(runs: Runs) -> None:
    manifest = json.loads(runs.good_files["manifest.json"])
    assert manifest["status"] == "ok" and manifest["error"] is None and manifest["cell"] is None
    assert manifest["parameters"] == {
        "countries": ["Peru", "Colombia"], "title": "Aid: 2006", "top": 1, "years": [2006, 2011],
        "figures": "figures.csv"}
    figures_sha = hashlib.sha256(runs.figures.read_bytes()).hexdigest()
    assert manifest["inputs"] == [{"parameter": "figures", "path": "figures.csv",
                                   "bytes": runs.figures.stat().st_size, "sha256": figures_sha}]
    notebook_sha = hashlib.sha256((NOTEBOOKS / "chart.ipynb").read_bytes()).hexdigest()
    assert manifest["notebook_sha256"] == notebook_sha
    assert manifest["aidfigures_version"] == aidfigures.__version__
    assert manifest["papermill_version"].count(".") >= 1 and manifest["kernel"] == "python3"
    started = dt.datetime.fromisoformat(manifest["started"])
    finished = dt.datetime.fromisoformat(manifest["finished"])
    assert manifest["started"].endswith("Z") and started.tzinfo is not None
    assert 0 < manifest["duration_seconds"] <= (finished - started).total_seconds() + 0.01
    assert manifest["files"] == sorted(CHART_FILES - {"manifest.json", MARKER})


# --- failed runs -------------------------------------------------------------------------------

def test_a_failure_without_an_earlier_report(runs: Runs) -> None:
    first = runs.first_failure
    assert first.status == "failed" and not first.ok
    assert first.error == "ValueError: first kaput"
    assert first.cell == 3  # markdown, parameters, print, raise
    assert first.run_dir == runs.out.with_name("chart.failed")


def test_a_good_run_replaces_the_older_failed_attempt(runs: Runs) -> None:
    assert runs.cli_code == 0
    assert "first kaput" not in runs.good_files["chart.html"].decode()  # fresh folder, nothing mixed in


def test_a_failure_keeps_the_previous_good_report(runs: Runs) -> None:
    second = runs.second_failure
    assert (second.status, second.error, second.cell) == ("failed", "ValueError: second kaput", 3)
    assert {p.name: p.read_bytes() for p in runs.out.iterdir()} == runs.good_files
    failed = runs.out.with_name("chart.failed")
    assert second.run_dir == failed and second.notebook == failed / "fails.ipynb"
    assert {p.name for p in failed.iterdir()} == {"fails.ipynb", "fails.html", "manifest.json", MARKER}
    manifest = json.loads((failed / "manifest.json").read_text())
    assert (manifest["status"], manifest["error"], manifest["cell"]) == ("failed", "ValueError: second kaput", 3)
    assert not list(runs.out.parent.glob(".chart*"))  # no temporary folders left behind


def test_executed_notebook_of_a_failure_shows_the_error_at_the_failing_cell(runs: Runs) -> None:
    cells = _cells(runs.second_failure.notebook)
    errors = [c for c in cells if c.cell_type == "code" and any(o.output_type == "error" for o in c.outputs)]
    assert len(errors) == 1 and errors[0].source == "raise ValueError(message)"
    assert errors[0].outputs[-1].evalue == "second kaput"
    printed = _stream_text(cells)
    assert "before the error" in printed and "never reached" not in printed
    assert "papermill-error-cell" in runs.second_failure.html.read_text()


def test_timeout_is_a_failure(tmp_path: Path) -> None:
    result = report.run_report(NOTEBOOKS / "sleeps.ipynb", {"seconds": 60}, tmp_path / "slow", timeout=2)
    assert result.status == "failed"
    assert result.error == "TimeoutError: the report ran out of its 2 s time limit in this cell"
    assert result.cell == 3 and result.duration < 30
    assert not (tmp_path / "slow").exists() and result.run_dir == tmp_path / "slow.failed"
    cells = _cells(result.notebook)
    stuck = next(c for c in cells if c.source.startswith("time.sleep"))
    assert stuck.outputs[-1].ename == "TimeoutError"
    assert "woke up" not in _stream_text(cells)
    assert "papermill-error-cell" in result.html.read_text()


# --- bad input (no kernel) ---------------------------------------------------------------------

def test_missing_notebook(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=r"nothing\.ipynb: no such notebook"):
        report.run_report(tmp_path / "nothing.ipynb", output_dir=tmp_path / "out")
    (tmp_path / "broken.ipynb").write_text("{not json")
    with pytest.raises(ReportError, match=r"broken\.ipynb: not a readable notebook"):
        report.run_report(tmp_path / "broken.ipynb", output_dir=tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_an_output_folder_that_is_not_a_report_is_never_replaced(tmp_path: Path) -> None:
    precious = tmp_path / "data"
    precious.mkdir()
    (precious / "figures.csv").write_text("x")
    with pytest.raises(ReportError, match="is not a report folder"):
        report.run_report(NOTEBOOKS / "fails.ipynb", output_dir=precious)
    (tmp_path / "empty" / "work").mkdir(parents=True)
    with pytest.raises(ReportError, match="contains the working directory"):
        report.run_report(NOTEBOOKS / "fails.ipynb", output_dir=tmp_path / "empty", cwd=tmp_path / "empty" / "work")
    assert (precious / "figures.csv").read_text() == "x"


def test_bad_parameters_and_timeout() -> None:
    with pytest.raises(ReportError, match="not a Python name"):
        report.run_report(NOTEBOOKS / "fails.ipynb", {"bad-name": 1})
    with pytest.raises(ReportError, match="cannot be passed to a notebook"):
        report.run_report(NOTEBOOKS / "fails.ipynb", {"thing": object()})
    with pytest.raises(ReportError, match="positive number of seconds"):
        report.run_report(NOTEBOOKS / "fails.ipynb", timeout=0)


def test_output_dir_parameter_is_overridden_with_a_warning() -> None:
    with pytest.warns(ReportWarning, match="output_dir parameter is set by aidfigures"):
        params = _check_parameters({"output_dir": "elsewhere", "n": 1})
    assert params == {"n": 1}


def test_json_ready_values() -> None:
    assert json_ready((Path("a/b.csv"), dt.date(2010, 12, 16), {"k": (1, 2)}), "p") == [
        "a/b.csv", "2010-12-16", {"k": [1, 2]}]


def test_swap_keeps_the_old_folder_when_the_new_one_cannot_move_in(tmp_path: Path) -> None:
    dest = tmp_path / "report"
    dest.mkdir()
    (dest / "manifest.json").write_text("{}")
    (dest / MARKER).write_text("{}")
    with pytest.raises(FileNotFoundError):
        swap_in(tmp_path / "does-not-exist", dest)
    assert (dest / "manifest.json").read_text() == "{}"
    new = tmp_path / "new"
    new.mkdir()
    (new / "manifest.json").write_text('{"new": 1}')
    swap_in(new, dest)
    assert (dest / "manifest.json").read_text() == '{"new": 1}' and not new.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["report"]
    check_replaceable(tmp_path / "missing")  # nothing there: fine


def test_declared_parameters() -> None:
    nb = nbformat.read(NOTEBOOKS / "chart.ipynb", as_version=4)
    assert declared_parameters(nb) == ["figures", "countries", "years", "top", "title", "output_dir"]
    nb.cells = [c for c in nb.cells if "parameters" not in c.metadata.get("tags", [])]
    assert declared_parameters(nb) is None


# --- save_chart and save_table -----------------------------------------------------------------

def test_save_chart_without_pyplot(tmp_path: Path) -> None:
    """In a fresh interpreter: files written into a new folder given as a string, pyplot never imported."""
    code = (
        "import sys\nfrom matplotlib.figure import Figure\nimport pandas as pd\nimport aidfigures\n"
        "fig = Figure(figsize=(3, 2))\nfig.subplots().plot([2006, 2011], [56.4, 351.0])\n"
        "data = pd.DataFrame({'year': [2006, 2011], 'amount': [56.4e6, 351e6]})\n"
        f"paths = aidfigures.save_chart(fig, 'line', {str(tmp_path / 'new' / 'dir')!r}, data=data)\n"
        "print([p.name for p in paths], 'matplotlib.pyplot' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['line.png', 'line.svg', 'line.csv'] False"
    folder = tmp_path / "new" / "dir"
    assert (folder / "line.png").read_bytes()[:4] == b"\x89PNG"
    assert pd.read_csv(folder / "line.csv")["amount"].tolist() == [56.4e6, 351e6]


def test_save_chart_png_resolution(tmp_path: Path) -> None:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 2))
    fig.subplots().bar(["Peru"], [1])
    png = aidfigures.save_chart(fig, "bars", tmp_path)[0]
    width = int.from_bytes(png.read_bytes()[16:20], "big")
    assert 450 < width <= 4 * 150 + 50  # 150 dpi, tight bounding box


@pytest.mark.parametrize("name", ["../escape", "sub/chart", "", ".hidden", "chart.png", "chart.csv"])
def test_chart_and_table_names_are_plain(tmp_path: Path, name: str) -> None:
    with pytest.raises(ReportError, match="output name"):
        aidfigures.save_table(pd.DataFrame({"a": [1]}), name, tmp_path)
    assert not any(tmp_path.iterdir())


def test_save_chart_needs_a_figure(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="matplotlib Figure"):
        aidfigures.save_chart("not a figure", "x", tmp_path)  # type: ignore[arg-type]


def test_save_table_index_series_and_formula_cells(tmp_path: Path) -> None:
    wide = pd.DataFrame({"Peru": [56.4e6], "Colombia": [None]}, index=pd.Index([2006], name="year"))
    assert aidfigures.save_table(wide, "wide", tmp_path).read_text() == "year,Peru,Colombia\n2006,56400000.0,\n"
    filtered = pd.DataFrame({"doc": ["a", "b"], "sentence": ["=cmd|' /C calc'!A0", "-5 dollars"]}, index=[7, 9])
    text = aidfigures.save_table(filtered, "evidence", str(tmp_path)).read_text()
    assert text == "doc,sentence\na,'=cmd|' /C calc'!A0\nb,'-5 dollars\n"
    nulls = pd.DataFrame({"none": pd.Series([None, None], dtype="string[pyarrow]"),
                          "some": pd.Series(["+1", None], dtype="string[pyarrow]"),
                          "mixed": pd.Series(["@x", 3], dtype=object), "n": [1.5, None]})
    text = aidfigures.save_table(nulls, "nulls", tmp_path).read_text()
    assert text == "none,some,mixed,n\n,'+1,'@x,1.5\n,,3,\n"
    series = pd.Series([1, 2], name="n", index=pd.Index(["x", "y"], name="k"))
    assert aidfigures.save_table(series, "series", tmp_path).read_text() == "k,n\nx,1\ny,2\n"
    assert list(filtered["sentence"])[0].startswith("=")  # the caller's frame is untouched


# --- the package around it -----------------------------------------------------------------------

def test_importing_aidfigures_does_not_import_the_notebook_machinery() -> None:
    code = ("import sys, aidfigures\n"
            "print(sorted(m for m in ('papermill', 'nbconvert', 'nbformat', 'nbclient', 'yaml', 'zmq', "
            "'matplotlib') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_public_api() -> None:
    for name in ("run_report", "save_chart", "save_table", "ReportResult", "ReportError"):
        assert name in aidfigures.__all__ and hasattr(aidfigures, name)
    assert aidfigures.__all__[1:] == sorted(aidfigures.__all__[1:], key=str.lower)


@pytest.mark.parametrize("notebook", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.name)
def test_test_notebooks_are_clean(notebook: Path) -> None:
    nb = nbformat.read(notebook, as_version=4)
    nbformat.validate(nb)
    assert not any(c.get("outputs") or c.get("execution_count") for c in nb.cells)
    assert nb.metadata.kernelspec.name == "python3"
    assert declared_parameters(nb) and "output_dir" in declared_parameters(nb)
