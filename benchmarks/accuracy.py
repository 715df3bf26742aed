"""Accuracy on the dev corpus: devscore's figures, then 5-fold cross-validation by document of every fitted model.

usage: python benchmarks/accuracy.py [--corpus DIR] [--folds 5] [--no-devscore] [--no-cv] [--corrections PATH]

First runs ``../shared/tools/devscore`` (the held-out sets' procedure: text only, then with
publication dates). Then, for each of 5 folds of the dev documents, fits every fitted model on the
other four fifths (``benchmarks/fit_aid.py`` first: the recipient and year features read is_aid;
``benchmarks/fit_recipient.py``, and ``benchmarks/fit_year.py`` when it exists:
each has ``fit(doc_ids, out_dir)``), extracts the held-out fifth with those weights
(``aidfigures.parse.choice.models_from``), and pools the held-out predictions. The pooled
predictions are scored with ``score.py`` text only (documents renamed, no manifest, years only a
publication date gives blanked in the gold) and with dates, overall and by language and kind, and
the held-out ``confidence`` is checked against how often the recipient is right, by band. The
cross-validated score is the expected accuracy on documents the models were not fitted to; a big gap
between it and devscore's means the models fit the dev corpus rather than the language. Prints a
message and exits 0 when ``../shared`` is not there. With ``--corrections PATH`` (a corrections file,
docs/schema.md) the cross-validation runs twice, without and with its lines as extra training
examples of every fitter that takes them (fit_aid: is_aid, fit_recipient: recipient, fit_year: year; a
confirmation teaches all three), only those on each fold's training documents: the held-out fifth is
scored against the gold.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from importlib.machinery import SourceFileLoader
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FITTERS = ("fit_aid", "fit_recipient", "fit_year")


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_loader(name, SourceFileLoader(name, str(path)))
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _extract(folder: Path, out: Path) -> list[dict[str, str]]:
    """What ``aidfigures extract FOLDER -o OUT`` writes, read back as the scorer reads it."""
    from aidfigures.corpus import run_extraction
    from aidfigures.outputs import write_figures

    write_figures(run_extraction([folder]).figures, out)
    return _rows(out)


def _line(name: str, r: dict) -> str:
    m, t = r["mention"], r["triple"]
    return (f"{name:<11} mention P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f}   "
            f"triple P={t['precision']:.3f} R={t['recall']:.3f} F1={t['f1']:.3f}   "
            f"is_aid={r['is_aid_accuracy']:.3f} qualifier={r['qualifier_accuracy']:.3f}")


def cross_validate(corpus: Path, k: int = 5, corrections: Path | None = None) -> dict[str, object]:
    """Fit on k-1 folds, extract the held-out fold, pool and score (text only and with dates); with
    ``corrections``, the fitters that take them learn from its lines on the training folds too."""
    from aidfigures.parse.choice import models_from

    devscore = _load(SHARED / "tools" / "devscore", "devscore")
    score = _load(SHARED / "tools" / "score.py", "score")
    fitters = [_load(REPO / "benchmarks" / f"{n}.py", n) for n in FITTERS if (REPO / "benchmarks" / f"{n}.py").exists()]
    gold = _rows(corpus / "gold.csv")
    sources = _rows(corpus / "sources.csv")
    docs = sorted((corpus / "docs").glob("*.txt"))
    alias = {d.stem: f"doc{i:03d}" for i, d in enumerate(docs)}
    ids = sorted(alias)
    folds = [ids[i::k] for i in range(k)]
    anon_pred: list[dict[str, str]] = []
    dated_pred: list[dict[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, held in enumerate(folds):
            base = Path(tmp, f"fold{n}")
            models = base / "models"
            train = [d for d in ids if d not in set(held)]
            for fitter in fitters:
                fitter.fit(train, models, **_fit_options(fitter, corrections))
            (base / "anon").mkdir(parents=True)
            (base / "dated" / "docs").mkdir(parents=True)
            for d in held:
                shutil.copy(corpus / "docs" / f"{d}.txt", base / "anon" / f"{alias[d]}.txt")
                shutil.copy(corpus / "docs" / f"{d}.txt", base / "dated" / "docs" / f"{d}.txt")
            shutil.copy(corpus / "sources.csv", base / "dated" / "sources.csv")
            with models_from(models):
                anon_pred += _extract(base / "anon", base / "anon.csv")
                dated_pred += _extract(base / "dated" / "docs", base / "dated.csv")
    anon_gold = [dict(r, doc_id=alias[r["doc_id"]]) for r in devscore._text_only(gold)]
    subsets = {}
    for key in ("language", "kind"):
        for value in sorted({s[key] for s in sources}):
            chosen = [alias[s["doc_id"]] for s in sources if s[key] == value]
            r = score.score(anon_gold, anon_pred, chosen)
            subsets[f"{key}={value}"] = (len(chosen), r["mention"]["f1"], r["triple"]["f1"])
    return {"text_only": score.score(anon_gold, anon_pred), "with_dates": score.score(gold, dated_pred),
            "subsets": subsets, "fitted": [f.__name__ for f in fitters], "calibration": calibration(gold, dated_pred),
            "taught": [f.__name__ for f in fitters if _fit_options(f, corrections)]}


def _fit_options(fitter: object, corrections: Path | None) -> dict[str, Path]:
    """``{"corrections": corrections}`` for a fitter whose ``fit`` learns from a corrections file
    (fit_aid, fit_recipient, fit_year), else nothing."""
    import inspect

    takes = corrections is not None and "corrections" in inspect.signature(fitter.fit).parameters  # type: ignore[attr-defined]
    return {"corrections": corrections} if takes and corrections is not None else {}


def calibration(gold: list[dict[str, str]], pred: list[dict[str, str]],
                edges: Sequence[float] = (0.0, 0.5, 0.8, 0.95, 1.0)) -> list[tuple[str, int, float]]:
    """For held-out mentions paired with the gold (document, currency, amount within 0.5%), by band of
    ``confidence``: how many, and the share whose recipient is the gold's (none counts as right where
    the gold names several places or a region, as the scorer counts only single countries)."""
    rows: dict[str, list[dict[str, str]]] = {}
    for g in gold:
        rows.setdefault(g["doc_id"], []).append(g)
    bands = [[0, 0] for _ in edges[1:]]
    used: set[int] = set()
    for p in pred:
        if not p.get("confidence") or not p.get("amount"):
            continue
        amount = float(p["amount"])
        match = next((g for g in rows.get(p["doc_id"], []) if id(g) not in used and g["currency"] == p["currency"]
                      and g["amount"] and abs(float(g["amount"]) - amount) <= 0.005 * max(abs(amount), 1.0)), None)
        if match is None:
            continue
        used.add(id(match))
        want = match["recipient"].strip()
        want = want if len(want) == 3 and want.isalpha() else ""
        k = next(i for i, hi in enumerate(edges[1:]) if float(p["confidence"]) <= hi)
        bands[k][0] += 1
        bands[k][1] += (p.get("recipient_iso3") or "") == want
    return [(f"{lo:.2f}-{hi:.2f}", n, right / n if n else 0.0)
            for (lo, hi), (n, right) in zip(zip(edges, edges[1:], strict=False), bands, strict=True)]


def main(argv: Sequence[str] | None = None) -> int:
    """Print devscore's lines, then the cross-validated ones."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "dev")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-devscore", action="store_true")
    parser.add_argument("--no-cv", action="store_true")
    parser.add_argument("--corrections", type=Path, metavar="PATH",
                        help="also cross-validate with this corrections file's lines as extra training examples")
    args = parser.parse_args(argv)
    print("invented held-out corpus (tests/data/heldout, never fitted to):")
    print(subprocess.run([sys.executable, str(REPO / "benchmarks" / "corpus_score.py")], cwd=REPO,
                         capture_output=True, text=True, check=False).stdout, end="")
    needed = [args.corpus / "gold.csv", SHARED / "tools" / "devscore", SHARED / "tools" / "score.py"]
    if any(not p.exists() for p in needed):
        print(f"accuracy: skipped, not found: {', '.join(str(p) for p in needed if not p.exists())}")
        return 0
    if not args.no_devscore:
        cli = REPO / ".venv" / "bin" / "aidfigures"
        cmd = [sys.executable, str(SHARED / "tools" / "devscore"), "--corpus", str(args.corpus)]
        if cli.exists():
            cmd += ["--cli", str(cli)]
        print("devscore (models fitted on all the dev documents):")
        print(subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=False).stdout, end="")
    if args.no_cv:
        return 0
    runs = [("", None)] + ([(f", with {args.corrections}", args.corrections)] if args.corrections else [])
    for said, corrections in runs:
        cv = cross_validate(args.corpus, args.folds, corrections)
        taught = f" (learnt by {', '.join(cv['taught']) or 'none'})" if corrections else ""
        print(f"{args.folds}-fold cross-validation by document (fitted: {', '.join(cv['fitted']) or 'nothing'}"
              f"{said}{taught}), held-out predictions pooled:")
        print(_line("text only", cv["text_only"]))
        print(_line("with dates", cv["with_dates"]))
        print("text only, by subset: " + "; ".join(
            f"{k} ({n}) {m:.2f}/{t:.2f}" for k, (n, m, t) in cv["subsets"].items()))
        print("held-out confidence vs right recipient: " + "; ".join(
            f"{band}: {n} mentions, {share:.0%} right" for band, n, share in cv["calibration"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
