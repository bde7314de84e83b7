"""Render the real windows against a throwaway sandbox and save PNGs for the README.

Run: ``QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [--out docs/screenshots]``.
Produces ``sign-in.png``, ``main-window.png`` (a task selected, labels tree) and ``main-window-jobs.png``
(jobs tree), ``jobs-tree-edit.png`` (preview thumbnails in the table; in the jobs tree a status just changed and
saved, an assignee change being saved), and ``offline.png`` (the same user restarted with the server stopped); and
in 简体中文, switched live as a user would, ``sign-in-zh.png``, ``main-window-zh.png`` and ``jobs-tree-edit-zh.png``.
Signed in as ``demo`` (who may create tasks): ``create-task.png`` / ``create-task-zh.png``, ``create-task-upload.png``
and ``edit-task.png`` / ``edit-task-zh.png``. Then, in a second sandbox (so the shots above stay as they are),
``export.png`` / ``export-zh.png`` (the export dialog with its format list open, and the same dialog part-way through
a dataset download) and ``import.png`` (the confirmation, and the dialog after the import). Then, with two more
sandboxes, ``accounts-menu.png`` / ``accounts-menu-zh.png``: the Account menu with four accounts on two servers
(online, offline, token expired). ``--only accounts`` renders just those two.
Last ``projects.png`` / ``projects-zh.png`` (the projects dock, a project chosen; ``--only projects``
renders just these two).
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
from PySide6.QtCore import QEvent, QLocale, QPoint, QRect, QSettings, Qt
from PySide6.QtGui import QFont, QFontDatabase, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from annodesk.api import CvatClient
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
    for _ in range(3):  # the posted LanguageChange events, then the layout requests their new texts post
        QApplication.processEvents()
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
        await _until(lambda: window.model.rowCount() > 0 and bool(window.controller.users))
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
        await _shoot_task_dialogs(out, work, server, languages)
        server.stop()

        offline = AppController(settings, TokenStore(), work / "cache", timeout=1.0, languages=languages)
        shown = _signal(offline.mainWindowShown)
        await offline.start()
        window = await asyncio.wait_for(shown, 15)  # type: ignore[assignment]
        window.resize(1360, 820)
        await _until(lambda: not window.controller.online and window.model.rowCount() > 0)
        await _until(
            lambda: window.details.preview.pixmap() is not None and not window.details.preview.pixmap().isNull()
        )
        _save(window, out / "offline.png")
        await offline.shutdown()
    finally:
        server.stop()


# -- issue 6: the create-task and edit-task dialogs --------------------------------------------------------


async def _grab(widget: QWidget, path: Path) -> None:
    """Like ``_save``, without ``processEvents()`` (re-entering the qasync loop while requests are pending fails):
    let the loop run (widgets added to a shown window are shown by a queued call), then grab."""
    QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    await asyncio.sleep(0.2)
    widget.grab().save(str(path))
    print(f"wrote {path}")


def _street_images(folder: Path, count: int) -> list[Path]:
    """Small photo-like JPEGs (a sky, a road, a few boxes): what a user would pick."""
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        image = Image.new("RGB", (640, 480), (135, 180, 220))
        draw = ImageDraw.Draw(image)
        draw.rectangle((0, 300, 640, 480), fill=(90, 90, 95))
        draw.rectangle((60 + index * 7, 250, 220 + index * 7, 340), fill=(200, 40 + index * 9, 60))
        path = folder / f"street_{index + 1:04d}.jpg"
        image.save(path, quality=90)
        paths.append(path)
    return paths


def _noise_images(folder: Path, count: int) -> list[Path]:
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"frame_{index + 1:04d}.png"
        Image.effect_noise((1024, 1024), 80).convert("RGB").save(path, compress_level=0)
        paths.append(path)
    return paths


SHOT_LABELS_JSON = """[
  {"name": "car", "color": "#fa3253", "attributes": [
    {"name": "type", "input_type": "select", "mutable": false, "default_value": "sedan",
     "values": ["sedan", "suv", "truck", "bus"]},
    {"name": "color", "input_type": "radio", "mutable": false, "default_value": "white",
     "values": ["white", "black", "red", "blue"]},
    {"name": "parked", "input_type": "checkbox", "mutable": true, "default_value": "false", "values": ["false"]},
    {"name": "plate", "input_type": "text", "mutable": true, "default_value": "", "values": [""]},
    {"name": "speed", "input_type": "number", "mutable": true, "default_value": "0", "values": ["0", "200", "5"]}]},
  {"name": "pedestrian", "color": "#34d1b7", "attributes": [
    {"name": "age", "input_type": "radio", "mutable": false, "default_value": "adult",
     "values": ["adult", "child", "senior"]}]},
  {"name": "traffic light", "color": "#ff6037", "attributes": []},
  {"name": "行人", "color": "#3d3df5", "attributes": []}
]"""


async def _shoot_task_dialogs(out: Path, work: Path, server: SandboxServer, languages: LanguageManager) -> None:
    """``create-task.png`` / ``-zh`` (labels of every input type, a folder of images chosen), ``create-task-upload.png``
    (the upload under way), ``edit-task.png`` / ``-zh`` (a task's labels locked, one label and one attribute added)."""
    from annodesk.api import labels_from_json

    settings = QSettings(str(work / "settings-demo.ini"), QSettings.Format.IniFormat)
    password = next(u[1] for u in SAMPLE_USERS if u[0] == "demo")
    controller = AppController(settings, TokenStore(), work / "cache-demo", timeout=5.0, languages=languages)
    await controller.start()
    dialog = controller.dialog
    assert dialog is not None
    dialog.server.setCurrentText(server.base_url)
    dialog.username.setText("demo")
    dialog.password.setText(password)
    shown = _signal(controller.mainWindowShown)
    dialog.sign_in_button.click()
    window: MainWindow = await asyncio.wait_for(shown, 15)  # type: ignore[assignment]
    window.resize(1360, 820)
    await _until(lambda: window.model.rowCount() > 0 and bool(window.controller.users))

    create = window.authoring.show_create_task()
    create.resize(1180, 720)
    create.name.setText("Street scenes, batch 3")
    create.editor.set_labels(labels_from_json(SHOT_LABELS_JSON))
    await create.files_box.add_folder(_street_images(work / "street", 24)[0].parent)
    create.image_quality.setValue(80)
    create.segment_size.setValue(8)
    create.bug_tracker.setText("https://tracker.example.com/issues/42")
    create.splitter.setSizes([700, 460])
    create.editor.splitter.setSizes([150, 550])
    await _grab(create, out / "create-task.png")
    languages.set_choice(CHINESE)
    await _grab(create, out / "create-task-zh.png")
    languages.set_choice(ENGLISH)

    server.faults.add("hang", path=r"/tasks/\d+/data$", method="POST")  # the server stops reading: progress holds
    create.files_box.model.clear()
    await create.files_box.add_files(_noise_images(work / "noise", 12))
    create.create_button.click()
    await _until(lambda: create.progress.sent > 1024 * 1024 or create.general_error.isVisible(), 30)
    await asyncio.sleep(0.6)  # the upload stalls at what the sockets hold; the speed shown settles
    await _grab(create, out / "create-task-upload.png")
    finished = _signal(create.attemptFinished)
    create.cancel()
    await asyncio.wait_for(finished, 15)
    server.faults.clear()
    create.hide()

    task = (
        next(
            t
            for t in window.model.tasks
            if t.owner_id == window.controller.profile.id and sum(len(lab.attributes) for lab in t.labels) >= 4
        )
        if window.controller.profile
        else window.model.tasks[0]
    )
    details = _signal(window.detailsShown)
    window.table.selectRow(window.model.row_of(task.id) or 0)
    await asyncio.wait_for(details, 15)
    edit = window.authoring.show_edit_task()
    assert edit is not None
    edit.resize(980, 680)
    edit.name.setText(f"{task.name} (checked)")
    editor = edit.editor
    editor.list.setCurrentIndex(editor.model.index(0, 0))
    added = editor.form.add_attribute()
    if added is not None:
        added.name.setText("occluded")
        added.draft.name = "occluded"
        added.input_type.setCurrentIndex(added.input_type.findData("checkbox"))
    editor.add_button.click()
    editor.form.name.setText("bicycle")
    editor.form.draft.name = "bicycle"  # type: ignore[union-attr]
    editor.model.refresh_row(editor.model.rowCount() - 1)
    editor.list.setCurrentIndex(editor.model.index(0, 0))
    editor.splitter.setSizes([180, 620])
    await asyncio.sleep(0.2)
    bar = editor.form.scroll_area.verticalScrollBar()
    bar.setValue(bar.maximum())  # the saved attributes, greyed, above the one added
    await _grab(edit, out / "edit-task.png")
    languages.set_choice(CHINESE)
    await _grab(edit, out / "edit-task-zh.png")
    languages.set_choice(ENGLISH)
    edit.reject()
    await controller.shutdown()


def _side_by_side(*pictures: QPixmap | QImage, gap: int = 16) -> QImage:
    """Pictures next to each other, top-aligned, on the window colour."""
    width = sum(p.width() for p in pictures) + gap * (len(pictures) - 1)
    height = max(p.height() for p in pictures)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QApplication.palette().window().color())
    painter = QPainter(image)
    x = 0
    for picture in pictures:
        if isinstance(picture, QImage):
            painter.drawImage(x, 0, picture)
        else:
            painter.drawPixmap(x, 0, picture)
        x += picture.width() + gap
    painter.end()
    return image


