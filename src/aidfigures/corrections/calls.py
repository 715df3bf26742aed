"""``correct()``: one call appends a figure's hand-checked values to the corrections file."""

from __future__ import annotations

import datetime as dt
import getpass
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from ..errors import CorrectionsError
from .records import Correction, append_corrections

if TYPE_CHECKING:  # imported where a table is built: a CSV run needs none
    import pandas as pd

__all__ = ["DEFAULT_PATH", "correct", "corrections_path", "figure_key", "UNSET"]

#: The corrections file of a project, relative to its root.
DEFAULT_PATH: Final = Path("data") / "corrections.csv"
_KEY: Final = re.compile(r"(?P<doc>.+):(?P<start>\d+)-(?P<end>\d+)")
_PROJECT_ENV: Final = "AIDFIGURES_PROJECT"  # as aidfigures.reports.project (a later stage) finds the root
_MARKERS: Final = ("reports.yml", "notebooks")


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


#: "Not given" for :func:`correct`'s fields (``None`` means "none": no recipient, no year).
UNSET: Final = _Unset()


def corrections_path(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The project's corrections file, ``data/corrections.csv`` under the project root (found as
    :func:`aidfigures.project_path` finds it: ``$AIDFIGURES_PROJECT``, else the nearest folder at or
    above ``start`` holding ``reports.yml`` and ``notebooks/``); None outside a project."""
    named = os.environ.get(_PROJECT_ENV)
    if named:
        return Path(named).resolve() / DEFAULT_PATH
    here = Path(start if start is not None else Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if all((folder / marker).exists() for marker in _MARKERS):
            return folder / DEFAULT_PATH
    return None


def figure_key(figures: pd.DataFrame, key: Any) -> tuple[str, int, int]:
    """``(doc_id, start, end)`` of the figure ``key`` names: a row of ``figures``, one of its index
    labels, or ``"doc_id:start-end"``. :class:`CorrectionsError` when it names none."""
    import pandas as pd

    if isinstance(key, pd.Series) and {"doc_id", "start", "end"} <= set(key.index):
        found = (str(key["doc_id"]), int(key["start"]), int(key["end"]))
    elif isinstance(key, str) and (m := _KEY.fullmatch(key)):
        found = (m["doc"], int(m["start"]), int(m["end"]))
    elif key in figures.index:
        row = figures.loc[key]
        if isinstance(row, pd.DataFrame):
            raise CorrectionsError(f"index label {key!r} names {len(row)} figures; give 'doc_id:start-end'")
        found = (str(row["doc_id"]), int(row["start"]), int(row["end"]))
    else:
        raise CorrectionsError(f"{key!r} names no figure: give a row of the figures table, an index label "
                               "or 'doc_id:start-end'")
    hit = (figures["doc_id"] == found[0]) & (figures["start"] == found[1]) & (figures["end"] == found[2])
    if not bool(hit.fillna(False).any()):
        raise CorrectionsError(f"no figure at {found[0]}:{found[1]}-{found[2]} in this figures table")
    return found


def _sha256(figures: pd.DataFrame, doc_id: str, documents: pd.DataFrame | Mapping[str, str] | None) -> str:
    import pandas as pd

    shas: Any = documents if documents is not None else figures.attrs.get("sha256")
    if isinstance(shas, pd.DataFrame):
        shas = dict(zip(shas["doc_id"], shas["sha256"], strict=True))
    if not shas or not isinstance(shas.get(doc_id), str):
        raise CorrectionsError(f"the sha256 of document {doc_id!r} is not known: read the figures with "
                               "aidfigures.read_corrected(path), or pass documents=aidfigures.read_documents(path)")
    return str(shas[doc_id])


def _text(field: str, value: Any) -> str:
    if value is None:
        return ""
    if field == "is_aid":
        return "true" if bool(value) else "false"
    if field == "year":
        return str(int(value))
    if field == "amount":
        return repr(float(value))
    return str(value)


def correct(figures: pd.DataFrame, key: Any, *, recipient: Any = UNSET, year: Any = UNSET, amount: Any = UNSET,
            currency: Any = UNSET, is_aid: Any = UNSET, confirm: bool = False, note: str = "",
            who: str | None = None, path: str | os.PathLike[str] | None = None,
            documents: pd.DataFrame | Mapping[str, str] | None = None) -> list[Correction]:
    """Correct (or confirm) one figure by hand: append one line per field to the corrections file.

    Parameters
    ----------
    figures : DataFrame
        The figures table the figure is in (from :func:`aidfigures.read_corrected`, which knows the
        documents' sha256; else give ``documents``).
    key : row, index label or str
        The figure: a row of ``figures``, its index label, or ``"doc_id:start-end"``.
    recipient, year, amount, currency, is_aid : optional
        The right values (``recipient`` an ISO3 code or a region; None for "none"); fields not given
        are left alone.
    confirm : bool
        The figure was checked and is right (a ``confirmed`` line; alone or with the fields given).
    note, who : str
        Why, and who (default the login name).
    path : path-like, optional
        The corrections file (default ``data/corrections.csv`` of the project).
    documents : DataFrame or mapping, optional
        The documents table (or ``{doc_id: sha256}``) when ``figures`` does not carry the sha256.

    Returns
    -------
    list of Correction
        The lines appended.
    """
    doc_id, start, end = figure_key(figures, key)
    sha = _sha256(figures, doc_id, documents)
    given = {"recipient": recipient, "year": year, "amount": amount, "currency": currency, "is_aid": is_aid}
    when = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    if who is None:
        try:
            who = getpass.getuser()
        except (OSError, KeyError):
            who = ""
    made = [Correction(sha, start, end, name, _text(name, value), who, when, note, doc_id)
            for name, value in given.items() if value is not UNSET]
    if confirm:
        made.append(Correction(sha, start, end, "confirmed", "", who, when, note, doc_id))
    if not made:
        raise CorrectionsError("nothing to correct: give recipient=, year=, amount=, currency=, is_aid= "
                               "or confirm=True")
    target = Path(path) if path is not None else corrections_path()
    if target is None:
        raise CorrectionsError("no project here (no reports.yml and notebooks/ above this folder): give path=")
    append_corrections(target, made)
    return made
