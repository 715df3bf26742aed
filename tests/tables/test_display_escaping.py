"""show_table shows text from documents as text: markup in cells and headings is escaped, never live HTML."""

from __future__ import annotations

import pandas as pd
import pytest

from aidfigures.tables import show_table

#: Markup a document could carry, by the form of the attack.
PAYLOADS = [
    pytest.param("<script>document.title='PWNED'</script>", "&lt;script&gt;", id="script element"),
    pytest.param("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;", id="img onerror"),
    pytest.param("<svg onload=alert(1)>.txt", "&lt;svg onload=alert(1)&gt;.txt", id="svg onload file name"),
    pytest.param('"><b onmouseover=x>', "&#34;&gt;&lt;b onmouseover=x&gt;", id="attribute breakout"),
    pytest.param("AT&T &amp; <i>", "AT&amp;T &amp;amp; &lt;i&gt;", id="ampersands and entities"),
]
_LIVE = ("<script", "<img", "<svg", "<b ", "<i>")


def _assert_escaped(html: str, escaped: str) -> None:
    assert escaped in html.replace("&quot;", "&#34;")
    assert not any(tag in html for tag in _LIVE), html


@pytest.mark.parametrize("payload, escaped", PAYLOADS)
@pytest.mark.parametrize("column", ["sentence", "doc_id", "title", "source", "error", "recipient"])
def test_text_cells_are_escaped(column: str, payload: str, escaped: str) -> None:
    table = pd.DataFrame({column: [payload, None], "value": [56.4e6, 1.0]})
    _assert_escaped(show_table(table).to_html(), escaped)


@pytest.mark.parametrize("payload, escaped", PAYLOADS)
def test_headings_and_index_labels_are_escaped(payload: str, escaped: str) -> None:
    wide = pd.DataFrame({payload: [56.4e6]}, index=pd.Index([payload], name="doc_id"))
    _assert_escaped(show_table(wide).to_html(), escaped)

