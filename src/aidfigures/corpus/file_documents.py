"""Document files as the input of a corpus run: :func:`file_documents`."""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Iterator, Sequence
from fnmatch import fnmatch

from ..errors import DocumentError, DocumentWarning
from ..sources.documents import find_documents, read_document
from ..sources.types import SourceDocument


class _FileDocuments:
    """Document files as :class:`SourceDocument` records (ids, manifest dates), read one at a time."""

    def __init__(self, paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
                 include: Sequence[str] = ()) -> None:
        from .files import _publication_dates
        from ..sources.ids import unique_doc_ids

        files = find_documents(paths)
        if include:
            files = [f for f in files if any(fnmatch(f.name, g) or fnmatch(f.as_posix(), g) for g in include)]
        self.files = files
        self.ids = unique_doc_ids(files)
        self.dates = _publication_dates(files)
        self.total_chars = sum(f.stat().st_size for f in files if f.is_file())

    def __len__(self) -> int:
        return len(self.files)

    def __iter__(self) -> Iterator[SourceDocument]:
        from .files import _without_path

        for path, doc_id in zip(self.files, self.ids, strict=True):
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", DocumentWarning)
                    doc = read_document(path)
            except DocumentError as exc:
                yield SourceDocument(doc_id, str(path), error=_without_path(str(exc), path))
                continue
            yield SourceDocument(doc_id, str(path), doc.text, published=self.dates.get(doc_id),
                                 warnings=doc.warnings)


def file_documents(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str], *,
                   include: Sequence[str] = ()) -> _FileDocuments:
    """The ``.txt``/``.md``/``.html`` documents under ``paths`` as :class:`SourceDocument` records.

    Ids as :func:`aidfigures.sources.unique_doc_ids` gives them, publication dates from
    ``sources.csv`` manifests, unreadable files as records with ``error`` set. ``include`` keeps
    only files whose name or path matches one of the globs. The result has a ``len()`` and a
    ``total_chars`` estimate (file sizes) for progress.

    Raises
    ------
    DocumentError
        A path does not exist.
    """
    return _FileDocuments(paths, include)
