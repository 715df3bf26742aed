"""Tests for aidfigures.sources: corpus inputs streamed as SourceDocument records."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import sys
import tracemalloc
from pathlib import Path

import pytest

from aidfigures import SourceDocument, iter_documents, page_of
from aidfigures.errors import DocumentError

CABLES = (
    "id,date,origin,classification,subject,content\n"
    '76LIMA1520,1976-02-20 18:00,Embassy Lima,CONFIDENTIAL,MILITARY AID,"Peru received $5 million\n'
    'in military aid last year."\n'
    "06BOGOTA99,12/28/2006 09:15,Embassy Bogota,UNCLASSIFIED,PLAN COLOMBIA,Colombia got $600 million.\n"
)


def _docs(*args: object, **kwargs: object) -> list[SourceDocument]:
    return list(iter_documents(*args, **kwargs))  # type: ignore[arg-type]


def _ids(docs: list[SourceDocument]) -> list[str]:
    return [d.doc_id for d in docs]


def _write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)
    return path


def _pdf(pages: list[str | None], title: str | None = None) -> bytes:
    """A minimal valid PDF, written by hand: one page per entry, Helvetica text lines, or a page
    with no text at all (None), like a scanned page without a text layer."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for text in pages:
        lines = [] if text is None else text.split("\n")
        content = ("BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET") if lines else ""
        objects.append(f"<< /Length {len(content)} >>\nstream\n{content}\nendstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {len(objects)} 0 R "
                       "/Resources << /Font << /F1 3 0 R >> >> >>")
        kids.append(len(objects))
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>"
    if title:
        objects.append(f"<< /Title ({title}) >>")
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    info = f" /Info {len(objects)} 0 R" if title else ""
    xref = "".join(f"{offset:010d} 00000 n \n" for offset in offsets)
    out += (f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n{xref}"
            f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info} >>\nstartxref\n{len(out)}\n%%EOF\n").encode()
    return out


@pytest.fixture
def stdin(monkeypatch: pytest.MonkeyPatch):
    """Replace sys.stdin with a text stream over the given bytes."""
    def feed(data: bytes) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    return feed


# -- folders, include globs, manifests ---------------------------------------------------------

@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name, text in {
        "a.txt": "Peru received $5 million in 2006.",
        "b.md": "# Note",
        "sub/c.html": "<p>Aid &amp; more</p>",
        "cables/1976/feb/x.md": "Lima cable",
        "cables/y.md": "Bogota cable",
        "notes.rtf": "not picked by default",
        ".hidden/h.txt": "hidden folder",
        ".h.txt": "hidden file",
        "sources.csv": "doc_id,published\na,2010-12-16\n",
    }.items():
        _write(tmp_path / name, text)
    return tmp_path


@pytest.mark.parametrize(("include", "expected"), [
    (None, ["a", "b", "x", "y", "c"]),
    (["*.txt"], ["a"]),
    ("*.TXT", ["a"]),
    (["cables/**/*.md"], ["x", "y"]),
    (["cables/*.md"], ["y"]),
    (["*.rtf", "sub/*"], ["notes", "c"]),
    (["*.csv"], []),  # sources.csv is the manifest, never a table corpus
], ids=["default", "name-glob", "case-ignored", "double-star", "one-level", "several", "manifest-skipped"])
def test_folder_walk_with_include_globs(tree: Path, include: object, expected: list[str]) -> None:
    assert _ids(_docs(tree, include=include)) == expected


def test_folder_documents_are_read_like_read_document(tree: Path) -> None:
    docs = {d.doc_id: d for d in _docs(tree)}
    assert docs["a"].text == "Peru received $5 million in 2006."
    assert docs["a"].published == dt.date(2010, 12, 16)  # from sources.csv beside it
    assert docs["a"].source == str(tree / "a.txt") and docs["a"].error is None
    assert docs["c"].text == "Aid & more" and docs["c"].published is None


def test_explicit_files_are_read_whatever_their_suffix_and_missing_sources_raise_at_once(tree: Path) -> None:
    assert _ids(_docs([tree / "notes.rtf", tree / "a.txt", tree])) == ["notes", "a", "b", "x", "y", "c"]
    with pytest.raises(DocumentError, match="nope: no such file or directory"):
        iter_documents([tree / "a.txt", tree / "nope"])  # raised by the call, before iterating


