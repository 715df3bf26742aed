"""The ``--corrections`` option of the commands that write or read figures, and what they say about stale ones."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ..corrections import Correction, default_corrections, read_corrections
from ..corrections.extracting import check_output, write_stale

__all__ = ["add_corrections_option", "chosen_corrections", "corrected_extraction", "corrected_figures",
           "report_corrections"]


def add_corrections_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--corrections PATH`` and ``--no-corrections``."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--corrections", metavar="PATH",
                       help="corrections file to apply (CSV, see docs/schema.md; default: the project's "
                            "data/corrections.csv when it exists)")
    group.add_argument("--no-corrections", action="store_true", help="apply no corrections file")


def chosen_corrections(args: argparse.Namespace) -> tuple[Path | None, list[Correction]]:
    """The corrections file the options name (or the project's, when present) and its lines;
    :class:`~aidfigures.errors.CorrectionsError` naming the file and line when it is bad."""
    if getattr(args, "no_corrections", False):
        return None, []
    given = getattr(args, "corrections", None)
    path = Path(given) if given else default_corrections()
    return (path, read_corrections(path)) if path is not None else (None, [])


def report_corrections(output: str | os.PathLike[str], path: Path | None, corrections: list[Correction],
                       say: Callable[[str], None], quiet: bool = False) -> str:
    """After ``extract`` wrote ``output`` with ``corrections``: warn once per stale (and superseded)
    correction, list the stale ones in ``NAME.stale-corrections.csv`` (an old list is removed when
    none is stale), and return the summary line's part, e.g. ``; 3 corrections applied, 1 stale (listed
    in out.stale-corrections.csv)``. ``-`` and ``.xlsx`` outputs have no documents table to check
    against: the part says so."""
    from ..outputs import output_target

    if not corrections:
        return ""
    kind = output_target(output).kind
    if kind in ("stdout", "xlsx"):
        return f"; {len(corrections):,} corrections from {path} applied where they match (not checked for stale " \
               f"ones: {'-' if kind == 'stdout' else 'an .xlsx'} output has no documents table)"
    result = check_output(output, corrections)
    if not quiet:
        for message in result.messages():
            say(f"warning: {message}")
    listed = write_stale(output, result)
    part = f"; {result.applied:,} correction{'' if result.applied == 1 else 's'} applied from {path}"
    if listed is not None:
        part += f", {len(result.stale):,} stale (listed in {listed})"
    return part


def corrected_figures(args: argparse.Namespace, figures_path: str, say: Callable[[str], None]) -> pd.DataFrame:
    """The figures file of ``facts``/``claims`` with the corrections applied (those ``extract`` applied
    are put back as extracted first, so a corrections file edited since is what counts).

    Without corrections the file is read as it is. The documents' sha256 come from the output's
    documents table; a file without one gets the project's corrections file only with a warning
    saying they were not applied, and an explicit ``--corrections`` is an error.
    """
    from ..corrections import read_corrected
    from ..errors import CorrectionsError
    from ..outputs import read_figures

    path, fixes = chosen_corrections(args)
    if not fixes:
        return read_figures(figures_path)
    try:
        figures = read_corrected(figures_path, fixes, warn=False)
    except CorrectionsError as exc:
        if getattr(args, "corrections", None):
            raise
        say(f"warning: the corrections of {path} are not applied: {exc}")
        return read_figures(figures_path)
    for message in figures.attrs.get("stale_corrections", []):
        say(f"warning: {message}")
    return figures


def corrected_extraction(args: argparse.Namespace, figures: pd.DataFrame, texts: dict[str, str],
                         say: Callable[[str], None]) -> pd.DataFrame:
    """Figures just extracted from ``texts`` (``{doc_id: text}``) with the corrections applied."""
    import hashlib

    from ..corrections import apply_corrections

    _, fixes = chosen_corrections(args)
    if not fixes:
        return figures
    result = apply_corrections(figures, {d: hashlib.sha256(t.encode("utf-8")).hexdigest() for d, t in texts.items()},
                               fixes)
    for message in result.messages():
        say(f"warning: {message}")
    return result.figures
