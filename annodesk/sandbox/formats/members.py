"""Reading annotation files and archive members within the server's size limit (counted while reading: a zip's
stated sizes are not trusted), so a small archive cannot unpack into gigabytes of memory."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import IO

from ..limits import CappedReader, Limits, capped_copy

MEMBER_LIMIT: ContextVar[int] = ContextVar("annodesk_member_limit", default=Limits().annotation_file)


@contextmanager
def member_limit(limit: int) -> Iterator[None]:
    """Apply ``limit`` to every member read in this block (one import runs in one thread)."""
    token = MEMBER_LIMIT.set(limit)
    try:
        yield
    finally:
        MEMBER_LIMIT.reset(token)


def open_member(archive: zipfile.ZipFile, name: str) -> IO[bytes]:
    """A stream of one member that fails past the limit (for stream parsers such as ``iterparse``)."""
    return io.BufferedReader(CappedReader(archive.open(name), MEMBER_LIMIT.get(), f"The archive member {name}"))


def read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """One member's bytes, at most the limit."""
    out = io.BytesIO()
    with archive.open(name) as source:
        capped_copy(source, out, MEMBER_LIMIT.get(), f"The archive member {name}")
    return out.getvalue()
