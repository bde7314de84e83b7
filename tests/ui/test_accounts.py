"""Several accounts at once, against real sandboxes: two servers, and two users on one server. Switching shows each
account's own tasks and cache; a token revoked on the server marks only its account; removing one signs it out
there and deletes its keyring entry; the keyring holds one entry per account; start-up reuses the last used one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from annodesk.api import CvatClient, NotAuthenticated
from annodesk.controller import AppController
from annodesk.i18n import CHINESE, ENGLISH, LanguageManager
from annodesk.sandbox import SandboxServer
from annodesk.session.accounts import Account, AccountState
from annodesk.session.tokens import SERVICE, account_name
from annodesk.ui.account_menu import AccountMenu
from annodesk.ui.main_window import MainWindow

from ..sandbox.helpers import api
from .conftest import MemoryKeyring, make_settings, next_emission, page_shown, until, wait_for
from .test_session import sign_in_through_dialog
from .test_sign_in import PASSWORD, attempt

ONLY_ON_SECOND = "Only on the second server"


@pytest.fixture
def second_sandbox(tmp_path: Path) -> Iterator[SandboxServer]:
    """Another server, with a task the first one does not have."""
    with SandboxServer(tmp_path / "second", anon_throttle=0) as server:
        with api(server, "alice") as raw:
            raw.post("tasks", json={"name": ONLY_ON_SECOND, "labels": [{"name": "car", "attributes": []}]})
        yield server


def names(window: MainWindow) -> list[str]:
    return [task.name for task in window.model.tasks]


def menu_of(window: MainWindow) -> AccountMenu:
    menu = window.findChild(AccountMenu)
    assert menu is not None
    return menu


async def add_account(controller: AppController, server: SandboxServer, username: str) -> MainWindow:
    """Account → Add account…, signed in with "Remember me"; the new account's window, its first page shown."""
    dialog = controller.add_account()
    switched = next_emission(controller.accountSwitched)
    assert await attempt(dialog, server.base_url, username, PASSWORD[username])
    window: MainWindow = await wait_for(switched)
    await until(lambda: window.model.rowCount() > 0 and window.controller.profile is not None)
    return window


def test_two_servers_each_account_shows_its_own_tasks_and_cache(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    second_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    memory_keyring: MemoryKeyring,
) -> None:
    first_url, second_url = fresh_sandbox.base_url, second_sandbox.base_url

    async def body() -> None:
        controller = make_controller()
        first = await sign_in_through_dialog(controller, fresh_sandbox, "alice")
        first.resize(1100, 700)
        first.splitter.setSizes([700, 400])
        second = await add_account(controller, second_sandbox, "alice")
        assert second is not first and second.isVisible() and not first.isVisible()
        assert second.size() == first.size()  # the window keeps its layout
        assert ONLY_ON_SECOND in names(second) and ONLY_ON_SECOND not in names(first)
        assert controller.accounts.active == Account(second_url, "alice")

        # One keyring entry per account, each with that server's token, and nothing else.
        tokens = {
            url: entry.client.token for url, entry in ((e.account.server, e) for e in controller.accounts.open.values())
        }
        assert memory_keyring.entries == {
            (SERVICE, account_name(first_url, "alice")): tokens[first_url],
            (SERVICE, account_name(second_url, "alice")): tokens[second_url],
        }
        assert tokens[first_url] != tokens[second_url]

        # Back to the first server through the menu: at once, no password, the same window as before.
        switched = next_emission(controller.accountSwitched)
        menu_of(second).account_actions[account_name(first_url, "alice")].trigger()
        assert await wait_for(switched) is first
        assert first.isVisible() and not second.isVisible() and controller.tasks is first.controller
        await page_shown(first)
        assert ONLY_ON_SECOND not in names(first)
        assert first.splitter.sizes() == second.splitter.sizes()

        # Each account's own offline cache.
        cached_first = controller._cache(first_url, "alice").get_page("last")
        cached_second = controller._cache(second_url, "alice").get_page("last")
        assert cached_first is not None and cached_second is not None
        assert ONLY_ON_SECOND in [t.name for t in cached_second[0].results]
        assert ONLY_ON_SECOND not in [t.name for t in cached_first[0].results]
        await controller.shutdown()

        # A restart opens the last used account and lists both, the other checked with its server.
        again = make_controller()
        shown = next_emission(again.mainWindowShown)
        await again.start()
        window: MainWindow = await wait_for(shown)
        assert window.controller.server_url == first_url
        assert again.accounts.accounts() == [Account(first_url, "alice"), Account(second_url, "alice")]
        await until(lambda: again.accounts.state(Account(second_url, "alice")) == AccountState.ONLINE)
        menu_of(window).rebuild()
        texts = [action.text() for action in menu_of(window).account_actions.values()]
        assert texts == [f"alice @ {first_url} — ● online", f"alice @ {second_url} — ● online"]
        second_sandbox.stop()  # its server goes away: offline, its token kept
        state = await again.accounts.check(Account(second_url, "alice"), again._stored_client)
        assert state == AccountState.OFFLINE and (SERVICE, account_name(second_url, "alice")) in memory_keyring.entries
        menu_of(window).rebuild()
        assert menu_of(window).account_actions[account_name(second_url, "alice")].text().endswith("— offline")
        await again.shutdown()

    loop.run_until_complete(body())


