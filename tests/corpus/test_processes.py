"""Worker processes of corpus runs: Ctrl-C stops a run with several workers, and workers whose parent
was killed (``kill -9``, the OOM killer) exit instead of waiting forever."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

_COUNTRIES = ("Peru", "Colombia", "Bolivia", "Ecuador", "Mexico", "Honduras")
_AIDFIGURES = Path(sys.executable).with_name("aidfigures")
#: Seconds an interrupted run (or an orphaned worker) may take to be gone.
_BOUND = 4.0


def _write_corpus(folder: Path, documents: int, sentences: int) -> Path:
    """Invented documents of one repeated sentence form (about 100 characters a sentence)."""
    rng = random.Random(7)
    folder.mkdir()
    for i in range(documents):
        lines = [f"In {rng.randint(1995, 2015)} {rng.choice(_COUNTRIES)} received {rng.randint(1, 900)}.{j % 10} "
                 "million dollars in military aid from the United States." for j in range(sentences)]
        (folder / f"doc{i:02d}.txt").write_text(" ".join(lines), encoding="utf-8")
    return folder


def _descendants(pid: int) -> list[int]:
    """Live (not zombie) processes under ``pid``."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                children.setdefault(int(fields[1]), []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        kids = children.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def _alive(pids: list[int]) -> list[int]:
    alive = []
    for pid in pids:
        try:
            if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
                alive.append(pid)
        except OSError:
            pass
    return alive


