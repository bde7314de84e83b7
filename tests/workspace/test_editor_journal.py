"""The editor's journal and the restore of unsaved edits, against the sandbox over real HTTP: every step is written
off the GUI thread, in order; a full disk is said and loses nothing in memory; a process killed after its edits leaves
a journal that the next open offers to restore (``restorable``), and ``restore()`` gives the edits back;
``discard_restorable()`` starts afresh from the server's copy."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import threading
from pathlib import Path

from annodesk.annotations import Annotations as Document
from annodesk.annotations.history import EditStep
from annodesk.sandbox import SandboxServer
from annodesk.session.journal import Journal, JournalFull
from annodesk.workspace.frame_objects import SHAPE

from . import editor_child
from .editing import Emissions, opened_job, put_annotations, sample_annotations, server_document, until


class BlockingJournal(Journal):
    """A journal whose writes wait until ``go`` is set (a very slow disk), noting the thread of each write."""

    def __init__(self, root: Path, server: str) -> None:
        super().__init__(root, server)
        self.go = threading.Event()
        self.threads: list[int] = []

    def append(self, job: int, step: EditStep) -> None:
        self.threads.append(threading.get_ident())
        assert self.go.wait(30)
        super().append(job, step)


class FullJournal(Journal):
    """A journal on a full disk: every step is refused."""

    def append(self, job: int, step: EditStep) -> None:
        raise JournalFull("the disk is full")


async def test_steps_are_journaled_off_the_gui_thread_in_order_and_read_back(
    fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    job = await put_annotations(fresh_sandbox, sample_annotations)
    journal = BlockingJournal(tmp_path / "journal", fresh_sandbox.base_url)
    async with opened_job(fresh_sandbox, tmp_path, job, journal=journal) as opened:
        ws, editor = opened.controller, opened.editor
        rectangle = next(obj.key for obj in ws.objects if obj.kind == SHAPE and obj.type == "rectangle")
        for _ in range(5):
            assert editor.move(rectangle, 2, 1)  # returns while the disk is still busy with the first write
        editor.undo()
        await until(lambda: bool(journal.threads))  # the first step's write has begun, on the journal's thread
        assert not editor.flush_journal(0)  # and it cannot end while the disk is busy
        assert set(journal.threads) != {threading.get_ident()}
        journal.go.set()
        assert editor.flush_journal(30)
        assert len(journal.threads) == 6 and len(set(journal.threads)) == 1  # one writer thread: in order
        pending = journal.pending(opened.job_id)
        assert pending is not None and pending.steps == 6
        assert pending.document == editor.document and pending.base == editor.saved
        assert pending.last_frame == ws.frame


async def test_a_full_disk_is_said_and_the_edit_stays_in_memory(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    job = await put_annotations(fresh_sandbox, sample_annotations)
    journal = FullJournal(tmp_path / "journal", fresh_sandbox.base_url)
    async with opened_job(fresh_sandbox, tmp_path, job, journal=journal) as opened:
        ws, editor = opened.controller, opened.editor
        messages = Emissions(ws.message)
        rectangle = next(obj.key for obj in ws.objects if obj.kind == SHAPE and obj.type == "rectangle")
        assert editor.move(rectangle, 2, 1)
        await until(lambda: len(messages) > 0)
        assert "disk is full" in messages.last.text()
        assert ws.object(rectangle).points == (12, 11, 112, 61)  # type: ignore[union-attr]
        assert editor.is_dirty() and editor.undo_stack.count() == 1


def run_child(server: SandboxServer, root: Path, task_id: int, job_id: int) -> Document:
    """Edit the job in a child process that dies once its journal has the edits; the document it ended with."""
    expected = root / "expected.json"
    process = subprocess.run(
        [sys.executable, editor_child.__file__, server.base_url, str(root), str(task_id), str(job_id), str(expected)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).parents[2],
    )
    assert process.returncode == 3, process.stderr
    assert process.stdout.strip().splitlines()[-1] == "edited"
    return Document.from_json(json.loads(expected.read_text()))


async def test_edits_of_a_killed_session_are_offered_and_restored(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    task, job_id = job = await put_annotations(fresh_sandbox, sample_annotations)
    root = tmp_path / "journal"
    edited = await asyncio.to_thread(run_child, fresh_sandbox, root, task.id, job_id)
    journal = Journal(root, fresh_sandbox.base_url)
    offers: list[Emissions] = []
    async with opened_job(
        fresh_sandbox, tmp_path, job, journal=journal, before_open=lambda c: offers.append(Emissions(c.restorable))
    ) as opened:
        ws, editor = opened.controller, opened.editor
        (offered,) = offers
        assert len(offered) == 1
        pending = offered.last
        assert pending.steps == 3 and pending.document == edited and pending.last_frame == 3
        assert ws.pending is pending and editor.document == editor.saved  # nothing taken before the answer
        rejected = Emissions(editor.rejected)
        rectangle = next(obj.key for obj in ws.objects if obj.kind == SHAPE and obj.type == "rectangle")
        assert not editor.move(rectangle, 1, 1) and "Restore or discard" in rejected.last.text()
        dirty = Emissions(editor.dirtyChanged)
        ws.restore()
        assert editor.document == edited and editor.saved == pending.base and editor.is_dirty()
        assert dirty.seen == [(True,)] and ws.frame == 3 and ws.pending is None
        assert not any(obj.type == "polygon" and obj.kind == SHAPE for obj in ws.objects)  # deleted on frame 3
        ws.go_to(0)
        assert ws.object(rectangle).points == (17, 13, 117, 63)  # type: ignore[union-attr]
        # editing goes on, journaled after the restored steps
        assert editor.move(rectangle, 1, 0)
        assert editor.flush_journal(30)
        again = journal.pending(job_id)
        assert again is not None and again.steps == 4 and again.document == editor.document


async def test_a_discarded_restore_starts_the_journal_afresh(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    task, job_id = job = await put_annotations(fresh_sandbox, sample_annotations)
    root = tmp_path / "journal"
    await asyncio.to_thread(run_child, fresh_sandbox, root, task.id, job_id)
    journal = Journal(root, fresh_sandbox.base_url)
    async with opened_job(fresh_sandbox, tmp_path, job, journal=journal) as opened:
        ws, editor = opened.controller, opened.editor
        assert ws.pending is not None
        ws.discard_restorable()
        assert ws.pending is None and not editor.is_dirty()
        assert editor.flush_journal(30)
        assert journal.pending(job_id) is None
        base = journal.base(job_id)
        assert base is not None and base[1] == await server_document(opened.client, job_id)
        rectangle = next(obj.key for obj in ws.objects if obj.kind == SHAPE and obj.type == "rectangle")
        assert editor.move(rectangle, 1, 0)
    reopened: list[Emissions] = []
    async with opened_job(
        fresh_sandbox,
        tmp_path / "again",
        job,
        journal=Journal(root, fresh_sandbox.base_url),
        before_open=lambda c: reopened.append(Emissions(c.restorable)),
    ) as opened:
        assert reopened[0].last.steps == 1  # only the edit made after the discard
