"""English and 简体中文: the language manager, live switching, translated server words, locale formats, and the
main window and sign-in dialog rendered in Chinese with nothing cut off and nothing left in English."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QModelIndex, QSettings, Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QApplication, QDialogButtonBox

from annodesk import messages
from annodesk.api import errors
from annodesk.api.models import Task
from annodesk.controller import AppController
from annodesk.i18n import CHINESE, ENGLISH, SYSTEM, LanguageManager, arg, format_datetime
from annodesk.models.job_tree import JobTreeModel
from annodesk.models.label_tree import LabelTreeModel
from annodesk.models.task_table import COLUMNS, TaskTableModel
from annodesk.models.vocabulary import MODE, RAW_VALUE_ROLE, STATUS, USER_GROUP, display_status
from annodesk.sandbox import SandboxServer
from annodesk.session.tokens import KeyringUnavailable
from annodesk.settings import Settings
from annodesk.ui.main_window import MainWindow
from annodesk.ui.register_dialog import RegisterDialog
from annodesk.ui.sign_in_dialog import SignInDialog

from .conftest import next_emission, until, wait_for
from .test_session import sign_in_through_dialog
from .test_sign_in import PASSWORD, attempt
from .ui_text import cut_off, english_left, plain, shown_texts


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def deliver_posted_events() -> None:
    """Deliver the LanguageChange events Qt posts to every window, and the layout requests that follow.

    Not ``processEvents()``: inside a qasync task that would run the asyncio loop re-entrantly, which can
    lose the task's wake-up and hang the test.
    """
    for kind in (QEvent.Type.LanguageChange, QEvent.Type.LayoutRequest):
        QCoreApplication.sendPostedEvents(None, kind)


def switch(languages: LanguageManager, choice: str) -> None:
    """Switch as the menu does, then let every window re-translate itself."""
    languages.set_choice(choice)
    deliver_posted_events()


@pytest.fixture
def chinese(languages: LanguageManager) -> Iterator[LanguageManager]:
    switch(languages, CHINESE)
    yield languages  # the autouse ``languages`` fixture switches back to English


def server_data(window: MainWindow) -> set[str]:
    """Everything in the window that comes from the server and is shown as it is."""
    data = {window.controller.server_url, window.controller.username}
    for user in window.controller.users.values():
        data |= {user.username, user.display_name, user.first_name, user.last_name, user.email}
    for task in window.model.tasks:
        data.add(task.name)
        for label in task.labels:
            data.add(label.name)
            for attribute in label.attributes:
                data |= {attribute.name, attribute.default_value, *attribute.values}
    for project in window.projects.controller.known.values():  # "&" too: the checker reads it as a mnemonic
        data |= {project.name, plain(project.name)}
    return data


async def open_task(window: MainWindow) -> Task:
    """Select the task with the most segments (data, labels, jobs) and wait for its details."""
    row = max(range(window.model.rowCount()), key=lambda r: len(window.model.tasks[r].segments))
    shown = next_emission(window.detailsShown)
    window.table.selectRow(row)
    await wait_for(shown)
    return window.model.tasks[row]


# -- the language manager ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("system", "expected"),
    [("zh_CN", CHINESE), ("zh_TW", CHINESE), ("en_GB", ENGLISH), ("de_DE", ENGLISH), ("C", ENGLISH)],
)
def test_system_default_follows_the_system_locale(tmp_path: Path, system: str, expected: str) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    manager = LanguageManager(settings, system_locale=QLocale(system))
    assert manager.choice == SYSTEM and manager.resolve(SYSTEM) == expected


def test_choice_is_remembered_and_loads_both_catalogues(
    languages: LanguageManager, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    manager = LanguageManager(settings, system_locale=QLocale("en_US"))
    with caplog.at_level(logging.INFO, logger="annodesk.i18n"):
        manager.set_choice(CHINESE)
    try:
        assert Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)).language == CHINESE
        files = [Path(path).name for path in manager.loaded_files()]
        assert files == ["qtbase_zh_CN.qm", "annodesk_zh_CN.qm"]
        assert [r.getMessage().endswith("ok") for r in caplog.records] == [True, True]  # each load() logged
        assert QLocale().name() == "zh_CN"
        assert QCoreApplication.translate("SignInDialog", "Sign in") == "登录"
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)  # Qt's own strings: qtbase_zh_CN
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    finally:
        manager.uninstall()
        languages.set_choice(ENGLISH)
    restarted = LanguageManager(settings, system_locale=QLocale("en_US"))  # the next start reads it back
    assert restarted.choice == CHINESE
    restarted.apply()
    try:
        assert restarted.language == CHINESE and QCoreApplication.translate("TaskDetails", "Labels") == "标签"
    finally:
        restarted.uninstall()
        languages.set_choice(ENGLISH)
    with pytest.raises(ValueError):
        manager.set_choice("fr")


def test_a_failed_load_is_logged_not_hidden(
    languages: LanguageManager, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("annodesk.i18n.resource_path", lambda relative: tmp_path / relative)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    manager = LanguageManager(settings, system_locale=QLocale("en_US"))
    with caplog.at_level(logging.WARNING, logger="annodesk.i18n"):
        manager.set_choice(CHINESE)
    manager.uninstall()
    assert any("annodesk_zh_CN.qm: FAILED" in r.getMessage() for r in caplog.records)


def test_arg_fills_placeholders_once() -> None:
    assert arg("%1 of %2", "50%2", 3) == "50%2 of 3"
    assert arg("第 %1 / %2 页", 1, 12) == "第 1 / 12 页"


# -- server words and locale formats -------------------------------------------------------------


def test_server_words_are_shown_translated_and_kept_raw(chinese: LanguageManager, sandbox: SandboxServer) -> None:
    from tests.api.helpers import run, sign_in

    async def load() -> tuple[tuple[Task, ...], Task]:
        client = await sign_in(sandbox, "admin")
        async with client:
            page = await client.list_tasks(page_size=100)
            detailed = max(page.results, key=lambda t: len(t.segments))
            return page.results, await client.get_task(detailed.id)

    tasks, task = run(load())
    table = TaskTableModel()
    table.set_tasks(tasks)
    status = next(i for i, c in enumerate(COLUMNS) if c.key == "status")
    mode = next(i for i, c in enumerate(COLUMNS) if c.key == "mode")
    assert table.headerData(status, Qt.Orientation.Horizontal) == "状态"
    for row, item in enumerate(tasks):
        assert table.data(table.index(row, status), RAW_VALUE_ROLE) == item.status
        assert table.data(table.index(row, status)) == STATUS.display(item.status) != item.status
        if item.mode:
            assert table.data(table.index(row, mode), RAW_VALUE_ROLE) == item.mode
            assert has_chinese(table.data(table.index(row, mode)))
    assert {table.data(table.index(r, status)) for r in range(len(tasks))} <= {"标注中", "验证中", "已完成"}

    jobs = JobTreeModel()
    jobs.set_segments(task.segments)
    for s in range(jobs.rowCount()):
        segment = jobs.index(s, 0, QModelIndex())
        assert jobs.data(jobs.index(s, 1, QModelIndex())).endswith("个作业")
        for j in range(jobs.rowCount(segment)):
            raw = jobs.data(jobs.index(j, 1, segment), RAW_VALUE_ROLE)
            assert raw in STATUS.values and jobs.data(jobs.index(j, 1, segment)) == display_status(raw) != raw

    labels = LabelTreeModel()
    labels.set_labels(task.labels)
    input_types = {
        labels.data(labels.index(a, 1, labels.index(lab, 0, QModelIndex())), RAW_VALUE_ROLE): labels.data(
            labels.index(a, 1, labels.index(lab, 0, QModelIndex()))
        )
        for lab in range(labels.rowCount())
        for a in range(labels.rowCount(labels.index(lab, 0, QModelIndex())))
    }
    assert input_types and all(raw != shown and has_chinese(shown) for raw, shown in input_types.items())


def test_vocabularies_list_raw_values_for_combo_boxes(chinese: LanguageManager) -> None:
    assert STATUS.items() == [("标注中", "annotation"), ("验证中", "validation"), ("已完成", "completed")]
    assert MODE.display("interpolation") == "插值" and USER_GROUP.display("admin") == "管理员"
    assert STATUS.display("reviewing") == "reviewing"  # a value a newer server may send: shown as it is
    switch(chinese, ENGLISH)
    assert STATUS.items()[0] == ("annotation", "annotation")


def test_dates_and_numbers_follow_the_chosen_language(languages: LanguageManager) -> None:
    moment = datetime(2026, 11, 7, 15, 4, tzinfo=UTC)
    english = format_datetime(moment)
    switch(languages, CHINESE)
    chinese = format_datetime(moment)
    local = moment.astimezone()
    assert chinese == QLocale("zh_CN").toString(local.replace(tzinfo=None), QLocale.FormatType.ShortFormat)
    assert chinese.startswith("2026/11/7") and english != chinese
    assert english.startswith("11/7/26")  # en_US
    assert QLocale().toString(12345) == "12,345"


def test_every_client_error_becomes_a_chinese_sentence(chinese: LanguageManager) -> None:
    """No English sentence of ours reaches a Chinese user; the server's own words follow, quoted."""
    made = [
        errors.CvatError("x"),
        errors.InvalidInput("x", detail="Enter a valid email address."),
        errors.BadCredentials("x"),
        errors.NotAuthenticated("x", detail="Invalid token."),
        errors.PermissionDenied("x", detail="You do not have permission."),
        errors.NotFound("x"),
        errors.NotFound("x", detail="Not found."),
        errors.RateLimited("x", retry_after=30),
        errors.RateLimited("x"),
        errors.RequestRejected("x", status=409, detail="conflict"),
        errors.RequestRejected("x", status=302),
        errors.RedirectRefused("x", location="https://elsewhere.example.com/api/v1/", status=302),
        errors.ServerError("x", status=500),
        errors.ServerError("x", status=502, detail="Bad Gateway"),
        errors.NetworkError("x"),
        errors.ServerUnreachable("x"),
        errors.RequestTimeout("x"),
        errors.CertificateNotTrusted("x", detail="[SSL: CERTIFICATE_VERIFY_FAILED] self-signed certificate"),
        errors.CaBundleError("x", detail="[Errno 2] No such file or directory"),
        errors.MalformedResponse("x", detail="Expected `int`, got `str`"),
        errors.NotCvatServer("x"),
        errors.UploadInterrupted("x", bytes_sent=3_500_000, total=12_000_000),
        errors.TaskProcessingFailed("x", reason="ValueError: No media data found"),
        errors.ExportFailed("x", reason="OSError: disk full", status=500),
        errors.ImportFailed("x", reason="ValueError: The file is not valid COCO JSON", status=500),
        errors.AnswerTooLarge("x", limit=64 * 1024 * 1024),
    ]
    classes = {cls for cls in vars(errors).values() if isinstance(cls, type) and issubclass(cls, errors.CvatError)}
    assert classes == {type(exc) for exc in made}  # a new error type needs its sentence (and this list)
    for exc in made:
        for text in (
            messages.error_sentence(exc),
            messages.action_error(exc),
            messages.sign_in_error(exc, "https://cvat.example.com")[1],
        ):
            leftover = english_left([(type(exc).__name__, text)], [exc.detail, "https://cvat.example.com"])
            if isinstance(exc, errors.RedirectRefused):
                assert exc.location in text  # where the server wanted to send the token
            assert has_chinese(text) and not leftover, (text, leftover)
        if exc.detail:
            assert f"“{exc.detail}”" in messages.error_sentence(exc)
    for text in (
        messages.server_address_error(""),
        messages.server_address_error("ftp://x"),
        messages.keyring_notice(KeyringUnavailable("x", no_keyring=True)),
        messages.keyring_notice(KeyringUnavailable("x", detail="locked")),
        messages.session_ended(""),
        messages.session_ended("Invalid token."),
        messages.sign_out_notice(None),
        messages.sign_out_notice(errors.ServerUnreachable("x")),
        messages.sign_out_notice(errors.PermissionDenied("x", detail="You do not have permission.")),
    ):
        assert has_chinese(text) and not english_left(
            [("message", text)],
            ["ftp://x", "locked", "Secret Service", "Linux", "Invalid token.", "You do not have permission."],
        )


