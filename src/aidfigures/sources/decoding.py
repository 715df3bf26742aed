"""Low-level file helpers for documents: bounded reads, decoding, atomic writes."""

from __future__ import annotations

import codecs
import re
import stat
from pathlib import Path
from typing import Final

from ..errors import DocumentError

__all__ = ["decode", "decode_utf8", "read_bytes"]

_CONTROL_BYTES: Final = bytes(c for c in range(32) if c not in b"\t\n\r\f\v\x1b")
_MAX_CONTROL_SHARE: Final = 0.10
#: What ``errors="surrogateescape"`` makes of bytes that are not UTF-8: one lone surrogate per byte.
_ESCAPED: Final = re.compile("[\udc80-\udcff]")


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
    return decode_utf8(data, str(path))


def decode_utf8(data: bytes, where: str, *, bom: bool = True) -> tuple[str, str, tuple[str, ...]]:
    """Decode bytes as UTF-8 (a BOM dropped when ``bom``), with replacement when the text is mostly UTF-8.

    Bytes that are not valid UTF-8 become U+FFFD, with one warning that counts them, as long as the
    text holds more valid non-ASCII UTF-8 sequences than bad bytes (a stray ``0xff`` in a Spanish
    text keeps its accents). When it does not (every accent is one byte: a cp1252 text) the bytes
    are decoded as cp1252 with a warning; bytes that cp1252 does not define either mean UTF-8 with
    replacement after all. Returns (text, encoding, warnings).

    >>> decode_utf8("Perú: año".encode() + b"\\xff", "d")
    ('Perú: año\ufffd', 'utf-8', ('d: 1 byte not valid UTF-8 (first: 0xff at offset 11), replaced with U+FFFD',))
    >>> decode_utf8("año".encode("cp1252"), "d")
    ('año', 'cp1252', ('d: not valid UTF-8 (byte 0xf1 at offset 1); decoded as cp1252',))
    """
    codec = "utf-8-sig" if bom else "utf-8"
    try:
        return data.decode(codec), "utf-8", ()
    except UnicodeDecodeError as exc:
        first = f"0x{data[exc.start]:02x} at offset {exc.start}"
    escaped = data.decode(codec, errors="surrogateescape")
    text, bad = _ESCAPED.subn("\ufffd", escaped)
    valid = len(text) - len(text.encode("ascii", "ignore")) - bad
    if valid <= bad:
        try:
            return data.decode("cp1252"), "cp1252", (f"{where}: not valid UTF-8 (byte {first}); decoded as cp1252",)
        except UnicodeDecodeError:
            pass
    plural = "byte" if bad == 1 else "bytes"
    return text, "utf-8", (f"{where}: {bad:,} {plural} not valid UTF-8 (first: {first}), replaced with U+FFFD",)


def _size(size: int) -> str:
    """Format a byte count for people, e.g. ``'64.0 MB'`` or ``'100 bytes'``."""
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size:,} bytes"


