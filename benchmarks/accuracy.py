"""Score extraction on the hand-annotated dev corpus with ../shared/tools/score.py.

usage: python benchmarks/accuracy.py [DOCS] [--gold GOLD.csv] [--scorer score.py] [--keep FIGURES.csv]

Runs the same extraction as ``aidfigures extract DOCS -o FIGURES.csv`` (``extract_files``), then
``python score.py GOLD FIGURES`` and prints its output: every miss and spurious figure, then the
mention and (recipient, year, amount) scores. DOCS defaults to ``../shared/corpus/dev/docs`` and
GOLD to ``gold.csv`` next to DOCS. Exits with a message (status 0) when they are not there.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from aidfigures.corpus import run_extraction
from aidfigures.outputs import write_figures

SHARED = Path(__file__).resolve().parents[2] / "shared"


def main(argv: Sequence[str] | None = None) -> int:
    """Extract, score, print; return the scorer's exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", nargs="?", type=Path, default=SHARED / "corpus" / "dev" / "docs")
    parser.add_argument("--gold", type=Path, help="gold CSV (default: DOCS/../gold.csv)")
    parser.add_argument("--scorer", type=Path, default=SHARED / "tools" / "score.py")
    parser.add_argument("--keep", type=Path, help="also write the figures to this .csv file")
    args = parser.parse_args(argv)
    gold = args.gold or args.docs.parent / "gold.csv"
    missing = [p for p in (args.docs, gold, args.scorer) if not p.exists()]
    if missing:
        print(f"accuracy: skipped, not found: {', '.join(map(str, missing))}")
        return 0

    result = run_extraction([args.docs])
    for failed in result.failures:
        print(f"accuracy: failed: {failed.path}: {failed.error}")
    print(f"accuracy: {len(result.documents)} documents, {len(result.figures)} figures")
    with tempfile.TemporaryDirectory() as tmp:
        figures = write_figures(result.figures, args.keep or Path(tmp) / "figures.csv")
        done = subprocess.run([sys.executable, str(args.scorer), str(gold), str(figures)],
                              capture_output=True, text=True, check=False)
    print(done.stdout, end="")
    print(done.stderr, end="", file=sys.stderr)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
