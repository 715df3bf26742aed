"""The HTML page of a report: no MathJax, a ``<title>`` from its H1, what it was built from, a stale banner."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Final

__all__ = ["STALE_CLASS", "about_block", "failed_prompt", "html_exporter", "insert_after_h1", "mark_stale",
           "page_title", "set_title"]

#: The nbconvert template of report pages: JupyterLab's, without the MathJax script (nothing in a
#: report is math; with it, ``from $44.7M to $582M`` is typeset as a formula) and with the build
#: block's style.
_TEMPLATE: Final = """{%- extends 'index.html.j2' -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block extra_css -%}
{{ super() }}
<style type="text/css">
.aidfigures-about, .aidfigures-stale { margin: 0.5em 0 1.2em !important; padding: 0.5em 0.8em;
                                       font-family: var(--jp-content-font-family, system-ui, sans-serif); }
.aidfigures-about { font-size: 0.85em; color: #444; border-left: 3px solid #bbb; display: grid !important;
                    grid-template-columns: 6.5em 1fr; gap: 0.15em 1em; width: auto !important; }
.aidfigures-about dt, .aidfigures-about dd { float: none !important; width: auto !important; margin: 0 !important;
                                             padding: 0 !important; }
.aidfigures-about dt { font-weight: bold; }
.aidfigures-stale { background: #fff3cd; border: 2px solid #d55e00; color: #222; font-size: 1em; }
.jp-RenderedHTMLCommon table { font-size: 11px; }
.jp-RenderedHTMLCommon td { overflow-wrap: break-word; }
</style>
{%- endblock extra_css -%}
"""
_TEMPLATE_NAME: Final = "aidfigures_report.html.j2"
#: The banner a kept report gets when a later build of it failed.
STALE_CLASS: Final = "aidfigures-stale"
_H1: Final = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S | re.I)
_TAG: Final = re.compile(r"<[^>]+>")


def html_exporter() -> Any:
    """An nbconvert ``HTMLExporter`` for report pages: outputs and prose only, no MathJax."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    return HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                        extra_loaders=[DictLoader({_TEMPLATE_NAME: _TEMPLATE})], template_file=_TEMPLATE_NAME)


def page_title(body: str, fallback: str) -> str:
    """The text of a page's first H1 (without nbconvert's ``¶`` anchor), else ``fallback``.

    Examples
    --------
    >>> page_title('<h1 id="x">Country profile: Peru<a class="anchor-link" href="#x">¶</a></h1>', "p")
    'Country profile: Peru'
    >>> page_title("<p>no heading</p>", "country_profile")
    'country_profile'
    """
    found = _H1.search(body)
    text = html.unescape(_TAG.sub("", found.group(1))).replace("¶", "").strip() if found else ""
    return " ".join(text.split()) or fallback


def set_title(body: str, title: str) -> str:
    """``body`` with its ``<title>`` element holding ``title``."""
    return re.sub(r"<title>.*?</title>", lambda _m: f"<title>{html.escape(title)}</title>", body, count=1, flags=re.S)


def about_block(notebook: str, built: str | None, parameters: Mapping[str, Any],
                inputs: Sequence[Mapping[str, Any]] = ()) -> str:
    """An HTML block saying when and from what a report was built: notebook, parameters, input files.

    Examples
    --------
    >>> block = about_block("notebooks/p.ipynb", "2026-12-01T20:16:42.15+00:00", {"country": "Peru"},
    ...                     [{"parameter": "figures", "path": "f.csv", "bytes": 2048, "sha256": "ab12" * 16}])
    >>> "2026-12-01 20:16 UTC" in block, "country = Peru" in block, "f.csv (2 kB, sha256 ab12ab12ab12)" in block
    (True, True, True)
    """
    when = _when(built) if built else "unknown"
    notebook = _relative(notebook)
    shown = "; ".join(f"{html.escape(k)} = {html.escape(_value(v))}" for k, v in parameters.items()
                      if k != "output_dir") or "the notebook's defaults"
    files = "; ".join(f"{html.escape(str(f['path']))} ({_size(int(f['bytes']))}, sha256 {str(f['sha256'])[:12]})"
                      for f in inputs) or "none named in the parameters"
    return (f'<dl class="aidfigures-about"><dt>Built</dt><dd>{when}</dd>'
            f"<dt>Notebook</dt><dd>{html.escape(notebook)}</dd>"
            f"<dt>Parameters</dt><dd>{shown} (others: the notebook's defaults)</dd>"
            f"<dt>Inputs</dt><dd>{files}</dd></dl>")


def insert_after_h1(body: str, block: str) -> str:
    """``block`` placed right after the first H1 (at the start of the page body when there is none)."""
    found = _H1.search(body)
    if found:
        return body[:found.end()] + block + body[found.end():]
    return re.sub(r"(<body\b[^>]*>)", lambda m: m.group(1) + block, body, count=1)


def mark_stale(page: Path, since: datetime, failed: Path) -> bool:
    """Put a banner at the top of a kept report page saying that builds fail since ``since``.

    A page that already has the banner keeps it (and so the time of the first failure). Returns
    True when the page was changed.
    """
    body = page.read_text(encoding="utf-8")
    if f'class="{STALE_CLASS}"' in body:
        return False
    banner = (f'<div class="{STALE_CLASS}" role="alert"><strong>Stale report.</strong> The builds of this '
              f"report fail since {_when(since.isoformat())}; this page is the last good build. "
              f"See {html.escape(failed.name)}/ beside this folder for the failed run.</div>")
    marked, n = re.subn(r"(<body\b[^>]*>)", lambda m: m.group(1) + banner, body, count=1)
    page.write_text(marked if n else banner + body, encoding="utf-8")
    return True


def failed_prompt(executed: Path | None) -> int | None:
    """The ``In [N]`` number of the failed cell of an executed notebook (what its HTML page shows).

    None when there is no notebook, no failed cell, or the cell never got a number.
    """
    if executed is None or not executed.is_file():
        return None
    import nbformat

    try:
        cells = nbformat.read(executed, as_version=4).cells
    except Exception:  # noqa: BLE001 - an unreadable notebook: the message goes without the number
        return None
    for cell in cells:
        if cell.cell_type == "code" and any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            count = cell.get("execution_count")
            return int(count) if count is not None else None
    return None


def _when(moment: str) -> str:
    """``2026-12-01T20:16:42.15+00:00`` -> ``2026-12-01 20:16 UTC``."""
    try:
        parsed = datetime.fromisoformat(moment.replace("Z", "+00:00"))
    except ValueError:
        return html.escape(moment)
    return parsed.strftime("%Y-%m-%d %H:%M UTC")


def _relative(path: str) -> str:
    """``path`` relative to the working directory when it lies under it (as the build file names it)."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return path


def _value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return str(value)


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    return f"{n / 1024:.3g} kB" if n < 1024**2 else f"{n / 1024**2:.3g} MB"
