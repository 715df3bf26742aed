"""Tests for the project around the code: packaging, environment, docs, data and licenses."""

from __future__ import annotations

import csv
import json
import os
import re
import tomllib
from importlib.metadata import PackageNotFoundError, metadata, requires
from pathlib import Path

import pytest

from aidfigures import schema
from aidfigures.sources import iter_documents

REPO = Path(__file__).resolve().parents[1]
DEV_DOCS = REPO.parent / "shared" / "corpus" / "dev" / "docs"
_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*([^;#]*)")


def _requirement(text: str) -> tuple[str, str]:
    """``'Pandas >= 2.2'`` -> ``('pandas', '>=2.2')``: PEP 503 name and specifier, spaces removed."""
    match = _REQUIREMENT.match(text)
    assert match, text
    return re.sub(r"[-_.]+", "-", match[1]).lower(), match[3].replace(" ", "")


def _pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def _conda_dependencies() -> list[str]:
    """The top-level entries of environment.yml's ``dependencies:`` list (no YAML library needed)."""
    items, inside = [], False
    for line in (REPO / "environment.yml").read_text(encoding="utf-8").splitlines():
        if re.match(r"^\S", line):
            inside = line.startswith("dependencies:")
        elif inside and (m := re.match(r"^  - (.+?)\s*(#.*)?$", line)):
            items.append(m[1])
    return items


def test_environment_yml_matches_pyproject() -> None:
    project = _pyproject()["project"]
    extras = project["optional-dependencies"]
    test = []
    for item in extras["test"]:  # the extras it includes (aidfigures[lab,scale]) expanded
        included = re.fullmatch(r"aidfigures\[([^\]]+)\]", item)
        test += [r for name in included[1].split(",") for r in extras[name.strip()]] if included else [item]
    wanted = dict(map(_requirement, project["dependencies"] + test))
    conda = dict(_requirement(d) for d in _conda_dependencies() if d not in ("pip", "pip:"))
    assert conda.pop("python") == project["requires-python"]
    assert conda == wanted
    assert re.search(r"^\s+- -e \.\s*$", (REPO / "environment.yml").read_text(encoding="utf-8"), re.M)


def test_declared_dependencies_cover_the_imports() -> None:
    """Every third-party module src/ imports is a declared dependency (or an extra's)."""
    import ast
    import sys

    project = _pyproject()["project"]
    declared = {_requirement(r)[0] for r in project["dependencies"]}
    declared |= {_requirement(r)[0] for name in ("lab", "scale", "sql") for r in project["optional-dependencies"][name]}
    module_of = {"pyyaml": "yaml", "pyzmq": "zmq", "jupyter-client": "jupyter_client"}
    provided = {module_of.get(d, d.replace("-", "_")) for d in declared}
    imported = set()
    for path in (REPO / "src" / "aidfigures").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"aidfigures", "__future__"}
    assert third_party <= provided, third_party - provided


def test_constraints_pin_every_dependency() -> None:
    pinned = {_requirement(line)[0]: _requirement(line)[1] for line in
              (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")}
    project = _pyproject()["project"]
    for requirement in project["dependencies"]:
        name, _ = _requirement(requirement)
        assert pinned.get(name, "").startswith("=="), f"{name} is not pinned in constraints.txt"


def test_console_script_and_pytest_config() -> None:
    config = _pyproject()
    assert config["project"]["scripts"] == {"aidfigures": "aidfigures.cli:main"}
    pytest_ini = config["tool"]["pytest"]["ini_options"]
    assert "README.md" in pytest_ini["testpaths"] and "--doctest-glob=README.md" in pytest_ini["addopts"]


NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebooks_are_committed_clean(notebook: Path) -> None:
    cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    dirty = [i for i, c in enumerate(cells) if c.get("outputs") or c.get("execution_count")]
    assert not dirty, f"{notebook.name}: clear outputs of cells {dirty}"


def test_schema_doc_lists_every_column_with_dtype() -> None:
    text = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `(\w+)` \| `([\w\[\]]+)` \|", text, re.M))
    assert rows == schema.DTYPES


def test_readme_promises() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for needed in ("make run", "make test", "docs/schema.md", "LGPL", "## Performance", "## Licenses"):
        assert needed in readme


def test_makefile_ci_and_license() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^PYTHON \?= python3$", makefile, re.M)
    assert all(re.search(rf"^{t}:", makefile, re.M) for t in ("run", "test", "clean"))
    ci = REPO / ".ci" / "run"
    assert os.access(ci, os.X_OK) and "set -euo pipefail" in ci.read_text() and "make test" in ci.read_text()
    license_text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert license_text.startswith("MIT License") and "2026 aidfigures maintainers" in license_text


def test_sources_csv_describes_every_raw_document() -> None:
    with (REPO / "data" / "raw" / "sources.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["doc_id"] for r in rows} == {d.doc_id for d in iter_documents(REPO / "data" / "raw")}
    for row in rows:
        assert row["title"] and row["url"].startswith("https://") and row["language"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["published"])


def _license_text(dist: str) -> str:
    meta = metadata(dist)
    classifiers = [c for c in meta.get_all("Classifier") or [] if c.startswith("License")]
    return " ".join([meta.get("License-Expression") or "", (meta.get("License") or "")[:200], *classifiers])


def test_no_gpl_dependencies() -> None:
    """Runtime dependencies and theirs: permissive or LGPL, never GPL/AGPL."""
    todo = [_requirement(r)[0] for r in _pyproject()["project"]["dependencies"]]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            text = _license_text(name)
            todo += [_requirement(r)[0] for r in requires(name) or [] if "extra ==" not in r]
        except PackageNotFoundError:
            continue  # an optional marker-gated dependency not installed here
        strict_gpl = re.sub(r"\bL(esser )?GPL|Lesser General Public|Library General Public", "", text)
        assert not re.search(r"\bA?GPL|General Public License", strict_gpl), f"{name}: {text}"
    assert "pycountry" in seen


@pytest.mark.skipif(not DEV_DOCS.is_dir(), reason="../shared/corpus/dev is not available")
def test_dev_corpus_documents_all_read() -> None:
    docs = list(iter_documents(DEV_DOCS))
    assert docs and all(d.text and not d.error for d in docs)
    assert not [d.warnings for d in docs if d.warnings]  # no cp1252 fallbacks expected either


def _dry_run(target: str, tmp_path: Path) -> list[str]:
    """The commands ``make TARGET`` would run on a fresh machine (no virtualenv yet)."""
    import shutil
    import subprocess

    if shutil.which("make") is None:
        pytest.skip("no make")
    out = subprocess.run(["make", "-n", "-B", target, f"VENV={tmp_path}/venv"], cwd=REPO, capture_output=True,
                         text=True, check=True).stdout
    return out.splitlines()


def test_make_run_installs_only_the_core_and_shows_its_steps(tmp_path: Path) -> None:
    lines = _dry_run("run", tmp_path)
    installs = [line for line in lines if "pip install" in line]
    assert installs == [f"{tmp_path}/venv/bin/python -m pip install --progress-bar on -c constraints.txt -e ."]
    assert not any("--quiet" in line or " -q " in line for line in installs)
    steps = [line for line in lines if line.startswith('echo "aidfigures setup')]
    assert len(steps) >= 3  # creating the venv, installing, done


# (`make test` runs `$(MAKE) lint` even under -n: its prerequisites are test-fast's)
@pytest.mark.parametrize(("target", "extra"), [("test-fast", "test"), ("lint", "test"), ("lab", "lab")])
def test_targets_add_the_extras_they_need(tmp_path: Path, target: str, extra: str) -> None:
    installs = [line.split(" -e ", 1)[1] for line in _dry_run(target, tmp_path) if "pip install" in line]
    assert installs == [".", f"'.[{extra}]'"]


def test_core_dependencies_leave_lab_dask_and_duckdb_to_extras() -> None:
    project = _pyproject()["project"]
    core = {_requirement(r)[0] for r in project["dependencies"]}
    assert not core & {"jupyterlab", "dask", "distributed", "duckdb"}
    extras = project["optional-dependencies"]
    assert {_requirement(r)[0] for r in extras["sql"]} == {"duckdb"}
    assert {_requirement(r)[0] for r in extras["lab"]} == {"jupyterlab", "ipywidgets"}
    assert {_requirement(r)[0] for r in extras["scale"]} == {"dask", "distributed"}
