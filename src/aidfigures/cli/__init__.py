"""The ``aidfigures`` command line: ``main`` builds the parser from each command group's module."""

import sys

try:
    from .main import main
except KeyboardInterrupt:  # Ctrl-C while the command starts: exit as an interrupted run does, without a traceback
    sys.exit(130)

__all__ = ["main"]
