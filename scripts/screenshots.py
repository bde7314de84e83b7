"""Render the real windows against a throwaway sandbox and save PNGs for the README.

Run: ``QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [--out docs/screenshots]``.
Produces ``sign-in.png``, ``main-window.png`` (a task selected, labels tree) and ``main-window-jobs.png``
(jobs tree), ``jobs-tree-edit.png`` (preview thumbnails in the table; in the jobs tree a status just changed and
saved, an assignee change being saved), and ``offline.png`` (the same user restarted with the server stopped); and
in 简体中文, switched live as a user would, ``sign-in-zh.png``, ``main-window-zh.png`` and ``jobs-tree-edit-zh.png``.
Nothing touches the real keyring, settings or cache: all of it lives in a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")

import keyring
import keyring.backend
import qasync
from PySide6.QtCore import QEvent, QLocale, QSettings
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from annodesk.controller import AppController
from annodesk.i18n import CHINESE, ENGLISH, LanguageManager
from annodesk.sandbox import SandboxServer
from annodesk.sandbox.seed import SAMPLE_USERS
from annodesk.session.tokens import TokenStore
from annodesk.ui.main_window import MainWindow


class _MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


def _signal(signal: object) -> asyncio.Future[object]:
    future: asyncio.Future[object] = asyncio.get_event_loop().create_future()

    def done(*args: object) -> None:
        if not future.done():
            future.set_result(args[0] if args else None)

    signal.connect(done)  # type: ignore[attr-defined]
    return future


async def _until(predicate, seconds: float = 15.0) -> None:  # type: ignore[no-untyped-def]
    async def poll() -> None:
        while not predicate():
            await asyncio.sleep(0.02)

    await asyncio.wait_for(poll(), seconds)


def _save(widget: QWidget, path: Path) -> None:
    QApplication.processEvents()  # delivers the posted LanguageChange events too
    widget.grab().save(str(path))
    print(f"wrote {path}")


async def _shoot(out: Path, work: Path) -> None:
    server = SandboxServer(work / "sandbox", anon_throttle=0)
    server.start()
    password = next(u[1] for u in SAMPLE_USERS if u[0] == "zhangwei")
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    languages = LanguageManager(settings, system_locale=QLocale("en_US"))
    languages.set_choice(ENGLISH)
    try:
        controller = AppController(settings, TokenStore(), work / "cache", timeout=2.0, languages=languages)
        await controller.start()
        dialog = controller.dialog
        assert dialog is not None
        dialog.server.setCurrentText(server.base_url)
        dialog.username.setText("zhangwei")
        dialog.password.setText(password)
        dialog.resize(480, dialog.sizeHint().height())
        _save(dialog, out / "sign-in.png")
        dialog.language_buttons[CHINESE].click()  # live, as a user would
        QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        dialog.resize(480, dialog.sizeHint().height())
        _save(dialog, out / "sign-in-zh.png")
        dialog.language_buttons[ENGLISH].click()
        QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        dialog.resize(480, dialog.sizeHint().height())

        shown = _signal(controller.mainWindowShown)
        dialog.sign_in_button.click()
        window: MainWindow = await asyncio.wait_for(shown, 15)  # type: ignore[assignment]
        window.resize(1360, 820)
        await _until(lambda: window.model.rowCount() > 0 and bool(window.users))
        row = next(
            (
                r
                for r, t in enumerate(window.model.tasks)
                if any("\u4e00" <= ch <= "\u9fff" for ch in t.name) and t.jobs
            ),
            0,
        )
        detailed = _signal(window.detailsShown)
        window.table.selectRow(row)
        await asyncio.wait_for(detailed, 15)
        window.details.splitter.setSizes([430, 330])
        _save(window, out / "main-window.png")
        window.details.tabs.setCurrentIndex(1)
        _save(window, out / "main-window-jobs.png")
        window.details.tabs.setCurrentIndex(0)
        window.language_actions[CHINESE].trigger()  # the Language menu: the same page and task, now in Chinese
        _save(window, out / "main-window-zh.png")
        window.language_actions[ENGLISH].trigger()
        await _shoot_jobs_edit(out, server, window)
        await controller.shutdown()
        server.stop()

        offline = AppController(settings, TokenStore(), work / "cache", timeout=1.0, languages=languages)
        shown = _signal(offline.mainWindowShown)
        await offline.start()
        window = await asyncio.wait_for(shown, 15)  # type: ignore[assignment]
        window.resize(1360, 820)
        await _until(lambda: not window.online and window.model.rowCount() > 0)
        await _until(
            lambda: window.details.preview.pixmap() is not None and not window.details.preview.pixmap().isNull()
        )
        _save(window, out / "offline.png")
        await offline.shutdown()
    finally:
        server.stop()


async def _shoot_jobs_edit(out: Path, server: SandboxServer, window: MainWindow) -> None:
    """The table with previews; a job's status changed and saved, another job's assignee change on its way."""
    window.thumbnails.action.trigger()  # View › Show task previews
    store = window.thumbnails.store
    await _until(lambda: all(store.cached(t.id) for t in window.model.tasks if t.has_data))
    window.details.tabs.setCurrentWidget(window.details.jobs_page)
    task = window.details.task
    assert task is not None and len(task.jobs) >= 2
    first, second = task.jobs[0], task.jobs[1]
    editing = window.job_editing
    saved = _signal(editing.jobSaved)
    editing.set_status(first.id, "completed" if first.status != "completed" else "validation")
    await asyncio.wait_for(saved, 15)
    server.faults.hold()  # the next change stays "saving…" until the shots are taken
    server.faults.add("slow", path=r"/api/v1/jobs/\d+$", delay=0)
    other = next(u for u in window.users.values() if u.id != second.assignee_id and u.username == "bob")
    editing.set_assignee(second.id, other.id)
    await _until(lambda: server.faults.in_flight() > 0)
    _save(window, out / "jobs-tree-edit.png")
    window.language_actions[CHINESE].trigger()
    _save(window, out / "jobs-tree-edit-zh.png")
    window.language_actions[ENGLISH].trigger()
    settled = _signal(editing.jobSaved)
    server.faults.clear()
    await asyncio.wait_for(settled, 15)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    keyring.set_keyring(_MemoryKeyring())
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)  # as annodesk.app does
    app.setFont(QFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family(), 10))
    with tempfile.TemporaryDirectory(prefix="annodesk-shots-") as work:
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with loop:
            loop.run_until_complete(_shoot(args.out.resolve(), Path(work)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
