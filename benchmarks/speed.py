"""Measure aidfigures' speed on real-text mixes: find_figures, af.extract and the whole CLI, by stage, against peers.

usage: python benchmarks/speed.py [--mb 1] [--repeat 1] [--max-mb 50] [--peer-kb 64] [--seed 0]
                                  [--mix dev,seed,sparse] [--no-cli] [--no-stages] [--worst]
                                  [--duckling-url URL] [--duckling-python PYTHON]

Three mixes (benchmarks/speed_mixes.py), each of at least ``--mb`` MB of UTF-8:

- ``dev``: the documents of ``../shared/corpus/dev/docs`` (beside the project; the mix is skipped
  without it), replicated with every number varied by a seeded RNG (years stay plausible years);
- ``seed``: the bundled ``data/raw`` documents, replicated the same way;
- ``sparse``: the dev mix (or the seed's) with four paragraphs in five replaced by figure-free prose
  paragraphs of the same corpora, as in a cable dump where most text carries no money;

and the figure-free paragraphs alone (documents of five, then one document), the money-free rate.

For each mix it prints MB/s in CPU seconds (``time.process_time``, one core: the number to compare on
a loaded machine) and wall seconds for ``find_figures`` (records), ``aidfigures.extract`` (a
DataFrame per document) and the whole command (``aidfigures extract DIR -o OUT.csv --workers 1`` in a
subprocess, its CPU from ``resource.getrusage(RUSAGE_CHILDREN)``, start-up included); then the stage
breakdown of find_figures (CPU time of each stage's functions, wrapped); then, for the first mix, the time per MB
of one document of 10 KB, 100 KB, 1 MB, 10 MB and 50 MB (``--max-mb``), which is flat when extraction
is linear. With the ``bench`` extra (``pip install -e '.[bench]'``) quantulum3 is timed on a ``--peer-kb``
sample of each mix, and Duckling on the same sample: in process with pyduckling-native (a Python 3.9
interpreter that has it, ``--duckling-python``, by default ``.venv-duckling`` made by ``make duckling``)
or a local server (``--duckling-url``), with aidfigures' ratio to each.
``--worst`` adds documents that stress the extractor (dense money, bare numbers, table-like lines).
A benchmark script, not a test: it prints numbers.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed_mixes import figure_free_text, mixes, one_document  # noqa: E402
from speed_stages import breakdown, cpu_wall, duckling, duckling_native, quantulum, sample  # noqa: E402

from aidfigures.errors import DocumentWarning  # noqa: E402
from aidfigures.extract import extract, find_figures  # noqa: E402

#: A naive money pattern (a sign or a number, a scale, a currency word): what a plain regex scan costs
#: on this machine, the ceiling the figure-free rate is compared with.
_NAIVE = re.compile(r"(?:US)?\$\s?\d[\d,.]*(?:\s?(?:million|billion))?"
                    r"|\d[\d,.]*\s(?:million|billion)?\s?(?:dollars|euros|pesos)")


def naive_money(text: str) -> list[re.Match[str]]:
    """The naive money pattern's matches in ``text``."""
    return list(_NAIVE.finditer(text))


def megabytes(docs: Sequence[str]) -> float:
    """The UTF-8 size of ``docs`` in MB."""
    return sum(len(d.encode("utf-8")) for d in docs) / 1e6


def rates(fn: Callable[[str], object], docs: Sequence[str], repeat: int) -> tuple[float, float]:
    """(MB/s CPU, MB/s wall) of ``fn`` over ``docs``: the best of ``repeat`` passes."""
    best = min((cpu_wall(fn, docs) for _ in range(repeat)), key=lambda t: t[0])
    mb = megabytes(docs)
    return mb / best[0], mb / best[1]


