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
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from annodesk.annotations import Annotations as Document
from annodesk.annotations import edits as e
from annodesk.annotations.history import EditStep
from annodesk.annotations.identity import SHAPES
from annodesk.controller import AppController
from annodesk.models.job_tree import UNSAVED_EDITS_ROLE
from annodesk.sandbox import SandboxServer
from annodesk.ui.main_window import MainWindow
from annodesk.ui.workspace.window import WorkspaceWindow
from annodesk.workspace.editor import JobEditor
from annodesk.workspace.frame_objects import SHAPE

from .conftest import next_emission, until, wait_for
from .test_job_editing import jobs_model, open_task, server_job
from .test_session import sign_in_through_dialog
from .test_sign_in import PASSWORD
from .workspace_child import MOVE, NEW_RECTANGLE
from .workspace_helpers import RECEIPTS, job_annotations, open_from_jobs_tree, put_receipt_annotations

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


def test_edits_left_by_an_earlier_session_can_be_discarded(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        _, job_id, saved = await put_receipt_annotations(fresh_sandbox)
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        journal = window.workspaces.journal()
        loaded = Document.from_json(await job_annotations(fresh_sandbox, job_id))
        shape = saved.shapes[0]
        moved = e.move(loaded, (SHAPES, shape.id), shape.frame, 9, 9, image=None)
        journal.begin(job_id, loaded.version or 0, loaded)
        journal.append(job_id, EditStep("Move", shape.frame, loaded, moved))
        await open_task(window, RECEIPTS, "Receipts OCR")
        await until(lambda: marked_in_tree(window, job_id))
        workspace = await open_from_jobs_tree(window, RECEIPTS, "Receipts OCR", job_id)
        prompt = workspace.restore_prompt
        await until(lambda: prompt.box is not None and prompt.box.isVisible())
        assert prompt.box is not None and "1 unsaved edit from" in prompt.box.text()
        assert marked_in_tree(window, job_id)  # still there, undecided
        click(prompt.box, prompt.discard_button)
        editor = editor_of(workspace)
        assert not editor.is_dirty() and not workspace.isWindowModified()
        assert workspace.controller.object((SHAPE, shape.id)).points == tuple(shape.points)  # type: ignore[union-attr]
        await until(lambda: not marked_in_tree(window, job_id))
        assert editor.flush_journal(10) and journal.pending(job_id) is None
        workspace.close()
        await controller.shutdown()

    loop.run_until_complete(body())


def server_shapes(document: dict[str, Any]) -> dict[int, list[float]]:
    return {shape["id"]: [float(p) for p in shape["points"]] for shape in document["shapes"]}


async def saved_by(workspace: WorkspaceWindow, trigger: Callable[[], None]) -> Any:
    """Trigger a save and wait for its ``saved`` outcome."""
    saving = workspace.controller.saving
    assert saving is not None
    done = next_emission(saving.saved)
    trigger()
    return await wait_for(done, 30)


def ctrl_s(workspace: WorkspaceWindow) -> None:
    QTest.keyClick(workspace, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_s_saves_the_edits_and_save_and_mark_completed_sends_the_status(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        _, job_id, saved = await put_receipt_annotations(fresh_sandbox)
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        workspace = await open_from_jobs_tree(window, RECEIPTS, "Receipts OCR", job_id)
        editor = editor_of(workspace)
        actions = workspace.save_actions
        assert actions.save_action.shortcut().toString() == "Ctrl+S"
        assert actions.save_action in workspace.job_menu.actions()
        assert actions.save_completed_action in workspace.job_menu.actions()
        assert workspace.save_toolbar.widgetForAction(actions.save_completed_action) is not None

        rectangle = first_rectangle(workspace)
        assert editor.move(rectangle.key, 10, 20)
        made = editor.create("polygon", [60, 250, 160, 260, 110, 330], label_id=rectangle.label_id)
        assert made is not None and workspace.isWindowModified()
        await until(lambda: marked_in_tree(window, job_id))

        outcome = await saved_by(workspace, lambda: ctrl_s(workspace))
        assert (outcome.created, outcome.updated, outcome.deleted) == (1, 1, 0)
        assert actions.state_label.text() == "Saved: 1 new, 1 changed, 0 deleted."
        assert not workspace.isWindowModified() and not editor.is_dirty()
        on_server = await job_annotations(fresh_sandbox, job_id)
        before = {shape.id: list(shape.points) for shape in saved.shapes}
        moved = [p + (10 if i % 2 == 0 else 20) for i, p in enumerate(before[rectangle.key[1]])]
        assert server_shapes(on_server)[rectangle.key[1]] == moved
        assert [60.0, 250.0, 160.0, 260.0, 110.0, 330.0] in server_shapes(on_server).values()
        assert len(on_server["shapes"]) == len(saved.shapes) + 1
        await until(lambda: not marked_in_tree(window, job_id))

        # save and mark completed: one click on the toolbar, the edits then only the status
        assert editor.move(rectangle.key, -10, -20)
        statuses = next_emission(workspace.controller.statusChanged)
        button = workspace.save_toolbar.widgetForAction(actions.save_completed_action)
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        assert await wait_for(statuses, 30) == "completed"
        assert (await server_job(fresh_sandbox, job_id)).status == "completed"
        assert server_shapes(await job_annotations(fresh_sandbox, job_id))[rectangle.key[1]] == before[rectangle.key[1]]
        assert actions.state_label.text() == "Saved: 0 new, 1 changed, 0 deleted. The job is marked completed."
        workspace.close()
        assert window.workspaces.windows == {}  # nothing unsaved: no question
        await controller.shutdown()

    loop.run_until_complete(body())


def theirs_moved(document: dict[str, Any], shape_id: int, points: list[float]) -> dict[str, Any]:
    """The other user's ``update`` body: the shape moved to ``points``."""
    shape = next(shape for shape in document["shapes"] if shape["id"] == shape_id)
    body = {"version": document["version"], "tags": [], "shapes": [{**shape, "points": points}], "tracks": []}
    return dict(json.loads(json.dumps(body)))  # lists, as the server's JSON has them


def test_another_users_conflicting_save_opens_the_conflict_view_and_each_choice_reaches_the_server(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        _, job_id, _ = await put_receipt_annotations(fresh_sandbox)
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        workspace = await open_from_jobs_tree(window, RECEIPTS, "Receipts OCR", job_id)
        editor, actions = editor_of(workspace), workspace.save_actions
        saving = workspace.controller.saving
        assert saving is not None
        rectangle = first_rectangle(workspace)
        shape_id = rectangle.key[1]

        async def conflict(mine: tuple[float, float], theirs: list[float]) -> Any:
            """I move the rectangle by ``mine``; another user moves it to ``theirs`` just before my save reads the
            job; Ctrl+S opens the conflict view."""
            document = await job_annotations(fresh_sandbox, job_id)
            fresh_sandbox.second_user.before_next(
                job_id, "update", theirs_moved(document, shape_id, theirs), method="GET"
            )
            assert editor.move(rectangle.key, *mine)
            conflicts = next_emission(saving.conflicts)
            ctrl_s(workspace)
            await wait_for(conflicts, 30)
            view = actions.conflict_view
            assert view is not None and view.isVisible() and len(view.conflicts) == 1
            assert actions.state_label.text() == "Not saved yet: 1 change conflicts with another user's; choose."
            assert workspace.isWindowModified()  # nothing saved yet
            return view

        # keep theirs
        view = await conflict((10, 10), [20.0, 20.0, 80.0, 90.0])
        assert view.tree.topLevelItem(0).text(0).split("\n") == [
            f"rectangle #{shape_id} · {editor.labels.name(rectangle.label_id)} · frame {workspace.controller.frame}",
            "You and another user both moved or reshaped it.",
        ]
        mine_outline, theirs_outline = view.preview.outlines()
        assert mine_outline is not None and theirs_outline is not None
        assert theirs_outline.points == (20.0, 20.0, 80.0, 90.0)
        assert view.preview.has_image()  # the job's frame under both versions
        QTest.mouseClick(view.keep_theirs_button, Qt.MouseButton.LeftButton)
        await saved_by(workspace, lambda: QTest.mouseClick(view.save_button, Qt.MouseButton.LeftButton))
        assert not view.isVisible() and not workspace.isWindowModified()
        assert server_shapes(await job_annotations(fresh_sandbox, job_id))[shape_id] == [20.0, 20.0, 80.0, 90.0]
        assert workspace.controller.object(rectangle.key).points == (20.0, 20.0, 80.0, 90.0)  # type: ignore[union-attr]

        # keep mine
        view = await conflict((5, 5), [300.0, 300.0, 360.0, 380.0])
        QTest.mouseClick(view.keep_mine_button, Qt.MouseButton.LeftButton)
        await saved_by(workspace, lambda: QTest.mouseClick(view.save_button, Qt.MouseButton.LeftButton))
        assert server_shapes(await job_annotations(fresh_sandbox, job_id))[shape_id] == [25.0, 25.0, 85.0, 95.0]

        # keep both (for all): theirs stays under its id, mine is added as a new object
        view = await conflict((5, 5), [400.0, 420.0, 480.0, 470.0])
        count = len((await job_annotations(fresh_sandbox, job_id))["shapes"])
        QTest.mouseClick(view.all_both_button, Qt.MouseButton.LeftButton)
        await saved_by(workspace, lambda: QTest.mouseClick(view.save_button, Qt.MouseButton.LeftButton))
        on_server = await job_annotations(fresh_sandbox, job_id)
        assert server_shapes(on_server)[shape_id] == [400.0, 420.0, 480.0, 470.0]
        assert len(on_server["shapes"]) == count + 1
        assert [30.0, 30.0, 90.0, 100.0] in server_shapes(on_server).values()
        assert not workspace.isWindowModified()
        workspace.close()
        await controller.shutdown()

    loop.run_until_complete(body())


def test_a_save_cut_off_or_answered_500_keeps_the_mark_says_why_and_the_retry_saves_once(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        _, job_id, saved = await put_receipt_annotations(fresh_sandbox)
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        workspace = await open_from_jobs_tree(window, RECEIPTS, "Receipts OCR", job_id)
        editor, actions = editor_of(workspace), workspace.save_actions
        saving = workspace.controller.saving
        assert saving is not None
        rectangle = first_rectangle(workspace)
        annotations = rf"/jobs/{job_id}/annotations$"

        # the create is made, then the connection drops before the answer: unknown outcome
        made = editor.create("rectangle", [20, 500, 90, 560], label_id=rectangle.label_id)
        assert made is not None
        fresh_sandbox.faults.add("close_after", path=annotations, query="action=create", times=1)
        failed = next_emission(saving.failed)
        ctrl_s(workspace)
        await wait_for(failed, 30)
        assert actions.state_label.text().startswith("The annotations were not saved.")
        assert "Your edits are kept." in actions.state_label.text()
        assert workspace.isWindowModified() and editor.is_dirty()
        # the retry: the creation that reached the server is recognised, never made twice
        await saved_by(workspace, lambda: ctrl_s(workspace))
        on_server = await job_annotations(fresh_sandbox, job_id)
        assert list(server_shapes(on_server).values()).count([20.0, 500.0, 90.0, 560.0]) == 1
        assert len(on_server["shapes"]) == len(saved.shapes) + 1
        assert not workspace.isWindowModified()

        # a 500 on the update: said, kept; the retry saves
        assert editor.move(rectangle.key, 3, 3)
        fresh_sandbox.faults.add("500", path=annotations, query="action=update", times=1)
        failed = next_emission(saving.failed)
        QTest.mouseClick(workspace.save_toolbar.widgetForAction(actions.save_action), Qt.MouseButton.LeftButton)
        await wait_for(failed, 30)
        assert actions.state_label.text().startswith("The annotations were not saved.")
        assert workspace.isWindowModified()
        await saved_by(workspace, lambda: ctrl_s(workspace))
        before = {shape.id: list(shape.points) for shape in saved.shapes}[rectangle.key[1]]
        on_server = await job_annotations(fresh_sandbox, job_id)
        assert server_shapes(on_server)[rectangle.key[1]] == [p + 3 for p in before]
        assert len(on_server["shapes"]) == len(saved.shapes) + 1
        assert not workspace.isWindowModified()
        workspace.close()
        await controller.shutdown()

    loop.run_until_complete(body())


def test_the_close_prompts_save_closes_once_saved_and_stays_open_on_a_failure(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        _, job_id, _ = await put_receipt_annotations(fresh_sandbox)
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        workspace = await open_from_jobs_tree(window, RECEIPTS, "Receipts OCR", job_id)
        editor, guard = editor_of(workspace), workspace.close_guard
        saving = workspace.controller.saving
        assert saving is not None
        rectangle = first_rectangle(workspace)
        assert editor.move(rectangle.key, 6, 6)

        # Save, but the server fails: the window stays open, the edits kept
        fresh_sandbox.faults.add("500", path=rf"/jobs/{job_id}/annotations$", query="action=update", times=1)
        failed = next_emission(saving.failed)
        assert not workspace.close()
        click(guard.box, guard.save_button)
        await wait_for(failed, 30)
        assert workspace.isVisible() and editor.is_dirty() and window.workspaces.windows == {job_id: workspace}

        # Save again from the prompt: saved, then closed
        closed = next_emission(workspace.closed)
        assert not workspace.close()
        click(guard.box, guard.save_button)
        assert await wait_for(closed, 30) == job_id
        moved = server_shapes(await job_annotations(fresh_sandbox, job_id))[rectangle.key[1]]
        assert moved == [p + 6 for p in rectangle.points]
        assert window.workspaces.windows == {}
        await controller.shutdown()

    loop.run_until_complete(body())


def test_a_refused_save_names_the_objects_and_keeps_the_edits(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        _, job_id, _ = await put_receipt_annotations(fresh_sandbox)
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        workspace = await open_from_jobs_tree(window, RECEIPTS, "Receipts OCR", job_id)
        editor, actions = editor_of(workspace), workspace.save_actions
        saving = workspace.controller.saving
        assert saving is not None
        rectangle = first_rectangle(workspace)
        assert editor.move(rectangle.key, 2, 2)
        fresh_sandbox.faults.add("403", path=rf"/jobs/{job_id}/annotations$", query="action=update", times=1)
        refused = next_emission(saving.refused)
        ctrl_s(workspace)
        await wait_for(refused, 30)
        text = actions.state_label.text()
        assert f"shape #{rectangle.key[1]}" in text and "Your edits are kept." in text
        assert workspace.isWindowModified() and editor.is_dirty()
        await saved_by(workspace, lambda: ctrl_s(workspace))  # allowed again: saved
        assert not workspace.isWindowModified()
        workspace.close()
        await controller.shutdown()

    loop.run_until_complete(body())
