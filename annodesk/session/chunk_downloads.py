"""Downloading the chunks of a checkout (issue 16): a few at a time, started in the order they were asked for, each
written as it arrives into a staged file (:class:`~annodesk.session.checkout_store.StagedChunk`: a temporary name,
hashed as written) and handed over for the checkout to commit.

Two downloads at a time keep the server busy while this side writes. The pieces go to disk in batches of about
1 MiB on one writer thread (each batch written and hashed at once: see :meth:`StagedChunk.write`), and a chunk is
never gathered whole in memory: a checkout of ~75 MB of chunks then takes ~1.1–1.25× as long as downloading them
with bare httpx (``benchmarks/checkout.py``), although it also reads the job, task, meta and annotations and writes
and hashes every byte.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
from collections.abc import Callable, Iterable
from typing import TypeVar

from annodesk.api import CvatClient

from .checkout_store import StagedChunk

T = TypeVar("T")

CONCURRENT_DOWNLOADS = 2
WRITE_BATCH = 1 << 20  # bytes handed to the writer thread at once
PROGRESS_STEP = 256 * 1024  # on_bytes() at most once per this many bytes of a chunk (and at its end)


class CheckoutCancelled(Exception):
    """``cancelled()`` said stop: the chunks stored so far are kept; check out again to resume."""


class _NotStarted(Exception):
    """A download that never started because another one failed first."""


class ChunkDownloads:
    """The chunks of one task (one quality) being downloaded, at most ``concurrency`` at a time, each into the file
    ``stage(number)`` gives (written on the writer thread).

    :meth:`next_done` hands over the downloaded chunks, their files finished by the writer thread: use them through
    :meth:`after_writes`. When a download fails, no new one starts, those already
    running finish (and are handed over: a chunk received in full is not thrown away), then the first failure is
    raised. ``cancelled()`` is asked before each download starts and as bytes arrive; when it says stop,
    :class:`CheckoutCancelled` is raised at once. :meth:`close` abandons whatever is still running and deletes the
    files of the chunks not handed over."""

    def __init__(
        self,
        client: CvatClient,
        task_id: int,
        quality: str,
        *,
        stage: Callable[[int], StagedChunk],
        cancelled: Callable[[], bool] | None = None,
        on_bytes: Callable[[], None] | None = None,
        concurrency: int = CONCURRENT_DOWNLOADS,
    ) -> None:
        self._client, self._task_id, self._quality = client, task_id, quality
        self._stage = stage
        self._cancelled = cancelled or (lambda: False)
        self._on_bytes = on_bytes
        self._slots = asyncio.Semaphore(max(1, concurrency))
        self._running: dict[int, asyncio.Task[StagedChunk]] = {}
        self._dropped: set[asyncio.Task[StagedChunk]] = set()  # cancelled, still deleting their files
        self._partial: dict[int, int] = {}  # bytes received of each chunk not released yet
        self._failure: BaseException | None = None
        # one writer thread: the pieces of a chunk are written in the order they arrived
        self._disk = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="checkout-writes")

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
            self._dropped.add(task)
            task.add_done_callback(self._dropped.discard)
            if task.done() and not task.cancelled() and task.exception() is None:
                self._disk.submit(task.result().discard)  # downloaded in full, never handed over
        self._partial.pop(number, None)

    def release(self, number: int) -> None:
        """A handed-over chunk is stored: its bytes are now counted by the caller."""
        self._partial.pop(number, None)

    async def after_writes(self, action: Callable[[], T]) -> T:
        """Run ``action`` on the writer thread once every write submitted so far is done (and the files of the
        chunks handed over are finished): commit a handed-over chunk with it."""
        return await asyncio.wrap_future(self._disk.submit(action))

    def stop(self, error: BaseException) -> None:
        """Abandon every download: :meth:`next_done` raises ``error`` (a cancel seen elsewhere)."""
        self._failure = error
        for task in self._running.values():
            task.cancel()

    async def next_done(self) -> tuple[int, StagedChunk] | None:
        """The next downloaded chunk (number, its finished file) in the order they finish, or None once every one is
        handed over. Raises the first failure once the downloads running when it happened have been handed over."""
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
        """Abandon the downloads still running (their files are deleted, as those of the chunks downloaded but not
        handed over); returns once the writer thread is idle and gone."""
        tasks = [*self._running.values(), *self._dropped]
        self._running.clear()
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(BaseException):
                self._disk.submit((await task).discard)
        await asyncio.wrap_future(self._disk.submit(lambda: None))  # every write and deletion submitted is done
        self._disk.shutdown(wait=False)

    async def _fetch(self, number: int) -> StagedChunk:
        async with self._slots:
            if self._failure is not None or self._stopping():
                raise _NotStarted
            if self._cancelled():
                raise CheckoutCancelled
            staged = self._stage(number)
            try:
                await self._download(number, staged)
            except BaseException:
                self._disk.submit(staged.discard)
                raise
            self._disk.submit(staged.finish)  # a failure is the staged chunk's error, raised by whatever uses it next
            return staged

    async def _download(self, number: int, staged: StagedChunk) -> None:
        """Stream chunk ``number`` into ``staged``, in batches handed to the writer thread."""
        batch: list[bytes] = []
        batched = reported = 0

        def sink(piece: bytes) -> None:
            nonlocal batched
            if staged.error is not None:  # the disk is full (or failing): stop downloading what cannot be kept
                raise staged.error
            batch.append(piece)
            batched += len(piece)
            if batched >= WRITE_BATCH:
                self._disk.submit(staged.write, *batch)
                batch.clear()
                batched = 0

        def on_bytes(count: int) -> None:
            nonlocal reported
            if self._cancelled():
                raise CheckoutCancelled
            self._partial[number] = count
            if self._on_bytes is not None and count - reported >= PROGRESS_STEP:
                reported = count
                self._on_bytes()

        received = await self._client.stream_task_chunk(self._task_id, number, sink, self._quality, on_bytes=on_bytes)
        if batch:
            self._disk.submit(staged.write, *batch)
        if self._on_bytes is not None and reported != received:
            self._on_bytes()

    def _stopping(self) -> bool:
        """Whether a download already failed (seen by :meth:`next_done` or not): start no new one."""
        return any(
            task.done() and not task.cancelled() and task.exception() is not None for task in self._running.values()
        )
