"""Checking jobs out for offline work (issue 16), over real HTTP against the sandbox: everything the workspace
needs is stored, chunks shared by overlapping jobs are downloaded once, and a cancelled, dropped or killed
checkout resumes without downloading again what is there."""

from __future__ import annotations

import asyncio
import dataclasses
import signal
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import msgspec
import pytest

from annodesk.annotations import Annotations, Shape
from annodesk.annotations.history import EditStep
from annodesk.api import CvatClient, NetworkError
from annodesk.api.annotation_models import Annotations as ServerAnnotations
from annodesk.api.models import DataMeta, Job, Task
from annodesk.sandbox import SandboxServer
from annodesk.session.checkout import CheckoutCancelled, CheckoutProgress, check_out, job_chunks, remove
from annodesk.session.checkout_store import CheckoutStore, StagedChunk
from annodesk.session.journal import Journal
from tests.api.helpers import PASSWORDS, sign_in

from . import checkout_child
from .test_checkout_store import FullDisk

SPORTS = "Sports: basketball players"  # video, 150 frames, jobs of 50 frames overlapping by 5, chunks of 36


async def _task_named(client: CvatClient, name: str) -> Task:
    async for task in client.iter_all_tasks():
        if task.name == name:
            return task
    raise AssertionError(name)


def _count_chunk_requests(client: CvatClient) -> list[int]:
    """The chunk numbers ``client`` asks for, in order."""
    numbers: list[int] = []

    async def hook(response: httpx.Response) -> None:
        if response.request.url.params.get("type") == "chunk":
            numbers.append(int(response.request.url.params["number"]))

    client.add_response_hook(hook)
    return numbers


async def _jobs(client: CvatClient) -> tuple[Task, tuple[Job, ...], int]:
    task = await _task_named(client, SPORTS)
    meta = await client.task_data_meta(task.id)
    return task, await client.task_jobs(task.id), meta.chunk_size


async def test_a_checkout_stores_what_the_workspace_needs(sandbox: SandboxServer, tmp_path: Path) -> None:
    client = await sign_in(sandbox, "admin")
    async with client:
        task, jobs, chunk_size = await _jobs(client)
        job = jobs[1]
        store = CheckoutStore(tmp_path / "offline")
        seen: list[CheckoutProgress] = []
        result = await check_out(client, store, job.id, progress=seen.append)

        stored = store.checkout(client.server_url, job.id)
        assert stored is not None and stored.complete and stored.task_id == task.id
        assert msgspec.json.decode(stored.job, type=Job) == await client.get_job(job.id)
        assert msgspec.json.decode(stored.task, type=Task).labels == task.labels
        assert msgspec.json.decode(stored.meta, type=DataMeta) == await client.task_data_meta(task.id)
        raw = await client.get_job_annotations_raw(job.id)
        assert stored.base == raw.content and stored.base_version == raw.version
        assert msgspec.json.decode(stored.base, type=ServerAnnotations) == await client.get_job_annotations(job.id)

        needed = job_chunks(job, chunk_size)
        assert len(needed) > 1 and result.downloaded == tuple(needed) and not result.reused
        assert [state.number for state in store.chunk_states(client.server_url, job.id)] == needed
        for number in needed:
            assert store.read_chunk(client.server_url, task.id, "compressed", number) == await client.task_chunk(
                task.id, number
            )
        last = seen[-1]
        assert last.frames_done == last.frames_total == job.stop_frame - job.start_frame + 1
        assert last.chunks_done == last.chunks_total == len(needed)
        assert (
            last.bytes_received
            == result.bytes_downloaded
            == sum(state.size for state in store.chunk_states(client.server_url, job.id))
        )
        assert [p.bytes_received for p in seen] == sorted(p.bytes_received for p in seen)
        store.close()


