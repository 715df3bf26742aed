"""Strip HTML to plain text with the standard library's ``html.parser``."""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["html_to_text"]

_SKIP = frozenset({"script", "style", "template"})
_PARAGRAPH = frozenset({
    "address", "article", "aside", "blockquote", "dl", "figure", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre", "section", "table", "ul",
})
_LINE = frozenset({"caption", "div", "figcaption", "title"})
_NEW_LINE = frozenset({"br", "dd", "dt", "li", "tr"})  # start a line; their end tags do nothing
_CELL = frozenset({"td", "th"})
_SPACES = re.compile(r"\s+")
_TRAILING = re.compile(r"[ \t]+\n")
_TAB = re.compile(r" *\t *")
_LEADING = re.compile(r"\n[ ]+")
_BLANKS = re.compile(r"\n{3,}")


class _TextParser(HTMLParser):
    """Collect the text of a page: block elements become line breaks, table cells tabs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._pre = 0
        self._cells = 0  # cells opened so far in the current table row

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _CELL:
            self.parts.append("\t" if self._cells else "")
            self._cells += 1
        else:
            self._boundary(tag, start=True)
        if tag in _SKIP:
            self._skip += 1
        elif tag == "pre":
            self._pre += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "pre":
            self._pre = max(0, self._pre - 1)
        self._boundary(tag, start=False)

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data if self._pre else _SPACES.sub(" ", data))

    def _boundary(self, tag: str, *, start: bool) -> None:
        if tag in _PARAGRAPH:
            self.parts.append("\n\n")
        elif tag in _LINE or (start and tag in _NEW_LINE):
            self.parts.append("\n")
        else:
            return
        self._cells = 0


def html_to_text(html: str) -> str:
    """Return the visible text of an HTML page.

    ``script``, ``style`` and ``template`` content and comments are dropped, entities are
    unescaped, runs of whitespace outside ``<pre>`` collapse to one space, block elements
    (``p``, ``div``, ``li``, ``tr``, headings, ...) end a line, table cells are separated by
    tabs (empty cells kept), lines carry no leading or trailing spaces, and there is never more
    than one blank line in a row.

    Parameters
    ----------
    html : str
        The page source, already decoded.

    Returns
    -------
    str
        The stripped text. Character offsets into it do not map back to the HTML source.

    Examples
    --------
    >>> html_to_text("<p>Peru got <b>$5&nbsp;million</b>.</p><script>x()</script><p>Done</p>")
    'Peru got $5 million.\\n\\nDone'
    >>> html_to_text("<table><tr><td>2006</td><td>56.4</td></tr></table>")
    '2006\\t56.4'
    """
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = _LEADING.sub("\n", _TRAILING.sub("\n", _TAB.sub("\t", text)))
    return _BLANKS.sub("\n\n", text).strip()
