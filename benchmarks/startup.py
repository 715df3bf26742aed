"""Measure start-up: ``import aidfigures`` and ``aidfigures --help``, wall and CPU seconds, best of N runs.

usage: python benchmarks/startup.py [--runs 5]

Each run is a fresh interpreter (``python -c "import aidfigures"``, ``python -m aidfigures --help``),
so nothing is cached in the process; the bare interpreter (``python -c pass``) is timed too, for
reference. CPU is the child's user + system time. A benchmark script, not a test: it prints numbers.
Targets (issue 14): import <= 0.3 s, --help <= 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from collections.abc import Sequence

COMMANDS = {
    "python (bare interpreter)": [sys.executable, "-c", "pass"],
    "import aidfigures": [sys.executable, "-c", "import aidfigures"],
    "aidfigures --help": [sys.executable, "-m", "aidfigures", "--help"],
}


def best_of(command: list[str], runs: int) -> tuple[float, float]:
    """The best wall and best CPU seconds of ``runs`` runs of ``command``."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONWARNINGS": "ignore"})
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(walls), min(cpus)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the start-up times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (default 5)")
    args = parser.parse_args(argv)
    print(f"best of {args.runs} runs (load average {os.getloadavg()[0]:.1f})")
    for name, command in COMMANDS.items():
        wall, cpu = best_of(command, args.runs)
        print(f"{name:28s} {wall:6.3f} s wall  {cpu:6.3f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
