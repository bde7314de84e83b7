"""The offline jobs' controller with no widget, against the sandbox over real HTTP: taking jobs offline (a queue,
progress in bytes and frames, chunks shared by overlapping jobs, cancel and resume, the budget, a dropped
connection), the rows it lists (size on disk, base version, local changes, state), and removing a checkout
(refused while it holds unsynced edits, unless forced)."""

from __future__ import annotations

from pathlib import Path

from annodesk.annotations import Annotations, Shape
from annodesk.annotations import edits as e
from annodesk.annotations.history import EditStep
from annodesk.annotations.identity import SHAPES
from annodesk.i18n import live
from annodesk.sandbox import SandboxServer
from annodesk.session.checkout import job_chunks
from annodesk.settings import Settings
from annodesk.tasks.offline import IN_SYNC, INCOMPLETE, TakeOfflineProgress, read_offline_jobs

from .conftest import next_emission, until, wait_for
from .offline_support import DRONE, SPORTS, STREET, chunk_requests, job_ids, offline_setup, record, task_named


async def test_jobs_taken_offline_are_listed_with_their_size_and_state(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with offline_setup(sandbox, tmp_path) as setup:
        controller, client = setup.controller, setup.client
        task = await task_named(client, SPORTS)
        first, second = job_ids(task)[:2]
        meta = await client.task_data_meta(task.id)
        jobs = {job: await client.get_job(job) for job in (first, second)}
        requested = chunk_requests(client)
        progress = record(controller.progressChanged)
        took = record(controller.tookOffline)

        controller.take_offline([first, second, first])  # a job asked twice is taken once
        assert controller.taking_offline
        await until(lambda: not controller.taking_offline)

        assert took == [(first, True), (second, True)]
        needed = {job: job_chunks(jobs[job], meta.chunk_size) for job in (first, second)}
        assert sorted(requested) == sorted(set(needed[first]) | set(needed[second]))  # shared chunks once
        steps = [p for p in progress if isinstance(p, TakeOfflineProgress)]
        assert progress[-1] is None and {p.total for p in steps} == {2}
        for job in (first, second):
            mine = [p.progress for p in steps if p.job_id == job and p.progress is not None]
            frames = jobs[job].stop_frame - jobs[job].start_frame + 1
            assert mine[-1].frames_done == mine[-1].frames_total == frames
            assert [p.bytes_received for p in mine] == sorted(p.bytes_received for p in mine)
        assert [p.done for p in steps if p.job_id == second] == [1] * len([p for p in steps if p.job_id == second])

        await until(lambda: len(controller.jobs) == 2 and all(job.checked for job in controller.jobs))
        rows = {row.job_id: row for row in controller.jobs}
        for job in (first, second):
            row, raw = rows[job], await client.get_job_annotations_raw(job)
            record_ = setup.store.checkout(setup.server, job)
            assert record_ is not None
            chunks = sum(state.size for state in setup.store.chunk_states(setup.server, job))
            assert row.task_name == SPORTS and row.task_id == task.id and row.complete
            assert (row.start_frame, row.stop_frame) == (jobs[job].start_frame, jobs[job].stop_frame)
            assert row.size == chunks + len(record_.job) + len(record_.task) + len(record_.meta) + len(record_.base)
            assert row.base_version == raw.version and row.local_changes == 0 and row.state == IN_SYNC
        assert controller.total_bytes == setup.store.disk_bytes() > rows[first].size


async def test_a_cancelled_checkout_resumes_without_downloading_again(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with offline_setup(sandbox, tmp_path) as setup:
        controller, client = setup.controller, setup.client
        task = await task_named(client, DRONE)
        job = job_ids(task)[0]
        meta = await client.task_data_meta(task.id)
        needed = job_chunks(await client.get_job(job), meta.chunk_size)
        assert len(needed) >= 3  # the next chunk downloads while one is written: the third is never asked for
        requested = chunk_requests(client)

        def cancel_after_first_chunk(progress: TakeOfflineProgress | None) -> None:
            if progress is not None and progress.progress is not None and progress.progress.chunks_done >= 1:
                controller.cancel_take_offline()

        controller.progressChanged.connect(cancel_after_first_chunk)
        took = next_emission(controller.tookOffline)
        controller.take_offline([job])
        assert await wait_for(took) == (job, False)
        await until(lambda: not controller.taking_offline)
        assert "cancelled" in live(controller.last_message)
        stored = [state.number for state in setup.store.chunk_states(setup.server, job) if state.stored]
        assert stored and len(stored) < len(needed)
        assert controller.job(job) is not None and controller.job(job).state == INCOMPLETE  # type: ignore[union-attr]

        controller.progressChanged.disconnect(cancel_after_first_chunk)
        requested.clear()
        took = next_emission(controller.tookOffline)
        controller.take_offline([job])
        assert await wait_for(took) == (job, True)
        assert sorted(requested) == sorted(set(needed) - set(stored))
        await until(lambda: not controller.taking_offline)
        assert controller.job(job) is not None and controller.job(job).complete  # type: ignore[union-attr]


async def test_the_budget_stops_a_checkout_and_says_so(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with offline_setup(sandbox, tmp_path) as setup:
        controller, client = setup.controller, setup.client
        task = await task_named(client, STREET)
        first, second, third = job_ids(task)  # chunks of 60 frames: the first job needs one (2 MB), the second two
        controller.set_budget_mb(100)
        took = next_emission(controller.tookOffline)
        controller.take_offline([first])
        assert await wait_for(took) == (first, True)
        await until(lambda: not controller.taking_offline)

        # the store already holds more than allowed: nothing is downloaded, the rest of the queue waits
        controller.set_budget_mb(1)
        assert controller.budget == 1_000_000 == Settings(setup.settings).offline_budget_mb * 1_000_000
        requested = chunk_requests(client)
        took = next_emission(controller.tookOffline)
        controller.take_offline([second, third])
        assert await wait_for(took) == (second, False)
        await until(lambda: not controller.taking_offline)
        assert requested == [] and controller.job(second) is None and controller.job(third) is None
        message = live(controller.last_message)
        assert f"Job #{second} was not taken offline" in message and "more than the 1.0 MB allowed" in message

        # room for less than the missing chunk (1.4 MB): stopped part-way, the checkout recorded, unfinished
        controller.set_budget_mb(setup.store.disk_bytes() // 1_000_000 + 1)  # less than 1 MB left
        took = next_emission(controller.tookOffline)
        controller.take_offline([second])
        assert await wait_for(took) == (second, False)
        await until(lambda: not controller.taking_offline)
        assert requested and f"Job #{second} was not taken offline" in live(controller.last_message)
        assert controller.job(second) is not None and controller.job(second).state == INCOMPLETE  # type: ignore[union-attr]
        assert controller.total_bytes <= controller.budget

        controller.set_budget_mb(100)
        took = next_emission(controller.tookOffline)
        controller.take_offline([second])
        assert await wait_for(took) == (second, True)


async def test_a_dropped_connection_keeps_what_was_downloaded_and_resumes_on_reconnect(
    fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with offline_setup(fresh_sandbox, tmp_path) as setup:
        controller, client = setup.controller, setup.client
        task = await task_named(client, DRONE)
        job = job_ids(task)[0]
        meta = await client.task_data_meta(task.id)
        needed = job_chunks(await client.get_job(job), meta.chunk_size)
        assert len(needed) >= 3
        # the last chunk's answer starts, then the connection drops
        faults = fresh_sandbox.faults
        faults.add("close", path=rf"tasks/{task.id}/data", query=rf"number={needed[-1]}\b", times=1)
        took = next_emission(controller.tookOffline)
        controller.take_offline([job])
        assert await wait_for(took, 30) == (job, False)
        assert job in controller.interrupted, live(controller.last_message)
        assert "resumes when the server answers again" in live(controller.last_message)
        record_ = setup.store.checkout(setup.server, job)
        assert record_ is not None and not record_.complete
        kept = [state.number for state in setup.store.chunk_states(setup.server, job) if state.stored]
        assert kept and needed[-1] not in kept
        # the server then goes away altogether: the task view finds it gone
        faults.add("refuse")
        setup.tasks.refresh()
        await until(lambda: not setup.tasks.online, 30)

        # the server answers again: the task view says so, and the checkout resumes with what is missing
        faults.clear()
        requested = chunk_requests(client)
        took = next_emission(controller.tookOffline)
        setup.tasks.retry_now()
        assert await wait_for(took, 30) == (job, True)
        assert requested and not set(requested) & set(kept) and not controller.interrupted


def _edited(setup_journal: object, job: int) -> None:
    """One journaled edit of ``job`` (a rectangle moved)."""
    from annodesk.session.journal import Journal

    assert isinstance(setup_journal, Journal)
    document = Annotations(version=3, shapes=(Shape("rectangle", 0, 7, (0.0, 0.0, 10.0, 10.0), id=1),))
    setup_journal.begin(job, 3, document)
    moved = e.move(document, (SHAPES, 1), 0, 5, 0, image=None)
    setup_journal.append(job, EditStep("Move", 0, document, moved))


async def test_removing_a_job_with_unsynced_edits_asks_first(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with offline_setup(sandbox, tmp_path) as setup:
        controller, client = setup.controller, setup.client
        task = await task_named(client, STREET)
        kept, edited = job_ids(task)[:2]
        controller.take_offline([kept, edited])
        await until(lambda: not controller.taking_offline and len(controller.jobs) == 2)
        _edited(setup.journal(), edited)
        controller.refresh()
        await until(lambda: controller.job(edited) is not None and controller.job(edited).local_changes == 1)  # type: ignore[union-attr]
        rows = read_offline_jobs(setup.store, controller.journal_for)
        assert [row.local_changes for row in rows] == [0, 1]

        refused = record(controller.removalRefused)
        removed = record(controller.removed)
        controller.remove([(setup.server, kept), (setup.server, edited)])
        await until(lambda: len(controller.jobs) == 1)
        assert removed == [kept] and refused == [(setup.server, edited, 1)]
        assert setup.store.checkout(setup.server, edited) is not None
        assert setup.journal().pending(edited) is not None

        controller.remove([(setup.server, edited)], force=True)
        await until(lambda: not controller.jobs)
        assert removed == [kept, edited] and setup.journal().pending(edited) is None
        assert not [path for path in setup.store.chunk_root.rglob("*") if path.is_file()]
        assert "removed from this computer" in live(controller.last_message)
