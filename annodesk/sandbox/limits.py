"""Size limits that keep hostile input from filling the sandbox's memory or disk (all configurable)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import IO, Any

MB = 1 << 20


@dataclass(frozen=True, slots=True)
class Limits:
    """Byte limits; a request past a body limit is a 413, an archive or annotation file past its limit fails."""

    body: int = 1024 * MB  # any request body, uploads included (nginx's client_max_body_size in CVAT's compose)
    parsed_body: int = 64 * MB  # a JSON or form body read into memory, from a signed-in user
    anonymous_body: int = 2_621_440  # any body without a signed-in user (Django's DATA_UPLOAD_MAX_MEMORY_SIZE)
    extracted: int = 4096 * MB  # all that one uploaded archive may unpack to
    extraction_ratio: int = 100  # ... and at most this many times its own size (photos barely compress; bombs do)
    annotation_file: int = 64 * MB  # an imported annotation file, and each member of an annotation archive read

    @classmethod
    def from_megabytes(cls, **values: float | None) -> Limits:
        """Limits from sizes in MiB (None: the default)."""
        given = {name: int(value * MB) for name, value in values.items() if value is not None}
        return cls(**given)

    def extraction_budget(self, archive_size: int) -> int:
        """The bytes an archive of ``archive_size`` bytes may unpack to (never under 64 MB, never over the cap)."""
        return min(self.extracted, max(archive_size * self.extraction_ratio, 64 * MB))


class TooLarge(ValueError):
    """A file or archive member over a limit."""


def too_large(what: str, limit: int) -> TooLarge:
    """The error for ``what`` past ``limit`` bytes."""
    return TooLarge(f"{what} is larger than the server's limit of {describe(limit)}.")


def capped_copy(source: IO[bytes], target: IO[bytes], limit: int, what: str, chunk: int = 1 << 20) -> int:
    """Copy ``source`` to ``target``, at most ``limit`` bytes (counted, not trusted from headers); raise
    :class:`TooLarge` past it. Returns the bytes copied."""
    copied = 0
    while block := source.read(chunk):
        copied += len(block)
        if copied > limit:
            raise too_large(what, limit)
        target.write(block)
    return copied


class CappedReader(io.RawIOBase):
    """A read-only stream over ``source`` that raises :class:`TooLarge` once more than ``limit`` bytes are read."""

    def __init__(self, source: IO[bytes], limit: int, what: str) -> None:
        self._source = source
        self._limit = limit
        self._what = what
        self._read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._source.read(min(len(buffer), self._limit + 1 - self._read))
        self._read += len(data)
        if self._read > self._limit:
            raise too_large(self._what, self._limit)
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._source.close()
        super().close()


def describe(size: int) -> str:
    """``64 MB``, ``2.5 MB``, ``4096 MB``."""
    return f"{size / MB:.1f}".removesuffix(".0") + " MB"
