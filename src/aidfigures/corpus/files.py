"""Extract the figures of a corpus into one in-memory table, recording each document's fate.

Built on :func:`aidfigures.sources.iter_documents` and :func:`aidfigures.corpus.run_corpus`: the
same documents, ids and dates as ``aidfigures extract``."""

from __future__ import annotations

import os
import sys
import tempfile
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DocumentWarning
from ..outputs import read_documents, read_figures
from ..sources import iter_documents
from .options import RunOptions
from .runner import run_corpus

if TYPE_CHECKING:  # imported where a table is built: a CSV run needs none
    import pandas as pd

__all__ = ["DocumentStatus", "ExtractionRun", "extract_files", "run_extraction", "scan_documents"]

@dataclass(frozen=True)
class DocumentStatus:
    """What happened to one document file in a corpus run.

    Attributes
    ----------
    path : Path
        The file.
    doc_id : str
        The id its figures carry (see :func:`unique_doc_ids`).
    n_figures : int
        Figures found (0 when it failed).
    error : str or None
        Why it failed, without the path (e.g. ``"binary file, not text"``); None when it worked.
    warnings : tuple of str
        Problems that did not stop it (e.g. decoded as cp1252).
    """

    path: Path
    doc_id: str
    n_figures: int = 0
    error: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the document was read and its figures extracted."""
        return self.error is None


@dataclass(frozen=True)
class ExtractionRun:
    """The result of :func:`run_extraction`: the figures and one status per document, in order."""

    figures: pd.DataFrame
    documents: tuple[DocumentStatus, ...]

    @property
    def failures(self) -> tuple[DocumentStatus, ...]:
        """The documents that failed."""
        return tuple(d for d in self.documents if not d.ok)




def run_extraction(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str], *,
                   progress: bool = False) -> ExtractionRun:
    """Read every document under ``paths``, extract its figures, and report per document.

    Documents are read with :func:`aidfigures.sources.iter_documents` and extracted by the corpus
    runner (:func:`aidfigures.corpus.run_corpus`, one process), so a folder gives the same documents,
    ids and dates as ``aidfigures extract``. A document that cannot be read, whose extraction raises,
    or whose figures do not pass :func:`aidfigures.schema.validate` is skipped with a
    :class:`~aidfigures.errors.DocumentWarning`; the others carry on. Figures come in document
    order, then by ``start``.

    Parameters
    ----------
    paths : path-like or iterable of path-likes
        Files and directories.
    progress : bool, default False
        Show a progress bar on stderr (only when stderr is a terminal).

    Returns
    -------
    ExtractionRun

    Raises
    ------
    DocumentError
        A path does not exist (nothing is read).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> folder = pathlib.Path(tmp.name)
    >>> _ = (folder / "peru.txt").write_text("Peru received $5 million in 2006.")
    >>> _ = (folder / "blob.txt").write_bytes(b"\\x00\\x01")
    >>> import warnings
    >>> with warnings.catch_warnings(record=True):
    ...     run = run_extraction([folder])
    >>> [(d.doc_id, d.error) for d in run.documents]
    [('blob', 'binary file, not text'), ('peru', None)]
    >>> from aidfigures.schema import COLUMNS
    >>> list(run.figures.columns) == list(COLUMNS)
    True
    >>> tmp.cleanup()
    """
    documents = iter_documents(paths)
    with tempfile.TemporaryDirectory(prefix="aidfigures-") as tmp:
        out = Path(tmp) / "figures.parquet"
        shown = "auto" if progress and sys.stderr.isatty() else "none"
        run_corpus(documents, out, RunOptions(workers=1, progress=shown))
        figures = read_figures(out)
        table = read_documents(out)
    statuses = tuple(_status(row) for row in table.itertuples(index=False))
    for status in statuses:
        for note in status.warnings:
            where = "" if note.startswith(str(status.path)) else f"{status.path}: "
            warnings.warn(f"{where}{note}", DocumentWarning, stacklevel=2)
        if not status.ok:
            warnings.warn(f"{status.path}: {status.error}; skipped", DocumentWarning, stacklevel=2)
    return ExtractionRun(figures, statuses)


def _status(row: Any) -> DocumentStatus:
    """A documents-table row as a :class:`DocumentStatus`."""
    import pandas as pd

    notes = () if pd.isna(row.warnings) else (row.warnings,)
    return DocumentStatus(Path(row.source), row.doc_id, int(row.n_figures), None if pd.isna(row.error) else row.error,
                          notes)


def extract_files(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str], *,
                  progress: bool = False) -> pd.DataFrame:
    """Return the figures of every document under ``paths`` as one validated table.

    Same as ``run_extraction(paths, progress=progress).figures``: failing documents are skipped
    with a :class:`~aidfigures.errors.DocumentWarning` naming the file and the reason; use
    :func:`run_extraction` to get the per-document statuses as data. When two files share a name,
    their doc_ids are made unique as :func:`unique_doc_ids` describes.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> folder = pathlib.Path(tmp.name)
    >>> _ = (folder / "peru.txt").write_text("Peru received $5 million in 2006.")
    >>> figures = extract_files(folder)
    >>> from aidfigures.schema import COLUMNS
    >>> list(figures.columns) == list(COLUMNS)
    True
    >>> tmp.cleanup()
    """
    return run_extraction(paths, progress=progress).figures


def scan_documents(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str]) -> pd.DataFrame:
    """List the documents under ``paths`` without extracting them: doc_id, path, characters, error.

    Each document is read as :func:`run_extraction` reads it (:func:`aidfigures.sources.iter_documents`), so
    that unreadable ones show up
    with the reason in ``error``; doc_ids are those :func:`run_extraction` gives.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> folder = pathlib.Path(tmp.name)
    >>> _ = (folder / "peru.txt").write_text("Peru received $5 million in 2006.")
    >>> _ = (folder / "blob.txt").write_bytes(b"\\x00\\x01")
    >>> scan_documents(folder)[["doc_id", "characters", "error"]].to_string(index=False)
    'doc_id  characters                 error\\n  blob        <NA> binary file, not text\\n  peru          33                  <NA>'
    >>> tmp.cleanup()
    """  # noqa: E501
    rows = [(doc.doc_id, doc.source, None if doc.error else len(doc.text), doc.error)
            for doc in iter_documents(paths)]
    import pandas as pd

    table = pd.DataFrame(rows, columns=["doc_id", "path", "characters", "error"])
    return table.astype({"doc_id": "string", "path": "string", "characters": "Int64", "error": "string"})
