"""Measure whole-corpus extraction: throughput with 1 and 2 workers, speed-up, peak memory of the
process tree, and the projected time for a 1.7 GB cable dump.

usage: python benchmarks/scale.py [--mb 500] [--min-docs 100000] [--seed 0] [--workers 1 2]
                                  [--forms files csv jsonl] [--output figures.csv] [--chunk-mb MB]
                                  [--rebuild] [--no-parent-alone]

Builds (once; ``--rebuild`` to redo) a synthetic corpus under ``benchmarks/_work/`` (gitignored) from
the documents in ``data/raw``: documents of varied length cut from them, every number varied with a
seeded RNG (years stay plausible years), ids ``cable000000``..., dates spread over 1975-2024. It is
written twice: as a folder tree of ``.txt`` files (1,000 per folder, each folder with a
``sources.csv`` manifest of dates), as ``cables.csv`` shaped like a cable dump
(``id,date,origin,classification,subject,content``) and as ``cables.jsonl`` (the same fields, a JSON
object a line). Each run is ``aidfigures extract ... --quiet``
in a subprocess, timed, while the resident memory of that process and all its children is
sampled every 0.2 s (psutil; also the proportional set size, which counts shared pages once), with
the CPU seconds of each process: the parent's (reading, writing) and the workers', and how much of
the workers' wall time they were idle (waiting for the parent), which shows what limits the speed-up
on a machine too loaded for wall times to say it. One more run per form (unless ``--no-parent-alone``)
has the helpers extract every chunk, so that the parent's CPU is its own work alone (reading, handing
out chunks, writing, its start-up): printed as parent CPU / total CPU, the limit it sets.
A benchmark script, not a test: it prints numbers.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "benchmarks" / "_work"
DUMP_BYTES = 1.7e9
_NUMBER = re.compile(r"\d+")
_YEAR = re.compile(r"19[5-9]\d|20[0-3]\d")
_ORIGINS = ["Embassy Lima", "Embassy Bogota", "Embassy Mexico", "Embassy Quito", "Embassy La Paz",
            "Secretary of State", "Embassy Caracas", "Embassy Santiago"]
_FIELDS = ("id", "date", "origin", "classification", "subject", "content")
_CLASSES = ["UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "UNCLASSIFIED//FOR OFFICIAL USE ONLY"]


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "data" / "raw").glob("*.txt"))]
    if not texts:
        raise SystemExit("no documents in data/raw")
    return texts


def build(target_bytes: int, min_docs: int, seed: int) -> tuple[int, int]:
    """Write the corpus (folder tree and cables.csv); return (documents, bytes of text)."""
    rng = random.Random(seed)
    paragraphs = [[p for p in t.split("\n\n") if p.strip()] for t in _texts()]

    def vary(match: re.Match[str]) -> str:
        digits = match.group()
        if _YEAR.fullmatch(digits):
            return str(rng.randint(1990, 2025))
        return str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in digits[1:])

    shutil.rmtree(WORK, ignore_errors=True)
    files = WORK / "files"
    files.mkdir(parents=True)
    per_doc = max(target_bytes // min_docs, 1)
    n = size = 0
    with (WORK / "cables.csv").open("w", encoding="utf-8", newline="") as dump, \
            (WORK / "cables.jsonl").open("w", encoding="utf-8") as lines:
        cables = csv.writer(dump)
        cables.writerow(["id", "date", "origin", "classification", "subject", "content"])
        manifest = None
        while size < target_bytes or n < min_docs:
            if n % 1000 == 0:
                folder = files / f"{n // 1000:04d}"
                folder.mkdir()
                if manifest is not None:
                    manifest.close()
                manifest = (folder / "sources.csv").open("w", encoding="utf-8", newline="")
                rows = csv.writer(manifest)
                rows.writerow(["doc_id", "published"])
            source = paragraphs[n % len(paragraphs)]
            want = rng.randint(per_doc // 2, per_doc * 3 // 2)
            start = rng.randrange(len(source))
            parts, length = [], 0
            while length < want:
                parts.append(source[(start + len(parts)) % len(source)])
                length += len(parts[-1]) + 2
            text = _NUMBER.sub(vary, "\n\n".join(parts)) + "\n"
            doc_id = f"cable{n:06d}"
            date = dt.date(1975, 1, 1) + dt.timedelta(days=rng.randrange(50 * 365))
            (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
            rows.writerow([doc_id, date.isoformat()])
            fields = [doc_id, date.isoformat(), rng.choice(_ORIGINS), rng.choice(_CLASSES),
                      parts[0][:60].replace("\n", " "), text]
            cables.writerow(fields)
            lines.write(json.dumps(dict(zip(_FIELDS, fields, strict=True)), ensure_ascii=False) + "\n")
            n += 1
            size += len(text.encode("utf-8"))
        if manifest is not None:
            manifest.close()
    (WORK / "corpus.txt").write_text(f"{n} {size} {seed}\n", encoding="utf-8")
    return n, size


class TreeMemory(threading.Thread):
    """Sample the memory of a process and its children: the sum of their resident sets (RSS, every
    0.2 s; shared pages such as libraries count once per process) and of their proportional set
    sizes (PSS from /proc/PID/smaps_rollup, every second; shared pages divided among the processes
    sharing them, so the sum is the memory the tree really uses)."""

    def __init__(self, pid: int, every: float = 0.2, pss_every: float = 1.0) -> None:
        super().__init__(daemon=True)
        import psutil
        self.root = psutil.Process(pid)
        self.every, self.pss_every = every, pss_every
        self.peak_rss = self.peak_pss = 0
        self.peak_processes = 0
        self.cpu: dict[int, float] = {}  # pid -> CPU seconds (user + system) at its last sample
        self.stop = threading.Event()

    @staticmethod
    def _pss(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def run(self) -> None:
        import psutil
        last_pss = 0.0
        while not self.stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                return
            rss = 0
            for proc in procs:
                try:
                    rss += proc.memory_info().rss
                    times = proc.cpu_times()
                except psutil.Error:
                    continue
                self.cpu[proc.pid] = times.user + times.system
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_processes = max(self.peak_processes, len(procs))
            if time.monotonic() - last_pss >= self.pss_every:
                last_pss = time.monotonic()
                self.peak_pss = max(self.peak_pss, sum(self._pss(p.pid) for p in procs))
            self.stop.wait(self.every)


#: ``aidfigures extract`` with every chunk extracted by helper processes (the parent only reads,
#: hands out and writes): the run that measures the parent's own work.
_PARENT_ALONE = ("import sys; import aidfigures.corpus.runner as runner; runner._PARENT_EXTRACTS = False; "
                 "from aidfigures.cli.main import main; sys.exit(main(sys.argv[1:]))")


def extract(corpus: Path, workers: int, output: str, chunk_mb: float | None = None,
            parent_alone: bool = False) -> dict[str, float]:
    """Run ``aidfigures extract corpus -o output --workers N --quiet``; seconds and peak memory
    (``parent_alone``: N helpers extract, the parent does not)."""
    out = WORK / "out" / output
    shutil.rmtree(out.parent, ignore_errors=True)
    out.parent.mkdir(parents=True)
    start_with = ["-c", _PARENT_ALONE] if parent_alone else ["-m", "aidfigures"]
    command = [sys.executable, *start_with, "extract", str(corpus), "-o", str(out),
               "--workers", str(workers), "--quiet", *(["--chunk-mb", str(chunk_mb)] if chunk_mb else [])]
    start = time.perf_counter()
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    memory = TreeMemory(proc.pid)
    memory.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    memory.stop.set()
    memory.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"extract failed ({proc.returncode}): {err}")
    summary = err.strip().splitlines()[-1] if err.strip() else ""
    parent = memory.cpu.pop(proc.pid, 0.0)
    digest = hashlib.sha256()
    for path in sorted(out.parent.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return {"seconds": seconds, "rss": memory.peak_rss / 2**20, "pss": memory.peak_pss / 2**20,
            "processes": memory.peak_processes, "summary": summary,  # type: ignore[dict-item]
            "parent_cpu": parent, "worker_cpu": sorted((c for c in memory.cpu.values() if c >= 0.05), reverse=True),
            "sha256": digest.hexdigest()}


_FORMS = {"files": "files", "csv": "cables.csv", "jsonl": "cables.jsonl"}


def _cpu_line(result: dict, one_worker_cpu: float | None) -> str:
    """The CPU seconds of the parent (which extracts too) and of its helpers, each process's share of the
    wall time off CPU (waiting for work, or for a core on a loaded machine), and the speed-up the CPU
    split allows on free cores: one worker's CPU over the busiest process's."""
    cpus = [result["parent_cpu"], *result["worker_cpu"]]
    line = f"parent {cpus[0]:.1f} s" + (f", helpers {' + '.join(f'{c:.1f}' for c in cpus[1:])} s" if cpus[1:] else "")
    line += f" (total {sum(cpus):.1f} s); off CPU " + ", ".join(f"{1 - c / result['seconds']:.0%}" for c in cpus)
    if one_worker_cpu is not None and len(cpus) > 1:
        line += f"; speed-up the CPU split allows: {one_worker_cpu / max(cpus):.2f}x"
    return line


def _parent_line(result: dict, one_worker_cpu: float | None) -> str:
    """What the parent's own work (reading, handing out chunks, writing, its start-up) costs, from a
    run whose helpers extract every chunk: its share of the total CPU, the speed-up it would allow
    were it all serial, and the CPU the run costs over one worker's."""
    total = result["parent_cpu"] + sum(result["worker_cpu"])
    line = (f"parent alone: parent CPU / total CPU = {result['parent_cpu']:.1f} / {total:.1f} s = "
            f"{result['parent_cpu'] / total:.1%}, a limit of {total / result['parent_cpu']:.1f}x")
    if one_worker_cpu:
        line += f"; total CPU {total / one_worker_cpu - 1:+.0%} over one worker's"
    return line


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=500.0, help="corpus size in MB of text (default 500)")
    parser.add_argument("--min-docs", type=int, default=100_000, help="at least this many documents")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--forms", nargs="+", choices=list(_FORMS), default=list(_FORMS))
    parser.add_argument("--output", default="figures.csv", help="output name: .csv, .parquet, .duckdb")
    parser.add_argument("--chunk-mb", type=float, help="aidfigures extract --chunk-mb (default: its own)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the corpus even if it exists")
    parser.add_argument("--no-parent-alone", action="store_true",
                        help="skip the run (per form) whose helpers extract everything, which measures the "
                             "parent's own work")
    args = parser.parse_args(argv)

    stamp = WORK / "corpus.txt"
    want = f"{args.seed}"
    stale = not stamp.is_file() or not (WORK / "cables.jsonl").is_file()
    if args.rebuild or stale or stamp.read_text().split()[2:] != [want] or \
            int(stamp.read_text().split()[1]) < args.mb * 1e6 or int(stamp.read_text().split()[0]) < args.min_docs:
        started = time.perf_counter()
        n, size = build(int(args.mb * 1e6), args.min_docs, args.seed)
        print(f"built corpus: {n:,} documents, {size / 1e6:,.1f} MB in {time.perf_counter() - started:.0f} s "
              f"under {WORK.relative_to(REPO)}/")
    n, size = (int(x) for x in stamp.read_text().split()[:2])
    csv_size = (WORK / "cables.csv").stat().st_size
    print(f"corpus: {n:,} documents, {size / 1e6:,.1f} MB of text; cables.csv {csv_size / 1e6:,.1f} MB; "
          f"output {args.output}")

    rates: dict[tuple[str, int], float] = {}
    one_cpu: dict[str, float] = {}
    digests: dict[str, str] = {}  # form -> the output files' hash of its first run
    for form in args.forms:
        corpus = WORK / _FORMS[form]
        for workers in args.workers:
            result = extract(corpus, workers, args.output, args.chunk_mb)
            rate = size / 1e6 / result["seconds"]
            rates[form, workers] = rate
            first = digests.setdefault(form, result["sha256"])
            same = "" if workers == args.workers[0] else \
                f"  output {'identical to' if first == result['sha256'] else 'DIFFERENT from'} the first run's"
            print(f"{form:5} workers={workers}: {result['seconds']:6.1f} s  {rate:5.2f} MB/s  "
                  f"{n / result['seconds']:6.0f} docs/s  peak memory of {result['processes']} processes: "
                  f"RSS {result['rss']:.0f} MiB, PSS {result['pss']:.0f} MiB  [{result['summary']}]{same}")
            if workers == 1:
                one_cpu[form] = result["parent_cpu"] + sum(result["worker_cpu"])
            print(f"      CPU: {_cpu_line(result, one_cpu.get(form))}")
        if not args.no_parent_alone and max(args.workers) > 1:
            result = extract(corpus, max(args.workers), args.output, args.chunk_mb, parent_alone=True)
            same = "identical to" if digests[form] == result["sha256"] else "DIFFERENT from"
            print(f"      {_parent_line(result, one_cpu.get(form))} (output {same} the first run's)")
        if (form, 1) in rates and (form, 2) in rates:
            print(f"{form:5} speed-up with 2 workers: {rates[form, 2] / rates[form, 1]:.2f}x")
    best = max(rates.values())
    form = "csv" if ("csv", max(args.workers)) in rates else args.forms[0]
    rate = rates.get((form, max(args.workers)), best)
    print(f"projected time for a 1.7 GB cable dump at {rate:.2f} MB/s ({form}, {max(args.workers)} workers): "
          f"{DUMP_BYTES / 1e6 / rate / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
