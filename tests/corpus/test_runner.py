"""Tests for aidfigures.runner: chunked parallel corpus runs, determinism, failures, resume, progress."""

from __future__ import annotations

import dataclasses
import io
import os
import re
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from corpus_helpers import corpus, crashing_figures, fake_figures, interrupting_figures, raw_texts, stream

from aidfigures import schema
from aidfigures.cli import main
from aidfigures.corpus import extract_files, run_corpus, runner
from aidfigures.outputs import read_documents, read_figures, write_figures
from aidfigures.sources import SourceDocument, iter_documents

CHUNK = 20_000  # characters: the 24-document test corpus makes about 9 chunks


def _bytes(path: Path) -> bytes:
    return path.read_bytes()


@pytest.mark.slow  # a process pool
def test_two_workers_write_the_same_bytes_as_one(tmp_path: Path) -> None:
    docs = corpus(24)
    for suffix in ("csv", "parquet"):
        one = run_corpus(stream(docs), tmp_path / f"one.{suffix}", workers=1, chunk_chars=CHUNK, progress="none")
        two = run_corpus(stream(docs), tmp_path / f"two.{suffix}", workers=2, chunk_chars=CHUNK, progress="none")
        assert (one.documents, one.figures, one.failures) == (two.documents, two.figures, two.failures)
        assert one.figures > 24 and one.documents == 24
        assert _bytes(tmp_path / f"one.{suffix}") == _bytes(tmp_path / f"two.{suffix}")
        assert _bytes(tmp_path / f"one.documents.{suffix}") == _bytes(tmp_path / f"two.documents.{suffix}")
    assert not list(tmp_path.glob(".*"))  # no partial files left


def test_chunk_size_does_not_change_csv(tmp_path: Path) -> None:
    docs = corpus(6)
    run_corpus(docs, tmp_path / "small.csv", workers=1, chunk_chars=1, progress="none")
    run_corpus(docs, tmp_path / "big.csv", workers=1, progress="none")
    assert _bytes(tmp_path / "small.csv") == _bytes(tmp_path / "big.csv")


def test_csv_is_what_write_figures_writes_for_the_same_files(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for doc in corpus(5):
        (folder / f"{doc.doc_id}.txt").write_text(doc.text, encoding="utf-8")
    run = run_corpus(iter_documents(folder), tmp_path / "runner.csv", workers=1, chunk_chars=CHUNK,
                     progress="none")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        write_figures(extract_files(folder), tmp_path / "old.csv")
    assert run.figures > 0
    assert _bytes(tmp_path / "runner.csv") == _bytes(tmp_path / "old.csv")


def test_every_failure_is_an_error_row_and_counted(tmp_path: Path) -> None:
    extra = [
        SourceDocument("unreadable", "corpus/blob.bin", error="binary file, not text"),
        SourceDocument("boom", "corpus/boom.txt", "BOOM $5"),
        SourceDocument("invalid", "corpus/invalid.txt", "INVALID $5"),
        SourceDocument("huge", "corpus/huge.txt", "$1 " * 400),
        SourceDocument("ok", "corpus/ok.txt", "$1 and $2"),
        SourceDocument("ok", "corpus/again.txt", "$3"),
    ]
    run = run_corpus(stream(extra), tmp_path / "f.csv", workers=1, progress="none", extractor=fake_figures,
                     max_document_chars=1000)
    errors = {f.doc_id: f.error for f in run.failures}
    assert errors.pop("unreadable") == "binary file, not text"
    assert errors.pop("boom") == "extraction failed: RuntimeError: parser exploded"
    assert errors.pop("invalid").startswith("invalid figures: figures table fails schema v1.3: currency")
    assert errors.pop("huge") == "document too large: 1,200 characters, over the limit of 1,000"
    assert errors.pop("ok") == "duplicate doc_id 'ok': an earlier document has it"
    assert not errors
    assert (run.documents, run.figures, len(run.failures)) == (6, 2, 5)
    documents = read_documents(tmp_path / "f.csv")
    assert documents["doc_id"].tolist() == ["unreadable", "boom", "invalid", "huge", "ok", "ok"]
    assert documents["error"].isna().tolist() == [False, False, False, False, True, False]
    assert documents["n_figures"].tolist() == [0, 0, 0, 0, 2, 0]
    assert documents.loc[0, ["characters", "sha256"]].isna().all()
    assert documents.loc[1, "characters"] == 7 and len(documents.loc[1, "sha256"]) == 64
    assert read_figures(tmp_path / "f.csv")["doc_id"].tolist() == ["ok", "ok"]


@pytest.mark.slow  # a process pool
def test_a_dying_worker_loses_no_other_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "_PARENT_EXTRACTS", False)  # every chunk in a worker process
    docs = [SourceDocument(f"d{i:02d}", f"d{i:02d}.txt", f"${i} " + "x" * 50) for i in range(12)]
    docs[5] = dataclasses.replace(docs[5], text="CRASH $5")
    run = run_corpus(stream(docs), tmp_path / "f.parquet", workers=2, chunk_chars=150, progress="none",
                     extractor=crashing_figures)
    assert [f.doc_id for f in run.failures] == ["d05"]
    assert run.failures[0].error.startswith("worker died while extracting it (BrokenProcessPool")
    assert run.documents == 12 and run.figures == 11
    documents = read_documents(tmp_path / "f.parquet")
    assert documents["doc_id"].tolist() == [d.doc_id for d in docs]
    assert documents.loc[5, "characters"] == len("CRASH $5") and len(documents.loc[5, "sha256"]) == 64
    assert read_figures(tmp_path / "f.parquet")["doc_id"].tolist() == [d.doc_id for d in docs if d.doc_id != "d05"]


