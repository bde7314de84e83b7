"""The task table's preview column against the sandbox: loaded only for rows on screen, at most a few at a time,
cancelled when the page changes, kept on disk (shown offline) and in memory, and the choice remembered."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import qasync
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap

from annodesk.api import CvatClient, Task
from annodesk.controller import AppController
from annodesk.models.task_table import PREVIEW_COLUMN, TaskTableModel
from annodesk.models.thumbnails import LOADING, NO_DATA, NO_PREVIEW, THUMBNAIL_SIZE, ThumbnailStore
from annodesk.sandbox import SandboxServer
from annodesk.settings import Settings
from annodesk.ui.main_window import MainWindow
from annodesk.ui.thumbnails import CONCURRENCY, decode_thumbnail

from .conftest import make_settings, next_emission, until, wait_for
from .test_session import sign_in_through_dialog
from .test_sign_in import PASSWORD

PREVIEWS = r"/api/v1/tasks/\d+/data$"


def visible_rows(window: MainWindow) -> list[int]:
    table = window.table
    return [
        row
        for row in range(window.model.rowCount())
        if table.visualRect(window.model.index(row, PREVIEW_COLUMN)).intersects(table.viewport().rect())
    ]


def with_data(window: MainWindow, rows: list[int]) -> list[Task]:
    return [task for row in rows if (task := window.model.tasks[row]).has_data]


def decoration(window: MainWindow, task_id: int) -> Any:
    row = window.model.row_of(task_id)
    assert row is not None
    return window.model.index(row, PREVIEW_COLUMN).data(Qt.ItemDataRole.DecorationRole)


async def thumbnails_on(window: MainWindow) -> None:
    """Through the View menu, as a user would; the window is shown so the table paints."""
    window.show()
    action = window.thumbnails.action
    assert action in window.view_menu.actions() and not action.isChecked()
    action.trigger()
    assert window.thumbnails.shown and not window.table.isColumnHidden(PREVIEW_COLUMN)


def test_only_rows_on_screen_are_loaded_and_scrolling_loads_the_rest(
    loop: qasync.QEventLoop, sandbox: SandboxServer, make_controller: Callable[..., AppController], settings_path: Path
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, sandbox, "admin")
        await until(lambda: window.details.task is not None and not window.controller.work.running("details"))
        shown = next_emission(window.pageShown)
        window.pager.page_size_box.setCurrentIndex(window.pager.page_size_box.findData(25))  # all 16 sample tasks
        await wait_for(shown)
        window.resize(900, 420)  # room for a few rows only
        await thumbnails_on(window)
        assert Settings(make_settings(settings_path)).preview_column
        loader, store = window.thumbnails.loader, window.thumbnails.store
        assert window.table.verticalHeader().defaultSectionSize() >= THUMBNAIL_SIZE.height()
        await until(lambda: bool(visible_rows(window)) and loader.stats["requested"] > 0)
        on_screen = visible_rows(window)
        assert 0 < len(on_screen) < window.model.rowCount()
        wanted = with_data(window, on_screen)
        await until(lambda: all(store.cached(task.id) for task in wanted))
        for task in wanted:
            pixmap = decoration(window, task.id)
            assert isinstance(pixmap, QPixmap) and pixmap.cacheKey() != store.placeholder(LOADING).cacheKey()
            assert pixmap.width() <= THUMBNAIL_SIZE.width() and pixmap.height() <= THUMBNAIL_SIZE.height()
            assert pixmap.width() == THUMBNAIL_SIZE.width() or pixmap.height() == THUMBNAIL_SIZE.height()
        off_screen = [t for r in range(window.model.rowCount()) if r not in on_screen and (t := window.model.tasks[r])]
        assert not any(store.cached(task.id) for task in off_screen)  # never asked for
        assert loader.stats["network"] == len(wanted) and loader.stats["disk"] == 0
        for task in (t for t in window.model.tasks if not t.has_data):
            assert store.state(task) == NO_DATA
            assert decoration(window, task.id).cacheKey() == store.placeholder(NO_DATA).cacheKey()

        window.table.scrollToBottom()
        await until(lambda: all(store.cached(t.id) for t in with_data(window, visible_rows(window))))
        assert loader.stats["network"] == len(
            {t.id for t in wanted} | {t.id for t in with_data(window, visible_rows(window))}
        )

        # the same page again: from memory, nothing is asked of the server or the disk
        before = dict(loader.stats)
        shown = next_emission(window.pageShown)
        window.refresh_action.trigger()
        await wait_for(shown)
        window.table.scrollToTop()
        await until(lambda: all(store.cached(t.id) for t in with_data(window, visible_rows(window))))
        assert (loader.stats["network"], loader.stats["disk"]) == (before["network"], before.get("disk", 0))

        window.thumbnails.action.trigger()  # off again: hidden, remembered
        assert window.table.isColumnHidden(PREVIEW_COLUMN)
        assert not Settings(make_settings(settings_path)).preview_column
        await controller.shutdown()

    loop.run_until_complete(body())


def test_a_few_at_a_time_and_a_page_change_cancels_the_rest(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "admin")
        await until(lambda: window.details.task is not None and not window.controller.work.running("details"))
        window.resize(1280, 900)
        faults = fresh_sandbox.faults
        faults.hold()  # previews are answered only when the test says
        faults.add("slow", path=PREVIEWS, query="type=preview", delay=0)
        await thumbnails_on(window)
        loader = window.thumbnails.loader
        wanted = with_data(window, visible_rows(window))
        assert len(wanted) > CONCURRENCY
        await until(lambda: faults.in_flight() == CONCURRENCY and loader.queued > 0)
        assert loader.in_flight == CONCURRENCY
        window.table.verticalScrollBar().setValue(1)  # the UI runs while they are pending
        assert faults.in_flight() == CONCURRENCY  # never more at once

        first_page = {task.id for task in window.model.tasks}
        shown = next_emission(window.pageShown)
        window.pager.next_button.click()
        await wait_for(shown)
        await until(lambda: loader.stats["cancelled"] == CONCURRENCY)
        assert loader.in_flight == 0 or not any(t in first_page for t in loader._active)
        assert not any(window.thumbnails.store.cached(task_id) for task_id in first_page)
        await asyncio.to_thread(faults.clear)  # answered from now on
        await until(lambda: all(window.thumbnails.store.cached(t.id) for t in with_data(window, visible_rows(window))))
        await controller.shutdown()

    loop.run_until_complete(body())


def test_offline_the_thumbnails_come_from_the_disk_cache(
    loop: qasync.QEventLoop, tmp_path: Path, make_controller: Callable[..., AppController]
) -> None:
    server = SandboxServer(tmp_path / "srv", anon_throttle=0)
    server.start()

    async def body() -> None:
        first = make_controller()
        window = await sign_in_through_dialog(first, server, "demo")
        await thumbnails_on(window)
        wanted = with_data(window, visible_rows(window))
        store = window.thumbnails.store
        await until(lambda: all(store.cached(task.id) for task in wanted))
        assert window.thumbnails.loader.stats["network"] == len(wanted)
        await first.shutdown()
        await asyncio.to_thread(server.stop)

        again = make_controller(timeout=1.0)
        shown = next_emission(again.mainWindowShown)
        await again.start()
        offline: MainWindow = await wait_for(shown)
        await until(lambda: not offline.controller.online and offline.model.rowCount() > 0)
        offline.show()
        assert offline.thumbnails.shown and offline.thumbnails.action.isChecked()  # remembered
        store = offline.thumbnails.store
        await until(lambda: all(store.cached(task.id) for task in wanted))
        assert offline.thumbnails.loader.stats["disk"] == len(wanted)
        assert offline.thumbnails.loader.stats["network"] == 0
        assert all(isinstance(decoration(offline, t.id), QPixmap) for t in wanted)
        await again.shutdown()

    try:
        loop.run_until_complete(body())
    finally:
        server.stop()


def test_loading_waits_until_the_table_is_still(
    loop: qasync.QEventLoop, sandbox: SandboxServer, tmp_path: Path
) -> None:
    from annodesk.session.cache import OfflineCache
    from annodesk.session.repository import Repository
    from annodesk.ui.thumbnails import ThumbnailLoader

    async def body() -> None:
        async with CvatClient(sandbox.base_url) as client:
            await client.login("admin", PASSWORD["admin"])
            task = next(t for t in (await client.list_tasks()).results if t.has_data)
            store = ThumbnailStore()
            repository = Repository(client, OfflineCache(tmp_path, sandbox.base_url, "admin"))
            loader = ThumbnailLoader(repository, store, lambda _task_id: True)
            assert store.pixmap(task).cacheKey() == store.placeholder(LOADING).cacheKey()  # painted: asked for
            assert loader.queued == 1 and loader.waiting and loader.in_flight == 0
            loader.postpone()  # the table scrolls: still nothing starts
            assert loader.waiting and loader.in_flight == 0
            await until(lambda: store.cached(task.id))
            assert loader.stats["network"] == 1 and loader.idle and not loader.waiting

    loop.run_until_complete(body())


def test_decoding_scales_down_and_tolerates_garbage(sandbox: SandboxServer) -> None:
    from tests.api.helpers import run

    async def preview() -> bytes:
        async with CvatClient(sandbox.base_url) as client:
            await client.login("admin", PASSWORD["admin"])
            return await client.task_preview(1)

    image = decode_thumbnail(run(preview()), THUMBNAIL_SIZE)
    assert not image.isNull() and image.width() <= 48 and image.height() <= 36
    assert max(image.width(), image.height()) in (48, 36)
    assert decode_thumbnail(b"<html>not an image</html>", THUMBNAIL_SIZE).isNull()
    assert decode_thumbnail(b"", QSize(10, 10)).isNull()


def test_the_table_model_with_previews_is_consistent(qtmodeltester: Any, sandbox: SandboxServer) -> None:
    from tests.api.helpers import run, sign_in

    async def load() -> tuple[Task, ...]:
        client = await sign_in(sandbox, "admin")
        async with client:
            return (await client.list_tasks(page_size=100)).results

    tasks = run(load())
    model = TaskTableModel()
    store = ThumbnailStore()
    asked: list[int] = []
    store.wanted.connect(asked.append)
    model.set_thumbnails(store)
    model.set_tasks(tasks)
    qtmodeltester.check(model)
    for _ in range(2):  # as a view paints: each preview cell, twice
        for row in range(model.rowCount()):
            model.data(model.index(row, PREVIEW_COLUMN), Qt.ItemDataRole.DecorationRole)
    assert asked == [t.id for t in tasks if t.has_data]  # asked once each; tasks without data never
    row = next(r for r, t in enumerate(tasks) if t.has_data)
    changed = []
    model.dataChanged.connect(lambda first, last, roles: changed.append((first.row(), first.column(), roles)))
    store.put(tasks[row].id, QPixmap(4, 3))
    assert changed == [(row, PREVIEW_COLUMN, [Qt.ItemDataRole.DecorationRole])]  # that cell only
    assert model.data(model.index(row, PREVIEW_COLUMN), Qt.ItemDataRole.DecorationRole).width() == 4
    store.put(tasks[row].id, None)  # none could be had (offline)
    assert store.state(tasks[row]) == NO_PREVIEW
    store.forget_failures()  # back online: asked again when painted
    assert store.state(tasks[row]) == LOADING
    model.data(model.index(row, PREVIEW_COLUMN), Qt.ItemDataRole.DecorationRole)
    assert asked.count(tasks[row].id) == 2
    model.remove_task(tasks[1].id)
    assert model.rowCount() == len(tasks) - 1 and model.row_of(tasks[1].id) is None
    qtmodeltester.check(model)
    model.set_thumbnails(None)
    assert model.data(model.index(0, PREVIEW_COLUMN), Qt.ItemDataRole.DecorationRole) is None
    qtmodeltester.check(model)
