"""Exporting and importing annotations through the main window, its dialogs and the Transfers window, against the
sandbox over real HTTP: formats, the 202 → 201 → download flow, cancels, failures, imports into tasks and jobs,
refusals, the formats asked once per session, several transfers at once, and closing the window mid-transfer."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import fromstring

import msgspec
import pytest
import qasync
from PIL import Image
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton

from annodesk.api import Annotations, CvatClient, Task
from annodesk.api.task_models import AnnotationFormat, AnnotationFormats
from annodesk.controller import AppController
from annodesk.sandbox import SandboxServer
from annodesk.sandbox.transfers import import_key
from annodesk.session.transfers import FormatCatalog, ObjectCounts
from annodesk.settings import Settings
from annodesk.ui.export_dialog import ExportDialog
from annodesk.ui.import_dialog import ImportDialog
from annodesk.ui.main_window import MainWindow
from annodesk.ui.transfers import CANCELLED, FAILED, SUCCEEDED, Transfer
from tests.api.helpers import make_images, recorded_labels
from tests.api.test_transfers import sample_annotations, signature

from .conftest import next_emission, until, wait_for
from .test_session import sign_in_through_dialog
from .test_sign_in import PASSWORD, attempt

POLL = 0.01  # seconds between "ready yet?" requests in tests (the app uses 0.5)


# -- helpers -----------------------------------------------------------------------------------------


async def prepared_task(
    server: SandboxServer,
    folder: Path,
    *,
    username: str = "demo",
    count: int = 4,
    segment_size: int = 2,
    size: tuple[int, int] = (320, 240),
    annotate: bool = True,
) -> Task:
    """A task of ``count`` images in jobs of ``segment_size`` frames, with shapes and a tag on the server."""
    async with CvatClient(server.base_url) as client:
        await client.login(username, PASSWORD[username])
        task = await client.create_task("transfer task", recorded_labels(), segment_size=segment_size, overlap=0)
        await client.upload_task_data(task.id, make_images(folder, count, size=size))
        await client.wait_for_task_data(task.id, interval=0.02)
        task = await client.get_task(task.id)
        if annotate:
            sent = sample_annotations(task, kinds=("rectangle", "polygon", "points"), tags=True)
            await client.replace_task_annotations(task.id, sent)
        return await client.get_task(task.id)


async def server_annotations(server: SandboxServer, task_id: int, job_id: int | None = None) -> Annotations:
    async with CvatClient(server.base_url) as client:
        await client.login("admin", PASSWORD["admin"])
        if job_id is not None:
            return await client.get_job_annotations(job_id)
        return await client.get_task_annotations(task_id)


async def open_session(controller: AppController, server: SandboxServer, username: str) -> MainWindow:
    window = await sign_in_through_dialog(controller, server, username)
    window.transfers.service.interval = POLL
    return window


async def switch_user(controller: AppController, server: SandboxServer, username: str) -> MainWindow:
    """Sign out, then sign in as ``username`` through the dialog: a new session."""
    await controller.sign_out()
    assert controller.dialog is not None
    shown = next_emission(controller.mainWindowShown)
    assert await attempt(controller.dialog, server.base_url, username, PASSWORD[username])
    window: MainWindow = await wait_for(shown)
    await until(lambda: window.model.rowCount() > 0 and window.controller.profile is not None)
    window.transfers.service.interval = POLL
    return window


async def select(window: MainWindow, task_id: int) -> None:
    """Select the task's row and wait for its details."""
    row = window.model.row_of(task_id)
    assert row is not None, "the task is not on the first page"
    current = window.table.selected_task()
    if current is not None and current.id == task_id and not window.controller.work.running("details"):
        return  # already selected, its details loaded
    shown = next_emission(window.detailsShown)
    window.table.selectRow(row)
    await wait_for(shown)


async def export_dialog(window: MainWindow) -> ExportDialog:
    dialog = window.transfers.export_selected()
    assert isinstance(dialog, ExportDialog)
    if not dialog.formats.count():
        await wait_for(next_emission(dialog.formatsShown))
    return dialog


async def finish(dialog: ExportDialog | ImportDialog, start: Callable[[], None]) -> Transfer:
    """Run ``start`` and wait until the transfer it starts has ended."""
    finished = next_emission(dialog.transferFinished)
    start()
    transfer: Transfer = await wait_for(finished, 30)
    return transfer


def phases_of(transfer: Transfer) -> list[tuple[str, int, int | None]]:
    """Record every progress report the UI is told about."""
    seen: list[tuple[str, int, int | None]] = []
    transfer.changed.connect(lambda: seen.append((transfer.phase, transfer.done, transfer.total)))
    return seen


