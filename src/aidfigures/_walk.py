"""Walk a directory tree for corpus files: sorted, hidden files and manifests skipped, include globs."""

from __future__ import annotations

import os
import re
from pathlib import Path

from .manifest import MANIFEST_NAME

__all__ = ["compile_glob", "walk"]


def walk(top: Path, patterns: list[tuple[re.Pattern[str], bool]]) -> list[Path]:
    """The files under ``top`` that an include pattern matches, in sorted path order."""
    found: list[Path] = []
    for folder, dirs, names in os.walk(top):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        here = Path(folder)
        relative = here.relative_to(top).as_posix()
        for name in names:
            if name.startswith(".") or name.lower() == MANIFEST_NAME:
                continue
            rel = name if relative == "." else f"{relative}/{name}"
            if any(p.match(rel if anchored else name) for p, anchored in patterns) and (here / name).is_file():
                found.append(here / name)
    return sorted(found)


def compile_glob(pattern: str) -> tuple[re.Pattern[str], bool]:
    """Compile an include glob: (regex, whether it matches the relative path rather than the name).

    >>> compile_glob("cables/**/*.md")[0].match("cables/1976/feb/x.MD") is not None
    True
    >>> compile_glob("*.txt")[0].match("sub/a.txt") is None
    True
    """
    pattern = pattern.strip()
    while pattern.startswith(("./", "/")):
        pattern = pattern[1:] if pattern.startswith("/") else pattern[2:]
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:[^/]*/)*")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and (end := pattern.find("]", i + 2)) != -1:
            body = pattern[i + 1:end].replace("\\", "\\\\")
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z", re.I | re.S), "/" in pattern
