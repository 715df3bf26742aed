"""Large regular expressions compiled once per machine, kept on disk as ``__pycache__`` keeps bytecode.

The patterns built from data (the gazetteer's trie, every currency name, the cue words) run to tens
of thousands of characters, and Python's ``re`` parses a pattern in pure Python: about 0.35-0.7 s of
every process that reads a document went into compiling them, before the first figure. The parse
and the code generation give a list of integers that ``re`` hands to its C engine (``_sre.compile``);
:func:`compile_cached` keeps that list in a file named by the pattern's hash and, in the next
process, gives the C engine the list instead of parsing again (about 1 ms instead of 70 for the
largest pattern).

Nothing depends on the cache being there or being right: a file is used only when its SHA-256
checksum holds (a byte changed on disk could leave code that the engine accepts and that matches
otherwise), it was written by the same Python for the same pattern and flags, and the C engine
accepts the code it is given (it refuses code that is not well formed); anything else, or a Python
whose ``re`` internals differ, and the pattern is compiled as :func:`re.compile` does. A file is
written whole or not at all (a temporary file renamed), so processes running side by side may write
the same file safely.

The folder is ``$AIDFIGURES_CACHE_DIR`` when set (an empty value turns the cache off), else
``$XDG_CACHE_HOME/aidfigures/regex``, else ``~/.cache/aidfigures/regex``; when it cannot be written,
patterns are compiled every time, as without a cache.
"""

from __future__ import annotations

import hashlib
import importlib
import marshal
import os
import re
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, AnyStr

__all__ = ["MIN_LENGTH", "cache_dir", "compile_cached"]

#: patterns shorter than this are compiled as usual (a few milliseconds at most; ``re`` caches them)
MIN_LENGTH = 200
#: the most files the folder keeps: beyond it the oldest are removed (patterns change with the code
#: and the language files, and the files of the old ones would otherwise stay)
_MAX_FILES = 400
#: the bytes of the checksum that begins a file (SHA-256)
_DIGEST = 32
#: what a file must have been written by: the Python and its regex engine
_ENGINE = (sys.implementation.cache_tag, sys.version_info[:3],
           getattr(getattr(re, "_constants", None), "MAGIC", None))


def cache_dir() -> Path | None:
    """The folder of the compiled patterns, or None when the cache is turned off.

    Examples
    --------
    >>> import os
    >>> saved = {k: os.environ.pop(k, None) for k in ("AIDFIGURES_CACHE_DIR", "XDG_CACHE_HOME")}
    >>> os.environ["XDG_CACHE_HOME"] = "/var/cache/me"
    >>> cache_dir().as_posix()
    '/var/cache/me/aidfigures/regex'
    >>> os.environ["AIDFIGURES_CACHE_DIR"] = ""
    >>> cache_dir() is None
    True
    >>> for k, v in saved.items():
    ...     _ = os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)
    """
    chosen = os.environ.get("AIDFIGURES_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "aidfigures" / "regex"


@lru_cache(maxsize=None)
def _internals() -> tuple[Any, Any, Any] | None:
    """``re``'s parser, code generator and C compiler, or None on a Python where they are not what
    this module expects (checked: a probe pattern compiled through them equals ``re.compile``'s)."""
    probe = r"(?P<a>x+)|(?i:y)[0-9]{2,}"
    try:
        parser, compiler, engine = (importlib.import_module(m) for m in ("re._parser", "re._compiler", "_sre"))
        internals = parser.parse, compiler._code, engine.compile
        if internals[2](probe, *_compiled_parts(probe, 0, internals)) == re.compile(probe):
            return internals
    except Exception:  # noqa: BLE001 - any difference at all: compile as re does
        pass
    return None


def _key(pattern: str | bytes, flags: int) -> str:
    return hashlib.sha256(f"{_ENGINE!r}\0{flags}\0{pattern!r}".encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _compiled_parts(pattern: str | bytes, flags: int, internals: tuple[Any, Any, Any]) -> tuple[Any, ...]:
    """What ``re`` gives its C engine for ``pattern``: (flags, code, groups, groupindex, indexgroup)."""
    parse, code_of, _ = internals
    parsed = parse(pattern, flags)
    code = [int(c) for c in code_of(parsed, flags)]  # (its opcodes are int subclasses: plain ints to store)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def _pack(record: tuple[Any, ...]) -> bytes:
    """A file's bytes: the SHA-256 of the record's marshal data, then that data."""
    body = marshal.dumps(record)
    return hashlib.sha256(body).digest() + body


def _unpack(data: bytes) -> Any:
    """The record of a file's bytes; ValueError when they are not what :func:`_pack` wrote (a byte
    changed on disk could leave code the engine accepts and that matches otherwise)."""
    body = data[_DIGEST:]
    if len(data) < _DIGEST or hashlib.sha256(body).digest() != data[:_DIGEST]:
        raise ValueError("the file's checksum differs")
    return marshal.loads(body)


def _read(path: Path, pattern: str | bytes, flags: int) -> tuple[Any, ...] | None:
    try:
        stored = _unpack(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if (type(stored) is tuple and len(stored) == 4 and stored[0] == repr(_ENGINE) and stored[1] == pattern
            and stored[2] == flags and type(stored[3]) is tuple and len(stored[3]) == 5):
        return stored[3]
    return None


def _write(folder: Path, path: Path, pattern: str | bytes, flags: int, parts: tuple[Any, ...]) -> None:
    """Write the file whole (a temporary file renamed) or not at all; errors are ignored."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".re")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(_pack((repr(_ENGINE), pattern, flags, parts)))
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        files = sorted(folder.glob("*.re"), key=lambda p: p.stat().st_mtime)
        for old in files[:max(0, len(files) - _MAX_FILES)]:
            old.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass


def compile_cached(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, read from the cache folder when an earlier process compiled it.

    The pattern is the one :func:`re.compile` gives (equal to it, matching as it does); patterns shorter
    than :data:`MIN_LENGTH` are simply compiled.

    Examples
    --------
    >>> p = compile_cached("|".join(f"word{i}" for i in range(200)))
    >>> p == re.compile(p.pattern), p.fullmatch("word42") is not None
    (True, True)
    """
    return _compile_cached(pattern, int(flags))


@lru_cache(maxsize=None)
def _compile_cached(pattern: str | bytes, flags: int) -> re.Pattern[Any]:
    folder = cache_dir()
    internals = _internals()
    if len(pattern) < MIN_LENGTH or folder is None or internals is None or flags & re.DEBUG:
        return re.compile(pattern, flags)
    path = folder / f"{_key(pattern, flags)}.re"
    parts = _read(path, pattern, flags)
    if parts is not None:
        try:
            return internals[2](pattern, *parts)
        except (RuntimeError, TypeError, ValueError, OverflowError):  # code the C engine refuses
            pass
    try:
        parts = _compiled_parts(pattern, flags, internals)
        compiled = internals[2](pattern, *parts)
    except (AttributeError, TypeError, ValueError, RuntimeError):  # re's internals are not what they were
        return re.compile(pattern, flags)
    _write(folder, path, pattern, flags, parts)
    return compiled
