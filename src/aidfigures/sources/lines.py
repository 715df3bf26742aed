"""Numbered physical lines of a byte stream with bounded memory: over-long lines skipped in chunks."""

from __future__ import annotations

import zlib
from typing import BinaryIO, Final

from .decoding import decode_utf8
from .rows import stream_problem

_CHUNK: Final = 1 << 20
_QUOTE: Final = ord('"')


class _StreamError(Exception):
    """Reading the underlying stream failed; ``__cause__`` says how."""


class _LineTooLong(Exception):
    """A physical line was over the cap; it has been skipped. ``args``: (line number, size)."""


class _Lines:
    """The numbered physical lines of a binary stream, none longer than ``cap`` bytes in memory."""

    def __init__(self, stream: BinaryIO, cap: int) -> None:
        self.stream = stream
        self.cap = cap
        self.number = 0  # of the last line read
        self.mac: bool | None = None  # lines end with a bare \r (old Mac files): known at the first read
        self.buffer = bytearray()

    def _readline(self, limit: int) -> bytes:
        try:
            if self.mac is None:
                self.mac = _mac_line_ends(self.stream)
            return self._read_to_cr(limit) if self.mac else self.stream.readline(limit)
        except (OSError, EOFError, zlib.error) as exc:
            raise _StreamError() from exc

    def _read_to_cr(self, limit: int) -> bytes:
        """Like ``readline`` for a file whose lines end with ``\r``: the line with ``\n`` for its end."""
        while True:
            end = self.buffer.find(b"\r", 0, limit)
            if end != -1:
                line = bytes(self.buffer[:end]) + b"\n"
                del self.buffer[:end + 1]
                return line
            if len(self.buffer) >= limit:
                line = bytes(self.buffer[:limit])
                del self.buffer[:limit]
                return line
            chunk = self.stream.read(_CHUNK)
            if not chunk:
                line = bytes(self.buffer)
                self.buffer.clear()
                return line
            self.buffer += chunk

    def next(self) -> tuple[int, bytes] | None:
        """The next line (with its line end), or None at the end; raises :class:`_LineTooLong`
        after skipping a line longer than the cap."""
        line = self._readline(min(self.cap + 1, _CHUNK))
        if not line:
            return None
        self.number += 1
        if line.endswith(b"\n") or len(line) <= min(self.cap, _CHUNK - 1):
            return self.number, line
        parts, size = [line], len(line)  # a long line: read in chunks, dropped once over the cap
        while size <= self.cap:
            chunk = self._readline(min(self.cap + 1 - size, _CHUNK))
            if not chunk:
                break
            parts.append(chunk)
            size += len(chunk)
            if chunk.endswith(b"\n"):
                break
        if size > self.cap and not parts[-1].endswith(b"\n"):
            parts.clear()
            raise _LineTooLong(self.number, size + self._skip()[0])
        return self.number, b"".join(parts)

    def _skip(self) -> tuple[int, int]:
        """Read to the end of the current line without keeping it: (bytes, quote characters)."""
        size = quotes = 0
        while True:
            chunk = self._readline(_CHUNK)
            size += len(chunk)
            quotes += chunk.count(_QUOTE)
            if not chunk or chunk.endswith(b"\n"):
                return size, quotes

    def skip_line(self) -> tuple[int, int] | None:
        """Skip a whole line: (bytes, quote characters), or None at the end."""
        size, quotes = self._skip()
        if not size:
            return None
        self.number += 1
        return size, quotes


def _mac_line_ends(stream: BinaryIO) -> bool:
    """Whether a stream's lines end with a bare ``\r`` (classic Mac OS, old Excel exports): its
    start holds a ``\r`` and no ``\n``. Looked at without consuming anything (``peek``)."""
    peek = getattr(stream, "peek", None)
    if peek is None:
        return False
    head = peek(_CHUNK)[:_CHUNK]
    return b"\r" in head and b"\n" not in head


def _decode(raw: bytes, first: bool, where: str) -> tuple[str, tuple[str, ...]]:
    """Decode one line as :func:`aidfigures.sources.decoding.decode_utf8` does (a BOM dropped on the first)."""
    text, _, notes = decode_utf8(raw, where, bom=first)
    return text, notes


def _stopped(exc: _StreamError, after: int) -> str:
    """The error for a stream that broke after line ``after``."""
    problem = stream_problem(exc.__cause__ or exc)
    where = f"after line {after}" if after else "at the start"
    return f"{problem} {where}; the rest of the file is not read"
