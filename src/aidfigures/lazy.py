"""Public names a package imports on first use (PEP 562), so that importing it loads nothing heavy."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(package: str, modules: Mapping[str, tuple[str, ...]]
               ) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The module ``__getattr__`` and ``__dir__`` of ``package`` for the names of ``modules``.

    ``modules`` maps a submodule, relative to ``package`` (``".facts"``), to the public names it
    gives. A name is imported when first asked for and then kept in the package, so it costs a
    dictionary lookup afterwards; a name not in ``modules`` is an ``AttributeError`` as usual.

    Examples
    --------
    >>> getattr_, dir_ = lazy_names("aidfigures.analysis", {".fx": ("fx_gaps",)})
    >>> getattr_("fx_gaps").__name__
    'fx_gaps'
    >>> getattr_("nothing")
    Traceback (most recent call last):
    ...
    AttributeError: module 'aidfigures.analysis' has no attribute 'nothing'
    """
    module_of = {name: module for module, names in modules.items() for name in names}

    def __getattr__(name: str) -> Any:
        if name not in module_of:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(module_of[name], package), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        namespace = vars(sys.modules[package])
        return sorted(set(namespace) | set(namespace.get("__all__", ())))

    return __getattr__, __dir__
