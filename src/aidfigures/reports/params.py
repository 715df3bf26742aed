"""Report parameters checked against a notebook's parameters cell: known names, declared types."""

from __future__ import annotations

import ast
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from ..errors import ReportError

__all__ = ["check_declared", "declared_types", "effective_parameters", "notebook_parameters"]

#: Parameters aidfigures itself sets in every run (never an analyst's typo).
_INJECTED: Final = frozenset({"output_dir"})
_SCALARS: Final[dict[str, tuple[type, ...]]] = {
    "str": (str,), "int": (int,), "float": (int, float), "bool": (bool,), "list": (list,), "dict": (dict,),
    "None": (type(None),), "NoneType": (type(None),),
}
_ANY: Final = frozenset({"Any", "object"})


def notebook_parameters(source: Path) -> dict[str, dict[str, Any]]:
    """The parameters a notebook declares, as papermill's ``inspect_notebook`` reads them.

    Each name maps to papermill's record: ``inferred_type_name`` (the annotation, ``"None"`` when
    there is none), ``default`` (the default's source text) and ``help`` (the trailing comment).
    Empty when the notebook has no cell tagged ``parameters``.
    """
    import papermill

    try:
        return dict(papermill.inspect_notebook(str(source)))
    except Exception as exc:  # noqa: BLE001 - a parameters cell papermill cannot read
        raise ReportError(f"{source}: cannot read its parameters cell ({type(exc).__name__}: {exc})") from None


def declared_types(declared: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    """Name -> annotation text for the parameters that have one."""
    return {name: str(info.get("inferred_type_name")) for name, info in declared.items()
            if info.get("inferred_type_name") not in (None, "None")}


def check_declared(source: Path, declared: Mapping[str, Mapping[str, Any]], parameters: Mapping[str, Any]) -> None:
    """Refuse parameters the notebook does not declare, and values that do not fit the declared type.

    A parameter without an annotation takes any value; annotations understood are ``str``,
    ``int``, ``float`` (an int fits), ``bool``, ``list[...]``, ``dict[..., ...]``,
    ``Optional[...]``, ``Union[...]``, ``X | None`` and ``Any``; any other annotation is not
    checked.

    Raises
    ------
    ReportError
        Naming the notebook, the parameter, what it declares and what was given.

    Examples
    --------
    >>> declared = {"countries": {"inferred_type_name": "list[str]"}, "base_year": {"inferred_type_name": "Optional[int]"}}
    >>> check_declared(Path("x.ipynb"), declared, {"countries": ["Peru"], "base_year": None})
    >>> check_declared(Path("x.ipynb"), declared, {"countrys": ["Peru"]})
    Traceback (most recent call last):
    ...
    aidfigures.errors.ReportError: x.ipynb: unknown parameter 'countrys' (did you mean 'countries'?); declared: countries, base_year
    >>> check_declared(Path("x.ipynb"), declared, {"base_year": "2024"})
    Traceback (most recent call last):
    ...
    aidfigures.errors.ReportError: x.ipynb: parameter 'base_year' must be Optional[int], not the str '2024'
    """  # noqa: E501
    import difflib

    names = [name for name in declared if name not in _INJECTED]
    for name, value in parameters.items():
        if name in _INJECTED:
            continue
        if name not in declared:
            close = difflib.get_close_matches(name, names, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            listed = f"declared: {', '.join(names)}" if names else "it has no cell tagged 'parameters'"
            raise ReportError(f"{source}: unknown parameter {name!r}{hint}; {listed}")
        annotation = declared[name].get("inferred_type_name")
        if annotation in (None, "None"):
            continue
        if not _fits(value, _parse(str(annotation))):
            raise ReportError(f"{source}: parameter {name!r} must be {annotation}, "
                              f"not the {type(value).__name__} {value!r}")


def effective_parameters(declared: Mapping[str, Mapping[str, Any]], parameters: Mapping[str, Any]) -> dict[str, Any]:
    """The values a run uses: the declared defaults (those written as literals), updated with ``parameters``.

    ``output_dir`` is left out. Runs with the same effective parameters get the same default
    report folder, whether the values were given or are the notebook's defaults.

    Examples
    --------
    >>> declared = {"country": {"default": '"Peru"'}, "years": {"default": "[2000, 2025]"},
    ...             "output_dir": {"default": "None"}, "table": {"default": "make_table()"}}
    >>> effective_parameters(declared, {"country": "Chile"})
    {'country': 'Chile', 'years': [2000, 2025]}
    """
    values = {}
    for name, info in declared.items():
        try:
            values[name] = ast.literal_eval(str(info.get("default")))
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            continue
    values.update(parameters)
    for name in _INJECTED:
        values.pop(name, None)
    return values


def _parse(annotation: str) -> ast.expr | None:
    text = annotation.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    try:
        return ast.parse(text, mode="eval").body
    except SyntaxError:
        return None


def _fits(value: Any, node: ast.expr | None) -> bool:
    """Whether ``value`` fits the annotation; True for whatever this does not understand."""
    if node is None:
        return True
    if isinstance(node, ast.Constant) and node.value is None:
        return value is None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return _fits(value, _parse(node.value))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _fits(value, node.left) or _fits(value, node.right)
    name = _name(node.value if isinstance(node, ast.Subscript) else node)
    if name is None:
        return True
    args = _args(node.slice) if isinstance(node, ast.Subscript) else []
    if name in ("Optional", "Union"):
        return (name == "Optional" and value is None) or any(_fits(value, arg) for arg in args)
    if name in _ANY:
        return True
    kinds = _SCALARS.get(name.lower() if name in ("List", "Dict") else name)
    if kinds is None:
        return True
    if isinstance(value, bool) and bool not in kinds:
        return False
    if not isinstance(value, kinds):
        return False
    if isinstance(value, list) and len(args) == 1:
        return all(_fits(item, args[0]) for item in value)
    if isinstance(value, dict) and len(args) == 2:
        return all(_fits(k, args[0]) and _fits(v, args[1]) for k, v in value.items())
    return True


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):  # typing.Optional
        return node.attr
    return None


def _args(node: ast.expr) -> list[ast.expr]:
    return list(node.elts) if isinstance(node, ast.Tuple) else [node]
