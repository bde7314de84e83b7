"""A ``multipart/form-data`` body streamed from files on disk, for httpx's ``content=`` (an async iterator).

The whole length is known before the first byte goes out (``Content-Length`` is set, no chunked encoding);
files are read in chunks in a worker thread, never on the event loop's; ``progress(sent, total)`` is called
each time httpx asks for the next chunk, i.e. once the previous one has been written to the connection.
"""

from __future__ import annotations

import asyncio
import mimetypes
import secrets
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

CHUNK = 256 * 1024
Progress = Callable[[int, int], None]


class FileChanged(OSError):
    """A file's size changed between measuring the body and sending it."""


@dataclass(frozen=True, slots=True)
class FilePart:
    """One file field: form ``field`` name, the local ``path``, the file name sent, and its size."""

    field: str
    path: Path
    filename: str
    size: int

    @classmethod
    def of(cls, field: str, path: Path) -> FilePart:
        """Measure ``path`` (call from a worker thread: it touches the disk)."""
        return cls(field, path, path.name, path.stat().st_size)


def _quoted(text: str) -> str:
    """A header parameter value as browsers send it (quotes and line breaks percent-escaped)."""
    return text.replace("\\", "\\\\").replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


class MultipartBody:
    """Form ``fields`` then ``files``; iterate it (asynchronously) to get the bytes."""

    def __init__(
        self,
        fields: Sequence[tuple[str, str]],
        files: Sequence[FilePart],
        *,
        progress: Progress | None = None,
        chunk: int = CHUNK,
    ) -> None:
        self.boundary = secrets.token_hex(16)
        self._fields = list(fields)
        self._files = list(files)
        self._progress = progress
        self._chunk = chunk
        self.sent = 0
        self.total = sum(len(part) for part in self._field_parts()) + sum(
            len(self._file_head(part)) + part.size + 2 for part in self._files
        ) + len(self._tail())  # fmt: skip

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.boundary}"

    @property
    def headers(self) -> dict[str, str]:
        """``Content-Type`` with the boundary and the exact ``Content-Length``."""
        return {"Content-Type": self.content_type, "Content-Length": str(self.total)}

    def _field_parts(self) -> list[bytes]:
        return [
            (f'--{self.boundary}\r\nContent-Disposition: form-data; name="{_quoted(name)}"\r\n\r\n{value}\r\n').encode()
            for name, value in self._fields
        ]

    def _file_head(self, part: FilePart) -> bytes:
        content_type = mimetypes.guess_type(part.filename)[0] or "application/octet-stream"
        return (
            f'--{self.boundary}\r\nContent-Disposition: form-data; name="{_quoted(part.field)}"; '
            f'filename="{_quoted(part.filename)}"\r\nContent-Type: {content_type}\r\n\r\n'
        ).encode()

    def _tail(self) -> bytes:
        return f"--{self.boundary}--\r\n".encode()

    async def __aiter__(self) -> AsyncIterator[bytes]:
        self.sent = 0
        head = b"".join(self._field_parts())
        if head:
            yield head
            self._count(len(head))
        for part in self._files:
            file_head = self._file_head(part)
            yield file_head
            self._count(len(file_head))
            async for piece in self._read(part):
                yield piece
                self._count(len(piece))
            yield b"\r\n"
            self._count(2)
        tail = self._tail()
        yield tail
        self._count(len(tail))

    async def _read(self, part: FilePart) -> AsyncIterator[bytes]:
        handle: BinaryIO = await asyncio.to_thread(part.path.open, "rb")
        try:
            remaining = part.size
            while remaining > 0:
                piece = await asyncio.to_thread(handle.read, min(self._chunk, remaining))
                if not piece:
                    raise FileChanged(f"{part.filename} became shorter while it was being sent.")
                remaining -= len(piece)
                yield piece
        finally:
            handle.close()

    def _count(self, amount: int) -> None:
        self.sent += amount
        if self._progress is not None:
            self._progress(self.sent, self.total)
