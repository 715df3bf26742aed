"""benchmarks/scale.py: the CPU line that says what limits the 2-worker speed-up."""

from __future__ import annotations

import pytest
from script_loader import load_script

CPU_LINES = [  # (the run's result, one worker's CPU seconds, the line)
    pytest.param({"seconds": 10.0, "parent_cpu": 8.0, "worker_cpu": []}, None,
                 "parent 8.0 s (total 8.0 s); off CPU 20%", id="one-worker"),
    pytest.param({"seconds": 5.0, "parent_cpu": 5.0, "worker_cpu": [4.0]}, 8.0,
                 "parent 5.0 s, helpers 4.0 s (total 9.0 s); off CPU 0%, 20%; speed-up the CPU split allows: 1.60x",
                 id="parent-busiest"),
    pytest.param({"seconds": 8.0, "parent_cpu": 2.0, "worker_cpu": [4.0, 4.0]}, 8.0,
                 "parent 2.0 s, helpers 4.0 + 4.0 s (total 10.0 s); off CPU 75%, 50%, 50%; "
                 "speed-up the CPU split allows: 2.00x", id="two-helpers"),
]


@pytest.mark.parametrize(("result", "one_worker", "line"), CPU_LINES)
def test_cpu_line(result: dict, one_worker: float | None, line: str) -> None:
    assert load_script("benchmarks/scale.py")._cpu_line(result, one_worker) == line


PARENT_LINES = [  # (the run whose helpers extract everything, one worker's CPU seconds, the line)
    pytest.param({"parent_cpu": 1.0, "worker_cpu": [4.5, 4.5]}, 9.5,
                 "parent alone: parent CPU / total CPU = 1.0 / 10.0 s = 10.0%, a limit of 10.0x; "
                 "total CPU +5% over one worker's", id="with-one-worker"),
    pytest.param({"parent_cpu": 2.0, "worker_cpu": [3.0]}, None,
                 "parent alone: parent CPU / total CPU = 2.0 / 5.0 s = 40.0%, a limit of 2.5x", id="alone"),
]


@pytest.mark.parametrize(("result", "one_worker", "line"), PARENT_LINES)
def test_parent_line(result: dict, one_worker: float | None, line: str) -> None:
    assert load_script("benchmarks/scale.py")._parent_line(result, one_worker) == line
