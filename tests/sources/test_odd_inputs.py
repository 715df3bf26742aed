"""Odd but real inputs: Mac-style CSV line ends, JSONL null text, PDF decompression bombs."""

from __future__ import annotations

import gzip
import os
import zlib
from pathlib import Path

import pytest

from aidfigures.sources import iter_documents
from aidfigures.sources.pdf import DECOMPRESSION_BOMB, NO_TEXT_LAYER

# ---------------------------------------------------------------- CSV with bare \r line ends

MAC_CSV = [
    pytest.param(b"id,date,text\r", [], id="header-only"),
    pytest.param(b"id,date,text\ra,2006-01-02,Peru got $5M\rb,2007-03-04,Chile got $2M\r",
                 [("a", "Peru got $5M"), ("b", "Chile got $2M")], id="plain"),
    pytest.param(b"id,date,text\ra,2006-01-02,\"two\rlines, quoted\"\rb,2007-03-04,last row no end",
                 [("a", "two\nlines, quoted"), ("b", "last row no end")], id="quoted-line-break-no-final-end"),
    pytest.param(b"\xef\xbb\xbfid,text\ra,caf\xc3\xa9\r\rb,x\r", [("a", "café"), ("b", "x")],
                 id="bom-and-blank-line"),
]


@pytest.mark.parametrize("gz", [False, True], ids=["csv", "csv.gz"])
@pytest.mark.parametrize(("data", "rows"), MAC_CSV)
def test_a_csv_corpus_with_mac_line_ends_is_read(tmp_path: Path, data: bytes, rows: list[tuple[str, str]],
                                                 gz: bool) -> None:
    path = tmp_path / ("rows.csv.gz" if gz else "rows.csv")
    path.write_bytes(gzip.compress(data) if gz else data)
    docs = list(iter_documents(path))
    assert [(d.doc_id, d.text, d.error) for d in docs] == [(i, t, None) for i, t in rows]


def test_mac_line_ends_keep_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_bytes(b"id,text\ra,one\rb,\"broken\rc,three\r")
    docs = list(iter_documents(path))
    assert [(d.doc_id, d.source.rsplit("#", 1)[1], d.error is None) for d in docs] == [
        ("a", "line 2", True), ("rows#2", "line 3", False), ("c", "line 4", True)]


# ---------------------------------------------------------------- JSONL text that is not text

JSONL_TEXTS = [
    pytest.param(b'{"id": "a", "text": null}\n', "field 'text' is null, not text", id="null"),
    pytest.param(b'{"id": "a", "content": null, "title": "t"}\n', "field 'content' is null, not text",
                 id="null-content"),
    pytest.param(b'{"id": "a", "text": 5}\n', "field 'text' is int, not text", id="number"),
    pytest.param(b'{"id": "a", "text": ""}\n', None, id="empty-string-is-text"),
]


@pytest.mark.parametrize(("line", "error"), JSONL_TEXTS)
def test_jsonl_text_that_is_not_a_string_is_an_error_row(tmp_path: Path, line: bytes, error: str | None) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_bytes(line + b'{"id": "b", "text": "Peru got $5M"}\n')
    a, b = iter_documents(path)
    assert (a.doc_id, a.error) == ("a", error)
    assert (b.doc_id, b.text, b.error) == ("b", "Peru got $5M", None)


# ---------------------------------------------------------------- PDF decompression bombs

def _pdf(contents: list[bytes]) -> bytes:
    """A minimal PDF, one page per content stream (FlateDecode-compressed here)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for content in contents:
        packed = zlib.compress(content, 9)
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> >> >>" % len(objects))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + (b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + xref
                  + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, len(out)))


_BOMB = b"BT /F1 12 Tf 72 720 Td (x) Tj ET " + b" " * 80_000_000  # 80 MB of content, ~80 KB compressed
_TEXT = b"BT /F1 12 Tf 72 720 Td (Peru received 5 million dollars) Tj ET"


def test_a_pdf_decompression_bomb_is_reported_as_such(tmp_path: Path) -> None:
    path = tmp_path / "bomb.pdf"
    path.write_bytes(_pdf([_BOMB]))
    assert path.stat().st_size < 200_000
    doc, = iter_documents(path)
    assert doc.error is not None and doc.error.startswith(DECOMPRESSION_BOMB) and "page 1" in doc.error
    assert NO_TEXT_LAYER not in doc.error


def test_a_bomb_page_beside_text_pages_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "mixed.pdf"
    path.write_bytes(_pdf([_TEXT, _BOMB]))
    doc, = iter_documents(path)
    assert doc.error is None and "Peru received 5 million dollars" in doc.text
    assert any("page 2: " + DECOMPRESSION_BOMB in note for note in doc.warnings)


# ---------------------------------------------------------------- ids that UTF-8 cannot hold

@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".duckdb"])
def test_ids_with_lone_surrogates_are_written_and_resumed(tmp_path: Path, suffix: str) -> None:
    from aidfigures.corpus import run_corpus
    from aidfigures.outputs import read_documents

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "rows.jsonl").write_bytes(b'{"id": "a\\ud800", "text": "Peru got $5 million in 2006."}\n')
    (corpus / "b.txt").write_text("Chile got $2 million in 2006.", encoding="utf-8")
    (corpus / os.fsdecode(b"c\xff.txt")).write_bytes(b"Bolivia got $3 million in 2006.")  # a name not UTF-8
    out = tmp_path / f"out{suffix}"
    first = run_corpus(iter_documents(corpus), out, workers=1, progress="none")
    assert (first.documents, first.figures, first.failures) == (3, 3, ())
    assert sorted(read_documents(out)["doc_id"]) == ["a\ufffd", "b", "c\ufffd"]
    again = run_corpus(iter_documents(corpus), out, workers=1, progress="none", resume=True)
    assert (again.skipped, again.documents) == (3, 0)
