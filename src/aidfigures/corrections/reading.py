"""Reading a figures output with the project's corrections applied (what every command that reads figures uses)."""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Final

from ..errors import AidFiguresError, CorrectionsError
from .apply import AppliedCorrections, apply_corrections
from .calls import corrections_path
from .records import Correction, read_corrections

if TYPE_CHECKING:  # imported where a table is built: a CSV run needs none
    import pandas as pd

__all__ = ["AUTO", "CorrectionsWarning", "default_corrections", "load_corrections", "read_corrected",
           "stale_path"]

#: ``corrections=AUTO``: the project's ``data/corrections.csv`` when it exists, else none.
AUTO: Final = "auto"


class CorrectionsWarning(UserWarning):
    """A correction was not applied (stale: its document changed or its span holds no figure) or was superseded."""


def default_corrections() -> Path | None:
    """The project's corrections file when it exists, else None."""
    path = corrections_path()
    return path if path is not None and path.is_file() else None


def load_corrections(corrections: str | os.PathLike[str] | list[Correction] | None) -> list[Correction]:
    """The corrections ``corrections`` names: :data:`AUTO` (the project's file when it exists), a path,
    a list of :class:`Correction`, or None (none)."""
    if corrections is None:
        return []
    if isinstance(corrections, list):
        return corrections
    if str(corrections) == AUTO:
        found = default_corrections()
        return read_corrections(found) if found is not None else []
    return read_corrections(corrections)


def stale_path(figures: str | os.PathLike[str]) -> Path:
    """Where ``extract`` lists the stale corrections of an output: ``NAME.stale-corrections.csv`` beside it."""
    where = Path(str(figures).rstrip("/"))
    stem = where.name[: -len(where.suffix)] if where.suffix else where.name
    return where.with_name(f"{stem}.stale-corrections.csv")


def read_corrected(path: str | os.PathLike[str], corrections: str | os.PathLike[str] | list[Correction] | None = AUTO,
                   *, warn: bool = True) -> pd.DataFrame:
    """Read a figures output (as :func:`aidfigures.read_figures`) with the corrections applied.

    The documents table of the output (a corpus run's ``*.documents.csv`` etc.) gives the documents'
    sha256; it is kept in ``attrs["sha256"]`` (``{doc_id: sha256}``) so that
    :func:`aidfigures.correct` can name the figures. Applying the corrections again to an output
    ``extract`` already corrected changes nothing. A figures file without a documents table is
    read as it is (with a warning when the project has a corrections file; an error when
    ``corrections`` names one). Each stale or superseded correction is a
    :class:`CorrectionsWarning` (``warn=False``: none); the stale ones are also in ``attrs["stale_corrections"]``.
    """
    from ..outputs import read_documents, read_figures

    figures = read_figures(path)
    try:
        documents = read_documents(path)
    except (AidFiguresError, OSError, ValueError):
        documents = None
    found = load_corrections(corrections)
    if found and documents is None:
        said = (f"{path}: has no documents table, so its documents' sha256 are not known and corrections "
                "cannot be applied")
        if str(corrections) != AUTO:
            raise CorrectionsError(said)
        warnings.warn(f"{said}; the project's corrections file is not applied", CorrectionsWarning, stacklevel=2)
    if documents is None:
        return figures
    result: AppliedCorrections = apply_corrections(figures, documents, found)
    out = result.figures
    out.attrs["sha256"] = {d: s for d, s in zip(documents["doc_id"], documents["sha256"], strict=True)
                           if isinstance(s, str)}
    out.attrs["stale_corrections"] = [s.message() for s in result.stale]
    if warn:
        for message in result.messages():
            warnings.warn(message, CorrectionsWarning, stacklevel=2)
    return out