def test_folder_order_is_path_order_and_links_are_handled_like_os_walk(tmp_path: Path) -> None:
    for name in ("a-b.txt", "a/b.txt", "a/c/d.txt", "B.txt", "a.txt", "x.", ".x", "real/r.txt"):
        _write(tmp_path / "t" / name, "text")
    (tmp_path / "t" / "link").symlink_to(tmp_path / "t" / "real", target_is_directory=True)  # not followed
    (tmp_path / "t" / "r2.txt").symlink_to(tmp_path / "t" / "real" / "r.txt")  # a file: read
    files = sorted(p for p in (tmp_path / "t").rglob("*.txt") if "link" not in p.parts)
    docs = _docs(tmp_path / "t", include="*.txt")
    assert [d.source for d in docs] == [str(p) for p in files]  # a/... before a-b.txt, as Path sorts
    assert [d.doc_id for d in _docs(tmp_path / "t", include="x*")] == ["x."]  # no suffix: the name is the id


def test_same_file_name_in_two_folders_gets_unique_ids(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        _write(tmp_path / folder / "report.txt", folder)
    _write(tmp_path / "three" / "report.txt.gz", "three")
    assert _ids(_docs(tmp_path)) == ["report", "report~2", "report~3"]


@pytest.mark.parametrize(("name", "data", "error"), [
    ("blob.txt", b"\x00\x01\x02", "binary file, not text"),
    ("big.txt", b"x" * 2000, "document too large: 2,000 bytes > 1,000 bytes cap"),
    ("big.txt.gz", b"x" * 2000, "document too large: over the 1,000 bytes cap (decompressed)"),
    ("bad.txt.gz", b"not gzip at all", "corrupt .gz (Not a gzipped file (b'no'))"),
], ids=["binary", "over-cap", "gz-over-cap", "gz-corrupt"])
def test_unreadable_files_are_error_records(tmp_path: Path, name: str, data: bytes, error: str) -> None:
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") and name != "bad.txt.gz" else data)
    docs = _docs([path, _write(tmp_path / "ok.txt", "fine")], max_bytes=1000)
    assert [(d.doc_id, d.error) for d in docs] == [(name.split(".")[0], error), ("ok", None)]


def test_cp1252_fallback_is_a_warning(tmp_path: Path) -> None:
    doc, = _docs(_write(tmp_path / "old.txt", "Perú".encode("cp1252")))
    assert doc.text == "Perú" and doc.error is None
    assert doc.warnings and "decoded as cp1252" in doc.warnings[0]


# -- .gz ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "data", "expected"), [
    ("peru.txt.gz", "Peru got $5 million.\r\n", [("peru", "Peru got $5 million.\n")]),
    ("page.html.gz", "<p>Aid</p>", [("page", "Aid")]),
    ("rows.jsonl.gz", '{"id": "r1", "text": "one"}\n{"text": "two"}\n', [("r1", "one"), ("rows#2", "two")]),
    ("rows.csv.gz", "id,text\nr1,one\n", [("r1", "one")]),
], ids=["txt-gz", "html-gz", "jsonl-gz", "csv-gz"])
def test_gz_files(tmp_path: Path, name: str, data: str, expected: list[tuple[str, str]]) -> None:
    docs = _docs(_write(tmp_path / name, data))
    assert [(d.doc_id, d.text) for d in docs] == expected and not any(d.error for d in docs)


