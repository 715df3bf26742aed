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