class UrlRecorder(QObject):
    """Takes the place of the desktop for ``file:`` URLs: records what would be opened, opens nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def opened_urls() -> Iterator[list[QUrl]]:
    recorder = UrlRecorder()
    QDesktopServices.setUrlHandler("file", recorder, "open")
    yield recorder.urls
    QDesktopServices.unsetUrlHandler("file")


def files_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


# -- export ------------------------------------------------------------------------------------------


def test_export_cvat_for_images_through_the_dialog(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    tmp_path: Path,
    opened_urls: list[QUrl],
) -> None:
    async def body() -> None:
        task = await prepared_task(fresh_sandbox, tmp_path / "images")
        controller = make_controller()
        window = await open_session(controller, fresh_sandbox, "demo")
        await select(window, task.id)
        out = tmp_path / "out"
        out.mkdir()
        Settings(window.settings).export_folder = str(out)
        assert window.transfers.export_action.isEnabled()
        dialog = await export_dialog(window)

        names = [entry.name for entry in dialog.formats.formats()]
        assert names == sorted(names, key=str.casefold) and "COCO 1.0" in names and "TFRecord 1.0" in names
        assert dialog.formats.current_format().name == "CVAT for images 1.1"  # the default of annotation mode
        stamp = task.updated_date.strftime("%Y_%m_%d_%H_%M_%S")
        expected = out / f"task_transfer task-{stamp}-cvat for images 1.1.zip"
        assert Path(dialog.path.text()) == expected  # CVAT's naming rule, in the remembered folder

        worker = fresh_sandbox.state.worker
        worker.pause()  # the server holds the export: the dialog must show the 202 phase
        started = next_emission(dialog.transferStarted)
        dialog.export_button.click()
        transfer: Transfer = await wait_for(started)
        seen = phases_of(transfer)
        await until(lambda: transfer.phase == "preparing")
        assert dialog.panel.status.text() == "Preparing on the server…"
        assert (dialog.panel.bar.minimum(), dialog.panel.bar.maximum()) == (0, 0)  # indeterminate
        assert dialog.cancel_button.isVisible() and not dialog.export_button.isEnabled()
        assert not dialog.formats.isEnabled() and not dialog.path.isEnabled()
        assert window.transfers.status_button.text() == "⇅ 1 transfer running"
        assert files_in(out) == []
        finished = next_emission(dialog.transferFinished)
        worker.resume()
        assert await wait_for(finished) is transfer and transfer.state == SUCCEEDED

        size = expected.stat().st_size
        downloads = [step for step in seen if step[0] == "downloading"]
        assert downloads and downloads[-1] == ("downloading", size, size)
        assert files_in(out) == [expected.name]
        with zipfile.ZipFile(expected) as archive:
            assert archive.namelist() == ["annotations.xml"]
            root = fromstring(archive.read("annotations.xml"))
        on_server = await server_annotations(fresh_sandbox, task.id)
        assert len(root.findall(".//image")) == 4
        shapes = root.findall(".//image/box") + root.findall(".//image/polygon") + root.findall(".//image/points")
        assert len(shapes) == len(on_server.shapes) == 3
        assert len(root.findall(".//image/tag")) == len(on_server.tags) == 1

        assert dialog.panel.status.text() == f"Saved to {expected}"
        assert dialog.export_button.isEnabled() and not dialog.cancel_button.isVisible()
        assert dialog.panel.open_folder_button.isVisible()
        dialog.panel.open_folder_button.click()
        assert opened_urls == [QUrl.fromLocalFile(str(out))]
        assert window.message_label.text() == f"Task #{task.id} exported to {expected.name}"
        assert window.transfers.status_button.text() == "⇅ Transfers"
        assert Settings(window.settings).export_folder == str(out)
        await controller.shutdown()

    loop.run_until_complete(body())


def test_coco_export_and_dataset_with_images(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController], tmp_path: Path
) -> None:
    async def body() -> None:
        task = await prepared_task(fresh_sandbox, tmp_path / "images")
        controller = make_controller()
        window = await open_session(controller, fresh_sandbox, "demo")
        await select(window, task.id)
        out = tmp_path / "out"
        out.mkdir()
        Settings(window.settings).export_folder = str(out)
        dialog = await export_dialog(window)
        assert dialog.formats.choose("COCO 1.0")
        stamp = task.updated_date.strftime("%Y_%m_%d_%H_%M_%S")
        coco = out / f"task_transfer task-{stamp}-coco 1.0.zip"
        assert Path(dialog.path.text()) == coco  # the suggested name follows the format
        transfer = await finish(dialog, dialog.export_button.click)
        assert transfer.state == SUCCEEDED and transfer.saved == coco
        with zipfile.ZipFile(coco) as archive:
            assert archive.namelist() == ["annotations/instances_default.json"]
            document = json.loads(archive.read("annotations/instances_default.json"))
        assert [c["name"] for c in document["categories"]] == ["car", "person"]
        assert len(document["images"]) == 4
        assert len(document["annotations"]) == 2  # the rectangle and the polygon (COCO has no points)

        dialog.with_images.setChecked(True)  # the same dialog, another run: a dataset, under a name of the user's
        dialog.path.clear()
        dialog.path.insert(str(out / "dataset.zip"))
        dialog.path.textEdited.emit(dialog.path.text())
        assert dialog.formats.choose("CVAT for images 1.1")
        assert Path(dialog.path.text()) == out / "dataset.zip"  # typed by the user: a new format keeps it
        transfer = await finish(dialog, dialog.export_button.click)
        assert transfer.state == SUCCEEDED and transfer.kind == "dataset"
        with zipfile.ZipFile(out / "dataset.zip") as archive:
            names = archive.namelist()
            pictures = [name for name in names if name.endswith(".png")]
            assert "annotations.xml" in names and len(pictures) == 4
            assert Image.open(archive.open(pictures[0])).size == (320, 240)
        assert files_in(out) == sorted([coco.name, "dataset.zip"])
        await controller.shutdown()

    loop.run_until_complete(body())


def test_cancel_while_preparing_and_while_downloading(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController], tmp_path: Path
) -> None:
    async def body() -> None:
        task = await prepared_task(fresh_sandbox, tmp_path / "images", size=(800, 600), annotate=False)
        media = fresh_sandbox.data_dir / "media" / str(task.data) / "raw"
        for path in media.iterdir():  # incompressible frames: a dataset of several MB, downloaded in many pieces
            Image.effect_noise((800, 600), 90).convert("RGB").save(path, "PNG", compress_level=0)
        controller = make_controller()
        window = await open_session(controller, fresh_sandbox, "demo")
        await select(window, task.id)
        out = tmp_path / "out"
        out.mkdir()
        Settings(window.settings).export_folder = str(out)
        dialog = await export_dialog(window)
        dialog.with_images.setChecked(True)
        chosen = (dialog.formats.current_format(), dialog.path.text())

        worker = fresh_sandbox.state.worker
        worker.pause()
        started = next_emission(dialog.transferStarted)
        dialog.export_button.click()
        transfer: Transfer = await wait_for(started)
        await until(lambda: transfer.phase == "preparing")
        transfer = await finish(dialog, dialog.cancel_button.click)
        assert transfer.state == CANCELLED and transfer.phase == "preparing"
        assert dialog.panel.status.text() == "Cancelled. Nothing was saved."
        assert files_in(out) == []
        assert dialog.export_button.isEnabled() and not dialog.cancel_button.isVisible()  # ready again
        assert (dialog.formats.current_format(), dialog.path.text()) == chosen and dialog.with_images.isChecked()
        worker.resume()

        def cancel_when_downloading() -> None:
            if dialog.transfer is not None and dialog.transfer.phase == "downloading":
                dialog.cancel_button.click()  # while the file streams in: the coroutine stops at its next await

        dialog.transferStarted.connect(lambda t: t.changed.connect(cancel_when_downloading))
        transfer = await finish(dialog, dialog.export_button.click)
        assert transfer.state == CANCELLED and transfer.phase == "downloading"
        assert 0 < transfer.done < (transfer.total or 0)  # really cut part-way
        assert files_in(out) == []  # no partial file, no temporary file
        assert dialog.export_button.isEnabled()

        dialog.transferStarted.disconnect()
        transfer = await finish(dialog, dialog.export_button.click)  # nothing is stuck: it works now
        assert transfer.state == SUCCEEDED and files_in(out) == [Path(chosen[1]).name]
        assert zipfile.is_zipfile(out / Path(chosen[1]).name)
        await controller.shutdown()

    loop.run_until_complete(body())


def test_disabled_format_cannot_be_chosen_and_a_405_is_explained(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController], tmp_path: Path
) -> None:
    async def body() -> None:
        task = await prepared_task(fresh_sandbox, tmp_path / "images")
        controller = make_controller()
        window = await open_session(controller, fresh_sandbox, "demo")
        await select(window, task.id)
        out = tmp_path / "out"
        out.mkdir()
        Settings(window.settings).export_folder = str(out)
        dialog = await export_dialog(window)
        assert not dialog.formats.is_choosable("TFRecord 1.0") and dialog.formats.is_choosable("YOLO 1.1")
        assert not dialog.formats.choose("TFRecord 1.0")
        assert dialog.formats.current_format().name == "CVAT for images 1.1"
        row = [entry.name for entry in dialog.formats.formats()].index("TFRecord 1.0")
        assert dialog.formats.itemData(row, Qt.ItemDataRole.ToolTipRole) == "The server has this format disabled."
        dialog.close()

        # The server turned the format off after the list was read: its 405 is explained, and nothing is saved.
        real = await window.transfers.service.formats.get()
        stale = AnnotationFormats(
            importers=real.importers,
            exporters=tuple(msgspec.structs.replace(entry, enabled=True) for entry in real.exporters),
        )

        async def stale_list() -> AnnotationFormats:
            return stale

        window.transfers.service.formats = FormatCatalog(stale_list)
        dialog = await export_dialog(window)
        assert dialog.formats.choose("TFRecord 1.0")
        transfer = await finish(dialog, dialog.export_button.click)
        assert transfer.state == FAILED
        assert dialog.panel.status.text() == "The server has the format “TFRecord 1.0” disabled. Choose another format."
        assert files_in(out) == [] and dialog.export_button.isEnabled()
        assert dialog.formats.current_format().name == "TFRecord 1.0"  # kept for the user to change
        await controller.shutdown()

    loop.run_until_complete(body())


def test_export_failures_are_plain_and_the_choices_stay(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController], tmp_path: Path
) -> None:
    async def body() -> None:
        task = await prepared_task(fresh_sandbox, tmp_path / "images")
        controller = make_controller()
        window = await open_session(controller, fresh_sandbox, "demo")
        await select(window, task.id)
        out = tmp_path / "out"
        out.mkdir()
        Settings(window.settings).export_folder = str(out)
        dialog = await export_dialog(window)
        path = dialog.path.text()
        faults = fresh_sandbox.faults

        # A network drop in the middle of the download.
        faults.add("close", path=rf"/tasks/{task.id}/annotations$", query="action=download", times=1)
        transfer = await finish(dialog, dialog.export_button.click)
        assert transfer.state == FAILED and faults.hits() == 1
        assert dialog.panel.status.text() == "The connection to the server broke. Try again."
        assert window.message_label.text() == f"Export of task #{task.id} failed (see Transfers)."
        assert files_in(out) == []
        assert dialog.path.text() == path and dialog.export_button.isEnabled()

        # 403 from the server.
        faults.add("403", path=rf"/tasks/{task.id}/annotations$", times=1)
        transfer = await finish(dialog, dialog.export_button.click)
        assert dialog.panel.status.text() == (
            "You are not allowed to do this. The server said: “You do not have permission to perform this action.”"
        )

        # The retry works, into the same file.
        transfer = await finish(dialog, dialog.export_button.click)
        assert transfer.state == SUCCEEDED and files_in(out) == [Path(path).name]

        # The export crashes on the server (its media vanished): its own words are shown.
        shutil.rmtree(fresh_sandbox.data_dir / "media" / str(task.data) / "raw")
        dialog.with_images.setChecked(True)
        transfer = await finish(dialog, dialog.export_button.click)
        assert transfer.state == FAILED
        text = dialog.panel.status.text()
        assert text.startswith("The server could not prepare the export. The server said: “FileNotFoundError: [Errno")
        assert files_in(out) == [Path(path).name]  # the earlier export is untouched
        await controller.shutdown()

    loop.run_until_complete(body())


def test_local_file_problems_are_said_plainly(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController], tmp_path: Path
) -> None:
    async def body() -> None:
        task = await prepared_task(fresh_sandbox, tmp_path / "images")
        file = await annotation_file(fresh_sandbox, task, "CVAT 1.1", tmp_path / "files")
        controller = make_controller()
        window = await open_session(controller, fresh_sandbox, "demo")
        await select(window, task.id)
        out = tmp_path / "out"
        out.mkdir()
        Settings(window.settings).export_folder = str(out)
        dialog = await export_dialog(window)

        dialog.path.setText(str(tmp_path / "nowhere" / "x.zip"))  # checked before anything is asked
        dialog.export_button.click()
        assert dialog.transfer is None
        assert dialog.path_row.error.text() == f"There is no folder {tmp_path / 'nowhere'}."
        dialog.path.setText(str(out))
        dialog.export_button.click()
        assert dialog.path_row.error.text() == f"{out} is a folder. Enter a file name."

        dialog.path.setText(str(out / "x.zip"))  # the folder vanishes while the server prepares the file
        worker = fresh_sandbox.state.worker
        worker.pause()
        started = next_emission(dialog.transferStarted)
        dialog.export_button.click()
        transfer: Transfer = await wait_for(started)
        assert not dialog.path_row.error.isVisible()
        await until(lambda: transfer.phase == "preparing")
        out.rmdir()
        finished = next_emission(dialog.transferFinished)
        worker.resume()
        await wait_for(finished)
        assert transfer.state == FAILED
        assert dialog.panel.status.text() == f"The file {out / 'x.zip'} could not be written: No such file or directory"

        importer = window.transfers.import_into_selected()
        assert isinstance(importer, ImportDialog)
        if not importer.formats.count():
            await wait_for(next_emission(importer.formatsShown))
        importer.file.setText(str(file))
        importer.import_button.click()
        file.unlink()  # gone while the user read the confirmation
        transfer = await finish(importer, importer.replace_button.click)
        assert transfer.state == FAILED
        assert importer.panel.status.text() == f"The file {file} could not be read: No such file or directory"
        await controller.shutdown()

    loop.run_until_complete(body())


# -- import ------------------------------------------------------------------------------------------

FILES = {"CVAT 1.1": ("CVAT for images 1.1", "annotations.xml"), "COCO 1.0": ("COCO 1.0", "instances_default.json")}


async def annotation_file(server: SandboxServer, task: Task, importer: str, folder: Path) -> Path:
    """The task's annotations as the plain file an importer reads (CVAT XML or COCO JSON), taken from an export."""
    exporter, member = FILES[importer]
    folder.mkdir(parents=True, exist_ok=True)
    archive = folder / "export.zip"
    async with CvatClient(server.base_url) as client:
        await client.login("demo", PASSWORD["demo"])
        await client.export_annotations(task.id, exporter, archive, interval=POLL)
    with zipfile.ZipFile(archive) as opened:
        name = next(n for n in opened.namelist() if n.endswith(member))
        path = folder / member
        path.write_bytes(opened.read(name))
    archive.unlink()
    return path