def test_corrupt_gz_table_keeps_the_rows_before_the_damage(tmp_path: Path) -> None:
    rows = "".join(json.dumps({"id": f"r{i}", "text": f"{i} " + "x" * 200}) + "\n" for i in range(2000))
    packed = gzip.compress(rows.encode(), compresslevel=1)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(packed[: len(packed) // 2])
    docs = _docs([path, _write(tmp_path / "z.txt", "after")])
    good, bad, after = docs[:-2], docs[-2], docs[-1]
    assert 0 < len(good) < 2000 and _ids(good) == [f"r{i}" for i in range(len(good))]
    assert not any(d.error for d in good)
    assert bad.doc_id == "cut" and bad.source == str(path)
    assert bad.error == (f"corrupt .gz (Compressed file ended before the end-of-stream marker was reached) "
                         f"after line {len(good)}; the rest of the file is not read")
    assert (after.doc_id, after.text) == ("z", "after")


# -- stdin --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("data", "expected"), [
    (b"Peru received $5 million in 2006.\n", [("stdin", "-", "Peru received $5 million in 2006.\n")]),
    (b'{"id": "a", "text": "one"}\n\n{"content": "two"}\n', [("a", "-#line 1", "one"), ("stdin#2", "-#line 3", "two")]),
    (b'\n{"text": "after a blank line"}\n', [("stdin#1", "-#line 2", "after a blank line")]),
    (gzip.compress(b'{"id": "g", "text": "zipped"}\n'), [("g", "-#line 1", "zipped")]),
    (gzip.compress(b"zipped text"), [("stdin", "-", "zipped text")]),
    (b"{curly braces, but not JSON}\nmore\n", [("stdin", "-", "{curly braces, but not JSON}\nmore\n")]),
    (b"", [("stdin", "-", "")]),
], ids=["text", "jsonl", "jsonl-blank-first", "jsonl-gz", "text-gz", "json-looking-text", "empty"])
def test_stdin(stdin, data: bytes, expected: list[tuple[str, str, str]]) -> None:
    stdin(data)
    docs = _docs("-")
    assert [(d.doc_id, d.source, d.text) for d in docs] == expected and not any(d.error for d in docs)


def test_stdin_over_the_cap_reads_only_cap_plus_one_bytes(stdin) -> None:
    stdin(b"x" * 5000)
    doc, = _docs("-", max_bytes=1000)
    assert doc.error == "document too large: over the 1,000 bytes cap"
    assert len(sys.stdin.buffer.read()) == 5000 - 1001  # the rest was left unread


def test_stdin_without_buffer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Peru got $5 million."))
    assert [(d.doc_id, d.text) for d in _docs("-")] == [("stdin", "Peru got $5 million.")]


# -- PDF ----------------------------------------------------------------------------------------

def test_pdf_text_pages_and_page_of(tmp_path: Path) -> None:
    path = tmp_path / "crs_report.pdf"
    path.write_bytes(_pdf(["Peru received $5 million in 2006.", "Colombia got\n$600 million in 2007."],
                          title="Aid to the Andes"))
    doc, = _docs(tmp_path)
    assert doc.error is None and doc.warnings == ()
    assert doc.text == "Peru received $5 million in 2006.\fColombia got\n$600 million in 2007."
    assert doc.pages == (0, 34) and doc.title == "Aid to the Andes"
    assert page_of(doc.text.index("$5"), doc.pages) == 1
    assert page_of(doc.text.index("\f"), doc.pages) == 1
    assert page_of(doc.text.index("$600"), doc.pages) == 2


def test_pdf_with_some_empty_pages_warns(tmp_path: Path) -> None:
    doc, = _docs(_write(tmp_path / "mixed.pdf", _pdf(["Page one.", None, "Page three."])))
    assert doc.text == "Page one.\f\fPage three." and doc.pages == (0, 10, 11)
    assert doc.warnings == (f"{tmp_path / 'mixed.pdf'}: 1 of 3 pages have no text layer (pages 2)",)


@pytest.mark.parametrize(("data", "error"), [
    (_pdf([None, None]), "no text layer (scanned PDF?)"),
    (b"%PDF-1.4\nthis is not really a PDF", "not a readable PDF ("),
    (b"", "not a readable PDF (EmptyFileError: "),
], ids=["scanned", "corrupt", "empty"])
def test_unusable_pdf_is_an_error_record(tmp_path: Path, data: bytes, error: str) -> None:
    docs = _docs([_write(tmp_path / "report.pdf", data), _write(tmp_path / "next.txt", "ok")])
    assert docs[0].doc_id == "report" and docs[0].error.startswith(error) and docs[0].text == ""
    assert (docs[1].doc_id, docs[1].error) == ("next", None)


def test_page_of_without_pages() -> None:
    assert page_of(42, ()) == 0


# -- table corpora ------------------------------------------------------------------------------

