"""Report pages run nothing from documents: text escaped, scripts removed, a Content-Security-Policy,
checked in a real browser (headless Chromium) where one is installed."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from aidfigures.reports.export import export_html
from aidfigures.reports.safe_html import CONTENT_SECURITY_POLICY, secure_page
from aidfigures.tables import show_table

#: Payloads by form; each would leave a trace in the DOM if it ran.
PAYLOADS = {
    "script element": "<script>document.title='PWNED'</script>",
    "img onerror": "<img src=x onerror=\"document.body.setAttribute('data-ran', 'img')\">",
    "svg onload": "<svg onload=\"document.body.setAttribute('data-ran', 'svg')\"></svg>",
    "inline module": "<script type=module>document.body.setAttribute('data-ran', 'module')</script>",
}
_RAN = re.compile(r"<title>PWNED</title>|<body[^>]*\bdata-ran=")


def _notebook(path: Path) -> Path:
    """An executed notebook whose outputs hold the payloads: a document table shown with show_table
    (sentence, title, doc_id, file name), printed text, and raw HTML as a notebook could display."""
    rows = pd.DataFrame({"doc_id": list(PAYLOADS.values()), "title": list(PAYLOADS.values()),
                         "source": [f"docs/{p}.txt" for p in PAYLOADS.values()],
                         "sentence": [f"Peru received $5 million. {p}" for p in PAYLOADS.values()],
                         "value": [5e6] * len(PAYLOADS)})
    table = nbformat.v4.new_code_cell("af.show_table(rows)")
    table.outputs = [nbformat.v4.new_output("display_data", data={"text/html": show_table(rows).to_html(),
                                                                    "text/plain": "table"})]
    printed = nbformat.v4.new_code_cell("print(rows.doc_id[0])")
    printed.outputs = [nbformat.v4.new_output("stream", name="stdout", text=" ".join(PAYLOADS.values()))]
    raw = nbformat.v4.new_code_cell("HTML(...)")
    raw.outputs = [nbformat.v4.new_output("display_data", data={"text/html": "".join(PAYLOADS.values()),
                                                                  "text/plain": "raw"})]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Hostile corpus"), table, printed, raw])
    nbformat.write(nb, path)
    return path


def test_exported_page_has_the_policy_first_and_no_script_elements(tmp_path: Path) -> None:
    html = tmp_path / "page.html"
    export_html(_notebook(tmp_path / "page.ipynb"), html, title="page")
    page = html.read_text(encoding="utf-8")
    head = page[page.index("<head"):page.index("</head>")]
    assert re.search(r'<head[^>]*>\s*<meta http-equiv="Content-Security-Policy"', page)
    assert CONTENT_SECURITY_POLICY in head and "script-src" not in CONTENT_SECURITY_POLICY  # default-src 'none'
    assert "<script" not in page.lower() and "cdnjs" not in page.split("</style>")[-1]
    assert "&lt;script&gt;document.title=" in page  # the document's text is there, as text


@pytest.mark.parametrize("page, expected", [
    pytest.param("<html><head></head><body><script>a()</script>b</body></html>", "b", id="inline"),
    pytest.param('<head><script src="https://x/y.js"></script></head><p>c</p>', "<p>c</p>", id="remote"),
    pytest.param("<head></head><SCRIPT type=module>\nd()\n</SCRIPT >e", "e", id="upper case, module"),
    pytest.param("<head></head>f<script>never closed", "f", id="unclosed"),
    pytest.param("<p>no head</p>", "<p>no head</p>", id="fragment"),
])
def test_secure_page_drops_script_elements(page: str, expected: str) -> None:
    out = secure_page(page)
    assert "script" not in out.lower() and expected in out and "Content-Security-Policy" in out


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs chromium (Debian package) for --dump-dom")
def test_nothing_runs_in_a_real_browser(tmp_path: Path) -> None:
    html = tmp_path / "page.html"
    export_html(_notebook(tmp_path / "page.ipynb"), html, title="page")
    dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", html.as_uri()],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    assert "Hostile corpus" in dom and "$5M" in dom  # the page renders
    assert not _RAN.search(dom), "a payload ran"
    assert dom.count("&lt;script&gt;document.title='PWNED'&lt;/script&gt;") >= 3  # table cells shown as text
    # the same check sees a payload that runs: an unprotected page
    bare = tmp_path / "bare.html"
    bare.write_text(f"<html><head><title>t</title></head><body>{''.join(PAYLOADS.values())}</body></html>")
    dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", bare.as_uri()],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    assert _RAN.search(dom)
