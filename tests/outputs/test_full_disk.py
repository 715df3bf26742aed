"""A full disk while a run moves its output into place: the old output stays whole (RLIMIT_FSIZE)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from aidfigures.corpus import run_corpus
from aidfigures.outputs import read_documents, read_figures
from aidfigures.sources import SourceDocument

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")

#: A run in a process whose files may not grow past LIMIT bytes (writes then fail with EFBIG, as on a
#: full disk, instead of the process being killed by SIGXFSZ).
_LIMITED_RUN = """
import json, resource, signal, sys
from aidfigures.corpus import run_corpus
from aidfigures.sources import SourceDocument
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
limit = int(sys.argv[2])
docs = [SourceDocument(**d) for d in json.loads(sys.stdin.read())]
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    run_corpus(docs, sys.argv[1], workers=1, progress="none", chunk_chars=1, resume=sys.argv[3] == "resume")
except OSError as exc:
    print("failed:", exc)
    sys.exit(3)
"""


def _docs(n: int, seed: str) -> list[dict[str, object]]:
    """Documents with a figure each and a large incompressible metadata cell (big documents rows)."""
    return [{"doc_id": f"d{i}", "source": f"d{i}.txt", "text": f"Peru received ${i + 1} million in 2006.",
             "metadata": {"note": os.urandom(6_000).hex() + seed}} for i in range(n)]


def _run(out: Path, docs: list[dict[str, object]], limit: int, mode: str = "fresh") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _LIMITED_RUN, str(out), str(limit), mode],
                          input=json.dumps(docs), capture_output=True, text=True, timeout=120)


def test_full_disk_during_a_parquet_merge_keeps_the_old_figures_with_the_old_documents(tmp_path: Path) -> None:
    out = tmp_path / "figures.parquet"
    old = _docs(3, "old")
    run_corpus([SourceDocument(**d) for d in old], out, workers=1, progress="none")  # type: ignore[arg-type]
    old_figures, old_documents = read_figures(out), read_documents(out)
    new = _docs(12, "new")
    # each part (one document) fits under the limit, as does the merged figures file; the merged
    # documents file (12 x 12 KB of metadata) does not
    done = _run(out, new, 80_000)
    assert done.returncode == 3, done.stdout + done.stderr
    assert "File too large" in done.stdout
    pd.testing.assert_frame_equal(read_figures(out), old_figures)
    pd.testing.assert_frame_equal(read_documents(out), old_documents)
    assert not list(tmp_path.glob(".*.tmp"))  # no merged file left behind
    # with room again, --resume finishes from the parts the failed run kept
    done = _run(out, new, 2**30, "resume")
    assert done.returncode == 0, done.stdout + done.stderr
    assert read_documents(out)["doc_id"].tolist() == [d["doc_id"] for d in new]
    assert len(read_figures(out)) == len(new)
