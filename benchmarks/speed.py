"""Measure aidfigures.extract speed and memory on a synthetic corpus built from data/raw.

usage: python benchmarks/speed.py [--mb 20] [--seed 0] [--no-trace] [--quantulum-kb 256]
       python benchmarks/speed.py --dev [--repeat 5] [--linear]

The corpus repeats the bundled documents with every number replaced using a seeded RNG (years
stay plausible years), so it is not one string repeated. Extraction runs document by document in
one process: first timed, then again under tracemalloc for the peak of traced allocations. When
quantulum3 is importable (``pip install -e '.[bench]'``) it is timed on a small sample and its
rate extrapolated, for comparison. A benchmark script, not a test: it prints numbers.

``--dev`` instead times ``find_figures`` and ``aidfigures.extract`` on the dev corpus
(``../shared/corpus/dev/docs``, beside the project) in CPU seconds of this process, best of three
runs of ``--repeat`` passes, the way the project's speed rule is stated (MB/s CPU, one core);
``--linear`` adds two long documents (1 MB and 5 MB, dev texts with their numbers varied, joined
by blank lines) whose rate must be about the same if extraction is linear in document length.
Without the dev corpus it says so and exits 0.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import time
import tracemalloc
import warnings
from collections.abc import Sequence
from pathlib import Path

from aidfigures.extract import extract, figures_frame, find_figures
from aidfigures.sources import iter_documents

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "corpus" / "dev" / "docs"
_NUMBER = re.compile(r"\d+")
_YEAR = re.compile(r"19[5-9]\d|20[0-3]\d")


def build_corpus(target_bytes: int, seed: int, sources: Path = REPO / "data" / "raw") -> list[str]:
    """Return varied copies of the documents in ``sources``, at least ``target_bytes`` of UTF-8."""
    texts = [d.text for d in iter_documents(sources) if not d.error]
    texts = [t for t in texts if t]
    if not texts:
        raise SystemExit(f"no documents in {sources}")
    rng = random.Random(seed)

    def vary(match: re.Match[str]) -> str:
        digits = match.group()
        if _YEAR.fullmatch(digits):
            return str(rng.randint(1990, 2025))
        first = "0" if digits == "0" else str(rng.randint(1, 9))
        return first + "".join(rng.choice("0123456789") for _ in digits[1:])

    docs: list[str] = []
    size = 0
    while size < target_bytes:
        for text in texts:
            docs.append(_NUMBER.sub(vary, text))
            size += len(docs[-1].encode("utf-8"))
    return docs


def run(docs: Sequence[str]) -> tuple[float, int]:
    """Extract every document as a corpus run does (records per document, one table at the end);
    return (seconds, figures found)."""
    start = time.perf_counter()
    records = [f for i, text in enumerate(docs) for f in find_figures(text, doc_id=f"doc{i:06d}")]
    figures = figures_frame(records)
    return time.perf_counter() - start, len(figures)


def run_per_document_frames(docs: Sequence[str]) -> float:
    """Seconds to call ``extract`` (one DataFrame per document) on every document."""
    start = time.perf_counter()
    for i, text in enumerate(docs):
        extract(text, doc_id=f"doc{i:06d}")
    return time.perf_counter() - start


def worst_cases() -> list[tuple[str, int, float, int]]:
    """Time documents that stress the extractor: dense money, a numeric dump, table-like lines.

    A linear extractor spends about as long per MB on these as on prose; a quadratic step
    (comparing every figure with every other) shows up here first.
    """
    rng = random.Random(1)
    cells = ["2006", "2007", "2008", "1999", "$5 million", "12,000", "Peru", "($000)"]
    cases = {
        "dense money (1 MB, a figure every 34 characters)": "Peru received $5 million in 2006. " * 30_000,
        "numeric dump (2.2 MB of bare numbers)": "1234567890 " * 200_000,
        "table-like lines (1 MB of years, numbers and amounts)": "\n".join(
            " ".join(rng.choice(cells) for _ in range(8)) for _ in range(20_000)),
    }
    out = []
    for name, text in cases.items():
        start = time.perf_counter()
        n = len(find_figures(text))
        out.append((name, len(text.encode("utf-8")), time.perf_counter() - start, n))
    return out


def time_quantulum(docs: Sequence[str], sample_bytes: int) -> float | None:
    """Return quantulum3's rate in MB/s on the first ``sample_bytes`` of the corpus, or None."""
    try:
        with warnings.catch_warnings():  # it warns about its optional classifier
            warnings.simplefilter("ignore")
            from quantulum3 import parser
    except ImportError:
        return None
    sample, size = [], 0
    for text in docs:
        if size >= sample_bytes:
            break
        sample.append(text)
        size += len(text.encode("utf-8"))
    parser.parse(sample[0][:2000])  # load its models outside the timing
    start = time.perf_counter()
    for text in sample:
        parser.parse(text)
    return size / 1e6 / (time.perf_counter() - start)


