"""Bounds on what one request may cost: a size limit on answers read into memory, and deadlines.

httpx's timeouts are per read: a server dripping one byte a second never trips them, and a server sending an
endless body is read until memory runs out. Here an ordinary request has one overall deadline (connect and the
whole answer) and its answer is read in chunks up to a limit; transfers (uploads, downloads), which may
rightly take long, have a deadline that moves on each time enough of the body has gone out or come in.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Iterator
from typing import cast

import httpx

from . import errors

_DROPPED_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


class ProgressDeadline:
    """An :func:`asyncio.timeout_at` that ends ``window`` seconds after the last :meth:`progressed` call.

    Use as ``async with deadline:``; when it ends, the body raises :class:`TimeoutError` and :attr:`expired`
    is true. ``window`` None: no deadline.
    """

    def __init__(self, window: float | None) -> None:
        self.window = window
        self._timeout: asyncio.Timeout | None = None

    def _when(self) -> float | None:
        return None if self.window is None else asyncio.get_running_loop().time() + self.window

    async def __aenter__(self) -> ProgressDeadline:
        self._timeout = asyncio.timeout_at(self._when())
        await self._timeout.__aenter__()
        return self

    async def __aexit__(self, *exc_info: object) -> bool | None:
        assert self._timeout is not None
        await self._timeout.__aexit__(*exc_info)  # type: ignore[arg-type]
        return None

    @property
    def expired(self) -> bool:
        """Whether the deadline ended the body."""
        return self._timeout is not None and self._timeout.expired()

    def progressed(self) -> None:
        """Something moved: the deadline is ``window`` seconds from now again."""
        if self._timeout is not None and self.window is not None:
            self._timeout.reschedule(self._when())


async def watched(body: AsyncIterable[bytes], deadline: ProgressDeadline) -> AsyncIterator[bytes]:
    """``body``'s pieces, telling ``deadline`` each time one is asked for (the previous one went out)."""
    async for piece in body:
        yield piece
        deadline.progressed()


def too_large(limit: int, server_url: str, status: int | None = None) -> errors.AnswerTooLarge:
    """The error for an answer over ``limit`` bytes."""
    return errors.AnswerTooLarge(
        f"The server's answer is too large (over {limit // (1024 * 1024)} MB); it was not read. "
        f"If {server_url} really sends answers this large, raise the answer size limit.",
        limit=limit,
        status=status,
    )


async def read_capped(response: httpx.Response, limit: int, server_url: str) -> httpx.Response:
    """``response`` with its (decoded) body read into memory, at most ``limit`` bytes of it.

    A ``Content-Length`` over the limit is refused before anything is read; a body that grows past it is
    refused as soon as it does (:class:`~annodesk.api.errors.AnswerTooLarge`). The stream is closed either way.
    """
    try:
        declared = _declared_length(response)
        if declared is not None and declared > limit:
            raise too_large(limit, server_url, response.status_code)
        chunks: list[bytes] = []
        size = 0
        async with contextlib.aclosing(
            cast(AsyncGenerator[bytes], response.aiter_bytes())
        ) as pieces:  # closed here, not by the GC later
            async for chunk in pieces:
                size += len(chunk)
                if size > limit:
                    raise too_large(limit, server_url, response.status_code)
                chunks.append(chunk)
    finally:
        await response.aclose()
    return httpx.Response(
        response.status_code,
        headers=list(_kept_headers(response.headers)),
        content=b"".join(chunks),
        request=response.request,
        extensions=response.extensions,
    )


def _declared_length(response: httpx.Response) -> int | None:
    with contextlib.suppress(ValueError):
        return int(response.headers.get("content-length", ""))
    return None


def _kept_headers(headers: httpx.Headers) -> Iterator[tuple[str, str]]:
    """The answer's headers without those describing the encoded body (the copy holds it decoded)."""
    for name, value in headers.multi_items():
        if name.lower() not in _DROPPED_HEADERS:
            yield name, value
