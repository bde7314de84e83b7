"""Archives that unpack to far more than they weigh, made quickly: one member whose deflate stream repeats
one compressed block (each block ends with a full flush, so its compressed bytes are the same every time)."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

BLOCK = 1 << 20


def _deflate_repeated(prefix: bytes, block: bytes, repeat: int, suffix: bytes) -> tuple[bytes, int, int]:
    """(raw deflate stream, CRC-32, uncompressed size) of ``prefix + block * repeat + suffix``."""
    head = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = head.compress(prefix) + head.flush(zlib.Z_FULL_FLUSH)
    middle = zlib.compressobj(9, zlib.DEFLATED, -15)
    one = middle.compress(block) + middle.flush(zlib.Z_FULL_FLUSH)
    tail = zlib.compressobj(9, zlib.DEFLATED, -15)
    end = tail.compress(suffix) + tail.flush(zlib.Z_FINISH)
    crc = zlib.crc32(prefix)
    for _ in range(repeat):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(suffix, crc)
    return start + one * repeat + end, crc, len(prefix) + len(block) * repeat + len(suffix)


def write_bomb(path: Path, member: str, block: bytes, repeat: int, prefix: bytes = b"", suffix: bytes = b"") -> int:
    """Write a zip whose one member ``member`` unpacks to ``prefix + block * repeat + suffix``; its size."""
    data, crc, size = _deflate_repeated(prefix, block, repeat, suffix)
    assert size < 0xFFFFFFFF, "no zip64 here"
    name = member.encode()
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), size, len(name), 0) + name
    central = (
        struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(data), size, len(name), 0, 0, 0, 0, 0, 0)
        + name
    )
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(central), len(local) + len(data), 0)
    path.write_bytes(local + data + central + end)
    return size
