"""Document ids: one distinct doc_id per path, suffixed ``~2``, ``~3``... when a stem is taken."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path


def unique_doc_ids(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """Return one distinct doc_id per path: the file name without extension, suffixed when taken.

    The first file with a given stem keeps it; later ones get ``~2``, ``~3``, ... (skipping any id
    another file has as its own stem). So the ids depend only on the list of paths and its order,
    and the figures key (doc_id, start) stays unique when two folders hold the same file name.

    Examples
    --------
    >>> unique_doc_ids(["a/report.txt", "b/report.md", "c/report~2.txt", "notes.html"])
    ['report', 'report~3', 'report~2', 'notes']
    """
    stems = [Path(p).stem for p in paths]
    taken = set(stems)
    ids: list[str] = []
    used: set[str] = set()
    for stem in stems:
        doc_id, n = stem, 1
        while doc_id in used or (n > 1 and doc_id in taken):
            n += 1
            doc_id = f"{stem}~{n}"
        used.add(doc_id)
        ids.append(doc_id)
    return ids
