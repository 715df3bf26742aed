"""The corrections file: reading it (every bad line named), appending under a lock, two writers at once."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

import pytest

from aidfigures.corrections import COLUMNS, Correction, append_corrections, read_corrections
from aidfigures.errors import AidFiguresError, CorrectionsError

SHA = "a" * 64
HEADER = ",".join(COLUMNS[:-1])  # doc_id is optional


def _file(tmp_path: Path, *lines: str, header: str = HEADER) -> Path:
    path = tmp_path / "corrections.csv"
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- good lines, by field
@pytest.mark.parametrize(("line", "field", "value"), [
    (f"{SHA},10,30,recipient,PER,ana,2026-01-02T03:04:05Z,wrong country", "recipient", "PER"),
    (f"{SHA},10,30,recipient,LATAM,ana,,", "recipient", "LATAM"),
    (f"{SHA},10,30,recipient,,ana,,no recipient", "recipient", ""),
    (f"{SHA},10,30,year,1999,,,", "year", "1999"),
    (f"{SHA},10,30,year,,,,", "year", ""),
    (f"{SHA},10,30,amount,2500000,,,", "amount", "2500000"),
    (f"{SHA},10,30,currency,EUR,,,", "currency", "EUR"),
    (f"{SHA},10,30,is_aid,false,,,", "is_aid", "false"),
    (f"{SHA},10,30,confirmed,,,,checked", "confirmed", ""),
    (f'{SHA},10,30,recipient,COL,,,"a note, with a comma"', "recipient", "COL"),
])
def test_a_good_line_reads(tmp_path: Path, line: str, field: str, value: str) -> None:
    [c] = read_corrections(_file(tmp_path, line))
    assert (c.sha256, c.start, c.end, c.field, c.value) == (SHA, 10, 30, field, value)


# ---------------------------------------------------------------- bad lines: file and line named
@pytest.mark.parametrize(("line", "said"), [
    (f"{SHA},10,30,donor,USA,,,", "unknown field 'donor'"),
    (f"{SHA},10,30,recipient,XYZ,,,", "unknown recipient 'XYZ'"),
    (f"{SHA},10,30,recipient,Atlantis,,,", "unknown recipient 'Atlantis'"),
    (f"{SHA},10,30,year,1850,,,", "year 1850 is outside 1900-2100"),
    (f"{SHA},10,30,year,2101,,,", "year 2101 is outside 1900-2100"),
    (f"{SHA},10,30,year,soon,,,", "not a year"),
    (f"{SHA},10,30,amount,-5,,,", "amount -5 is negative"),
    (f"{SHA},10,30,amount,lots,,,", "not an amount"),
    (f"{SHA},10,30,amount,,,,", "not an amount"),
    (f"{SHA},10,30,currency,XXY,,,", "unknown currency 'XXY'"),
    (f"{SHA},10,30,is_aid,maybe,,,", "not a boolean: 'maybe'"),
    (f"{SHA},10,30,confirmed,no,,,", "confirmed takes no value or true"),
    ("abc,10,30,year,2000,,,", "sha256 'abc' is not 64"),
    (f"{SHA},30,10,year,2000,,,", "span 30-10 is not a span"),
    (f"{SHA},ten,30,year,2000,,,", "start and end must be whole numbers"),
    (f"{SHA},10,30,year,2000,,", "7 cells, the header has 8"),
])
def test_a_bad_line_is_named(tmp_path: Path, line: str, said: str) -> None:
    path = _file(tmp_path, f"{SHA},1,2,confirmed,,,,", line)
    with pytest.raises(CorrectionsError, match=rf"corrections.csv, line 3: .*{said}") as caught:
        read_corrections(path)
    assert isinstance(caught.value, AidFiguresError) and isinstance(caught.value, ValueError)


@pytest.mark.parametrize(("header", "said"), [
    ("sha256,start,end,field,value,who,when", "missing columns note"),
    (HEADER + ",colour", "unknown columns colour"),
    ("key,start,end,field,value,who,when,note", "unknown columns key; missing columns sha256"),
])
def test_a_bad_header_is_named(tmp_path: Path, header: str, said: str) -> None:
    with pytest.raises(CorrectionsError, match=rf"line 1: {said}"):
        read_corrections(_file(tmp_path, header=header))


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(CorrectionsError, match="nothing.csv: cannot read"):
        read_corrections(tmp_path / "nothing.csv")


# ---------------------------------------------------------------- appending
def test_append_creates_the_file_with_its_header_and_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "corrections.csv"
    made = [Correction(SHA, 1, 5, "recipient", "PER", "ana", "2026-01-01T00:00:00Z", 'say "why", here', "d1"),
            Correction(SHA, 1, 5, "confirmed")]
    append_corrections(path, made[:1])
    append_corrections(path, made[1:])
    assert path.read_text(encoding="utf-8").splitlines()[0] == ",".join(COLUMNS)
    assert read_corrections(path) == made


def test_append_after_a_hand_edit_without_final_newline(tmp_path: Path) -> None:
    path = _file(tmp_path, f"{SHA},1,2,confirmed,,,,")
    path.write_text(path.read_text().rstrip("\n"), encoding="utf-8")
    append_corrections(path, [Correction(SHA, 3, 4, "year", "2001")])
    assert [c.start for c in read_corrections(path)] == [1, 3]


def _writer(path: str, who: str, n: int) -> None:
    for i in range(n):
        append_corrections(path, [Correction(SHA, i + 1, i + 2, "year", "2001", who)])


def test_two_writers_at_once_lose_no_line(tmp_path: Path) -> None:
    path = str(tmp_path / "corrections.csv")
    context = mp.get_context("spawn")
    procs = [context.Process(target=_writer, args=(path, who, 150)) for who in ("kernel-a", "kernel-b")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0]
    lines = read_corrections(path)
    assert len(lines) == 300
    assert {(c.who, c.start) for c in lines} == {(w, i + 1) for w in ("kernel-a", "kernel-b") for i in range(150)}
    assert Path(path).read_text().count(",".join(COLUMNS)) == 1