async def clear_annotations(server: SandboxServer, task_id: int) -> None:
    async with CvatClient(server.base_url) as client:
        await client.login("demo", PASSWORD["demo"])
        await client.delete_task_annotations(task_id)


def expected_after(before: dict[str, list[Any]], importer: str, frames: tuple[int, int] | None) -> dict[str, list[Any]]:
    """What the server holds after importing a file made from ``before``: COCO keeps boxes and polygons only; a job
    takes only its own frames."""
    first, last = frames or (0, 10**9)
    kept = {kind: [item for item in items if first <= item[0] <= last] for kind, items in before.items()}
    if importer == "COCO 1.0":
        kept = {"tags": [], "shapes": [s for s in kept["shapes"] if s[2] in ("rectangle", "polygon")], "tracks": []}
    return kept


async def confirm_import(dialog: ImportDialog) -> Transfer:
    """Click Import, then "Replace annotations" in the confirmation, and wait for the import to end."""
    dialog.import_button.click()
    assert dialog.confirmation is not None and dialog.confirmation.isVisible()
    return await finish(dialog, dialog.replace_button.click)


@pytest.mark.parametrize("importer", ["CVAT 1.1", "COCO 1.0"])
def test_import_into_a_task(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    tmp_path: Path,
    importer: str,
) -> None:
    async def body() -> None:
        task = await prepared_task(fresh_sandbox, tmp_path / "images")
        before = signature(await server_annotations(fresh_sandbox, task.id), task)
        file = await annotation_file(fresh_sandbox, task, importer, tmp_path / "files")
        await clear_annotations(fresh_sandbox, task.id)
        controller = make_controller()
        window = await open_session(controller, fresh_sandbox, "demo")
        await select(window, task.id)
        assert [a.text() for a in window.table.menu.actions() if a.text()] == [
            "&Edit task…",
            "&Delete task…",
            "&Export annotations…",
            "&Import annotations…",
        ]
        dialog = window.transfers.import_into_selected()
        assert isinstance(dialog, ImportDialog)
        if not dialog.formats.count():
            await wait_for(next_emission(dialog.formatsShown))
        assert dialog.formats.current_format().name == "CVAT 1.1"
        assert dialog.warning.text().startswith("Importing replaces all current annotations of this task")
        assert dialog.formats.choose(importer)

        dialog.browse_button.click()  # the real file picker, filtered by the format's extensions
        picker = dialog.file_dialog
        assert isinstance(picker, QFileDialog) and picker.isVisible()
        patterns = {"CVAT 1.1": "*.xml *.zip", "COCO 1.0": "*.json *.zip"}[importer]
        assert picker.nameFilters() == [f"{importer} files ({patterns})", "All files (*)"]
        picker.selectFile(str(file))
        picker.accept()
        assert dialog.file.text() == str(file)

        dialog.import_button.click()
        box = dialog.confirmation
        assert box is not None and box.text() == (
            f"All current annotations of task #{task.id} “transfer task” will be replaced with those of “{file.name}”."
        )
        box.reject()  # changed their mind: nothing starts
        await until(lambda: dialog.confirmation is None)
        assert dialog.transfer is None

        transfer = await confirm_import(dialog)
        assert transfer.state == SUCCEEDED, transfer.outcome_text()
        after = await server_annotations(fresh_sandbox, task.id)
        assert signature(after, task) == expected_after(before, importer, None)
        counts = ObjectCounts.of(after)
        assert transfer.counts == counts and counts.total > 0
        assert dialog.panel.status.text() == (
            f"Imported. Task #{task.id} now has {counts.total} objects.\n"
            f"Shapes: {counts.shapes} · tracks: {counts.tracks} · tags: {counts.tags}"
        )
        await until(lambda: window.model.task_at(window.model.row_of(task.id)).updated_date > task.updated_date)
        assert window.message_label.text() == f"Imported into task #{task.id}: it now has {counts.total} objects."
        await controller.shutdown()

    loop.run_until_complete(body())


