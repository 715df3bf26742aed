"""The package's stages and their one-way order, checked over the import graph of ``src/aidfigures``.

Each stage is a subpackage (or one of the few top-level modules). A module may import from its own
stage and from stages listed before it; stages on the same line are independent of each other. No
module imports another stage's underscore names (what two stages share is public in its owner).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "aidfigures"

#: Lowest first. A stage may use the stages above it in this list, never the ones below.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "lazy"),          # the exceptions, used everywhere; names imported on first use
    ("lang", "lookups"),         # per-language vocabulary files; the shipped CSV tables
    ("parse", "currency"),       # text -> spans (no pandas); exchange rates and money formatting
    ("schema",),                 # table contracts: figures, documents
    ("extract",),                # one document -> a figures table
    ("sources", "outputs"),      # where documents come from; where tables go
    ("corpus",),                 # chunks, executors, Dask, progress, resume
    ("corrections",),            # the corrections file, applying it, correct()
    ("analysis",),               # fx gaps, constant dollars, facts, claims, official data
    ("tables",),                 # derived tables, display, narrative
    ("plots",),                  # charts
    ("reports",),                # papermill runs, build files, report folders
    ("cli",),                    # the command line
    ("__init__", "__main__"),    # the public API and ``python -m aidfigures``
)
RANK = {stage: rank for rank, stages in enumerate(LAYERS) for stage in stages}

#: Underscore names of parse/ still imported from outside it, owned by the parse rewrite (issue 9,
#: items 2 and 8): each entry is (importing stage, imported module, name). Remove them as they go.
PENDING_PRIVATE = {
}


def _modules(root: Path = PACKAGE) -> dict[str, Path]:
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1 and path.parent != root:
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path) -> list[tuple[str, str, int]]:
    """(module imported, name imported or "", line) for every aidfigures import of a module."""
    package = name.split(".") if path.name == "__init__.py" and path.parent != PACKAGE else name.split(".")[:-1]
    if path.parent == PACKAGE:
        package = ["aidfigures"]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            found.extend((target, alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.Import):
            found.extend((alias.name, "", node.lineno) for alias in node.names)
    return [f for f in found if f[0] == "aidfigures" or f[0].startswith("aidfigures.")]


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _private(part: str) -> bool:
    return part.startswith("_") and not part.startswith("__")


def problems(root: Path = PACKAGE) -> list[str]:
    """Every import that goes backwards, sideways, or to another stage's underscore name."""
    modules = _modules(root)
    found = []
    for name, path in modules.items():
        here = _stage(name)
        if here not in RANK:
            found.append(f"{path.name}: stage {here!r} is not in LAYERS")
            continue
        for target, imported, line in _imports(name, path):
            full = f"{target}.{imported}" if f"{target}.{imported}" in modules else target
            there = _stage(full) if full != "aidfigures" else _stage(f"aidfigures.{imported}")
            where = f"{path.relative_to(root.parent)}:{line}"
            if there == here:
                continue
            if there not in RANK:
                found.append(f"{where}: imports {full}, whose stage is not in LAYERS")
            elif RANK[there] >= RANK[here]:
                found.append(f"{where}: {here} imports {full} ({there} is not below {here})")
            hidden = [p for p in full.split(".")[1:] if _private(p)]
            if imported and full == target and _private(imported):
                hidden.append(imported)
            if hidden and (here, full, imported) not in PENDING_PRIVATE:
                found.append(f"{where}: {here} imports the private {'.'.join([full, imported] if imported else [full])}")  # noqa: E501
    return found


def test_imports_go_one_way_and_no_private_name_crosses_a_stage() -> None:
    assert problems() == []


def test_every_stage_is_a_folder_or_one_of_a_few_modules() -> None:
    top = {p.stem for p in PACKAGE.iterdir() if p.suffix == ".py"}
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert top == {"__init__", "__main__", "errors", "extract", "lazy"}
    assert folders | top == set(RANK)


@pytest.mark.parametrize(("line", "expected"), [
    ("from ..cli import main", "sources imports aidfigures.cli.main (cli is not below sources)"),
    ("from ..outputs.base import _hidden", "sources imports the private aidfigures.outputs.base._hidden"),
    ("from ..outputs import _registry", "sources imports the private aidfigures.outputs._registry"),
])
def test_a_backward_or_private_import_is_caught(tmp_path: Path, line: str, expected: str) -> None:
    """The check itself: a copy of the package with one bad import added fails it."""
    import shutil

    copy = tmp_path / "aidfigures"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.csv", "*.json"))
    (copy / "outputs" / "_registry.py").write_text("")
    walk = copy / "sources" / "walk.py"
    walk.write_text(walk.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    assert any(expected in problem for problem in problems(copy)), problems(copy)
