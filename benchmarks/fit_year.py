"""Fit the year model (parse/models/year.json) to the dev corpus gold, and report its cross-validated score.

usage: python benchmarks/fit_year.py [--corpus DIR] [--out FILE] [--cv] [--model rule|logit|logit+rule]

The figures of each document are extracted twice, as ``devscore`` scores them: text only (no
publication date; the gold's years that only a publication date gives are blanked) and with the
manifest's publication dates. Each extracted figure is aligned to a gold mention as
``../shared/tools/score.py`` does (same document and currency, amount within 0.5%); its year
candidates (``aidfigures.parse.year_choice.year_candidates``) are labelled right when they give
the gold year (``None`` when the gold has none). The weights of a conditional logit (softmax over
each figure's candidates, likelihood of the right ones) are fitted with an L2 penalty whose
strength is chosen by 5-fold cross-validation by document. ``--cv`` also reports triple F1 of
5-fold cross-validation by document with held-out weights (both scoring modes). ``--corrections PATH``
(a corrections file, docs/schema.md) adds its lines on the corpus's documents (matched by sha256, as
``fit_recipient.py``/``fit_aid.py`` match theirs): a ``year`` correction labels the candidates that
give its year right (an empty one: "no year"), a confirmation those that give the year the shipped
extractor gives; they win over the gold for the figures they name and add the figures it does not pair.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from aidfigures.parse.choice import models_from

sys.path.insert(0, str(Path(__file__).resolve().parent))  # fitting.py, year_data.py beside this script
from fitting import Fixes, corrections_for  # noqa: E402
from year_data import (  # noqa: E402
    _TRIPLE,
    _WEIGHT,
    _YEARS,
    CORPUS,
    MODES,
    ROOT,
    SHARED,
    _all,
    _example_groups,
    _extract,
    _folds,
    _gold,
    _seed_groups,
)

OUT = ROOT / "src" / "aidfigures" / "parse" / "models" / "year.json"
STRENGTHS = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
#: how many different 5-fold splits the choice of strength and offsets pools (one split is noisy)
REPEATS = 3
#: what one stated figure (seed, invented example) got right is worth in triple F1 when choosing offsets
STATED = 0.002
OFFSETS = (-3.0, -2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0)
#: features left out of the L2 penalty: the hand rules' pick, so that the fit starts from the rules
#: and the other features only correct them where the data say so
UNPENALIZED = ("rule", "rule:none")
#: the hand rules' pick as a feature: used by the "logit+rule" model only (see SHIP)
RULE_FEATURES = frozenset(UNPENALIZED)
#: features the design matrix leaves out (set by ``fit`` for the model asked for)
_LEFT_OUT: set[str] = set()


def _design(groups, vocab: dict[str, int] | None = None):
    if vocab is None:
        vocab = {}
        for feats, _ in groups:
            for f in feats:
                for k in f:
                    if k not in _LEFT_OUT:
                        vocab.setdefault(k, len(vocab))
    rows = [f for feats, _ in groups for f in feats]
    X = np.zeros((len(rows), len(vocab)))
    for r, f in enumerate(rows):
        for k, v in f.items():
            if k in vocab:
                X[r, vocab[k]] = v
    starts = np.cumsum([0] + [len(feats) for feats, _ in groups])[:-1]
    pos = np.array([lab for _, labels in groups for lab in labels], dtype=bool)
    return X, starts, pos, vocab


def _train(groups, strength: float) -> dict[str, float]:
    """Conditional-logit weights: maximise the probability of the right candidates, L2 penalty 1/strength."""
    groups = [g for g in groups if any(g[1])]
    if not groups:
        return {}
    X, starts, pos, vocab = _design(groups)
    sizes = np.diff(np.append(starts, len(X)))
    seg = np.repeat(np.arange(len(starts)), sizes)
    weight = np.array([_WEIGHT.get(id(g), 1.0) for g in groups])
    penalty = np.array([0.0 if k in UNPENALIZED else 1.0 for k in vocab]) / strength

    def loss(w):
        z = X @ w
        zmax = np.maximum.reduceat(z, starts)[seg]
        e = np.exp(z - zmax)
        tot = np.add.reduceat(e, starts)
        ep = np.where(pos, e, 0.0)
        tp = np.add.reduceat(ep, starts)
        value = np.sum(weight * (np.log(tot) - np.log(tp))) + 0.5 * w @ (penalty * w)
        grad = X.T @ (weight[seg] * (e / tot[seg] - ep / tp[seg])) + penalty * w
        return value, grad

    w = minimize(loss, np.zeros(len(vocab)), jac=True, method="L-BFGS-B").x
    return {k: round(float(w[i]), 4) for k, i in vocab.items() if abs(w[i]) >= 1e-4}


def _best(z: np.ndarray, keys: list) -> int:
    """The candidate chosen as choose_year does: of the year with the most probability summed over
    the candidates that give it, the most probable one."""
    p = np.exp(z - z.max())
    total: dict = {}
    for k, q in zip(keys, p, strict=True):
        total[k] = total.get(k, 0.0) + q
    top = max(total, key=lambda k: total[k])
    return max((j for j, k in enumerate(keys) if k == top), key=lambda j: z[j])


def _accuracy(groups, weights: dict[str, float]) -> int:
    return sum(labels[_best(z, keys)] for z, labels, _, _, keys in _scored(groups, weights))


def _scored(groups, weights: dict[str, float]) -> list[tuple]:
    """Each figure's candidate logits, labels, how its document is dated, its triple facts and the
    year each candidate gives."""
    out = []
    for group in groups:
        feats, labels = group
        dated = next((k[len("none&dated:"):] for k in feats[0] if k.startswith("none&dated:")), "no")
        out.append((np.array([sum(weights.get(k, 0.0) * v for k, v in f.items()) for f in feats]), labels, dated,
                    _TRIPLE[id(group)], _YEARS[id(group)]))
    return out


def _counts(scored, offsets: dict[str, float]) -> tuple[np.ndarray, int]:
    """(right, predicted, gold) triple counts as score.py counts them, and the right years, when the
    "no year" candidate (always the first) gets ``offsets[dated]`` added."""
    out, right = np.zeros(3), 0
    for z, labels, dated, (has_iso3, iso3_right, gold), keys in scored:
        z = z.copy()
        z[0] += offsets.get(dated, 0.0)
        j = _best(z, keys)
        out += (gold and iso3_right and j > 0 and labels[j], has_iso3 and j > 0, gold)
        right += labels[j]
    return out, right


def _f1(counts: np.ndarray) -> float:
    tp, pred, gold = counts
    return 2 * tp / (pred + gold) if pred + gold else 0.0


def _offsets(scored, stated=()) -> tuple[tuple[float, int], dict[str, float]]:
    """Offsets of "no year" by how the document is dated, for the best triple F1 (coordinate search),
    each of the ``stated`` figures (seed, invented examples) it gets right counting ``STATED``."""
    offsets = {"no": 0.0, "text": 0.0, "manifest": 0.0}

    def value(o):
        counts, right = _counts(scored, o)
        return round(_f1(counts) + STATED * (_counts(stated, o)[1] if stated else 0), 4), right

    for _ in range(2):
        for key in offsets:
            offsets[key] = max(OFFSETS, key=lambda d: (value({**offsets, key: d}), -abs(d)))
    return value(offsets), offsets


def _with_offsets(weights: dict[str, float], offsets: dict[str, float]) -> dict[str, float]:
    out = dict(weights)
    for dated, delta in offsets.items():
        out[f"none&dated:{dated}"] = round(out.get(f"none&dated:{dated}", 0.0) + delta, 4)
    return out


def _strength(corpus: Path, doc_ids: list[str], fixes: Fixes | None = None) -> tuple[float, dict[str, float]]:
    """The L2 strength and the offsets of "no year" with the best pooled triple F1 (ties: the most
    right years) over 5-fold cross-validations by document with REPEATS different splits, each of
    the stated figures (seed, invented examples) kept right counting ``STATED``. ``fixes`` (a corrections
    file's) label the training folds' figures they name; the held-out folds are scored against the gold."""
    best: tuple = ((-1.0, -1), STRENGTHS[0], {})
    stated_groups = _seed_groups() + _example_groups()
    for c in STRENGTHS:
        scored, stated = [], []
        for seed in range(REPEATS):
            for fold in _folds(doc_ids, seed=seed):
                weights = _train(_all(corpus, [d for d in doc_ids if d not in fold], True, fixes), c)
                scored += _scored(_all(corpus, fold), weights)
                stated += _scored(stated_groups, weights)
        value, offsets = _offsets(scored, stated)
        if value > best[0]:
            best = (value, c, offsets)
    return best[1], best[2]


#: the weights that reproduce the hand rules (parse/year_rule.py): their pick outweighs every other candidate
RULE_WEIGHTS = {"rule": 20.0, "rule:none": 20.0}
#: what ``fit`` ships: "rule" (the hand rules) or "logit" (the conditional logit fitted here). Nested 5-fold CV
#: by document (strength and offsets refit inside each fold; triple F1 as _counts estimates it, both modes):
#: rules 0.757 (489/614 right years), logit with the rules' pick as a feature 0.710 (446), the same with that
#: feature unpenalized 0.725 (464); before the rule fixes: rules 0.713, logit without the rules' pick 0.651.
#: Shipped: "logit" (without the rules' pick). On the invented held-out corpus (tests/data/heldout, never
#: fitted to) the rules fixed while reading the dev errors generalize worse than the logit: triple F1 text
#: only / with dates 0.743 / 0.718 (rules), 0.772 / 0.727 (logit+rule), 0.812 / 0.750 (logit), 2026-12-01.
#: The dev nested CV above cannot see this: the rules were written looking at every dev document.
#: With the paragraph-before, section-heading, status-date candidates and features (s3-years): accuracy.py's CV
#: triple 0.726 / 0.777 -> 0.730 / 0.780 (benchmarks/year_errors.py: 439 -> 439 right years, its triple estimate
#: 0.681 -> 0.688); the clause cues weighed on "none" and the dates only (fewer weights) scored 0.729 / 0.759: not kept.
#: With "that year"/"ese año", paragraph-opening "En el mismo año" counted from the paragraphs before and "de X y Y"
#: read as two years, not a span (s5-year): accuracy.py's CV triple 0.734 / 0.791 -> 0.743 / 0.793 (year_errors.py:
#: 439 -> 442 right years); a further "scope:own_year" feature on the candidates from further back (the figure's
#: sentence writes a year too) scored 0.737 / 0.791, and four invented "that year"/"ese año" sentences added to
#: year_examples.csv left it at 0.743 / 0.793: neither kept.
#: With an end year ("through 2027") no sentence's only year, the lead of the paragraph before as a candidate and
#: short several-sentence paragraphs as headings (s6-ayear): accuracy.py's CV triple 0.763 / 0.785 -> 0.769 / 0.813
#: (year_errors.py: 439 -> 441 right years, estimate 0.702 -> 0.731); invented held-out 0.855 / 0.807 -> 0.854 / 0.814.
#: Not kept: a "behind_nearer" feature on the candidates from further back when a nearer year is written, with
#: "date&fiscal_near" on dates among fiscal years: 0.777 / 0.795 (held-out 0.844 / 0.805); the dates' feature alone:
#: 0.772 / 0.811 (held-out 0.851 / 0.809).
SHIP = "logit"


def fit(doc_ids: list[str], out_dir: Path, corpus: Path = CORPUS, model: str | None = None,
        corrections: Path | None = None) -> Path:
    """Fit the year model on the figures of ``doc_ids`` and write ``out_dir/year.json`` (``model``:
    "rule" or "logit", by default ``SHIP``). With a ``corrections`` file, its ``year`` corrections and
    confirmations on those documents are training examples too (``year_data._groups``); the hand rule,
    ``model="rule"``, is fitted to nothing."""
    fixes = corrections_for(corpus, doc_ids, corrections)
    out = Path(out_dir) / "year.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    if (model or SHIP) == "rule":
        fitted = ("the hand rules of parse/year_rule.py"
                  " (benchmarks/fit_year.py: they beat the fitted logit by nested CV)")
        out.write_text(json.dumps({"fitted": fitted, "bias": 0.0, "weights": RULE_WEIGHTS}, indent=1) + "\n",
                       encoding="utf-8")
        return out
    _LEFT_OUT.clear()
    if (model or SHIP) == "logit":
        _LEFT_OUT.update(RULE_FEATURES)
    strength, offsets = _strength(corpus, doc_ids, fixes)
    weights = _with_offsets(_train(_all(corpus, doc_ids, True, fixes), strength), offsets)
    fitted = (f"benchmarks/fit_year.py on {len(doc_ids)} dev documents, both scoring modes, L2 strength {strength},"
              f" 'no year' offsets {offsets} (for triple F1)"
              + (f", with the corrections of {Path(corrections).name}" if corrections and fixes else ""))
    out.write_text(json.dumps({"fitted": fitted, "bias": 0.0, "weights": dict(sorted(weights.items()))},
                              indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def cross_validate(corpus: Path = CORPUS, k: int = 5, model: str | None = None) -> dict[str, dict]:
    """Triple scores of a k-fold cross-validation by document: each fold scored with weights fitted on the others."""
    doc_ids = sorted(p.stem for p in (corpus / "docs").glob("*.txt"))
    rows: dict[str, list[dict]] = {m: [] for m in MODES}
    for fold in _folds(doc_ids, k):
        with tempfile.TemporaryDirectory() as tmp:
            fit([d for d in doc_ids if d not in fold], Path(tmp), corpus, model)
            with models_from(tmp):
                for m in MODES:
                    rows[m] += [r for d in fold for r in _extract(corpus, d, m)]
    score = _scorer()
    out = {}
    for m in MODES:
        gold = [r for rs in _gold(corpus, m).values() for r in rs]
        res = score.score(gold, [{**r, "year": "" if r["year"] is None else r["year"],
                                  "recipient_iso3": r["recipient_iso3"] or ""} for r in rows[m]])
        out[m] = res["triple"]
    return out


def main(argv: list[str] | None = None) -> int:
    """Fit on every dev document and write the shipped model; with ``--cv`` report cross-validation first."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--cv", action="store_true")
    parser.add_argument("--model", choices=("rule", "logit", "logit+rule"), default=SHIP)
    parser.add_argument("--corrections", type=Path, metavar="PATH",
                        help="a corrections file (docs/schema.md): its year corrections and confirmations on the "
                             "corpus's documents are extra training examples (they win over the gold)")
    args = parser.parse_args(argv)
    if not (args.corpus / "gold.csv").exists():
        print(f"fit_year: no gold at {args.corpus}")
        return 0
    if args.cv:
        for mode, t in cross_validate(args.corpus, model=args.model).items():
            print(f"5-fold CV by document, {mode:<5}: "
                  f"triple P={t['precision']:.3f} R={t['recall']:.3f} F1={t['f1']:.3f}")
    doc_ids = sorted(p.stem for p in (args.corpus / "docs").glob("*.txt"))
    path = fit(doc_ids, args.out.parent, args.corpus, args.model, args.corrections)
    if path != args.out:
        path.replace(args.out)
    groups = _all(args.corpus, doc_ids)
    weights = json.loads(args.out.read_text(encoding="utf-8"))["weights"]
    print(f"fit_year: {len(groups)} figures ({sum(any(g[1]) for g in groups)} with the gold year among the"
          f" candidates), {_accuracy(groups, weights)} right in-sample; wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