@pytest.mark.parametrize("importer", ["CVAT 1.1", "COCO 1.0"])
def test_import_into_a_job_from_the_jobs_tree(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    tmp_path: Path,
    importer: str,
) -> None:
    async def body() -> None:
        task = await prepared_task(fresh_sandbox, tmp_path / "images")
        before = signature(await server_annotations(fresh_sandbox, task.id), task)
        file = await annotation_file(fresh_sandbox, task, importer, tmp_path / "files")
        await clear_annotations(fresh_sandbox, task.id)
        controller = make_controller()
        window = await open_session(controller, fresh_sandbox, "demo")
        await select(window, task.id)
        segment = task.segments[1]
        job = segment.jobs[0]
        menu = window.details.job_menu(job)
        (action,) = [a for a in menu.actions() if a.objectName() == "importIntoJob"]
        assert action.text() == f"&Import annotations into job #{job.id}…"
        action.trigger()
        dialog = window.transfers.dialogs[("import-job", job.id)]
        assert isinstance(dialog, ImportDialog) and dialog.isVisible()
        if not dialog.formats.count():
            await wait_for(next_emission(dialog.formatsShown))
        assert dialog.heading.text() == (
            f"Job #{job.id} of task #{task.id} “transfer task” (frames {segment.start_frame}–{segment.stop_frame})"
        )
        assert dialog.warning.text().startswith("Importing replaces all current annotations of this job")
        assert dialog.formats.choose(importer)
        dialog.file.setText(str(file))
        transfer = await confirm_import(dialog)
        assert transfer.state == SUCCEEDED, transfer.outcome_text()
        frames = (segment.start_frame, segment.stop_frame)
        in_job = await server_annotations(fresh_sandbox, task.id, job.id)
        assert signature(in_job, task) == expected_after(before, importer, frames)
        whole = await server_annotations(fresh_sandbox, task.id)
        assert signature(whole, task) == signature(in_job, task)  # the other job stays empty
        counts = ObjectCounts.of(in_job)
        assert dialog.panel.status.text().startswith(f"Imported. Job #{job.id} now has {counts.total} object")
        await controller.shutdown()

    loop.run_until_complete(body())


