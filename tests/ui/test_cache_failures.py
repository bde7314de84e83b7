"""A cache that cannot be written or read never breaks browsing: a full disk (writes go to /dev/full, which fails
every write with ENOSPC like a full disk) leaves online browsing working and says so once in the status bar; a
hostile cache file (nested 100,000 deep) counts as no cache on an offline start; a killed writer's temporary
files are removed at start."""

from __future__ import annotations

import asyncio
import errno
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import qasync

from annodesk.controller import AppController
from annodesk.sandbox import SandboxServer
from annodesk.session import cache as cache_module
from annodesk.session.cache import OfflineCache
from annodesk.session.repository import PageQuery, Repository

from ..api.helpers import sign_in
from .conftest import next_emission, until, wait_for
from .test_session import sign_in_through_dialog


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Every cache write fails as on a full disk (the bytes go to /dev/full); yields the paths tried."""
    tried: list[Path] = []

    def write(self: OfflineCache, path: Path, data: bytes) -> None:
        tried.append(path)
        with open("/dev/full", "wb") as out:
            out.write(data)

    monkeypatch.setattr(OfflineCache, "_write", write)
    yield tried


def test_full_disk_leaves_browsing_online(
    full_disk: list[Path], fresh_sandbox: SandboxServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async def body() -> None:
        client = await sign_in(fresh_sandbox, "admin")
        async with client:
            repository = Repository(client, OfflineCache(tmp_path / "cache", fresh_sandbox.base_url, "admin"))
            told: list[OSError] = []
            repository.on_cache_failure = told.append
            first = await repository.tasks(PageQuery())
            second = await repository.tasks(PageQuery(page=2))
            task = await repository.task(first.value.results[0].id)
        assert first.live and second.live and task.live and first.value.results
        assert full_disk  # the writes were tried
        assert [exc.errno for exc in told] == [errno.ENOSPC]  # told once
        assert any("offline copy not saved" in r.getMessage() for r in caplog.records)

    asyncio.run(body())


def test_full_disk_is_said_once_in_the_status_bar(
    full_disk: list[Path],
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "admin")
        notice = window.cache_notice
        await until(lambda: notice.isVisibleTo(window))
        assert notice.text() == "Offline copy not saved: disk full"
        assert window.controller.online and not window.banner.isVisibleTo(window)
        shown = next_emission(window.pageShown)
        window.pager.next_button.click()
        await wait_for(shown)
        assert window.controller.page == 2 and window.controller.online and window.model.rowCount() > 0
        assert window.message_label.text() != "" and "Error" not in window.message_label.text()
        assert notice.text() == "Offline copy not saved: disk full"
        await controller.shutdown()

    loop.run_until_complete(body())


def test_hostile_cache_file_is_no_cache_on_offline_start(
    loop: qasync.QEventLoop, tmp_path: Path, make_controller: Callable[..., AppController], cache_root: Path
) -> None:
    server = SandboxServer(tmp_path / "srv", anon_throttle=0)
    server.start()

    async def body() -> None:
        first = make_controller()
        await sign_in_through_dialog(first, server, "alice")
        await first.shutdown()
        server.stop()
        cache = OfflineCache(cache_root, server.base_url, "alice")
        page = cache._path("page", "last")
        assert page.exists()
        page.write_bytes(b'{"saved_at":1,"value":' + b"[" * 100_000 + b"]" * 100_000 + b"}")
        assert cache.get_page("last") is None

        second = make_controller(timeout=1.0)
        await second.start()  # offline with no readable cache: the sign-in dialog, not a crash
        assert second.window is None and second.dialog is not None and second.dialog.isVisible()
        await second.shutdown()

    try:
        loop.run_until_complete(body())
    finally:
        server.stop()


def test_killed_writers_temporary_files_are_removed_at_start(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    cache = OfflineCache(tmp_path / "cache", fresh_sandbox.base_url, "admin")
    cache.folder.mkdir(parents=True)
    old = cache.folder / f"{cache_module.TEMP_PREFIX}killed"
    old.write_bytes(b"half a page")
    hour_ago = time.time() - 3600
    os.utime(old, (hour_ago, hour_ago))
    current = cache.folder / f"{cache_module.TEMP_PREFIX}being-written"
    current.write_bytes(b"a write in progress")

    async def body() -> None:
        client = await sign_in(fresh_sandbox, "admin")
        async with client:
            repository = Repository(client, cache)
            await repository.profile()  # after the start-up clean-up (one writer thread: in order)

    asyncio.run(body())
    assert not old.exists() and current.exists()
    assert cache.get_profile() is not None
