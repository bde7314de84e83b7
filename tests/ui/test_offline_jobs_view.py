"""The *Offline jobs* window and *Take offline*, through the app signed in to the sandbox over real HTTP: the jobs
tree's context menu takes the selected jobs offline (progress shown in the window), the Task menu takes every job
of a task, My jobs and the workspace's Job menu have the action; the window lists the checkouts, opens one with
Enter, removes with Delete (asking first when it holds unsynced edits), keeps its budget and settings; the model
passes qtmodeltester."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import qasync
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from annodesk.annotations.history import EditStep
from annodesk.controller import AppController
from annodesk.i18n import LanguageManager
from annodesk.models.offline_jobs import STATE_COLUMN, OfflineJobsModel, impossible_text
from annodesk.sandbox import SandboxServer
from annodesk.session.checkout_store import CheckoutStore
from annodesk.session.journal import Journal
from annodesk.session.sync import REASSIGNED, TASK_DELETED, ServerChange, SyncImpossible, local_copy
from annodesk.settings import Settings
from annodesk.tasks.offline import read_offline_jobs
from annodesk.ui.main_window import MainWindow
from annodesk.ui.offline_jobs import OfflineJobsWindow
from annodesk.ui.workspace.save_actions import CONFLICTS

from ..api.helpers import sign_in
from ..sandbox.annotation_helpers import body
from ..sandbox.save_support import moved
from ..session.sync_support import seeded_job
from .conftest import next_emission, until, wait_for
from .offline_support import SPORTS, STREET, job_ids, task_named
from .test_i18n import switch
from .test_job_editing import jobs_model, open_task
from .test_session import sign_in_through_dialog
from .test_unsaved_jobs import edit as journal_edit

SCREENSHOTS = os.environ.get("ANNODESK_SCREENSHOTS")  # a folder: the window is saved there in English and Chinese


def right_click_job(window: MainWindow, job_id: int) -> None:
    """The context menu of a job row, asked for as a right-click does (the selection stays as it is)."""
    view = window.details.jobs_view
    index = jobs_model(window).job_index(job_id)
    view.scrollTo(index)
    position = view.visualRect(index).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, position, view.viewport().mapToGlobal(position))
    QApplication.sendEvent(view.viewport(), event)


def select_jobs(window: MainWindow, *jobs: int) -> None:
    view, model = window.details.jobs_view, jobs_model(window)
    view.selectionModel().clearSelection()
    for job in jobs:
        view.selectionModel().select(
            model.job_index(job), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )


def offline_window(window: MainWindow) -> OfflineJobsWindow:
    view = window.offline.window
    assert view is not None and view.isVisible()
    return view


async def test_take_selected_jobs_offline_from_the_jobs_tree_then_remove_them_with_the_keyboard(
    sandbox: SandboxServer, make_controller: Callable[..., AppController], tmp_path: Path
) -> None:
    controller = make_controller()
    window = await sign_in_through_dialog(controller, sandbox, "admin")
    client = window.controller.repository.client
    task = await task_named(client, SPORTS)
    await open_task(window, task.id, SPORTS)
    first, second, third = job_ids(task)[:3]

    select_jobs(window, first, second)
    right_click_job(window, second)
    menu = window.job_editing.menu
    assert menu is not None
    action = next(a for a in menu.actions() if a.objectName() == "takeOfflineAction")
    assert action.text().replace("&", "") == "Take the 2 selected jobs offline" and action.isEnabled()
    progress: list[Any] = []
    window.offline.controller.progressChanged.connect(progress.append)
    action.trigger()
    menu.close()

    view = offline_window(window)  # shown at once, with the progress
    assert view.progress_frame.isVisible() and view.cancel_button.isEnabled()
    await until(lambda: not window.offline.controller.taking_offline and view.model.rowCount() == 2)
    assert not view.progress_frame.isVisible()
    assert any(p is not None and p.total == 2 for p in progress)
    assert [job.job_id for job in view.model.jobs] == [first, second]
    store = window.offline_store
    assert store is controller.offline_store and store.root == tmp_path / "offline"  # never the user's folders
    assert {c.job_id for c in store.checkouts()} == {first, second}
    assert "Offline jobs use" in view.total_label.text()
    await until(lambda: all(job.checked for job in view.model.jobs))
    assert view.model.index(0, STATE_COLUMN).data() == "In sync"
    model = jobs_model(window)  # the jobs tree marks them
    assert [model.job_index(job).data() for job in (first, second, third)] == [
        f"Job #{first} • offline",
        f"Job #{second} • offline",
        f"Job #{third}",
    ]
    assert "no network" in model.job_index(first).data(Qt.ItemDataRole.ToolTipRole)

    # a single job from its menu; then the Delete key removes the selected rows (no edits: nothing asked)
    select_jobs(window, third)
    right_click_job(window, third)
    menu = window.job_editing.menu
    assert menu is not None
    action = next(a for a in menu.actions() if a.objectName() == "takeOfflineAction")
    assert action.text().replace("&", "") == f"Take job #{third} offline" and "&f" in action.text()
    action.trigger()
    menu.close()
    await until(lambda: not window.offline.controller.taking_offline and view.model.rowCount() == 3)

    view.table.setFocus()
    view.table.selectAll()
    QTest.keyClick(view.table, Qt.Key.Key_Delete)
    await until(lambda: view.model.rowCount() == 0)
    assert view.empty_label.isVisible() and not store.checkouts()
    assert model.job_index(first).data() == f"Job #{first}"
    await controller.shutdown()


async def test_removing_a_job_with_unsynced_edits_asks(
    sandbox: SandboxServer, make_controller: Callable[..., AppController], tmp_path: Path
) -> None:
    controller = make_controller()
    window = await sign_in_through_dialog(controller, sandbox, "admin")
    task = await task_named(window.controller.repository.client, STREET)
    await open_task(window, task.id, STREET)
    first, second = job_ids(task)[:2]
    window.offline.task_action.trigger()  # the Task menu: every job of the task
    view = offline_window(window)
    await until(lambda: not window.offline.controller.taking_offline and view.model.rowCount() == 3)
    journal = window.workspaces.journal()
    journal_edit(journal, second)
    view.refresh_button.click()
    await until(lambda: view.model.jobs[1].local_changes == 1)
    assert view.model.index(1, STATE_COLUMN).data() in ("Changed here", "Conflicts", "Cannot be synced")

    view.select_job(second)
    view.table.setFocus()
    QTest.keyClick(view.table, Qt.Key.Key_Delete)
    await until(lambda: view.removal_question is not None)
    box = view.removal_question
    assert box is not None and f"Job #{second} holds 1 edit made here" in box.text()
    assert box.defaultButton().text().replace("&", "") == "Keep it"
    QTest.keyClick(box, Qt.Key.Key_Escape)  # keep it
    await until(lambda: view.removal_question is None)
    assert window.offline_store.checkout(window.controller.repository.client.server_url, second) is not None

    QTest.keyClick(view.table, Qt.Key.Key_Delete)
    await until(lambda: view.removal_question is not None)
    box = view.removal_question
    assert box is not None
    remove = next(b for b in box.buttons() if b.text().replace("&", "") == "Remove anyway")
    remove.click()
    await until(lambda: view.model.rowCount() == 2)
    assert journal.pending(second) is None and [job.job_id for job in view.model.jobs] == [first, job_ids(task)[2]]
    await controller.shutdown()


async def test_budget_and_settings_are_kept_and_enter_opens_the_job(
    sandbox: SandboxServer, make_controller: Callable[..., AppController], settings_path: Path
) -> None:
    controller = make_controller()
    window = await sign_in_through_dialog(controller, sandbox, "admin")
    task = await task_named(window.controller.repository.client, STREET)
    await open_task(window, task.id, STREET)
    assert window.offline.show_action.shortcut().toString() == "Ctrl+Shift+O"
    window.offline.show_action.trigger()
    view = offline_window(window)
    assert view.empty_label.isVisible() and not view.sync_all_button.isEnabled()
    view.budget_box.setValue(2.5)
    view.sync_on_reconnect_box.setChecked(True)
    view.original_quality_box.setChecked(True)
    stored = Settings(window.settings)
    assert (stored.offline_budget_mb, stored.offline_sync_on_reconnect, stored.offline_original_quality) == (
        2500,
        True,
        True,
    )
    assert "of 2.5 GB" in view.total_label.text()
    view.original_quality_box.setChecked(False)

    job = job_ids(task)[2]
    window.offline.take_offline([job])
    await until(lambda: not window.offline.controller.taking_offline and view.model.rowCount() == 1)
    view.table.setFocus()
    opened = next_emission(window.workspaces.opened)
    QTest.keyClick(view.table, Qt.Key.Key_Return)
    workspace = await wait_for(opened)
    assert workspace.controller.job_id == job
    take = next(a for a in workspace.job_menu.actions() if a.objectName() == "takeOfflineAction")
    assert take.text().replace("&", "") == "Take this job offline"
    menu = workspace.job_menu.actions()
    assert menu.index(take) == menu.index(workspace.close_action) - 2 and menu[menu.index(take) + 1].isSeparator()
    await controller.shutdown()


async def test_my_jobs_takes_its_selected_jobs_offline(
    sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    controller = make_controller()
    window = await sign_in_through_dialog(controller, sandbox, "demo")
    window.workspaces.my_jobs_action.trigger()
    my_jobs = window.workspaces.my_jobs_view
    assert my_jobs is not None
    await wait_for(next_emission(my_jobs.loaded))
    assert my_jobs.model.rowCount() >= 2
    button = my_jobs.findChild(QPushButton, "takeOfflineButton")
    assert button is not None and button.text().replace("&", "") == "Take offline"
    my_jobs.table.selectRow(0)
    my_jobs.table.selectionModel().select(
        my_jobs.model.index(1, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    )
    wanted = [job.job_id for job in my_jobs.selected_jobs()]
    assert len(wanted) == 2
    button.click()
    view = offline_window(window)
    await until(lambda: not window.offline.controller.taking_offline and view.model.rowCount() == 2)
    assert sorted(job.job_id for job in view.model.jobs) == sorted(wanted)
    await controller.shutdown()


def test_the_offline_jobs_model_is_consistent(qtmodeltester: Any, sandbox: SandboxServer, tmp_path: Path) -> None:
    """qtmodeltester over rows read from a real store (two jobs taken offline from the sandbox, one edited)."""
    import asyncio

    from annodesk.session.checkout import check_out

    from ..api.helpers import sign_in

    async def take() -> str:
        client = await sign_in(sandbox, "admin")
        async with client:
            task = await task_named(client, STREET)
            for job in job_ids(task)[:2]:
                await check_out(client, store, job)
            return client.server_url

    store = CheckoutStore(tmp_path / "offline")
    server = asyncio.run(take())
    journal = Journal(tmp_path / "journal", server)
    journal_edit(journal, store.checkouts()[1].job_id)
    rows = read_offline_jobs(store, lambda _server: journal)
    model = OfflineJobsModel()
    qtmodeltester.check(model)
    model.set_jobs(rows)
    qtmodeltester.check(model)
    assert [model.index(row, 6).data() for row in range(2)] == ["0", "1"]
    model.set_jobs(rows[:1])
    qtmodeltester.check(model)
    model.set_jobs([])
    qtmodeltester.check(model)
    journal.close()
    store.close()


@pytest.mark.skipif(not SCREENSHOTS, reason="ANNODESK_SCREENSHOTS names a folder for the screenshots")
async def test_screenshots(
    sandbox: SandboxServer, make_controller: Callable[..., AppController], languages: LanguageManager
) -> None:
    controller = make_controller()
    window = await sign_in_through_dialog(controller, sandbox, "admin")
    task = await task_named(window.controller.repository.client, SPORTS)
    await open_task(window, task.id, SPORTS)
    window.offline.take_offline(job_ids(task)[:3])
    view = offline_window(window)
    view.resize(1100, 460)
    await until(lambda: view.progress_frame.isVisible() and view.model.rowCount() >= 1)
    folder = Path(str(SCREENSHOTS))
    folder.mkdir(parents=True, exist_ok=True)
    view.grab().save(str(folder / "offline-progress-en.png"))
    await until(lambda: not window.offline.controller.taking_offline and view.model.rowCount() == 3)
    await until(lambda: all(job.checked for job in view.model.jobs))
    journal_edit(window.workspaces.journal(), job_ids(task)[1])
    view.refresh_button.click()
    await until(lambda: view.model.jobs[1].local_changes == 1 and view.model.jobs[1].checked)
    view.select_job(job_ids(task)[1])
    view.grab().save(str(folder / "offline-en.png"))
    gone = SyncImpossible("", (ServerChange(REASSIGNED, "demo", "bob"), ServerChange(TASK_DELETED, SPORTS, None)))
    job = job_ids(task)[1]
    view.show_notice(lambda: impossible_text(job, gone), view.model.jobs[1])
    view.grab().save(str(folder / "offline-notice-en.png"))
    window.grab().save(str(folder / "main-en.png"))
    switch(languages, "zh_CN")
    view.grab().save(str(folder / "offline-notice-zh.png"))
    view.notice_close_button.click()
    view.layout().activate()  # laid out again without the notice
    view.grab().save(str(folder / "offline-zh.png"))
    view.window().activateWindow()
    view.table.setFocus()
    right_click_job(window, job_ids(task)[0])
    menu = window.job_editing.menu
    assert menu is not None
    menu.grab().save(str(folder / "jobs-menu-zh.png"))
    menu.close()
    switch(languages, "en")
    await controller.shutdown()


def test_sync_with_conflicts_opens_the_job_and_its_conflict_view(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    tmp_path: Path,
) -> None:
    job = seeded_job(fresh_sandbox, tmp_path / "media")  # (its helpers run a loop of their own: before ours)

    async def scenario() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        actions = window.offline
        actions.take_offline([job.id])
        view = offline_window(window)
        await until(lambda: not actions.controller.taking_offline and view.model.rowCount() == 1)
        server = window.controller.repository.client.server_url

        # an edit made offline (journaled as the workspace does), and Alice moves the same rectangle meanwhile
        journal = window.workspaces.journal()
        copy = local_copy(window.offline_store, journal, server, job.id)
        assert copy is not None
        journal.begin(job.id, copy.base_version, copy.base)
        rectangle = copy.base.shapes[0]
        mine = moved(copy.base, ("shapes", rectangle.id), 5)
        journal.append(job.id, EditStep("Move", 0, copy.base, mine))
        other = await sign_in(fresh_sandbox, "alice")
        async with other:
            theirs = await other.get_job_annotations_json(job.id)
            shape = next(item for item in theirs["shapes"] if item["id"] == rectangle.id)
            moved_by_alice = {**shape, "points": [p + 9 for p in shape["points"]]}
            await other.patch_job_annotations_json(job.id, "update", body(shapes=[moved_by_alice]))

            view.refresh_button.click()
            await until(lambda: view.model.jobs[0].local_changes == 1 and view.model.jobs[0].checked)
            assert view.model.jobs[0].state == "conflicts"
            assert view.model.index(0, STATE_COLUMN).data() == "Conflicts (1)"
            view.select_job(job.id)
            shown = next_emission(window.workspaces.opened)
            view.sync_action.trigger()  # Ctrl+Shift+S
            workspace = await wait_for(shown, 30)
            save_actions = workspace.save_actions
            await until(lambda: save_actions.state == CONFLICTS, 30)
            conflicts = save_actions.conflict_view
            assert conflicts is not None and conflicts.isVisible() and len(conflicts.conflicts) == 1
            assert f"Job #{job.id}: 1 change here conflicts with the server's" in view.message_label.text()

            saving = workspace.controller.saving
            assert saving is not None
            saved = next_emission(saving.saved)
            QTest.mouseClick(conflicts.keep_mine_button, Qt.MouseButton.LeftButton)
            QTest.mouseClick(conflicts.save_button, Qt.MouseButton.LeftButton)
            await wait_for(saved, 30)
            after = await other.get_job_annotations_json(job.id)
        points = next(item["points"] for item in after["shapes"] if item["id"] == rectangle.id)
        assert points == [p + 5 for p in rectangle.points]  # mine kept
        assert workspace.close()
        view.refresh_button.click()
        version = after["version"]
        await until(lambda: view.model.jobs[0].local_changes == 0 and view.model.jobs[0].base_version == version)
        await controller.shutdown()

    loop.run_until_complete(scenario())


async def test_the_window_is_driven_with_the_keyboard(
    sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    controller = make_controller()
    window = await sign_in_through_dialog(controller, sandbox, "admin")
    task = await task_named(window.controller.repository.client, STREET)
    window.offline.take_offline(job_ids(task)[:2])
    view = offline_window(window)
    await until(lambda: not window.offline.controller.taking_offline and view.model.rowCount() == 2)
    view.activateWindow()
    view.table.setFocus()
    await until(lambda: QApplication.focusWidget() is view.table)
    reached = []
    for _ in range(12):  # Tab walks out of the table through every control and back
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
        if reached[-1] is view.table:
            break
    buttons = [view.open_button, view.sync_button, view.sync_all_button, view.export_button, view.remove_button]
    controls = [*buttons, view.refresh_button, view.budget_box, view.original_quality_box, view.sync_on_reconnect_box]
    assert [widget for widget in reached if widget in controls] == [
        control for control in controls if control.isEnabled()
    ]
    assert reached[-1] is view.table
    QTest.keyClick(view.table, Qt.Key.Key_Down)  # the second row
    assert view.selected_jobs()[0].job_id == job_ids(task)[1]
    QTest.keyClick(view.table, Qt.Key.Key_Escape)
    assert not view.isVisible()
    await controller.shutdown()


async def test_a_checkout_of_another_server_is_listed_and_only_removed_here(
    sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    controller = make_controller()
    window = await sign_in_through_dialog(controller, sandbox, "admin")
    task = await task_named(window.controller.repository.client, STREET)
    job = job_ids(task)[2]
    window.offline.take_offline([job])
    view = offline_window(window)
    await until(lambda: not window.offline.controller.taking_offline and view.model.rowCount() == 1)
    store = window.offline_store
    record = store.checkouts()[0]
    elsewhere = "https://cvat.example.org"  # another account's server (never contacted)
    store.put_checkout(dataclasses.replace(record, server=elsewhere), [])
    view.refresh_button.click()
    await until(lambda: view.model.rowCount() == 2)
    assert [row.server for row in view.model.jobs] == [record.server, elsewhere]
    view.table.selectRow(1)
    assert not view.open_button.isEnabled() and not view.sync_button.isEnabled()
    assert view.sync_button.toolTip() == "Sign in to that job's server to open or sync it."
    assert view.remove_button.isEnabled()
    view.table.selectRow(0)
    assert view.open_button.isEnabled() and "Enter" in view.open_button.toolTip()
    view.table.selectRow(1)
    view.remove_button.click()
    await until(lambda: view.model.rowCount() == 1)
    assert store.checkout(elsewhere, job) is None and store.checkout(record.server, job) is not None
    await controller.shutdown()


async def test_the_app_works_on_with_offline_jobs_off_when_their_store_cannot_be_opened(
    sandbox: SandboxServer, make_controller: Callable[..., AppController], cache_root: Path
) -> None:
    cache_root.parent.mkdir(parents=True, exist_ok=True)
    (cache_root.parent / "offline").write_text("a file where the store's folder would be")
    controller = make_controller()
    window = await sign_in_through_dialog(controller, sandbox, "admin")
    assert window.offline_store is None and window.offline is None and window.workspaces.store is None
    assert not [a for a in window.view_menu.actions() if a.text().replace("&", "") == "Offline jobs…"]
    client = window.controller.repository.client
    task = await task_named(client, SPORTS)
    await open_task(window, task.id, SPORTS)  # the task view works on
    workspace = window.workspaces.open_job(job_ids(task)[0], task.id)  # and a job opens from the server
    await until(lambda: workspace.controller.image is not None, 30)
    assert workspace.controller.checkout is None
    workspace.close()