def test_import_errors_refusals_and_cancels(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController], tmp_path: Path
) -> None:
    async def body() -> None:
        task = await prepared_task(fresh_sandbox, tmp_path / "images")
        before = await server_annotations(fresh_sandbox, task.id)
        broken = tmp_path / "broken.json"
        broken.write_text("{not json")
        big = tmp_path / "big.xml"  # large enough to be sent in many pieces
        big.write_bytes(b"<annotations>" + b" " * 8_000_000 + b"</annotations>")
        controller = make_controller()
        window = await open_session(controller, fresh_sandbox, "demo")
        await select(window, task.id)
        dialog = window.transfers.import_into_selected()
        assert isinstance(dialog, ImportDialog)
        if not dialog.formats.count():
            await wait_for(next_emission(dialog.formatsShown))
        assert not dialog.formats.is_choosable("TFRecord 1.0")

        # A file the server cannot read: its own words.
        assert dialog.formats.choose("COCO 1.0")
        dialog.file.setText(str(broken))
        transfer = await confirm_import(dialog)
        assert transfer.state == FAILED
        assert dialog.panel.status.text().startswith(
            "The server could not import the annotation file. The server said: “ValueError: The file is not valid "
            "COCO JSON"
        )
        assert dialog.file.text() == str(broken) and dialog.formats.current_format().name == "COCO 1.0"
        assert dialog.import_button.isEnabled()

        # A file that is not there: said next to the field, nothing sent.
        dialog.file.setText(str(tmp_path / "gone.xml"))
        dialog.import_button.click()
        assert dialog.confirmation is None
        assert dialog.file_row.error.text() == f"There is no file {tmp_path / 'gone.xml'}."

        # Cancelled during the upload: nothing imported.
        assert dialog.formats.choose("CVAT 1.1")
        dialog.file.setText(str(big))

        def cancel_when_uploading() -> None:
            if dialog.transfer is not None and dialog.transfer.phase == "uploading":
                dialog.cancel_button.click()

        dialog.transferStarted.connect(lambda t: t.changed.connect(cancel_when_uploading))
        transfer = await confirm_import(dialog)
        assert transfer.state == CANCELLED and transfer.phase == "uploading" and transfer.done < big.stat().st_size
        assert dialog.panel.status.text() == "Cancelled. Nothing was imported."
        dialog.transferStarted.disconnect()

        # Cancelled while the server imports: the dialog says the server may still finish, and annodesk follows
        # that import to its end (CVAT keeps it per user and task: a new import would get its answer instead).
        good = await wait_for(annotation_file(fresh_sandbox, task, "CVAT 1.1", tmp_path / "files"))
        coco = await wait_for(annotation_file(fresh_sandbox, task, "COCO 1.0", tmp_path / "files"))
        manager = window.transfers.manager
        worker = fresh_sandbox.state.worker
        worker.pause()
        dialog.file.setText(str(good))
        dialog.import_button.click()
        started = next_emission(dialog.transferStarted)
        dialog.replace_button.click()
        running: Transfer = await wait_for(started)
        await until(lambda: running.phase == "importing")
        assert dialog.panel.status.text() == "Importing on the server…"
        transfer = await finish(dialog, dialog.cancel_button.click)
        assert dialog.panel.status.text() == (
            "Stopped waiting. The server already has the file and may still replace the annotations."
        )
        assert (task.id, None) in manager.unfinished

        # The next import into the task waits for that one, then the server really reads its own file.
        assert dialog.formats.choose("COCO 1.0")
        dialog.file.setText(str(coco))
        dialog.import_button.click()
        started = next_emission(dialog.transferStarted)
        dialog.replace_button.click()
        running = await wait_for(started)
        await until(lambda: running.phase == "waiting")
        assert dialog.panel.status.text() == "Waiting for the server to finish the earlier import…"
        finished = next_emission(dialog.transferFinished)
        worker.resume()
        assert (await wait_for(finished)).state == SUCCEEDED
        assert not manager.unfinished and worker.fetch(import_key("demo", "tasks", task.id)) is None
        after = signature(await server_annotations(fresh_sandbox, task.id), task)
        assert after == expected_after(signature(before, task), "COCO 1.0", None)
        assert after != signature(before, task)  # the COCO file's content, not the earlier CVAT file's

        # An observer may look but not change: the server's refusal, plainly.
        await clear_annotations(fresh_sandbox, task.id)
        window = await switch_user(controller, fresh_sandbox, "olga")
        await select(window, task.id)
        dialog = window.transfers.import_into_selected()
        assert isinstance(dialog, ImportDialog)
        if not dialog.formats.count():
            await wait_for(next_emission(dialog.formatsShown))
        dialog.file.setText(str(good))
        transfer = await confirm_import(dialog)
        assert transfer.state == FAILED
        assert dialog.panel.status.text() == (
            "You are not allowed to do this. The server said: “You do not have permission to perform this action.”"
        )
        assert (await server_annotations(fresh_sandbox, task.id)).empty
        await controller.shutdown()

    loop.run_until_complete(body())