@pytest.mark.parametrize("suffix", ["csv", "parquet", "duckdb", "dir"])
def test_resume_after_an_interruption_gives_the_clean_output(tmp_path: Path, suffix: str) -> None:
    docs = corpus(10)
    stop = dataclasses.replace(docs[6], text=docs[6].text + "\nSTOP HERE")
    out = Path(f"{tmp_path}/out/" if suffix == "dir" else tmp_path / f"out.{suffix}")
    clean = Path(f"{tmp_path}/clean/" if suffix == "dir" else tmp_path / f"clean.{suffix}")
    if suffix == "dir":
        out, clean = f"{out}/", f"{clean}/"  # type: ignore[assignment]
    run_corpus(docs, clean, workers=1, chunk_chars=CHUNK, progress="none")

    with pytest.raises(KeyboardInterrupt):  # dies in the 4th chunk: 3 chunks (6 documents) written
        run_corpus(docs[:6] + [stop] + docs[7:], out, workers=1, chunk_chars=CHUNK, progress="none",
                   extractor=interrupting_figures)
    assert not Path(out).exists()  # only the hidden partial output
    if suffix == "csv":  # a torn tail written after the last checkpoint is cut back
        with (tmp_path / ".out.csv.partial").open("a", encoding="utf-8") as handle:
            handle.write('doc009,1,2,"half a row')
    resumed = run_corpus(docs, out, workers=1, chunk_chars=CHUNK, progress="none", resume=True)
    assert (resumed.skipped, resumed.documents) == (6, 4)
    _assert_same_output(clean, out, suffix)


def _assert_same_output(clean: Path, out: Path, suffix: str) -> None:
    if suffix in ("csv", "parquet"):
        assert _bytes(out) == _bytes(clean)
        docs_name = f"{out.stem}.documents.{suffix}"
        assert _bytes(out.with_name(docs_name)) == _bytes(clean.with_name(f"clean.documents.{suffix}"))
    else:
        from aidfigures.outputs import query
        for table in ("figures", "documents"):
            key = "doc_id, start" if table == "figures" else "doc_id"
            sql = f"select * from {table} order by {key}"
            pd.testing.assert_frame_equal(query(out, sql), query(clean, sql))
    assert read_documents(out)["doc_id"].is_unique


