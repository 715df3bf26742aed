"""Choose among candidates with a linear model fitted to the gold: weights in ``parse/models/*.json``."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from operator import itemgetter
from pathlib import Path
from typing import Generic, TypeVar

__all__ = ["Choice", "Model", "choose", "models_from", "read_model", "read_model_once", "softmax_choice"]

#: a folder of ``<name>.json`` files read instead of the shipped ones (the fitting and
#: cross-validation scripts set it, also for worker processes, which inherit the environment)
MODELS_ENV = "AIDFIGURES_MODELS"

T = TypeVar("T")

_PROBABILITY = itemgetter(1)


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
        get = self.weights.get
        total: float = 0  # summed in the order of the features, as sum() would: the same float
        for k, v in features.items():
            total += get(k, 0.0) * v
        return self.bias + total


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
    score = model.score
    return softmax_choice([v for v, _ in candidates], [score(f) for _, f in candidates])


def softmax_choice(values: Sequence[T | None], logits: Sequence[float]) -> Choice[T]:
    """The choice among ``values`` (not empty) whose scores are ``logits``: a softmax, best first.

    >>> c = softmax_choice(["PER", "COL"], [1.0, 1.0])
    >>> c.value, c.probability
    ('PER', 0.5)
    """
    top = max(logits)
    exps = [math.exp(x - top) for x in logits]
    total = sum(exps)
    # best first; candidates as probable keep their order (the sort is stable, also reversed)
    ranked = tuple(sorted([(v, e / total) for v, e in zip(values, exps, strict=True)],
                          key=_PROBABILITY, reverse=True))
    return Choice(ranked[0][0], ranked[0][1], ranked)


def read_model(name: str) -> Model:
    """Read ``parse/models/<name>.json`` (``{"weights": {...}, "bias": b, "fitted": "..."}``).

    When the environment variable ``AIDFIGURES_MODELS`` names a folder holding ``<name>.json``
    (as this module is imported: worker processes inherit it), or inside :func:`models_from`,
    that file is read instead.
    """
    return _read_model(name, _FOLDER[0])


#: The folder :func:`read_model` reads first: the environment's (read once: a lookup of a variable
#: that is not set costs a caught KeyError, 3 per figure), or :func:`models_from`'s.
_FOLDER = [os.environ.get(MODELS_ENV, "")]


def read_model_once(cache: dict, name: str) -> Model:
    """:func:`read_model`, kept in ``cache`` (a document's: the models do not change while one is read).

    Examples
    --------
    >>> cache = {}
    >>> read_model_once(cache, "year") is read_model_once(cache, "year") is read_model("year")
    True
    """
    model = cache.get(("model", name))
    if model is None:
        model = cache[("model", name)] = read_model(name)
    return model


@lru_cache(maxsize=None)
def _read_model(name: str, folder: str) -> Model:
    override = Path(folder, f"{name}.json") if folder else None
    if override is not None and override.is_file():
        text = override.read_text(encoding="utf-8")
    else:
        text = resources.files(__package__).joinpath("models", f"{name}.json").read_text(encoding="utf-8")
    data = json.loads(text)
    return Model(name, dict(data["weights"]), float(data.get("bias", 0.0)), str(data.get("fitted", "")))


@contextmanager
def models_from(folder: str | os.PathLike[str]) -> Iterator[None]:
    """Read models from ``folder`` (``<name>.json`` files) inside the ``with`` block.

    Used to score weights fitted on part of the gold (cross-validation) without installing them.
    """
    old, before = os.environ.get(MODELS_ENV), _FOLDER[0]
    os.environ[MODELS_ENV] = _FOLDER[0] = os.fspath(folder)
    _read_model.cache_clear()
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(MODELS_ENV, None)
        else:
            os.environ[MODELS_ENV] = old
        _FOLDER[0] = before
        _read_model.cache_clear()
