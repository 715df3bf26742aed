"""benchmarks/duckling_native.py and its caller in speed_stages: Duckling timed in its own interpreter.

A stand-in ``duckling`` module (the calls pyduckling-native offers, finding ``$N`` amounts) checks the
script's contract where the real one is not installed; the real one is used when ``make duckling``
has made ``.venv-duckling``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from script_loader import REPO, load_script

SCRIPT = REPO / "benchmarks" / "duckling_native.py"

FAKE = textwrap.dedent('''
    """A stand-in for pyduckling-native: the same calls, amounts of the form $N found by a regex."""
    import os
    import re

    __version__ = "fake"
    _ready = []

    def init():
        _ready.append(True)

    def load_time_zones(path):
        assert os.path.exists(os.path.join(path, "America", "New_York")), "the zone file is copied"
        return {"America/New_York": 0}

    def parse_ref_time(zones, zone, seconds):
        return (zones[zone], seconds)

    def parse_lang(code):
        assert code in ("EN", "ES"), code
        return code

    def default_locale_lang(lang):
        return lang

    class Context:
        def __init__(self, ref, locale):
            self.locale = locale

    def parse_dimensions(names):
        return names

    def parse(text, context, dims, with_latent):
        assert _ready and dims == ["amount-of-money"]
        return [{"body": m.group(), "start": m.start(), "end": m.end()} for m in re.finditer(r"\\$\\d+", text)]
''')


@pytest.fixture
def fake_duckling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the stand-in ``duckling`` on PYTHONPATH and a tz database holding the zone file."""
    (tmp_path / "site" / "duckling").mkdir(parents=True)
    (tmp_path / "site" / "duckling" / "__init__.py").write_text(FAKE, encoding="utf-8")
    (tmp_path / "zoneinfo" / "America").mkdir(parents=True)
    (tmp_path / "zoneinfo" / "America" / "New_York").write_bytes(b"TZif2")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path / "site"))
    return tmp_path


def _run(texts: list[list[str]], tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "texts.json"
    path.write_text(json.dumps(texts), encoding="utf-8")
    return subprocess.run([sys.executable, str(SCRIPT), str(path), *extra], capture_output=True, text=True)


def test_the_script_times_every_text_in_its_language(fake_duckling: Path) -> None:
    done = _run([["en", "Peru got $5 and $6."], ["es", "Perú recibió $7."], ["en", "no money"]],
                fake_duckling, "--zoneinfo", str(fake_duckling / "zoneinfo"))
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["texts"], out["found"], out["version"]) == (3, 3, "fake")
    assert out["cpu"] >= 0 and out["wall"] >= 0


def test_without_pyduckling_native_the_script_says_how_to_get_it(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))  # no duckling there (nor in this interpreter)
    done = _run([["en", "$5"]], tmp_path)
    assert done.returncode == 2
    assert "pyduckling-native is not installed" in done.stderr and "make duckling" in done.stderr


def test_the_caller_runs_the_script_under_the_interpreter_given(fake_duckling: Path) -> None:
    stages = load_script("benchmarks/speed_stages.py")
    wrapper = fake_duckling / "python"  # the interpreter, with the fake tz database as the default
    wrapper.write_text(f'#!/bin/sh\nexec {sys.executable} "$@" --zoneinfo {fake_duckling / "zoneinfo"}\n')
    wrapper.chmod(0o755)
    timer, how = stages.duckling_native(str(wrapper))
    assert timer is not None, how
    cpu, wall, found = timer(["Peru received $5 million in 2006.", "Perú recibió $7 millones."])
    assert found == 2 and cpu >= 0 and wall >= 0
    assert str(wrapper) in how


def test_the_caller_says_why_duckling_is_not_timed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stages = load_script("benchmarks/speed_stages.py")
    monkeypatch.setattr(stages, "DUCKLING_VENV", tmp_path / "missing" / "python")
    timer, how = stages.duckling_native(None)
    assert timer is None and "make duckling" in how
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    timer, how = stages.duckling_native(sys.executable)  # an interpreter without pyduckling-native
    assert timer is None and how.startswith("not run:") and "pyduckling-native is not installed" in how


@pytest.mark.skipif(not (REPO / ".venv-duckling" / "bin" / "python").exists(),
                    reason="make duckling has not made .venv-duckling (pyduckling-native needs a Python 3.9)")
def test_the_real_duckling_finds_the_amounts() -> None:
    stages = load_script("benchmarks/speed_stages.py")
    timer, how = stages.duckling_native(None)
    assert timer is not None, how
    _, _, found = timer(["Peru received 56.4 million dollars in 2006; Colombia nearly $582 million."])
    assert found == 2
