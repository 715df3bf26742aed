"""Report folders that aidfigures made: their marker file, new work folders, stale ones from killed builds."""

from __future__ import annotations

import json
import os
import shutil
import socket
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

__all__ = ["MARKER", "STALE_AFTER", "made_by_aidfigures", "new_work_folder", "remove_stale_work_folders"]

#: Every folder a report run makes holds this file (JSON: who made it, process id, host, time);
#: only such folders are ever replaced or cleaned up.
MARKER: Final = ".aidfigures-report"
#: Seconds after which a work folder made on another host is taken as abandoned (its process cannot
#: be checked from here); on this host a work folder is stale as soon as its process is gone.
STALE_AFTER: Final = 24 * 3600.0
#: Keys of the manifest.json of a report folder made before the marker existed.
_OLD_MANIFEST_KEYS: Final = ("aidfigures_version", "notebook_sha256", "status")


def made_by_aidfigures(folder: Path, manifest: str = "manifest.json") -> bool:
    """Whether ``folder`` is a report folder aidfigures made: it holds :data:`MARKER`, or (a report
    made by an older aidfigures) a ``manifest`` that is aidfigures' JSON, not just any file of that
    name (web apps have a ``manifest.json`` too)."""
    if (folder / MARKER).is_file():
        return True
    try:
        data = json.loads((folder / manifest).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return isinstance(data, dict) and all(key in data for key in _OLD_MANIFEST_KEYS)


def new_work_folder(parent: Path, name: str) -> Path:
    """Create the hidden folder ``parent/.NAME.<pid>-<random>.tmp`` with its :data:`MARKER` and return it.

    Made with :func:`os.mkdir`, so its permissions follow the umask (``tempfile.mkdtemp`` makes
    0700 folders that other users, such as a web server, cannot read).
    """
    while True:
        folder = parent / f".{name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp"
        try:
            folder.mkdir()
            break
        except FileExistsError:  # pragma: no cover - 32 random bits
            continue
    owner = {"made_by": "aidfigures", "pid": os.getpid(), "host": socket.gethostname(),
             "created": datetime.now(UTC).isoformat(timespec="seconds")}
    (folder / MARKER).write_text(json.dumps(owner) + "\n", encoding="utf-8")
    return folder


def remove_stale_work_folders(parent: Path, name: str, *, stale_after: float = STALE_AFTER) -> list[Path]:
    """Remove the work folders of report ``name`` in ``parent`` that killed builds left behind.

    Only folders named ``.NAME.*.tmp`` holding aidfigures' :data:`MARKER` are candidates, and only
    those whose process is gone (made on this host), or older than ``stale_after`` seconds (made on
    another host, or not on POSIX). A folder whose process id was taken by another process since
    stays until that process ends. Returns the folders removed.
    """
    removed: list[Path] = []
    try:
        candidates = list(parent.glob(f".{_glob_escape(name)}.*.tmp"))
    except OSError:
        return removed
    for folder in candidates:
        owner = _owner(folder)
        if owner is not None and _abandoned(owner, folder, stale_after):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _owner(folder: Path) -> dict[str, Any] | None:
    """The marker of a work folder, or None when it is not one aidfigures made."""
    if folder.is_symlink() or not folder.is_dir():
        return None
    try:
        owner = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return owner if isinstance(owner, dict) and owner.get("made_by") == "aidfigures" else None


def _abandoned(owner: dict[str, Any], folder: Path, stale_after: float) -> bool:
    pid = owner.get("pid")
    # os.kill(pid, 0) only asks on POSIX (on Windows it would end the process)
    if os.name == "posix" and owner.get("host") == socket.gethostname() and isinstance(pid, int) and pid > 0:
        return not _running(pid)
    try:
        return time.time() - (folder / MARKER).stat().st_mtime > stale_after
    except OSError:
        return False


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)