async def test_overlapping_jobs_share_their_chunks(sandbox: SandboxServer, tmp_path: Path) -> None:
    client = await sign_in(sandbox, "admin")
    async with client:
        task, jobs, chunk_size = await _jobs(client)
        first, second = jobs[0], jobs[1]
        shared = set(job_chunks(first, chunk_size)) & set(job_chunks(second, chunk_size))
        assert shared
        store = CheckoutStore(tmp_path / "offline")
        requested = _count_chunk_requests(client)
        await check_out(client, store, first.id)
        assert sorted(requested) == job_chunks(first, chunk_size)  # two at a time: answers may come in any order
        requested.clear()
        result = await check_out(client, store, second.id)
        assert set(requested) == set(job_chunks(second, chunk_size)) - shared
        assert set(result.reused) == shared

        # removing one job keeps what the other needs; removing both leaves no chunk file
        shared_paths = [store.chunk_path(client.server_url, task.id, "compressed", n) for n in shared]
        journal = Journal(tmp_path / "journal", client.server_url)
        assert remove(store, client.server_url, first.id, journal=journal).removed
        assert all(path.is_file() for path in shared_paths)
        assert all(state.stored for state in store.chunk_states(client.server_url, second.id))
        assert remove(store, client.server_url, second.id, journal=journal).removed
        assert not [path for path in store.chunk_root.rglob("*") if path.is_file()]
        assert store.checkouts() == []
        store.close()


async def test_removing_a_checkout_with_unsynced_edits_asks_first(sandbox: SandboxServer, tmp_path: Path) -> None:
    client = await sign_in(sandbox, "admin")
    async with client:
        _, jobs, _ = await _jobs(client)
        job = jobs[0]
        store = CheckoutStore(tmp_path / "offline")
        await check_out(client, store, job.id)
        stored = store.checkout(client.server_url, job.id)
        assert stored is not None
        base = msgspec.json.decode(stored.base, type=Annotations)
        journal = Journal(tmp_path / "journal", client.server_url)
        journal.begin(job.id, stored.base_version, base)
        task = await _task_named(client, SPORTS)
        drawn = Shape("rectangle", job.start_frame, task.labels[0].id, (1.0, 1.0, 9.0, 9.0), id=900_001)
        after = dataclasses.replace(base, shapes=(*base.shapes, drawn))
        journal.append(job.id, EditStep("Draw", job.start_frame, base, after))

        kept = remove(store, client.server_url, job.id, journal=journal)
        assert not kept.removed and kept.unsynced_steps == 1
        assert store.checkout(client.server_url, job.id) is not None
        forced = remove(store, client.server_url, job.id, journal=journal, force=True)
        assert forced.removed and forced.bytes_freed > 0 and journal.pending(job.id) is None
        journal.close()
        store.close()


async def _resumes_after(
    client: CvatClient, store: CheckoutStore, job: Job, chunk_size: int, interrupt: Callable[[], Awaitable[None]]
) -> None:
    """``interrupt()`` stops a checkout part-way; a second checkout downloads exactly the chunks not stored."""
    await interrupt()
    stored_before = {s.number for s in store.chunk_states(client.server_url, job.id) if s.stored}
    needed = set(job_chunks(job, chunk_size))
    assert stored_before and stored_before != needed
    requested = _count_chunk_requests(client)
    result = await check_out(client, store, job.id)
    assert sorted(requested) == sorted(needed - stored_before) == list(result.downloaded)
    assert all(state.stored for state in store.chunk_states(client.server_url, job.id))