@pytest.mark.parametrize("suffix", ["csv", "parquet", "duckdb"])
def test_resume_a_finished_run_with_changed_and_new_documents(tmp_path: Path, suffix: str) -> None:
    docs = corpus(6)
    out = tmp_path / f"out.{suffix}"
    run_corpus(docs[:5], out, workers=1, progress="none")
    changed = dataclasses.replace(docs[2], text=raw_texts()[0])
    new = docs[:2] + [changed] + docs[3:]
    resumed = run_corpus(new, out, workers=1, progress="none", resume=True)
    assert (resumed.skipped, resumed.documents) == (4, 2)  # doc002 changed, doc005 new
    run_corpus(new, tmp_path / f"clean.{suffix}", workers=1, progress="none")
    got, want = (read_figures(p) if suffix != "duckdb" else _duck_figures(p)
                 for p in (out, tmp_path / f"clean.{suffix}"))
    order = list(schema.KEY)
    pd.testing.assert_frame_equal(got.sort_values(order, ignore_index=True),
                                  want.sort_values(order, ignore_index=True))
    documents = read_documents(out)
    assert sorted(documents["doc_id"]) == [d.doc_id for d in new]
    assert documents.set_index("doc_id").loc["doc002", "sha256"] == read_documents(
        tmp_path / f"clean.{suffix}").set_index("doc_id").loc["doc002", "sha256"]


def _duck_figures(path: Path) -> pd.DataFrame:
    from aidfigures.outputs import query
    return schema.validate(query(path, "select * from figures"))


def test_resume_retries_documents_that_failed(tmp_path: Path) -> None:
    docs = [SourceDocument("a", "a.txt", "$1"), SourceDocument("b", "b.txt", error="cannot read (busy)")]
    out = tmp_path / "f.csv"
    assert len(run_corpus(docs, out, workers=1, progress="none", extractor=fake_figures).failures) == 1
    docs[1] = SourceDocument("b", "b.txt", "$2 $3")
    again = run_corpus(docs, out, workers=1, progress="none", extractor=fake_figures, resume=True)
    assert (again.skipped, again.documents, again.figures, again.failures) == (1, 1, 2, ())
    assert read_documents(out)[["doc_id", "n_figures"]].values.tolist() == [["a", 1], ["b", 2]]
    assert read_figures(out)["doc_id"].tolist() == ["a", "b", "b"]


# ---------------------------------------------------------------- progress and the command line

