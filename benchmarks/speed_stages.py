"""Where benchmarks/speed.py's time goes (CPU time by stage), and the peers timed on the same text."""

from __future__ import annotations

import importlib
import json
import subprocess
import tempfile
import time
import urllib.request
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

from aidfigures import detect_language
from aidfigures.extract import figures_frame, find_figures

#: (label, module, attribute) of each stage timed: functions of a module (replaced where they are
#: called) or methods of ``aidfigures.parse.context.DocumentContext`` (``DocumentContext.name``).
STAGES = (
    ("language", "aidfigures.extract", "detect_language"),
    ("table cells", "aidfigures.extract", "find_table_cells"),
    ("money scan", "aidfigures.extract", "find_money"),
    ("document context", "aidfigures.extract", "read_context"),
    ("home currency (of $, pesos)", "aidfigures.parse.context", "DocumentContext.home_currency"),
    ("table attribution", "aidfigures.extract", "attribute_cells"),
    ("attribution, all fields", "aidfigures.extract", "attribute"),
    ("  is_aid", "aidfigures.parse.attribution", "decide_aid"),
    ("  recipient", "aidfigures.parse.attribution", "choose_recipient"),
    ("  year", "aidfigures.parse.attribution", "choose_year"),
    ("  cues of a sentence", "aidfigures.parse.context", "DocumentContext.sentence_cues"),
    ("  years of a sentence", "aidfigures.parse.context", "DocumentContext.sentence_years"),
    ("  subject (whole text)", "aidfigures.parse.context", "DocumentContext.subject"),
)


def _timed(fn: Callable, label: str, spent: dict[str, float], depth: dict[str, int]) -> Callable:
    """``fn`` adding its CPU seconds to ``spent[label]`` (the outermost call only, when it recurses)."""
    def wrapper(*args: object, **kwargs: object) -> object:
        if depth[label]:
            return fn(*args, **kwargs)
        depth[label] += 1
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - start
            depth[label] -= 1
    return wrapper


def breakdown(docs: Sequence[str]) -> tuple[float, list[tuple[str, float]]]:
    """CPU seconds of ``find_figures`` on ``docs`` plus one table of their records, and of each
    stage in it (timed by wrapping the stage functions: a stage's time includes the stages it calls,
    e.g. the cues of a sentence first read by the year choice count in both)."""
    from aidfigures.parse.context import DocumentContext

    spent = dict.fromkeys([label for label, _, _ in STAGES] + ["DataFrame"], 0.0)
    depth = dict.fromkeys(spent, 0)
    undo = []
    for label, module_name, name in STAGES:
        if name.startswith("DocumentContext."):
            attr = name.split(".")[1]
            member = DocumentContext.__dict__[attr]
            if hasattr(member, "func"):  # a cached_property: time what computes it
                undo.append((member, "func", member.func))
                member.func = _timed(member.func, label, spent, depth)
            else:
                undo.append((DocumentContext, attr, member))
                setattr(DocumentContext, attr, _timed(member, label, spent, depth))
        else:
            module = importlib.import_module(module_name)
            undo.append((module, name, getattr(module, name)))
            setattr(module, name, _timed(getattr(module, name), label, spent, depth))
    try:
        start = time.process_time()
        records = [f for i, text in enumerate(docs) for f in find_figures(text, doc_id=f"d{i}")]
        frame = time.process_time()
        figures_frame(records)
        spent["DataFrame"] = time.process_time() - frame
        total = time.process_time() - start
    finally:
        for owner, attr, value in reversed(undo):
            setattr(owner, attr, value)
    return total, list(spent.items())


def sample(docs: Sequence[str], size: int) -> list[str]:
    """The first documents of ``docs`` holding ``size`` bytes of UTF-8 (at least one)."""
    out, n = [], 0
    for text in docs:
        if out and n >= size:
            break
        out.append(text)
        n += len(text.encode("utf-8"))
    return out


def cpu_wall(fn: Callable[[str], object], docs: Sequence[str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of ``fn`` called on every document."""
    cpu, wall = time.process_time(), time.perf_counter()
    for text in docs:
        fn(text)
    return time.process_time() - cpu, time.perf_counter() - wall


def quantulum() -> Callable[[str], object] | None:
    """quantulum3's parser (the ``bench`` extra), or None when it is not installed.

    Its rule-based disambiguation is used, as when it is installed alone (the ``bench`` extra):
    the classifier it ships does not load under current scikit-learn, which the ``fit`` extra brings.
    """
    try:
        with warnings.catch_warnings():  # it warns about its optional classifier
            warnings.simplefilter("ignore")
            from quantulum3 import classifier, parser
    except ImportError:
        return None
    classifier.USE_CLF = False
    parser.parse("Peru received $5 million in 2006.")  # load its tables outside the timing
    return parser.parse


def duckling(url: str | None) -> tuple[Callable[[str], object] | None, str]:
    """A caller of a Duckling server at ``url`` (amount-of-money, en_US), or None and why not.

    Duckling is a Haskell program with no Python package: it runs as an HTTP server built with
    stack (or a Docker image), so it is timed only when one is already running on this machine
    (``--duckling-url http://127.0.0.1:8000/parse``); the time includes the local HTTP round trip.
    """
    if not url:
        return None, ("not run: Duckling is a Haskell server (stack build or Docker image), neither is "
                      "available offline here; start one and pass --duckling-url to time it")

    def parse(text: str) -> object:
        data = f"locale=en_US&dims=%5B%22amount-of-money%22%5D&text={urllib.request.quote(text)}"
        with urllib.request.urlopen(url, data.encode(), timeout=60) as response:
            return json.load(response)

    try:
        parse("Peru received $5 million in 2006.")
    except OSError as error:
        return None, f"not reachable at {url}: {error}"
    return parse, "local server"


#: the interpreter ``make duckling`` makes, with pyduckling-native installed
DUCKLING_VENV = Path(__file__).resolve().parent.parent / ".venv-duckling" / "bin" / "python"
_NATIVE = Path(__file__).resolve().parent / "duckling_native.py"


def duckling_native(python: str | None) -> tuple[Callable[[Sequence[str]], tuple[float, float, int]] | None, str]:
    """A timer of Duckling compiled into ``python`` (pyduckling-native), or None and why not.

    ``python`` (default: ``.venv-duckling/bin/python`` when ``make duckling`` made it) runs
    ``benchmarks/duckling_native.py`` on the documents, each in the language aidfigures detects, and
    the timer returns that process's (CPU seconds, wall seconds, amounts found) of the parsing alone.
    """
    if python is None:
        if not DUCKLING_VENV.exists():
            return None, "pyduckling-native not installed (make duckling: a Python 3.9 venv, .venv-duckling)"
        python = str(DUCKLING_VENV)

    def timed(docs: Sequence[str]) -> tuple[float, float, int]:
        with tempfile.TemporaryDirectory() as tmp:
            texts = Path(tmp) / "texts.json"
            texts.write_text(json.dumps([[detect_language(t), t] for t in docs]), encoding="utf-8")
            done = subprocess.run([python, str(_NATIVE), str(texts)], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{python} {_NATIVE.name} failed: {done.stderr.strip()[-500:]}")
        out = json.loads(done.stdout)
        return out["cpu"], out["wall"], out["found"]

    try:
        timed(["Peru received $5 million in 2006."])
    except (OSError, RuntimeError, ValueError) as error:
        return None, f"not run: {error}"
    return timed, f"pyduckling-native, in process under {python}"
