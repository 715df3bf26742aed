"""The exceptions aidfigures raises: one root, a few ValueError subclasses."""

from __future__ import annotations

__all__ = [
    "AidFiguresError", "ParseError", "SchemaError", "DocumentError", "FormatError", "SelectionError",
    "UnknownCountryError", "CorrectionsError", "ReportError", "BuildFileError", "DocumentWarning", "ReportWarning",
]


class AidFiguresError(Exception):
    """Root of every error aidfigures raises on purpose."""


class ParseError(AidFiguresError, ValueError):
    """A string could not be parsed as the value asked for (an amount, a year...)."""


class SchemaError(AidFiguresError, ValueError):
    """A table does not follow the figures schema (missing columns, wrong types, bad values)."""


class DocumentError(AidFiguresError, ValueError):
    """A document could not be read: missing, binary, undecodable, or too large.

    The message always names the document.
    """


class FormatError(AidFiguresError, ValueError):
    """A figures file has an extension aidfigures cannot read or write (only ``.csv``, ``.parquet``)."""


class SelectionError(AidFiguresError, ValueError):
    """A selection or summary was asked for with a value that does not exist (a measure, a rule...)."""


class UnknownCountryError(SelectionError):
    """A country was asked for that aidfigures does not know; the message lists the closest names."""


class CorrectionsError(AidFiguresError, ValueError):
    """A corrections file (or one correction) is wrong: unknown field, value, key or figure; names file and line."""


class ReportError(AidFiguresError, ValueError):
    """A report could not be started: missing or unreadable notebook, bad parameter, unsafe output folder.

    The message names the notebook or folder. A notebook that raises while it runs is not an error
    of this kind: the run is reported as failed (see :class:`aidfigures.reports.ReportResult`).
    """


class BuildFileError(ReportError):
    """A build file (``reports.yml``) is missing, not YAML, or has a bad job; the message names both."""


class DocumentWarning(UserWarning):
    """A document was read with a fallback (e.g. cp1252 instead of UTF-8) or skipped in a corpus run."""


class ReportWarning(UserWarning):
    """A report ran with something odd, e.g. a parameter its notebook does not declare."""
