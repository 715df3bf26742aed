"""Corpus manifests: a ``sources.csv`` beside the documents giving each one's publication date."""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import warnings
from pathlib import Path

from ..errors import DocumentWarning, ParseError
from ..parse.dates import parse_date

__all__ = ["MANIFEST_NAME", "find_manifest", "read_manifest"]

MANIFEST_NAME = "sources.csv"
_DATE_COLUMNS = ("published", "date", "pubdate", "published_date", "publication_date")


def find_manifest(folder: str | os.PathLike[str]) -> Path | None:
    """Return the ``sources.csv`` that describes the documents in ``folder``, if there is one.

    It is looked for in the folder itself, then in its parent (the layout
    ``corpus/docs/*.txt`` + ``corpus/sources.csv``).
    """
    folder = Path(folder)
    for candidate in (folder / MANIFEST_NAME, folder.parent / MANIFEST_NAME):
        if candidate.is_file():
            return candidate
    return None


#: A title's closing parenthesis that gives a year as one of its items: ``(AP, 2010)``, ``(2009; passage)``.
_TITLE_YEAR = re.compile(r"\((?:[^()]*[,;]\s*)?((?:19|20)\d\d)\s*(?:[,;][^()]*)?\)\s*$")


def read_manifest(path: str | os.PathLike[str]) -> dict[str, dt.date]:
    """Read publication dates by ``doc_id`` from a manifest CSV.

    The date comes from a ``published`` (or ``date``, ``pubdate``...) column; failing that,
    from a date written in the ``title`` column (``... (Spokesman-Review, Nov 12 2010)``), or a
    year alone among the items of the title's closing parenthesis (``... (AP, 2010)``: 1 January).
    Rows without a usable date are left out; a manifest that cannot be read gives a warning
    and no dates, never a failed run.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = pathlib.Path(tmp) / "sources.csv"
    ...     _ = p.write_text("doc_id,title,published\\na,Peru aid,2010-12-16\\nb,Aid (AP, Jan 2002),\\n")
    ...     read_manifest(p)
    {'a': datetime.date(2010, 12, 16), 'b': datetime.date(2002, 1, 1)}
    """
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        warnings.warn(f"{path}: manifest not read ({exc}); documents get no publication dates",
                      DocumentWarning, stacklevel=2)
        return {}
    out: dict[str, dt.date] = {}
    for row in rows:
        doc_id = (row.get("doc_id") or "").strip()
        if not doc_id:
            continue
        for column in (*_DATE_COLUMNS, "title"):
            value = (row.get(column) or "").strip()
            if not value:
                continue
            try:
                out[doc_id] = parse_date(value)
                break
            except ParseError:
                year = _TITLE_YEAR.search(value) if column == "title" else None
                if year:  # "... (AP, 2010)": the year of publication, day unknown
                    out[doc_id] = dt.date(int(year.group(1)), 1, 1)
                    break
    return out
