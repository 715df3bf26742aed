"""Extract figures from many document files into one table, recording each document's fate."""

from __future__ import annotations

import datetime as dt
import os
import sys
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from ..errors import DocumentError, DocumentWarning
from ..extract import Figure, find_figures, validate_documents
from ..sources.ids import unique_doc_ids
from ..sources.documents import Document, find_documents, read_document
from ..sources.manifest import find_manifest, read_manifest

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

    Documents are found with :func:`aidfigures.sources.find_documents`, given ids with
    :func:`unique_doc_ids`, read with :func:`aidfigures.sources.read_document` and passed to
    :func:`aidfigures.extract.extract`. A document that cannot be read, whose extraction raises,
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
    files = find_documents(paths)
    dates = _publication_dates(files)
    bar = tqdm(zip(files, unique_doc_ids(files)), total=len(files), unit="doc", file=sys.stderr,
               disable=not (progress and sys.stderr.isatty()), leave=False)
    tables: dict[int, list[Figure]] = {}
    statuses: list[DocumentStatus] = []
    for path, doc_id in bar:
        bar.set_postfix_str(path.name, refresh=False)
        status = DocumentStatus(path, doc_id)
        try:
            doc = read_document(path)
            status = replace(status, warnings=doc.warnings)
            table = _extract_document(replace(doc, doc_id=doc_id), dates.get(doc_id))
            if any(f.doc_id != doc_id for f in table):
                raise ValueError(f"figures carry a doc_id other than {doc_id!r}")
        except DocumentError as exc:
            statuses.append(_failed(status, _without_path(str(exc), path)))
            continue
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the corpus
            statuses.append(_failed(status, f"extraction failed: {type(exc).__name__}: {exc}"))
            continue
        tables[len(statuses)] = sorted(table, key=lambda f: f.start)
        statuses.append(replace(status, n_figures=len(table)))
    return ExtractionRun(_combine(tables, statuses), tuple(statuses))


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


def _extract_document(doc: Document, published: dt.date | None = None) -> list[Figure]:
    """Run the extractor on one document."""
    return find_figures(doc.text, doc_id=doc.doc_id, published=published)


def _publication_dates(files: Sequence[Path]) -> dict[str, dt.date]:
    """Publication dates by file stem from the ``sources.csv`` manifests beside the files."""
    dates: dict[str, dt.date] = {}
    for folder in dict.fromkeys(f.parent for f in files):
        manifest = find_manifest(folder)
        if manifest is not None:
            dates.update(read_manifest(manifest))
    return dates


def _failed(status: DocumentStatus, reason: str) -> DocumentStatus:
    """Warn that a document was skipped and return its failed status."""
    warnings.warn(f"{status.path}: {reason}; skipped", DocumentWarning, stacklevel=3)
    return replace(status, n_figures=0, error=reason)


def _without_path(message: str, path: Path) -> str:
    """Drop the ``"<path>: "`` prefix that DocumentError messages start with."""
    prefix = f"{path}: "
    return message[len(prefix):] if message.startswith(prefix) else message


def _combine(tables: dict[int, list[Figure]], statuses: list[DocumentStatus]) -> pd.DataFrame:
    """Build one validated table from every document's figures; documents whose figures are
    invalid fail."""
    figures, failed = validate_documents(tables)
    for index, exc in failed.items():
        statuses[index] = _failed(statuses[index], f"invalid figures: {exc}")
    return figures


def scan_documents(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str]) -> pd.DataFrame:
    """List the documents under ``paths`` without extracting them: doc_id, path, characters, error.

    Each file is read (as :func:`run_extraction` would read it) so that unreadable ones show up
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
    """
    files = find_documents(paths)
    rows = []
    for path, doc_id in zip(files, unique_doc_ids(files), strict=True):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DocumentWarning)
                text = read_document(path).text
            rows.append((doc_id, str(path), len(text), None))
        except DocumentError as exc:
            rows.append((doc_id, str(path), None, _without_path(str(exc), path)))
    table = pd.DataFrame(rows, columns=["doc_id", "path", "characters", "error"])
    return table.astype({"doc_id": "string", "path": "string", "characters": "Int64", "error": "string"})
