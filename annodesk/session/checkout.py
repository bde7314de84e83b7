"""Taking a job offline (issue 16): read the job, its task (labels), the task's frame meta and the job's
annotations (the base copy, with its version), then download the chunks the job's frames live in into the
:class:`~annodesk.session.checkout_store.CheckoutStore`, skipping those already there (shared with an
overlapping job of the same task, or left by an earlier, interrupted checkout).

A second :func:`check_out` of a job already recorded resumes: it keeps the stored base (the journal's edits are
made against it) and downloads only what is missing. Cancel with ``cancelled()`` returning True (checked as bytes
arrive) or by cancelling the awaiting task: what was stored stays stored.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass

import msgspec

from annodesk.api import CvatClient
from annodesk.api.models import DataMeta, Job, Task

from .checkout_store import Checkout, CheckoutStore, media_version
from .journal import Journal

COMPRESSED, ORIGINAL = "compressed", "original"


class CheckoutCancelled(Exception):
    """``cancelled()`` said stop: the chunks stored so far are kept; check out again to resume."""


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
    """A finished checkout: the chunks downloaded in this run (and their bytes), and those already stored."""

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
) -> CheckoutResult:
    """Check ``job_id`` out of ``client``'s server into ``store`` (or resume a checkout left unfinished)."""
    if quality not in (COMPRESSED, ORIGINAL):
        raise ValueError("quality is 'compressed' or 'original'")
    server = client.server_url
    record = store.checkout(server, job_id)
    if record is None or record.quality != quality:
        job = await client.get_job(job_id)
        task, meta, raw = await asyncio.gather(
            client.get_task(job.task_id),
            client.task_data_meta(job.task_id),
            client.get_job_annotations_raw(job_id) if record is None else _nothing(),
        )
        if record is None:
            assert raw is not None
            base, version, now = raw.content, raw.version, time.time()
            checked_out = synced = now
        else:  # another quality of a job already out: its base stays (the journal's edits are made against it)
            base, version, checked_out, synced = record.base, record.base_version, record.checked_out, record.synced
        record = Checkout(
            server=server, job_id=job.id, task_id=task.id, quality=quality,
            media_version=_media_version(task, meta),
            job=msgspec.json.encode(job), task=msgspec.json.encode(task), meta=msgspec.json.encode(meta),
            base=base, base_version=version, checked_out=checked_out, synced=synced, complete=False,
        )  # fmt: skip
        await asyncio.to_thread(store.put_checkout, record, job_chunks(job, chunk_size_of(task, meta)))
    job = msgspec.json.decode(record.job, type=Job)
    task = msgspec.json.decode(record.task, type=Task)
    meta = msgspec.json.decode(record.meta, type=DataMeta)
    chunk_size = chunk_size_of(task, meta)
    # resuming: check the bytes of what an earlier run stored (a power cut may have lost unsynced chunk files)
    states = await asyncio.to_thread(store.chunk_states, server, job_id, verify=not record.complete)
    frames_total = job.stop_frame - job.start_frame + 1
    done = [state.number for state in states if state.stored]
    frames_done = sum(_frames_in(number, job, chunk_size) for number in done)
    received = 0
    downloaded: list[int] = []

    def report(extra: int = 0) -> None:
        if progress is not None:
            progress(CheckoutProgress(received + extra, frames_done, frames_total, len(done) + len(downloaded),
                                      len(states)))  # fmt: skip

    def on_bytes(count: int) -> None:
        if cancelled is not None and cancelled():
            raise CheckoutCancelled
        report(count)

    async def store_chunk(number: int, data: bytes) -> None:
        nonlocal received, frames_done
        await asyncio.to_thread(store.put_chunk, server, task.id, quality, number, record.media_version, data)
        received += len(data)
        downloaded.append(number)
        frames_done += _frames_in(number, job, chunk_size)
        report()

    report()
    writing: asyncio.Task[None] | None = None  # the previous chunk is written while the next one downloads
    try:
        for state in states:
            if state.stored:
                continue
            if cancelled is not None and cancelled():
                raise CheckoutCancelled
            data = await client.task_chunk(task.id, state.number, quality, on_bytes=on_bytes)
            if writing is not None:
                await writing
            writing = asyncio.ensure_future(store_chunk(state.number, data))
    finally:
        if writing is not None:  # a chunk fully received is stored even when the next one failed
            await writing
    await asyncio.to_thread(store.mark_complete, server, job_id)
    final = store.checkout(server, job_id)
    assert final is not None
    return CheckoutResult(final, tuple(downloaded), received, tuple(done))


def remove(
    store: CheckoutStore, server: str, job_id: int, *, journal: Journal | None = None, force: bool = False
) -> Removal:
    """Remove a checkout; one whose journal holds unsaved steps is kept unless ``force`` (then the journal is
    discarded too). Blocking (disk): call from a worker thread."""
    journal = journal if journal is not None else Journal.default(server)
    pending = journal.pending(job_id)
    steps = pending.steps if pending is not None else 0
    if steps and not force:
        return Removal(False, steps, 0)
    freed = store.remove_checkout(server, job_id)
    if steps:
        journal.discard(job_id)
    return Removal(True, steps, freed)


async def _nothing() -> None:
    return None


def _media_version(task: Task, meta: DataMeta) -> str:
    return media_version(
        meta.size, chunk_size_of(task, meta), meta.image_quality, meta.start_frame, meta.stop_frame, meta.frame_filter
    )