def _with_popup(dialog: QWidget, combo: QWidget) -> QImage:
    """``dialog`` with ``combo``'s drop-down list open, as the screen shows it (the list is a window of its own)."""
    combo.showPopup()  # type: ignore[attr-defined]
    QApplication.sendPostedEvents()  # not processEvents(): this runs inside a coroutine of the qasync loop
    popup = combo.view().window()  # type: ignore[attr-defined]
    offset = popup.mapToGlobal(QPoint(0, 0)) - dialog.mapToGlobal(QPoint(0, 0))
    area = QRect(QPoint(0, 0), dialog.size()).united(QRect(offset, popup.size()))
    image = QImage(area.size(), QImage.Format.Format_RGB32)
    image.fill(QApplication.palette().window().color())
    painter = QPainter(image)
    painter.drawPixmap(-area.topLeft(), dialog.grab())
    painter.drawPixmap(offset - area.topLeft(), popup.grab())
    painter.end()
    combo.hidePopup()  # type: ignore[attr-defined]
    return image


async def _shoot_transfers(out: Path, work: Path) -> None:
    """Export and import of annotations: a task of 8 large frames (a dataset of ~10 MB) with a few boxes."""
    from PIL import Image

    from annodesk.api import Annotations, CvatClient, LabeledShape, NewAttribute, NewLabel
    from annodesk.settings import Settings
    from annodesk.ui import transfers

    server = SandboxServer(work / "sandbox-transfers", anon_throttle=0)
    server.start()
    passwords = {u[0]: u[1] for u in SAMPLE_USERS}
    settings = QSettings(str(work / "settings-transfers.ini"), QSettings.Format.IniFormat)
    languages = LanguageManager(settings, system_locale=QLocale("en_US"))
    languages.set_choice(ENGLISH)
    frames = work / "frames"
    frames.mkdir()
    for index in range(8):  # noise stored uncompressed: large, so the download is seen part-way
        Image.effect_noise((800, 600), 60).convert("RGB").save(frames / f"frame_{index:02d}.png", compress_level=0)
    files = sorted(frames.iterdir())
    try:
        async with CvatClient(server.base_url) as client:
            await client.login("admin", passwords["admin"])
            colors = NewAttribute("color", "select", default_value="red", values=("red", "blue"))
            labels = [NewLabel("car", attributes=(colors,)), NewLabel("person")]
            zhangwei = next(user.id for user in await client.list_users() if user.username == "zhangwei")
            task = await client.create_task("停车场 parking lot", labels, segment_size=4, overlap=0, assignee=zhangwei)
            await client.upload_task_data(task.id, files)
            await client.wait_for_task_data(task.id, interval=0.05)
            task = await client.get_task(task.id)
            car, person = (label.id for label in task.labels)
            shapes = tuple(
                LabeledShape(type="rectangle", frame=n % 8, label_id=(car, person)[n % 2],
                             points=(40.0 + 30 * n, 60.0, 200.0 + 30 * n, 220.0))
                for n in range(12)
            )  # fmt: skip
            await client.replace_task_annotations(task.id, Annotations(shapes=shapes))
            task = await client.get_task(task.id)
            downloads = work / "Downloads"
            downloads.mkdir()
            sample = downloads / "annotations.zip"
            await client.export_annotations(task.id, "CVAT for images 1.1", sample, interval=0.05)

        controller = AppController(settings, TokenStore(), work / "cache-transfers", timeout=5.0, languages=languages)
        await controller.start()
        dialog = controller.dialog
        assert dialog is not None
        dialog.server.setCurrentText(server.base_url)
        dialog.username.setText("zhangwei")
        dialog.password.setText(passwords["zhangwei"])
        shown = _signal(controller.mainWindowShown)
        dialog.sign_in_button.click()
        window: MainWindow = await asyncio.wait_for(shown, 15)  # type: ignore[assignment]
        window.transfers.service.interval = 0.05
        await _until(lambda: window.model.row_of(task.id) is not None)
        detailed = _signal(window.detailsShown)
        window.table.selectRow(window.model.row_of(task.id))  # type: ignore[arg-type]
        await asyncio.wait_for(detailed, 15)
        Settings(settings).export_folder = str(downloads)
        transfers.PROGRESS_EVERY = 0  # every piece of the download repaints: the shot below catches one part-way

        for language, name in ((ENGLISH, "export.png"), (CHINESE, "export-zh.png")):
            languages.set_choice(language)
            QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
            export = window.transfers.export_selected()
            assert export is not None
            await _until(lambda export=export: export.formats.count() > 0)
            export.with_images.setChecked(True)
            export.resize(620, 280)  # room for the open list
            QApplication.sendPostedEvents()
            listing = _with_popup(export, export.formats)
            caught: list[QPixmap] = []

            def catch(export=export, caught=caught) -> None:  # type: ignore[no-untyped-def]
                running = export.transfer
                fraction = running.fraction() if running is not None else None
                if not caught and fraction is not None and fraction >= 0.4:
                    export.resize(620, export.sizeHint().height())
                    caught.append(export.grab())

            export.transferStarted.connect(lambda running, catch=catch: running.changed.connect(catch))
            done = _signal(export.transferFinished)
            export.export_button.click()
            await asyncio.wait_for(done, 60)
            assert caught, "no progress seen part-way"
            _side_by_side(listing, caught[0]).save(str(out / name))
            print(f"wrote {out / name}")
            export.close()
            Path(export.path.text()).unlink(missing_ok=True)

        languages.set_choice(ENGLISH)
        QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        importer = window.transfers.import_into_selected()
        assert importer is not None
        await _until(lambda: importer.formats.count() > 0)
        importer.file.setText(str(sample))
        importer.resize(620, importer.sizeHint().height())
        importer.import_button.click()
        box = importer.confirmation
        assert box is not None
        QApplication.sendPostedEvents()
        question = box.grab()
        done = _signal(importer.transferFinished)
        importer.replace_button.click()
        await asyncio.wait_for(done, 60)
        importer.resize(620, importer.sizeHint().height())
        QApplication.sendPostedEvents()
        _side_by_side(importer.grab(), question).save(str(out / "import.png"))
        print(f"wrote {out / 'import.png'}")
        await controller.shutdown()
    finally:
        server.stop()
        languages.uninstall()


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
    other = next(u for u in window.controller.users.values() if u.id != second.assignee_id and u.username == "bob")
    editing.set_assignee(second.id, other.id)
    await _until(lambda: server.faults.in_flight() > 0)
    _save(window, out / "jobs-tree-edit.png")
    window.language_actions[CHINESE].trigger()
    _save(window, out / "jobs-tree-edit-zh.png")
    window.language_actions[ENGLISH].trigger()
    settled = _signal(editing.jobSaved)
    server.faults.clear()
    await asyncio.wait_for(settled, 15)


