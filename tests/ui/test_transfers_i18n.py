"""The export and import dialogs, the confirmation and the Transfers window in 简体中文: nothing cut off, nothing left
in English but the server's format names (proper names), the task's name and file paths; and a live switch."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import qasync
from PySide6.QtWidgets import QDialog

from annodesk.controller import AppController
from annodesk.i18n import CHINESE, ENGLISH, LanguageManager
from annodesk.sandbox import SandboxServer
from annodesk.settings import Settings
from annodesk.ui.import_dialog import ImportDialog
from annodesk.ui.main_window import MainWindow
from annodesk.ui.transfers import SUCCEEDED

from .conftest import next_emission, until, wait_for
from .test_i18n import deliver_posted_events, server_data, switch
from .test_transfers import annotation_file, export_dialog, finish, open_session, prepared_task, select
from .ui_text import cut_off, english_left, shown_texts


def server_words(window: MainWindow, *more: str) -> list[str]:
    """What the dialogs show as the server or the user gave it: format names, the task's name, addresses."""
    formats = window.transfers.service.formats.formats
    assert formats is not None
    names = [entry.name for entry in (*formats.importers, *formats.exporters)]
    return [
        *names,
        window.controller.server_url,
        window.controller.username,
        *(task.name for task in window.model.tasks),
        *more,
    ]


def check(dialog: QDialog, words: list[str]) -> None:
    """Render ``dialog`` at its natural size: all of it fits, and only ``words`` are not Chinese."""
    dialog.resize(dialog.sizeHint().expandedTo(dialog.size()))
    deliver_posted_events()
    problems = cut_off(dialog)
    assert not problems, "\n".join(problems)
    english = english_left(shown_texts(dialog), words)
    import os

    if os.environ.get("PEEK"):
        print(type(dialog).__name__, shown_texts(dialog))
        dialog.grab().save(
            f"/tmp/transfer-ui/{type(dialog).__name__}-{id(dialog)}-{len(os.listdir('/tmp/transfer-ui'))}.png"
        )
    assert not english, "\n".join(english)


def test_transfer_dialogs_in_chinese(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    languages: LanguageManager,
    tmp_path: Path,
) -> None:
    async def body() -> None:
        task = await prepared_task(fresh_sandbox, tmp_path / "images")
        file = await annotation_file(fresh_sandbox, task, "CVAT 1.1", tmp_path / "files")
        switch(languages, CHINESE)
        controller = make_controller()
        window = await open_session(controller, fresh_sandbox, "demo")
        await select(window, task.id)
        out = tmp_path / "导出"
        out.mkdir()
        Settings(window.settings).export_folder = str(out)
        assert window.task_menu.title() == "任务(&T)"
        assert window.transfers.export_action.text() == "导出标注(&E)…"

        dialog = await export_dialog(window)
        words = server_words(window, str(out), dialog.path.text())
        assert dialog.windowTitle() == "导出标注" and dialog.with_images.text() == "含图像的数据集"
        check(dialog, words)
        worker = fresh_sandbox.state.worker
        worker.pause()
        started = next_emission(dialog.transferStarted)
        dialog.export_button.click()
        transfer = await wait_for(started)
        await until(lambda: transfer.phase == "preparing")
        assert dialog.panel.status.text() == "正在服务器上准备…"
        check(dialog, words)
        finished = next_emission(dialog.transferFinished)
        worker.resume()
        assert (await wait_for(finished)).state == SUCCEEDED
        assert dialog.panel.status.text() == f"已保存到 {transfer.saved}"
        assert dialog.panel.open_folder_button.text() == "打开文件夹"
        check(dialog, [*words, str(transfer.saved)])
        assert window.message_label.text() == f"已将任务 #{task.id} 导出到 {transfer.saved.name}"
        assert window.transfers.status_button.isVisible() and window.transfers.status_button.text() == "⇅ 传输列表"
        problems = cut_off(window)  # the main window, with the transfers button and the message in its status bar
        assert not problems, "\n".join(problems)
        # (server words of two letters, such as an attribute value "de", would eat into "annodesk" in the title)
        data = [word for word in server_data(window) if len(word) > 2]
        english = english_left(shown_texts(window), [*data, *words, transfer.saved.name])
        assert not english, "\n".join(english)

        dialog.close()
        window.transfers.status_button.click()
        listing = window.transfers.transfers_window
        assert listing is not None and listing.windowTitle() == "传输列表"
        check(listing, [*words, str(transfer.saved)])

        importer = window.transfers.import_into_selected()
        assert isinstance(importer, ImportDialog)
        importer.file.setText(str(file))
        assert importer.warning.text().startswith("导入会用文件中的标注替换此任务的全部现有标注")
        check(importer, [*words, str(file)])
        importer.import_button.click()
        box = importer.confirmation
        assert box is not None and box.windowTitle() == "替换标注？"
        check(box, [*words, file.name])
        transfer = await finish(importer, importer.replace_button.click)
        assert transfer.state == SUCCEEDED
        assert importer.panel.status.text().startswith(f"导入完成。任务 #{task.id} 现有 ")
        check(importer, [*words, str(file)])

        job = task.segments[0].jobs[0]
        window.details.job_menu(job).actions()[0].trigger()
        into_job = window.transfers.dialogs[("import-job", job.id)]
        assert into_job.windowTitle() == "将标注导入作业"
        check(into_job, words)
        await controller.shutdown()

    loop.run_until_complete(body())


def test_export_dialog_follows_a_live_switch(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    languages: LanguageManager,
    tmp_path: Path,
) -> None:
    async def body() -> None:
        task = await prepared_task(fresh_sandbox, tmp_path / "images")
        controller = make_controller()
        window = await open_session(controller, fresh_sandbox, "demo")
        await select(window, task.id)
        dialog = await export_dialog(window)
        assert dialog.formats.choose("COCO 1.0")
        dialog.with_images.setChecked(True)
        path = dialog.path.text()
        assert dialog.export_button.text() == "&Export"
        switch(languages, CHINESE)
        assert dialog.windowTitle() == "导出标注" and dialog.export_button.text() == "导出(&E)"
        assert dialog.format_row.label.text() == "格式" and window.task_menu.title() == "任务(&T)"
        assert window.transfers.import_action.text() == "导入标注(&I)…"
        # What the user chose stays.
        assert dialog.formats.current_format().name == "COCO 1.0" and dialog.with_images.isChecked()
        assert dialog.path.text() == path
        switch(languages, ENGLISH)
        assert dialog.windowTitle() == "Export annotations" and window.task_menu.title() == "&Task"
        await controller.shutdown()

    loop.run_until_complete(body())
