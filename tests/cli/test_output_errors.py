"""Outputs that cannot be written: the documented one-line error and exit 1, never a traceback."""

from __future__ import annotations

import errno
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from aidfigures.cli import main

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")


def _corpus(folder: Path, n: int = 30) -> Path:
    folder.mkdir()
    for i in range(n):
        text = (f"Peru received ${i + 1} million in 2006 for " + "the training of police, " * 40 + "it said.\n") * 60
        (folder / f"d{i:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def _limited(limit: int) -> None:
    """In the child: files may not grow past ``limit`` bytes; writes fail (EFBIG) as on a full disk."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@pytest.mark.parametrize("suffix", [".duckdb", ".csv"])  # .parquet: tests/outputs/test_full_disk.py
def test_a_full_disk_is_one_error_line(tmp_path: Path, suffix: str) -> None:
    docs = _corpus(tmp_path / "docs")
    out = tmp_path / f"figures{suffix}"
    done = subprocess.run([sys.executable, "-m", "aidfigures", "extract", str(docs), "-o", str(out), "--workers", "1",
                           "--quiet", "--chunk-mb", "0.2"], capture_output=True, text=True, timeout=300,
                          preexec_fn=lambda: _limited(1_000_000))
    assert done.returncode == 1, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"aidfigures: error: cannot write {out}: "), done.stderr
    assert "Traceback" not in done.stderr


def test_a_damaged_duckdb_output_on_resume_is_one_error_line(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    docs = _corpus(tmp_path / "docs", 1)
    out = tmp_path / "figures.duckdb"
    out.write_bytes(b"not a database" * 100)
    assert main(["extract", str(docs), "-o", str(out), "--quiet", "--resume"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"aidfigures: error: cannot write {out}: ") and "DuckDB" in err
    assert len(err.splitlines()) == 1


def test_report_on_a_full_disk_is_one_error_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    import aidfigures.cli.reports as reports

    def full_disk(*args: object, **kwargs: object) -> object:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "report"))

    monkeypatch.setattr(reports, "run_report", full_disk)
    notebook = tmp_path / "n.ipynb"
    notebook.write_text("{}", encoding="utf-8")
    assert main(["report", str(notebook), "-o", str(tmp_path / "report")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == f"aidfigures: error: cannot write the report: [Errno 28] No space left on device: " \
                      f"'{tmp_path / 'report'}'"
