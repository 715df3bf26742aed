"""benchmarks/fit_aid.py: the logistic regression it fits, on invented items, and its examples (needs scipy)."""

from __future__ import annotations

from pathlib import Path

import pytest
from script_loader import load_script

pytest.importorskip("scipy")


def _script():
    return load_script("benchmarks/fit_aid.py")


# (doc_id, features, 1 if aid, weight): an aid word says aid, a damage word not, both: the nearest one
ITEMS = [(f"a{k}", {"aid:clause": 1.0}, 1, 1.0) for k in range(8)] + \
    [(f"d{k}", {"damage:clause": 1.0}, 0, 1.0) for k in range(8)] + \
    [(f"b{k}", {"aid:clause": 1.0, "damage:clause": 1.0, "nearest:damage": 1.0}, 0, 1.0) for k in range(4)]


def test_the_fitted_weights_say_what_the_labels_say() -> None:
    fit = _script()
    names = ["aid:clause", "damage:clause", "nearest:damage"]
    w = dict(zip(names, fit._fit_weights(ITEMS, names, c=10.0), strict=False))
    assert w["aid:clause"] > 0 > w["damage:clause"] and w["nearest:damage"] < 0
    right, loglik = fit._evaluate(ITEMS, names, fit._fit_weights(ITEMS, names, c=10.0))
    assert right == len(ITEMS) and loglik < 0


def test_a_stronger_penalty_shrinks_the_weights_but_not_the_intercept() -> None:
    fit = _script()
    names = ["aid:clause"]
    items = [(f"x{k}", {}, 1, 1.0) for k in range(9)] + [("y", {}, 0, 1.0)]
    tight = fit._fit_weights(items, names, c=0.001)
    assert tight[-1] > 1.5  # the intercept still says "mostly aid"


def test_every_invented_example_has_one_label_per_figure() -> None:
    fit = _script()
    items = fit.examples()
    with open(fit.EXAMPLES, encoding="utf-8") as f:
        labels = sum(len(line.rsplit(",", 1)[1].split(";")) for line in f
                     if line.strip() and not line.startswith(("#", "text,")))
    assert len(items) == labels
    assert {y for _, _, y, _ in items} == {0, 1}


def test_fit_writes_the_model_file(tmp_path: Path) -> None:
    fit = _script()
    if not (fit.CORPUS / "gold.csv").exists():
        pytest.skip("no dev corpus")
    docs = sorted(p.stem for p in (fit.CORPUS / "docs").glob("*.txt"))[:10]
    out = fit.fit(docs, tmp_path)
    assert out.name == "aid.json" and "fit_aid.py" in out.read_text(encoding="utf-8")
