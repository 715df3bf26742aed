"""Walk a directory tree for corpus files: sorted, hidden files and manifests skipped, include globs."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .manifest import MANIFEST_NAME

__all__ = ["Found", "compile_glob", "walk"]


#: What :func:`walk` finds: (path relative to the top, real path for telling duplicates apart, error).
Found = tuple[str, str, str | None]


def walk(top: Path, patterns: list[tuple[re.Pattern[str], bool]]) -> list[Found]:
    """The files under ``top`` that an include pattern matches, in sorted path order, as
    (``a/b.txt`` relative to ``top``, its real path, None), and what could not be walked or read as
    (relative path, real path, why): an unreadable folder, a broken symbolic link, a FIFO or other
    special file that a pattern matches, a symbolic link looping back to an enclosing folder.

    Symbolic links to folders are followed after the real folders (a folder reached twice is
    walked once, under its real path when it is in the tree). Directory entries are read with
    :func:`os.scandir`, whose file type costs no system call: a folder of 100,000 files is listed
    in about a second.
    """
    found: list[Found] = []
    named = [p for p, anchored in patterns if not anchored]
    name_pattern = re.compile("|".join(f"(?:{p.pattern})" for p in named), re.I | re.S) if named else None
    paths = [p for p, anchored in patterns if anchored]

    def wanted(name: str, rel: str) -> bool:
        return (name_pattern is not None and name_pattern.match(name) is not None) or any(p.match(rel) for p in paths)

    real_top = os.path.realpath(top)
    seen: set[tuple[int, int]] = set()
    pending: list[tuple[str, str]] = [("", real_top)]  # (relative, real) of the folders to list
    links: list[tuple[str, str]] = []  # symbolic links to folders: followed once the tree is listed
    while pending or links:
        if not pending:
            links.sort(key=lambda item: item[0].split("/"), reverse=True)
            relative, link = links.pop()
            real = os.path.realpath(link)
            if _encloses(real, os.path.dirname(link)):
                found.append((relative, link, f"symbolic link loop: it points to {real}, a folder that holds it"))
                continue
            pending.append((relative, real))
        relative, real = pending.pop()
        folder = top / relative if relative else top
        try:
            info = folder.stat()
            if (info.st_dev, info.st_ino) in seen:  # reached twice through links: walked once
                continue
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError as exc:
            found.append((relative, real, f"folder not read ({exc.strerror or exc})"))
            continue
        for entry in listed:
            name = entry.name
            if name.startswith("."):
                continue
            rel = f"{relative}/{name}" if relative else name
            key = f"{real}/{name}"
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((rel, key))
                    continue
                if entry.is_symlink() and entry.is_dir():
                    links.append((rel, key))
                    continue
                if name.lower() == MANIFEST_NAME or not wanted(name, rel):
                    continue
                if entry.is_file():
                    found.append((rel, key, None))
                else:
                    found.append((rel, key, _special(entry)))
            except OSError as exc:
                found.append((rel, key, f"cannot read ({exc.strerror or exc})"))
    found.sort(key=lambda item: item[0].split("/"))  # as Path objects sort: by their parts
    return found


def _encloses(folder: str, path: str) -> bool:
    """Whether real path ``folder`` is ``path`` (a real path) or one of the folders holding it."""
    path = os.path.realpath(path)
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _special(entry: os.DirEntry[str]) -> str:
    """Why a directory entry that is neither a file nor a folder is not read."""
    if entry.is_symlink():
        try:
            target = os.readlink(entry.path)
        except OSError:
            target = "?"
        return f"broken symbolic link (to {target})"
    kind = next((label for test, label in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
                                          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))
                 if test(entry.stat(follow_symlinks=False).st_mode)), "not a regular file")
    return f"not a regular file ({kind})" if kind != "not a regular file" else kind


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
