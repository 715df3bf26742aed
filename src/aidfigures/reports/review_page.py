"""The review queue as one offline HTML page that sorts and filters in the browser (one hashed inline script)."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
from collections.abc import Sequence
from typing import Final

import pandas as pd

from ..currency.formatting import format_money
from ..parse.alternatives import NONE, parse_alternatives
from ..tables.review import REASONS
from .safe_html import CONTENT_SECURITY_POLICY

__all__ = ["review_page", "highlight"]

#: Sorting by a column header, filtering by text, reason and status; both live in the URL hash
#: (``#reason=no_year&status=open&q=peru&sort=-amount``) so a link opens the page sorted and filtered.
_SCRIPT: Final = """
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll("#queue tbody tr"));
  var heads = Array.prototype.slice.call(document.querySelectorAll("#queue th[data-kind]"));
  var q = document.getElementById("q"), reason = document.getElementById("reason"),
      status = document.getElementById("status"), shown = document.getElementById("shown"), order = "";
  function value(r, col) {
    var c = r.cells[col];
    return c.dataset.v === undefined ? c.textContent : c.dataset.v;
  }
  function sortBy(key) {
    var up = key.charAt(0) !== "-", name = up ? key : key.slice(1);
    var th = heads.filter(function (h) { return h.dataset.name === name; })[0];
    heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
    if (!th) { order = ""; return; }
    order = key; th.setAttribute("aria-sort", up ? "ascending" : "descending");
    var col = th.cellIndex, num = th.dataset.kind === "number", body = document.querySelector("#queue tbody");
    rows.sort(function (a, b) {
      var x = value(a, col), y = value(b, col), c;
      if (num) {
        if (x === "" || y === "") { return (x === "") - (y === ""); }  // blanks last either way
        c = parseFloat(x) - parseFloat(y);
      } else { c = x.localeCompare(y); }
      return up ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  function writeHash() {
    var h = new URLSearchParams();
    if (q.value) { h.set("q", q.value); } if (reason.value) { h.set("reason", reason.value); }
    if (status.value) { h.set("status", status.value); } if (order) { h.set("sort", order); }
    history.replaceState(null, "", "#" + h.toString());
  }
  function filter() {
    var words = q.value.toLowerCase().trim(), n = 0;
    rows.forEach(function (r) {
      var ok = (!words || r.textContent.toLowerCase().indexOf(words) >= 0) &&
               (!reason.value || (" " + r.dataset.reasons + " ").indexOf(" " + reason.value + " ") >= 0) &&
               (!status.value || r.dataset.status === status.value);
      r.hidden = !ok; if (ok) { n += 1; }
    });
    shown.textContent = String(n);
  }
  function readHash() {
    var h = new URLSearchParams(location.hash.slice(1));
    q.value = h.get("q") || ""; reason.value = h.get("reason") || ""; status.value = h.get("status") || "";
    sortBy(h.get("sort") || "");
    filter();
  }
  heads.forEach(function (th) {
    th.addEventListener("click", function () {
      sortBy((th.getAttribute("aria-sort") === "ascending" ? "-" : "") + th.dataset.name);
      writeHash();
    });
  });
  [q, reason, status].forEach(function (el) { el.addEventListener("input", function () { filter(); writeHash(); }); });
  window.addEventListener("hashchange", readHash);
  readHash();
})();
"""

_STYLE: Final = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; margin: 0 0 .3em; }
.bar { display: flex; gap: 1em; align-items: center; margin: .8em 0; flex-wrap: wrap; }
.bar input[type=search] { width: 18em; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: .35em .5em; text-align: left; vertical-align: top; }
th[data-kind] { cursor: pointer; user-select: none; white-space: nowrap; }
th[aria-sort=ascending]::after { content: " \\25B2"; } th[aria-sort=descending]::after { content: " \\25BC"; }
thead th { position: sticky; top: 0; background: #f4f4f4; }
td.num { text-align: right; white-space: nowrap; }
mark { background: #ffe066; padding: 0 .1em; }
.reason { display: inline-block; background: #fde2e1; color: #8a1c1c; border-radius: 3px; padding: 0 .35em;
          margin: 0 .2em .2em 0; font-size: .85em; white-space: nowrap; }
.alt { color: #555; font-size: .9em; } .opt { display: inline-block; background: #eef3f8; border-radius: 3px;
  padding: 0 .3em; margin: 0 .2em .2em 0; }
.was { color: #0b4f8a; font-size: .85em; }
.key { color: #777; font-size: .8em; font-family: monospace; word-break: break-all; max-width: 12em; }
tr[data-status=confirmed], tr[data-status=corrected] { color: #888; }
.status-confirmed { color: #1b6e20; } .status-corrected { color: #0b4f8a; }
.notes { background: #fff4e0; border: 1px solid #f0c36d; padding: .3em .8em; margin: .5em 0; }
.sentence { max-width: 40em; min-width: 22em; } td.alt { max-width: 18em; }
"""

_COLUMNS: Final = (("#", "number"), ("reasons", "text"), ("amount", "number"), ("recipient", "text"),
                   ("year", "number"), ("confidence", "number"), ("alternatives", "text"),
                   ("sentence", "text"), ("status", "text"), ("figure", "text"))


def _count(n: int) -> str:
    return f"{n} figure{'' if n == 1 else 's'}"


def _name(column: str) -> str:
    """A column's name in the URL hash (``#sort=confidence``, ``#sort=-amount`` for largest first)."""
    return "rank" if column == "#" else column


def _hash(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


#: The report pages' policy, with this page's one script allowed by its hash (nothing else runs).
POLICY: Final = CONTENT_SECURITY_POLICY.replace("default-src 'none';",
                                                f"default-src 'none'; script-src '{_hash(_SCRIPT)}';")


def highlight(sentence: str, text: str) -> str:
    """``sentence`` as HTML with the figure's ``text`` marked where it stands (its first occurrence).

    White space is compared collapsed, as the ``sentence`` column writes it.

    Examples
    --------
    >>> highlight("Peru got <b>$5 million</b>.", "$5\\nmillion")
    'Peru got &lt;b&gt;<mark>$5 million</mark>&lt;/b&gt;.'
    >>> highlight("No such amount.", "$9")
    'No such amount.'
    """
    wanted = " ".join(str(text).split())
    at = sentence.find(wanted) if wanted else -1
    if at < 0:
        return html.escape(sentence)
    end = at + len(wanted)
    marked = "<mark>" + html.escape(sentence[at:end]) + "</mark>"
    return html.escape(sentence[:at]) + marked + html.escape(sentence[end:])


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _num(value: object) -> str:
    return "" if value is None or pd.isna(value) else repr(float(value))  # type: ignore[arg-type]


def _amount(row: pd.Series) -> str:
    amount = float(row["amount"])
    shown = format_money(amount, str(row["currency"]))
    usd = row.get("amount_usd")
    extra = "" if row["currency"] == "USD" or usd is None or pd.isna(usd) else \
        f'<br><span class="alt">{html.escape(format_money(float(usd), "USD"))}</span>'
    return f'<td class="num" data-v="{amount!r}">{html.escape(shown)}{extra}</td>'


def _was(row: pd.Series) -> str:
    """What a correction replaced: ``recipient (was Peru)``, from the ``corrected`` and ``original`` columns."""
    fields = [f for f in _text(row.get("corrected")).split(";") if f and f != "confirmed"]
    if not fields:
        return ""
    try:
        before = json.loads(_text(row.get("original")) or "{}")
    except ValueError:
        before = {}
    shown = [f"{f} (was {'none' if before.get(f) is None else before[f]})" if f in before else f for f in fields]
    return f'<br><span class="was">\u270e {html.escape(", ".join(shown))}</span>'


def _alternatives(value: object) -> str:
    """The ``alternatives`` text as one line per field, each alternative kept whole."""
    lines = []
    for field, found in parse_alternatives(_text(value) or None).items():
        options = " ".join(f'<span class="opt">{html.escape(NONE if v is None else v)} {p:.2f}</span>'
                           for v, p in found)
        lines.append(f"<div>{html.escape(field)}: {options}</div>")
    return "".join(lines)


def _row(row: pd.Series) -> str:
    codes = _text(row["reasons"]).split(", ") if _text(row["reasons"]) else []
    reasons = "".join(f'<span class="reason" title="{html.escape(REASONS[c][1])}">{html.escape(c)}</span>'
                      for c in codes if c in REASONS)
    recipient = _text(row["recipient"])
    iso3 = _text(row["recipient_iso3"])
    confidence = row["confidence"]
    conf = "" if pd.isna(confidence) else f"{float(confidence):.2f}"
    year = _text(row["year"])
    status = _text(row["status"]) or "open"
    cells = [
        f'<td class="num" data-v="{int(row["rank"])}">{int(row["rank"])}</td>',
        f"<td>{reasons}</td>",
        _amount(row),
        f"<td>{html.escape(recipient)}{f' <span class=alt>({html.escape(iso3)})</span>' if iso3 else ''}</td>",
        f'<td class="num" data-v="{html.escape(year)}">{html.escape(year)}</td>',
        f'<td class="num" data-v="{_num(confidence)}">{conf}</td>',
        f'<td class="alt">{_alternatives(row["alternatives"])}</td>',
        f'<td class="sentence">{highlight(_text(row["sentence"]), _text(row["text"]))}</td>',
        f'<td class="status-{html.escape(status)}">{html.escape(status)}{_was(row)}</td>',
        f'<td class="key">{html.escape(_text(row["key"]))}</td>',
    ]
    return (f'<tr data-key="{html.escape(_text(row["key"]))}" data-status="{html.escape(status)}" '
            f'data-reasons="{html.escape(" ".join(codes))}">' + "".join(cells) + "</tr>")


def review_page(queue: pd.DataFrame, title: str = "Figures to review", notes: Sequence[str] = ()) -> str:
    """The review queue (:func:`aidfigures.tables.review.review_queue`) as a whole HTML page.

    The page loads nothing: its style and its one script are inline, and its
    Content-Security-Policy (:data:`POLICY`) allows that script by its hash and nothing else.
    Every text from the documents is escaped. ``notes`` (stale or superseded corrections, say) are
    listed above the table.

    Examples
    --------
    >>> import aidfigures as af
    >>> from aidfigures.tables.review import review_queue
    >>> page = review_page(review_queue(af.extract("Donors pledged <b>3 million euros</b> in aid.")))
    >>> "<mark>3 million euros</mark>" in page, "&lt;b&gt;" in page, "<b>" in page
    (True, True, False)
    """
    open_ = int(((queue["status"] == "open") & (queue["reasons"] != "")).sum()) if len(queue) else 0
    checked = int((queue["status"] != "open").sum()) if len(queue) else 0
    others = len(queue) - open_ - checked
    listed = f", {others} listed with no reason to look" if others else ""
    options = "".join(f'<option value="{c}">{c}</option>' for c in REASONS)
    head = "".join(f'<th data-kind="{kind}" data-name="{_name(name)}" scope="col">{name}</th>'
                   for name, kind in _COLUMNS)
    body = "\n".join(_row(r) for _, r in queue.iterrows())
    lowest = queue["confidence"].min() if len(queue) else math.nan
    note = "" if pd.isna(lowest) else f"; lowest confidence {float(lowest):.2f}"
    items = "".join(f"<li>{html.escape(n)}</li>" for n in notes)
    warned = f'<div class="notes"><b>Corrections to look at</b><ul>{items}</ul></div>' if notes else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{POLICY}">
<title>{html.escape(title)}</title><style>{_STYLE}</style></head>
<body>
<h1>{html.escape(title)}</h1>
<p id="summary">{_count(open_)} to check{listed}, {checked} already confirmed or corrected{note}.
Highest priority first; click a column to sort. Correct one with
<code>af.correct(figures, "doc_id:start-end", recipient="PER")</code> or
<code>af.review(figures)</code> in JupyterLab.</p>
{warned}
<div class="bar">
<label>Search <input type="search" id="q" placeholder="country, document, words"></label>
<label>Reason <select id="reason"><option value="">any</option>{options}</select></label>
<label>Status <select id="status"><option value="">any</option><option value="open">open</option>
<option value="confirmed">confirmed</option><option value="corrected">corrected</option></select></label>
<span>showing <b id="shown">{len(queue)}</b> of {len(queue)}</span>
</div>
<table id="queue"><thead><tr>{head}</tr></thead>
<tbody>
{body}
</tbody></table>
<script>{_SCRIPT}</script>
</body></html>
"""
