"""benchmarks/startup.py prints a wall and CPU time for each start-up it measures."""

from __future__ import annotations

import re

import pytest
from script_loader import load_script


def test_startup_prints_each_command(capsys: pytest.CaptureFixture[str]) -> None:
    startup = load_script("benchmarks/startup.py")
    assert startup.main(["--runs", "1", "--no-run"]) == 0
    lines = capsys.readouterr().out.splitlines()
    timed = [line for line in lines if re.search(r"\d+\.\d{3} s wall +\d+\.\d{3} s CPU$", line)]
    assert [line.split("  ")[0] for line in timed] == list(startup.COMMANDS)


def test_the_fixed_cost_of_a_run_prints_each_step(capsys: pytest.CaptureFixture[str]) -> None:
    startup = load_script("benchmarks/startup.py")
    startup.fixed_cost(1)
    lines = capsys.readouterr().out.splitlines()
    timed = [line.strip() for line in lines if re.search(r"\d+\.\d{3} s CPU( +\+\d+\.\d{3})?$", line)]
    steps = [*startup.STEPS, "aidfigures extract, one sentence"]
    assert [line.split("  ")[0] for line in timed] == [*steps, "+ a first find_figures", steps[-1]]
    assert "+" not in timed[0] and all("+" in line.split(" s CPU")[1] for line in timed[1:len(steps)])
    assert any("cache empty" in line for line in lines)


def test_bytecode_runs_say_so_and_time_each_command(capsys: pytest.CaptureFixture[str]) -> None:
    startup = load_script("benchmarks/startup.py")
    assert startup.main(["--runs", "1", "--no-run", "--bytecode"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "bytecode cached" in lines[0]
    assert sum(bool(re.search(r"\d\.\d{3} s wall +\d+\.\d{3} s CPU$", line)) for line in lines) == len(startup.COMMANDS)


def test_the_costliest_patterns_are_named_by_their_line(capsys: pytest.CaptureFixture[str]) -> None:
    startup = load_script("benchmarks/startup.py")
    startup.pattern_costs(3)
    head, *rows = capsys.readouterr().out.splitlines()
    assert head.startswith("compiling patterns: ") and len(rows) == 3
    assert all(re.fullmatch(r" +\d+\.\d ms +\d+ patterns \(longest +\d+ characters\)  \S+\.py:\d+", r) for r in rows)
    seconds = [float(r.split()[0]) for r in rows]
    assert seconds == sorted(seconds, reverse=True)
