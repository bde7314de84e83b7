"""Out-of-order answers never show stale data: rapid page clicks, fast typing, quick selection changes, sign-out and
quitting while requests are in flight. The slow fault (matched by query) forces the older answer to arrive last."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import qasync
import shiboken6

from annodesk.api import CvatClient
from annodesk.controller import AppController
from annodesk.sandbox import SandboxServer
from annodesk.ui.main_window import MainWindow

from .conftest import next_emission, until, wait_for
from .test_session import sign_in_through_dialog
from .test_sign_in import PASSWORD

LATE = 0.6  # how late the older answer comes (its arrival is awaited, never timed)


@pytest.fixture(scope="module")
def busy_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    """A sandbox with enough tasks for several pages."""
    with SandboxServer(tmp_path_factory.mktemp("busy"), anon_throttle=0, seed_tasks=40) as server:
        yield server


@pytest.fixture(autouse=True)
def no_leftover_faults(busy_server: SandboxServer) -> Iterator[None]:
    yield
    busy_server.faults.clear()


@pytest.fixture
def errors(caplog: pytest.LogCaptureFixture) -> Callable[[], list[str]]:
    caplog.set_level(logging.INFO)
    return lambda: [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.ERROR]


async def server_page(server: SandboxServer, **query: Any) -> list[int]:
    async with CvatClient(server.base_url) as client:
        await client.login("admin", PASSWORD["admin"])
        return [task.id for task in (await client.list_tasks(**query)).results]


async def late_answers_arrived(server: SandboxServer, window: MainWindow) -> None:
    """Wait until every slowed request was answered, then one more turn of the event loop for its handlers."""
    await until(lambda: server.faults.in_flight() == 0)
    await asyncio.sleep(0.05)  # the answer's bytes reach the client: let its coroutine run (not a timing assert)
    await until(lambda: window.message_label.text() != "Loading…")


def test_rapid_page_clicks_show_the_newest_page(
    loop: qasync.QEventLoop, busy_server: SandboxServer, make_controller: Callable[..., AppController], errors
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, busy_server, "admin")
        assert window.controller.page_count >= 4
        busy_server.faults.add("slow", path=r"/tasks$", query=r"(^|&)page=2(&|$)", delay=LATE)
        window.pager.next_button.click()  # page 2: answered late
        await until(lambda: busy_server.faults.in_flight() == 1)
        shown = next_emission(window.pageShown)
        window.pager.next_button.click()  # page 3: answered at once
        await wait_for(shown)
        expected = await server_page(busy_server, page=3)
        assert window.controller.page == 3 and [t.id for t in window.model.tasks] == expected
        await late_answers_arrived(busy_server, window)
        assert busy_server.faults.hits() == 1
        assert (
            window.controller.page == 3 and [t.id for t in window.model.tasks] == expected
        )  # page 2 came last: ignored
        assert window.pager.page_label.text().startswith("Page 3 of")
        await controller.shutdown()

    loop.run_until_complete(body())
    assert not errors()


def test_fast_typing_sends_one_search_and_a_late_answer_loses(
    loop: qasync.QEventLoop, busy_server: SandboxServer, make_controller: Callable[..., AppController], errors
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, busy_server, "admin")
        busy_server.faults.add("slow", path=r"/tasks$", query=r"search=", delay=0)  # counts the searches
        shown = next_emission(window.pageShown)
        for typed in ("s", "st", "str", "stre", "street"):
            window.search.setText(typed)  # faster than the debounce
        await wait_for(shown)
        assert busy_server.faults.hits() == 1 and window.controller.query().search == "street"
        assert [t.id for t in window.model.tasks] == await server_page(busy_server, search="street")

        busy_server.faults.clear()
        busy_server.faults.add("slow", path=r"/tasks$", query=r"search=video", delay=LATE)
        window.search.setText("video")
        window.search.returnPressed.emit()  # no debounce: sent now, answered late
        await until(lambda: busy_server.faults.in_flight() == 1)
        shown = next_emission(window.pageShown)
        window.search.setText("annotation")
        window.search.returnPressed.emit()
        await wait_for(shown)
        expected = await server_page(busy_server, search="annotation")
        assert [t.id for t in window.model.tasks] == expected
        await late_answers_arrived(busy_server, window)
        assert [t.id for t in window.model.tasks] == expected and window.controller.query().search == "annotation"
        await controller.shutdown()

    loop.run_until_complete(body())
    assert not errors()


def test_quick_selection_changes_show_the_last_selected_task(
    loop: qasync.QEventLoop, busy_server: SandboxServer, make_controller: Callable[..., AppController], errors
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, busy_server, "admin")
        first, second = [t for t in window.model.tasks if t.has_data and t.id != window.table.selected_task().id][:2]
        busy_server.faults.add("slow", path=rf"/tasks/{first.id}(/data)?$", delay=LATE)
        window.table.setCurrentIndex(window.model.index(window.model.row_of(first.id), 0))
        await until(lambda: busy_server.faults.in_flight() >= 1)
        shown = next_emission(window.detailsShown)
        window.table.setCurrentIndex(window.model.index(window.model.row_of(second.id), 0))
        assert await wait_for(shown) == second.id
        await late_answers_arrived(busy_server, window)
        assert busy_server.faults.hits() >= 1
        assert window.details.task is not None and window.details.task.id == second.id
        assert window.details.title.text().startswith(f"#{second.id} ")
        assert window.table.selected_task().id == second.id  # type: ignore[union-attr]
        assert window.details.labels_model.rowCount() == len(second.labels)
        await controller.shutdown()

    loop.run_until_complete(body())
    assert not errors()


def test_sign_out_while_requests_are_in_flight(
    loop: qasync.QEventLoop, busy_server: SandboxServer, make_controller: Callable[..., AppController], errors
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, busy_server, "admin")
        cache = controller._cache(busy_server.base_url, "admin")
        last_page = cache.get_page("last")
        plan = busy_server.faults
        plan.hold()
        plan.add("slow", path=r"/tasks(/\d+(/data)?)?$", delay=0)  # pages and details wait at the gate
        window.pager.next_button.click()
        other = next(t for t in window.model.tasks if t.has_data and t.id != window.table.selected_task().id)
        window.table.setCurrentIndex(window.model.index(window.model.row_of(other.id), 0))
        await until(lambda: plan.in_flight() >= 2)
        dialogs: list[Any] = []
        controller.signInShown.connect(dialogs.append)
        window.sign_out_action.trigger()
        window.sign_out_action.trigger()  # a second click while the first waits: ignored
        await until(lambda: controller.window is None and bool(dialogs))
        plan.release()  # the late answers arrive after the window is gone
        await until(lambda: plan.in_flight() == 0)
        await asyncio.sleep(0.05)
        assert len(dialogs) == 1 and dialogs[0].isVisible() and dialogs[0].username.text() == "admin"
        assert not shiboken6.isValid(window) or not window.isVisible()
        assert cache.get_page("last") == last_page  # the late page was not written after sign-out
        await controller.shutdown()

    loop.run_until_complete(body())
    assert not errors()


def test_closing_the_window_while_requests_are_in_flight(
    loop: qasync.QEventLoop, busy_server: SandboxServer, make_controller: Callable[..., AppController], errors
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, busy_server, "admin")
        plan = busy_server.faults
        plan.hold()
        plan.add("slow", path=r"/tasks$", delay=0)
        window.refresh_action.trigger()
        await until(lambda: plan.in_flight() == 1)
        window.close()  # the user quits
        await wait_for(controller.finished.wait())
        plan.release()
        await until(lambda: plan.in_flight() == 0)
        await asyncio.sleep(0.05)
        assert controller.client is None
        await controller.shutdown()

    loop.run_until_complete(body())
    assert not errors()