async def _shoot_accounts(out: Path, work: Path) -> None:
    """The Account menu over the main window: zhangwei and alice on one server, bob on another (then stopped),
    alice's token revoked in a browser."""
    first = SandboxServer(work / "accounts-first", anon_throttle=0)
    second = SandboxServer(work / "accounts-second", anon_throttle=0)
    first.start()
    second.start()
    passwords = {u[0]: u[1] for u in SAMPLE_USERS}
    settings = QSettings(str(work / "accounts.ini"), QSettings.Format.IniFormat)
    languages = LanguageManager(settings, system_locale=QLocale("en_US"))
    languages.set_choice(ENGLISH)
    try:
        controller = AppController(settings, TokenStore(), work / "accounts-cache", timeout=1.0, languages=languages)
        await controller.start()
        for server, username in ((first, "alice"), (second, "bob"), (first, "zhangwei")):
            dialog = controller.dialog if controller.window is None else controller.add_account()
            assert dialog is not None
            dialog.server.setCurrentText(server.base_url)
            dialog.username.setText(username)
            dialog.password.setText(passwords[username])
            dialog.remember.setChecked(True)
            shown = _signal(controller.mainWindowShown)
            dialog.sign_in_button.click()
            await asyncio.wait_for(shown, 15)
        window: MainWindow = controller.window  # type: ignore[assignment]
        window.resize(1360, 820)
        await _until(lambda: window.model.rowCount() > 0 and bool(window.controller.users))
        open_accounts = {entry.account.username: entry for entry in controller.accounts.open.values()}
        second.stop()  # bob's server goes away: his next request finds it offline
        open_accounts["bob"].tasks.refresh()
        await _until(lambda: not open_accounts["bob"].tasks.online)
        async with CvatClient(first.base_url, open_accounts["alice"].client.token) as browser:
            await browser.logout()  # alice signs out in a browser: her token is revoked
        open_accounts["alice"].tasks.refresh()
        await _until(lambda: "alice" not in {entry.account.username for entry in controller.accounts.open.values()})
        for language, name in ((ENGLISH, "accounts-menu.png"), (CHINESE, "accounts-menu-zh.png")):
            languages.set_choice(language)
            QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
            _save_image(_with_menu(window), out / name)
        languages.set_choice(ENGLISH)
        await controller.shutdown()
    finally:
        first.stop()
        second.stop()


