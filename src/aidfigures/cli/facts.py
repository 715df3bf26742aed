"""The ``aidfigures facts`` and ``aidfigures claims`` subcommands (parsers and handlers)."""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Callable
from typing import Final

import pandas as pd

from ..analysis.claims import claims
from ..analysis.constant import DEFLATORS, to_constant
from ..analysis.facts import facts
from ..corpus.files import run_extraction
from ..errors import AidFiguresError, DocumentWarning
from ..outputs.figure_files import figures_format, write_table, write_table_csv
from ..schema.claims import CLAIM_COLUMNS
from ..sources import iter_documents
from .corrections import add_corrections_option, corrected_extraction, corrected_figures

__all__ = ["COMMANDS", "add_commands"]

_PROG: Final = "aidfigures"


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add the ``facts`` and ``claims`` subparsers to the ``aidfigures`` parser."""
    out_help = "output file: .csv or .parquet; '-' writes CSV to stdout"
    cmd = commands.add_parser(
        "facts", help="consolidate a figures table into facts (one row per recipient, year, kind, stage)",
        description="Group the figures that state the same fact, count figures and documents, give min, "
                    "median and max in US dollars and flag conflicts between sources.")
    cmd.add_argument("figures", metavar="FIGURES", help="figures table (.csv or .parquet)")
    cmd.add_argument("-o", "--output", required=True, metavar="OUT", help=out_help)
    cmd.add_argument("--tolerance", type=float, default=0.05, metavar="SHARE",
                     help="sources disagreeing by more than this share are a conflict (default 0.05)")
    cmd.add_argument("--all", action="store_true", help="keep figures that are not aid (bribes, budgets...)")
    cmd.add_argument("--base-year", type=int, metavar="YEAR",
                     help="also give min/median/max in constant dollars of YEAR")
    cmd.add_argument("--deflator", choices=sorted(DEFLATORS), default="cpi_u",
                     help="price index for --base-year (default cpi_u)")
    add_corrections_option(cmd)
    cmd = commands.add_parser(
        "claims", help="find rank and change claims in documents and check them against figures",
        description="Find claims such as 'the second biggest recipient after Colombia' or 'a substantial "
                    "reduction', link each to its figures and say whether the figures bear it out.")
    cmd.add_argument("paths", nargs="+", metavar="PATH", help="document files or directories")
    cmd.add_argument("--figures", metavar="FIGURES",
                     help="figures of these documents (and others) to check against; extracted when omitted")
    cmd.add_argument("-o", "--output", required=True, metavar="OUT", help=out_help)
    cmd.add_argument("--tolerance", type=float, default=0.05, metavar="SHARE",
                     help="values closer than this share are a tie (default 0.05)")
    add_corrections_option(cmd)


def _say(message: str) -> None:
    print(f"{_PROG}: {message}", file=sys.stderr)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _write(table: pd.DataFrame, output: str) -> int:
    """Write a table to a file or stdout; 0, or 1 when it cannot be written."""
    try:
        if output == "-":
            write_table_csv(table, sys.stdout)
            sys.stdout.flush()
        else:
            write_table(table, output)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except (OSError, AidFiguresError) as exc:
        _say(f"error: cannot write {output}: {exc}")
        return 1
    return 0


def facts_command(args: argparse.Namespace) -> int:
    """Run ``aidfigures facts FIGURES -o OUT``: exit 0, 1 (cannot write) or 2 (bad input)."""
    try:
        if args.output != "-":
            figures_format(args.output)
        table = facts(corrected_figures(args, args.figures, _say), args.tolerance, aid_only=not args.all)
        if args.base_year is not None:
            table = to_constant(table, args.base_year, args.deflator, ["min_usd", "median_usd", "max_usd"])
    except AidFiguresError as exc:
        _say(f"error: {exc}")
        return 2
    status = _write(table, args.output)
    conflicts = int(table["conflict"].fillna(False).sum())
    figures = int(table["n_mentions"].sum())
    _say(f"{_plural(figures, 'figure')}, {_plural(len(table), 'fact')}, {_plural(conflicts, 'conflict')}")
    return status


def claims_command(args: argparse.Namespace) -> int:
    """Run ``aidfigures claims PATH... [--figures F] -o OUT``: exit 0, 1 (a document failed) or 2."""
    try:
        if args.output != "-":
            figures_format(args.output)
        documents = list(iter_documents(args.paths))
        if args.figures:
            figures = corrected_figures(args, args.figures, _say)
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DocumentWarning)
                figures = run_extraction(args.paths).figures
            figures = corrected_extraction(args, figures, {d.doc_id: d.text for d in documents if not d.error}, _say)
    except AidFiguresError as exc:
        _say(f"error: {exc}")
        return 2
    tables, failed = [], []
    for doc in documents:
        if doc.error:
            failed.append(f"{doc.source}: {doc.error}")
            continue
        try:
            tables.append(claims(doc.text, figures, doc_id=doc.doc_id, tolerance=args.tolerance))
        except AidFiguresError as exc:
            failed.append(str(exc))
    for message in failed:
        _say(f"failed: {message}")
    table = pd.concat(tables, ignore_index=True) if tables else \
        pd.DataFrame({c: pd.Series([], dtype=t) for c, t in CLAIM_COLUMNS.items()})
    status = max(_write(table, args.output), 1 if failed else 0)
    counts = table["verdict"].value_counts()
    verdicts = ", ".join(f"{int(counts.get(v, 0))} {v}" for v in ("consistent", "inconsistent", "cannot check"))
    _say(f"{_plural(len(documents), 'document')}, {_plural(len(table), 'claim')} ({verdicts}), {len(failed)} failed")
    return status


#: subcommand -> handler, for ``aidfigures.cli.main``.
COMMANDS: Final[dict[str, Callable[[argparse.Namespace], int]]] = {
    "facts": facts_command, "claims": claims_command,
}