def _cpu_rate(fn, docs: Sequence[str], repeat: int) -> float:
    """MB/s of CPU time (best of three runs of ``repeat`` passes) for ``fn`` over ``docs``."""
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for _ in range(repeat):
            for i, text in enumerate(docs):
                fn(text, doc_id=f"d{i}")
        best = min(best, time.process_time() - start)
    return repeat * mb / best


def dev_speed(repeat: int, linear: bool, folder: Path = DEV) -> int:
    """Print find_figures and extract MB/s CPU on the dev corpus (and on 1 MB / 5 MB documents)."""
    paths = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not paths:
        print(f"dev corpus not found at {folder}: skipped")
        return 0
    docs = [p.read_text(encoding="utf-8") for p in paths]
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    extract(docs[0][:500])  # imports and lazy lookups outside the timing
    print(f"dev corpus: {len(docs)} documents, {mb:.3f} MB, best of 3 x {repeat} passes")
    for fn in (find_figures, extract):
        print(f"{fn.__name__}: {_cpu_rate(fn, docs, repeat):.3f} MB/s CPU")
    if linear:
        rng = random.Random(0)
        for size in (1_000_000, 5_000_000):
            parts, n = [], 0
            while n < size:
                text = _NUMBER.sub(lambda m: str(rng.randint(1, 10 ** len(m.group()) - 1))
                                   if not _YEAR.fullmatch(m.group()) else str(rng.randint(1990, 2025)),
                                   docs[rng.randrange(len(docs))])
                parts.append(text)
                n += len(text.encode("utf-8"))
            big = "\n\n".join(parts)
            start = time.process_time()
            found = len(find_figures(big))
            seconds = time.process_time() - start
            print(f"one {len(big.encode('utf-8')) / 1e6:.1f} MB document: {seconds:.2f} s CPU, "
                  f"{len(big.encode('utf-8')) / 1e6 / seconds:.3f} MB/s, {found:,} figures")
    return 0


def _max_rss_mib() -> float:
    """Peak resident set size of this process in MiB (ru_maxrss is KB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else rss / 2**10


def main(argv: Sequence[str] | None = None) -> int:
    """Build the corpus, run the measurements and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (default 20)")
    parser.add_argument("--seed", type=int, default=0, help="RNG seed for the number substitution")
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc pass")
    parser.add_argument("--quantulum-kb", type=int, default=256, help="quantulum3 sample size in KB")
    parser.add_argument("--dev", action="store_true", help="time find_figures and extract on the dev corpus")
    parser.add_argument("--repeat", type=int, default=5, help="passes over the dev corpus per run (--dev)")
    parser.add_argument("--linear", action="store_true", help="with --dev: also time 1 MB and 5 MB documents")
    args = parser.parse_args(argv)
    if args.dev:
        return dev_speed(args.repeat, args.linear)

    docs = build_corpus(int(args.mb * 1e6), args.seed)
    total = sum(len(d.encode("utf-8")) for d in docs)
    print(f"corpus: {len(docs):,} documents, {total / 1e6:.1f} MB (seed {args.seed})")
    extract(docs[0][:500])  # imports and lazy lookups outside the timing

    seconds, n_figures = run(docs)
    rate = total / 1e6 / seconds
    print(f"aidfigures (find_figures per document, one table): {seconds:.1f} s, {rate:.2f} MB/s, "
          f"{n_figures:,} figures ({n_figures / (total / 1e6):.0f} per MB), "
          f"{seconds / len(docs) * 1000:.2f} ms/document")
    per_doc = run_per_document_frames(docs)
    print(f"aidfigures.extract (a DataFrame per document): {per_doc:.1f} s, {total / 1e6 / per_doc:.2f} MB/s")

    traced = "n/a"
    if not args.no_trace:
        tracemalloc.start()
        run(docs)
        traced = f"{tracemalloc.get_traced_memory()[1] / 2**20:.1f} MiB"
        tracemalloc.stop()
    print(f"peak memory: tracemalloc {traced} (extraction pass), max RSS {_max_rss_mib():.1f} MiB "
          "(whole process, corpus held in memory, before quantulum3 is loaded)")

    for name, size, seconds, n in worst_cases():
        print(f"worst case, {name}: {seconds:.2f} s, {size / 1e6 / seconds:.2f} MB/s, {n:,} figures")

    q_rate = time_quantulum(docs, args.quantulum_kb * 1000)
    if q_rate is None:
        print("quantulum3: not installed (pip install -e '.[bench]'), skipped")
    else:
        print(f"quantulum3.parser.parse: {q_rate:.3f} MB/s on a {args.quantulum_kb} KB sample; "
              f"aidfigures is {rate / q_rate:.0f}x faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
