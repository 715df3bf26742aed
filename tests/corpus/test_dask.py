"""The Dask engine: the same extraction on a 2-worker local cluster (loopback only) gives the same output."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_helpers import corpus, stream

from aidfigures.corpus import run_corpus

pytestmark = pytest.mark.slow  # kernels, notebooks, clusters: `make test-fast` skips them

pytest.importorskip("distributed")


def test_dask_local_cluster_equals_local_engine(tmp_path: Path) -> None:
    docs = corpus(12)
    local = run_corpus(stream(docs), tmp_path / "local.parquet", workers=1, chunk_chars=20_000, progress="none")
    dask = run_corpus(stream(docs), tmp_path / "dask.parquet", engine="dask", workers=2, chunk_chars=20_000,
                      progress="none")
    assert (dask.documents, dask.figures, dask.failures) == (local.documents, local.figures, local.failures)
    for name in ("{}.parquet", "{}.documents.parquet"):
        assert (tmp_path / name.format("dask")).read_bytes() == (tmp_path / name.format("local")).read_bytes()


def test_dask_scheduler_address(tmp_path: Path) -> None:
    from distributed import LocalCluster

    docs = corpus(4)
    run_corpus(docs, tmp_path / "local.csv", workers=1, chunk_chars=10_000, progress="none")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp", host="127.0.0.1",
                      dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        run = run_corpus(docs, tmp_path / "dask.csv", engine="dask", scheduler=cluster.scheduler_address,
                         chunk_chars=10_000, progress="none")
    assert run.documents == 4
    assert (tmp_path / "dask.csv").read_bytes() == (tmp_path / "local.csv").read_bytes()


def test_dask_workers_read_a_folder_as_the_local_engine_does(tmp_path: Path) -> None:
    from aidfigures.cli import main

    folder = tmp_path / "docs"
    folder.mkdir()
    for doc in corpus(8, seed=2):
        (folder / f"{doc.doc_id}.txt").write_text(doc.text, encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x00\x01binary")
    common = ["extract", str(folder), "--chunk-mb", "0.02", "--quiet"]
    assert main([*common, "-o", str(tmp_path / "local.parquet"), "--workers", "1"]) == 1  # bad.txt failed
    assert main([*common, "-o", str(tmp_path / "dask.parquet"), "--engine", "dask", "--workers", "2"]) == 1
    for name in ("{}.parquet", "{}.documents.parquet"):
        assert (tmp_path / name.format("dask")).read_bytes() == (tmp_path / name.format("local")).read_bytes()


def _wait_for_file(path: Path, processes: list, seconds: float = 120.0) -> None:
    import time

    deadline = time.monotonic() + seconds
    while not path.is_file() or not path.read_text(encoding="utf-8").strip():
        assert all(p.poll() is None for p in processes), "a dask process exited while starting"
        assert time.monotonic() < deadline, f"{path.name} not written in {seconds:.0f} s"
        time.sleep(0.2)


def test_dask_scheduler_and_workers_started_as_separate_processes(tmp_path: Path) -> None:
    """`dask scheduler` and two `dask worker` processes on localhost, as on a cluster: the same output as
    the local engine, and again after one worker is killed (its share goes to the other)."""
    import json
    import shutil
    import subprocess
    import sys

    from distributed import Client

    dask = shutil.which("dask", path=str(Path(sys.executable).parent))
    if dask is None:
        pytest.skip("no dask command beside this Python")
    docs = corpus(10, seed=3)
    run_corpus(docs, tmp_path / "local.csv", workers=1, chunk_chars=8_000, progress="none")
    address_file = tmp_path / "scheduler.json"
    scheduler = subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                  "--scheduler-file", str(address_file)], stderr=subprocess.DEVNULL)
    processes = [scheduler]
    try:
        _wait_for_file(address_file, processes)
        for _ in range(2):
            processes.append(subprocess.Popen(
                [dask, "worker", "--scheduler-file", str(address_file), "--nworkers", "1", "--nthreads", "1",
                 "--no-nanny", "--no-dashboard", "--host", "127.0.0.1"], stderr=subprocess.DEVNULL))
        address = json.loads(address_file.read_text(encoding="utf-8"))["address"]
        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        for name, kill in (("both", False), ("one", True)):
            if kill:
                processes[2].kill()
                processes[2].wait(timeout=60)
            run = run_corpus(docs, tmp_path / f"{name}.csv", engine="dask", scheduler=address, chunk_chars=8_000,
                             progress="none")
            assert run.documents == 10
            for suffix in (".csv", ".documents.csv"):
                assert (tmp_path / f"{name}{suffix}").read_bytes() == (tmp_path / f"local{suffix}").read_bytes()
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
