"""Tests for the HTML page of a report (aidfigures.reports.page): no MathJax, title, build block, stale banner."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import nbformat
import pytest

import aidfigures as af
from aidfigures.reports.export import export_html
from aidfigures.reports.page import failed_prompt, mark_stale, page_title

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TEXT = "**5 figures** from **1 document**, from $44.7M to $582M; 2011 $44.7M (requested) vs 2006 $56.4M."


def _notebook(path: Path, *outputs: dict[str, str], papermill: dict | None = None) -> Path:
    """A notebook whose single code cell already has these display outputs (mime type -> data)."""
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("display(...)")
    cell.outputs = [nbformat.v4.new_output("display_data", data=data) for data in outputs]
    nb.cells = [cell, nbformat.v4.new_markdown_cell("Some prose.")]
    if papermill is not None:
        nb.metadata["papermill"] = papermill
    nbformat.write(nb, path)
    return path


@pytest.fixture
def page(tmp_path: Path) -> Path:
    heading = af.show_text("# Country profile: Peru")._repr_html_()
    text = af.show_text(TEXT)._repr_html_()
    table = af.show_table(__import__("pandas").DataFrame({"evidence": ["2011 $44.7M vs 2006 $56.4M"]})).to_html()
    notebook = _notebook(tmp_path / "p.ipynb", {"text/html": heading}, {"text/html": text}, {"text/html": table},
                         papermill={"input_path": "notebooks/country_profile.ipynb",
                                    "end_time": "2026-12-01T20:16:42.154955+00:00",
                                    "parameters": {"country": "Peru", "output_dir": "/tmp/x"}})
    (tmp_path / "in.csv").write_text("a,b\n1,2\n")
    html = tmp_path / "p.html"
    export_html(notebook, html, "country_profile",
                inputs=[{"parameter": "figures", "path": "in.csv", "bytes": 8, "sha256": "0123456789abcdef" * 4}])
    return html


def test_exported_page_loads_no_mathjax(page: Path) -> None:
    body = page.read_text(encoding="utf-8")
    assert "mathjax" not in body.lower().replace("mathjax_ignore", "")  # no script, no config
    assert "from $44.7M to $582M" in body


def test_title_is_the_first_h1_and_the_build_block_follows_it(page: Path) -> None:
    body = page.read_text(encoding="utf-8")
    assert "<title>Country profile: Peru</title>" in body
    h1_end, about = body.index("</h1>"), body.index('class="aidfigures-about"')
    assert h1_end < about < body.index("Some prose.")
    for said in ("2026-12-01 20:16 UTC", "notebooks/country_profile.ipynb", "country = Peru",
                 "in.csv (8 bytes, sha256 0123456789ab)"):
        assert said in body
    assert "/tmp/x" not in body  # output_dir is not a parameter of the report


@pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium (Debian's chromium package)")
def test_dollar_amounts_are_text_in_chromium(page: Path) -> None:
    done = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-500:]
    dom = done.stdout
    assert "from $44.7M to $582M" in dom and "2011 $44.7M vs 2006 $56.4M" in dom
    assert "MathJax" not in dom and "<mjx-" not in dom.lower()


@pytest.mark.parametrize(("body", "title"), [
    pytest.param('<h1 id="a">Country profile: Peru<a class="anchor-link" href="#a">¶</a></h1>', "Country profile: Peru",
                 id="nbconvert-anchor"),
    pytest.param("<h1>Aid to <em>Peru</em> &amp; Bolivia</h1><h1>second</h1>", "Aid to Peru & Bolivia",
                 id="tags-entities"),
    pytest.param("<h2>no H1</h2>", "fallback", id="no-h1"),
])
def test_page_title(body: str, title: str) -> None:
    assert page_title(body, "fallback") == title


def test_stale_banner_says_since_when_and_is_put_once(tmp_path: Path) -> None:
    page = tmp_path / "r.html"
    page.write_text("<html><body class='x'><h1>Report</h1></body></html>", encoding="utf-8")
    assert mark_stale(page, datetime(2026, 12, 1, 21, 5, tzinfo=UTC), tmp_path / "r.failed")
    assert not mark_stale(page, datetime(2026, 12, 2, 9, 0, tzinfo=UTC), tmp_path / "r.failed")
    body = page.read_text(encoding="utf-8")
    assert body.count("aidfigures-stale") == 1 and "fail since 2026-12-01 21:05 UTC" in body
    assert body.index("<body class='x'>") < body.index("Stale report.") < body.index("<h1>")


def test_failed_prompt_is_the_error_cells_number(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    ok = nbformat.v4.new_code_cell("x = 1", execution_count=2)
    bad = nbformat.v4.new_code_cell("raise ValueError", execution_count=5)
    bad.outputs = [nbformat.v4.new_output("error", ename="ValueError", evalue="boom", traceback=[])]
    nb.cells = [nbformat.v4.new_markdown_cell("m"), ok, bad]
    nbformat.write(nb, tmp_path / "x.ipynb")
    assert failed_prompt(tmp_path / "x.ipynb") == 5
    assert failed_prompt(None) is None and failed_prompt(tmp_path / "missing.ipynb") is None