def test_cable_dump_csv_works_with_default_columns(tmp_path: Path) -> None:
    docs = _docs(_write(tmp_path / "cables.csv", CABLES))
    assert [(d.doc_id, d.source.rsplit("#", 1)[1], d.published, d.title) for d in docs] == [
        ("76LIMA1520", "line 2", dt.date(1976, 2, 20), "MILITARY AID"),
        ("06BOGOTA99", "line 4", dt.date(2006, 12, 28), "PLAN COLOMBIA"),
    ]
    assert docs[0].text == "Peru received $5 million\nin military aid last year."
    assert docs[0].metadata == {"origin": "Embassy Lima", "classification": "CONFIDENTIAL"}
    assert all(d.error is None and d.warnings == () for d in docs)


def test_table_columns_can_be_named_and_are_matched_ignoring_case(tmp_path: Path) -> None:
    path = _write(tmp_path / "news.jsonl", json.dumps({"Key": "n1", "Story": "Aid", "Day": "Dec 16 2010",
                                                       "TEXT": "ignored", "n": 3, "tags": ["a"]}) + "\n")
    doc, = _docs(path, text_column="story", id_column="key", date_column="day")
    assert (doc.doc_id, doc.text, doc.published) == ("n1", "Aid", dt.date(2010, 12, 16))
    assert doc.metadata == {"TEXT": "ignored", "n": "3", "tags": '["a"]'}


@pytest.mark.parametrize(("kwargs", "error"), [
    ({}, "no text column: looked for text, content, body, article (columns: id, words)"),
    ({"text_column": "body"}, "no column 'body' (columns: id, words)"),
    ({"text_column": "words", "date_column": "when"}, "no date column 'when' (columns: id, words)"),
], ids=["no-default", "named-missing", "date-missing"])
def test_csv_without_the_columns_is_one_error_record(tmp_path: Path, kwargs: dict, error: str) -> None:
    doc, = _docs(_write(tmp_path / "t.csv", "id,words\n1,hello\n"), **kwargs)
    assert (doc.doc_id, doc.source, doc.error) == ("t", str(tmp_path / "t.csv"), error)


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("bad.jsonl",
     '{"id": "a", "text": "one"}\n{"id": "b", "text": \n[1, 2]\n{"id": "c", "text": 5}\n{"id": "d", "text": "four"}\n',
     [("a", 1, None), ("bad#2", 2, "not valid JSON: Expecting value (column 21)"),
      ("bad#3", 3, "a JSON list, not an object"), ("c", 4, "field 'text' is int, not text"), ("d", 5, None)]),
    ("quote.csv",
     'id,text\na,"one\nb,two\nc,"three"\nd,"four, with ""quotes"""\n',
     [("quote#1", 2, "malformed CSV: ',' expected after '\"'"), ("b", 3, None), ("c", 4, None), ("d", 5, None)]),
    ("unclosed.csv",
     'id,text\na,one\nb,"two\nc,three\n',
     [("a", 2, None), ("unclosed#2", 3, "malformed CSV: unexpected end of data"), ("c", 4, None)]),
    ("fields.csv",
     "id,text\na,one\nb,two,extra\nc\nd,four\n",
     [("a", 2, None), ("fields#2", 3, "expected 2 fields, got 3"), ("fields#3", 4, "expected 2 fields, got 1"),
      ("d", 5, None)]),
], ids=["jsonl-bad-lines", "csv-broken-quote", "csv-unclosed-quote", "csv-field-count"])
def test_malformed_rows_are_error_records_and_reading_goes_on(tmp_path: Path, name: str, data: str,
                                                              expected: list) -> None:
    path = _write(tmp_path / name, data)
    docs = _docs(path)
    assert [(d.doc_id, int(d.source.rsplit(" ", 1)[1]), d.error) for d in docs] == expected
    assert all(d.source.startswith(f"{path}#line ") for d in docs)


@pytest.mark.parametrize(("kwargs", "error"), [
    ({}, "no text field (text, content, body, article) in this record"),
    ({"text_column": "story"}, "no field 'story' in this record"),
], ids=["default", "named"])
def test_jsonl_record_without_text_is_an_error_record(tmp_path: Path, kwargs: dict, error: str) -> None:
    path = _write(tmp_path / "r.jsonl", '{"id": 7, "words": "x"}\n{"id": 8, "text": "y", "story": "z"}\n')
    docs = _docs(path, **kwargs)
    assert [(d.doc_id, d.error) for d in docs] == [("7", error), ("8", None)]


