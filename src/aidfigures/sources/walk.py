"""Walk a directory tree for corpus files: sorted, hidden files and manifests skipped, include globs."""

from __future__ import annotations

import os
import re
from pathlib import Path

from .manifest import MANIFEST_NAME

__all__ = ["compile_glob", "walk"]


def walk(top: Path, patterns: list[tuple[re.Pattern[str], bool]]) -> list[str]:
    """The paths relative to ``top`` (``a/b.txt``) of the files under it that an include pattern
    matches, in sorted path order.

    Directory entries are read with :func:`os.scandir`, whose file type costs no system call:
    a folder of 100,000 files is listed in about a second.
    """
    found: list[str] = []
    named = [p for p, anchored in patterns if not anchored]
    name_pattern = re.compile("|".join(f"(?:{p.pattern})" for p in named), re.I | re.S) if named else None
    paths = [p for p, anchored in patterns if anchored]
    pending = [""]
    while pending:
        relative = pending.pop()
        try:
            with os.scandir(top / relative if relative else top) as entries:
                listed = list(entries)
        except OSError:  # unreadable folder: skipped, as os.walk does
            continue
        for entry in listed:
            name = entry.name
            if name.startswith("."):
                continue
            rel = f"{relative}/{name}" if relative else name
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(rel)
                    continue
                if not entry.is_file():
                    continue
            except OSError:
                continue
            if name.lower() == MANIFEST_NAME:
                continue
            if (name_pattern is not None and name_pattern.match(name)) or any(p.match(rel) for p in paths):
                found.append(rel)
    found.sort(key=lambda rel: rel.split("/"))  # as Path objects sort: by their parts
    return found


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
