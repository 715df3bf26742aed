"""Reading one document file: read_document (folders are read by iter_documents, tests/sources/test_sources.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from aidfigures.errors import AidFiguresError, DocumentError, DocumentWarning
from aidfigures.sources import read_document

# -- read_document -----------------------------------------------------------------------------

GOOD_DOCUMENTS = [
    pytest.param("a.txt", b"Peru got $5 million.", "Peru got $5 million.", "utf-8", id="utf8-txt"),
    pytest.param("a.md", "# Título\n\n€5 million".encode(), "# Título\n\n€5 million", "utf-8", id="utf8-md"),
    pytest.param("a.txt", b"\xef\xbb\xbfBOM text", "BOM text", "utf-8", id="utf8-bom"),
    pytest.param("a.txt", b"one\r\ntwo\rthree\n", "one\ntwo\nthree\n", "utf-8", id="crlf-normalized"),
    pytest.param("a.txt", b"", "", "utf-8", id="empty"),
    pytest.param("a.txt", "Ünïcode €".encode("utf-16"), "Ünïcode €", "utf-16", id="utf16-bom"),
    pytest.param("a.html", b"<html><head><title>T</title><style>p{x:1}</style></head><body>"
                 b"<p>$5&nbsp;million &amp; more</p><script>alert(1)</script><div>end</div></body></html>",
                 "T\n\n$5 million & more\n\nend", "utf-8", id="html"),
    pytest.param("a.HTM", b"<p>a</p><p>b</p>", "a\n\nb", "utf-8", id="htm-uppercase"),
    pytest.param("a.data", b"<p>kept</p>", "<p>kept</p>", "utf-8", id="unknown-suffix-is-text"),
]


@pytest.mark.parametrize(("name", "data", "text", "encoding"), GOOD_DOCUMENTS)
def test_read_document(tmp_path: Path, name: str, data: bytes, text: str, encoding: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    doc = read_document(path)
    assert (doc.doc_id, doc.path, doc.text, doc.encoding, doc.warnings) == ("a", path, text, encoding, ())


def test_read_document_cp1252_warns(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Perú recibió “$5 millones”".encode("cp1252"))
    with pytest.warns(DocumentWarning, match="latin.txt: not valid UTF-8"):
        doc = read_document(path)
    assert doc.text == "Perú recibió “$5 millones”"
    assert doc.encoding == "cp1252"
    assert len(doc.warnings) == 1 and "decoded as cp1252" in doc.warnings[0]


BAD_DOCUMENTS = [
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not text", id="nul-bytes"),
    pytest.param(bytes(range(1, 9)) * 5 + b"some text", "binary file, not text", id="control-chars"),
    pytest.param(b"x" * 101, "101 bytes is over the 100 bytes size limit", id="too-large"),
]


@pytest.mark.parametrize(("data", "message"), BAD_DOCUMENTS)
def test_read_document_refuses(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(DocumentError, match=f"^{path}: {message}"):
        read_document(path, max_bytes=100)


@pytest.mark.parametrize("kind", ["missing", "directory"])
def test_read_document_not_a_file(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "thing.txt"
    if kind == "directory":
        path.mkdir()
    with pytest.raises(DocumentError, match=f"^{path}: (no such file|is a directory)"):
        read_document(path)


def test_document_error_is_value_error() -> None:
    assert issubclass(DocumentError, ValueError) and issubclass(DocumentError, AidFiguresError)