def _start(corpus: Path, out: Path, *extra: str) -> subprocess.Popen[str]:
    """``aidfigures extract`` with 2 workers in its own session (its own process group, as a shell
    job has: a terminal's Ctrl-C reaches the whole group)."""
    return subprocess.Popen([str(_AIDFIGURES), "extract", str(corpus), "-o", str(out), "--workers", "2",
                             "--chunk-mb", "0.4", "--no-progress", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=_as_a_terminal_job)


def _as_a_terminal_job() -> None:
    """Ctrl-C back to its default in the command, as in a job a terminal starts: a suite run in the
    background by a shell without job control inherits SIGINT ignored, and so would the command."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for(condition: Callable[[], bool], timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the run did not get going"
        time.sleep(0.05)


@pytest.mark.slow  # process pools, a 1.2 MB corpus extracted about three times
def test_ctrl_c_with_two_workers_exits_with_130_and_keeps_the_output(tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path / "docs", documents=24, sentences=500)  # 3 chunks of 0.4 MB
    out = tmp_path / "out.csv"
    first = _start(corpus, out)
    _wait_for(lambda: any(tmp_path.glob(".out.csv.partial")) or first.poll() is not None)
    began = time.monotonic()
    assert first.wait(timeout=600) == 0, first.stderr.read() if first.stderr else ""
    span = time.monotonic() - began  # how long a whole run writes its partial output on this machine
    good = (out.read_bytes(), out.with_name("out.documents.csv").read_bytes())
    # Ctrl-C at various moments of a run (fractions of the first one's span, so as fast a machine as
    # any still sees each): while the workers start, while they extract the first chunks, up to
    # halfway (no further: a later run, on a less loaded machine, may be faster than the first)
    for trial, delay in enumerate(round(f * span, 3) for f in (0.0, 0.05, 0.1, 0.2, 0.3, 0.45)):
        for partial in tmp_path.glob(".out.*"):  # the previous trial's: this run starts afresh
            partial.unlink()
        run = _start(corpus, out)
        _wait_for(lambda run=run: any(tmp_path.glob(".out.csv.partial")) or run.poll() is not None)
        time.sleep(delay)
        assert run.poll() is None, f"trial {trial}: the run ended before Ctrl-C; use a larger corpus"
        workers = _descendants(run.pid)
        os.killpg(run.pid, signal.SIGINT)
        sent = time.monotonic()
        try:
            _, err = run.communicate(timeout=60)
        finally:
            if run.poll() is None:
                os.killpg(run.pid, signal.SIGKILL)
        took = time.monotonic() - sent
        assert took < _BOUND, f"trial {trial} (Ctrl-C {delay} s in): exited after {took:.1f} s"
        assert run.returncode == 130, f"trial {trial}: exit status {run.returncode}: {err}"
        assert "interrupted" in err and "Traceback" not in err, f"trial {trial}: {err}"
        while _alive(workers) and time.monotonic() - sent < _BOUND:  # multiprocessing's resource
            time.sleep(0.05)  # tracker exits when it reads the end of its pipe from the dead parent
        assert not _alive(workers), f"trial {trial}: worker processes left behind"
        # the previous good output is untouched, the partial output is kept for --resume
        assert (out.read_bytes(), out.with_name("out.documents.csv").read_bytes()) == good
        assert (tmp_path / ".out.csv.partial").is_file()
    resumed = _start(corpus, out, "--resume")
    _, err = resumed.communicate(timeout=600)
    assert resumed.returncode == 0, err
    assert (out.read_bytes(), out.with_name("out.documents.csv").read_bytes()) == good


def _kill_and_wait(run: subprocess.Popen, workers: list[int], limit: float = 30) -> float:
    """``kill -9`` the main process ``run``, wait until ``workers`` are gone (``limit`` s at most); seconds taken."""
    run.kill()
    run.wait()
    deadline = time.monotonic() + limit
    while _alive(workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    return limit - (deadline - time.monotonic())


@pytest.mark.slow  # a process pool
def test_workers_exit_when_the_main_process_is_killed(tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path / "docs", documents=24, sentences=500)
    run = _start(corpus, tmp_path / "out.csv")
    workers: list[int] = []
    try:
        # the helper worker is running (and, when helpers are spawned, multiprocessing's resource tracker);
        # the command runs one thread when it starts its helpers, so it forks them wherever Linux lets it
        # (this test process, in the whole suite, has threads: its own start_method() says spawn)
        helpers = 1 if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods() else 2
        _wait_for(lambda: len(_descendants(run.pid)) >= helpers or run.poll() is not None)
        time.sleep(1.0)  # the worker is set up and extracting
        assert run.poll() is None, "the run ended too soon; use a larger corpus"
        workers = _descendants(run.pid)
        took = _kill_and_wait(run, workers)
        assert not _alive(workers) and took < _BOUND, f"workers still alive {took:.1f} s after kill -9"
    finally:
        for pid in _alive(workers + _descendants(run.pid)):
            os.kill(pid, signal.SIGKILL)


def test_watch_parent_exits_a_process_whose_parent_is_gone(tmp_path: Path) -> None:
    # a child starts a grandchild that watches it, then the child is killed: the grandchild exits
    script = (
        "import os, subprocess, sys, time\n"
        "code = ('import os, sys, time; from aidfigures.corpus.executors import watch_parent; '\n"
        "        'watch_parent(os.getppid(), interval=0.05); print(os.getpid(), flush=True); time.sleep(60)')\n"
        "grandchild = subprocess.Popen([sys.executable, '-c', code], stdout=subprocess.PIPE, text=True)\n"
        "print(grandchild.stdout.readline().strip(), flush=True)\n"
        "time.sleep(60)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    grandchild = 0
    try:
        assert child.stdout is not None
        grandchild = int(child.stdout.readline())
        assert _alive([grandchild])
        child.kill()
        child.wait()
        deadline = time.monotonic() + 10
        while _alive([grandchild]) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive([grandchild])
    finally:
        child.kill()
        for pid in _alive([grandchild] if grandchild else []):
            os.kill(pid, signal.SIGKILL)



@pytest.mark.slow  # a Dask cluster
def test_dask_workers_exit_when_the_main_process_is_killed(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    corpus = _write_corpus(tmp_path / "docs", documents=24, sentences=500)
    run = _start(corpus, tmp_path / "out.csv", "--engine", "dask")
    workers: list[int] = []
    try:
        # distributed watches its nannies' pipes: a dead client process takes its local cluster along
        _wait_for(lambda: len(_descendants(run.pid)) >= 3 or run.poll() is not None)  # 2 workers, a tracker
        time.sleep(1.0)
        assert run.poll() is None, "the run ended too soon; use a larger corpus"
        workers = _descendants(run.pid)
        _kill_and_wait(run, workers)
        assert not _alive(workers), "Dask workers still alive 30 s after kill -9"
    finally:
        for pid in _alive(workers + _descendants(run.pid)):
            os.kill(pid, signal.SIGKILL)
