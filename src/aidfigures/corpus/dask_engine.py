"""The Dask engine of :func:`aidfigures.corpus.run_corpus`: chunks run as tasks on a Dask cluster.

The parent (the Dask client) reads the corpus, submits each chunk as a task running
:func:`aidfigures.corpus.chunks.process_chunk` on the cluster, keeps at most ``2 x workers`` tasks in
flight, and writes the results in corpus order, exactly as the local engine does: the output is the
same. Without a scheduler address a ``distributed.LocalCluster`` of ``workers`` processes (one
thread each, on 127.0.0.1, no dashboard) is started and stopped with the run. The workers of a
remote cluster need the same aidfigures installed; documents travel to them with the tasks, so no
shared file system is needed (a local cluster's workers read the files themselves).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["DaskExecutor"]


class DaskExecutor:
    """Submit and wait for chunk tasks on a Dask cluster (the interface the runner's executors share)."""

    generation = 0

    def __init__(self, workers: int, scheduler: str | None = None, *, timeout: float = 60.0) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - the scale extra is not installed
            raise ValueError("--engine dask needs dask and distributed: pip install 'aidfigures[scale]'") from exc
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler, timeout=timeout)
        else:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        host="127.0.0.1", dashboard_address=None,
                                        silence_logs=logging.ERROR, worker_dashboard_address=None)
            self.client = Client(self.cluster, timeout=timeout)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self.client.submit(fn, *args, pure=False)

    def wait(self, futures: Iterable[Any]) -> set[Any]:
        from distributed import wait

        return set(wait(list(futures), return_when="FIRST_COMPLETED").done)

    def recover(self, exc: BaseException, generation: int) -> None:
        """Dask reschedules the tasks of a dead worker itself."""

    def close(self, cancel: bool = False) -> None:
        try:
            self.client.close()
        finally:
            if self.cluster is not None:
                self.cluster.close()
