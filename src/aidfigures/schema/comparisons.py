"""The reference comparison table (:func:`aidfigures.compare_reference`): its columns and dtypes."""

from __future__ import annotations

from typing import Final

__all__ = ["COMPARISON_COLUMNS"]

COMPARISON_COLUMNS: Final = {
    "recipient": "string", "recipient_iso3": "string", "year": "Int64", "category": "string",
    "program": "string", "measure": "string", "extracted_usd": "float64", "n_figures": "Int64",
    "conflict": "boolean", "figures": "string", "source": "string", "official_category": "string",
    "official_program": "string", "official_measure": "string", "official_usd": "float64",
    "difference_pct": "float64", "same_definition": "boolean", "note": "string", "official_source": "string",
    "official_note": "string",
}
