"""Corpus manifests: a ``sources.csv`` beside the documents giving each one's publication date, title and URL."""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from ..errors import DocumentWarning, ParseError
from ..parse.dates import parse_date

__all__ = ["MANIFEST_NAME", "ManifestEntry", "find_manifest", "read_manifest", "read_manifest_entries"]

MANIFEST_NAME = "sources.csv"
_DATE_COLUMNS = ("published", "date", "pubdate", "published_date", "publication_date")
_TITLE_COLUMNS = ("title", "headline", "subject")
#: Then any column whose name starts with ``url_`` (``url_or_path``...).
_URL_COLUMNS = ("url", "link", "source_url", "href")


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """What a manifest row says about one document (None where it says nothing)."""

    published: dt.date | None = None
    title: str | None = None
    url: str | None = None


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
    """Read publication dates by ``doc_id`` from a manifest CSV (see :func:`read_manifest_entries`).

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
    return {doc_id: e.published for doc_id, e in read_manifest_entries(path).items() if e.published is not None}


def read_manifest_entries(path: str | os.PathLike[str]) -> dict[str, ManifestEntry]:
    """Read each ``doc_id``'s publication date, title and URL from a manifest CSV.

    The date is read as :func:`read_manifest` says; the title from a ``title`` (or ``headline``,
    ``subject``) column; the URL from a ``url`` (or ``link``, ``source_url``, ``href``, then any
    ``url_...``) column. Rows that give none of the three are left out; a manifest that cannot be
    read gives a warning and nothing, never a failed run.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = pathlib.Path(tmp) / "sources.csv"
    ...     _ = p.write_text("doc_id,title,url\\na,Ayuda a Perú,https://example.org/a\\n", encoding="utf-8")
    ...     read_manifest_entries(p)["a"]
    ManifestEntry(published=None, title='Ayuda a Perú', url='https://example.org/a')
    """
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            rows = list(reader)
            names = list(reader.fieldnames or ())
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        warnings.warn(f"{path}: manifest not read ({exc}); documents get no publication dates",
                      DocumentWarning, stacklevel=2)
        return {}
    url_columns = (*_URL_COLUMNS, *(n for n in names if n.startswith("url_")))
    out: dict[str, ManifestEntry] = {}
    for row in rows:
        doc_id = (row.get("doc_id") or "").strip()
        if not doc_id:
            continue
        entry = ManifestEntry(_row_date(row, f"{path}: {doc_id}"), _first(row, _TITLE_COLUMNS),
                              _first(row, url_columns))
        if entry != ManifestEntry():
            out[doc_id] = entry
    return out


def _first(row: dict[str, str | None], columns: tuple[str, ...]) -> str | None:
    """The first non-empty value among ``columns`` of a manifest row, stripped."""
    for column in columns:
        value = (row.get(column) or "").strip()
        if value:
            return value
    return None


def _row_date(row: dict[str, str | None], where: str = "manifest") -> dt.date | None:
    """A manifest row's publication date: a date column's, else one written in its title.

    A value in a date column that is not a date the project reads (``31/31/2010``, ``9999-12-31``:
    outside the years figures may have) is left out with a :class:`DocumentWarning` naming
    ``where`` (the manifest and the row's ``doc_id``), not dropped silently.
    """
    for column in (*_DATE_COLUMNS, "title"):
        value = (row.get(column) or "").strip()
        if not value:
            continue
        try:
            return parse_date(value)
        except ParseError as exc:
            if column != "title":
                warnings.warn(f"{where}: {column} {value!r} not used ({exc})", DocumentWarning, stacklevel=3)
                continue
            year = _TITLE_YEAR.search(value)
            if year:  # "... (AP, 2010)": the year of publication, day unknown
                return dt.date(int(year.group(1)), 1, 1)
    return None