# -- rendered in Chinese ------------------------------------------------------------------------


def test_sign_in_dialog_in_english_fits(qapp: QApplication) -> None:
    async def never(_credentials: object) -> None:
        raise AssertionError("not called")

    dialog = SignInDialog(never, ["https://cvat.example.com"], username="zhangwei")
    dialog.show()
    deliver_posted_events()
    assert dialog.ca_file.placeholderText() and not dialog.ca_file.text()
    assert not cut_off(dialog), cut_off(dialog)
    dialog.close()


def test_sign_in_and_registration_in_chinese_fit_and_are_chinese(chinese: LanguageManager, qapp: QApplication) -> None:
    async def never(_credentials: object) -> None:
        raise AssertionError("not called")

    dialog = SignInDialog(never, ["https://cvat.example.com"], username="zhangwei")
    dialog.show()
    dialog.server.setCurrentText("http://cvat.example.com")  # shows the plain-http warning too
    dialog.username.clear()
    dialog.submit()  # "enter your username" under the field
    deliver_posted_events()
    assert dialog.error_texts() == {"username": "请输入用户名。"}
    texts = shown_texts(dialog)
    assert not english_left(texts, ["http://cvat.example.com", "https://cvat.example.com"]), texts
    assert not cut_off(dialog)
    assert dialog.cancel_button.text() == "取消"
    assert dialog.ca_row.label.text() == "CA 证书" and dialog.ca_browse.text() == "浏览…"

    missing = "/nowhere/ca.pem"  # the CA certificate row: its placeholder, button and error, in Chinese and whole
    dialog.username.setText("zhangwei")
    dialog.password.setText("secret")
    dialog.ca_file.setText(missing)
    dialog.submit()
    deliver_posted_events()
    assert dialog.error_texts() == {"ca": f"文件 {missing} 不存在。"}
    texts = shown_texts(dialog)
    assert not english_left(
        texts, ["http://cvat.example.com", "https://cvat.example.com", missing, "zhangwei", "secret"]
    ), texts
    assert not cut_off(dialog), cut_off(dialog)
    dialog.ca_file.clear()
    assert not cut_off(dialog), cut_off(dialog)  # the placeholder shows now
    dialog.close()

    register = RegisterDialog(never, "https://cvat.example.com")
    register.show()
    deliver_posted_events()
    assert not english_left(shown_texts(register), ["https://cvat.example.com"]) and not cut_off(register)
    register.close()