def test_a_token_revoked_elsewhere_marks_only_its_account(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    memory_keyring: MemoryKeyring,
) -> None:
    url = fresh_sandbox.base_url
    alice, bob = Account(url, "alice"), Account(url, "bob")

    async def body() -> None:
        controller = make_controller()
        await sign_in_through_dialog(controller, fresh_sandbox, "alice")
        bob_window = await add_account(controller, fresh_sandbox, "bob")
        alice_entry = controller.accounts.open[alice.key]
        said: list[str] = []  # bob's view's status lines (a later one, e.g. a details load's, may follow)
        bob_window.controller.message.connect(lambda text: said.append(text() if callable(text) else text))
        async with CvatClient(url, alice_entry.client.token) as web:
            await web.logout()  # alice signs out in the browser: her token dies everywhere
        alice_entry.tasks.refresh()  # alice's next request (in the background) meets the 401
        await until(lambda: alice.key not in controller.accounts.open)

        assert controller.accounts.state(alice) == AccountState.EXPIRED
        assert controller.accounts.active == bob and controller.window is bob_window and bob_window.isVisible()
        assert controller.dialog is None or not controller.dialog.isVisible()  # no sign-in dialog for bob
        assert list(memory_keyring.entries) == [(SERVICE, bob.key)]
        await until(lambda: any("alice" in text for text in said))  # said once alice is closed
        menu = menu_of(bob_window)
        menu.rebuild()
        assert menu.account_actions[alice.key].text().endswith("token expired")
        bob_window.refresh_action.trigger()  # bob is still signed in
        await wait_for(next_emission(bob_window.pageShown))
        assert bob_window.controller.online and controller.accounts.state(bob) == AccountState.ONLINE

        # Choosing the expired account asks for its password, the server and username filled in.
        shown = next_emission(controller.signInShown)
        menu.account_actions[alice.key].trigger()
        dialog = await wait_for(shown)
        assert dialog.username.text() == "alice" and dialog.server.currentText() == url
        assert controller.window is bob_window  # bob's window stays until alice is back
        await controller.shutdown()

    loop.run_until_complete(body())


def test_revoking_the_shown_account_keeps_the_other_open(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    memory_keyring: MemoryKeyring,
) -> None:
    url = fresh_sandbox.base_url

    async def body() -> None:
        controller = make_controller()
        alice_window = await sign_in_through_dialog(controller, fresh_sandbox, "alice")
        bob_window = await add_account(controller, fresh_sandbox, "bob")
        async with CvatClient(url, controller.client.token) as web:  # type: ignore[union-attr]
            await web.logout()
        shown = next_emission(controller.signInShown)
        bob_window.refresh_action.trigger()
        dialog = await wait_for(shown)
        assert dialog.username.text() == "bob" and "signed out by the server" in dialog.notice.text()
        await until(lambda: controller.window is None)
        assert Account(url, "alice").key in controller.accounts.open  # alice is still signed in
        assert list(memory_keyring.entries) == [(SERVICE, account_name(url, "alice"))]
        switched = next_emission(controller.accountSwitched)
        dialog.reject()  # no password for bob now: back to alice, not out of the app
        assert await wait_for(switched) is alice_window
        assert alice_window.isVisible() and not controller.finished.is_set()
        await controller.shutdown()

    loop.run_until_complete(body())


def test_removing_an_account_signs_it_out_on_its_server(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    memory_keyring: MemoryKeyring,
) -> None:
    url = fresh_sandbox.base_url
    alice, bob = Account(url, "alice"), Account(url, "bob")

    async def body() -> None:
        controller = make_controller()
        alice_window = await sign_in_through_dialog(controller, fresh_sandbox, "alice")
        await add_account(controller, fresh_sandbox, "bob")
        bob_token = controller.accounts.open[bob.key].client.token
        switched = next_emission(controller.accountSwitched)
        menu_of(controller.window).account_actions[alice.key].trigger()  # type: ignore[arg-type]
        await wait_for(switched)
        menu = menu_of(alice_window)
        menu.rebuild()
        remove = next(a for a in menu.remove_menu.actions() if a.text() == f"bob @ {url}")
        remove.trigger()
        await until(lambda: bob not in controller.accounts.accounts())
        assert list(memory_keyring.entries) == [(SERVICE, alice.key)]
        async with CvatClient(url, bob_token) as probe:
            with pytest.raises(NotAuthenticated):
                await probe.current_user()  # auth/logout revoked it on the server
        assert controller.window is alice_window and alice_window.isVisible()
        assert again_listed(make_controller) == [alice]
        await controller.shutdown()

    loop.run_until_complete(body())


