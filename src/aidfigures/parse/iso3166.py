"""ISO 3166 countries and subdivisions, read from pycountry's data files without importing it."""

from __future__ import annotations

import importlib.util
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["countries", "subdivision_names"]

#: The fields of a country record, as pycountry names them (a missing one is None).
_FIELDS = ("alpha_2", "alpha_3", "name", "common_name", "official_name")


def _database(name: str) -> list[dict[str, Any]] | None:
    """The records of pycountry's ``databases/iso<name>.json``, or None when it is not there or not
    of that form (then the caller asks pycountry itself)."""
    spec = importlib.util.find_spec("pycountry")
    for folder in (spec.submodule_search_locations or ()) if spec else ():
        try:
            rows = json.loads((Path(folder) / "databases" / f"iso{name}.json").read_text(encoding="utf-8"))[name]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if isinstance(rows, list) and all(isinstance(r, dict) for r in rows):
            return rows
    return None


@lru_cache(maxsize=1)
def countries() -> tuple[dict[str, str | None], ...]:
    """Every ISO 3166-1 country as ``{alpha_2, alpha_3, name, common_name, official_name}``.

    Importing pycountry takes 17-40 ms of a process (most of it ``importlib.metadata``, for its
    version); reading its file takes 1 ms.

    Examples
    --------
    >>> next(c for c in countries() if c["alpha_3"] == "BOL")["common_name"]
    'Bolivia'
    """
    rows = _database("3166-1")
    if rows is None:
        import pycountry

        return tuple({f: getattr(c, f, None) for f in _FIELDS} for c in pycountry.countries)
    return tuple({f: row.get(f) for f in _FIELDS} for row in rows)


@lru_cache(maxsize=1)
def subdivision_names() -> dict[str, tuple[str, ...]]:
    """The names of each country's ISO 3166-2 subdivisions, by its alpha-2 code.

    Examples
    --------
    >>> "Santander" in subdivision_names()["CO"]
    True
    """
    rows = _database("3166-2")
    if rows is None:
        import pycountry

        pairs = [(sub.country_code, sub.name) for sub in pycountry.subdivisions]
    else:
        pairs = [(row["code"].partition("-")[0], row["name"]) for row in rows]
    names: dict[str, list[str]] = {}
    for code, name in pairs:
        names.setdefault(code, []).append(name)
    return {code: tuple(n) for code, n in names.items()}
