"""Drive a whole annodesk session as a separate process (the secrets audit runs it with an isolated HOME).

Composes the app like ``annodesk.app`` (default QSettings, the user cache dir, the file log with debug on), then
signs in with "remember me", browses pages, a task's details and a search, and signs out. Prints one JSON line:
the token that was used and what the keyring held, for the audit to look for on disk.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

import keyring
import keyring.backend
import keyring.errors
import qasync
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from annodesk.controller import AppController
from annodesk.logs import setup_logging
from annodesk.paths import APP_NAME, ORGANIZATION, cache_dir
from annodesk.session.tokens import TokenStore
from annodesk.ui.main_window import MainWindow


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[str, str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[f"{service}/{username}"] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop(f"{service}/{username}", None) is None:
            raise keyring.errors.PasswordDeleteError("no such entry")


async def until(predicate: Callable[[], bool], seconds: float = 20.0) -> None:
    async def poll() -> None:
        while not predicate():
            await asyncio.sleep(0.01)

    await asyncio.wait_for(poll(), seconds)


async def session(
    controller: AppController, server: str, username: str, password: str, second: list[str]
) -> dict[str, object]:
    store = MemoryKeyring()
    keyring.set_keyring(store)
    await controller.start()
    dialog = controller.dialog
    assert dialog is not None
    dialog.server.setCurrentText(server)
    dialog.username.setText(username)
    dialog.password.setText(password)
    dialog.remember.setChecked(True)
    dialog.sign_in_button.click()
    await until(lambda: controller.window is not None and controller.window.model.rowCount() > 0)
    window: MainWindow = controller.window  # type: ignore[assignment]
    token = controller.client.token  # type: ignore[union-attr]
    stored = dict(store.entries)
    pages: list[int] = []
    window.pageShown.connect(lambda: pages.append(window.controller.page))
    details: list[int] = []
    window.detailsShown.connect(details.append)

    async def page_after(action: Callable[[], None]) -> None:
        before = len(pages)
        action()
        await until(lambda: len(pages) > before)

    if window.pager.next_button.isEnabled():
        await page_after(window.pager.next_button.click)
    with_data = next(row for row, task in enumerate(window.model.tasks) if task.has_data)
    window.table.setCurrentIndex(window.model.index(with_data, 0))
    await until(lambda: window.model.tasks[with_data].id in details)
    await page_after(lambda: window.search.setText("street"))
    await page_after(window.controller.refresh)
    result: dict[str, object] = {"token": token, "stored": stored, "pages": pages}
    if second:
        result.update(await second_account(controller, store, window, *second))
    window.sign_out_action.trigger()
    await until(lambda: controller.window is None and controller.dialog is not dialog)
    result["after_sign_out"] = dict(store.entries)
    return result


async def second_account(
    controller: AppController, store: MemoryKeyring, first: MainWindow, server: str, username: str, password: str
) -> dict[str, object]:
    """Account → Add account… (remember me), browse, switch back to the first, Remove the second."""
    dialog = controller.add_account()
    dialog.server.setCurrentText(server)
    dialog.username.setText(username)
    dialog.password.setText(password)
    dialog.remember.setChecked(True)
    dialog.sign_in_button.click()
    await until(lambda: controller.window not in (None, first) and controller.window.model.rowCount() > 0)
    window: MainWindow = controller.window  # type: ignore[assignment]
    token = controller.client.token  # type: ignore[union-attr]
    pages: list[int] = []
    window.pageShown.connect(lambda: pages.append(window.controller.page))
    window.controller.refresh()
    await until(lambda: bool(pages))
    stored_both = dict(store.entries)
    account = controller.accounts.active
    controller.accounts.switchRequested.emit(controller.accounts.accounts()[0])
    await until(lambda: controller.window is first)
    controller.accounts.removeRequested.emit(account)
    await until(lambda: account not in controller.accounts.accounts())
    return {
        "second_token": token,
        "second_pages": pages,
        "stored_both": stored_both,
        "after_remove": dict(store.entries),
    }


def main() -> int:
    server, username, password = sys.argv[1:4]
    second = sys.argv[4:7]  # another account on another server (optional)
    app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APP_NAME)
    app.setQuitOnLastWindowClosed(False)
    log_file = setup_logging(debug=True)
    settings = QSettings()
    controller = AppController(settings, TokenStore(), cache_dir(), timeout=20)
    result: dict[str, object] = {}

    async def main_async() -> None:
        try:
            result.update(await session(controller, server, username, password, second))
        finally:
            await controller.shutdown()

    qasync.run(main_async())
    settings.sync()
    result.update(log_file=str(log_file), settings_file=settings.fileName(), cache_dir=str(cache_dir()))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
