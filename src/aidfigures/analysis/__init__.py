"""From figures to facts: exchange-rate gaps, constant dollars, facts, claims, and official data."""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

from ..lazy import lazy_names

if TYPE_CHECKING:  # the same names, imported eagerly for type checkers
    from .claims import claims, find_claims, select_claims
    from .constant import DEFLATORS, in_dollars_of, price_index, to_constant
    from .facts import facts
    from .fx import fx_gaps
    from .official import REFERENCES, official_rows, read_reference
    from .reference import compare_reference

#: Module -> the public names it gives, imported on first use (PEP 562: this package imports nothing heavy).
_LAZY: dict[str, tuple[str, ...]] = {
    ".claims": ("claims", "find_claims", "select_claims"),
    ".constant": ("DEFLATORS", "in_dollars_of", "price_index", "to_constant"),
    ".facts": ("facts",),
    ".fx": ("fx_gaps",),
    ".official": ("REFERENCES", "official_rows", "read_reference"),
    ".reference": ("compare_reference",),
}
__getattr__, __dir__ = lazy_names(__name__, _LAZY)


class _Package(types.ModuleType):
    """This package's module: importing a submodule binds it on the package, and the public names
    claims, facts are the functions of those modules (as with eager imports), not the modules."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in ("claims", "facts") and isinstance(value, types.ModuleType):
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

__all__ = ["DEFLATORS", "REFERENCES", "claims",
           "compare_reference", "facts", "find_claims", "fx_gaps", "in_dollars_of", "official_rows",
           "price_index", "read_reference", "select_claims", "to_constant"]
