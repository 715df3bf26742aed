"""The per-document time limit: a runaway document becomes an error row and the run goes on."""

from __future__ import annotations

import contextlib
import re
import signal
import time
from pathlib import Path

import pytest
from corpus_helpers import runaway_figures, stream

from aidfigures.cli import main
from aidfigures.corpus import RunOptions, run_corpus, runner
from aidfigures.corpus.timelimit import DocumentTimeout, time_limit
from aidfigures.outputs import read_documents, read_figures
from aidfigures.sources import SourceDocument


def _docs() -> list[SourceDocument]:
    return [SourceDocument(f"d{i}", f"d{i}.txt", f"${i + 1} " + ("RUNAWAY" if i == 2 else "fine")) for i in range(5)]


def _check(run, out: Path) -> None:
    assert [(f.doc_id, f.error) for f in run.failures] == [("d2", "took longer than 0.5 s")]
    assert read_figures(out)["doc_id"].tolist() == ["d0", "d1", "d3", "d4"]
    documents = read_documents(out).set_index("doc_id")
    assert documents.loc["d2", "error"] == "took longer than 0.5 s" and documents.loc["d2", "n_figures"] == 0


def test_runaway_document_stopped_in_this_process(tmp_path: Path) -> None:
    t0 = time.monotonic()
    run = run_corpus(stream(_docs()), tmp_path / "f.csv", workers=1, progress="none", extractor=runaway_figures,
                     doc_timeout=0.5)
    assert time.monotonic() - t0 < 30
    _check(run, tmp_path / "f.csv")


@pytest.mark.slow  # a process pool
def test_runaway_document_stopped_in_a_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "_PARENT_EXTRACTS", False)  # every chunk in a worker process
    run = run_corpus(stream(_docs()), tmp_path / "f.parquet", workers=2, chunk_chars=10, progress="none",
                     extractor=runaway_figures, doc_timeout=0.5)
    _check(run, tmp_path / "f.parquet")


def test_limit_interrupts_one_long_regex_match() -> None:
    handler = signal.getsignal(signal.SIGALRM)
    t0 = time.monotonic()
    with pytest.raises(DocumentTimeout, match=r"took longer than 0.2 s"), time_limit(0.2):
        re.match(r"(?:a+)+b", "a" * 30)  # minutes of backtracking in one call
    assert time.monotonic() - t0 < 2
    assert signal.getsignal(signal.SIGALRM) is handler and signal.getitimer(signal.ITIMER_REAL)[0] == 0


def test_limit_restores_the_timer_and_handler_before() -> None:
    def mine(signum, frame):
        raise AssertionError("outer alarm")

    before = signal.signal(signal.SIGALRM, mine)
    signal.setitimer(signal.ITIMER_REAL, 50)
    try:
        with time_limit(5):
            pass
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 40 < left <= 50 and signal.getsignal(signal.SIGALRM) is mine
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


@pytest.mark.parametrize("seconds", [None, 0])
def test_no_limit(seconds) -> None:
    with time_limit(seconds) as enforced:
        assert not enforced and signal.getitimer(signal.ITIMER_REAL)[0] == 0


def test_cli_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = []

    def fake(docs, out, opts):
        seen.append(opts)
        raise _Stop

    monkeypatch.setattr("aidfigures.corpus.run_corpus", fake)
    (tmp_path / "a.txt").write_text("Peru got $5 million.", encoding="utf-8")
    cases = ([[], RunOptions().doc_timeout], [["--doc-timeout", "7"], 7.0], [["--doc-timeout", "0"], None])
    for argv, expected in cases:
        with contextlib.suppress(_Stop):
            main(["extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o.csv"), "--quiet", *argv])
        assert seen[-1].doc_timeout == expected


class _Stop(Exception):
    pass
