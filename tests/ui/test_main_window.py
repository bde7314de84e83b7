"""The main window against the sandbox: paging, search, sort, refresh, details trees, persisted layout."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import qasync
from PySide6.QtCore import QModelIndex

from annodesk.api import CvatClient
from annodesk.controller import AppController
from annodesk.models.task_table import COLUMNS
from annodesk.sandbox import SandboxServer
from annodesk.ui.main_window import MainWindow

from .conftest import next_emission, page_shown, until, wait_for
from .test_session import sign_in_through_dialog
from .test_sign_in import PASSWORD


async def server_tasks(server: SandboxServer, username: str, **query: Any) -> list[Any]:
    async with CvatClient(server.base_url) as client:
        await client.login(username, PASSWORD[username])
        return [task async for task in client.iter_all_tasks(**query)]


async def settle(window: MainWindow, action: Callable[[], None]) -> None:
    """Run ``action`` and wait for the page it causes to be shown."""
    shown = next_emission(window.pageShown)
    action()
    await wait_for(shown)


def test_paging_reaches_every_task_once(
    loop: qasync.QEventLoop, sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, sandbox, "alice")
        expected = [task.id for task in await server_tasks(sandbox, "alice")]
        assert window.controller.page_size == 10  # the default for a new user
        assert window.controller.page_count == -(-len(expected) // 10) >= 2
        assert window.pager.page_label.text() == f"Page 1 of {window.controller.page_count}"
        assert window.pager.count_label.text() == f"{len(expected)} tasks in all"
        assert not window.pager.prev_button.isEnabled() and window.pager.next_button.isEnabled()
        seen = [task.id for task in window.model.tasks]
        while window.pager.next_button.isEnabled():
            await settle(window, window.pager.next_button.click)
            seen += [task.id for task in window.model.tasks]
        assert seen == expected
        assert window.controller.page == window.controller.page_count and not window.pager.last_button.isEnabled()
        await settle(window, window.pager.first_button.click)
        assert window.controller.page == 1 and [t.id for t in window.model.tasks] == expected[:10]
        await settle(window, window.pager.last_button.click)
        assert [t.id for t in window.model.tasks] == expected[(window.controller.page_count - 1) * 10 :]
        await controller.shutdown()

    loop.run_until_complete(body())


def test_search_and_sort_change_what_the_server_is_asked(
    loop: qasync.QEventLoop, sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, sandbox, "admin")
        everything = await server_tasks(sandbox, "admin")
        term = next(ch for t in everything for ch in t.name if "\u4e00" <= ch <= "\u9fff")

        await settle(window, lambda: window.search.setText(term))  # debounced, then one request
        assert window.controller.query().search == term and window.controller.page == 1
        expected = [t.id for t in await server_tasks(sandbox, "admin", search=term)]
        assert [t.id for t in window.model.tasks] == expected[: window.controller.page_size]
        assert all(term in t.name or term in t.status for t in window.model.tasks)

        name_column = next(i for i, c in enumerate(COLUMNS) if c.key == "name")
        await settle(window, lambda: window.table.horizontalHeader().sectionClicked.emit(name_column))
        assert window.controller.ordering in ("name", "-name")
        names = [t.name for t in window.model.tasks]
        assert names == sorted(names, reverse=window.controller.ordering.startswith("-"))

        await settle(window, window.search.clear)
        expected = [t.id for t in await server_tasks(sandbox, "admin", ordering=window.controller.ordering)]
        assert [t.id for t in window.model.tasks] == expected[: window.controller.page_size]
        await controller.shutdown()

    loop.run_until_complete(body())


def test_selection_survives_refresh_and_trees_match(
    loop: qasync.QEventLoop, sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, sandbox, "admin")
        row = max(range(window.model.rowCount()), key=lambda r: len(window.model.tasks[r].segments))
        task = window.model.tasks[row]
        detailed = next_emission(window.detailsShown)
        window.table.selectRow(row)
        assert await wait_for(detailed) == task.id
        assert window.details.title.text() == f"#{task.id}  {task.name}"
        assert window.details.values["size"].text() == (str(task.size) if task.size is not None else "—")
        labels = window.details.labels_model
        assert [labels.data(labels.index(r, 0, QModelIndex())) for r in range(labels.rowCount())] == [
            label.name for label in task.labels
        ]
        jobs = window.details.jobs_model
        assert jobs.rowCount() == len(task.segments)
        job_ids = [
            jobs.data(jobs.index(j, 0, jobs.index(s, 0, QModelIndex())))
            for s in range(jobs.rowCount())
            for j in range(jobs.rowCount(jobs.index(s, 0, QModelIndex())))
        ]
        assert sorted(job_ids) == sorted(f"Job #{job.id}" for job in task.jobs)
        assert not window.details.preview.pixmap().isNull()

        await settle(window, window.refresh_action.trigger)
        assert window.table.selected_task() is not None and window.table.selected_task().id == task.id
        await controller.shutdown()

    loop.run_until_complete(body())


def test_only_the_newest_page_request_is_shown(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "admin")
        fresh_sandbox.faults.add("slow", path=r"/tasks$", times=1, delay=1.0)
        window.pager.next_button.click()  # page 2: slow answer (the pager still shows page 1)
        shown = next_emission(window.pageShown)
        window.controller.go_to_page(1)  # page 1: fast answer, asked later
        await wait_for(shown)
        await until(lambda: not fresh_sandbox.faults.pending())
        await until(lambda: window.message_label.text() != "Loading…")
        assert window.controller.page == 1 and window.pager.page_label.text().startswith("Page 1 of")
        await controller.shutdown()

    loop.run_until_complete(body())


def test_layout_and_page_size_persist(
    loop: qasync.QEventLoop, sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, sandbox, "admin")
        sizes = window.pager.page_size_box
        await settle(window, lambda: sizes.setCurrentIndex(sizes.findData(25)))
        window.table.setColumnWidth(1, 411)
        window.resize(777, 555)  # fits the offscreen 800×800 screen (Qt clamps restored geometry)
        window.splitter.setSizes([700, 411])
        await controller.shutdown()

        again = make_controller()
        shown = next_emission(again.mainWindowShown)
        await again.start()
        window2: MainWindow = await wait_for(shown)
        await page_shown(window2)
        assert window2.controller.page_size == 25 and window2.model.rowCount() == min(25, window2.controller.total)
        assert window2.table.columnWidth(1) == 411
        assert (window2.width(), window2.height()) == (777, 555)
        await again.shutdown()

    loop.run_until_complete(body())


def test_unsortable_column_keeps_current_order(
    loop: qasync.QEventLoop, sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, sandbox, "admin")
        before = window.controller.ordering
        mode_column = next(i for i, c in enumerate(COLUMNS) if c.key == "mode")
        window.table.horizontalHeader().sectionClicked.emit(mode_column)
        assert window.controller.ordering == before
        assert window.message_label.text() == "The server cannot sort by this column."
        assert window.table.horizontalHeader().sortIndicatorSection() != mode_column
        await controller.shutdown()

    loop.run_until_complete(body())


async def show_details(window: MainWindow, task_id: int) -> None:
    """Select the task's row and wait until its details load has ended."""
    assert window.table.select_task(task_id)
    await until(lambda: window.details.task is not None and window.details.task.id == task_id)
    await until(lambda: not window.controller.work.running("details"))