def test_main_window_in_chinese_fits_and_is_chinese(
    chinese: LanguageManager,
    loop: qasync.QEventLoop,
    sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
) -> None:
    async def body() -> None:
        controller = make_controller()
        await controller.start()  # as at start-up: the language is installed before any window is built
        dialog = controller.dialog
        assert dialog is not None
        assert dialog.language_buttons[CHINESE].isChecked() and dialog.windowTitle() == "登录 CVAT"
        assert not cut_off(dialog), cut_off(dialog)
        shown = next_emission(controller.mainWindowShown)
        assert await attempt(dialog, sandbox.base_url, "zhangwei", PASSWORD["zhangwei"])
        window: MainWindow = await wait_for(shown)
        await until(
            lambda: (
                window.model.rowCount() > 0 and window.controller.profile is not None and bool(window.controller.users)
            )
        )
        task = await open_task(window)
        deliver_posted_events()
        assert window.pager.page_label.text().startswith("第 1 /") and window.pager.count_label.text().startswith("共 ")
        assert window.details.values["status"].text() == STATUS.display(task.status)
        assert window.language_actions[SYSTEM].text().startswith("跟随系统")
        for tab in range(window.details.tabs.count()):  # both tabs of the details pane
            window.details.tabs.setCurrentIndex(tab)
            deliver_posted_events()
            problems = cut_off(window)
            assert not problems, "\n".join(problems)
            english = english_left(shown_texts(window), server_data(window))
            assert not english, "\n".join(english)
        await controller.shutdown()

    loop.run_until_complete(body())


