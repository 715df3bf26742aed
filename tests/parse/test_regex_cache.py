"""compile_cached: the pattern re.compile gives, from the cache folder once written, and never worse without it."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from aidfigures.parse import regex_cache
from aidfigures.parse.regex_cache import compile_cached

_WORDS = "|".join(f"palabra{i}" for i in range(60))

#: (pattern, flags, a text to search): patterns of each form the package builds, all longer than MIN_LENGTH
CASES = [
    (rf"(?<![\w-])(?:{_WORDS})(?![\w-])", 0, "una palabra17 más"),                  # a word list, look-arounds
    (rf"(?P<word>{_WORDS})\s+(?P<num>\d[\d,.]*)", 0, "palabra5 1,200.50"),            # named groups
    (rf"(?i:{_WORDS})|(?:US\$|€)\s?\d+", 0, "PALABRA9 or US$ 40"),                  # a scoped flag, signs
    (rf"\b(?:{_WORDS})\b", re.IGNORECASE, "Palabra33 y Palabra34"),                 # a whole-pattern flag
    (rf"dólares|millones|{_WORDS}", 0, "56,4 millones de dólares"),                # text that is not ASCII
]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own, and compile_cached's memory of this process emptied."""
    monkeypatch.setenv("AIDFIGURES_CACHE_DIR", str(tmp_path / "regex"))
    regex_cache._compile_cached.cache_clear()
    yield tmp_path / "regex"
    regex_cache._compile_cached.cache_clear()


def _forget() -> None:
    """As if a new process: nothing compiled in memory (the folder stays)."""
    regex_cache._compile_cached.cache_clear()


@pytest.mark.parametrize(("pattern", "flags", "text"), CASES)
def test_the_same_pattern_written_and_read(folder: Path, pattern: str, flags: int, text: str) -> None:
    expected = re.compile(pattern, flags)
    written = compile_cached(pattern, flags)
    assert len(list(folder.glob("*.re"))) == 1
    _forget()
    read = compile_cached(pattern, flags)
    for p in (written, read):
        assert p == expected and p.flags == expected.flags and p.groupindex == expected.groupindex
        assert [m.groups() or m.group() for m in p.finditer(text)] == \
            [m.groups() or m.group() for m in expected.finditer(text)]


def test_a_bytes_pattern(folder: Path) -> None:
    pattern = b" (?:" + _WORDS.encode() + b")(?= )"
    compile_cached(pattern)
    _forget()
    assert compile_cached(pattern) == re.compile(pattern)
    assert compile_cached(pattern).findall(b" palabra3 palabra4 palabra400 ") == [b" palabra3", b" palabra4"]


def test_a_written_pattern_is_not_parsed_again(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pattern = CASES[0][0]
    compile_cached(pattern)
    _forget()

    def parse_again(*args: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(regex_cache, "_compiled_parts", parse_again)
    assert compile_cached(pattern) == re.compile(pattern)


def test_short_patterns_are_compiled_as_usual(folder: Path) -> None:
    assert compile_cached(r"\d+") == re.compile(r"\d+")
    assert not folder.exists()


@pytest.mark.parametrize("damage", [
    b"",                                        # an empty file (a disk that filled up)
    b"not marshal data at all",                 # another program's file
    "truncated",                                # a file cut short
    "other pattern",                            # a file of another pattern under this name
    "bad code",                                 # code the C engine must refuse
    "a changed letter",                         # a byte changed on disk: code the engine accepts
    "no checksum",                              # the record alone (as the cache's first files were)
])
def test_a_bad_file_is_compiled_over(folder: Path, damage: bytes | str) -> None:
    import marshal
    pattern = CASES[1][0]
    compile_cached(pattern)
    (path,) = folder.glob("*.re")
    good = path.read_bytes()
    version, stored, flags, parts = regex_cache._unpack(good)
    if damage == "truncated":
        path.write_bytes(good[: len(good) // 2])
    elif damage == "other pattern":
        path.write_bytes(regex_cache._pack((version, CASES[0][0], flags, parts)))
    elif damage == "bad code":
        path.write_bytes(regex_cache._pack((version, stored, flags, (parts[0], [99999] * 10, *parts[2:]))))
    elif damage == "a changed letter":  # "palabra" read as "qalabra", under the old checksum
        code = list(parts[1])
        code[code.index(ord("p"))] = ord("q")
        changed = (version, stored, flags, (parts[0], code, *parts[2:]))
        internals = regex_cache._internals()
        assert internals is not None
        wrong = internals[2](pattern, *changed[3])  # the engine takes the changed code
        found = wrong.search("palabra2 7")
        assert found is None or found.group() != "palabra2 7"
        path.write_bytes(good[:regex_cache._DIGEST] + marshal.dumps(changed))
    elif damage == "no checksum":
        path.write_bytes(marshal.dumps((version, stored, flags, parts)))
    else:
        assert isinstance(damage, bytes)
        path.write_bytes(damage)
    _forget()
    assert compile_cached(pattern) == re.compile(pattern)
    assert compile_cached(pattern).match("palabra2 7").group("num") == "7"
    assert path.read_bytes() == good  # compiled again and written again, whole


def test_turned_off_or_unwritable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pattern = CASES[2][0]
    monkeypatch.setenv("AIDFIGURES_CACHE_DIR", "")
    _forget()
    assert compile_cached(pattern) == re.compile(pattern)
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("AIDFIGURES_CACHE_DIR", str(blocked / "regex"))
    _forget()
    assert compile_cached(pattern) == re.compile(pattern)
    assert sorted(os.listdir(tmp_path)) == ["a file"]
    _forget()


def test_the_folder_keeps_the_newest_files(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regex_cache, "_MAX_FILES", 3)
    for i in range(5):
        compile_cached(f"(?:{_WORDS})x{i}")
        newest = sorted(folder.glob("*.re"), key=lambda p: p.stat().st_mtime)[-1]
        os.utime(newest, (1_000_000 + i, 1_000_000 + i))  # distinct times: the order they were written
    assert len(list(folder.glob("*.re"))) == 3
    _forget()
    kept = [p for p in (f"(?:{_WORDS})x{i}" for i in range(5))
            if (folder / f"{regex_cache._key(p, 0)}.re").exists()]
    assert kept == [f"(?:{_WORDS})x{i}" for i in (2, 3, 4)]
    assert not list(folder.glob(".tmp-*"))
    _forget()


def test_the_package_builds_the_same_patterns_in_every_process(tmp_path: Path) -> None:
    """A pattern built from a set in its iteration order differs from process to process (str hashes
    are salted): it would be compiled and written again by every one, the cache never read."""
    import subprocess
    import sys
    script = ("import aidfigures as af; af.find_figures('Peru received 56.4 million dollars in 2006 "
              "from Canada.'); af.find_figures('Perú recibió 56,4 millones de pesos en 2006.')")
    written = []
    for seed in ("1", "2"):
        env = {**os.environ, "AIDFIGURES_CACHE_DIR": str(tmp_path), "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script], env=env, check=True)
        written.append(sorted(p.name for p in tmp_path.glob("*.re")))
    assert len(written[0]) > 20
    assert written[1] == written[0]
