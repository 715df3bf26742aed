"""Excel output: ``-o figures.xlsx`` and ``write_xlsx``: typed cells, accents kept, formula-safe text."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest

import aidfigures as af
from aidfigures import schema
from aidfigures.cli import main
from aidfigures.corpus import run_corpus
from aidfigures.errors import FormatError
from aidfigures.outputs import xlsx_writer
from aidfigures.outputs.xlsx_writer import write_figures_xlsx, write_xlsx
from aidfigures.sources import SourceDocument

openpyxl = pytest.importorskip("openpyxl")

# text cells (invented), grouped by what they test: (value, stored as, Excel's quote prefix set)
ACCENTS = [("Ángel Páez", "Ángel Páez", False), ("56,4 millones de dólares", "56,4 millones de dólares", False),
           ("Bogotá — “ayuda”", "Bogotá — “ayuda”", False)]
FORMULAS = [("=HYPERLINK(\"http://example.org\",\"x\")", "=HYPERLINK(\"http://example.org\",\"x\")", True),
            ("+57 1 555", "+57 1 555", True), ("-5 million cut", "-5 million cut", True),
            ("@SUM(A1)", "@SUM(A1)", True), ("\tindent", "\tindent", True)]
HARMLESS = [("'quoted", "'quoted", False), ("", "", False), ("5 = five", "5 = five", False)]
TEXTS = ACCENTS + FORMULAS + HARMLESS


def _sheet(path: Path, name: str):
    return openpyxl.load_workbook(path)[name]


@pytest.mark.parametrize(("value", "stored", "prefixed"), TEXTS, ids=[repr(t[0])[:24] for t in TEXTS])
def test_text_cells_are_kept_exactly_and_never_run(tmp_path: Path, value: str, stored: str, prefixed: bool) -> None:
    path = write_xlsx({"t": pd.DataFrame({"text": pd.array([value], dtype="string")})}, tmp_path / "t.xlsx")
    cell = _sheet(path, "t")["A2"]
    assert (cell.value, cell.data_type, cell._style.quotePrefix) == (stored, "s", prefixed)


# typed cells: (pandas column, what openpyxl reads back)
TYPED = [
    pytest.param(pd.array([56.4e6], dtype="float64"), 56.4e6, id="float"),
    pytest.param(pd.array([2006], dtype="Int64"), 2006, id="int"),
    pytest.param(pd.array([True], dtype="boolean"), True, id="bool"),
    pytest.param(pd.Series([pd.Timestamp("2010-12-16")], dtype="datetime64[s]"), dt.datetime(2010, 12, 16), id="date"),
    pytest.param(pd.array([None], dtype="Int64"), None, id="na-int"),
    pytest.param(pd.array([float("nan")], dtype="float64"), None, id="nan"),
    pytest.param(pd.array([None], dtype="string"), None, id="na-text"),
]


@pytest.mark.parametrize(("column", "expected"), TYPED)
def test_numbers_booleans_and_dates_are_typed_cells(tmp_path: Path, column, expected) -> None:
    path = write_xlsx({"t": pd.DataFrame({"c": column})}, tmp_path / "t.xlsx")
    cell = _sheet(path, "t")["A2"]
    assert cell.value == expected
    if isinstance(expected, dt.datetime):
        assert cell.number_format == "yyyy-mm-dd"


def _unescape(value: object) -> object:
    """Undo the ``_xHHHH_`` escapes of control characters (ECMA-376), which Excel reads and openpyxl leaves."""
    return re.sub(r"_x([0-9A-F]{4})_", lambda m: chr(int(m[1], 16)), value) if isinstance(value, str) else value


def _read(path: Path, name: str) -> pd.DataFrame:
    rows = list(_sheet(path, name).iter_rows(values_only=True))
    return pd.DataFrame([[_unescape(v) for v in row] for row in rows[1:]], columns=rows[0])


def test_extract_to_xlsx_gives_the_csv_tables(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "sources.csv").write_text("doc_id,title,url,published\n"
                                        "paez,=Ayuda (Ángel Páez),https://example.org/p,2010-12-16\n", encoding="utf-8")
    (folder / "paez.txt").write_text("Perú recibió 56,4 millones de dólares en ayuda militar en 2006.",
                                     encoding="utf-8")
    (folder / "haiti.txt").write_text("Haiti received $5 million in aid in 2010.", encoding="utf-8")
    for name in ("f.csv", "f.xlsx"):
        assert main(["extract", str(folder), "-o", str(tmp_path / name), "--workers", "1", "--quiet"]) == 0
    figures = schema.validate(_read(tmp_path / "f.xlsx", "figures"))
    pd.testing.assert_frame_equal(figures, af.read_figures(tmp_path / "f.csv"))
    documents = _read(tmp_path / "f.xlsx", "documents").astype(schema.DOCUMENT_DTYPES)
    pd.testing.assert_frame_equal(documents, af.read_documents(tmp_path / "f.csv"))
    sheet = _sheet(tmp_path / "f.xlsx", "figures")
    titles = {row[0].value: row[22] for row in sheet.iter_rows(min_row=2)}
    assert titles["paez"].value == "=Ayuda (Ángel Páez)" and titles["paez"]._style.quotePrefix
    assert not (tmp_path / ".f.xlsx.partial").exists()


def test_write_figures_xlsx_validates_first(tmp_path: Path, figures: pd.DataFrame) -> None:
    bad = figures.copy()
    bad.loc[0, "currency"] = "dollars"
    with pytest.raises(af.SchemaError):
        write_figures_xlsx(bad, tmp_path / "f.xlsx")
    assert not (tmp_path / "f.xlsx").exists()
    pd.testing.assert_frame_equal(schema.validate(_read(write_figures_xlsx(figures, tmp_path / "f.xlsx"),
                                                         "figures")), figures)


def test_more_rows_than_a_sheet_holds_fail_and_keep_the_old_output(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "f.xlsx"
    out.write_bytes(b"previous output")
    monkeypatch.setattr(xlsx_writer, "MAX_ROWS", 1)
    docs = [SourceDocument(f"d{i}", f"d{i}.txt", "Peru received $5 million and $6 million in 2006.") for i in range(2)]
    with pytest.raises(FormatError, match="more than 1 figures rows, more than an Excel sheet holds"):
        run_corpus(docs, out, workers=1, progress="none")
    assert out.read_bytes() == b"previous output" and not (tmp_path / ".f.xlsx.partial").exists()


def test_xlsx_is_refused_where_it_cannot_serve(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("Peru received $5 million in 2006.", encoding="utf-8")
    out = tmp_path / "f.xlsx"
    assert main(["extract", str(tmp_path / "a.txt"), "-o", str(out), "--resume", "--quiet"]) == 2
    assert "cannot be resumed" in capsys.readouterr().err and not out.exists()
    assert main(["extract", str(tmp_path / "a.txt"), "-o", str(out), "--quiet"]) == 0
    with pytest.raises(FormatError, match="for spreadsheets"):
        af.read_documents(out)
    with pytest.raises(FormatError, match="query an output file"):
        af.query(out, "select 1")
