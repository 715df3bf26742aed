"""Standard input as a corpus source: bytes put back after sniffing, gzip and JSON lines recognized."""

from __future__ import annotations

import gzip
import json
from typing import Any, BinaryIO, Final, cast

__all__ = ["Encoded", "Prefixed", "sniff"]

_GZIP_MAGIC: Final = b"\x1f\x8b"


class Prefixed:
    """A binary stream with bytes already read put back in front (``read`` and ``readline``)."""

    def __init__(self, head: bytes, rest: Any) -> None:
        self.head = head
        self.rest = rest

    def read(self, size: int | None = -1) -> bytes:
        if not self.head:
            return self.rest.read(size)
        if size is None or size < 0:
            data, self.head = self.head + self.rest.read(), b""
            return data
        data, self.head = self.head[:size], self.head[size:]
        return data

    def readline(self, size: int | None = -1) -> bytes:
        if not self.head:
            return self.rest.readline(size)
        limit = len(self.head) if size is None or size < 0 else min(size, len(self.head))
        end = self.head.find(b"\n", 0, limit)
        cut = end + 1 if end >= 0 else limit
        data, self.head = self.head[:cut], self.head[cut:]
        if end < 0 and not self.head and (size is None or size < 0 or len(data) < size):
            data += self.rest.readline(-1 if size is None or size < 0 else size - len(data))
        return data

    def close(self) -> None:
        """Standard input stays open."""

    def __enter__(self) -> Prefixed:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Encoded:
    """A text stream read as UTF-8 bytes (a ``sys.stdin`` replaced by one without ``.buffer``)."""

    def __init__(self, text: Any) -> None:
        self.text = text

    def read(self, size: int | None = -1) -> bytes:
        return self.text.read(size).encode("utf-8", "surrogateescape")

    def readline(self, size: int | None = -1) -> bytes:
        return self.text.readline(size).encode("utf-8", "surrogateescape")


def sniff(raw: Any, cap: int) -> tuple[Any, bytes, bool]:
    """(stream, bytes read from it so far, whether it is JSON lines); gzip input is decompressed."""
    first = raw.readline(cap + 1)
    stream = raw
    if first.startswith(_GZIP_MAGIC):
        stream = gzip.GzipFile(fileobj=cast(BinaryIO, Prefixed(first, raw)), mode="rb")
        first = stream.readline(cap + 1)
    head = b""
    while first and not first.strip() and len(head) + len(first) <= cap:
        head += first
        first = stream.readline(cap + 1)
    head += first
    line = first.lstrip(b"\xef\xbb\xbf \t")
    if not line.startswith(b"{"):
        return stream, head, False
    if len(first) > cap and not first.endswith(b"\n"):
        return stream, head, True  # a huge first record: the JSONL reader reports it
    try:
        return stream, head, isinstance(json.loads(line), dict)
    except (ValueError, UnicodeDecodeError):
        return stream, head, False