def test_import_in_a_format_the_server_does_not_know(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController], tmp_path: Path
) -> None:
    async def body() -> None:
        task = await prepared_task(fresh_sandbox, tmp_path / "images")
        file = await annotation_file(fresh_sandbox, task, "CVAT 1.1", tmp_path / "files")
        controller = make_controller()
        window = await open_session(controller, fresh_sandbox, "demo")
        await select(window, task.id)
        real = await window.transfers.service.formats.get()
        listed = AnnotationFormats(  # a list that names a format the server then does not know
            importers=(*real.importers, AnnotationFormat(name="Nope 1.0", ext="XML")), exporters=real.exporters
        )

        async def load() -> AnnotationFormats:
            return listed

        window.transfers.service.formats = FormatCatalog(load)
        dialog = window.transfers.import_into_selected()
        assert isinstance(dialog, ImportDialog)
        if not dialog.formats.count():
            await wait_for(next_emission(dialog.formatsShown))
        assert dialog.formats.choose("Nope 1.0")
        dialog.file.setText(str(file))
        transfer = await confirm_import(dialog)
        assert transfer.state == FAILED
        assert dialog.panel.status.text() == (
            "The server rejected the request. The server said: “Unknown input format 'Nope 1.0'”"
        )
        assert signature(await server_annotations(fresh_sandbox, task.id), task)["shapes"]  # untouched
        await controller.shutdown()

    loop.run_until_complete(body())


