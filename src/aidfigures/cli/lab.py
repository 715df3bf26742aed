"""The ``aidfigures workspace`` subcommand: seed JupyterLab's working folder from the report templates.

``make lab`` runs it before starting JupyterLab on the folder. Exit status 0 ok, 2 the templates
folder is missing or a template is unreadable.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Final

from ..errors import AidFiguresError

__all__ = ["COMMANDS", "add_commands"]

_PROG: Final = "aidfigures"


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add the ``workspace`` subparser to the ``aidfigures`` parser."""
    workspace = commands.add_parser(
        "workspace", help="copy the report templates into a working folder for JupyterLab",
        description="Copy each notebook of TEMPLATES into DIR unless it is there already. A template "
                    "changed since it was copied replaces a copy whose cells were not edited; an edited "
                    "copy is kept and the new template is written beside it as NAME.new.ipynb.")
    workspace.add_argument("folder", metavar="DIR", help="the working folder (git-ignored), e.g. lab")
    workspace.add_argument("--templates", default="notebooks", metavar="TEMPLATES",
                           help="folder of the template notebooks (default notebooks)")


def workspace_command(args: argparse.Namespace) -> int:
    """Run ``aidfigures workspace``: a line on stderr for each copy made, updated or kept."""
    from ..reports.workspace import seed_workspace  # when the command runs: other commands start faster

    try:
        seeded = seed_workspace(args.templates, args.folder)
    except AidFiguresError as exc:
        print(f"{_PROG}: error: {exc}", file=sys.stderr)
        return 2
    for item in seeded:
        if item.action == "copied":
            print(f"{_PROG}: {args.folder}/{item.name}: copied from {args.templates}/", file=sys.stderr)
        elif item.action == "updated":
            print(f"{_PROG}: {args.folder}/{item.name}: updated to the changed template (it had no edits)",
                  file=sys.stderr)
        elif item.action == "kept":
            print(f"{_PROG}: {args.folder}/{item.name}: the template changed; your edited copy is kept and the "
                  f"new template is {item.new}", file=sys.stderr)
    return 0


COMMANDS: Final[dict[str, Callable[[argparse.Namespace], int]]] = {"workspace": workspace_command}
