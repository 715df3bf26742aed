"""Start-up: ``import aidfigures`` and the command line's parser load no heavy library; Ctrl-C while starting."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("pandas", "numpy", "pyarrow", "matplotlib", "papermill", "pandera", "tqdm", "importlib.metadata")

STARTS = [  # (what runs, the code)
    pytest.param("import aidfigures", id="import"),
    pytest.param("import aidfigures as af; af.SchemaError; af.AidFiguresError", id="errors"),
    pytest.param("from aidfigures.cli.main import _parser; _parser()", id="parser"),
    pytest.param("from aidfigures.cli.main import main; main(['--help'])", id="help"),
    pytest.param("from aidfigures.cli.main import main; main(['extract', '--help'])", id="extract-help"),
    pytest.param("import runpy, sys; sys.argv = ['aidfigures', '--help']; runpy.run_module('aidfigures')",
                 id="python-m-help"),
]


@pytest.mark.parametrize("code", STARTS)
def test_starting_loads_no_heavy_library(code: str) -> None:
    check = f"import sys\ntry:\n    {code}\nexcept SystemExit:\n    pass\n" \
            f"print('loaded:', ','.join(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "loaded: "


USES = [  # (a public name, the library it brings when used)
    pytest.param("extract", "aidfigures.extract", id="extract"), pytest.param("plots", "pandas", id="plots"),
    pytest.param("validate", "aidfigures.schema.figures", id="validate"),
    pytest.param("find_money", "re", id="find_money"),
]


@pytest.mark.parametrize(("name", "library"), USES)
def test_public_names_load_on_first_use(name: str, library: str) -> None:
    code = (f"import sys, aidfigures as af; value = af.{name}; assert '{library}' in sys.modules; "
            f"assert af.{name} is value and '{name}' in dir(af)")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_every_public_name_resolves_and_extract_stays_the_function() -> None:
    import types

    import aidfigures as af
    import aidfigures.analysis
    import aidfigures.analysis.claims  # noqa: F401  binds the submodule on its package
    import aidfigures.extract  # noqa: F401

    assert all(getattr(af, name) is not None for name in af.__all__)
    assert callable(af.extract) and not isinstance(af.extract, types.ModuleType)
    assert callable(aidfigures.analysis.claims) and callable(aidfigures.analysis.facts)
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        af.no_such_name  # noqa: B018


def test_ctrl_c_while_the_command_starts_exits_130_without_a_traceback() -> None:
    """A KeyboardInterrupt raised while the command's modules import (here by an import hook)."""
    code = ("import sys\n"
            "class Interrupt:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name == 'aidfigures.cli.extract':\n"
            "            raise KeyboardInterrupt\n"
            "sys.meta_path.insert(0, Interrupt())\n"
            "from aidfigures.cli import main\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (130, "")
