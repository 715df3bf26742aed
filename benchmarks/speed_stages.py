"""Where benchmarks/speed.py's time goes (a profile of the stages), and the peers timed on the same text."""

from __future__ import annotations

import cProfile
import json
import pstats
import time
import urllib.request
import warnings
from collections.abc import Callable, Sequence

from aidfigures.extract import figures_frame, find_figures

#: (label, module file suffix, function name) of each stage; shares are of find_figures + figures_frame.
STAGES = (
    ("language", "parse/text.py", "detect_language"),
    ("table cells", "parse/tables.py", "find_table_cells"),
    ("money scan", "parse/money.py", "find_money"),
    ("document context", "parse/context.py", "read_context"),
    ("table attribution", "parse/table_attribution.py", "attribute_cells"),
    ("attribution, all fields", "parse/attribution.py", "attribute"),
    ("  recipient", "parse/recipient.py", "choose_recipient"),
    ("  year", "parse/year_choice.py", "choose_year"),
    ("  is_aid", "parse/aid.py", "decide_aid"),
    ("  cues (sentence)", "parse/context.py", "sentence_cues"),
    ("  years (sentence)", "parse/context.py", "sentence_years"),
    ("  subject (whole text)", "parse/context.py", "subject"),
    ("DataFrame", "aidfigures/extract.py", "figures_frame"),
)


def breakdown(docs: Sequence[str]) -> tuple[float, list[tuple[str, float]]]:
    """Profile ``find_figures`` on ``docs`` and one table of their records; return the profiled
    total and each stage's cumulative seconds (profiling inflates them alike; read the shares)."""
    profile = cProfile.Profile()
    profile.enable()
    records = [f for i, text in enumerate(docs) for f in find_figures(text, doc_id=f"d{i}")]
    figures_frame(records)
    profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    total = 0.0
    cumulative: dict[tuple[str, str], float] = {}
    for (file, _, name), (_, _, _, cum, _) in stats.items():
        key = (file.replace("\\", "/"), name)
        cumulative[key] = cumulative.get(key, 0.0) + cum
        if name in ("find_figures", "figures_frame") and key[0].endswith("aidfigures/extract.py"):
            total += cum
    out = []
    for label, suffix, name in STAGES:
        out.append((label, sum(c for (file, fn), c in cumulative.items() if fn == name and file.endswith(suffix))))
    return total, out


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
