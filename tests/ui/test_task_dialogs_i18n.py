"""The create-task and edit-task dialogs (and the label editor in them) rendered in Chinese: nothing cut off,
nothing left in English except what the user typed or the server sent, through a real creation and an edit."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import qasync
from PySide6.QtWidgets import QWidget

from annodesk.api import NewAttribute, NewLabel
from annodesk.controller import AppController
from annodesk.i18n import ENGLISH, LanguageManager
from annodesk.sandbox import SandboxServer
from annodesk.ui.create_task_dialog import Step
from annodesk.ui.label_editor import LabelEditor
from annodesk.ui.main_window import MainWindow

from .conftest import next_emission, until, wait_for
from .task_dialogs import images, select_task, server_client
from .test_i18n import chinese, deliver_posted_events, has_chinese, server_data, switch  # noqa: F401  (chinese: a fixture)
from .test_session import sign_in_through_dialog
from .ui_text import cut_off, english_left, plain, shown_texts

EVERY_TYPE = (
    NewLabel(
        "car",
        color="#fa3253",
        attributes=(
            NewAttribute("type", "select", default_value="suv", values=("sedan", "suv")),
            NewAttribute("side", "radio", default_value="left", values=("left", "right")),
            NewAttribute("parked", "checkbox", mutable=True, default_value="false", values=("false",)),
            NewAttribute("plate", "text", mutable=True, default_value="unknown", values=("unknown",)),
            NewAttribute("speed", "number", default_value="0", values=("0", "200", "5")),
        ),
    ),
    NewLabel("行人", color="#3d3df5"),
)
JSON_WORDS = ["name", "color", "attributes", "input_type", "mutable", "values", "default_value", "true", "false"]
JSON_WORDS += ["null", "select", "radio", "checkbox", "text", "number", "min", "max", "step", "rrggbb", "json"]


def typed(editor: LabelEditor) -> list[str]:
    """What the user typed into the labels (shown as it is in any language)."""
    words: list[str] = []
    for label in editor.labels():
        words.append(label.name)
        for attribute in label.attributes:
            words += [attribute.name, attribute.default_value, *attribute.values]
    return words


def project_names(window: MainWindow) -> list[str]:
    """The projects the create-task dialog offers, shown as they are (server data); the checker reads a combo box
    item as a label would, with ``&`` a mnemonic, so each name comes that way too."""
    names = list(window.projects.controller.names().values())
    return names + [plain(name) for name in names]


def check(root: QWidget, data: list[str]) -> None:
    deliver_posted_events()
    problems = cut_off(root)
    assert not problems, "\n".join(problems)
    english = english_left(shown_texts(root), data)
    assert not english, "\n".join(english)


def check_every_label(editor: LabelEditor, root: QWidget, data: list[str]) -> None:
    """Each label of the constructor in turn, then the Raw tab."""
    for row in range(editor.model.rowCount()):
        editor.list.setCurrentIndex(editor.model.index(row, 0))
        check(root, data)
    editor.tabs.setCurrentWidget(editor.raw_page)
    check(root, data)
    editor.tabs.setCurrentWidget(editor.constructor_page)


def test_create_task_dialog_in_chinese(
    chinese: LanguageManager,  # noqa: F811
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    tmp_path: Path,
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        assert window.task_menu.title() == "任务(&T)" and window.authoring.new_task_action.text() == "新建任务(&N)…"
        dialog = window.authoring.show_create_task()
        dialog.poll_interval = 0.02
        dialog.resize(1120, 700)
        assert dialog.windowTitle() == "新建任务" and dialog.create_button.text() == "创建"
        server = [fresh_sandbox.base_url, *project_names(window)]
        check(dialog, server)  # empty: placeholders and the "no files yet" line

        dialog.create_button.click()  # everything missing: every message in Chinese, under its field
        assert dialog.error_texts()["name"] == "请输入任务名称。"
        assert dialog.error_texts()["labels"] == "请至少添加一个标签。"
        check(dialog, server)

        files = images(tmp_path / "街景", 3)
        dialog.name.setText("街景 第 3 批")
        dialog.editor.set_labels(EVERY_TYPE)
        await dialog.files_box.add_files(files)
        await dialog.files_box.add_files(images(tmp_path / "other", 1))  # a name clash: a notice
        dialog.bug_tracker.setText("tracker 12")
        attribute = dialog.editor.form.add_attribute()  # problems next to the fields
        assert attribute is not None
        attribute.input_type.setCurrentIndex(attribute.input_type.findData("number"))
        attribute.maximum.setText("-5")
        attribute.maximum.textEdited.emit("-5")
        dialog.create_button.click()
        assert dialog.error_texts()["bug_tracker"].startswith("请输入问题的完整地址")
        assert attribute.name_error.text() == "属性没有名称。"
        assert attribute.values_error.text() == "最小值必须小于最大值。"
        data = [
            *server,
            *typed(dialog.editor),
            *(str(p) for p in files),
            *(p.name for p in files),
            str(tmp_path),
            "tracker",
        ]
        check_every_label(dialog.editor, dialog, data)

        dialog.editor.tabs.setCurrentWidget(dialog.editor.raw_page)  # a raw JSON error, in Chinese
        dialog.editor.raw.setPlainText('[{"name": "car", "attributes": [{"name": "a", "input_type": "slider"}]}]')
        dialog.editor.tabs.setCurrentWidget(dialog.editor.constructor_page)
        assert dialog.editor.raw_error.text() == (
            "标签 1（“car”）的属性 1（“a”）：“input_type”必须是 select, radio, checkbox, text, number 之一，"
            '而不是 "slider"。'
        )
        check(dialog, data + JSON_WORDS + ["slider"])
        dialog.editor.raw.setPlainText(json.dumps([{"name": "car"}], ensure_ascii=False) + " oops")
        dialog.editor.tabs.setCurrentWidget(dialog.editor.constructor_page)
        assert dialog.editor.raw_error.text().startswith("标签定义不是有效的 JSON：Extra data（第 1 行，第 ")
        check(dialog, data + JSON_WORDS + ["Extra", "data"])  # the parser's own words are quoted as they are

        dialog.editor.set_labels(EVERY_TYPE)  # fixed; a real creation, each state in Chinese
        dialog.bug_tracker.clear()
        worker = fresh_sandbox.state.worker
        worker.pause()
        states: list[str] = []
        dialog.statusShown.connect(states.append)
        created = next_emission(dialog.taskCreated)
        dialog.create_button.click()
        await until(lambda: states[-1:] == ["Queued"])
        assert dialog.state_label.text() == "排队中" and dialog.phase_label.text() == "正在等待服务器开始处理文件…"
        check(dialog, data)
        worker.step()
        worker.step()
        await until(lambda: dialog.phase_label.text().startswith("正在压缩图像："))
        assert dialog.state_label.text() == "处理中"
        check(dialog, data)
        worker.resume()
        task = await wait_for(created)
        await until(lambda: window.table.selected_task() is not None and window.table.selected_task().id == task.id)
        assert window.message_label.text() == f"任务 #{task.id} 已创建。"
        await controller.shutdown()

    loop.run_until_complete(body())


def test_interrupted_upload_in_chinese(
    chinese: LanguageManager,  # noqa: F811
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    tmp_path: Path,
) -> None:
    async def body() -> None:
        from .task_dialogs import noise_images

        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        dialog = window.authoring.show_create_task()
        dialog.resize(1120, 700)
        files = noise_images(tmp_path, 2)
        dialog.name.setText("中断")
        dialog.editor.set_labels(EVERY_TYPE)
        await dialog.files_box.add_files(files)
        fresh_sandbox.faults.add(
            "drop_upload", path=r"/tasks/\d+/data$", method="POST", times=1, after_bytes=256 * 1024
        )
        finished = next_emission(dialog.attemptFinished)
        dialog.create_button.click()
        await wait_for(finished)
        assert dialog.step is Step.CREATED and dialog.retry_button.text() == "重试"
        assert dialog.error_texts()["general"].startswith("上传在 ")
        shown = [fresh_sandbox.base_url, *typed(dialog.editor), *(str(p) for p in files), *(p.name for p in files)]
        shown += project_names(window)
        check(dialog, [*shown, str(tmp_path)])
        dialog.retry_button.click()
        await wait_for(next_emission(dialog.taskCreated), 30)
        await controller.shutdown()

    loop.run_until_complete(body())


def test_edit_task_dialog_in_chinese(
    chinese: LanguageManager,  # noqa: F811
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
) -> None:
    async def body() -> None:
        async with await server_client(fresh_sandbox, "demo") as client:
            task_id = (await client.create_task("待编辑", EVERY_TYPE, bug_tracker="https://t.example.com/1")).id
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        await until(lambda: bool(window.controller.users))
        await select_task(window, task_id)
        assert window.authoring.edit_task_action.text() == "编辑任务(&E)…"
        window.authoring.edit_task_action.trigger()
        dialog = window.authoring.edit_dialog
        assert dialog is not None
        assert dialog.windowTitle() == f"编辑任务 #{task_id}" and dialog.assignee.itemText(0) == "— 无 —"
        data = [
            fresh_sandbox.base_url,
            "待编辑",
            "https://t.example.com/1",
            *typed(dialog.editor),
            *server_data(window),
        ]
        check_every_label(dialog.editor, dialog, data)
        assert dialog.editor.form.saved_notice.text().startswith("此标签已保存在服务器上")

        dialog.editor.add_button.click()  # a new label, nameless; save: its problem in Chinese
        dialog.editor.list.setCurrentIndex(dialog.editor.model.index(0, 0))
        added = dialog.editor.form.add_attribute()
        assert added is not None
        dialog.name.clear()
        dialog.save_button.click()
        assert dialog.error_texts()["name"] == "请输入任务名称。"
        assert dialog.error_texts()["labels"] == "标红的标签中有 3 个问题需要修正。"
        assert added.name_error.text() == "属性没有名称。"
        check_every_label(dialog.editor, dialog, data)

        switch(chinese, ENGLISH)  # live: the problems follow
        assert added.name_error.text() == "The attribute has no name."
        assert dialog.error_texts()["labels"] == "3 problems to fix in the labels marked in red."
        assert dialog.windowTitle() == f"Edit task #{task_id}"
        dialog.reject()
        await controller.shutdown()

    loop.run_until_complete(body())


def test_chinese_rendering_needs_chinese(chinese: LanguageManager) -> None:  # noqa: F811
    """The check itself: an English placeholder would be caught."""
    editor = LabelEditor()
    editor.show()
    deliver_posted_events()
    assert not english_left(shown_texts(editor), [])
    editor.form.placeholder.setText("Add a label")
    assert english_left(shown_texts(editor), []) and has_chinese(editor.add_button.text())
    editor.close()
