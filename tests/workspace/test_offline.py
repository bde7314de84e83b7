"""The workspace's side of a checkout (issue 16), against a checkout made from the sandbox over HTTP: the effective
base (the journal's when at least as new as the store's), the job's frames decoded from the store's chunk files
with the server gone (video, compressed and original quality), chunks of other media never used, and the store's
base renewed without the workspace's client ids."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import msgspec
import qasync
from PySide6.QtCore import QSize

from annodesk.annotations import Annotations, Shape
from annodesk.annotations.identity import CLIENT_ID, identified
from annodesk.api import CvatClient
from annodesk.api.models import DataMeta, Job, Task
from annodesk.sandbox import SandboxServer
from annodesk.session.checkout import ORIGINAL, check_out
from annodesk.session.checkout_store import Checkout, CheckoutStore
from annodesk.session.chunk_cache import ChunkCache, ChunkKey
from annodesk.session.journal import Journal
from annodesk.workspace.frames import FrameLoadError, FrameSource, TaskMedia
from annodesk.workspace.offline import CheckoutChunks, Checkouts, StoredChunks, effective_base, read_stored_job
from tests.api.helpers import sign_in

SPORTS = "Sports: basketball players"  # video, 150 frames, jobs of 50 frames overlapping by 5, chunks of 36
DEAD_SERVER = "http://127.0.0.1:9"  # loopback, nothing listens: every request fails at once


async def checked_out(server: SandboxServer, root: Path, quality: str = "compressed") -> tuple[CheckoutStore, Checkout]:
    client = await sign_in(server, "admin")
    async with client:
        tasks = [t async for t in client.iter_all_tasks() if t.name == SPORTS]
        task = tasks[0]
        job = (await client.task_jobs(task.id))[1]
        store = CheckoutStore(root / "offline")
        result = await check_out(client, store, job.id, quality=quality)
    return store, result.checkout


def stored_frames(store: CheckoutStore, checkout: Checkout) -> tuple[FrameSource, CheckoutChunks, Job]:
    """The job's frame source as the workspace makes it for a checkout, its client pointing at no server."""
    job = msgspec.json.decode(checkout.job, type=Job)
    task = msgspec.json.decode(checkout.task, type=Task)
    meta = msgspec.json.decode(checkout.meta, type=DataMeta)
    stored = StoredChunks(store, checkout)
    assert stored.serves(task, meta)
    chunks = CheckoutChunks(stored, fallback=ChunkCache(None, DEAD_SERVER))
    source = FrameSource(CvatClient(DEAD_SERVER), stored.media(task, meta), job.start_frame, job.stop_frame,
                         chunk_cache=chunks)  # fmt: skip
    return source, chunks, job


def test_the_effective_base_is_the_journals_when_at_least_as_new_as_the_stores(
    loop: qasync.QEventLoop, sandbox: SandboxServer, tmp_path: Path
) -> None:
    store, checkout = loop.run_until_complete(checked_out(sandbox, tmp_path))
    stored = Annotations.from_json(msgspec.json.decode(checkout.base))
    assert effective_base(checkout, None) == dataclasses.replace(stored, version=checkout.base_version)
    journal = Journal(tmp_path / "journal", checkout.server)
    assert effective_base(checkout, journal) == dataclasses.replace(stored, version=checkout.base_version)

    drawn = Shape("rectangle", 60, 1, (1.0, 2.0, 30.0, 40.0), id=777_001)
    newer = dataclasses.replace(stored, shapes=(*stored.shapes, drawn))
    journal.mark_saved(checkout.job_id, checkout.base_version - 1, newer)  # older than the store's: not used
    assert effective_base(checkout, journal).shapes == stored.shapes
    journal.mark_saved(checkout.job_id, checkout.base_version, newer)  # as new: the journal's
    assert effective_base(checkout, journal).shapes == newer.shapes
    journal.mark_saved(checkout.job_id, checkout.base_version + 3, newer)  # a sync killed before the store's write
    base = effective_base(checkout, journal)
    assert base.shapes == newer.shapes and base.version == checkout.base_version + 3
    opened = read_stored_job(checkout, journal)
    assert opened.base == base and opened.job.id == checkout.job_id and opened.task.id == checkout.task_id
    journal.close()
    store.close()


