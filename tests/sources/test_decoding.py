"""Decoding documents: UTF-8 with replacement and a counted warning; cp1252 only for texts not mostly UTF-8."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aidfigures.corpus import run_extraction
from aidfigures.errors import DocumentWarning
from aidfigures.sources import iter_documents
from aidfigures.sources.decoding import decode_utf8

SPANISH = "Perú recibió 5 millones de dólares en ayuda militar en 2006."

#: (bytes, text read, encoding, warning part), grouped by the form of the damage.
DECODINGS = [
    # mostly UTF-8: stray bytes become U+FFFD, accents kept, one warning counting them
    pytest.param(SPANISH.encode() + b"\xff", SPANISH + "\ufffd", "utf-8",
                 "1 byte not valid UTF-8 (first: 0xff at offset 63), replaced with U+FFFD", id="utf8-one-stray-0xff"),
    pytest.param(b"\xfe" + SPANISH.encode() + b"\x80", "\ufffd" + SPANISH + "\ufffd", "utf-8",
                 "2 bytes not valid UTF-8 (first: 0xfe at offset 0)", id="utf8-two-stray-bytes"),
    pytest.param("Año: ñandú €".encode() + b" \xc3(", "Año: ñandú € \ufffd(", "utf-8", "1 byte not valid UTF-8",
                 id="utf8-truncated-sequence"),
    # not mostly UTF-8: every accent is a single byte
    pytest.param(SPANISH.encode("cp1252"), SPANISH, "cp1252",
                 "not valid UTF-8 (byte 0xfa at offset 3); decoded as cp1252", id="cp1252-spanish"),
    pytest.param("He said “$5 million”".encode("cp1252"), "He said “$5 million”", "cp1252", "decoded as cp1252",
                 id="cp1252-smart-quotes"),
    # neither: bytes cp1252 leaves undefined (0x81, 0x8d) are replaced as UTF-8
    pytest.param(b"caf\x81 \x8d", "caf\ufffd \ufffd", "utf-8", "2 bytes not valid UTF-8 (first: 0x81 at offset 3)",
                 id="undefined-in-cp1252"),
    # valid UTF-8: no warning
    pytest.param(SPANISH.encode(), SPANISH, "utf-8", None, id="valid-utf8"),
]


@pytest.mark.parametrize(("data", "text", "encoding", "warning"), DECODINGS)
def test_decode(data: bytes, text: str, encoding: str, warning: str | None) -> None:
    got, used, notes = decode_utf8(data, "doc.txt")
    assert (got, used) == (text, encoding)
    if warning is None:
        assert notes == ()
    else:
        assert len(notes) == 1 and notes[0].startswith("doc.txt: ") and warning in notes[0]


def test_a_stray_byte_in_a_spanish_utf8_file_keeps_its_figures(tmp_path: Path) -> None:
    (tmp_path / "peru.txt").write_bytes(SPANISH.encode() + b"\n\xff\n")
    with pytest.warns(DocumentWarning, match="1 byte not valid UTF-8"):
        run = run_extraction([tmp_path])
    doc, = run.documents
    assert doc.ok and doc.n_figures == 1 and "1 byte not valid UTF-8" in doc.warnings[0]
    assert run.figures.loc[0, "recipient"] == "Peru" and run.figures.loc[0, "sentence"].startswith("Perú recibió")


def test_table_corpus_rows_are_decoded_the_same_way(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_bytes(b'{"id": "a", "text": "' + SPANISH.encode() + b'\xff"}\n'
                     + json.dumps({"id": "b", "text": "año"}, ensure_ascii=False).encode("cp1252") + b"\n")
    a, b = iter_documents(path)
    assert a.text == SPANISH + "\ufffd" and "1 byte not valid UTF-8" in a.warnings[0]
    assert b.text == "año" and "decoded as cp1252" in b.warnings[0]
