"""Fit the is_aid decision (``parse/models/aid.json``) to the dev corpus's gold and invented examples.

usage: python benchmarks/fit_aid.py [--corpus DIR] [--out DIR] [--docs DOC_ID ...]

Extracts every dev document, records each text figure's features (``aidfigures.parse.aid.aid_features``),
pairs the figures with the gold the way ``score.py`` pairs mentions (document, currency, amount within
0.5%) and labels each with the gold's ``is_aid``. The invented sentences of
``benchmarks/aid_examples.csv`` (one label per figure; they state the kinds the dev corpus has few of:
own budgets, prices, damage, bribes, trade) are added with weight ``EXAMPLE_WEIGHT``. A logistic
regression (unpenalized intercept) is fitted with an L2 penalty whose strength is chosen by 5-fold
cross-validation by document (most held-out dev figures decided right, then held-out
log-likelihood). Needs scipy (the ``fit`` extra). ``fit(doc_ids, out_dir)`` is the interface
``benchmarks/accuracy.py`` calls.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

import aidfigures.parse.attribution as attribution
from aidfigures.extract import find_figures
from aidfigures.parse.aid import aid_features
from aidfigures.sources import read_manifest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # fitting.py beside this script, also when imported
from fitting import Fixes, corrections_for, fit_main, write_model  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "dev"
MODELS = REPO / "src" / "aidfigures" / "parse" / "models"
EXAMPLES = REPO / "benchmarks" / "aid_examples.csv"
GRID = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
#: an invented example states its kind outright: it counts as this many dev figures
EXAMPLE_WEIGHT = 2.0

Item = tuple[str, dict[str, float], int, float]  # (doc_id, features, 1 if aid, weight)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.005 * max(abs(a), abs(b), 1.0)


def _figures(text: str, doc_id: str, published: dt.date | None) -> list[tuple[object, dict[str, float]]]:
    """The text figures of one document with their features (table cells are decided elsewhere)."""
    recorded: dict[int, dict[str, float]] = {}
    real = attribution.decide_aid

    def record(doc, s, c, start, end, cues=(), currency=None):
        recorded[start] = aid_features(doc, s, c, start, end, cues, currency)
        return real(doc, s, c, start, end, cues, currency)

    attribution.decide_aid = record
    try:
        figures = find_figures(text, doc_id, published)
    finally:
        attribution.decide_aid = real
    return [(f, recorded[f.start]) for f in figures if f.start in recorded]


def collect(doc_ids: Sequence[str], corpus: Path = CORPUS, fixes: Fixes | None = None) -> list[Item]:
    """The dev figures of ``doc_ids`` paired with a gold row, labelled with its ``is_aid``; ``fixes``
    (a corrections file's, :func:`fitting.corrections_for`) label the figures they name instead: an
    ``is_aid`` correction its value, a confirmation the extractor's."""
    with open(corpus / "gold.csv", newline="", encoding="utf-8") as f:
        gold = list(csv.DictReader(f))
    dates = read_manifest(corpus / "sources.csv")
    items: list[Item] = []
    for doc_id in doc_ids:
        text = (corpus / "docs" / f"{doc_id}.txt").read_text(encoding="utf-8")
        rows = [g for g in gold if g["doc_id"] == doc_id]
        used: set[int] = set()
        for fig, feats in _figures(text, doc_id, dates.get(doc_id)):
            pairs = [i for i, g in enumerate(rows) if i not in used and g["currency"].strip().upper() == fig.currency
                     and g["amount"] and _close(float(g["amount"]), fig.amount)]
            fix = (fixes or {}).get(doc_id, {}).get((fig.start, fig.end), {})
            said = fix["is_aid"].value if "is_aid" in fix else ("true" if fig.is_aid else "false") \
                if "confirmed" in fix else None
            if said:  # a correction (empty: unknown, no example)
                used.update(pairs[:1])
                items.append((doc_id, feats, int(said.strip().lower() in ("true", "yes", "1")), 1.0))
            elif pairs:
                used.add(pairs[0])
                items.append((doc_id, feats, int(rows[pairs[0]]["is_aid"].strip().lower() == "true"), 1.0))
    return items


def examples(path: Path = EXAMPLES) -> list[Item]:
    """The invented sentences' figures, labelled as the file says (``aid`` / ``not``, one per figure)."""
    items: list[Item] = []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    for n, row in enumerate(rows):
        labels = row["labels"].split(";")
        figures = _figures(row["text"], f"example{n}", None)
        if len(figures) != len(labels):
            print(f"fit_aid: example {n} has {len(figures)} figures, {len(labels)} labels: {row['text'][:60]}")
            continue
        items += [("", feats, int(lab == "aid"), EXAMPLE_WEIGHT)
                  for (_, feats), lab in zip(figures, labels, strict=True)]
    return items


def _matrix(items: list[Item], names: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    index = {n: k for k, n in enumerate(names)}
    x = np.zeros((len(items), len(names) + 1))
    x[:, -1] = 1.0  # the intercept
    for r, (_, feats, _, _) in enumerate(items):
        for k, v in feats.items():
            if k in index:
                x[r, index[k]] = v
    return x, np.array([y for _, _, y, _ in items], float), np.array([w for _, _, _, w in items])


def _fit_weights(items: list[Item], names: list[str], c: float) -> np.ndarray:
    """Maximise sum weight * log p(label) - |w|^2 / (2 c), the intercept (last) not penalized."""
    from scipy.optimize import minimize

    x, y, weight = _matrix(items, names)
    mask = np.ones(x.shape[1])
    mask[-1] = 0.0

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        nll = weight @ (np.logaddexp(0.0, z) - y * z)
        p = 1.0 / (1.0 + np.exp(-z))
        return nll + (mask * w) @ w / (2 * c), x.T @ (weight * (p - y)) + mask * w / c

    return minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B").x


def _evaluate(items: list[Item], names: list[str], w: np.ndarray) -> tuple[int, float]:
    """Right decisions and log-likelihood of ``items`` under ``w``."""
    x, y, _ = _matrix(items, names)
    z = x @ w
    return int(((z >= 0) == (y == 1)).sum()), float(-(np.logaddexp(0.0, z) - y * z).sum())


def folds(doc_ids: Sequence[str], k: int = 5) -> list[list[str]]:
    """``doc_ids`` dealt into ``k`` folds (sorted first: the same folds on every run)."""
    ids = sorted(doc_ids)
    return [ids[i::k] for i in range(k)]


def cross_validate(items: list[Item], names: list[str]) -> dict[float, tuple[float, int]]:
    """Per penalty: held-out log-likelihood and right decisions of the dev figures, 5 folds by document."""
    dev = [it for it in items if it[0]]
    docs = sorted({it[0] for it in dev})
    out: dict[float, tuple[float, int]] = {}
    for c in GRID:
        loglik, right = 0.0, 0
        for held in folds(docs):
            out_docs = set(held)
            w = _fit_weights([it for it in items if it[0] not in out_docs], names, c)
            r, ll = _evaluate([it for it in dev if it[0] in out_docs], names, w)
            loglik, right = loglik + ll, right + r
        out[c] = (loglik, right)
    return out


def fit(doc_ids: Sequence[str], out_dir: str | Path, corpus: Path = CORPUS, verbose: bool = False,
        corrections: Path | None = None) -> Path:
    """Fit the aid model on ``doc_ids`` of ``corpus`` (and the examples) and write ``out_dir/aid.json``; with
    a ``corrections`` file, its lines on those documents are training examples too."""
    dev = collect(doc_ids, corpus, corrections_for(corpus, doc_ids, corrections))
    invented = examples()
    items = dev + invented
    names = sorted({k for _, f, _, _ in items for k in f})
    scores = cross_validate(items, names)
    c = max(scores, key=lambda k: (scores[k][1], scores[k][0]))  # the most right held out; then likelihood
    w = _fit_weights(items, names, c)
    if verbose:
        right, _ = _evaluate(dev, names, w)
        print(f"fit_aid: {len(dev)} dev figures ({sum(1 - y for _, _, y, _ in dev)} not aid), "
              f"{len(invented)} invented, {len(names)} features; C by CV: {c}; CV right by C: "
              + ", ".join(f"{k}: {r}/{len(dev)} ({ll:.1f})" for k, (ll, r) in scores.items())
              + f"; training right {right}/{len(dev)}")
    model = {
        "fitted": (f"logistic regression, L2 with C={c} chosen by 5-fold CV by document; {len(dev)} figures of "
                   f"{len(set(doc_ids))} dev-corpus documents paired with gold.csv and {len(invented)} of "
                   f"benchmarks/aid_examples.csv; {dt.date.today().isoformat()}; benchmarks/fit_aid.py"),
        "bias": round(float(w[-1]), 4),
        "weights": {n: round(float(v), 4) for n, v in zip(names, w[:-1], strict=True) if abs(v) >= 1e-4},
    }
    return write_model(model, out_dir, "aid")


def main(argv: Sequence[str] | None = None) -> int:
    """Fit on the whole dev corpus (or --docs) and write the model."""
    return fit_main("fit_aid", __doc__ or "", fit, CORPUS, MODELS, argv)


if __name__ == "__main__":
    sys.exit(main())
