"""Downloading the chunks of a checkout (issue 16): a few at a time, started in the order they were asked for, each
body held in memory until the checkout stores it.

Two downloads at a time keep the server busy while this side reads and writes: a checkout then takes about as long
as downloading the same chunks one after another with bare httpx (``benchmarks/checkout.py``), although it also
reads the job, task, meta and annotations and writes every chunk to disk.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterable

from annodesk.api import CvatClient

CONCURRENT_DOWNLOADS = 2


class CheckoutCancelled(Exception):
    """``cancelled()`` said stop: the chunks stored so far are kept; check out again to resume."""


class _NotStarted(Exception):
    """A download that never started because another one failed first."""


class ChunkDownloads:
    """The chunks of one task (one quality) being downloaded, at most ``concurrency`` at a time.

    :meth:`next_done` hands over the downloaded bodies. When a download fails, no new one starts, those already
    running finish (and are handed over: a chunk received in full is not thrown away), then the first failure is
    raised. ``cancelled()`` is asked before each download starts and as bytes arrive; when it says stop,
    :class:`CheckoutCancelled` is raised at once. :meth:`close` abandons whatever is still running."""

    def __init__(
        self,
        client: CvatClient,
        task_id: int,
        quality: str,
        *,
        cancelled: Callable[[], bool] | None = None,
        on_bytes: Callable[[], None] | None = None,
        concurrency: int = CONCURRENT_DOWNLOADS,
    ) -> None:
        self._client, self._task_id, self._quality = client, task_id, quality
        self._cancelled = cancelled or (lambda: False)
        self._on_bytes = on_bytes
        self._slots = asyncio.Semaphore(max(1, concurrency))
        self._running: dict[int, asyncio.Task[bytes]] = {}
        self._partial: dict[int, int] = {}  # bytes received of each chunk not released yet
        self._failure: BaseException | None = None

    @property
    def wanted(self) -> set[int]:
        """The chunks asked for and not handed over yet."""
        return set(self._running)

    @property
    def bytes_received(self) -> int:
        """Bytes received of the chunks not released yet (those still arriving, and those handed over but not
        released), and of downloads that failed part-way."""
        return sum(self._partial.values())

    def want(self, numbers: Iterable[int]) -> None:
        """Download these chunks (those not asked for already), started in this order."""
        for number in numbers:
            if number not in self._running:
                self._running[number] = asyncio.ensure_future(self._fetch(number))

    def drop(self, number: int) -> None:
        """Stop downloading ``number`` (not needed after all), forgetting what it received."""
        task = self._running.pop(number, None)
        if task is not None:
            task.cancel()
        self._partial.pop(number, None)

    def release(self, number: int) -> None:
        """A handed-over chunk is stored: its bytes are now counted by the caller."""
        self._partial.pop(number, None)

    def stop(self, error: BaseException) -> None:
        """Abandon every download: :meth:`next_done` raises ``error`` (a cancel seen elsewhere)."""
        self._failure = error
        for task in self._running.values():
            task.cancel()

    async def next_done(self) -> tuple[int, bytes] | None:
        """The next downloaded chunk (number, body) in the order they finish, or None once every one is handed over.
        Raises the first failure once the downloads running when it happened have been handed over."""
        while True:
            for number in sorted(n for n, task in self._running.items() if task.done()):
                task = self._running.pop(number)
                if task.cancelled():
                    continue
                error = task.exception()
                if error is None:
                    return number, task.result()
                if isinstance(error, CheckoutCancelled):
                    raise error
                if not isinstance(error, _NotStarted) and self._failure is None:
                    self._failure = error
            if not self._running:
                if self._failure is not None:
                    raise self._failure
                return None
            await asyncio.wait(self._running.values(), return_when=asyncio.FIRST_COMPLETED)

    async def close(self) -> None:
        """Abandon the downloads still running (their bodies are lost)."""
        tasks = list(self._running.values())
        self._running.clear()
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(BaseException):
                await task

    async def _fetch(self, number: int) -> bytes:
        async with self._slots:
            if self._failure is not None or self._stopping():
                raise _NotStarted
            if self._cancelled():
                raise CheckoutCancelled

            def on_bytes(count: int) -> None:
                if self._cancelled():
                    raise CheckoutCancelled
                self._partial[number] = count
                if self._on_bytes is not None:
                    self._on_bytes()

            return await self._client.task_chunk(self._task_id, number, self._quality, on_bytes=on_bytes)

    def _stopping(self) -> bool:
        """Whether a download already failed (seen by :meth:`next_done` or not): start no new one."""
        return any(
            task.done() and not task.cancelled() and task.exception() is not None for task in self._running.values()
        )
