"""Time Duckling's amount-of-money parser in this process, on texts given as JSON: run by benchmarks/speed.py.

usage: PYTHON benchmarks/duckling_native.py TEXTS.json [--zoneinfo /usr/share/zoneinfo]

PYTHON is an interpreter with ``pyduckling-native`` installed: Facebook's Duckling (Haskell) compiled
into a Python extension, whose wheels exist for CPython 3.6-3.9 only (``make duckling`` makes
``.venv-duckling`` with a Python 3.9 when the machine has one). ``TEXTS.json`` is a list of
``[language, text]`` pairs (``en``, ``es``...); the script parses every text with the ``amount-of-money``
dimension in its language (the Context built once per language, outside the timing) and prints one
JSON object: ``cpu`` and ``wall`` seconds, ``texts``, ``found`` (amounts found) and ``version``.

Duckling needs a time zone for its reference time even for money. The Haskell reader it uses does not
read the slim zone files of recent tzdata, nor a zone with no transitions (UTC), so one "fat" zone
file is copied into a temporary folder: ``America/New_York`` from ``--zoneinfo`` (Debian's is fat).
Standard library only besides ``duckling``, so it runs under any Python that has it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ZONE = "America/New_York"


def contexts(duckling: object, zoneinfo: Path, languages: set[str]) -> dict[str, object]:
    """A Duckling ``Context`` for each language, with the reference time 2026-01-01 in :data:`ZONE`."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp, *ZONE.split("/"))
        target.parent.mkdir(parents=True)
        shutil.copyfile(zoneinfo.joinpath(*ZONE.split("/")), target)
        zones = duckling.load_time_zones(tmp)  # type: ignore[attr-defined]
    ref = duckling.parse_ref_time(zones, ZONE, 1_767_225_600)  # type: ignore[attr-defined]
    return {lang: duckling.Context(ref, duckling.default_locale_lang(  # type: ignore[attr-defined]
        duckling.parse_lang(lang.upper()))) for lang in sorted(languages)}  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    """Parse the texts of the JSON file given and print the times as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", type=Path, help="a JSON list of [language, text] pairs")
    parser.add_argument("--zoneinfo", type=Path, default=Path("/usr/share/zoneinfo"),
                        help=f"a tz database holding a fat {ZONE} file (default /usr/share/zoneinfo)")
    args = parser.parse_args(argv)
    try:
        import duckling
    except ImportError:
        print(f"{sys.executable}: pyduckling-native is not installed (it has wheels for Python 3.6-3.9: "
              "make duckling)", file=sys.stderr)
        return 2
    pairs = json.loads(args.texts.read_text(encoding="utf-8"))
    duckling.init()
    made = contexts(duckling, args.zoneinfo, {lang for lang, _ in pairs})
    dims = duckling.parse_dimensions(["amount-of-money"])
    duckling.parse("$5 million", made[pairs[0][0]], dims, False) if pairs else None  # warm, outside the timing
    found = 0
    cpu, wall = time.process_time(), time.perf_counter()
    for lang, text in pairs:
        found += len(duckling.parse(text, made[lang], dims, False))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    version = getattr(duckling, "__version__", None) or _version()
    print(json.dumps({"cpu": cpu, "wall": wall, "texts": len(pairs), "found": found, "version": version}))
    return 0


def _version() -> str:
    try:
        from importlib.metadata import version
        return version("pyduckling-native")
    except Exception:  # an installed copy without metadata
        return "unknown"


if __name__ == "__main__":
    sys.exit(main())
