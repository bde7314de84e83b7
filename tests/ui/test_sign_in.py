"""The sign-in and registration dialogs against the sandbox: success and each failure message."""

from __future__ import annotations

import socket
from collections.abc import Callable

import pytest
import qasync
from PySide6.QtWidgets import QApplication

from annodesk.controller import AppController
from annodesk.sandbox import SandboxServer
from annodesk.sandbox.seed import SAMPLE_USERS
from annodesk.session.tokens import SERVICE, account_name
from annodesk.ui.main_window import MainWindow
from annodesk.ui.register_dialog import RegisterDialog
from annodesk.ui.sign_in_dialog import SignInDialog

from .conftest import MemoryKeyring, NoKeyring, next_emission, page_shown, until, wait_for

PASSWORD = {user[0]: user[1] for user in SAMPLE_USERS}


def fill(dialog: SignInDialog, server: str, username: str, password: str, remember: bool = True) -> None:
    dialog.server.setCurrentText(server)
    dialog.username.setText(username)
    dialog.password.setText(password)
    dialog.remember.setChecked(remember)


async def attempt(dialog: SignInDialog, server: str, username: str, password: str, remember: bool = True) -> bool:
    fill(dialog, server, username, password, remember)
    finished = next_emission(dialog.attemptFinished)
    dialog.sign_in_button.click()
    return await wait_for(finished)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_sign_in_success_opens_main_window_and_stores_token(
    loop: qasync.QEventLoop,
    sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    memory_keyring: MemoryKeyring,
) -> None:
    controller = make_controller()

    async def body() -> None:
        await controller.start()
        dialog = controller.dialog
        assert dialog is not None and dialog.isVisible()
        shown = next_emission(controller.mainWindowShown)
        assert await attempt(dialog, sandbox.base_url, "alice", PASSWORD["alice"])
        window: MainWindow = await wait_for(shown)
        assert not dialog.isVisible() and window.isVisible()
        assert dialog.password.text() == ""
        await page_shown(window)
        assert window.model.rowCount() > 0
        stored = memory_keyring.entries[(SERVICE, account_name(sandbox.base_url, "alice"))]
        assert stored == controller.client.token  # type: ignore[union-attr]
        await controller.shutdown()

    loop.run_until_complete(body())


@pytest.mark.parametrize(
    ("case", "field", "message"),
    [
        ("wrong_password", "password", "Wrong username or password."),
        ("unreachable", "server", "Cannot reach"),
        ("not_cvat", "server", "not a CVAT server"),
        ("server_error", "server", "the server failed (error 500)"),
        ("timeout", "server", "did not answer in time"),
        ("bad_address", "server", "not an http(s) server address"),
    ],
)
def test_sign_in_failures_show_next_to_their_field(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    case: str,
    field: str,
    message: str,
) -> None:
    controller = make_controller(timeout=0.5)
    server, password = fresh_sandbox.base_url, PASSWORD["alice"]
    if case == "wrong_password":
        password = "not-the-password"
    elif case == "unreachable":
        server = f"http://127.0.0.1:{free_port()}"
    elif case == "not_cvat":
        server = fresh_sandbox.base_url + "/somewhere-else"
    elif case == "server_error":
        fresh_sandbox.faults.add("500", path="/auth/login$")
    elif case == "timeout":
        fresh_sandbox.faults.add("hang", path="/auth/login$")
    elif case == "bad_address":
        server = "ftp://files.example"

    async def body() -> None:
        await controller.start()
        dialog = controller.dialog
        assert dialog is not None
        if case == "bad_address":
            fill(dialog, server, "alice", password)
            dialog.sign_in_button.click()
        else:
            assert not await attempt(dialog, server, "alice", password)
        texts = dialog.error_texts()
        assert list(texts) == [field]
        assert message in texts[field]
        assert dialog.isVisible() and dialog.sign_in_button.isEnabled()
        assert controller.window is None
        await controller.shutdown()

    loop.run_until_complete(body())


