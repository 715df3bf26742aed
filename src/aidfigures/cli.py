"""The ``aidfigures`` command line.

``aidfigures extract PATH... -o OUT [--summary]`` writes the figures table;
``aidfigures report NOTEBOOK [-p NAME VALUE]... [-f params.yaml] [-o DIR] [--timeout SEC]`` runs one
report notebook; ``aidfigures build reports.yml [--only NAME]...`` runs the jobs of a build file
(both in :mod:`aidfigures._report_commands`).
``aidfigures facts FIGURES -o FACTS`` consolidates figures into facts; ``aidfigures claims PATH...
-o CLAIMS`` checks rank and change claims (both in :mod:`aidfigures._fact_commands`).
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Sequence
from typing import Final

import pandas as pd

from . import __version__
from ._fact_commands import COMMANDS as _FACT_COMMANDS, add_commands as _add_fact_commands
from ._report_commands import COMMANDS as _REPORT_COMMANDS, add_commands as _add_report_commands
from .corpus import ExtractionRun, run_extraction
from .errors import AidFiguresError, DocumentWarning
from .formatting import format_money
from .io import figures_format, write_figures, write_figures_csv

__all__ = ["main"]

_PROG: Final = "aidfigures"
_SUMMARY_MAX_ROWS: Final = 100
_FAILURES_INLINE: Final = 3


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status.

    Exit status of ``extract``: 0 when every document was read, 1 when some document failed (the
    figures of the others are still written) or the output could not be written. ``report`` and
    ``build``: 0 when every report ran, 1 when one failed (the previous good report is kept). All:
    2 for usage errors (unknown option, missing input path or notebook, bad build file...).

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program name; ``sys.argv[1:]`` when None.

    Examples
    --------
    >>> main(["extract", "no/such/dir", "-o", "figures.csv"])
    2
    """
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors: argparse already printed
        return exc.code if isinstance(exc.code, int) else 2
    command = {"extract": _extract_command, **_REPORT_COMMANDS, **_FACT_COMMANDS}[args.command]
    return command(args)


def _parser() -> argparse.ArgumentParser:
    """Build the argument parser."""
    parser = argparse.ArgumentParser(
        prog=_PROG, description="Turn prose about aid money into a tidy table of monetary figures.")
    parser.add_argument("--version", action="version", version=f"{_PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    extract = commands.add_parser(
        "extract", help="extract figures from documents into a CSV or Parquet file",
        description="Read .txt, .md and .html documents (directories are searched recursively) "
                    "and write one row per monetary figure.")
    extract.add_argument("paths", nargs="+", metavar="PATH", help="document files or directories")
    extract.add_argument("-o", "--output", required=True, metavar="OUT",
                         help="output file: .csv or .parquet; '-' writes CSV to stdout")
    extract.add_argument("--summary", action="store_true",
                         help="print a table of the figures (to stderr when OUT is '-')")
    extract.add_argument("--no-progress", action="store_true", help="no progress bar")

    _add_report_commands(commands)  # report, build: see aidfigures._report_commands
    _add_fact_commands(commands)  # facts, claims: see aidfigures._fact_commands
    return parser


def _extract_command(args: argparse.Namespace) -> int:
    """Run ``aidfigures extract``."""
    to_stdout = args.output == "-"
    try:
        if not to_stdout:
            figures_format(args.output)
        with warnings.catch_warnings():  # reported below, once, in our own words
            warnings.simplefilter("ignore", DocumentWarning)
            run = run_extraction(args.paths, progress=not args.no_progress)
    except AidFiguresError as exc:  # a missing input path, an unsupported output type
        _say(f"error: {exc}")
        return 2
    for status in run.documents:
        for note in status.warnings:
            _say(f"warning: {note}")
    status = 1 if run.failures else 0
    try:
        if to_stdout:
            write_figures_csv(run.figures, sys.stdout)
            sys.stdout.flush()
        else:
            write_figures(run.figures, args.output)
    except BrokenPipeError:  # e.g. `aidfigures extract docs -o - | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = 1
    except (OSError, AidFiguresError) as exc:
        _say(f"error: cannot write {args.output}: {exc}")
        status = 1
    if args.summary:
        print(_summary_table(run.figures), file=sys.stderr if to_stdout else sys.stdout)
    if len(run.failures) > _FAILURES_INLINE:  # too many for the summary line: one line each
        for failed in run.failures:
            _say(f"failed: {failed.path}: {failed.error}")
    _say(_summary_line(run))
    return status


def _say(message: str) -> None:
    """Print ``aidfigures: message`` on stderr."""
    print(f"{_PROG}: {message}", file=sys.stderr)


def _plural(n: int, word: str) -> str:
    """``'1 document'``, ``'2 documents'``."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def _summary_line(run: ExtractionRun) -> str:
    """The one-line account of a run.

    Examples
    --------
    >>> from pathlib import Path
    >>> from aidfigures.corpus import DocumentStatus
    >>> from aidfigures.schema import empty_figures
    >>> docs = (DocumentStatus(Path("a.txt"), "a"),
    ...         DocumentStatus(Path("bad.bin"), "bad", error="binary file, not text"))
    >>> _summary_line(ExtractionRun(empty_figures(), docs))
    '2 documents, 0 figures, 1 failed (bad.bin: binary file, not text)'
    """
    failures = run.failures
    line = f"{_plural(len(run.documents), 'document')}, {_plural(len(run.figures), 'figure')}, "
    line += f"{len(failures)} failed"
    if failures:
        shown = [f"{f.path}: {f.error}" for f in failures[:_FAILURES_INLINE]]
        if len(failures) > _FAILURES_INLINE:
            shown.append(f"{len(failures) - _FAILURES_INLINE} more listed above")
        line += " (" + "; ".join(shown) + ")"
    return line


def _summary_table(figures: pd.DataFrame) -> str:
    """Render figures as a fixed-width text table (doc, recipient, year, amount, ...)."""
    header = ("doc", "recipient", "year", "amount", "qualifier", "measure", "is_aid")
    rows = [header]
    for fig in figures.head(_SUMMARY_MAX_ROWS).itertuples(index=False):
        year = "-" if pd.isna(fig.year) else f"{'FY' if fig.fiscal is True else ''}{fig.year}"
        if not pd.isna(fig.year_end):
            year += f"–{fig.year_end}"
        rows.append((
            _clip(fig.doc_id, 32), _clip(fig.recipient, 24), year,
            format_money(fig.amount, fig.currency, fig.amount_high,
                           None if pd.isna(fig.per) else fig.per),
            _clip(fig.qualifier, 10), _clip(fig.measure, 12),
            "-" if pd.isna(fig.is_aid) else "yes" if fig.is_aid else "no",
        ))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    if figures.empty:
        lines.append("(no figures)")
    elif len(figures) > _SUMMARY_MAX_ROWS:
        lines.append(f"... and {len(figures) - _SUMMARY_MAX_ROWS} more figures")
    return "\n".join(lines)


def _clip(value: object, width: int) -> str:
    """Text for a table cell: ``-`` for NA, cut to ``width`` characters with an ellipsis."""
    text = "-" if value is None or pd.isna(value) else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"