def test_live_switch_keeps_the_users_place(
    languages: LanguageManager,
    loop: qasync.QEventLoop,
    sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, sandbox, "admin")
        shown = next_emission(window.pageShown)
        window.pager.next_button.click()
        await wait_for(shown)
        task = await open_task(window)
        window.details.tabs.setCurrentIndex(1)
        window.search.blockSignals(True)  # typed, not yet sent: the text must survive too
        window.search.setText("街景")
        window.search.blockSignals(False)
        window.table.verticalScrollBar().setValue(window.table.verticalScrollBar().maximum())
        place = (
            window.controller.page,
            window.table.selected_task(),
            window.search.text(),
            window.details.tabs.currentIndex(),
        )
        scroll = window.table.verticalScrollBar().value()
        english = {window.pager.page_label.text(), window.file_menu.title(), window.search.placeholderText()}
        loads: list[str] = []
        for name in ("tasks", "preview", "users", "profile"):  # nothing may be asked of the server again
            original = getattr(window.controller.repository, name)
            setattr(
                window.controller.repository,
                name,
                lambda *a, _name=name, _original=original: (loads.append(_name), _original(*a))[1],
            )
        status_column = next(i for i, c in enumerate(COLUMNS) if c.key == "status")
        row = window.model.row_of(task.id)

        window.language_actions[CHINESE].trigger()  # the Language menu
        deliver_posted_events()
        assert languages.choice == CHINESE and window.language_actions[CHINESE].isChecked()
        assert window.pager.page_label.text() == f"第 2 / {window.controller.page_count} 页"
        assert window.file_menu.title() == "文件(&F)" and has_chinese(window.search.placeholderText())
        assert window.model.headerData(status_column, Qt.Orientation.Horizontal) == "状态"
        assert window.table.model().data(window.model.index(row, status_column)) == STATUS.display(task.status)
        assert window.details.tabs.tabText(1) == "分段与作业"
        assert window.details.values["status"].text() == STATUS.display(task.status)
        assert (
            window.controller.page,
            window.table.selected_task(),
            window.search.text(),
            window.details.tabs.currentIndex(),
        ) == place
        assert window.table.verticalScrollBar().value() == scroll
        assert not window.message_label.text() or has_chinese(window.message_label.text())

        window.language_actions[ENGLISH].trigger()
        deliver_posted_events()
        assert {window.pager.page_label.text(), window.file_menu.title(), window.search.placeholderText()} == english
        assert window.model.headerData(status_column, Qt.Orientation.Horizontal) == "Status"
        assert (
            window.controller.page,
            window.table.selected_task(),
            window.search.text(),
            window.details.tabs.currentIndex(),
        ) == place
        assert loads == []  # nothing reloaded
        window.language_actions[SYSTEM].trigger()  # the test system is en_US
        deliver_posted_events()
        assert languages.choice == SYSTEM and window.pager.page_label.text().startswith("Page 2 of")
        await controller.shutdown()

    loop.run_until_complete(body())


