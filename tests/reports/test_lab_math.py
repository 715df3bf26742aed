"""JupyterLab typesets ``$...$`` in Markdown and plain HTML outputs; report text (af.show_text) and
tables (af.show_table) must stay text. Checked in JupyterLab itself, rendered by headless Chromium."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from lab_server import running_lab

import aidfigures as af

pytestmark = pytest.mark.slow  # a Jupyter server and a browser

pytest.importorskip("jupyterlab")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
JUPYTER = Path(sys.executable).parent / "jupyter"
TEXT = "**5 figures**, from $44.7M to $582M; 2011 $44.7M (requested) vs 2006 $56.4M."
SHOWN = "from $44.7M to $582M"
#: One notebook per kind of output: what the page shows, and whether Lab may typeset it.
OUTPUTS = {
    "markdown": ({"text/markdown": TEXT}, True),  # the control: IPython.display.Markdown is typeset
    "plain_html": ({"text/html": "<p>from $44.7M to $582M</p>"}, True),  # so is HTML without the class
    "show_text": ({"text/html": af.show_text(TEXT)._repr_html_()}, False),
    "show_table": ({"text/html": af.show_table(pd.DataFrame({"evidence": [TEXT.replace("**", "")]})).to_html()}, False),
}


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    if CHROMIUM is None or not JUPYTER.exists():
        pytest.skip("needs headless Chromium (Debian's chromium) and jupyter lab")
    root = tmp_path_factory.mktemp("lab")
    (root / "nb").mkdir()
    for name, (data, _) in OUTPUTS.items():
        nb = nbformat.v4.new_notebook()
        cell = nbformat.v4.new_code_cell("shown", execution_count=1)
        cell.outputs = [nbformat.v4.new_output("display_data", data={**data, "text/plain": TEXT})]
        nb.cells = [cell]
        nbformat.write(nb, root / "nb" / f"{name}.ipynb")
    argv = [str(JUPYTER), "lab", f"--notebook-dir={root / 'nb'}"]
    with running_lab(argv, root) as (url, token, _):
        yield url, token


def _output_html(dom: str) -> str:
    """The HTML of the notebook's single output area in a dumped JupyterLab page."""
    start = dom.index('data-mime-type="text/')
    return dom[start:dom.index("</div>", start)]


@pytest.mark.parametrize("name", list(OUTPUTS))
def test_lab_typesets_only_what_it_should(lab: tuple[str, str], name: str) -> None:
    url, token = lab
    done = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=30000",
                           "--window-size=1280,800", "--dump-dom", f"{url}/lab/tree/{name}.ipynb?reset&token={token}"],
                          capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-500:]
    shown = _output_html(done.stdout)
    typeset = "<mjx-container" in shown
    assert typeset == OUTPUTS[name][1], shown[:500]
    if not typeset:
        assert SHOWN in shown or "from $44.7M to $582M" in shown.replace("&nbsp;", " ")
