"""Two runs writing the same ``-o``: the second fails at once (exit 2) and touches nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from aidfigures.cli import main
from aidfigures.corpus import run_corpus
from aidfigures.outputs import OutputBusyError, output_target
from aidfigures.outputs.lock import lock_output, lock_path
from aidfigures.sources import SourceDocument

TARGETS = {"csv": "out.csv", "parquet": "out.parquet", "dataset": "out/", "duckdb": "out.duckdb"}


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "peru.txt").write_text("Peru received $5 million in military aid in 2006.", encoding="utf-8")
    return folder


def _snapshot(tmp_path: Path) -> dict[str, bytes]:
    """Every file under tmp_path (outputs, partial files) but lock files, with its bytes."""
    return {str(p.relative_to(tmp_path)): p.read_bytes() for p in sorted(tmp_path.rglob("*"))
            if p.is_file() and p.suffix != ".lock"}


@pytest.mark.parametrize("resume", [False, True], ids=["fresh", "resume"])
@pytest.mark.parametrize("kind", TARGETS)
def test_second_run_on_a_locked_output_fails_at_once_and_writes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, resume: bool) -> None:
    docs = _corpus(tmp_path)
    out = f"{tmp_path}/{TARGETS[kind]}"
    assert main(["extract", str(docs), "-o", out, "--quiet"]) == 0  # a previous complete output
    (docs / "chile.txt").write_text("Chile received $7 million in 2007.", encoding="utf-8")
    before = _snapshot(tmp_path)
    held = lock_output(output_target(out))  # the first run, still writing
    try:
        assert main(["extract", str(docs), "-o", out, "--quiet", *(["--resume"] if resume else [])]) == 2
    finally:
        assert held is not None
        held.release()
    err = capsys.readouterr().err
    assert "another aidfigures run is writing this output" in err and str(lock_path(output_target(out))) in err
    assert _snapshot(tmp_path) == before
    assert main(["extract", str(docs), "-o", out, "--quiet", *(["--resume"] if resume else [])]) == 0
    assert not lock_path(output_target(out)).exists()  # a run that ends removes its lock file


def test_lock_held_by_another_process(tmp_path: Path) -> None:
    out = tmp_path / "out.parquet"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from aidfigures.outputs import output_target; "
         "from aidfigures.outputs.lock import lock_output; lock = lock_output(output_target(sys.argv[1])); "
         "print('held', flush=True); sys.stdin.read()", str(out)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(OutputBusyError, match="another aidfigures run"):
            run_corpus([SourceDocument("d", "d.txt", "Peru got $5 million.")], out, workers=1, progress="none")
        assert not out.exists() and not (tmp_path / ".out.parquet.partial").exists()
    finally:
        holder.communicate("")
    run_corpus([SourceDocument("d", "d.txt", "Peru got $5 million.")], out, workers=1, progress="none")
    assert out.is_file()  # the holder is gone: its lock went with it


def test_the_lock_is_released_when_a_run_fails(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"

    def broken() -> object:
        yield SourceDocument("d", "d.txt", "Peru got $5 million.")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_corpus(broken(), out, workers=1, progress="none")
    run_corpus([SourceDocument("d", "d.txt", "Peru got $5 million.")], out, workers=1, progress="none", resume=True)
    assert out.is_file()
