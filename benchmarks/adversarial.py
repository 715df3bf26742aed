"""Time and peak memory of the extractor on adversarial texts at growing sizes, with the growth ratio.

usage: python benchmarks/adversarial.py [--sizes 4000,8000,16000] [--recipes NAME,...] [--no-memory]
                                        [--patterns [--pattern-size 400]]

Each recipe builds an invented text of about ``n`` characters that once made the extractor slow
(adjacent unbounded regex repeats, one long "sentence", many figures, places, years, bare amounts)
or made it fail (huge numbers, lone surrogates, mixed scripts). For each size it prints the
seconds ``aidfigures.extract`` takes (best of ``--repeat`` runs), the peak memory Python
allocates (``tracemalloc``, a second run), the size of the table it returns, the figures found,
and the ratio of the time to that of the previous (half) size: about 2 is linear, 4 quadratic.
``tests/parse/test_linear.py`` checks the same recipes at small sizes.

``--patterns`` audits every compiled pattern of the package instead: ``finditer`` over runs of
one repeated unit at two sizes, listing those that grow faster than linear (a pattern used with
``match`` at a single place may do so harmlessly; one used with ``search`` or ``finditer`` may not).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable, Iterator

_PLACES = ("Peru", "Bolivia", "Colombia", "Haiti", "Kenya", "Ghana", "Nepal", "Chad", "Mali", "Ecuador")
_PROSE = (
    "{p} received ${n} million in military aid in {y}.",
    "Donors gave {p} (which got ${n} million in {y}) more help.",
    "The program, which cost {n} million dollars in {y}, helped {p}.",
    "In {y}, Japan pledged ${n} billion to {p}, and {m} million more later.",
    "Aid to {p} rose from ${n} million in {y} to ${m} million a year later.",
    "{p} obtuvo {n} millones de dólares de ayuda en {y}, y {m} millones después.",
    "Officials said {n} people met in {p} in {y}.",
    "Those funds, {n} million, went to {p} and {q}.",
)


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: unit * max(1, n // len(unit))


def _prose(n: int) -> str:
    """Varied invented prose, deterministic: sentences and paragraphs of a normal document."""
    out, size, k = [], 0, 0
    while size < n:
        k += 1
        s = _PROSE[k % len(_PROSE)].format(p=_PLACES[k % 10], q=_PLACES[(k * 7) % 10], n=(k * 37) % 900 + 1,
                                           m=(k * 11) % 900 + 1, y=1990 + k % 30)
        s += "\n\n" if k % 9 == 0 else " "
        out.append(s)
        size += len(s)
    return "".join(out)


def _cable(n: int) -> str:
    """One ALL-CAPS line with no sentence end, as telegrams were written."""
    return _repeat("PERU RECEIVED $5 MILLION IN 1976 FROM AID AND BOLIVIA 3 MILLION ")(n)


def _places(n: int) -> str:
    return _repeat(", ".join(_PLACES) + ", ")(n) + " got $5 million in 2006."


def _years(n: int) -> str:
    return " ".join(str(1950 + k % 70) for k in range(max(1, n // 5))) + " $5 million"


def _brackets(n: int) -> str:
    return "(" * (n // 2) + "Peru got $5 million in 2006" + ")" * (n // 2)


def _mixed(n: int) -> str:
    return _repeat("Перу получила $5 million; 秘鲁 ٥ مليون US$ 3 millones en 2006 ")(n)


#: name -> text of about n characters
RECIPES: dict[str, Callable[[int], str]] = {
    "five_to_digits": lambda n: "5 to " + "1" * n,
    "dollar_ones": _repeat("$1"),
    "long_number": lambda n: "$" + "1" * n,
    "many_dollars": _repeat("$"),
    "dollar_spaces": lambda n: "$5" + " " * n + "million",
    "digits_commas": _repeat("1,"),
    "digits_dots": _repeat("1."),
    "dollar_commas": lambda n: "$" + "1," * (n // 2) + " million",
    "deep_brackets": _brackets,
    "many_places": _places,
    "many_years": _years,
    "bare_amounts": _repeat("5 millones y "),
    "bare_then_currency": lambda n: _repeat("5 millones y ")(n) + "3 millones de dólares",
    "one_line_cable": _cable,
    "mixed_scripts": _mixed,
    "prose": _prose,
    "prose_one_paragraph": lambda n: _prose(n).replace("\n", " "),
    "prose_one_line": lambda n: _prose(n).replace("\n", " ").replace(". ", ", "),
    "sentences_no_break": _repeat("Peru got $5 million in 2006. "),
    "years_counted_back": lambda n: _repeat("A year later it rose in 1990. ")(n) + "A year later Peru got $5 million.",
}


def measure(recipe: str, n: int, repeat: int = 1, memory: bool = False) -> tuple[float, int, int, int]:
    """(seconds, peak bytes or 0, figures, bytes of the table) of ``aidfigures.extract`` on recipe
    ``recipe`` at size ``n``. The peak is what Python allocates (``tracemalloc``); the table's
    Arrow string buffers are outside it and counted in the table's bytes."""
    import aidfigures as af

    warnings.simplefilter("ignore", af.DocumentWarning)  # figures skipped on purpose by some recipes
    text = RECIPES[recipe](n)
    af.extract(RECIPES[recipe](50))  # patterns compiled, models read: not part of the time
    best = float("inf")
    rows = size = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        table = af.extract(text)
        best = min(best, time.perf_counter() - t0)
        rows, size = len(table), int(table.memory_usage(deep=True).sum())
    peak = 0
    if memory:
        tracemalloc.start()
        af.extract(text)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return best, peak, rows, size


