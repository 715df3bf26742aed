"""The ``aidfigures`` command line.

``aidfigures extract CORPUS... -o OUT [--workers N] [--resume]...`` writes the figures and documents
tables; ``aidfigures sql OUTPUT "select ..."`` queries them (both in :mod:`aidfigures.cli.extract`);
``aidfigures report NOTEBOOK [-p NAME VALUE]... [-f params.yaml] [-o DIR] [--timeout SEC]`` runs one
report notebook; ``aidfigures build reports.yml [--only NAME]...`` runs the jobs of a build file
(both in :mod:`aidfigures.cli.reports`).
``aidfigures facts FIGURES -o FACTS`` consolidates figures into facts; ``aidfigures claims PATH...
-o CLAIMS`` checks rank and change claims (both in :mod:`aidfigures.cli.facts`).
``aidfigures pipeline reports.yml`` runs all of these as reports.yml declares, rebuilding what is out
of date (:mod:`aidfigures.cli.pipeline`); ``aidfigures workspace lab`` seeds JupyterLab's working
folder from the templates (:mod:`aidfigures.cli.lab`); ``aidfigures review FIGURES -o review.html`` lists
the figures that most need a look (:mod:`aidfigures.cli.review`).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Final

from .extract import COMMANDS as _CORPUS_COMMANDS
from .extract import add_commands as _add_corpus_commands
from .extract import add_extract_options as _add_extract_options
from .facts import COMMANDS as _FACT_COMMANDS
from .facts import add_commands as _add_fact_commands
from .lab import COMMANDS as _LAB_COMMANDS
from .lab import add_commands as _add_lab_commands
from .pipeline import COMMANDS as _PIPELINE_COMMANDS
from .pipeline import add_commands as _add_pipeline_commands
from .reports import COMMANDS as _REPORT_COMMANDS
from .reports import add_commands as _add_report_commands
from .review import COMMANDS as _REVIEW_COMMANDS
from .review import add_commands as _add_review_commands

__all__ = ["main"]

_PROG: Final = "aidfigures"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status.

    Exit status of ``extract``: 0 when every document was read, 1 when some document failed (the
    figures of the others are still written) or the output could not be written, 3 when the paths
    hold no document to read (nothing is written; the message lists the files skipped), 130 when
    interrupted (the partial output is kept for ``--resume``). ``report`` and
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
    command = {**_CORPUS_COMMANDS, **_REPORT_COMMANDS, **_FACT_COMMANDS, **_LAB_COMMANDS,
               **_PIPELINE_COMMANDS, **_REVIEW_COMMANDS}[args.command]
    return command(args)


def _parser() -> argparse.ArgumentParser:
    """Build the argument parser."""
    parser = argparse.ArgumentParser(
        prog=_PROG, description="Turn prose about aid money into a tidy table of monetary figures.")
    parser.add_argument("--version", action=_Version, nargs=0, help="show program's version number and exit")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    extract = commands.add_parser(
        "extract", help="extract figures from documents into CSV, Parquet or DuckDB",
        description="Read a corpus (directories are searched recursively) and write one row per "
                    "monetary figure, and one row per document in the documents table beside it.")
    extract.add_argument("paths", nargs="+", metavar="PATH", help="corpus: document files, directories, table corpora")
    extract.add_argument("-o", "--output", required=True, metavar="OUT",
                         help="output: .csv, .parquet, .xlsx (Excel), .duckdb, or DIR/ (a Parquet dataset); "
                              "'-' writes figures CSV to stdout")
    extract.add_argument("--summary", action="store_true",
                         help="print a table of the figures (to stderr when OUT is '-')")
    extract.add_argument("--no-progress", action="store_true", help="no progress bar or lines")
    _add_extract_options(extract)  # workers, resume, ...: see aidfigures.cli.extract

    _add_report_commands(commands)  # report, build: see aidfigures.cli.reports
    _add_fact_commands(commands)  # facts, claims: see aidfigures.cli.facts
    _add_corpus_commands(commands)  # sql: see aidfigures.cli.extract
    _add_lab_commands(commands)  # workspace: see aidfigures.cli.lab
    _add_pipeline_commands(commands)  # pipeline: see aidfigures.cli.pipeline
    _add_review_commands(commands)  # review: see aidfigures.cli.review
    return parser


class _Version(argparse.Action):
    """``--version``: looks the version up when asked (importlib.metadata costs a tenth of a second)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        print(f"{_PROG} {_installed_version()}")  # on stdout, as argparse's version action
        parser.exit()


def _installed_version() -> str:
    """The installed distribution's version (what ``aidfigures.__version__`` says)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("aidfigures")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"
