"""Corrections by hand: the corrections file, applying it to figures, and ``correct()`` to add to it."""

from .apply import STALE_COLUMNS, AppliedCorrections, Stale, apply_corrections, restore_originals
from .calls import DEFAULT_PATH, UNSET, correct, corrections_path, figure_key
from .reading import AUTO, CorrectionsWarning, default_corrections, load_corrections, read_corrected, stale_path
from .records import COLUMNS, Correction, append_corrections, read_corrections
from .values import FIELDS, VALUE_FIELDS, check_value

__all__ = ["AUTO", "COLUMNS", "DEFAULT_PATH", "FIELDS", "STALE_COLUMNS", "UNSET", "VALUE_FIELDS",
           "AppliedCorrections", "Correction", "CorrectionsWarning", "Stale", "append_corrections",
           "apply_corrections", "check_value", "correct", "corrections_path", "default_corrections", "figure_key",
           "load_corrections", "read_corrected", "read_corrections", "restore_originals", "stale_path"]
