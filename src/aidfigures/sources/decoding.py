"""Low-level file helpers for documents: bounded reads, decoding, atomic writes."""

from __future__ import annotations

import codecs
import stat
from pathlib import Path
from typing import Final

from ..errors import DocumentError

__all__ = ["decode", "read_bytes"]

_CONTROL_BYTES: Final = bytes(c for c in range(32) if c not in b"\t\n\r\f\v\x1b")
_MAX_CONTROL_SHARE: Final = 0.10


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """Return the file's bytes, refusing missing, unreadable and oversized files."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise DocumentError(f"{path}: is a directory, not a file")
        if info.st_size > max_bytes:
            raise DocumentError(f"{path}: {_size(info.st_size)} is over the {_size(max_bytes)} size limit")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such file") from None
    except PermissionError:
        raise DocumentError(f"{path}: permission denied") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise DocumentError(f"{path}: more than the {_size(max_bytes)} size limit")
    return data


def decode(path: Path, data: bytes) -> tuple[str, str, tuple[str, ...]]:
    """Return (text, encoding, warnings) for a document's bytes."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise DocumentError(f"{path}: starts like UTF-16 but is not valid UTF-16") from None
        if "\x00" in text:
            raise DocumentError(f"{path}: binary file, not text")
        return text, "utf-16", ()
    if b"\x00" in data or (data and len(data) - len(data.translate(None, _CONTROL_BYTES))
                           > _MAX_CONTROL_SHARE * len(data)):
        raise DocumentError(f"{path}: binary file, not text")
    try:
        return data.decode("utf-8-sig"), "utf-8", ()
    except UnicodeDecodeError as exc:
        bad = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise DocumentError(f"{path}: not UTF-8 ({bad}) and not cp1252 either") from None
    return text, "cp1252", (f"{path}: not valid UTF-8 ({bad}); decoded as cp1252",)


def _size(size: int) -> str:
    """Format a byte count for people, e.g. ``'64.0 MB'`` or ``'100 bytes'``."""
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size:,} bytes"


