"""The ``aidfigures`` command line: ``main`` builds the parser from each command group's module."""

from .main import main

__all__ = ["main"]
