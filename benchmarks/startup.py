"""Measure start-up: ``import aidfigures``, ``aidfigures --help`` and the fixed cost of an extract run, best of N runs.

usage: python benchmarks/startup.py [--runs 5] [--no-run] [--bytecode] [--patterns N]

Each run is a fresh interpreter (``python -c "import aidfigures"``, ``python -m aidfigures --help``),
so nothing is cached in the process; the bare interpreter (``python -c pass``) is timed too, for
reference. CPU is the child's user + system time. Then (unless ``--no-run``) what every
``aidfigures extract`` process pays whatever its corpus, step by step: pandas, numpy and pyarrow;
the extractor's modules; the command's (corpus, sources, outputs, cli); the first
``find_figures`` (its patterns compiled on first use); the whole command on a one-sentence
document (``--workers 1``, a CSV output), the first ``find_figures`` and the whole command timed
twice: with the compiled-pattern cache written (``aidfigures.parse.regex_cache``, in a private
folder written by the first run), as every process after a machine's first runs, and with it empty
in every run, as the first does. A benchmark script, not a test: it prints numbers.
Targets (issue 14): import <= 0.3 s, --help <= 0.5 s.

Where ``PYTHONDONTWRITEBYTECODE`` is set (as on the project's machines), every run compiles the
project's modules from source (~0.14 s of an extract run's start); ``--bytecode`` measures what an
installed package costs instead: the children write and then read cached bytecode (in a private
``PYTHONPYCACHEPREFIX`` folder, after one run each that is not counted). ``--patterns N`` prints the
N lines of aidfigures whose regular expressions cost most to compile in an extract run's start
(importing its modules, then a first ``find_figures`` in English and in Spanish), with the cache
turned off.
"""

from __future__ import annotations

import argparse
import json
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


#: The environment of the children: the caller's, warnings off; see :func:`use_bytecode`.
_ENV = {**os.environ, "PYTHONWARNINGS": "ignore"}
#: Whether each command runs once, not counted, before it is timed (to write its cached bytecode).
_WARM = [False]


def use_bytecode(folder: str) -> None:
    """Time the children with cached bytecode (written under ``folder``), as an installed package runs."""
    _ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    _ENV["PYTHONPYCACHEPREFIX"] = folder
    _WARM[0] = True


def best_of(command: list[str], runs: int) -> tuple[float, float]:
    """The best wall and best CPU seconds of ``runs`` runs of ``command``."""
    walls, cpus = [], []
    for _ in range(runs + _WARM[0]):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_ENV)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    if _WARM[0]:
        walls, cpus = walls[1:], cpus[1:]
    return min(walls), min(cpus)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the start-up times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (default 5)")
    parser.add_argument("--no-run", action="store_true", help="skip the fixed cost of an extract run")
    parser.add_argument("--bytecode", action="store_true",
                        help="time the children with cached bytecode, as an installed package runs")
    parser.add_argument("--patterns", type=int, default=0, metavar="N",
                        help="print the N lines whose patterns cost most to compile in an extract run's start")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        if args.bytecode:
            use_bytecode(folder)
        cached = "cached" if "PYTHONDONTWRITEBYTECODE" not in _ENV else "compiled from source in every run"
        print(f"best of {args.runs} runs (load average {os.getloadavg()[0]:.1f}; bytecode {cached})")
        for name, command in COMMANDS.items():
            wall, cpu = best_of(command, args.runs)
            print(f"{name:28s} {wall:6.3f} s wall  {cpu:6.3f} s CPU")
        if not args.no_run:
            fixed_cost(args.runs)
        if args.patterns:
            pattern_costs(args.patterns)
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
        _ENV["AIDFIGURES_CACHE_DIR"] = os.path.join(tmp, "regex")  # written by the first run of each
        before = best_of(COMMANDS["python (bare interpreter)"], runs)[1]
        for name, command in [*STEPS.items(), ("aidfigures extract, one sentence", whole)]:
            cpu = best_of(command, runs)[1]
            added = "" if name.startswith("import pandas") else f"  +{max(cpu - before, 0):.3f}"
            print(f"  {name:34s} {cpu:6.3f} s CPU{added}")
            before = cpu if not name.startswith("import pandas") else before
        print("the same with the compiled-pattern cache empty in every run (a machine's first run):")
        for name, command in [("+ a first find_figures", STEPS["+ a first find_figures"]),
                              ("aidfigures extract, one sentence", whole)]:
            cpus, warm = [], _WARM[0]
            _WARM[0] = False  # (the bytecode, if cached, was written by the runs above)
            for i in range(runs):
                _ENV["AIDFIGURES_CACHE_DIR"] = os.path.join(tmp, f"empty{name[:1]}{i}")
                cpus.append(best_of(command, 1)[1])
            _WARM[0] = warm
            print(f"  {name:34s} {min(cpus):6.3f} s CPU")
        del _ENV["AIDFIGURES_CACHE_DIR"]


#: What :func:`pattern_costs`'s child runs: every pattern compiled, timed, by the aidfigures line that asks for it.
_PROBE = """
import json, re._compiler as compiler, sys, time, traceback
costs = {}
def timed(pattern, flags=0, _compile=compiler.compile):
    start = time.process_time()
    compiled = _compile(pattern, flags)
    lines = [f"{f.filename.rpartition('aidfigures/')[2]}:{f.lineno}" for f in traceback.extract_stack()[:-1]
             if "/aidfigures/" in f.filename]
    cost = costs.setdefault(lines[-1] if lines else "(not aidfigures)", [0.0, 0, 0])
    cost[0] += time.process_time() - start
    cost[1] += 1
    cost[2] = max(cost[2], len(pattern))
    return compiled
compiler.compile = timed
started = time.process_time()
import aidfigures.extract, aidfigures.corpus, aidfigures.sources, aidfigures.cli.main
from aidfigures.corpus.chunks import warm_up
imported = time.process_time()
warm_up()
json.dump([imported - started, time.process_time() - imported, costs], sys.stdout)
"""


def pattern_costs(top: int) -> None:
    """Print the ``top`` lines of aidfigures whose regular expressions cost most CPU to compile in an
    extract run's start (in a fresh interpreter), with the number of patterns and the longest's length."""
    done = subprocess.run([sys.executable, "-c", _PROBE], check=True, capture_output=True, text=True,
                          env={**_ENV, "AIDFIGURES_CACHE_DIR": ""})
    imports, first, costs = json.loads(done.stdout)
    total = sum(c[0] for c in costs.values())
    print(f"compiling patterns: {total:.3f} s CPU of {imports + first:.3f} s (imports {imports:.3f} s, "
          f"a first find_figures in English and Spanish {first:.3f} s); the costliest lines:")
    for where, (seconds, count, longest) in sorted(costs.items(), key=lambda kv: -kv[1][0])[:top]:
        print(f"  {seconds * 1000:7.1f} ms  {count:3d} patterns (longest {longest:6d} characters)  {where}")


if __name__ == "__main__":
    sys.exit(main())