def test_cancel_stops_a_hanging_sign_in(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    controller = make_controller(timeout=30)
    fresh_sandbox.faults.add("hang", path="/auth/login$")

    async def body() -> None:
        await controller.start()
        dialog = controller.dialog
        assert dialog is not None
        fill(dialog, fresh_sandbox.base_url, "alice", PASSWORD["alice"])
        finished = next_emission(dialog.attemptFinished)
        dialog.sign_in_button.click()
        await until(lambda: dialog.busy.isVisibleTo(dialog))
        assert not dialog.sign_in_button.isEnabled()
        dialog.cancel_button.click()
        assert await wait_for(finished) is False
        assert dialog.error_texts() == {"general": "Sign-in cancelled."}
        assert dialog.isVisible() and dialog.sign_in_button.isEnabled()
        await controller.shutdown()

    loop.run_until_complete(body())


def test_plain_http_warning_only_for_remote_hosts(qapp: QApplication) -> None:
    async def never(_credentials: object) -> None:
        raise AssertionError("not called")

    dialog = SignInDialog(never)
    dialog.server.setCurrentText("http://cvat.example.com")
    assert dialog.plain_http_warning.isVisibleTo(dialog)
    dialog.server.setCurrentText("http://127.0.0.1:8080")
    assert not dialog.plain_http_warning.isVisibleTo(dialog)
    dialog.server.setCurrentText("https://cvat.example.com")
    assert not dialog.plain_http_warning.isVisibleTo(dialog)


def test_registration_field_errors_then_success(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    controller = make_controller()

    async def body() -> None:
        await controller.start()
        assert controller.dialog is not None
        controller.dialog.server.setCurrentText(fresh_sandbox.base_url)
        controller.dialog.register_button.click()
        dialog: RegisterDialog = controller.register_dialog  # type: ignore[assignment]
        assert dialog is not None and dialog.inputs["server"].text() == fresh_sandbox.base_url

        values = {
            "username": "alice",
            "first_name": "Wang",
            "last_name": "Fang",
            "email": "not-an-email",
            "password1": "short",
            "password2": "short",
        }
        for name, value in values.items():
            dialog.inputs[name].setText(value)
        finished = next_emission(dialog.attemptFinished)
        dialog.create_button.click()
        assert await wait_for(finished) is False
        errors = dialog.error_texts()
        assert "A user with that username already exists." in errors["username"]
        assert "Enter a valid email address." in errors["email"]
        assert "Password must be a minimum of 6 characters." in errors["password1"]
        assert dialog.inputs["first_name"].text() == "Wang"  # nothing typed is lost

        dialog.inputs["username"].setText("wangfang")
        dialog.inputs["email"].setText("wang@example.com")
        dialog.inputs["password1"].setText("Lantern#Sky-88")
        dialog.inputs["password2"].setText("Lantern#Sky-88")
        shown = next_emission(controller.mainWindowShown)
        dialog.create_button.click()
        window: MainWindow = await wait_for(shown)
        assert window.controller.username == "wangfang"
        await until(lambda: window.controller.profile is not None)
        assert window.controller.profile is not None and window.controller.profile.first_name == "Wang"
        await controller.shutdown()

    loop.run_until_complete(body())


def test_no_keyring_keeps_session_in_memory_and_says_so(
    loop: qasync.QEventLoop,
    sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    settings_path,
    cache_root,
) -> None:
    import keyring

    keyring.set_keyring(NoKeyring())
    controller = make_controller()

    async def body() -> None:
        await controller.start()
        assert controller.dialog is not None
        shown = next_emission(controller.mainWindowShown)
        assert await attempt(controller.dialog, sandbox.base_url, "alice", PASSWORD["alice"])
        window: MainWindow = await wait_for(shown)
        assert "kept in memory only" in (controller.keyring_notice or "")
        await page_shown(window)  # page messages must not hide the notice
        assert window.notice_label.isVisibleTo(window) and "kept in memory only" in window.notice_label.toolTip()
        token = controller.client.token  # type: ignore[union-attr]
        await controller.shutdown()
        for path in [settings_path, *cache_root.rglob("*")]:
            if path.is_file():
                assert token.encode() not in path.read_bytes()

    loop.run_until_complete(body())
