"""The workspace's saving UI through the real window against the sandbox over HTTP: the unsaved marks (title and jobs
tree), the close prompt (cancel, discard, save), the restore prompt after a killed session, Ctrl+S and "save and mark
completed", another user's conflicting save and the conflict view, faults during a save and the retry."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import qasync
from PySide6.QtWidgets import QMessageBox

from annodesk.controller import AppController
from annodesk.models.job_tree import UNSAVED_EDITS_ROLE
from annodesk.sandbox import SandboxServer
from annodesk.ui.main_window import MainWindow
from annodesk.ui.workspace.window import WorkspaceWindow
from annodesk.workspace.editor import JobEditor
from annodesk.workspace.frame_objects import SHAPE

from .conftest import until
from .test_job_editing import jobs_model, open_task
from .test_session import sign_in_through_dialog
from .test_sign_in import PASSWORD
from .workspace_child import MOVE, NEW_RECTANGLE
from .workspace_helpers import RECEIPTS, open_from_jobs_tree, put_receipt_annotations

ROOT = Path(__file__).resolve().parents[2]


def editor_of(workspace: WorkspaceWindow) -> JobEditor:
    editor = workspace.controller.editor
    assert editor is not None
    return editor


def first_rectangle(workspace: WorkspaceWindow) -> Any:
    return next(obj for obj in workspace.controller.objects if obj.type == "rectangle" and obj.kind == SHAPE)


def marked_in_tree(window: MainWindow, job_id: int) -> bool:
    return bool(jobs_model(window).job_index(job_id, 0).data(UNSAVED_EDITS_ROLE))


def tree_text(window: MainWindow, job_id: int) -> str:
    return str(jobs_model(window).job_index(job_id, 0).data())


def click(box: QMessageBox | None, button: Any) -> None:
    assert box is not None and box.isVisible() and button is not None
    button.click()


def test_unsaved_marks_and_the_close_prompt_cancel_then_discard(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        _, job_id, _ = await put_receipt_annotations(fresh_sandbox)
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        workspace = await open_from_jobs_tree(window, RECEIPTS, "Receipts OCR", job_id)
        editor = editor_of(workspace)
        assert not workspace.isWindowModified() and not marked_in_tree(window, job_id)
        assert workspace.windowTitle().startswith("[*]Job #")  # Qt shows "*" there while modified

        # an edit: the title's mark and the jobs tree's mark
        assert editor.move(first_rectangle(workspace).key, 4, 4)
        assert workspace.isWindowModified()
        await until(lambda: marked_in_tree(window, job_id))
        assert tree_text(window, job_id) == f"Job #{job_id} • unsaved edits"
        # undone: no unsaved edits, no marks
        editor.undo()
        assert not workspace.isWindowModified()
        await until(lambda: not marked_in_tree(window, job_id))
        editor.redo()
        assert workspace.isWindowModified()

        # closing asks; Cancel keeps the window and the edits
        assert not workspace.close()
        guard = workspace.close_guard
        assert guard.box is not None and guard.box.isVisible()
        assert "not saved" in guard.box.text()
        click(guard.box, guard.cancel_button)
        assert workspace.isVisible() and editor.is_dirty() and guard.box is None
        # Discard: closed, the journal forgotten, the jobs tree unmarked
        journal = window.workspaces.journal()
        assert editor.flush_journal(10) and journal.pending(job_id) is not None
        closed = asyncio.get_running_loop().create_future()
        workspace.closed.connect(lambda job: closed.done() or closed.set_result(job))
        assert not workspace.close()
        click(guard.box, guard.discard_button)
        assert await asyncio.wait_for(closed, 10) == job_id
        assert journal.pending(job_id) is None and not journal.path(job_id).exists()
        assert window.workspaces.windows == {}
        await until(lambda: not marked_in_tree(window, job_id))
        await controller.shutdown()

    loop.run_until_complete(body())


def test_a_killed_session_is_offered_back_and_restored(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    cache_root: Path,
) -> None:
    async def body() -> None:
        _, job_id, saved = await put_receipt_annotations(fresh_sandbox)
        # another process of the app opens the job, edits it and dies without saving
        command = [sys.executable, "-m", "tests.ui.workspace_child", fresh_sandbox.base_url, "demo"]
        command += [PASSWORD["demo"], str(RECEIPTS), str(job_id), str(cache_root)]  # the app's own journal
        child = await asyncio.to_thread(
            subprocess.run, command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
        )
        assert child.returncode == 9, child.stderr[-3000:]
        edited = json.loads(child.stdout.split("edited ", 1)[1])

        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        await open_task(window, RECEIPTS, "Receipts OCR")
        await until(lambda: marked_in_tree(window, job_id))  # the jobs tree knows before the job is opened
        workspace = await open_from_jobs_tree(window, RECEIPTS, "Receipts OCR", job_id)
        prompt = workspace.restore_prompt
        await until(lambda: prompt.box is not None and prompt.box.isVisible())
        assert prompt.box is not None
        assert "2 unsaved edits from" in prompt.box.text()
        assert not workspace.isWindowModified()  # nothing restored yet
        click(prompt.box, prompt.restore_button)
        editor = editor_of(workspace)
        shapes = sorted([shape.frame, shape.label_id, list(shape.points)] for shape in editor.document.shapes)
        assert shapes == edited
        assert editor.is_dirty() and workspace.isWindowModified() and marked_in_tree(window, job_id)
        before = [list(shape.points) for shape in saved.shapes if shape.type == "rectangle"]
        moved = [[p + MOVE[i % 2] for i, p in enumerate(points)] for points in before]
        after = [points for _, _, points in shapes]
        assert sum(points in after for points in moved) == 1  # one rectangle moved by the child
        assert NEW_RECTANGLE in after and len(after) == len(saved.shapes) + 1
        workspace.close_guard.release()
        workspace.close()
        await controller.shutdown()

    loop.run_until_complete(body())