def cli_rates(docs: Sequence[str]) -> tuple[float, float, int]:
    """(MB/s CPU, MB/s wall, exit status) of ``aidfigures extract --workers 1`` on ``docs`` as a folder."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        for i, text in enumerate(docs):
            (folder / f"doc{i:06d}.txt").write_text(text, encoding="utf-8")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = time.perf_counter()
        status = subprocess.run([sys.executable, "-m", "aidfigures", "extract", str(folder), "-o",
                                 str(Path(tmp) / "figures.csv"), "--workers", "1", "--quiet"]).returncode
        wall = time.perf_counter() - wall
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    mb = megabytes(docs)
    return mb / cpu, mb / wall, status


def scaling(docs: Sequence[str], max_mb: float) -> None:
    """Print find_figures' CPU seconds per MB for one document of 10 KB up to ``max_mb`` MB, and the
    process's peak resident memory after each (sizes rise, so a rise of the peak is that size's)."""
    sizes = [s for s in (10_000, 100_000, 1_000_000, 10_000_000, 50_000_000) if s <= max_mb * 1e6]
    per_mb = []
    for size in sizes:
        text = one_document(list(docs), size)
        mb = len(text.encode("utf-8")) / 1e6
        cpu = time.process_time()
        n = len(find_figures(text))
        seconds = time.process_time() - cpu
        per_mb.append(seconds / mb)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux: the process's high mark
        print(f"  one document of {mb:8.2f} MB: {seconds:7.2f} s CPU, {per_mb[-1]:.3f} s per MB, {n:,} figures, "
              f"peak RSS so far {peak:,.0f} MiB")
    if per_mb:
        ratio = max(per_mb) / min(per_mb)
        print(f"  time per MB, largest / smallest ratio: {ratio:.2f} (flat within 1.5 is the target)")


def peers(docs: Sequence[str], ours: float, size: int, duckling_url: str | None,
          duckling_python: str | None = None) -> None:
    """Print quantulum3's and Duckling's MB/s CPU on a sample of ``docs``, and aidfigures' ratio."""
    chunk = sample(docs, size)
    mb = megabytes(chunk)
    parse = quantulum()
    if parse is None:
        print("  quantulum3: not installed (pip install -e '.[bench]'), skipped")
    else:
        cpu, wall = cpu_wall(parse, chunk)
        print(f"  quantulum3.parser.parse: {mb / cpu:.3f} MB/s CPU, {mb / wall:.3f} wall on {mb * 1000:.0f} KB; "
              f"find_figures is {ours / (mb / cpu):.0f}x faster")
    timer, how = duckling_native(duckling_python)
    if timer is None:
        print(f"  Duckling in process: {how}")
    else:
        cpu, wall, found = timer(chunk)
        ratio = ours / (mb / cpu)
        print(f"  Duckling amount-of-money ({how}): {mb / cpu:.3f} MB/s CPU, {mb / wall:.3f} wall on "
              f"{mb * 1000:.0f} KB, {found:,} amounts; find_figures is "
              f"{f'{ratio:.1f}x faster' if ratio >= 1 else f'{1 / ratio:.1f}x slower'}")
    if duckling_url is None and timer is not None:
        return  # timed in process: a server is timed only when one is given
    call, how = duckling(duckling_url)
    if call is None:
        print(f"  Duckling server: {how}")
    else:  # a server: its CPU is another process's, so the rate is wall time
        _, wall = cpu_wall(call, chunk)
        print(f"  Duckling amount-of-money ({how}): {mb / wall:.3f} MB/s wall; "
              f"find_figures is {ours / (mb / wall):.1f}x faster")


def worst_cases() -> None:
    """Print the time of documents that stress the extractor: dense money, a numeric dump, table-like lines."""
    rng = random.Random(1)
    cells = ["2006", "2007", "2008", "1999", "$5 million", "12,000", "Peru", "($000)"]
    cases = {
        "dense money (1 MB, a figure every 34 characters)": "Peru received $5 million in 2006. " * 30_000,
        "numeric dump (2.2 MB of bare numbers)": "1234567890 " * 200_000,
        "table-like lines (1 MB of years, numbers and amounts)": "\n".join(
            " ".join(rng.choice(cells) for _ in range(8)) for _ in range(20_000)),
    }
    for name, text in cases.items():
        cpu = time.process_time()
        n = len(find_figures(text))
        seconds = time.process_time() - cpu
        print(f"worst case, {name}: {seconds:.2f} s CPU, {len(text) / 1e6 / seconds:.2f} MB/s, {n:,} figures")


