"""One money mention as found in text: its value, currency and where it was written."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

__all__ = ["Money"]


@dataclass(frozen=True)
class Money:
    """One monetary mention: its value and exactly where it was written.

    ``currency`` is an ISO 4217 code, or ``None`` when the text leaves it to context
    (``pesos``; a bare ``$`` in Spanish text). ``amount`` is fully expanded and exact.
    """

    text: str
    start: int
    end: int
    amount: Decimal
    amount_high: Decimal | None = None
    currency: str | None = "USD"
    qualifier: str = "exact"
    per: str | None = None
    #: ``$`` or a head noun (``dollar``, ``peso``) when the marker does not say which currency it is:
    #: the document may (a New Zealand outlet's ``$``).
    family: str | None = None
