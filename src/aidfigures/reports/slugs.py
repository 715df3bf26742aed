"""Report folder names: a short readable slug for a set of parameters, and the default output folder."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Mapping
from hashlib import sha256
from pathlib import Path
from typing import Any, Final

__all__ = ["REPORTS_DIR", "default_output_dir", "parameter_slug"]

#: Default parent folder of reports (relative to the current directory).
REPORTS_DIR: Final = Path("reports")
_SLUG_WORDS_MAX: Final = 40
_PATH_LIKE: Final = re.compile(r"[/\\]|\.[A-Za-z0-9]{1,8}$")


def parameter_slug(parameters: Mapping[str, Any]) -> str:
    """A short readable name for a set of parameters: their words, then a 4-hex hash of all of them.

    File paths are left out of the words (they are in the hash).

    Examples
    --------
    >>> parameter_slug({"figures": "data/processed/figures.csv", "countries": ["Peru", "Colombia", "México"],
    ...                 "years": [2006, 2011]})
    'peru-colombia-mexico-2006-2011-...'
    >>> len(parameter_slug({"figures": "figures.csv"}))
    4
    """
    words: list[str] = []

    def collect(value: Any) -> None:
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            for item in value:
                collect(item)
        elif value is not None and not (isinstance(value, str) and _PATH_LIKE.search(value)):
            text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode().lower()
            words.extend(re.findall(r"[a-z0-9]+", text))

    collect(list(parameters.values()))
    readable = ""
    for word in words:
        if len(readable) + len(word) + 1 > _SLUG_WORDS_MAX:
            break
        readable = f"{readable}-{word}" if readable else word
    canonical = json.dumps(parameters, sort_keys=True, ensure_ascii=False, default=str)
    digest = sha256(canonical.encode("utf-8")).hexdigest()[:4]
    return f"{readable}-{digest}" if readable else digest


def default_output_dir(notebook: str | os.PathLike[str], parameters: Mapping[str, Any] | None = None) -> Path:
    """``reports/<notebook stem>-<parameter slug>``, or ``reports/<stem>`` without parameters.

    Examples
    --------
    >>> default_output_dir("notebooks/corpus_overview.ipynb").as_posix()
    'reports/corpus_overview'
    """
    stem = Path(notebook).stem
    return REPORTS_DIR / (f"{stem}-{parameter_slug(parameters)}" if parameters else stem)
