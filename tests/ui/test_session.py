"""Token reuse across restarts, offline start-up, revoked tokens, sign-out, and no secrets on disk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import qasync

from annodesk.api import CvatClient
from annodesk.controller import AppController
from annodesk.sandbox import SandboxServer
from annodesk.session.tokens import SERVICE, account_name
from annodesk.ui.main_window import MainWindow

from .conftest import MemoryKeyring, next_emission, page_shown, until, wait_for
from .test_sign_in import PASSWORD, attempt


async def sign_in_through_dialog(controller: AppController, server: SandboxServer, username: str) -> MainWindow:
    await controller.start()
    assert controller.dialog is not None
    shown = next_emission(controller.mainWindowShown)
    assert await attempt(controller.dialog, server.base_url, username, PASSWORD[username])
    window: MainWindow = await wait_for(shown)
    await until(lambda: window.model.rowCount() > 0 and window.controller.profile is not None)
    return window


def written_files(*roots: Path) -> list[Path]:
    return [
        p for root in roots if root.exists() for p in ([root] if root.is_file() else root.rglob("*")) if p.is_file()
    ]


def test_restart_with_stored_token_skips_the_dialog(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        first = make_controller()
        await sign_in_through_dialog(first, fresh_sandbox, "alice")
        await first.shutdown()

        second = make_controller()
        shown = next_emission(second.mainWindowShown)
        await second.start()
        window: MainWindow = await wait_for(shown)
        assert second.dialog is None
        await page_shown(window)
        assert (
            window.controller.online and window.controller.username == "alice" and not window.banner.isVisibleTo(window)
        )
        await second.shutdown()

    loop.run_until_complete(body())


def test_restart_with_server_down_opens_offline_with_cache(
    loop: qasync.QEventLoop, tmp_path: Path, make_controller: Callable[..., AppController]
) -> None:
    server = SandboxServer(tmp_path / "srv", anon_throttle=0)
    server.start()

    async def body() -> None:
        first = make_controller()
        window = await sign_in_through_dialog(first, server, "alice")
        seen = [task.id for task in window.model.tasks]
        with_data = next(row for row, task in enumerate(window.model.tasks) if task.has_data)
        window.table.setCurrentIndex(window.model.index(with_data, 0))
        assert window.table.selected_task() is window.model.tasks[with_data]
        await until(
            lambda: window.details.preview.pixmap() is not None and not window.details.preview.pixmap().isNull()
        )
        await first.shutdown()
        server.stop()

        second = make_controller(timeout=1.0)
        shown = next_emission(second.mainWindowShown)
        await second.start()
        offline: MainWindow = await wait_for(shown)
        assert second.dialog is None
        await page_shown(offline)
        assert not offline.controller.online
        assert offline.banner.isVisibleTo(offline) and offline.banner.text().startswith("Offline — data from ")
        assert "Offline" in offline.state_label.text()
        assert [task.id for task in offline.model.tasks] == seen
        assert offline.details.task is not None and offline.details.labels_model.rowCount() > 0
        offline.table.setCurrentIndex(offline.model.index(with_data, 0))
        await until(  # the preview seen online comes from the cache
            lambda: offline.details.preview.pixmap() is not None and not offline.details.preview.pixmap().isNull()
        )
        await second.shutdown()

    try:
        loop.run_until_complete(body())
    finally:
        server.stop()


def test_offline_window_goes_live_when_server_returns(
    loop: qasync.QEventLoop, tmp_path: Path, make_controller: Callable[..., AppController]
) -> None:
    data_dir = tmp_path / "srv"
    server = SandboxServer(data_dir, anon_throttle=0)
    server.start()
    port = server.port

    async def body() -> None:
        first = make_controller()
        await sign_in_through_dialog(first, server, "alice")
        await first.shutdown()
        server.stop()

        second = make_controller(timeout=1.0)
        shown = next_emission(second.mainWindowShown)
        await second.start()
        window: MainWindow = await wait_for(shown)
        await until(lambda: not window.controller.online)
        back = SandboxServer(data_dir, port=port, anon_throttle=0)
        back.start()
        try:
            window.controller._retry_timer.setInterval(10)  # don't wait for the back-off in a test
            went_online = next_emission(window.controller.onlineChanged)
            window.refresh_action.trigger()
            assert await wait_for(went_online) is True
            assert not window.banner.isVisibleTo(window)
        finally:
            await second.shutdown()
            back.stop()

    loop.run_until_complete(body())


def test_token_revoked_mid_session_returns_to_sign_in(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    memory_keyring: MemoryKeyring,
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "alice")
        seen = [task.id for task in window.model.tasks]
        async with CvatClient(fresh_sandbox.base_url, controller.client.token) as web:  # type: ignore[union-attr]
            await web.logout()  # signing out in the browser revokes the desktop's token too
        dialog_shown = next_emission(controller.signInShown)
        window.refresh_action.trigger()
        dialog = await wait_for(dialog_shown)
        assert dialog.server.currentText() == fresh_sandbox.base_url and dialog.username.text() == "alice"
        assert "signed out by the server" in dialog.notice.text()
        assert (SERVICE, account_name(fresh_sandbox.base_url, "alice")) not in memory_keyring.entries
        await until(lambda: controller.window is None)
        # The cache keeps what the user was looking at.
        cache = controller._cache(fresh_sandbox.base_url, "alice")
        cached = cache.get_page("last")
        assert cached is not None and [t.id for t in cached[0].results] == seen
        await controller.shutdown()

    loop.run_until_complete(body())


def test_sign_out_removes_keyring_entry_and_leaves_no_secret_on_disk(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    memory_keyring: MemoryKeyring,
    settings_path: Path,
    cache_root: Path,
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "alice")
        token = controller.client.token  # type: ignore[union-attr]
        key = (SERVICE, account_name(fresh_sandbox.base_url, "alice"))
        assert memory_keyring.entries[key] == token
        window.pager.next_button.click()
        await wait_for(next_emission(window.pageShown))
        dialog_shown = next_emission(controller.signInShown)
        window.sign_out_action.trigger()
        dialog = await wait_for(dialog_shown)
        await until(lambda: controller.window is None)
        assert key not in memory_keyring.entries
        assert dialog.username.text() == "alice" and dialog.password.text() == ""
        async with CvatClient(fresh_sandbox.base_url, token) as probe:
            from annodesk.api import NotAuthenticated

            try:
                await probe.current_user()
                raise AssertionError("the token should be revoked on the server")
            except NotAuthenticated:
                pass
        await controller.shutdown()

        files = written_files(settings_path, cache_root)
        assert any(p.suffix == ".json" for p in files) and settings_path in files
        for path in files:
            content = path.read_bytes()
            assert token.encode() not in content, path
            assert PASSWORD["alice"].encode() not in content, path
        for path in files:
            if path.parent.is_relative_to(cache_root):
                assert path.stat().st_mode & 0o777 == 0o600, path

    loop.run_until_complete(body())
