"""Figures files: CSV/Parquet round trips, formula neutralization, atomic writes, read errors."""

from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from aidfigures import schema
from aidfigures.errors import DocumentError, FormatError, SchemaError
from aidfigures.outputs import read_figures, write_figures, write_figures_csv


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
    with pytest.raises(SchemaError, match="f.csv: figures table fails schema v1.3: qualifier"):
        read_figures(path)
    assert read_figures(path, validate=False).loc[0, "qualifier"] == "roughly"