# -- the session's transfers -------------------------------------------------------------------------


def test_formats_are_asked_once_per_session(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController], tmp_path: Path
) -> None:
    async def body() -> None:
        first = await prepared_task(fresh_sandbox, tmp_path / "one")
        second = await prepared_task(fresh_sandbox, tmp_path / "two")
        faults = fresh_sandbox.faults
        faults.add("slow", path=r"/server/annotation/formats$", delay=0)  # answers as usual, and counts the asking
        controller = make_controller()
        window = await open_session(controller, fresh_sandbox, "demo")
        await select(window, first.id)
        dialog = await export_dialog(window)
        listed = dialog.formats.formats()
        dialog.close()
        await until(lambda: ("export", first.id) not in window.transfers.dialogs)  # closed and idle: dropped
        again = await export_dialog(window)
        assert again.formats.formats() == listed
        importer = window.transfers.import_into_selected()
        assert importer is not None and importer.formats.current_format().name == "CVAT 1.1"
        await select(window, second.id)
        other = await export_dialog(window)
        assert other.task.id == second.id and other.formats.count()
        assert faults.hits() == 1

        window = await switch_user(controller, fresh_sandbox, "alice")  # a new session asks again
        assert window.transfers.service.formats.formats is None
        await select(window, window.model.tasks[0].id)
        await export_dialog(window)
        assert faults.hits() == 2
        await controller.shutdown()

    loop.run_until_complete(body())


def test_two_exports_at_once_in_the_transfers_window(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController], tmp_path: Path
) -> None:
    async def body() -> None:
        first = await prepared_task(fresh_sandbox, tmp_path / "one")
        second = await prepared_task(fresh_sandbox, tmp_path / "two")
        controller = make_controller()
        window = await open_session(controller, fresh_sandbox, "demo")
        out = tmp_path / "out"
        out.mkdir()
        Settings(window.settings).export_folder = str(out)
        worker = fresh_sandbox.state.worker
        worker.pause()
        dialogs = []
        for task in (first, second):
            await select(window, task.id)
            assert window.details.task is not None and window.details.task.id == task.id
            buttons = [b for b in window.details.findChildren(QToolButton) if b.defaultAction()]
            export_button = next(b for b in buttons if b.defaultAction() is window.transfers.export_action)
            export_button.click()  # the details pane's button
            dialog = window.transfers.dialogs[("export", task.id)]
            assert isinstance(dialog, ExportDialog)
            if not dialog.formats.count():
                await wait_for(next_emission(dialog.formatsShown))
            started = next_emission(dialog.transferStarted)
            dialog.export_button.click()
            await wait_for(started)
            dialog.close()  # the export runs on in the background
            dialogs.append(dialog)
        await until(lambda: all(d.transfer is not None and d.transfer.phase == "preparing" for d in dialogs))
        assert window.transfers.status_button.isVisible()
        assert window.transfers.status_button.text() == "⇅ 2 transfers running"

        window.transfers.status_button.click()
        listing = window.transfers.transfers_window
        assert listing is not None and listing.isVisible() and len(listing.rows) == 2
        rows = list(listing.rows.values())
        assert rows[0].title.text() == f"Export of task #{first.id} “transfer task” (CVAT for images 1.1)"
        assert all(row.panel.status.text() == "Preparing on the server…" for row in rows)
        assert all(row.cancel_button.isVisible() for row in rows)

        cancelled = next_emission(dialogs[0].transferFinished)
        rows[0].cancel_button.click()
        assert (await wait_for(cancelled)).state == CANCELLED
        assert window.transfers.status_button.text() == "⇅ 1 transfer running"
        assert not rows[0].cancel_button.isVisible() and rows[0].panel.status.text() == "Cancelled. Nothing was saved."
        done = next_emission(dialogs[1].transferFinished)
        worker.resume()
        transfer = await wait_for(done)
        assert transfer.state == SUCCEEDED and files_in(out) == [transfer.saved.name]
        assert rows[1].panel.status.text() == f"Saved to {transfer.saved}"
        assert window.message_label.text() == f"Task #{second.id} exported to {transfer.saved.name}"
        assert window.transfers.status_button.text() == "⇅ Transfers"
        assert not window.transfers.dialogs  # both dialogs were closed: dropped once their exports ended
        listing.clear_button.click()
        assert not listing.rows and listing.empty.isVisible() and window.transfers.manager.transfers == []
        await controller.shutdown()

    loop.run_until_complete(body())


