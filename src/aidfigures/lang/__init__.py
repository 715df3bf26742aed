"""Language data: one folder per language (``en/``, ``es/``), one CSV file per slot, one loader."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

__all__ = ["LANGUAGES", "SLOTS", "read_vocab", "read_vocab_all"]

#: Languages with a folder here; adding a language is adding a folder with every slot's file.
LANGUAGES: tuple[str, ...] = ("en", "es")

#: Every language has one file per slot (``<lang>/<slot>.csv``, ``#`` lines are comments); the
#: slots are the files of all languages together, and tests/test_lang.py checks each has them all.
SLOTS: tuple[str, ...] = tuple(sorted({
    p.name[:-4] for lang in LANGUAGES for p in resources.files(__package__).joinpath(lang).iterdir()
    if p.name.endswith(".csv")}))


@lru_cache(maxsize=None)
def read_vocab(slot: str, lang: str) -> tuple[dict[str, str], ...]:
    """Return the rows of ``lang/<lang>/<slot>.csv`` as dicts.

    Raises ``KeyError`` for a slot or language this package does not have.

    Examples
    --------
    >>> next(r for r in read_vocab("months", "es") if r["name"] == "enero")["month"]
    '1'
    """
    if lang not in LANGUAGES or slot not in SLOTS:
        raise KeyError(f"no language data for slot {slot!r} in language {lang!r}")
    text = resources.files(__package__).joinpath(lang, f"{slot}.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple(csv.DictReader(lines))


@lru_cache(maxsize=None)
def read_vocab_all(slot: str) -> tuple[dict[str, str], ...]:
    """Return the rows of one slot in every language, each with its ``lang``.

    Examples
    --------
    >>> sorted({r["lang"] for r in read_vocab_all("months")})
    ['en', 'es']
    """
    return tuple({**row, "lang": lang} for lang in LANGUAGES for row in read_vocab(slot, lang))