def test_unparsed_dates_are_warnings(tmp_path: Path) -> None:
    doc, = _docs(_write(tmp_path / "d.csv", "id,date,text\na,someday,hello\n"))
    assert doc.published is None and doc.warnings == (f"{tmp_path / 'd.csv'}#line 2: date 'someday' not understood",)


def test_duplicate_ids_get_deterministic_suffixes(tmp_path: Path) -> None:
    _write(tmp_path / "a.jsonl", '{"id": "x", "text": "1"}\n{"id": "x", "text": "2"}\n{"id": "x~2", "text": "3"}\n')
    _write(tmp_path / "b.csv", "id,text\nx,4\nnotes,5\n,6\n")
    _write(tmp_path / "notes.txt", "a file whose stem a row also uses")
    docs = _docs(tmp_path)
    assert [(d.doc_id, d.text) for d in docs] == [
        ("x", "1"), ("x~2", "2"), ("x~2~2", "3"), ("x~3", "4"), ("notes~2", "5"), ("b#3", "6"),
        ("notes", "a file whose stem a row also uses"),
    ]
    assert len(set(_ids(docs))) == len(docs)


def test_order_and_ids_are_the_same_on_every_run(tmp_path: Path) -> None:
    _write(tmp_path / "cables.csv", CABLES)
    _write(tmp_path / "z" / "cables.csv.gz", CABLES)
    _write(tmp_path / "m" / "report.pdf", _pdf(["One page."]))
    _write(tmp_path / "m" / "report.txt", "Same stem.")
    _write(tmp_path / "rows.jsonl", '{"text": "a"}\nnot json\n{"text": "b"}\n')
    runs = [[(d.doc_id, d.source, d.text, d.error) for d in iter_documents([tmp_path])] for _ in range(2)]
    assert runs[0] == runs[1]
    assert [r[0] for r in runs[0]] == ["76LIMA1520", "06BOGOTA99", "report", "report~2", "rows#1", "rows#2",
                                       "rows#3", "76LIMA1520~2", "06BOGOTA99~2"]


# -- bounded memory -----------------------------------------------------------------------------

def test_a_big_jsonl_file_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    row = "Peru received $5 million in military aid in 2006. " * 100
    with path.open("w", encoding="utf-8") as handle:
        for i in range(10_500):
            handle.write(json.dumps({"id": f"c{i}", "date": "2006-01-01", "content": row}) + "\n")
    size = path.stat().st_size
    assert size > 50 * 2**20
    tracemalloc.start()
    try:
        count = sum(len(d.text) for d in iter_documents(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 10_500 * len(row)
    assert peak < size / 20, f"peak {peak:,} bytes for a {size:,} byte file"


@pytest.mark.parametrize(("name", "head", "tail"), [
    ("huge.jsonl", '{"id": "big", "text": "', '"}\n'),
    ("huge.csv", "big,", "\n"),
    ("multiline.csv", 'big,"', '"\n'),
], ids=["jsonl-one-line", "csv-one-line", "csv-quoted-many-lines"])
def test_a_document_over_the_cap_is_skipped_with_bounded_memory(tmp_path: Path, name: str, head: str,
                                                                tail: str) -> None:
    path = tmp_path / name
    line = "word " * 19 + "word\n" if name.startswith("multiline") else "x" * 100
    with path.open("w", encoding="utf-8") as handle:
        handle.write("" if name.endswith(".jsonl") else "id,text\n")
        handle.write('{"id": "a", "text": "before"}\n' if name.endswith(".jsonl") else "a,before\n")
        handle.write(head)
        for _ in range(200_000):  # 20 MB in one document
            handle.write(line)
        handle.write(tail)
        handle.write('{"id": "c", "text": "after"}\n' if name.endswith(".jsonl") else "c,after\n")
    tracemalloc.start()
    try:
        docs = _docs(path, max_bytes=2**20)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(d.doc_id, d.text) for d in docs[::2]] == [("a", "before"), ("c", "after")]
    assert docs[1].doc_id == f"{path.stem}#2" and docs[1].error.startswith("document too large: 19.")
    assert docs[1].error.endswith(" MB > 1.0 MB cap")
    assert peak < 8 * 2**20, f"peak {peak:,} bytes"