async def test_a_cancelled_checkout_resumes_where_it_stopped(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    """Cancelled once the first chunk is stored, while the second one's answer is held back (so the cancel lands
    inside the checkout): the stored chunk is kept, nothing more is stored, and the next run downloads the rest."""
    client = await sign_in(fresh_sandbox, "admin")
    async with client:
        task, jobs, chunk_size = await _jobs(client)
        job = jobs[0]
        first, second = job_chunks(job, chunk_size)
        store = CheckoutStore(tmp_path / "offline")
        progress: list[CheckoutProgress] = []

        async def cancel_after_one_chunk() -> None:
            fresh_sandbox.faults.add("hang", path=rf"tasks/{task.id}/data", query=rf"number={second}\b")
            with pytest.raises(CheckoutCancelled):
                await check_out(
                    client, store, job.id, progress=progress.append,
                    cancelled=lambda: bool(progress) and progress[-1].chunks_done >= 1,
                )  # fmt: skip
            fresh_sandbox.faults.clear()
            assert [state.number for state in store.chunk_states(client.server_url, job.id) if state.stored] == [first]
            assert not list(store.chunk_root.rglob(".part-*"))  # the held chunk's file was deleted
            assert not store.checkout(client.server_url, job.id).complete  # type: ignore[union-attr]
            assert progress[-1].chunks_done == 1 and progress[-1].frames_done == chunk_size - job.start_frame

        await _resumes_after(client, store, job, chunk_size, cancel_after_one_chunk)
        store.close()


async def test_a_dropped_connection_resumes_without_downloading_again(
    fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    client = await sign_in(fresh_sandbox, "admin")
    async with client:
        task, jobs, chunk_size = await _jobs(client)
        job = jobs[0]
        store = CheckoutStore(tmp_path / "offline")

        async def drop_the_second_chunk() -> None:
            second = job_chunks(job, chunk_size)[1]
            fresh_sandbox.faults.add("close", path=rf"tasks/{task.id}/data", query=rf"number={second}\b", times=1)
            with pytest.raises(NetworkError):
                await check_out(client, store, job.id)

        await _resumes_after(client, store, job, chunk_size, drop_the_second_chunk)
        store.close()


def test_a_checkout_killed_part_way_is_completed_by_the_next_run(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    """SIGKILL once the first chunk is stored, while the second one's request hangs (so the kill lands inside the
    checkout, never after it): a new run sweeps, keeps the stored chunk and downloads the rest."""
    sandbox = fresh_sandbox
    root = tmp_path / "offline"

    async def jobs() -> tuple[Task, tuple[Job, ...], int]:
        async with await sign_in(sandbox, "admin") as client:
            return await _jobs(client)

    task, task_jobs, chunk_size = asyncio.run(jobs())
    job = task_jobs[0]
    second = job_chunks(job, chunk_size)[1]
    sandbox.faults.add("hang", path=rf"tasks/{task.id}/data", query=rf"number={second}\b")
    arguments = [sandbox.base_url, "admin", PASSWORDS["admin"], str(root), str(job.id)]
    process = subprocess.Popen(
        [sys.executable, checkout_child.__file__, *arguments], stdout=subprocess.PIPE, text=True,
        cwd=Path(__file__).parents[2],
    )  # fmt: skip
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == "chunk 1":
            break
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    sandbox.faults.clear()

    async def finish() -> None:
        store = CheckoutStore(root)
        store.sweep()
        client = await sign_in(sandbox, "admin")
        async with client:
            stored_before = {s.number for s in store.chunk_states(client.server_url, job.id) if s.stored}
            assert stored_before
            requested = _count_chunk_requests(client)
            result = await check_out(client, store, job.id)
            assert set(requested) == set(job_chunks(job, chunk_size)) - stored_before
            assert set(result.reused) == stored_before
            for number in job_chunks(job, chunk_size):
                assert store.read_chunk(client.server_url, task.id, "compressed", number) == await client.task_chunk(
                    task.id, number
                )
        store.close()

    asyncio.run(finish())


async def test_the_task_given_is_read_beside_the_job_and_a_wrong_one_costs_nothing_but_time(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    client = await sign_in(sandbox, "admin")
    async with client:
        task, jobs, chunk_size = await _jobs(client)
        job = jobs[1]
        paths: list[str] = []

        async def hook(response: httpx.Response) -> None:
            paths.append(response.request.url.path.split("/api/v1/", 1)[1])

        client.add_response_hook(hook)
        right = CheckoutStore(tmp_path / "right")
        await check_out(client, right, job.id, task_id=task.id)
        assert paths.count(f"tasks/{task.id}") == paths.count(f"tasks/{task.id}/data/meta") == 1

        other = next(t for t in (await client.list_tasks(page_size=5)).results if t.id != task.id)
        wrong = CheckoutStore(tmp_path / "wrong")
        result = await check_out(client, wrong, job.id, task_id=other.id)
        assert result.checkout.task_id == task.id and result.downloaded == tuple(job_chunks(job, chunk_size))
        assert result.checkout.task == right.checkout(client.server_url, job.id).task  # type: ignore[union-attr]
        right.close()
        wrong.close()


async def test_chunks_fetched_ahead_with_a_chunk_size_the_meta_contradicts_are_fetched_again(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    """The chunks start on the task's chunk size; the meta's has the last word (here they differ)."""
    client = await sign_in(sandbox, "admin")
    async with client:
        task, jobs, chunk_size = await _jobs(client)
        job = jobs[1]
        real_get_task = client.get_task

        async def task_saying_another_chunk_size(task_id: int) -> Task:
            return msgspec.structs.replace(await real_get_task(task_id), data_chunk_size=7)

        client.get_task = task_saying_another_chunk_size  # type: ignore[method-assign]
        store = CheckoutStore(tmp_path / "offline")
        result = await check_out(client, store, job.id, task_id=task.id)
        assert result.downloaded == tuple(job_chunks(job, chunk_size))
        for number in result.downloaded:
            assert store.read_chunk(client.server_url, task.id, "compressed", number) == await client.task_chunk(
                task.id, number
            )
        store.close()


async def test_a_checkout_whose_task_is_cancelled_leaves_no_download_running(
    fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    client = await sign_in(fresh_sandbox, "admin")
    async with client:
        task, jobs, chunk_size = await _jobs(client)
        job = jobs[0]
        first, second = job_chunks(job, chunk_size)
        fresh_sandbox.faults.add("hang", path=rf"tasks/{task.id}/data", query=rf"number={second}\b")
        store = CheckoutStore(tmp_path / "offline")
        stored = asyncio.Event()
        before = asyncio.all_tasks()
        running = asyncio.ensure_future(
            check_out(client, store, job.id, progress=lambda state: state.chunks_done and stored.set())
        )
        await stored.wait()
        running.cancel()
        with pytest.raises(asyncio.CancelledError):
            await running
        fresh_sandbox.faults.clear()
        assert asyncio.all_tasks() == before  # the held download was abandoned, not left running
        assert [s.number for s in store.chunk_states(client.server_url, job.id) if s.stored] == [first]
        assert not list(store.chunk_root.rglob(".part-*"))
        store.close()


async def test_a_full_disk_stops_the_checkout_and_the_next_one_completes(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    """Chunk files are written as the bytes arrive: the disk is full (ENOSPC) for every chunk but the first; the
    checkout fails with the disk's error, leaves no partial file, and a run with room downloads only the rest."""
    client = await sign_in(sandbox, "admin")
    async with client:
        task, jobs, chunk_size = await _jobs(client)
        job = jobs[1]
        first = job_chunks(job, chunk_size)[0]
        store = CheckoutStore(tmp_path / "offline")
        stage_chunk = store.stage_chunk

        def stage_on_a_full_disk(server: str, task_id: int, quality: str, number: int) -> StagedChunk:
            if number == first:
                return stage_chunk(server, task_id, quality, number)
            path = store.chunk_path(server, task_id, quality, number)
            return FullDisk(server, task_id, quality, number, path.relative_to(store.chunk_root).as_posix(), path)

        store.stage_chunk = stage_on_a_full_disk  # type: ignore[method-assign]
        with pytest.raises(OSError):
            await check_out(client, store, job.id, task_id=task.id)
        del store.stage_chunk
        assert not [path for path in store.chunk_root.rglob("*") if path.is_file() and path.name.startswith(".")]
        stored_before = {s.number for s in store.chunk_states(client.server_url, job.id) if s.stored}
        assert stored_before <= {first}
        result = await check_out(client, store, job.id, task_id=task.id)
        assert result.checkout.complete and set(result.reused) == stored_before
        assert set(result.downloaded) == set(job_chunks(job, chunk_size)) - stored_before
        for number in job_chunks(job, chunk_size):
            assert store.read_chunk(client.server_url, task.id, "compressed", number) == await client.task_chunk(
                task.id, number
            )
        store.close()
