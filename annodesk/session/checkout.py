"""Taking a job offline (issue 16): read the job, its task (labels), the task's frame meta and the job's
annotations (the base copy, with its version), then download the chunks the job's frames live in into the
:class:`~annodesk.session.checkout_store.CheckoutStore`, skipping those already there (shared with an
overlapping job of the same task, or left by an earlier, interrupted checkout). The chunks download two at a time
(:mod:`~annodesk.session.chunk_downloads`), the first ones while the annotations are still being read.

A second :func:`check_out` of a job already recorded resumes: it keeps the stored base (the journal's edits are
made against it) and downloads only what is missing. A failed download stops the checkout once the downloads
already running are stored. Cancel with ``cancelled()`` returning True (checked before each download, as bytes
arrive and after each chunk is stored) or by cancelling the awaiting task: what was stored stays stored.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, TypeVar

import msgspec

from annodesk.api import CvatClient
from annodesk.api.models import DataMeta, Job, Task

from .checkout_store import Checkout, CheckoutStore, StagedChunk, media_version
from .chunk_downloads import CheckoutCancelled, ChunkDownloads
from .journal import Journal

T = TypeVar("T")

COMPRESSED, ORIGINAL = "compressed", "original"


@dataclass(frozen=True)
class CheckoutProgress:
    """How far a checkout is: bytes received in this run, frames of the job whose chunk is stored, chunks."""

    bytes_received: int
    frames_done: int
    frames_total: int
    chunks_done: int
    chunks_total: int


@dataclass(frozen=True)
class CheckoutResult:
    """A finished checkout: the chunks downloaded in this run (in order; and their bytes), and those already stored."""

    checkout: Checkout
    downloaded: tuple[int, ...]
    bytes_downloaded: int
    reused: tuple[int, ...]


@dataclass(frozen=True)
class Removal:
    """What :func:`remove` did: ``removed`` False when the job holds unsynced edits and ``force`` was not given."""

    removed: bool
    unsynced_steps: int
    bytes_freed: int


def chunk_size_of(task: Task, meta: DataMeta) -> int:
    return meta.chunk_size or task.data_chunk_size or 1


def job_chunks(job: Job, chunk_size: int) -> list[int]:
    """The chunk numbers holding the job's frames (``start_frame``…``stop_frame``, inclusive)."""
    return list(range(job.start_frame // chunk_size, job.stop_frame // chunk_size + 1))


def _frames_in(number: int, job: Job, chunk_size: int) -> int:
    first, last = max(job.start_frame, number * chunk_size), min(job.stop_frame, (number + 1) * chunk_size - 1)
    return max(0, last - first + 1)


async def check_out(
    client: CvatClient,
    store: CheckoutStore,
    job_id: int,
    *,
    quality: str = COMPRESSED,
    progress: Callable[[CheckoutProgress], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    task_id: int | None = None,
) -> CheckoutResult:
    """Check ``job_id`` out of ``client``'s server into ``store`` (or resume a checkout left unfinished).

    ``task_id``: the job's task when the caller knows it (the jobs tree, My jobs, the workspace do): the task and
    its meta are then read beside the job, and the chunks start one round trip earlier (a wrong one only costs
    that)."""
    if quality not in (COMPRESSED, ORIGINAL):
        raise ValueError("quality is 'compressed' or 'original'")
    run = _Run(client, store, quality, progress, cancelled)
    try:
        return await run.check_out(job_id, task_id)
    finally:
        await run.close()


class _Run:
    """One :func:`check_out`: records the checkout (downloading the first chunks meanwhile), then downloads the
    missing chunks two at a time, each written to its staged file as it arrives and committed once complete."""

    def __init__(
        self,
        client: CvatClient,
        store: CheckoutStore,
        quality: str,
        progress: Callable[[CheckoutProgress], None] | None,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        self.client, self.store, self.quality = client, store, quality
        self.progress, self.cancelled = progress, cancelled
        self.downloads: ChunkDownloads | None = None
        self.counting = False  # progress is reported once the checkout is recorded and its chunk states known
        self.received = 0  # bytes of the chunks stored in this run
        self.most_reported = 0  # progress never goes back (a chunk dropped part-way keeps what it counted)
        self.frames_done = self.frames_total = self.chunks_total = 0
        self.reused: list[int] = []
        self.downloaded: list[int] = []

    async def check_out(self, job_id: int, task_id: int | None) -> CheckoutResult:
        server, store = self.client.server_url, self.store
        record = store.checkout(server, job_id)
        if record is None or record.quality != self.quality:
            record = await self._record(job_id, task_id, record)
        job = msgspec.json.decode(record.job, type=Job)
        task = msgspec.json.decode(record.task, type=Task)
        meta = msgspec.json.decode(record.meta, type=DataMeta)
        chunk_size = chunk_size_of(task, meta)
        # resuming: check the bytes of what an earlier run stored (a power cut may have lost unsynced chunk files)
        states = await asyncio.to_thread(store.chunk_states, server, job_id, verify=not record.complete)
        downloads = self._downloads(task.id)
        for number in downloads.wanted - {state.number for state in states if not state.stored}:
            downloads.drop(number)  # fetched ahead, but stored meanwhile (or not needed after all)
        downloads.want(state.number for state in states if not state.stored)
        self.reused = [state.number for state in states if state.stored]
        self.frames_total = job.stop_frame - job.start_frame + 1
        self.frames_done = sum(_frames_in(number, job, chunk_size) for number in self.reused)
        self.chunks_total = len(states)
        self.counting = True
        self._report()
        writes: list[asyncio.Future[None]] = []  # each chunk is committed as it completes, while the others download
        try:
            while (done := await downloads.next_done()) is not None:
                for write in [write for write in writes if write.done()]:
                    writes.remove(write)
                    write.result()  # a failed write (full disk) stops the checkout
                writes.append(asyncio.ensure_future(self._store(record, job, chunk_size, *done)))
        finally:  # the chunks received in full are stored, whatever stopped the checkout
            written = await asyncio.gather(*writes, return_exceptions=True)
        for outcome in written:
            if isinstance(outcome, BaseException):
                raise outcome
        await asyncio.to_thread(store.mark_complete, server, job_id)
        final = dataclasses.replace(record, complete=True)
        return CheckoutResult(final, tuple(sorted(self.downloaded)), self.received, tuple(self.reused))

    async def _store(self, record: Checkout, job: Job, chunk_size: int, number: int, staged: StagedChunk) -> None:
        """Commit one downloaded chunk (on the writer thread, once its file is written: rename, record), then count
        it; a cancel seen here stops the downloads."""
        assert self.downloads is not None
        try:
            await self.downloads.after_writes(lambda: self.store.commit_chunk(staged, record.media_version))
        except BaseException:
            await self.downloads.after_writes(staged.discard)
            raise
        self.downloads.release(number)
        self.received += staged.size
        self.downloaded.append(number)
        self.frames_done += _frames_in(number, job, chunk_size)
        self._report()
        if self.cancelled is not None and self.cancelled():
            self.downloads.stop(CheckoutCancelled())

    async def close(self) -> None:
        if self.downloads is not None:
            await self.downloads.close()

    async def _record(self, job_id: int, task_id: int | None, earlier: Checkout | None) -> Checkout:
        """Read the job, its task and meta (and, for a new checkout, its annotations: the base) and record the
        checkout. The job's chunks start downloading as soon as the task says its chunk size."""
        client = self.client
        pending: list[asyncio.Future[Any]] = []
        try:
            # the job and its task first: they say which chunks to download; meta and annotations come meanwhile
            task_answer = _start(pending, client.get_task(task_id)) if task_id is not None else None
            job = await client.get_job(job_id)
            if task_answer is None or job.task_id != task_id:
                task_answer = _start(pending, client.get_task(job.task_id))
            task = await task_answer
            guess = task.data_chunk_size or 0
            if guess:
                self._fetch_ahead(job, task.id, guess)
            meta_answer = _start(pending, client.task_data_meta(task.id))
            annotations = _start(pending, client.get_job_annotations_raw(job_id)) if earlier is None else None
            meta = await meta_answer
            chunk_size = chunk_size_of(task, meta)
            if chunk_size != guess:
                if self.downloads is not None:
                    for number in self.downloads.wanted:
                        self.downloads.drop(number)
                self._fetch_ahead(job, task.id, chunk_size)
            if annotations is not None:
                raw = await annotations
                base, version, checked_out = raw.content, raw.version, time.time()
                synced = checked_out
            else:  # another quality of a job already out: its base stays (the journal's edits are made against it)
                assert earlier is not None
                base, version = earlier.base, earlier.base_version
                checked_out, synced = earlier.checked_out, earlier.synced
        finally:
            for future in pending:  # those left unawaited (a failure, a wrong task hint) end here, quietly
                if not future.done():
                    future.cancel()
                with contextlib.suppress(BaseException):
                    await future
        record = Checkout(
            server=client.server_url, job_id=job.id, task_id=task.id, quality=self.quality,
            media_version=_media_version(task, meta),
            job=msgspec.json.encode(job), task=msgspec.json.encode(task), meta=msgspec.json.encode(meta),
            base=base, base_version=version, checked_out=checked_out, synced=synced, complete=False,
        )  # fmt: skip
        await asyncio.to_thread(self.store.put_checkout, record, job_chunks(job, chunk_size))
        return record

    def _fetch_ahead(self, job: Job, task_id: int, chunk_size: int) -> None:
        """Start downloading the job's chunks whose files are not in the store yet (a file there may still be of
        other media: once the checkout is recorded, its chunk states say what is really missing)."""
        server = self.client.server_url
        self._downloads(task_id).want(
            number
            for number in job_chunks(job, chunk_size)
            if not self.store.chunk_path(server, task_id, self.quality, number).is_file()
        )

    def _downloads(self, task_id: int) -> ChunkDownloads:
        if self.downloads is None:
            server, quality, store = self.client.server_url, self.quality, self.store
            self.downloads = ChunkDownloads(
                self.client, task_id, quality, cancelled=self.cancelled, on_bytes=self._report,
                stage=lambda number: store.stage_chunk(server, task_id, quality, number),
            )  # fmt: skip
        return self.downloads

    def _report(self) -> None:
        if self.progress is None or not self.counting:
            return
        in_flight = self.downloads.bytes_received if self.downloads is not None else 0
        self.most_reported = max(self.most_reported, self.received + in_flight)
        done = len(self.reused) + len(self.downloaded)
        self.progress(
            CheckoutProgress(self.most_reported, self.frames_done, self.frames_total, done, self.chunks_total)
        )


def remove(
    store: CheckoutStore, server: str, job_id: int, *, journal: Journal | None = None, force: bool = False
) -> Removal:
    """Remove a checkout; one whose journal holds unsaved steps is kept unless ``force`` (then the journal is
    discarded too). Blocking (disk): call from a worker thread."""
    journal = journal if journal is not None else Journal.default(server)
    _, steps = journal.summary(job_id)
    if steps and not force:
        return Removal(False, steps, 0)
    freed = store.remove_checkout(server, job_id)
    if steps:
        journal.discard(job_id)
    return Removal(True, steps, freed)


def _start(pending: list[asyncio.Future[Any]], request: Coroutine[Any, Any, T]) -> asyncio.Future[T]:
    """Run ``request`` concurrently (cancelled by :meth:`_Run._record` if it is left unawaited)."""
    future = asyncio.ensure_future(request)
    pending.append(future)
    return future


def _media_version(task: Task, meta: DataMeta) -> str:
    return media_version(
        meta.size, chunk_size_of(task, meta), meta.image_quality, meta.start_frame, meta.stop_frame, meta.frame_filter
    )
