"""Creating a task through the dialog against the sandbox over real HTTP: upload progress in bytes, the server's
processing states seen one by one, the new task selected; refusals, a network drop then Retry, Cancel (the empty
task is deleted), processing Failed, closing while uploading, and the real file dialogs."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import qasync
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox

from annodesk.api.labels import new_label_from
from annodesk.controller import AppController
from annodesk.i18n import format_size
from annodesk.sandbox import SandboxServer
from annodesk.ui.create_task_dialog import CreateTaskDialog, Step
from annodesk.ui.main_window import MainWindow

from .conftest import next_emission, until, wait_for
from .task_dialogs import LABELS, images, noise_images, server_task, task_count
from .test_session import sign_in_through_dialog


async def open_dialog(window: MainWindow) -> CreateTaskDialog:
    window.authoring.new_task_action.trigger()
    dialog = window.authoring.create_dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    dialog.poll_interval = 0.02
    return dialog


async def fill(dialog: CreateTaskDialog, name: str, files: list[Path]) -> None:
    dialog.name.setText(name)
    dialog.editor.set_labels(LABELS)
    await dialog.files_box.add_files(files)


def test_create_a_task_with_images_end_to_end(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    tmp_path: Path,
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        assert (
            window.task_menu.title() == "&Task" and window.authoring.new_task_action.shortcut().toString() == "Ctrl+N"
        )
        dialog = await open_dialog(window)
        files = images(tmp_path / "images", 5, size=(320, 240))
        await fill(dialog, "street scenes", files)
        dialog.segment_size.setValue(2)
        dialog.image_quality.setValue(55)
        dialog.bug_tracker.setText("https://tracker.example.com/issues/7")
        assert dialog.files_box.summary.text() == f"5 files, {format_size(sum(p.stat().st_size for p in files))} in all"
        before = await task_count(fresh_sandbox)

        worker = fresh_sandbox.state.worker
        worker.pause()  # hold the server's processing: each state is seen in turn
        states: list[str] = []
        dialog.statusShown.connect(states.append)
        created = next_emission(dialog.taskCreated)
        dialog.create_button.click()
        assert not dialog.create_button.isEnabled() and not dialog.name.isEnabled()

        await until(lambda: states[-1:] == ["Queued"])
        assert dialog.step is Step.UPLOADED and dialog.progress.sent == dialog.progress.total
        assert dialog.progress.total > sum(p.stat().st_size for p in files)  # the whole multipart body, in bytes
        assert dialog.state_label.text() == "Queued"
        assert dialog.phase_label.text() == "Waiting for the server to start processing the files…"
        worker.step()  # the job starts and stops at its first progress report
        await until(lambda: dialog.phase_label.text() == "Reading the uploaded files…")
        assert dialog.state_label.text() == "Started" and dialog.processing_state == "Started"
        worker.step()
        await until(lambda: dialog.phase_label.text().startswith("Compressing the images: "))
        match = re.fullmatch(r"Compressing the images: (\d+)%", dialog.phase_label.text())
        assert match and dialog.progress.bar.value() == int(match.group(1)) * 10  # the bar follows the percentage
        window.refresh_action.trigger()  # the main window keeps working meanwhile
        worker.resume()
        task = await wait_for(created)
        assert states[0] == "Queued" and "Started" in states and states[-1] == "Finished"
        assert not dialog.isVisible()

        await until(lambda: window.table.selected_task() is not None and window.table.selected_task().id == task.id)
        await until(lambda: window.details.task is not None and window.details.task.id == task.id)
        assert window.message_label.text() == f"Task #{task.id} created."
        saved = await server_task(fresh_sandbox, task.id)
        assert saved is not None and saved.name == "street scenes" and saved.size == 5
        assert saved.segment_size == 2 and len(saved.segments) == 3 and saved.image_quality == 55
        assert saved.bug_tracker == "https://tracker.example.com/issues/7"
        assert tuple(new_label_from(label) for label in saved.labels) == LABELS  # what was typed is what was saved
        assert await task_count(fresh_sandbox) == before + 1
        cached = window.controller.repository.cache.get_task(task.id)  # written through for offline use
        assert cached is not None and cached[0].size == 5
        await controller.shutdown()

    loop.run_until_complete(body())


def test_form_problems_are_shown_before_anything_is_sent(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        dialog = await open_dialog(window)
        before = await task_count(fresh_sandbox)
        dialog.bug_tracker.setText("tracker 12")
        dialog.create_button.click()
        assert dialog.error_texts() == {
            "name": "Enter a name for the task.",
            "bug_tracker": "Enter the issue's full address, like https://tracker.example.com/issues/12.",
            "labels": "Add at least one label.",
            "general": "Nothing was sent: fix what is marked, then try again.",
        }
        dialog.name.setText("x")
        dialog.bug_tracker.clear()
        dialog.editor.set_labels(LABELS)
        dialog.create_button.click()
        assert dialog.error_texts()["files"] == "Add at least one image, a folder of images or an archive."
        assert dialog._work is None and await task_count(fresh_sandbox) == before
        dialog.reject()
        assert not dialog.isVisible()
        await controller.shutdown()

    loop.run_until_complete(body())


@pytest.mark.parametrize("username", ["zhangwei", "guest"])
def test_annotators_and_guests_are_refused_before_any_upload(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    tmp_path: Path,
    username: str,
) -> None:
    async def body() -> None:
        files = images(tmp_path, 2)
        before = await task_count(fresh_sandbox)
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, username)
        dialog = await open_dialog(window)
        await fill(dialog, f"by {username}", files)
        finished = next_emission(dialog.attemptFinished)
        dialog.create_button.click()
        await wait_for(finished)
        assert dialog.error_texts() == {
            "general": "Your account may not create tasks on this server: CVAT allows it to the admin and user "
            "groups only. Nothing was uploaded. The server said: “You do not have permission to perform this "
            "action.”"
        }
        assert dialog.progress.sent == 0 and dialog.step is Step.NEW and dialog.task is None
        assert dialog.name.text() == f"by {username}" and dialog.editor.labels() == LABELS  # nothing lost
        assert dialog.files_box.model.paths() == files and dialog.create_button.isVisible()
        assert dialog.isVisible() and dialog.name.isEnabled()
        assert await task_count(fresh_sandbox) == before
        await controller.shutdown()

    loop.run_until_complete(body())


def test_network_drop_during_upload_then_retry(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    tmp_path: Path,
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        dialog = await open_dialog(window)
        files = noise_images(tmp_path, 3)
        await fill(dialog, "dropped upload", files)
        before = await task_count(fresh_sandbox)
        fresh_sandbox.faults.add(
            "drop_upload", path=r"/tasks/\d+/data$", method="POST", times=1, after_bytes=512 * 1024
        )
        finished = next_emission(dialog.attemptFinished)
        dialog.create_button.click()
        await wait_for(finished)

        message = dialog.error_texts()["general"]
        match = re.fullmatch(
            r"The upload stopped after (.+) of (.+): the connection broke\. Nothing was attached; you can try again\.",
            message,
        )
        assert match, message
        total = dialog.progress.total
        assert match.group(2) == format_size(total) and match.group(1) != match.group(2)
        assert 0 < dialog.progress.sent < total
        task = dialog.task
        assert task is not None and dialog.step is Step.CREATED
        assert dialog.retry_button.isVisible() and not dialog.create_button.isVisible()
        assert dialog.phase_label.text() == f"Task #{task.id} is created; its files are not attached yet."
        assert not dialog.name.isEnabled() and dialog.name.text() == "dropped upload"  # the task exists: kept
        assert dialog.image_quality.isEnabled()  # what the upload takes can still change
        kept = await server_task(fresh_sandbox, task.id)
        assert kept is not None and not kept.has_data

        created = next_emission(dialog.taskCreated)
        dialog.retry_button.click()
        ready = await wait_for(created, 30)
        assert ready.id == task.id and ready.size == 3  # the same task: only the files were sent again
        assert await task_count(fresh_sandbox) == before + 1
        await until(lambda: window.table.selected_task() is not None and window.table.selected_task().id == task.id)
        await controller.shutdown()

    loop.run_until_complete(body())


def test_a_lost_status_is_asked_again_without_uploading_again(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    tmp_path: Path,
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        dialog = await open_dialog(window)
        await fill(dialog, "status lost", images(tmp_path, 2))
        fresh_sandbox.faults.add("502_html", path=r"/tasks/\d+/status$", times=1)
        finished = next_emission(dialog.attemptFinished)
        dialog.create_button.click()
        await wait_for(finished)
        assert dialog.error_texts()["general"] == (
            "The files are uploaded, but their processing could not be followed. Server error: a proxy in front of "
            "the server failed (error 502). Try again later."
        )
        assert dialog.step is Step.UPLOADED and dialog.retry_button.isVisible()
        assert dialog.retry_button.toolTip() == "Ask the server again how the processing goes."
        uploads = []
        original = dialog.flow.writes.upload
        dialog.flow.writes.upload = lambda *a, **k: (uploads.append(a), original(*a, **k))[1]  # type: ignore[method-assign]
        created = next_emission(dialog.taskCreated)
        dialog.retry_button.click()
        task = await wait_for(created)
        assert uploads == [] and task.size == 2  # only the status was asked again
        await controller.shutdown()

    loop.run_until_complete(body())


def test_cancel_during_upload_deletes_the_empty_task(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    tmp_path: Path,
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        dialog = await open_dialog(window)
        files = noise_images(tmp_path, 8)  # ~25 MB: more than the sockets hold while the server does not read
        await fill(dialog, "cancelled", files)
        before = await task_count(fresh_sandbox)
        fresh_sandbox.faults.add("hang", path=r"/tasks/\d+/data$", method="POST")  # the server never reads the body
        dialog.create_button.click()
        await until(lambda: dialog.step is Step.CREATED and dialog.progress.sent > 0)
        task = dialog.task
        assert task is not None and dialog.cancel_button.isEnabled()
        detail = rf".+ of {re.escape(format_size(dialog.progress.total))}( · .+/s)?"
        assert re.fullmatch(detail, dialog.progress.detail.text()), dialog.progress.detail.text()
        finished = next_emission(dialog.attemptFinished)
        dialog.cancel_button.click()
        await wait_for(finished)
        await asyncio.to_thread(fresh_sandbox.faults.clear)

        assert dialog.isVisible() and dialog.step is Step.NEW and dialog.task is None
        assert dialog.notice.text() == (
            f"Cancelled. The new task “cancelled” (#{task.id}) was deleted on the server, as CVAT does with a task "
            "whose upload stops. Everything you entered is still here."
        )
        assert await server_task(fresh_sandbox, task.id) is None
        assert await task_count(fresh_sandbox) == before
        assert dialog.name.isEnabled() and dialog.name.text() == "cancelled" and dialog.editor.labels() == LABELS
        assert dialog.files_box.model.paths() == files and dialog.create_button.isVisible()

        created = next_emission(dialog.taskCreated)  # another try works
        dialog.files_box.model.remove_rows(range(1, 8))
        dialog.create_button.click()
        ready = await wait_for(created, 30)
        assert ready.id != task.id and ready.size == 1
        await controller.shutdown()

    loop.run_until_complete(body())


def test_cancel_while_the_server_processes_deletes_the_task(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    tmp_path: Path,
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        dialog = await open_dialog(window)
        await fill(dialog, "stopped while queued", images(tmp_path, 2))
        before = await task_count(fresh_sandbox)
        worker = fresh_sandbox.state.worker
        worker.pause()
        states: list[str] = []
        dialog.statusShown.connect(states.append)
        dialog.create_button.click()
        await until(lambda: states[-1:] == ["Queued"])
        task = dialog.task
        assert task is not None and dialog.step is Step.UPLOADED
        finished = next_emission(dialog.attemptFinished)
        dialog.cancel_button.click()
        await wait_for(finished)
        worker.resume()  # the held job may go now: its task is gone
        assert dialog.isVisible() and dialog.step is Step.NEW and dialog.notice.text().startswith("Cancelled. ")
        assert await server_task(fresh_sandbox, task.id) is None
        assert await task_count(fresh_sandbox) == before
        await controller.shutdown()

    loop.run_until_complete(body())


def test_processing_failed_shows_the_servers_message(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    tmp_path: Path,
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        dialog = await open_dialog(window)
        broken = tmp_path / "broken.jpg"
        broken.write_bytes(b"this is not an image")
        await fill(dialog, "broken", [broken])
        before = await task_count(fresh_sandbox)
        states: list[str] = []
        dialog.statusShown.connect(states.append)
        finished = next_emission(dialog.attemptFinished)
        dialog.create_button.click()
        await wait_for(finished, 30)
        assert states[-1] == "Failed" and dialog.state_label.text() == "Failed"
        message = dialog.error_texts()["general"]
        match = re.fullmatch(
            r"The server could not process the files: “(.+)”\. The task #(\d+) was deleted on the server, as CVAT "
            r"does; check the files and create it again\.",
            message,
        )
        assert match, message
        assert match.group(1) == "PIL.UnidentifiedImageError: cannot identify image file 'broken.jpg'"
        assert await server_task(fresh_sandbox, int(match.group(2))) is None
        assert await task_count(fresh_sandbox) == before
        assert dialog.isVisible() and dialog.step is Step.NEW and dialog.name.text() == "broken"
        assert dialog.files_box.model.paths() == [broken]
        await controller.shutdown()

    loop.run_until_complete(body())


def test_closing_while_uploading_asks_first(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    tmp_path: Path,
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        dialog = await open_dialog(window)
        await fill(dialog, "closing", noise_images(tmp_path, 8))
        fresh_sandbox.faults.add("hang", path=r"/tasks/\d+/data$", method="POST")
        dialog.create_button.click()
        await until(lambda: dialog.step is Step.CREATED and dialog.progress.sent > 0)
        task = dialog.task
        assert task is not None

        asked = next_emission(dialog.questionShown)
        dialog.close()  # the window's close button
        box: QMessageBox = await wait_for(asked)
        assert box.text() == "The task is being created. Stop, delete the new task on the server and close?"
        keep = next(b for b in box.buttons() if b.text() == "Keep working")
        keep.click()
        assert dialog.isVisible() and dialog._work is not None  # still uploading

        asked = next_emission(dialog.questionShown)
        dialog.reject()  # Escape
        box = await wait_for(asked)
        finished = next_emission(dialog.attemptFinished)
        next(b for b in box.buttons() if b.text() == "Stop and close").click()
        await wait_for(finished)
        await asyncio.to_thread(fresh_sandbox.faults.clear)
        assert not dialog.isVisible()
        assert await server_task(fresh_sandbox, task.id) is None
        await controller.shutdown()

    loop.run_until_complete(body())


def test_closing_after_an_interrupted_upload_deletes_the_empty_task(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    tmp_path: Path,
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        dialog = await open_dialog(window)
        await fill(dialog, "given up", noise_images(tmp_path, 2))
        fresh_sandbox.faults.add(
            "drop_upload", path=r"/tasks/\d+/data$", method="POST", times=1, after_bytes=256 * 1024
        )
        finished = next_emission(dialog.attemptFinished)
        dialog.create_button.click()
        await wait_for(finished)
        task = dialog.task
        assert task is not None and dialog.step is Step.CREATED

        asked = next_emission(dialog.questionShown)
        dialog.cancel_button.click()  # idle now: Cancel closes, after asking
        box: QMessageBox = await wait_for(asked)
        assert box.text() == (
            f"Task “given up” (#{task.id}) was created, but its files were not attached. Delete it and close?"
        )
        closed = next_emission(dialog.finished)
        next(b for b in box.buttons() if b.text() == "Delete and close").click()
        await wait_for(closed)
        assert not dialog.isVisible() and await server_task(fresh_sandbox, task.id) is None
        await controller.shutdown()

    loop.run_until_complete(body())


def test_files_and_folders_through_the_real_file_dialogs(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    tmp_path: Path,
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        dialog = await open_dialog(window)
        picker = dialog.files_box
        folder = tmp_path / "shots"
        nested = images(folder / "day 1", 2) + images(folder / "day 2" / "more", 1, size=(10, 10))
        (folder / "notes.txt").write_text("not an image")
        (folder / ".hidden").mkdir()
        images(folder / ".hidden", 1)
        clash = images(tmp_path / "elsewhere", 1)  # frame_000.png, like one in the folder

        opened = next_emission(picker.fileDialogOpened)
        picker.add_folder_button.click()
        chooser: QFileDialog = await wait_for(opened)
        assert chooser.fileMode() == QFileDialog.FileMode.Directory
        assert chooser.testOption(QFileDialog.Option.DontUseNativeDialog)
        added = next_emission(picker.filesAdded)
        field = chooser.findChild(QLineEdit, "fileNameEdit")
        assert field is not None
        field.setText(str(folder))
        chooser.accept()
        await wait_for(added)
        names = [p.name for p in picker.model.paths()]
        assert names == ["frame_000.png", "frame_001.png"]  # the second frame_000.png (day 2) has the same name
        assert picker.error.text().startswith("1 file left out: a file of the same name is in the list already")
        assert sorted(picker.model.paths()) == sorted(nested[:2])

        opened = next_emission(picker.fileDialogOpened)
        picker.add_files_button.click()
        chooser = await wait_for(opened)
        assert chooser.fileMode() == QFileDialog.FileMode.ExistingFiles
        added = next_emission(picker.filesAdded)
        field = chooser.findChild(QLineEdit, "fileNameEdit")
        assert field is not None
        field.setText(str(folder / "notes.txt"))
        chooser.accept()
        await wait_for(added)
        assert [p.name for p in picker.model.paths()] == ["frame_000.png", "frame_001.png", "notes.txt"]
        await picker.add_files(clash)
        assert picker.model.rowCount() == 3

        picker.view.selectRow(2)
        assert picker.remove_button.isEnabled()
        picker.remove_button.click()
        assert picker.model.rowCount() == 2 and picker.summary.text().startswith("2 files, ")
        empty = tmp_path / "empty"
        empty.mkdir()
        await picker.add_folder(empty)
        assert picker.error.text() == f"There are no images in {empty}."
        dialog.reject()
        await controller.shutdown()

    loop.run_until_complete(body())


def test_signing_out_while_uploading_ends_the_dialog_quietly(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        dialog = window.authoring.show_create_task()
        dialog.name.setText("x")
        dialog.editor.set_labels(LABELS)
        await dialog.files_box.add_files(noise_images(tmp_path, 8))
        fresh_sandbox.faults.add("hang", path=r"/tasks/\d+/data$", method="POST")
        dialog.create_button.click()
        await until(lambda: dialog.step is Step.CREATED and dialog.progress.sent > 0)
        shown = next_emission(controller.signInShown)
        window.sign_out_action.trigger()
        await wait_for(shown)
        await asyncio.to_thread(fresh_sandbox.faults.clear)
        await controller.shutdown()

    with caplog.at_level(logging.ERROR):
        loop.run_until_complete(body())
    assert not [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]  # no widget touched once gone