def again_listed(make_controller: Callable[..., AppController]) -> list[Account]:
    """The accounts a restart would list."""
    return make_controller().accounts.accounts()


def test_signing_out_with_another_account_open_shows_that_one(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    memory_keyring: MemoryKeyring,
) -> None:
    url = fresh_sandbox.base_url

    async def body() -> None:
        controller = make_controller()
        alice_window = await sign_in_through_dialog(controller, fresh_sandbox, "alice")
        await add_account(controller, fresh_sandbox, "bob")
        switched = next_emission(controller.accountSwitched)
        said: list[str] = []  # the status lines alice's view is given (a later one, e.g. a details load's, may follow)
        alice_window.controller.message.connect(lambda text: said.append(text() if callable(text) else text))
        controller.window.sign_out_action.trigger()  # type: ignore[union-attr]
        assert await wait_for(switched) is alice_window
        assert controller.dialog is None or not controller.dialog.isVisible()
        assert list(memory_keyring.entries) == [(SERVICE, account_name(url, "alice"))]
        assert controller.accounts.accounts() == [Account(url, "alice")]
        await until(lambda: any("Signed out of bob@" in text for text in said))
        await controller.shutdown()

    loop.run_until_complete(body())


def test_a_single_remembered_session_of_an_older_version_is_kept(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    settings_path: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    url = fresh_sandbox.base_url

    async def body() -> None:
        async with CvatClient(url) as client:
            token = await client.login("bob", PASSWORD["bob"])
        old = make_settings(settings_path)  # what the version before accounts wrote
        old.setValue("session/server", url)
        old.setValue("session/username", "bob")
        old.sync()
        memory_keyring.entries[(SERVICE, account_name(url, "bob"))] = token
        controller = make_controller()
        shown = next_emission(controller.mainWindowShown)
        await controller.start()
        window: MainWindow = await wait_for(shown)
        assert window.controller.username == "bob" and controller.dialog is None
        assert controller.accounts.accounts() == [Account(url, "bob")]
        assert controller.accounts.book.accounts == [Account(url, "bob")]  # written in the new shape
        assert make_settings(settings_path).value("session/accounts") == f'[["{url}", "bob"]]'
        await controller.shutdown()

    loop.run_until_complete(body())


def test_account_menu_by_keyboard(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    languages: LanguageManager,
) -> None:
    url = fresh_sandbox.base_url

    async def body() -> None:
        controller = make_controller()
        alice_window = await sign_in_through_dialog(controller, fresh_sandbox, "alice")
        bob_window = await add_account(controller, fresh_sandbox, "bob")
        menu = bob_window.account_menu
        menu.popup(bob_window.mapToGlobal(QPoint(20, 20)))
        await until(menu.isVisible)
        entries = menu_of(bob_window).account_actions
        QTest.keyClick(menu, Qt.Key.Key_Down)
        assert menu.activeAction() is entries[account_name(url, "alice")]
        assert "alice @" in menu.activeAction().text() and menu.activeAction().isCheckable()
        assert entries[account_name(url, "bob")].isChecked()
        switched = next_emission(controller.accountSwitched)
        QTest.keyClick(menu, Qt.Key.Key_Return)
        assert await wait_for(switched) is alice_window
        # Add account… is reachable by keyboard too (its mnemonic).
        menu = alice_window.account_menu
        menu.popup(alice_window.mapToGlobal(QPoint(20, 20)))
        await until(menu.isVisible)
        shown = next_emission(controller.signInShown)
        QTest.keyClick(menu, Qt.Key.Key_A)
        dialog = await wait_for(shown)
        assert dialog.isVisible() and controller.window is alice_window
        dialog.reject()
        assert controller.window is alice_window and not controller.finished.is_set()
        languages.set_choice(CHINESE)  # the hidden window's Language menu follows too
        assert bob_window.language_actions[CHINESE].isChecked() and not bob_window.isVisible()
        await until(lambda: alice_window.account_menu.title() == "账户(&A)")
        alice_entry = menu_of(alice_window).account_actions[account_name(url, "alice")]
        assert alice_entry.text() == f"{url} 上的 alice — ● 在线"
        languages.set_choice(ENGLISH)
        await controller.shutdown()

    loop.run_until_complete(body())


def test_an_account_signed_in_without_remember_me_is_listed_while_open_only(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    memory_keyring: MemoryKeyring,
) -> None:
    url = fresh_sandbox.base_url

    async def body() -> None:
        controller = make_controller()
        await sign_in_through_dialog(controller, fresh_sandbox, "alice")
        dialog = controller.add_account()
        switched = next_emission(controller.accountSwitched)
        assert await attempt(dialog, url, "bob", PASSWORD["bob"], remember=False)
        bob_window: MainWindow = await wait_for(switched)
        assert controller.accounts.accounts() == [Account(url, "alice"), Account(url, "bob")]
        assert controller.accounts.book.accounts == [Account(url, "alice")]
        assert list(memory_keyring.entries) == [(SERVICE, account_name(url, "alice"))]
        menu = menu_of(bob_window)
        menu.rebuild()
        assert menu.account_actions[account_name(url, "bob")].isChecked()
        await controller.shutdown()
        assert make_controller().accounts.accounts() == [Account(url, "alice")]

    loop.run_until_complete(body())


def test_the_account_switched_from_keeps_its_transfer_running(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    second_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    tmp_path: Path,
) -> None:
    from annodesk.settings import Settings
    from annodesk.ui.transfers import SUCCEEDED, Transfer

    from .test_transfers import export_dialog, files_in, open_session, prepared_task, select

    async def body() -> None:
        task = await prepared_task(fresh_sandbox, tmp_path / "images")
        controller = make_controller()
        demo_window = await open_session(controller, fresh_sandbox, "demo")
        await select(demo_window, task.id)
        out = tmp_path / "out"
        out.mkdir()
        Settings(demo_window.settings).export_folder = str(out)
        worker = fresh_sandbox.state.worker
        worker.pause()  # the export waits on the server while we switch
        dialog = await export_dialog(demo_window)
        started = next_emission(dialog.transferStarted)
        dialog.export_button.click()
        transfer: Transfer = await wait_for(started)
        await until(lambda: transfer.phase == "preparing")
        ended = next_emission(transfer.finished)

        other = await add_account(controller, second_sandbox, "alice")
        assert not demo_window.isVisible() and transfer.running  # the other account's export goes on
        assert other.transfers.manager.transfers == []  # each account's own transfers
        worker.resume()
        await wait_for(ended, 30)
        assert transfer.state == SUCCEEDED and len(files_in(out)) == 1

        switched = next_emission(controller.accountSwitched)
        menu_of(other).account_actions[account_name(fresh_sandbox.base_url, "demo")].trigger()
        assert await wait_for(switched) is demo_window
        assert demo_window.transfers.manager.transfers == [transfer]  # handed back with its account
        await controller.shutdown()

    loop.run_until_complete(body())


def test_quitting_keeps_the_shown_windows_layout_not_a_hidden_ones(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
) -> None:
    async def body() -> None:
        controller = make_controller()
        await sign_in_through_dialog(controller, fresh_sandbox, "alice")
        bob_window = await add_account(controller, fresh_sandbox, "bob")
        bob_window.resize(1010, 640)  # the hidden alice window keeps the size it had
        bob_window.close()  # quits: every account's session ends
        await wait_for(controller.finished.wait())
        again = make_controller()
        shown = next_emission(again.mainWindowShown)
        await again.start()
        window: MainWindow = await wait_for(shown)
        assert window.controller.username == "bob" and (window.width(), window.height()) == (1010, 640)
        await again.shutdown()

    loop.run_until_complete(body())


def test_adding_the_shown_account_again_replaces_its_session(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    memory_keyring: MemoryKeyring,
) -> None:
    url = fresh_sandbox.base_url

    async def body() -> None:
        controller = make_controller()
        old = await sign_in_through_dialog(controller, fresh_sandbox, "alice")
        dialog = controller.add_account()
        shown = next_emission(controller.mainWindowShown)
        assert await attempt(dialog, url, "alice", PASSWORD["alice"])
        window: MainWindow = await wait_for(shown)
        await until(lambda: window.model.rowCount() > 0)
        assert window is not old and window.isVisible() and controller.window is window  # the old one closed
        assert list(controller.accounts.open) == [account_name(url, "alice")]
        assert controller.accounts.accounts() == [Account(url, "alice")]
        assert list(memory_keyring.entries) == [(SERVICE, account_name(url, "alice"))]
        await controller.shutdown()

    loop.run_until_complete(body())