def test_sign_in_dialog_switches_language_and_errors_follow(
    languages: LanguageManager, loop: qasync.QEventLoop, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        controller = make_controller()
        await controller.start()
        dialog = controller.dialog
        assert dialog is not None and dialog.language_buttons[ENGLISH].isChecked()
        dialog.server.setCurrentText("ftp://files.example")
        dialog.sign_in_button.click()
        assert "not an http(s) server address" in dialog.error_texts()["server"]

        dialog.language_buttons[CHINESE].click()  # before signing in: a reader of Chinese first
        deliver_posted_events()
        assert languages.choice == CHINESE and dialog.language_buttons[CHINESE].isChecked()
        assert dialog.sign_in_button.text() == "登录" and dialog.server_row.label.text() == "服务器"
        assert dialog.cancel_button.text() == "取消"  # Qt's own button, from qtbase_zh_CN
        assert dialog.error_texts()["server"] == "“ftp://files.example”不是 http(s) 服务器地址。"
        assert dialog.server.currentText() == "ftp://files.example"  # what was typed stays
        await controller.shutdown()

    loop.run_until_complete(body())


def test_offline_banner_and_messages_switch_live(
    languages: LanguageManager,
    loop: qasync.QEventLoop,
    sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, sandbox, "alice")
        saved_at = datetime(2026, 11, 6, 9, 30, tzinfo=UTC).timestamp()
        window.controller._go_offline(saved_at)
        window.controller._retry_timer.stop()  # stay offline for this test
        window.show_session_notice(lambda: messages.keyring_notice(KeyringUnavailable("x", no_keyring=True)))
        assert window.banner.text().startswith(f"Offline — data from {format_datetime(saved_at)}.")
        window.resize(900, window.height())  # the sentence is wider than the status bar leaves it: "…", tooltip
        assert window.message_label.toolTip() == window.message_label.text() != ""

        switch(languages, CHINESE)
        assert window.banner.text().startswith(f"离线 — 显示的是 {format_datetime(saved_at)} 的数据")
        assert format_datetime(saved_at).startswith("2026/11/6")
        assert window.state_label.text() == "● 离线" and window.notice_label.text() == "⚠ 会话未保存"
        assert window.notice_label.toolTip().startswith("系统没有可用的密钥环")
        assert window.message_label.text() == window.notice_label.toolTip()
        await controller.shutdown()

    loop.run_until_complete(body())


def test_fault_messages_sign_out_notice_and_ca_field_switch_live(
    languages: LanguageManager,
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
) -> None:
    """A failure in the status bar, the sign-out notice and the CA certificate row follow a language switch."""

    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "admin")
        fresh_sandbox.faults.add("500", path=r"/api/v1/tasks$")
        shown = next_emission(window.pageShown)
        window.pager.next_button.click()
        await wait_for(shown)
        assert window.message_label.text().startswith("Server error: the server failed (error 500).")
        assert window.controller.page == 1  # the pager reverted
        assert window.pager.page_label.text().startswith("Page 1 of")
        switch(languages, CHINESE)
        assert window.message_label.text() == "服务器错误：服务器内部出错（错误 500）。请稍后重试。"
        assert window.pager.page_label.text().startswith("第 1 /")
        await asyncio.to_thread(fresh_sandbox.faults.clear)

        fresh_sandbox.faults.add("403", path=r"/api/v1/auth/logout$")
        dialog_shown = next_emission(controller.signInShown)
        window.sign_out_action.trigger()
        dialog: SignInDialog = await wait_for(dialog_shown)
        assert dialog.notice.text().startswith("您已在此电脑上退出登录，但服务器未能结束会话：无权操作：")
        assert "“You do not have permission to perform this action.”" in dialog.notice.text()  # the server's words
        switch(languages, ENGLISH)
        assert dialog.notice.text().startswith(
            "You are signed out on this computer, but the server could not end the session: Not allowed: "
        )
        await asyncio.to_thread(fresh_sandbox.faults.clear)

        missing = "/nowhere/ca.pem"
        dialog.ca_file.setText(missing)
        dialog.password.setText(PASSWORD["admin"])
        dialog.sign_in_button.click()
        assert dialog.error_texts() == {"ca": f"There is no file {missing}."}
        assert dialog.ca_row.label.text() == "CA certificate" and dialog.ca_browse.text() == "Browse…"
        switch(languages, CHINESE)
        assert dialog.error_texts() == {"ca": f"文件 {missing} 不存在。"}
        assert dialog.ca_row.label.text() == "CA 证书" and dialog.ca_browse.text() == "浏览…"
        assert dialog.ca_file.text() == missing and dialog.username.text() == "admin"  # what was typed stays
        assert dialog.notice.text().startswith("您已在此电脑上退出登录")
        await controller.shutdown()

    loop.run_until_complete(body())


