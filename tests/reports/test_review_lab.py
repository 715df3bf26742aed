"""af.review in a real JupyterLab: the form renders, and its Confirm button appends to the corrections file."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
import pytest
from cdp import CHROMIUM, browser
from lab_server import running_lab

JUPYTER = Path(sys.executable).with_name("jupyter")
#: Where the screenshots go when set (the lead's folder in the closing note), else the test's tmp folder.
SHOTS = os.environ.get("AIDFIGURES_SHOTS")

CELL = '''import hashlib, pandas as pd, aidfigures as af
texts = {
    "hn_police_2009": "Officials in Honduras said $8 million in police aid went to Guatemala in 2009.",
    "donors_euro": "Donors pledged 3 million euros in aid.",
    "pe_2006": "Peru received $5 million in aid in 2006, and Bolivia got $3 million a year earlier.",
}
figures = pd.concat([af.extract(t, doc_id=d) for d, t in texts.items()], ignore_index=True)
figures.attrs["sha256"] = {d: hashlib.sha256(t.encode()).hexdigest() for d, t in texts.items()}
af.review(figures, CORRECTIONS, who="analyst", everything=True)'''
_IDLE = ("(() => { const e = document.querySelector('.jp-Notebook-ExecutionIndicator');"
         " return !!e && e.getAttribute('data-status') === 'idle'; })()")


@pytest.mark.slow
def test_review_form_in_jupyterlab(tmp_path: Path) -> None:
    if CHROMIUM is None or not JUPYTER.exists():
        pytest.skip("needs headless Chromium (Debian's chromium) and jupyter lab")
    pytest.importorskip("ipywidgets")
    pytest.importorskip("websocket")
    shots = Path(SHOTS) if SHOTS else tmp_path
    corrections = tmp_path / "corrections.csv"
    (tmp_path / "nb").mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(CELL.replace("CORRECTIONS", repr(str(corrections))))]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, tmp_path / "nb" / "review.ipynb")
    with running_lab([str(JUPYTER), "lab", f"--notebook-dir={tmp_path / 'nb'}"], tmp_path) as (url, token, _), \
            browser(f"{url}/lab/tree/review.ipynb?reset&token={token}", tmp_path) as page:
        page.wait_for("!!document.querySelector('.jp-Notebook .jp-CodeCell')", 120, "the notebook")
        page.wait_for(_IDLE, 120, "the kernel")
        for attempt in range(3):  # the kernel may be idle before the page has connected to it: run again then
            page.click(".jp-Notebook .jp-CodeCell .jp-InputPrompt")
            page.click('jp-button[data-command="notebook:run-cell-and-select-next"]')
            try:
                page.wait_for("document.querySelectorAll('.widget-button').length === 2", 60, "the form")
                break
            except TimeoutError:
                if attempt == 2:
                    raise
        form = page.evaluate("document.querySelector('.jp-OutputArea').innerText")
        assert "4 figures to review" in form and "Donors pledged 3 million euros in aid." in form
        assert page.evaluate("document.querySelector('.jp-OutputArea mark').textContent") == "3 million euros"
        page.screenshot(shots / "lab-review-form.png")
        page.click(".widget-button.mod-success")  # Confirm as is
        page.wait_for("document.querySelector('.jp-OutputArea').innerText.includes('written: donors_euro:15-30')",
                      60, "the written line")
        page.screenshot(shots / "lab-review-after-confirm.png")
    lines = corrections.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("sha256,start,end,field,value,who,when,note") and len(lines) == 2
    assert ",15,30,confirmed,,analyst," in lines[1]