def test_while_details_load_no_other_preview_and_no_stale_error_show(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "admin")
        first, second, third = [task for task in window.model.tasks if task.has_data][:3]
        await show_details(window, first.id)
        assert not window.details.preview.pixmap().isNull()
        fresh_sandbox.faults.add("500", path=rf"/tasks/{second.id}$")
        await show_details(window, second.id)
        assert window.message_label.text().startswith("Server error")
        fresh_sandbox.faults.add("hang", path=rf"/tasks/{third.id}(/|$)")
        window.table.select_task(third.id)
        await until(lambda: fresh_sandbox.faults.in_flight() > 0)  # the details hang
        assert window.details.title.text().startswith(f"#{third.id} ")
        assert window.details.preview.pixmap().isNull() and window.details.preview.text() == "Loading…"
        assert window.message_label.text() == ""  # the error was about another task
        await asyncio.to_thread(fresh_sandbox.faults.clear)
        await until(lambda: not window.controller.work.running("details"))
        await controller.shutdown()

    loop.run_until_complete(body())


def test_offline_new_and_edit_task_are_off_and_say_why(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        controller = make_controller(timeout=1.0)
        window = await sign_in_through_dialog(controller, fresh_sandbox, "admin")
        await show_details(window, window.model.tasks[0].id)
        new, edit = window.authoring.new_task_action, window.authoring.edit_task_action
        assert new.isEnabled() and edit.isEnabled()
        await asyncio.to_thread(fresh_sandbox.faults.add, "refuse")
        went_offline = next_emission(window.controller.onlineChanged)
        window.refresh_action.trigger()
        assert await wait_for(went_offline) is False
        assert not new.isEnabled() and not edit.isEnabled()
        assert new.toolTip() == "Offline: tasks cannot be created until the server is back."
        assert edit.toolTip() == "Offline: tasks cannot be changed until the server is back."
        new.trigger()
        assert window.authoring.show_edit_task() is None and window.authoring.create_dialog is None
        await asyncio.to_thread(fresh_sandbox.faults.clear)
        window.refresh_action.trigger()  # (or the retry in the background)
        await until(lambda: window.controller.online)
        assert new.isEnabled() and edit.isEnabled() and new.toolTip() == "Create a task on the server"
        await controller.shutdown()

    loop.run_until_complete(body())
