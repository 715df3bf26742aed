"""Tests for aidfigures.io: reading documents, finding them, and figures file round trips."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from aidfigures import schema
from aidfigures.errors import AidFiguresError, DocumentError, DocumentWarning, FormatError, SchemaError
from aidfigures.sources.documents import find_documents, read_document
from aidfigures.outputs.figure_files import read_figures, write_figures, write_figures_csv

# -- read_document -----------------------------------------------------------------------------

GOOD_DOCUMENTS = [
    pytest.param("a.txt", "Peru got $5 million.".encode(), "Peru got $5 million.", "utf-8", id="utf8-txt"),
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
    pytest.param(b"caf\x81 \x8d", r"not UTF-8 \(byte 0x81 at offset 3\) and not cp1252", id="undecodable"),
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


# -- find_documents ----------------------------------------------------------------------------

Tree = Callable[[dict[str, str | bytes]], Path]


def test_find_documents_recurses_sorted(tmp_path: Path, tree: Tree) -> None:
    tree(dict.fromkeys(["z.txt", "b/a.HTML", "a.md", "b/c.htm", "sources.csv", ".git/x.txt", "b/.h.txt"], "x"))
    found = find_documents([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.md", "b/a.HTML", "b/c.htm", "z.txt"]


def test_find_documents_keeps_named_files_and_order(tmp_path: Path, tree: Tree) -> None:
    tree(dict.fromkeys(["d/one.txt", "data.bin"], "x"))
    found = find_documents([tmp_path / "data.bin", tmp_path / "d", tmp_path / "d" / "one.txt"])
    assert found == [tmp_path / "data.bin", tmp_path / "d" / "one.txt"]  # listed once


def test_find_documents_accepts_a_single_path(tmp_path: Path, tree: Tree) -> None:
    tree(dict.fromkeys(["a.txt"], "x"))
    (tmp_path / "empty").mkdir()
    assert find_documents(str(tmp_path)) == [tmp_path / "a.txt"]
    assert find_documents([tmp_path / "empty"]) == []


def test_find_documents_missing_path(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="nope: no such file or directory"):
        find_documents([tmp_path / "nope"])


# -- write_figures / read_figures --------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".CSV"], ids=["csv", "parquet", "csv-upper"])
def test_round_trip_is_lossless(tmp_path: Path, figures: pd.DataFrame, suffix: str) -> None:
    out = write_figures(figures, tmp_path / f"figures{suffix}")
    back = read_figures(out)
    pd.testing.assert_frame_equal(back, figures)
    assert {c: str(t) for c, t in back.dtypes.items()} == schema.DTYPES
    assert back.loc[1, "amount"] == 0.1 + 0.2
    assert back.loc[2, "recipient"] == "" and back.loc[1, "recipient"] is pd.NA


def test_csv_floats_keep_full_precision(tmp_path: Path, figures: pd.DataFrame) -> None:
    rng = np.random.default_rng(7)
    many = pd.concat([figures.iloc[[0]]] * 500, ignore_index=True)
    many["start"] = pd.array(range(500), dtype="Int64")
    many["end"] = many["start"] + 1
    many["amount"] = rng.random(500) * 10.0 ** rng.integers(-6, 15, 500)
    back = read_figures(write_figures(many, tmp_path / "f.csv"))
    assert (back["amount"].to_numpy() == many["amount"].to_numpy()).all()


def test_csv_neutralizes_text_not_numbers(tmp_path: Path, figures: pd.DataFrame) -> None:
    raw = write_figures(figures, tmp_path / "f.csv").read_text(encoding="utf-8")
    assert ",'=1+2," in raw  # formula-like text is prefixed
    assert ",''quoted," in raw  # a leading quote is doubled, so reading can strip exactly one
    assert ",'-dash," in raw and "'@handle" in raw
    assert ",',," in raw  # the empty string (NA is an empty field)
    assert ",0.30000000000000004," in raw and ",1e+22," in raw  # numbers untouched
    assert not raw.startswith("'")


def test_write_figures_csv_to_stream_matches_file(tmp_path: Path, figures: pd.DataFrame) -> None:
    buffer = io.StringIO()
    write_figures_csv(figures, buffer)
    out = write_figures(figures, tmp_path / "f.csv")
    assert buffer.getvalue() == out.read_bytes().decode("utf-8")


@pytest.mark.parametrize("name", ["figures.xlsx", "figures", "figures.csv.gz"])
def test_unsupported_extension(tmp_path: Path, figures: pd.DataFrame, name: str) -> None:
    with pytest.raises(FormatError, match="use .csv or .parquet"):
        write_figures(figures, tmp_path / name)
    with pytest.raises(ValueError, match=name):
        read_figures(tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_failed_validation_keeps_previous_file(tmp_path: Path, figures: pd.DataFrame) -> None:
    out = write_figures(figures, tmp_path / "f.csv")
    before = out.read_bytes()
    bad = figures.copy()
    bad.loc[0, "currency"] = "dollars"
    with pytest.raises(SchemaError, match="currency"):
        write_figures(bad, out)
    assert out.read_bytes() == before
    assert os.listdir(tmp_path) == ["f.csv"]


def test_interrupted_write_keeps_previous_file(tmp_path: Path, figures: pd.DataFrame,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    out = write_figures(figures, tmp_path / "f.parquet")
    before = out.read_bytes()

    def boom(self: pd.DataFrame, path: Path, **kwargs: object) -> None:
        Path(path).write_bytes(b"half a file")
        raise KeyboardInterrupt

    monkeypatch.setattr(pd.DataFrame, "to_parquet", boom)
    with pytest.raises(KeyboardInterrupt):
        write_figures(figures, out)
    assert out.read_bytes() == before
    assert os.listdir(tmp_path) == ["f.parquet"]


def test_write_creates_parent_directories(tmp_path: Path, figures: pd.DataFrame) -> None:
    out = write_figures(figures, tmp_path / "new" / "dir" / "f.csv")
    assert out.is_file() and oct(out.stat().st_mode & 0o777) == "0o644"


def test_read_figures_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="gone.csv: no such file"):
        read_figures(tmp_path / "gone.csv")


def test_read_figures_missing_columns(tmp_path: Path) -> None:
    path = tmp_path / "partial.csv"
    path.write_text("doc_id,start,end,text\nd,0,1,x\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"partial.csv: figures table is missing columns: amount, amount_high"):
        read_figures(path)


def test_read_figures_not_parquet(tmp_path: Path) -> None:
    path = tmp_path / "fake.parquet"
    path.write_text("not parquet", encoding="utf-8")
    with pytest.raises(DocumentError, match="fake.parquet: not a readable parquet figures file"):
        read_figures(path)


def test_read_figures_without_validation(tmp_path: Path, figures: pd.DataFrame) -> None:
    path = write_figures(figures, tmp_path / "f.csv")
    path.write_text(path.read_text(encoding="utf-8").replace(",exact,", ",roughly,"), encoding="utf-8")
    with pytest.raises(SchemaError, match="f.csv: figures table fails schema v1: qualifier"):
        read_figures(path)
    assert read_figures(path, validate=False).loc[0, "qualifier"] == "roughly"
