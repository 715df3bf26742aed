"""The ``aidfigures review`` subcommand: the figures that most need a look, as an HTML page or a CSV."""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Final

from ..errors import AidFiguresError
from .corrections import add_corrections_option
from .facts import _write

__all__ = ["COMMANDS", "add_commands", "review_command"]

_PROG: Final = "aidfigures"


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add the ``review`` subparser to the ``aidfigures`` parser."""
    cmd = commands.add_parser(
        "review", help="list the figures that most need a human look, first (HTML page or CSV)",
        description="Rank the figures of a figures table by how much they need checking: low confidence, "
                    "conflicts between sources, aid figures with no recipient or year, amounts not in US "
                    "dollars without a rate. Figures already confirmed or corrected go last (or leave).")
    cmd.add_argument("figures", metavar="FIGURES", help="figures table (.csv or .parquet)")
    cmd.add_argument("-o", "--output", required=True, metavar="OUT",
                     help="review.html (a page that sorts and filters offline), review.csv or .parquet; "
                          "'-' writes CSV to stdout")
    cmd.add_argument("--threshold", type=float, default=0.5, metavar="P",
                     help="a confidence below this is a reason to look (default 0.5)")
    cmd.add_argument("--tolerance", type=float, default=0.05, metavar="SHARE",
                     help="figures for one country and year further apart than this share conflict (default 0.05)")
    cmd.add_argument("--checked", choices=("sink", "drop"), default="sink",
                     help="figures already confirmed or corrected: last (sink, the default) or left out (drop)")
    cmd.add_argument("--claims", metavar="CLAIMS",
                     help="a claims table (aidfigures claims): figures behind an inconsistent claim are a reason")
    cmd.add_argument("--all", action="store_true", help="list the figures with no reason to look too, last")
    add_corrections_option(cmd)
    cmd.add_argument("--title", default="Figures to review", help="the HTML page's title")


def _say(message: str) -> None:
    print(f"{_PROG}: {message}", file=sys.stderr)


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def review_command(args: argparse.Namespace) -> int:
    """Run ``aidfigures review FIGURES -o OUT``: exit 0, 1 (cannot write) or 2 (bad input)."""
    from ..corrections import AUTO, CorrectionsWarning, read_corrected
    from ..outputs.atomic import atomic_write
    from ..reports.review_page import review_page
    from ..tables.review import review_queue

    html_out = args.output != "-" and Path(args.output).suffix.lower() in (".html", ".htm")
    corrections = None if args.no_corrections else (args.corrections or AUTO)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", CorrectionsWarning)
            figures = read_corrected(args.figures, corrections)
        queue = review_queue(figures, threshold=args.threshold, tolerance=args.tolerance,
                             checked=args.checked, everything=args.all, claims=args.claims)
    except AidFiguresError as exc:
        _say(f"error: {exc}")
        return 2
    notes = []
    for w in caught:  # stale corrections (a document changed) and superseded ones: said, never dropped silently
        if issubclass(w.category, CorrectionsWarning):
            notes.append(str(w.message))
            _say(f"warning: {w.message}")
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    if html_out:
        page = review_page(queue, title=args.title, notes=notes)
        try:
            atomic_write(Path(args.output), lambda tmp: _write_text(tmp, page))
        except OSError as exc:
            _say(f"error: cannot write {args.output}: {exc}")
            return 1
        status = 0
    else:
        status = _write(queue.astype({"reasons": "string"}), args.output)
    checked = int((queue["status"] != "open").sum())
    flagged = int(((queue["status"] == "open") & (queue["reasons"] != "")).sum())
    others = len(queue) - checked - flagged
    rest = f", {others} with no reason to look" if others else ""
    _say(f"{flagged} figure{'' if flagged == 1 else 's'} to check, {checked} already checked{rest} -> {args.output}")
    return status


#: subcommand -> handler, for ``aidfigures.cli.main``.
COMMANDS: Final[dict[str, Callable[[argparse.Namespace], int]]] = {"review": review_command}
