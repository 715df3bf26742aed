"""What a report writes: chart images and CSV tables (called from notebooks), the HTML export."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import uuid
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from ..errors import ReportError
from ..outputs.atomic import atomic_write

if TYPE_CHECKING:  # matplotlib is imported by whoever made the figure, never here; pandas when a table is saved
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["MANIFEST", "check_replaceable", "export_html", "file_sha256", "input_files", "json_ready",
           "save_chart", "save_table", "swap_in"]

#: Every report folder has one; a folder with it may be replaced by a new run.
MANIFEST: Final = "manifest.json"
#: Chart PNGs are written at this resolution (a 6.4 x 4.8 in figure gives 960 x 720 pixels).
CHART_DPI: Final = 150
#: Decimal places of the floats :func:`save_table` writes: cents, hundredths of a percent.
DECIMALS: Final = 2
#: Columns holding shares or probabilities (0.031 = 3.1%), written with :data:`SHARE_DECIMALS` places.
SHARES: Final = frozenset({"relative_spread", "confidence"})
SHARE_DECIMALS: Final = 6
_NAME: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_OUTPUT_SUFFIXES: Final = (".png", ".svg", ".csv")
#: Text cells starting like this get a leading ``'`` in CSV exports (spreadsheet formula injection).


def save_chart(fig: Figure, name: str, output_dir: str | os.PathLike[str],
               data: pd.DataFrame | None = None) -> list[Path]:
    """Save a matplotlib figure as ``name.png`` and ``name.svg`` (and its data as ``name.csv``).

    Meant for report notebooks: ``save_chart(fig, "amount_by_year", output_dir, data=table)``
    with the ``output_dir`` parameter that :func:`aidfigures.reports.run_report` injects. Only
    ``fig.savefig`` is used (no pyplot state); the PNG is written at 150 dpi, both images with a
    tight bounding box so that labels and source lines under the axes are not cut off. Each file
    is written atomically. The folder is created if missing.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    name : str
        File name without extension: letters, digits, ``.``, ``_`` and ``-``.
    output_dir : str or path-like
    data : DataFrame, optional
        The table behind the chart, written with :func:`save_table`.

    Returns
    -------
    list of Path
        The PNG, the SVG and, with ``data``, the CSV.

    Examples
    --------
    >>> import tempfile
    >>> from matplotlib.figure import Figure
    >>> fig = Figure()
    >>> _ = fig.subplots().bar(["Peru", "Colombia"], [56.4, 351.0])
    >>> import pandas as pd
    >>> tmp = tempfile.TemporaryDirectory()
    >>> table = pd.DataFrame({"country": ["Peru", "Colombia"], "amount": [56.4e6, 351e6]})
    >>> [p.name for p in save_chart(fig, "bars", tmp.name + "/charts", data=table)]
    ['bars.png', 'bars.svg', 'bars.csv']
    >>> tmp.cleanup()
    """
    if not callable(getattr(fig, "savefig", None)):
        raise TypeError(f"save_chart needs a matplotlib Figure, not {type(fig).__name__}")
    folder = _folder(output_dir)
    stem = _check_name(name)
    paths = []
    for fmt, options in (("png", {"dpi": CHART_DPI}), ("svg", {"metadata": {"Date": None}})):
        path = folder / f"{stem}.{fmt}"
        atomic_write(path, partial(_save_figure, fig, fmt, options))
        paths.append(path)
    if data is not None:
        paths.append(save_table(data, stem, folder))
    return paths


def save_table(df: pd.DataFrame | pd.Series, name: str, output_dir: str | os.PathLike[str]) -> Path:
    """Write a table as ``name.csv`` (UTF-8, header, no row numbers) and return its path.

    A named index (e.g. ``year`` after a groupby or pivot) is kept as leading columns; an unnamed
    one (row numbers) is dropped. Text cells follow the one CSV rule of the figures CSV
    (:func:`aidfigures.outputs.write_table_csv`): those starting with ``=``, ``+``, ``-``, ``@``,
    ``'``, a tab or a carriage return, or empty, get a leading ``'`` so that spreadsheets do not
    run them as formulas, and those holding ``,`` ``;`` a tab, a quote or a line end are quoted;
    floats are rounded to :data:`DECIMALS` places (cents for dollar amounts, hundredths of a
    percent for ``*_pct``), or :data:`SHARE_DECIMALS` for the columns of :data:`SHARES` (0 to 1
    shares, rates), so that no float noise (``148.7373289700076``) reaches the file. The file is
    written atomically and the folder is created if missing.

    Examples
    --------
    >>> import tempfile
    >>> import pandas as pd
    >>> tmp = tempfile.TemporaryDirectory()
    >>> table = pd.DataFrame({"year": [2006, 2011], "amount": [56.4e6, 351e6], "note": ["ok", "=1+1"],
    ...                       "difference_pct": [148.7373289700076, -17.378586896500547]})
    >>> path = save_table(table.set_index("year"), "by_year", tmp.name)
    >>> print(path.read_text(encoding="utf-8"), end="")
    year,amount,note,difference_pct
    2006,56400000.0,ok,148.74
    2011,351000000.0,'=1+1,-17.38
    >>> tmp.cleanup()
    """
    import pandas as pd

    if isinstance(df, pd.Series):
        df = df.to_frame()
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"save_table needs a pandas DataFrame, not {type(df).__name__}")
    if any(level is not None for level in df.index.names):
        df = df.reset_index()
    df = _rounded(df)
    path = _folder(output_dir) / f"{_check_name(name)}.csv"
    atomic_write(path, partial(_write_csv, df))
    return path


def _rounded(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with float columns rounded as :func:`save_table` documents (a copy when any is)."""
    from pandas.api.types import is_float_dtype

    floats = [i for i in range(df.shape[1]) if is_float_dtype(df.iloc[:, i].dtype)]
    if not floats:
        return df
    out = df.copy()
    for i in floats:
        name = str(df.columns[i])
        out.isetitem(i, df.iloc[:, i].round(SHARE_DECIMALS if name in SHARES else DECIMALS))
    return out


