"""Report pages that run nothing: no script elements, a Content-Security-Policy against scripts and remote loads."""

from __future__ import annotations

import re
from typing import Final

__all__ = ["CONTENT_SECURITY_POLICY", "secure_page"]

#: What a report page may load: its own inline styles, and images and fonts embedded as ``data:``
#: URLs. No script of any kind (elements, ``onerror=`` attributes, ``javascript:`` links), nothing
#: from the network, no frames, forms or ``<base>``. Nothing in a report needs JavaScript.
CONTENT_SECURITY_POLICY: Final = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
                                  "base-uri 'none'; form-action 'none'")
#: Start and end tags of script elements (attribute lists are short in nbconvert's templates; the
#: bound keeps the scan linear on any page).
_SCRIPT_TAG: Final = re.compile(r"<(/?)script\b[^<>]{0,4096}>", re.I)
_HEAD: Final = re.compile(r"<head\b[^<>]{0,4096}>", re.I)


def secure_page(page: str) -> str:
    """An HTML page without its script elements, with a Content-Security-Policy ``<meta>`` first in ``<head>``.

    nbconvert's templates load require.js, MathJax and mermaid from a CDN and run inline scripts;
    a report needs none of them. The policy (:data:`CONTENT_SECURITY_POLICY`) is what protects
    the reader: the browser refuses any script that is left, such as one in a notebook output
    written as raw HTML. Text that comes from documents is escaped before it gets here
    (:func:`aidfigures.show_table`).

    Examples
    --------
    >>> page = secure_page('<html><head><title>t</title><script src="https://cdn/x.js"></script></head>'
    ...                    '<body><p>1 &lt;script&gt;</p><script>run()</script></body></html>')
    >>> "<script" in page, "1 &lt;script&gt;" in page, page.index("Content-Security-Policy") < page.index("<title>")
    (False, True, True)
    """
    kept, start, depth = [], 0, 0
    for tag in _SCRIPT_TAG.finditer(page):
        if not tag.group(1):  # <script ...>: what follows, up to its end tag, goes
            if depth == 0:
                kept.append(page[start:tag.start()])
            depth = 1  # script elements do not nest: the first </script> ends it
        elif depth:
            depth, start = 0, tag.end()
    if not depth:
        kept.append(page[start:])
    body = "".join(kept)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
    head = _HEAD.search(body)
    if head is None:  # not a whole page: the policy goes first
        return meta + "\n" + body
    return body[:head.end()] + "\n" + meta + body[head.end():]
