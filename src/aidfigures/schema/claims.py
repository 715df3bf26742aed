"""The claims table (:func:`aidfigures.claims`): its columns and dtypes."""

from __future__ import annotations

from typing import Final

__all__ = ["CLAIM_COLUMNS"]

CLAIM_COLUMNS: Final[dict[str, str]] = {
    "doc_id": "string", "start": "Int64", "end": "Int64", "claim": "string", "kind": "string",
    "subject": "string", "subject_iso3": "string", "year": "Int64", "rank": "Int64", "direction": "string",
    "compared_with": "string", "scope": "string", "verdict": "string", "evidence": "string",
    "checked_against": "string", "figures": "string", "sentence": "string",
}
