"""Measure start-up: ``import aidfigures``, ``aidfigures --help`` and the fixed cost of an extract run, best of N runs.

usage: python benchmarks/startup.py [--runs 5] [--no-run]

Each run is a fresh interpreter (``python -c "import aidfigures"``, ``python -m aidfigures --help``),
so nothing is cached in the process; the bare interpreter (``python -c pass``) is timed too, for
reference. CPU is the child's user + system time. Then (unless ``--no-run``) what every
``aidfigures extract`` process pays whatever its corpus, step by step: pandas, numpy and pyarrow;
the extractor's modules; the command's (corpus, sources, outputs, cli); the first
``find_figures`` (its patterns compiled on first use); the whole command on a one-sentence
document (``--workers 1``, a CSV output). A benchmark script, not a test: it prints numbers.
Targets (issue 14): import <= 0.3 s, --help <= 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence

COMMANDS = {
    "python (bare interpreter)": [sys.executable, "-c", "pass"],
    "import aidfigures": [sys.executable, "-c", "import aidfigures"],
    "aidfigures --help": [sys.executable, "-m", "aidfigures", "--help"],
}


#: The fixed cost of an extract run, step by step: each command does what the one before does, and more.
_IMPORTS = "import aidfigures.extract, aidfigures.corpus, aidfigures.sources, aidfigures.cli.main"
STEPS = {
    "import pandas, numpy, pyarrow": [sys.executable, "-c", "import pandas, numpy, pyarrow"],
    "import aidfigures.extract": [sys.executable, "-c", "import aidfigures.extract"],
    "+ the extract command's modules": [sys.executable, "-c", _IMPORTS],
    "+ a first find_figures": [sys.executable, "-c", f"{_IMPORTS}; from aidfigures.extract import find_figures; "
                               "find_figures('Peru received $5 million in 2006.')"],
}


def best_of(command: list[str], runs: int) -> tuple[float, float]:
    """The best wall and best CPU seconds of ``runs`` runs of ``command``."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env={**os.environ, "PYTHONWARNINGS": "ignore"})
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(walls), min(cpus)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the start-up times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (default 5)")
    parser.add_argument("--no-run", action="store_true", help="skip the fixed cost of an extract run")
    args = parser.parse_args(argv)
    print(f"best of {args.runs} runs (load average {os.getloadavg()[0]:.1f})")
    for name, command in COMMANDS.items():
        wall, cpu = best_of(command, args.runs)
        print(f"{name:28s} {wall:6.3f} s wall  {cpu:6.3f} s CPU")
    if not args.no_run:
        fixed_cost(args.runs)
    return 0


def fixed_cost(runs: int) -> None:
    """Print the CPU seconds of each step of an extract run's start (:data:`STEPS`), and of the whole
    command on a one-sentence document, each with what it adds to the step before."""
    with tempfile.TemporaryDirectory() as tmp:
        docs = os.path.join(tmp, "docs")
        os.mkdir(docs)
        with open(os.path.join(docs, "one.txt"), "w", encoding="utf-8") as handle:
            handle.write("Peru received $5 million in 2006.\n")
        whole = [sys.executable, "-m", "aidfigures", "extract", docs, "-o", os.path.join(tmp, "figures.csv"),
                 "--workers", "1", "--quiet"]
        print("the fixed cost of an extract run (CPU seconds; + what the step adds):")
        before = best_of(COMMANDS["python (bare interpreter)"], runs)[1]
        for name, command in [*STEPS.items(), ("aidfigures extract, one sentence", whole)]:
            cpu = best_of(command, runs)[1]
            added = "" if name.startswith("import pandas") else f"  +{max(cpu - before, 0):.3f}"
            print(f"  {name:34s} {cpu:6.3f} s CPU{added}")
            before = cpu if not name.startswith("import pandas") else before


if __name__ == "__main__":
    sys.exit(main())