def _with_menu(window: MainWindow) -> QImage:
    """The window's top part with its Account menu open (the menu is a window of its own)."""
    bar = window.menuBar()
    menu = window.account_menu
    menu.popup(bar.mapToGlobal(bar.actionGeometry(menu.menuAction()).bottomLeft()))
    QApplication.sendPostedEvents()
    menu.setActiveAction(menu.actions()[0])
    offset = menu.mapToGlobal(QPoint(0, 0)) - window.mapToGlobal(QPoint(0, 0))
    area = QRect(0, 0, max(offset.x() + menu.width() + 160, 760), offset.y() + menu.height() + 24)
    image = QImage(area.size(), QImage.Format.Format_RGB32)
    painter = QPainter(image)
    painter.drawPixmap(0, 0, window.grab(area))
    painter.drawPixmap(offset, menu.grab())
    painter.end()
    menu.hide()
    return image


def _save_image(image: QImage, path: Path) -> None:
    image.save(str(path))
    print(path)


# -- issue 17: the projects list ----------------------------------------------------------------------------------


async def _shoot_projects(out: Path, work: Path) -> None:
    """``projects.png`` / ``projects-zh.png``: the projects dock with a project chosen, the task table showing its
    tasks and a task's details naming the project."""
    server = SandboxServer(work / "projects-sandbox", anon_throttle=0)
    server.start()
    settings = QSettings(str(work / "projects-settings.ini"), QSettings.Format.IniFormat)
    languages = LanguageManager(settings, system_locale=QLocale("en_US"))
    languages.set_choice(ENGLISH)
    try:
        controller = AppController(settings, TokenStore(), work / "projects-cache", timeout=2.0, languages=languages)
        await controller.start()
        dialog = controller.dialog
        assert dialog is not None
        dialog.server.setCurrentText(server.base_url)
        dialog.username.setText("admin")
        dialog.password.setText(next(u[1] for u in SAMPLE_USERS if u[0] == "admin"))
        shown = _signal(controller.mainWindowShown)
        dialog.sign_in_button.click()
        window: MainWindow = await asyncio.wait_for(shown, 15)  # type: ignore[assignment]
        window.resize(1440, 820)
        window.projects.view_action.trigger()  # View → Projects (hidden until asked for)
        pane = window.projects.pane
        await _until(
            lambda: pane.model.rowCount() > 0 and window.model.rowCount() > 0 and bool(window.controller.users)
        )
        dock_width = pane.sizeHint().width() + 12
        window.resizeDocks([window.projects.dock], [dock_width], Qt.Orientation.Horizontal)
        city = next(r for r, p in enumerate(pane.model.projects) if "\u4e00" <= p.name[-1] <= "\u9fff")
        page = _signal(window.pageShown)
        pane.table.selectRow(city)
        await asyncio.wait_for(page, 15)
        detailed = _signal(window.detailsShown)
        window.table.selectRow(0)
        await asyncio.wait_for(detailed, 15)
        window.splitter.setSizes([500, 440])
        window.details.splitter.setSizes([560, 200])
        bar = window.details.scroll_area.verticalScrollBar()
        QApplication.processEvents()
        bar.setValue(bar.maximum())  # the properties down to "Project:"
        _save(window, out / "projects.png")
        window.language_actions[CHINESE].trigger()
        QApplication.processEvents()
        bar.setValue(bar.maximum())
        _save(window, out / "projects-zh.png")
        window.language_actions[ENGLISH].trigger()
        await controller.shutdown()
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--only", choices=("projects", "accounts"), help="render only these screenshots")
    parser.add_argument("--accounts-only", action="store_true", help="the same as --only accounts")
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
            only = "accounts" if args.accounts_only else args.only
            if only is None:
                loop.run_until_complete(_shoot(args.out.resolve(), Path(work)))
                loop.run_until_complete(_shoot_transfers(args.out.resolve(), Path(work)))
            if only in (None, "accounts"):
                loop.run_until_complete(_shoot_accounts(args.out.resolve(), Path(work)))
            if only in (None, "projects"):
                loop.run_until_complete(_shoot_projects(args.out.resolve(), Path(work)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
