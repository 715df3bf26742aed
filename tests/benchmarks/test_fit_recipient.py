"""benchmarks/fit_recipient.py: the conditional logit it fits, on invented candidate groups (needs the fit extra)."""

from __future__ import annotations

import pytest
from script_loader import load_script

pytest.importorskip("scipy")


def _script():
    return load_script("benchmarks/fit_recipient.py")


# (doc_id, candidates' features, index of the right one): "to X" wins over a giver, none when nothing fits
GROUPS = [
    (f"d{k}", [{"pre_to": 1.0}, {"giver": 1.0}, {"none": 1.0}], 0) for k in range(6)
] + [
    (f"e{k}", [{"giver": 1.0}, {"none": 1.0}], 1) for k in range(6)
] + [
    (f"f{k}", [{"giver": 1.0, "pre_to": 1.0}, {"none": 1.0}], 0) for k in range(2)
]


def test_the_fitted_weights_prefer_what_the_gold_prefers() -> None:
    fit = _script()
    names = ["giver", "none", "pre_to"]
    w = dict(zip(names, fit._fit_weights(GROUPS, names, c=10.0), strict=True))
    assert w["pre_to"] > w["none"] > w["giver"]
    accuracy, loglik = fit._accuracy(GROUPS, names, fit._fit_weights(GROUPS, names, c=10.0))
    assert accuracy == 1.0 and loglik < 0


def test_a_stronger_penalty_shrinks_the_weights() -> None:
    fit = _script()
    names = ["giver", "none", "pre_to"]
    loose, tight = fit._fit_weights(GROUPS, names, c=100.0), fit._fit_weights(GROUPS, names, c=0.01)
    assert abs(tight).sum() < abs(loose).sum()


def test_folds_are_by_document_and_cover_every_document() -> None:
    fit = _script()
    docs = [f"doc{i}" for i in range(12)]
    folds = fit.folds(docs, 5)
    assert sorted(d for f in folds for d in f) == sorted(docs)
    assert len(folds) == 5 and all(folds)


def test_the_penalty_is_chosen_from_the_grid_by_cross_validation() -> None:
    fit = _script()
    c, scores, right = fit.choose_c(GROUPS, ["giver", "none", "pre_to"])
    assert c in fit.GRID and set(scores) == set(fit.GRID) == set(right)
    assert all(0 <= n <= len(GROUPS) for n in right.values())  # held-out mentions chosen right, by penalty


def test_only_a_single_country_code_is_one_country() -> None:
    fit = _script()
    assert fit._one_country(frozenset({"PER"}))
    assert not fit._one_country(frozenset({"NIC", "CRI"})) and not fit._one_country(frozenset({"ANDEAN"}))
    assert not fit._one_country(frozenset())


# a region the gold names but no candidate does: every candidate that is not one country is right
SET_GROUPS = [
    (f"r{k}", [{"one": 1.0}, {"region": 1.0}, {"none": 1.0}], (1, 2)) for k in range(6)
] + [
    (f"s{k}", [{"one": 1.0}, {"none": 1.0}], 0) for k in range(3)
]


def test_a_set_of_right_candidates_is_fitted_as_one() -> None:
    fit = _script()
    names = ["none", "one", "region"]
    w = dict(zip(names, fit._fit_weights(SET_GROUPS, names, c=10.0), strict=True))
    assert w["region"] > w["one"] > w["none"]  # the region takes the set groups, one beats none elsewhere
    accuracy, loglik = fit._accuracy(SET_GROUPS, names, fit._fit_weights(SET_GROUPS, names, c=10.0))
    assert accuracy == 1.0 and loglik < 0