def _write_csv(df: pd.DataFrame, tmp: Path) -> None:
    """The one CSV rule of every CSV aidfigures writes (:func:`aidfigures.outputs.write_table_csv`)."""
    from ..outputs.csv_format import write_table_csv

    with tmp.open("w", encoding="utf-8", newline="") as handle:
        write_table_csv(df, handle)


def _folder(output_dir: str | os.PathLike[str]) -> Path:
    """The output folder as a Path, created if missing."""
    folder = Path(output_dir)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _check_name(name: str) -> str:
    """Refuse names that are not plain file stems (no folders, no extension)."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ReportError(f"output name {name!r}: use letters, digits, '.', '_' and '-' only "
                          "(no folders), starting with a letter or digit")
    if name.lower().endswith(_OUTPUT_SUFFIXES):
        raise ReportError(f"output name {name!r}: give it without an extension")
    return name


def file_sha256(path: Path) -> str:
    """The SHA-256 hex digest of a file's bytes."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def export_html(notebook: Path, html: Path, title: str, inputs: Sequence[Mapping[str, Any]] = ()) -> None:
    """Write an executed notebook as HTML without code cells or prompts (outputs and prose only),
    with no scripts and a Content-Security-Policy (:func:`~aidfigures.reports.safe_html.secure_page`).

    The page loads no MathJax (see :mod:`aidfigures.reports.page`); its ``<title>`` is its first
    H1 (``title`` when it has none), and a block after that H1 says when it was built, from which
    notebook, parameters and ``inputs`` (:func:`input_files`'s list).
    """
    import nbformat

    from .page import about_block, html_exporter, insert_after_h1, page_title, set_title
    from .safe_html import secure_page

    nb = nbformat.read(notebook, as_version=4)
    run = nb.metadata.get("papermill", {})
    body, _ = html_exporter().from_notebook_node(nb, resources={"metadata": {"name": title}})
    about = about_block(str(run.get("input_path") or notebook), run.get("end_time") or run.get("start_time"),
                        run.get("parameters") or {}, inputs)
    body = insert_after_h1(set_title(body, page_title(body, title)), about)
    html.write_text(secure_page(body), encoding="utf-8")


def json_ready(value: Any, where: str) -> Any:
    """A parameter value as JSON-like data (str, int, float, bool, None, list, dict).

    Paths become strings, tuples lists, dates ISO strings (papermill would write them unquoted).
    Anything else is a :class:`ReportError` naming ``where``.
    """
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if isinstance(value, (list, tuple)):
        return [json_ready(v, f"{where}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise ReportError(f"parameter {where}: mapping keys must be strings")
        return {k: json_ready(v, f"{where}.{k}") for k, v in value.items()}
    if hasattr(value, "isoformat"):  # date, datetime, pandas Timestamp
        return value.isoformat()
    if hasattr(value, "item") and callable(value.item):  # numpy scalars
        return json_ready(value.item(), where)
    raise ReportError(f"parameter {where}: a {type(value).__name__} cannot be passed to a notebook; "
                      "use strings, numbers, booleans, lists and mappings")


def check_replaceable(folder: Path) -> None:
    """Refuse to replace anything that is not an empty folder or a report folder aidfigures made
    (:func:`~aidfigures.reports.folders.made_by_aidfigures`: its marker file, not any ``manifest.json``)."""
    from .folders import MARKER, made_by_aidfigures

    if not (folder.exists() or folder.is_symlink()):
        return
    if folder.is_symlink() or not folder.is_dir():
        raise ReportError(f"{folder}: exists and is not a folder; choose another output folder")
    if made_by_aidfigures(folder, MANIFEST) or not any(folder.iterdir()):
        return
    raise ReportError(f"{folder}: exists and is not a report folder made by aidfigures (no {MARKER} file); "
                      "its files would be deleted: choose another output folder or remove it")




def swap_in(new: Path, dest: Path) -> None:
    """Put folder ``new`` at ``dest``: the old ``dest`` is renamed away, ``new`` renamed in, old deleted."""
    check_replaceable(dest)
    old = None
    if dest.exists():
        old = dest.with_name(f".{dest.name}.old-{uuid.uuid4().hex[:8]}")
        os.rename(dest, old)
    try:
        os.rename(new, dest)
    except BaseException:
        if old is not None:
            os.rename(old, dest)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def input_files(parameters: Mapping[str, Any], cwd: Path) -> list[dict[str, Any]]:
    """Path, size and SHA-256 of every parameter value (or list item) that names an existing file."""
    found = []

    def visit(name: str, value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                visit(name, item)
        elif isinstance(value, dict):
            for key, item in value.items():
                visit(f"{name}.{key}", item)
        elif isinstance(value, str) and value and len(value) < 4096:
            path = cwd / value
            try:
                if path.is_file():
                    found.append({"parameter": name, "path": value, "bytes": path.stat().st_size,
                                  "sha256": file_sha256(path)})
            except OSError:
                pass

    for name, value in parameters.items():
        visit(name, value)
    return found


def _save_figure(fig: Figure, fmt: str, options: dict[str, Any], tmp: Path) -> None:
    fig.savefig(tmp, format=fmt, bbox_inches="tight", **options)
