"""Choose among candidates with a linear model fitted to the gold: weights in ``parse/models/*.json``."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Generic, TypeVar

__all__ = ["Choice", "Model", "choose", "read_model"]

T = TypeVar("T")


@dataclass(frozen=True)
class Model:
    """A conditional logit: each candidate scores ``bias + sum(weight[f] * value)``; softmax over them.

    ``name`` is the file it came from (``parse/models/<name>.json``), ``fitted`` says on what.
    """

    name: str
    weights: Mapping[str, float]
    bias: float = 0.0
    fitted: str = ""

    def score(self, features: Mapping[str, float]) -> float:
        """The candidate's logit; features the model does not know weigh nothing.

        Examples
        --------
        >>> Model("m", {"near": 2.0, "far": -1.0}).score({"near": 1.0, "other": 5.0})
        2.0
        """
        w = self.weights
        return self.bias + sum(w.get(k, 0.0) * v for k, v in features.items())


@dataclass(frozen=True)
class Choice(Generic[T]):
    """The chosen candidate (``None`` when the "no candidate" option wins) and its probability."""

    value: T | None
    probability: float
    #: every candidate with its probability, best first (for review and for the fitting script)
    ranked: tuple[tuple[T | None, float], ...] = ()


def choose(model: Model, candidates: Sequence[tuple[T | None, Mapping[str, float]]]) -> Choice[T]:
    """Pick the candidate with the highest probability under ``model`` (a softmax over the candidates).

    A candidate whose value is ``None`` stands for "none of them"; give it features of its own
    (``{"none": 1.0}``) so the model can learn when nothing fits.

    Examples
    --------
    >>> m = Model("m", {"to": 2.0, "none": 0.5})
    >>> c = choose(m, [("PER", {"to": 1.0}), ("COL", {}), (None, {"none": 1.0})])
    >>> c.value, round(c.probability, 2)
    ('PER', 0.74)
    >>> choose(m, []).value is None
    True
    """
    if not candidates:
        return Choice(None, 1.0, ())
    logits = [model.score(f) for _, f in candidates]
    top = max(logits)
    exps = [math.exp(x - top) for x in logits]
    total = sum(exps)
    ranked = sorted(((v, e / total) for (v, _), e in zip(candidates, exps)), key=lambda t: -t[1])
    return Choice(ranked[0][0], ranked[0][1], tuple(ranked))


@lru_cache(maxsize=None)
def read_model(name: str) -> Model:
    """Read ``parse/models/<name>.json`` (``{"weights": {...}, "bias": b, "fitted": "..."}``)."""
    path = resources.files(__package__).joinpath("models", f"{name}.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return Model(name, dict(data["weights"]), float(data.get("bias", 0.0)), str(data.get("fitted", "")))