def test_closing_the_window_cancels_running_transfers(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def body() -> None:
        task = await prepared_task(fresh_sandbox, tmp_path / "images")
        controller = make_controller()
        window = await open_session(controller, fresh_sandbox, "demo")
        await select(window, task.id)
        out = tmp_path / "out"
        out.mkdir()
        Settings(window.settings).export_folder = str(out)
        dialog = await export_dialog(window)
        worker = fresh_sandbox.state.worker
        worker.pause()
        started = next_emission(dialog.transferStarted)
        dialog.export_button.click()
        transfer: Transfer = await wait_for(started)
        await until(lambda: transfer.phase == "preparing")
        ended = next_emission(transfer.finished)
        window.close()  # quits: the transfer is cancelled, the client closed after it
        await wait_for(ended)
        await wait_for(controller.finished.wait())
        assert transfer.state == CANCELLED and files_in(out) == []
        assert not window.transfers.dialogs  # closed with the window, dropped once the export had ended
        worker.resume()

    with caplog.at_level("ERROR"):
        loop.run_until_complete(body())
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


def test_signing_out_mid_transfer_cancels_it_cleanly(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def body() -> None:
        task = await prepared_task(fresh_sandbox, tmp_path / "images")
        file = await annotation_file(fresh_sandbox, task, "CVAT 1.1", tmp_path / "files")
        controller = make_controller()
        window = await open_session(controller, fresh_sandbox, "demo")
        await select(window, task.id)
        out = tmp_path / "out"
        out.mkdir()
        Settings(window.settings).export_folder = str(out)
        worker = fresh_sandbox.state.worker
        worker.pause()
        exporter = await export_dialog(window)
        started = next_emission(exporter.transferStarted)
        exporter.export_button.click()
        export: Transfer = await wait_for(started)
        importer = window.transfers.import_into_selected()
        assert isinstance(importer, ImportDialog)
        importer.file.setText(str(file))
        importer.import_button.click()
        started = next_emission(importer.transferStarted)
        importer.replace_button.click()
        imported: Transfer = await wait_for(started)
        await until(lambda: export.phase == "preparing" and imported.phase == "importing")
        manager = window.transfers.manager
        window = await switch_user(controller, fresh_sandbox, "alice")  # sign-out: the window goes, and its transfers
        assert export.state == CANCELLED and imported.state == CANCELLED and files_in(out) == []
        assert manager.closing and not manager.unfinished  # the ended session follows no import (its client is gone)
        assert window.transfers.manager.transfers == []  # the new session starts with none
        worker.resume()
        await controller.shutdown()

    with caplog.at_level("ERROR"):
        loop.run_until_complete(body())
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


def test_task_actions_follow_the_selection(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController], tmp_path: Path
) -> None:
    async def body() -> None:
        async with CvatClient(fresh_sandbox.base_url) as client:
            await client.login("demo", PASSWORD["demo"])
            empty = await client.create_task("no data yet", recorded_labels())
        controller = make_controller()
        window = await open_session(controller, fresh_sandbox, "demo")
        assert window.task_menu.title() == "&Task"
        actions = window.transfers
        assert [a for a in window.task_menu.actions() if not a.isSeparator()] == [
            window.authoring.new_task_action,
            window.authoring.edit_task_action,
            window.task_deletion.action,
            actions.export_action,
            actions.import_action,
            actions.transfers_action,
            window.offline.task_action,  # issue 16: every job of the task taken offline
        ]
        await select(window, empty.id)
        assert not actions.export_action.isEnabled() and not actions.import_action.isEnabled()  # nothing to export
        with_data = next(t for t in window.model.tasks if t.has_data)
        await select(window, with_data.id)
        assert actions.export_action.isEnabled() and actions.import_action.isEnabled()
        menu = window.table.menu
        assert actions.export_action in menu.actions() and actions.import_action in menu.actions()

        # Right-clicks: on a table row (it selects the row), and on a job of the jobs tree.
        row = window.model.row_of(empty.id)
        shown = next_emission(window.detailsShown)
        window.table.customContextMenuRequested.emit(window.table.visualRect(window.model.index(row, 1)).center())
        await wait_for(shown)
        assert window.table.selected_task().id == empty.id
        popup = window.table_menu
        assert popup.isVisible()
        shown_actions = [a for a in popup.actions() if not a.isSeparator()]
        assert shown_actions[-2:] == [actions.export_action, actions.import_action]
        popup.hide()
        await select(window, with_data.id)
        jobs = window.details.jobs_view
        segment = jobs.model().index(0, 0)
        position = jobs.visualRect(jobs.model().index(0, 0, segment)).center()
        jobs.customContextMenuRequested.emit(position)
        (popup,) = [m for m in jobs.findChildren(QMenu) if m.isVisible()]
        job = with_data.segments[0].jobs[0]
        assert popup.actions()[-3].text() == f"&Import annotations into job #{job.id}…"  # after the job's own
        assert popup.actions()[-2].text() == f"&Open job #{job.id}"  # the workspace's (annodesk.ui.workspace)
        assert popup.actions()[-1].text() == f"Take job #{job.id} o&ffline"  # issue 16 (annodesk.ui.offline_actions)
        popup.actions()[-3].trigger()
        assert window.transfers.dialogs[("import-job", job.id)].isVisible()
        popup.hide()
        await controller.shutdown()

    loop.run_until_complete(body())


def test_after_an_export_the_replace_note_goes_and_saved_to_stays(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController], tmp_path: Path
) -> None:
    async def body() -> None:
        task = await prepared_task(fresh_sandbox, tmp_path / "images")
        controller = make_controller()
        window = await open_session(controller, fresh_sandbox, "demo")
        await select(window, task.id)
        target = tmp_path / "out.zip"
        target.write_bytes(b"an older export")
        dialog = await export_dialog(window)
        dialog.path.setText(str(target))
        assert dialog.note.isVisibleTo(dialog) and dialog.note.text().startswith("A file of this name exists")
        transfer = await finish(dialog, dialog.export_button.click)
        assert transfer.state == SUCCEEDED and target.read_bytes() != b"an older export"
        assert dialog.panel.status.text() == f"Saved to {target}"
        assert not dialog.note.isVisibleTo(dialog)  # the file there is the one just saved
        dialog.path.setText(str(tmp_path / "other.zip"))
        dialog.path.setText(str(target))  # chosen again: a new export would replace it
        assert dialog.note.isVisibleTo(dialog)
        await controller.shutdown()

    loop.run_until_complete(body())
