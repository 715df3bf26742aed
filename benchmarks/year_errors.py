"""The year model's errors under 5-fold cross-validation by document, by kind, with the candidates' features.

usage: python benchmarks/year_errors.py [--corpus DIR] [--folds 5] [--quiet] [--mode text|dated]

Folds as ``benchmarks/accuracy.py`` makes them (sorted document ids, every k-th). For each fold the
year model is refitted on the other documents (``benchmarks/fit_year.py``'s ``fit``; the recipient and
is_aid models stay the shipped ones, so this isolates the year choice) and each held-out figure aligned
to the gold gets its year chosen as ``choose_year`` does. An error is a figure whose chosen candidate
does not give the gold year; its kind is "chosen scope -> scope of the best right candidate" (``missing``:
no candidate gives the gold year). Prints the counts by kind, then each error (unless ``--quiet``):
document, mode, gold year and note, the figure, its sentence, the chosen and the best right candidate
with their features. Prints a message and exits 0 when the dev corpus is not there.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fit_year  # noqa: E402
from year_data import _SEEN, _TRIPLE, CORPUS, MODES, _groups  # noqa: E402


def _scope(f: dict[str, float]) -> str:
    scope = next((k[6:] for k in f if k.startswith("scope:")), "?")
    kind = next((k[2:] for k in f if k.startswith("t:")), "?")
    return scope if scope in ("none", "published", "dateline") else f"{scope}/{kind}"


def _year(y) -> str:
    if y is None:
        return "none"
    return f"{y.year}" + (f"-{y.year_end}" if y.year_end else "") + f" ({y.kind} {y.text!r})"


def _short(f: dict[str, float], w: dict[str, float]) -> str:
    return " ".join(f"{k}({w.get(k, 0.0):+.1f})" for k in sorted(f, key=lambda k: -abs(w.get(k, 0.0))))


def errors(corpus: Path, k: int = 5, mode: str | None = None) -> tuple[list[dict], dict[str, int]]:
    """The held-out year errors of a k-fold CV by document, and counts (figures, right, triple right)."""
    ids = sorted(p.stem for p in (corpus / "docs").glob("*.txt"))
    folds = [ids[i::k] for i in range(k)]
    out: list[dict] = []
    counts = Counter()
    for held in folds:
        with tempfile.TemporaryDirectory() as tmp:
            path = fit_year.fit([d for d in ids if d not in set(held)], Path(tmp), corpus)
            weights = json.loads(path.read_text(encoding="utf-8"))["weights"]
        for d in held:
            for m in MODES if mode is None else (mode,):
                for group, seen in zip(_groups(corpus, d, m), _SEEN.get((d, m), []), strict=True):
                    feats, labels = group
                    z = np.array([sum(weights.get(n, 0.0) * v for n, v in f.items()) for f in feats])
                    j = fit_year._best(z, fit_year._YEARS[id(group)])
                    counts["figures"] += 1
                    counts["right"] += labels[j]
                    has_iso3, iso3_right, gold = _TRIPLE[id(group)]
                    counts["triple_gold"] += gold
                    counts["triple_pred"] += has_iso3 and j > 0
                    counts["triple_right"] += gold and iso3_right and j > 0 and labels[j]
                    if labels[j]:
                        continue
                    right = [r for r in range(len(feats)) if labels[r]]
                    best = max(right, key=lambda r: z[r]) if right else None
                    text, year, note, sentence, years = seen
                    out.append({"doc": d, "mode": m, "figure": text, "gold": year or "-", "note": note,
                                "sentence": sentence, "kind": f"{_scope(feats[j])} -> "
                                + ("missing" if best is None else _scope(feats[best])),
                                "chosen": (years[j], feats[j]), "right": None if best is None else
                                (years[best], feats[best]), "weights": weights, "recipient_right": iso3_right})
    return out, dict(counts)


def main(argv: list[str] | None = None) -> int:
    """Print the CV year errors by kind, then one by one."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--mode", choices=MODES)
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    if not (args.corpus / "gold.csv").exists():
        print(f"year_errors: no gold at {args.corpus}")
        return 0
    found, c = errors(args.corpus, args.folds, args.mode)
    f1 = 2 * c["triple_right"] / (c["triple_pred"] + c["triple_gold"]) if c["triple_gold"] else 0.0
    print(f"{args.folds}-fold CV by document, year model refitted per fold: {c['right']}/{c['figures']} years right,"
          f" triple F1 (as fit_year estimates it, both modes) {f1:.3f}")
    for kind, n in Counter(e["kind"] for e in found).most_common():
        print(f"{n:4d}  {kind}")
    if args.quiet:
        return 0
    for e in sorted(found, key=lambda e: (e["kind"], e["doc"], e["mode"])):
        w = e["weights"]
        print(f"\n[{e['kind']}] {e['doc']} ({e['mode']}) gold={e['gold']} note={e['note']!r}"
              f" recipient_right={e['recipient_right']}")
        print(f"  figure: {e['figure']!r}\n  sentence: {' '.join(e['sentence'].split())[:400]}")
        y, f = e["chosen"]
        print(f"  chosen {_year(y)}: {_short(f, w)}")
        if e["right"]:
            y, f = e["right"]
            print(f"  right  {_year(y)}: {_short(f, w)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