def test_a_jobs_frames_are_decoded_from_the_store_with_no_server(
    loop: qasync.QEventLoop, sandbox: SandboxServer, tmp_path: Path
) -> None:
    store, checkout = loop.run_until_complete(checked_out(sandbox, tmp_path))

    async def body() -> None:
        source, chunks, job = stored_frames(store, checkout)
        try:
            for number in (job.start_frame, job.start_frame + 1, job.stop_frame):
                frame = await source.frame(number)
                assert frame.number == number and not frame.image.isNull()
                assert frame.size == QSize(*source.media.sizes[0])
            assert chunks.store_reads == len({source.media.chunk_of(n) for n in (job.start_frame, job.stop_frame)})
            assert source.fetched_chunks == []  # nothing asked of a server
        finally:
            source.close()

    loop.run_until_complete(body())
    store.close()


def test_an_original_quality_checkout_is_decoded_as_its_chunk_type(
    loop: qasync.QEventLoop, sandbox: SandboxServer, tmp_path: Path
) -> None:
    store, checkout = loop.run_until_complete(checked_out(sandbox, tmp_path, ORIGINAL))
    task = msgspec.json.decode(checkout.task, type=Task)
    meta = msgspec.json.decode(checkout.meta, type=DataMeta)
    media = StoredChunks(store, checkout).media(task, meta)
    assert media.video == ((task.data_original_chunk_type or "imageset") == "video")

    async def body() -> None:
        source, chunks, job = stored_frames(store, checkout)
        try:
            frame = await source.frame(job.start_frame)
            assert not frame.image.isNull() and chunks.store_reads >= 1
        finally:
            source.close()

    loop.run_until_complete(body())
    store.close()


def test_chunks_of_other_media_or_tasks_are_not_read_from_the_store(
    loop: qasync.QEventLoop, sandbox: SandboxServer, tmp_path: Path
) -> None:
    store, checkout = loop.run_until_complete(checked_out(sandbox, tmp_path))
    task = msgspec.json.decode(checkout.task, type=Task)
    meta = msgspec.json.decode(checkout.meta, type=DataMeta)
    stored = StoredChunks(store, checkout)
    assert stored.serves(task, meta)
    assert not stored.serves(task, msgspec.structs.replace(meta, size=meta.size + 1))  # the task's data replaced
    assert not stored.serves(msgspec.structs.replace(task, id=task.id + 1), meta)

    fallback = ChunkCache(None, checkout.server)
    chunks = CheckoutChunks(stored, fallback=fallback)
    other = ChunkKey(task.id + 1, 0, "compressed", TaskMedia.of(task, meta).version)
    assert chunks.get(other) is None
    chunks.put(other, b"fetched")  # what the frame source downloads goes to the shared cache
    assert fallback.get(other) == b"fetched" == chunks.get(other)
    assert chunks.store_reads == 0

    async def body() -> None:
        source, _, job = stored_frames(store, checkout)
        outside = msgspec.structs.replace(job, start_frame=0, stop_frame=meta.size - 1)
        source.close()
        # a chunk the checkout lacks (outside the job) goes to the (dead) server and fails with its reason
        whole = FrameSource(CvatClient(DEAD_SERVER), TaskMedia.of(task, meta), outside.start_frame,
                            outside.stop_frame, chunk_cache=CheckoutChunks(stored))  # fmt: skip
        try:
            try:
                await whole.frame(meta.size - 1)
            except FrameLoadError as error:
                assert error.error is not None
            else:
                raise AssertionError("a chunk that is not stored was decoded")
        finally:
            whole.close()

    loop.run_until_complete(body())
    store.close()


def test_the_stores_base_is_renewed_without_client_ids(
    loop: qasync.QEventLoop, sandbox: SandboxServer, tmp_path: Path
) -> None:
    store, checkout = loop.run_until_complete(checked_out(sandbox, tmp_path))
    base = Annotations.from_json(msgspec.json.decode(checkout.base))
    drawn = identified(Annotations(shapes=(Shape("rectangle", 60, 1, (1.0, 2.0, 30.0, 40.0)),))).shapes[0]
    assert CLIENT_ID in drawn.extra
    saved = dataclasses.replace(base, shapes=(*base.shapes, dataclasses.replace(drawn, id=888_001)))
    Checkouts(store, checkout.server).renew_base(checkout.job_id, checkout.base_version + 1, saved)
    renewed = store.checkout(checkout.server, checkout.job_id)
    assert renewed is not None and renewed.base_version == checkout.base_version + 1
    assert renewed.synced >= checkout.synced
    data = msgspec.json.decode(renewed.base)
    assert data["version"] == checkout.base_version + 1
    assert [shape["id"] for shape in data["shapes"]][-1] == 888_001
    assert all(CLIENT_ID not in shape for shape in data["shapes"])
    assert Checkouts(store, checkout.server).find(checkout.job_id + 10_000) is None
    store.close()