def test_job_editing_deletion_and_previews_in_chinese_fit_and_are_chinese(
    chinese: LanguageManager,
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
) -> None:
    """The Task and View menus, the table's and a job's context menus, the status and assignee editors, a kept
    (unsaved) job change with its notice, the preview column and the delete confirmation, all in Chinese."""
    from PySide6.QtWidgets import QComboBox, QMessageBox

    from annodesk.models.job_editing import ASSIGNEE_COLUMN, STATUS_COLUMN
    from annodesk.models.task_table import PREVIEW_COLUMN

    from .ui_text import _menu_texts

    async def body() -> None:
        controller = make_controller()
        await controller.start()
        assert controller.dialog is not None
        shown = next_emission(controller.mainWindowShown)
        assert await attempt(controller.dialog, fresh_sandbox.base_url, "zhangwei", PASSWORD["zhangwei"])
        window: MainWindow = await wait_for(shown)
        await until(
            lambda: (
                window.model.rowCount() > 0 and window.controller.profile is not None and bool(window.controller.users)
            )
        )
        window.show()
        window.thumbnails.action.trigger()  # 视图 › 显示任务预览图
        store = window.thumbnails.store
        await until(lambda: store.cached(window.model.tasks[0].id) or not window.model.tasks[0].has_data)
        row = max(range(window.model.rowCount()), key=lambda r: len(window.model.tasks[r].segments))
        task = window.model.tasks[row]
        window.table.selectRow(row)
        await until(lambda: window.details.task is not None and window.details.task.id == task.id)
        window.details.tabs.setCurrentWidget(window.details.jobs_page)
        job = task.jobs[0]
        fresh_sandbox.faults.add("502_html", path=r"/api/v1/jobs/\d+$", times=1)
        settled = next_emission(window.job_editing.editSettled)
        window.job_editing.set_status(job.id, "completed" if job.status != "completed" else "annotation")
        await wait_for(settled)
        assert window.job_editing.notice.isVisibleTo(window)
        assert window.job_editing.notice.label.text().startswith("1 个作业修改未保存。服务器错误")
        assert window.message_label.text().startswith(f"对作业 #{job.id} 的修改未保存：服务器错误")
        assert window.model.headerData(PREVIEW_COLUMN, Qt.Orientation.Horizontal) == "预览"
        deliver_posted_events()
        data = server_data(window)

        def check(where: str, texts: list[tuple[str, str]], widget: object = None) -> None:
            english = english_left(texts, data)
            assert not english, where + ":\n" + "\n".join(english)
            if widget is not None:
                problems = cut_off(widget)  # type: ignore[arg-type]
                assert not problems, where + ":\n" + "\n".join(problems)

        check("main window", shown_texts(window), window)
        assert window.task_menu.title() == "任务(&T)" and window.view_menu.title() == "视图(&V)"
        check("table menu", list(_menu_texts(window.table_menu.actions(), "table")))
        job_menu = window.job_editing.job_menu(job.id)
        check("job menu", list(_menu_texts(job_menu.actions(), "job")))
        texts = [a.text() for a in job_menu.actions() if not a.isSeparator()]
        assert texts[-5:] == [
            "重新保存(&R)",
            "放弃修改(&D)",
            f"将标注导入作业 #{job.id}(&I)…",
            f"打开作业 #{job.id}(&O)",
            f"将作业 #{job.id} 设为离线可用(&F)",
        ]

        view = window.details.jobs_view
        for column in (STATUS_COLUMN, ASSIGNEE_COLUMN):  # the inline editors
            view.edit(window.details.jobs_model.job_index(task.jobs[-1].id, column))
            editors = [w for w in view.viewport().findChildren(QComboBox) if w.isVisible()]
            assert len(editors) == 1
            deliver_posted_events()
            check(f"editor of column {column}", shown_texts(window), window)
            editors[0].hidePopup()
            view.closeEditor(editors[0], QAbstractItemDelegate.EndEditHint.RevertModelCache)
            await until(lambda: not [w for w in view.viewport().findChildren(QComboBox) if w.isVisible()])

        window.task_deletion.action.trigger()  # 任务 › 删除任务…
        box = window.task_deletion.confirmation
        assert box is not None
        deliver_posted_events()
        assert box.text().startswith(f"要删除任务 #{task.id}“{task.name}”吗？")
        check("delete confirmation", shown_texts(box), box)
        box.button(QMessageBox.StandardButton.Cancel).click()
        await until(lambda: window.task_deletion.confirmation is None)
        await controller.shutdown()

    loop.run_until_complete(body())
