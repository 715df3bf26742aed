"""The JupyterLab working folder: analysts' copies of the report templates, seeded and kept up to date.

``make lab`` opens JupyterLab on a git-ignored folder (``lab/``) instead of ``notebooks/``, so
opening, autosaving and running notebooks never touches the committed templates. Each template is
copied in when its copy is missing. A template that changed later reaches its copy on the next
seeding when the copy's cells still read as the template they were copied from (Lab's own changes —
metadata, cell ids, outputs — do not count as edits); an edited copy is kept and the new template is
written beside it as ``<name>.new.ipynb``. What each copy was seeded from is kept in ``.seeded.json``.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path
from typing import Any, Final

from ..errors import ReportError

__all__ = ["SEEDED", "Seeding", "seed_workspace"]

#: The record of what each copy was seeded from (template name -> digest of its cells).
SEEDED: Final = ".seeded.json"
_NEW_SUFFIX: Final = ".new.ipynb"


@dataclass(frozen=True)
class Seeding:
    """What happened to one template's copy.

    Attributes
    ----------
    name : str
        The notebook file name, e.g. ``country_profile.ipynb``.
    action : str
        ``"copied"`` (new copy), ``"updated"`` (the template changed and the copy had no edits),
        ``"kept"`` (the template changed but the copy has edits: the new template is ``new``),
        ``"current"`` (nothing to do).
    new : Path or None
        Where the changed template was written beside an edited copy.
    """

    name: str
    action: str
    new: Path | None = None


def seed_workspace(templates: str | os.PathLike[str], workspace: str | os.PathLike[str]) -> list[Seeding]:
    """Copy the ``.ipynb`` templates of ``templates`` into ``workspace``, never overwriting edits.

    Examples
    --------
    >>> import pathlib, tempfile, nbformat
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> (root / "notebooks").mkdir()
    >>> book = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    >>> nbformat.write(book, root / "notebooks" / "a.ipynb")
    >>> [s.action for s in seed_workspace(root / "notebooks", root / "lab")]
    ['copied']
    >>> [s.action for s in seed_workspace(root / "notebooks", root / "lab")]
    ['current']
    """
    import nbformat

    source, target = Path(templates), Path(workspace)
    if not source.is_dir():
        raise ReportError(f"{source}: no templates folder")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(f"{target}: cannot create the working folder ({exc})") from None
    record_path = target / SEEDED
    record = _read_record(record_path)
    done = []
    for template in sorted(source.glob("*.ipynb")):
        copy = target / template.name
        try:
            fresh = _digest(nbformat.read(template, as_version=4))
        except Exception as exc:  # noqa: BLE001 - JSON or nbformat errors
            raise ReportError(f"{template}: not a readable notebook ({type(exc).__name__}: {exc})") from None
        seeded_from = record.get(template.name)
        if not copy.exists():
            shutil.copyfile(template, copy)
            action, new = "copied", None
        elif seeded_from == fresh:
            action, new = "current", None
        elif seeded_from is not None and _copy_digest(copy) == seeded_from:
            shutil.copyfile(template, copy)
            action, new = "updated", None
        elif _copy_digest(copy) == fresh:  # the analyst already took the change over
            action, new = "current", None
        else:
            new = copy.with_name(copy.name.removesuffix(".ipynb") + _NEW_SUFFIX)
            shutil.copyfile(template, new)
            done.append(Seeding(template.name, "kept", new))
            continue  # keep the old record: the copy still reads as that template plus edits
        record[template.name] = fresh
        done.append(Seeding(template.name, action, new))
    record_path.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return done


def _digest(book: Any) -> str:
    """SHA-256 of what an analyst writes: the cells' types and sources (not outputs, ids, metadata)."""
    cells = [[cell.cell_type, cell.source] for cell in book.cells]
    return sha256(json.dumps(cells, ensure_ascii=False).encode("utf-8")).hexdigest()


def _copy_digest(copy: Path) -> str | None:
    import nbformat

    try:
        return _digest(nbformat.read(copy, as_version=4))
    except Exception:  # noqa: BLE001 - a copy we cannot read counts as edited: it is kept
        return None


def _read_record(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