def _patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """Every compiled pattern of the package: module globals, their lists and dicts, and the dicts
    of patterns built per language by cached functions."""
    import aidfigures

    for info in pkgutil.walk_packages(aidfigures.__path__, "aidfigures."):
        module = importlib.import_module(info.name)
        for key, value in vars(module).items():
            if isinstance(value, re.Pattern):
                yield f"{info.name}.{key}", value
            elif isinstance(value, (list, tuple, dict)):
                items = value.items() if isinstance(value, dict) else enumerate(value)
                yield from ((f"{info.name}.{key}[{i}]", x) for i, x in items if isinstance(x, re.Pattern))
            elif callable(value) and hasattr(value, "cache_info") and getattr(value, "__module__", "") == info.name:
                for lang in ("en", "es"):
                    try:
                        found = value(lang)
                    except Exception:  # noqa: BLE001 - not a per-language builder
                        continue
                    if isinstance(found, dict):
                        yield from ((f"{info.name}.{key}({lang})[{i}]", x) for i, x in found.items()
                                    if isinstance(x, re.Pattern))


_UNITS = ("1", "1,", "1.", " ", "\n", "a", "A", "a ", "A ", "$", "$1", "1 ", "(", "-", "1-", ", ",
          "de ", "million ", "mil ", "1 to ", "5 y ", "the ", "é", "FY")


def audit(size: int = 400, limit: float = 2.8, only: set[str] | None = None) -> list[tuple[str, str, float, float]]:
    """Patterns whose ``finditer`` over a run of one unit grows more than ``limit`` times from
    ``size`` to ``2 * size`` characters: (pattern, unit, seconds at size, at twice the size).
    ``only``: the names of the patterns to audit (default all)."""
    def run(p: re.Pattern[str], s: str) -> float:
        t0 = time.perf_counter()
        for _ in p.finditer(s):
            pass
        return time.perf_counter() - t0

    out = []
    for name, pattern in dict(_patterns()).items():
        if only is not None and name not in only:
            continue
        for unit in _UNITS:
            s = unit * max(1, size // len(unit))
            a = run(pattern, s)
            if a < 0.002:  # too fast to tell
                continue
            b = run(pattern, s + s)
            if b > limit * a:
                out.append((name, unit, a, b))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="4000,8000,16000", help="text sizes in characters, comma-separated")
    ap.add_argument("--recipes", default=",".join(RECIPES), help="recipes to run, comma-separated")
    ap.add_argument("--repeat", type=int, default=1, help="runs per size (the best time is printed)")
    ap.add_argument("--no-memory", action="store_true", help="skip the tracemalloc run")
    ap.add_argument("--patterns", action="store_true", help="audit the package's compiled patterns instead")
    ap.add_argument("--pattern-size", type=int, default=400)
    args = ap.parse_args(argv)
    if args.patterns:
        for name, unit, a, b in audit(args.pattern_size):
            print(f"{name:64s} {unit!r:10} {a:8.4f} s {b:8.4f} s  x{b / a:.1f}", flush=True)
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'recipe':20s} {'chars':>9s} {'seconds':>9s} {'peak MB':>8s} {'table MB':>8s} {'figures':>8s} "
          f"{'growth':>7s}")
    for recipe in args.recipes.split(","):
        previous = None
        for n in sizes:
            try:
                seconds, peak, rows, size = measure(recipe, n, args.repeat, not args.no_memory)
            except Exception as exc:  # noqa: BLE001 - a failure is a result to print
                print(f"{recipe:20s} {n:9d} raised {type(exc).__name__}: {str(exc)[:60]}", flush=True)
                break
            growth = f"x{seconds / previous:.1f}" if previous else ""
            print(f"{recipe:20s} {n:9d} {seconds:9.3f} {peak / 1e6:8.1f} {size / 1e6:8.1f} {rows:8d} {growth:>7s}",
                  flush=True)
            previous = max(seconds, 1e-6)
    return 0


if __name__ == "__main__":
    sys.exit(main())