def test_quiet_prints_only_the_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("Peru got $5 million in 2006.", encoding="utf-8")
    (folder / "latin.txt").write_bytes("Perú $5".encode("cp1252"))
    assert main(["extract", str(folder), "-o", str(tmp_path / "f.csv"), "--quiet", "--log-interval", "0"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and re.fullmatch(r"aidfigures: 2 documents, \d figures?, 0 failed", err[0])


def test_log_lines_when_not_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for doc in corpus(4):
        (folder / f"{doc.doc_id}.txt").write_text(doc.text, encoding="utf-8")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    code = main(["extract", str(folder), "-o", str(tmp_path / "f.csv"), "--workers", "1", "--chunk-mb", "0.005",
                 "--log-interval", "0"])
    assert code == 0
    lines = capsys.readouterr().err.splitlines()
    progress = [line for line in lines if "MB/s" in line]
    assert len(progress) == 4  # a line per chunk with a zero interval
    assert re.fullmatch(r"aidfigures: 4 documents(?: \(100%\))?, [\d.]+ MB, [\d.]+ MB/s, [\d,]+ figures, 0 failed"
                        r"(, ETA \d:\d\d:\d\d)?", progress[-1]), progress[-1]
    assert re.fullmatch(r"aidfigures: 4 documents, \d+ figures, 0 failed", lines[-1])


def test_bar_on_a_terminal() -> None:
    from aidfigures.corpus.progress import Progress

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = Tty()
    shown = Progress("auto", total=10, interval=0, stream=out)
    assert shown.mode == "bar"
    shown.update(documents=4, characters=2_000_000, figures=7, failures=1)
    shown.bar.refresh()
    shown.close()
    text = out.getvalue()
    assert "4/10" in text and "7 figures" in text and "1 failed" in text and "MB/s" in text
    out = Tty()
    shown = Progress("bar", total_chars=8_000_000, interval=0, stream=out)  # a table corpus: size only
    shown.update(documents=4, characters=2_000_000, figures=7)
    shown.bar.refresh()
    shown.close()
    assert re.search(r"ETA \d:\d\d:\d\d", out.getvalue())


@pytest.mark.slow  # a process pool
def test_cli_exit_codes_and_failure_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text("Peru received $5 million in 2006.", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x00\x01")
    out = tmp_path / "f.duckdb"
    assert main(["extract", str(folder), "-o", str(out), "--workers", "2"]) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1] == (f"aidfigures: 2 documents, 1 figure, 1 failed "
                                            f"({folder / 'bad.txt'}: binary file, not text)")
    assert main(["extract", str(folder), "-o", str(out), "--resume", "--quiet"]) == 1  # bad.txt is retried
    assert capsys.readouterr().err.strip().endswith("; 1 already written, skipped")
    for args in (["--workers", "0"], ["--resume", "-o", "-"], ["--scheduler", "tcp://127.0.0.1:1"]):
        argv = ["extract", str(folder), "-o", str(tmp_path / "g.csv"), *args]
        if "-o" in args:
            argv = ["extract", str(folder), *args]
        assert main(argv) == 2
    assert not (tmp_path / "g.csv").exists()


@pytest.mark.slow  # a process pool
def test_resume_after_the_process_was_killed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os
    import signal
    import subprocess
    import time

    folder = tmp_path / "docs"
    folder.mkdir()
    docs = corpus(600, seed=3)
    for doc in docs:
        (folder / f"{doc.doc_id}.txt").write_text(doc.text, encoding="utf-8")
    out = tmp_path / "out.csv"
    command = [sys.executable, "-m", "aidfigures", "extract", str(folder), "-o", str(out), "--workers", "1",
               "--chunk-mb", "0.05", "--quiet"]
    proc = subprocess.Popen(command, stderr=subprocess.DEVNULL, start_new_session=True)
    checkpoint = tmp_path / ".out.csv.checkpoint.json"
    partial = tmp_path / ".out.documents.csv.partial"
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if checkpoint.is_file() and partial.is_file() and partial.stat().st_size > 2_000:
                break
            time.sleep(0.02)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the group this test started: the CLI process
        proc.wait(timeout=30)
    assert not out.exists() and partial.is_file()
    assert main(["extract", str(folder), "-o", str(out), "--workers", "2", "--resume", "--quiet"]) == 0
    summary = re.search(r"(\d+) documents, .*; (\d+) already written, skipped$", capsys.readouterr().err.strip())
    assert summary and int(summary[1]) > 0 and int(summary[1]) + int(summary[2]) == 600  # killed mid-way
    clean = run_corpus(iter_documents(folder), tmp_path / "clean.csv", workers=1, progress="none")
    assert clean.documents == 600
    assert _bytes(out) == _bytes(tmp_path / "clean.csv")
    assert _bytes(tmp_path / "out.documents.csv") == _bytes(tmp_path / "clean.documents.csv")


# ---------------------------------------------------------------- files read where they are extracted

def _folder(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for doc in corpus(n, seed=5):
        (folder / f"{doc.doc_id}.txt").write_text(doc.text, encoding="utf-8")
    return folder


def _unreadable_here(pid: int, read: Callable[..., SourceDocument]) -> Callable[..., SourceDocument]:
    """``read``, except in process ``pid`` (forked helpers inherit the replacement: they read)."""

    def guarded(*args: object, **kwargs: object) -> SourceDocument:
        if os.getpid() == pid:
            raise AssertionError("this process read a file: the workers should have")
        return read(*args, **kwargs)

    return guarded


@pytest.mark.slow  # a process pool
def test_workers_read_the_files_of_iter_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from aidfigures.sources import files as _source_files
    from aidfigures.sources import iter_documents

    folder = _folder(tmp_path, 12)
    (folder / "latin.txt").write_bytes("Perú recibió $5 millones en 2006.".encode("cp1252"))
    (folder / "huge.txt").write_text("$1 " * 40_000, encoding="utf-8")
    one = run_corpus(iter_documents(folder), tmp_path / "one.csv", workers=1, chunk_chars=CHUNK, progress="none",
                     max_document_chars=100_000)
    monkeypatch.setattr(runner, "_PARENT_EXTRACTS", False)  # every chunk in a worker process...
    guarded = _unreadable_here(os.getpid(), _source_files._file_document)
    monkeypatch.setattr(_source_files, "_file_document", guarded)  # ...which alone can read files
    notes: list[str] = []
    two = run_corpus(iter_documents(folder), tmp_path / "two.csv", workers=2, chunk_chars=CHUNK, progress="none",
                     max_document_chars=100_000, on_warning=notes.append)
    assert (two.documents, two.figures) == (one.documents, one.figures) == (14, one.figures)
    assert [(f.doc_id, f.error) for f in two.failures] == [
        ("huge", "document too large: 120,000 characters, over the limit of 100,000")]
    assert _bytes(tmp_path / "one.csv") == _bytes(tmp_path / "two.csv")
    assert _bytes(tmp_path / "one.documents.csv") == _bytes(tmp_path / "two.documents.csv")
    assert len(notes) == 1 and "cp1252" in notes[0]  # a worker's reading warning reaches the caller


def test_resume_reads_each_file_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from aidfigures.sources import files as _source_files
    from aidfigures.sources import iter_documents

    folder = _folder(tmp_path, 6)
    out = tmp_path / "out.csv"
    run_corpus(iter_documents(folder), out, workers=1, progress="none")
    (folder / "doc002.txt").write_text("Peru received $7 million in 2007.", encoding="utf-8")
    (folder / "doc006.txt").write_text("Colombia received $9 million in 2008.", encoding="utf-8")
    reads: list[str] = []
    real = _source_files._file_document

    def counting(entry: object, doc_id: str, *args: object) -> SourceDocument:
        reads.append(doc_id)
        return real(entry, doc_id, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(_source_files, "_file_document", counting)
    again = run_corpus(iter_documents(folder), out, workers=2, progress="none", resume=True)  # one chunk: here
    assert (again.skipped, again.documents) == (5, 2)  # doc002 changed, doc006 new
    assert sorted(reads) == [f"doc00{i}" for i in range(7)]  # doc002 compared, then extracted as read
    run_corpus(iter_documents(folder), tmp_path / "clean.csv", workers=1, progress="none")
    assert sorted(read_documents(out)["sha256"]) == sorted(read_documents(tmp_path / "clean.csv")["sha256"])


def test_an_iterated_source_is_read_here(tmp_path: Path) -> None:
    from aidfigures.sources import iter_documents

    documents = iter_documents(_folder(tmp_path, 3))
    first = next(documents)
    run = run_corpus(documents, tmp_path / "rest.csv", workers=1, progress="none")  # the two left
    assert run.documents == 2 and first.doc_id == "doc000"


def test_folder_runs_show_a_share_and_an_eta(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from aidfigures.sources import iter_documents

    table = tmp_path / "cables.csv"
    table.write_text("id,content\nc1,Peru got $5 million in 2006.\n", encoding="utf-8")
    documents = iter_documents([table])
    assert (documents.total, documents.total_chars) == (None, table.stat().st_size)  # type: ignore[attr-defined]
    folder = _folder(tmp_path, 4)
    documents = iter_documents(folder)
    size = sum(path.stat().st_size for path in folder.iterdir())
    assert (documents.total, documents.total_chars) == (4, size)  # type: ignore[attr-defined]
    run_corpus(documents, tmp_path / "f.csv", workers=1, chunk_chars=5_000, progress="log", log_interval=0)
    lines = capsys.readouterr().err.splitlines()
    assert re.fullmatch(r"aidfigures: 1 documents \(25%\), .*, ETA \d:\d\d:\d\d", lines[0]), lines[0]


# (texts shipped by this process, workers): whether this process extracts chunks too, and how many helpers
PARENT_SHARE = {
    "folder-2-workers": (False, 2, True, 1),   # helpers read the files: this process takes chunks too
    "folder-3-workers": (False, 3, True, 2),
    "table-2-workers": (True, 2, False, 2),    # a CSV/JSONL dump: reading and shipping texts is its share
    "table-3-workers": (True, 3, False, 3),
}


@pytest.mark.parametrize(("ships_texts", "workers", "parent_works", "helpers"), PARENT_SHARE.values(),
                         ids=PARENT_SHARE)
def test_this_process_extracts_too_only_when_the_helpers_read_the_files(
        ships_texts: bool, workers: int, parent_works: bool, helpers: int) -> None:
    from aidfigures.corpus.executors import _Inline
    from aidfigures.corpus.options import RunOptions

    inline = _Inline()
    executor, quota, works = runner._executor(RunOptions(), workers, False, inline, ships_texts)
    try:
        assert works is parent_works and executor.workers == helpers and quota >= helpers
    finally:
        executor.close()
