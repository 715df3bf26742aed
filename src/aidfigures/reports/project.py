"""The project folder a notebook runs in: its root, paths relative to it, the report folder of a run."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from .folders import MARKER
from .params import effective_parameters, notebook_parameters
from .slugs import default_output_dir

__all__ = ["PROJECT_ENV", "TEMPLATES_DIR", "project_path", "project_root", "report_folder"]

#: Environment variable naming the project root explicitly (otherwise it is searched for).
PROJECT_ENV: Final = "AIDFIGURES_PROJECT"
#: Where a project keeps its report notebooks (the templates), relative to its root.
TEMPLATES_DIR: Final = Path("notebooks")
#: A folder holding both of these is a project root.
_MARKERS: Final = ("reports.yml", "notebooks")


def project_root(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The project folder: ``$AIDFIGURES_PROJECT``, else the nearest folder at or above ``start``
    (default the current directory) that holds ``reports.yml`` and ``notebooks/``; None if none does.

    So a notebook finds the project whether it runs in the root (``aidfigures build``, plain
    ``papermill`` from the root), in ``notebooks/`` or in the Lab working folder ``lab/``.
    """
    named = os.environ.get(PROJECT_ENV)
    if named:
        return Path(named).resolve()
    here = Path(start if start is not None else Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if all((folder / marker).exists() for marker in _MARKERS):
            return folder
    return None


def project_path(path: str | os.PathLike[str] | None) -> str | None:
    """A parameter's path as the notebook should open it.

    An absolute path, or a relative one that exists from the current directory, is kept (paths
    given to ``aidfigures report`` are relative to where it is run); any other relative path is
    taken from the project root, so the notebooks' defaults (``data/processed/figures.csv``) work
    from the root, from ``notebooks/`` and from ``lab/``. None stays None; without a project root
    the path is kept as it is.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> for p in ("notebooks", "data"):
    ...     (root / p).mkdir()
    >>> _ = (root / "reports.yml").write_text("jobs: []")
    >>> cwd = os.getcwd(); os.chdir(root / "notebooks")
    >>> project_path("data/figures.csv") == str(root.resolve() / "data" / "figures.csv"), project_path(None)
    (True, None)
    >>> os.chdir(cwd)
    """
    if path is None:
        return None
    given = Path(path)
    if given.is_absolute() or given.exists():
        return str(path)
    root = project_root()
    return str(root / given) if root is not None else str(path)


def report_folder(notebook: str, namespace: Mapping[str, Any]) -> str:
    """The folder a notebook's charts and tables go to: ``output_dir`` when it is set, else the
    project's ``reports/<notebook>-<parameter slug>/``.

    ``aidfigures report`` and ``aidfigures build`` always set ``output_dir``. In JupyterLab, or
    under plain ``papermill``, it is None and the folder is named as ``aidfigures report`` names
    it for the same values: the notebook's stem, then the words and a hash of every parameter
    its template (``notebooks/<notebook>.ipynb``) declares, read from ``namespace`` (the
    notebook's ``globals()``). Call it before the parameters are changed (e.g. by
    :func:`project_path`). A folder named this way is created with aidfigures' marker file
    (:data:`~aidfigures.reports.folders.MARKER`), so that a later ``aidfigures report`` of the same
    values may replace it; an existing folder without the marker is left as it is.

    Parameters
    ----------
    notebook : str
        The template's stem, e.g. ``"country_profile"``.
    namespace : mapping
        The notebook's variables (``globals()``).
    """
    given = namespace.get("output_dir")
    if given:
        return str(given)
    root = project_root() or Path.cwd()
    template = root / TEMPLATES_DIR / f"{notebook}.ipynb"
    declared = notebook_parameters(template) if template.is_file() else {}
    values = {name: namespace[name] for name in declared if name in namespace}
    folder = root / default_output_dir(notebook, effective_parameters(declared, values))
    if not folder.exists():
        folder.mkdir(parents=True)
        (folder / MARKER).write_text("{}\n", encoding="utf-8")
    return str(folder)
