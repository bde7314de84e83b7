"""The task controller driven with no widget at all, against a real sandbox over HTTP: pages, latest-wins loads,
details, the one 401 path, offline with the cache, and crashes said once."""

from __future__ import annotations

import asyncio
import logging
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
import qasync

from annodesk.api import CvatClient
from annodesk.api.models import Task
from annodesk.i18n import live
from annodesk.sandbox import SandboxServer
from annodesk.session.cache import OfflineCache
from annodesk.session.repository import Repository
from annodesk.tasks.controller import TaskController

from .conftest import next_emission, until, wait_for
from .test_sign_in import PASSWORD


@asynccontextmanager
async def signed_in(server: SandboxServer, cache_root: Path, user: str = "admin") -> AsyncIterator[TaskController]:
    client = CvatClient(server.base_url, timeout=2.0)
    await client.login(user, PASSWORD[user])
    controller = TaskController(Repository(client, OfflineCache(cache_root, server.base_url, user)), "srv", user)
    try:
        yield controller
    finally:
        await controller.close()
        await client.aclose()


def record(signal: Any) -> list[Any]:
    seen: list[Any] = []
    signal.connect(lambda *args: seen.append(args[0] if len(args) == 1 else args))
    return seen


def test_the_controller_loads_no_widget_module() -> None:
    """Nothing of QtWidgets or annodesk.ui comes with the controller (a second window can reuse it as is)."""
    code = (
        "import sys, annodesk.tasks.controller, annodesk.tasks.work; "
        "print(sorted(m for m in sys.modules if m == 'PySide6.QtWidgets' or m.startswith('annodesk.ui')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_pages_users_and_profile_load_with_no_widgets(
    loop: qasync.QEventLoop, sandbox: SandboxServer, cache_root: Path
) -> None:
    async def body() -> None:
        async with signed_in(sandbox, cache_root) as tasks:
            pages = record(tasks.pageLoaded)
            messages = record(tasks.message)
            tasks.start()
            await until(lambda: bool(pages) and tasks.profile is not None and bool(tasks.users))
            first = pages[0].value
            assert tasks.online and tasks.total == first.count > 10 and tasks.page_count == first.page_count
            assert [live(m) for m in messages][-1] == f"{first.count} tasks found"
            assert tasks.profile.username == "admin"

            tasks.go_to_page(2)
            await until(lambda: len(pages) == 2)
            assert tasks.page == tasks.shown_page == 2 and pages[1].value.page == 2
            assert {t.id for t in pages[1].value.results}.isdisjoint(t.id for t in first.results)

            name = first.results[0].name
            tasks.set_search(name)
            await until(lambda: len(pages) == 3)
            assert tasks.page == 1 and all(name in t.name for t in pages[2].value.results)

    loop.run_until_complete(body())


def test_a_new_page_load_cancels_the_older_one(
    loop: qasync.QEventLoop, sandbox: SandboxServer, cache_root: Path
) -> None:
    async def body() -> None:
        async with signed_in(sandbox, cache_root) as tasks:
            pages = record(tasks.pageLoaded)
            tasks.refresh()
            await until(lambda: len(pages) == 1)
            tasks.refresh()
            tasks.go_to_page(2)  # latest wins: the refresh of page 1 never arrives
            await until(lambda: not tasks.work.running("page"))
            assert [fetched.value.page for fetched in pages] == [1, 2]

    loop.run_until_complete(body())


def test_selecting_shows_the_task_at_once_then_its_details_and_preview(
    loop: qasync.QEventLoop, sandbox: SandboxServer, cache_root: Path
) -> None:
    async def body() -> None:
        async with signed_in(sandbox, cache_root) as tasks:
            tasks.start()
            loaded = await wait_for(next_emission(tasks.pageLoaded))
            task: Task = next(t for t in loaded.value.results if t.has_data)
            other: Task = next(t for t in loaded.value.results if t.id != task.id)
            loading = record(tasks.detailsLoading)
            changed = record(tasks.taskChanged)
            previews = record(tasks.previewLoaded)
            done = record(tasks.detailsLoaded)
            tasks.select(other)
            tasks.select(task)  # the other's load is cancelled: only this task's details arrive
            assert loading == [other, task]
            await until(lambda: bool(done))
            await until(lambda: not tasks.work.running("details"))
            assert done == [task.id] and [t.id for t in changed] == [task.id]
            assert (
                len(previews) == 1
                and previews[0][0] == task.id
                and previews[0][1][:4] in (b"\xff\xd8\xff\xe0", b"\x89PNG")
            )

    loop.run_until_complete(body())


def test_any_401_says_auth_required_once(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, cache_root: Path
) -> None:
    async def body() -> None:
        async with signed_in(fresh_sandbox, cache_root) as tasks:
            ended = record(tasks.authRequired)
            tasks.start()
            await wait_for(next_emission(tasks.pageLoaded))
            async with CvatClient(fresh_sandbox.base_url, tasks.repository.client.token) as other:
                await other.logout()  # the token is revoked on the server
            tasks.refresh()
            tasks.run(tasks.writes.delete_task(1), "a feature's write")
            await until(lambda: not tasks.work.running("page") and not tasks.work.running("a feature's write"))
            assert ended == ["Invalid token."]

    loop.run_until_complete(body())


def test_offline_the_cache_answers_and_a_retry_is_scheduled(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, cache_root: Path
) -> None:
    async def body() -> None:
        async with signed_in(fresh_sandbox, cache_root) as tasks:
            online = record(tasks.onlineChanged)
            tasks.start()
            first = await wait_for(next_emission(tasks.pageLoaded))
            await asyncio.to_thread(fresh_sandbox.faults.add, "refuse")
            tasks.refresh()
            cached = await wait_for(next_emission(tasks.pageLoaded))
            assert not cached.live and cached.value == first.value
            assert online == [False] and not tasks.online and tasks.offline_since and tasks.retrying
            await asyncio.to_thread(fresh_sandbox.faults.clear)
            tasks.retry_now()
            await until(lambda: tasks.online)
            assert online == [False, True] and not tasks.retrying

    loop.run_until_complete(body())


def test_a_crash_in_any_task_is_logged_and_said_once(
    loop: qasync.QEventLoop, sandbox: SandboxServer, cache_root: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken() -> None:
        raise ZeroDivisionError("bug")

    async def body() -> None:
        async with signed_in(sandbox, cache_root) as tasks:
            messages = record(tasks.message)
            tasks.run(broken(), "feature")
            await until(lambda: bool(messages))
            assert [live(m) for m in messages] == [
                "Something went wrong (ZeroDivisionError); the details are in the log."
            ]

    with caplog.at_level(logging.ERROR):
        loop.run_until_complete(body())
    assert [r.exc_info[0] for r in caplog.records if r.exc_info] == [ZeroDivisionError]