def main(argv: Sequence[str] | None = None) -> int:
    """Build the mixes, run the measurements and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="size of each mix in MB (default 1)")
    parser.add_argument("--repeat", type=int, default=1, help="passes per measure, the best kept (default 1)")
    parser.add_argument("--max-mb", type=float, default=50.0, help="largest single document timed (default 50)")
    parser.add_argument("--peer-kb", type=int, default=64, help="sample timed with the peers, in KB (default 64)")
    parser.add_argument("--seed", type=int, default=0, help="RNG seed for the varied numbers")
    parser.add_argument("--mix", default="dev,seed,sparse", help="mixes to run, comma-separated")
    parser.add_argument("--no-cli", action="store_true", help="skip the command-line runs")
    parser.add_argument("--no-stages", action="store_true", help="skip the stage breakdown")
    parser.add_argument("--worst", action="store_true", help="also time the worst cases")
    parser.add_argument("--duckling-url", help="a running Duckling server's /parse URL, to time it")
    parser.add_argument("--duckling-python", help="a Python with pyduckling-native installed, to time Duckling "
                        "in process (default: .venv-duckling/bin/python, made by make duckling)")
    args = parser.parse_args(argv)
    wanted = set(args.mix.split(","))
    warnings.simplefilter("ignore", DocumentWarning)  # figures skipped in varied copies: not what is timed
    extract("Peru received $5 million in 2006.")  # imports and lazy tables outside the timing
    first: list[str] | None = None
    for name, docs in mixes(int(args.mb * 1e6), args.seed):
        if name not in wanted:
            continue
        first = docs if first is None else first
        figures = sum(len(find_figures(t)) for t in docs)
        mb = megabytes(docs)
        print(f"\n## {name} mix: {len(docs):,} documents, {mb:.2f} MB, {figures:,} figures "
              f"({figures / mb / 1000:.1f} per KB)")
        ours, wall = rates(find_figures, docs, args.repeat)
        print(f"  find_figures: {ours:.3f} MB/s CPU, {wall:.3f} wall")
        cpu, wall = rates(extract, docs, args.repeat)
        print(f"  af.extract: {cpu:.3f} MB/s CPU, {wall:.3f} wall ({ours / cpu:.2f}x find_figures' time)")
        if not args.no_cli:
            cpu, wall, status = cli_rates(docs)
            print(f"  aidfigures extract --workers 1: {cpu:.3f} MB/s CPU, {wall:.3f} wall (exit {status})")
        if not args.no_stages:
            total, stages = breakdown(docs)
            print(f"  stages (CPU time of find_figures and the table, {total:.2f} s; a stage includes those it calls):")
            rest = total - sum(seconds for label, seconds in stages if not label.startswith(" "))
            for label, seconds in [*stages, ("the rest (find_figures itself)", rest)]:
                print(f"    {label:<30} {seconds:7.3f} s {100 * seconds / total:5.1f}%")
        peers(docs, ours, args.peer_kb * 1000, args.duckling_url, args.duckling_python)
    free = figure_free_text(int(args.mb * 1e6), args.seed)
    if free:
        print(f"\n## figure-free text: {megabytes(free):.2f} MB, {sum(len(find_figures(t)) for t in free)} figures")
        ceiling, _ = rates(naive_money, free, args.repeat)
        print(f"  the regex ceiling (re.finditer of a naive money pattern): {ceiling:.2f} MB/s CPU")
        cpu, wall = rates(find_figures, free, args.repeat)
        print(f"  find_figures, documents of 5 paragraphs: {cpu:.2f} MB/s CPU, {wall:.2f} wall "
              f"(target 15; {cpu / ceiling:.2f}x the regex ceiling)")
        cpu, wall = rates(find_figures, ["\n\n".join(free)], args.repeat)
        print(f"  find_figures, the same as one document: {cpu:.2f} MB/s CPU, {wall:.2f} wall "
              f"({cpu / ceiling:.2f}x the regex ceiling)")
    if first is not None:
        print("\n## time per MB in one document (the first mix)")
        scaling(first, args.max_mb)
    if args.worst:
        worst_cases()
    return 0


if __name__ == "__main__":
    sys.exit(main())
