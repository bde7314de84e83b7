"""TLS in the app: an untrusted certificate is explained; a CA certificate chosen in the sign-in dialog is used,
remembered per server (the path only) and reused at the next start with the stored token; redirects explained."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import qasync
from PySide6.QtCore import QSettings

from annodesk.controller import AppController
from annodesk.ui.main_window import MainWindow

from ..security.test_transport import redirect_pair  # noqa: F401  (fixture)
from ..security.tls import https_sandbox
from .conftest import next_emission, page_shown, until, wait_for
from .test_sign_in import PASSWORD, attempt


def test_untrusted_certificate_then_ca_file_signs_in_and_is_reused(
    loop: qasync.QEventLoop, tmp_path: Path, make_controller: Callable[..., AppController], settings_path: Path
) -> None:
    with https_sandbox(tmp_path / "tls") as tls:

        async def body() -> None:
            first = make_controller()
            await first.start()
            dialog = first.dialog
            assert dialog is not None and dialog.ca_file.text() == ""
            assert not await attempt(dialog, tls.base_url, "alice", PASSWORD["alice"])
            assert "certificate is not trusted" in dialog.error_texts()["server"]
            assert dialog.username.text() == "alice" and dialog.server.currentText() == tls.base_url

            dialog.ca_file.setText(str(tmp_path / "nowhere.pem"))
            dialog.sign_in_button.click()
            assert "There is no file" in dialog.error_texts()["ca"]

            dialog.ca_file.setText(str(tls.ca_file))
            dialog.ca_file.textEdited.emit(str(tls.ca_file))
            shown = next_emission(first.mainWindowShown)
            assert await attempt(dialog, tls.base_url, "alice", PASSWORD["alice"])
            window: MainWindow = await wait_for(shown)
            await until(lambda: window.model.rowCount() > 0)
            assert window.controller.online
            await first.shutdown()

            settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
            assert first.ca_file_for(tls.base_url) == str(tls.ca_file)
            text = settings_path.read_text()
            assert "BEGIN CERTIFICATE" not in text and str(tls.ca_file) in text  # a path, not the certificate
            assert settings.value("session/server") == tls.base_url

            second = make_controller()  # a restart: the stored token, over TLS with the remembered CA
            shown = next_emission(second.mainWindowShown)
            await second.start()
            window = await wait_for(shown)
            assert second.dialog is None
            await page_shown(window)
            assert window.controller.online and window.model.rowCount() > 0
            await second.shutdown()

            third = make_controller()
            dialog = third.show_sign_in(tls.base_url, "alice")
            assert dialog.ca_file.text() == str(tls.ca_file)  # filled in for that server
            dialog.server.setCurrentText("https://other.example.com")
            assert dialog.ca_file.text() == ""  # …and for that server only
            await third.shutdown()

        loop.run_until_complete(body())


def test_redirect_is_explained_in_the_dialog(
    loop: qasync.QEventLoop,
    make_controller: Callable[..., AppController],
    redirect_pair: tuple[str, list[dict[str, str]], str],  # noqa: F811
) -> None:
    url, seen, target = redirect_pair

    async def body() -> None:
        controller = make_controller()
        await controller.start()
        dialog = controller.dialog
        assert dialog is not None
        assert not await attempt(dialog, url, "alice", "some-password")
        message = dialog.error_texts()["server"]
        assert "another address" in message and target in message and "does not follow redirects" in message
        await controller.shutdown()

    loop.run_until_complete(body())
    assert seen == []


def test_start_up_with_a_vanished_ca_file_asks_to_sign_in(
    loop: qasync.QEventLoop, tmp_path: Path, make_controller: Callable[..., AppController]
) -> None:
    with https_sandbox(tmp_path / "tls") as tls:

        async def body() -> None:
            first = make_controller()
            await first.start()
            assert first.dialog is not None
            moved = tmp_path / "ca-copy.pem"
            moved.write_bytes(tls.ca_file.read_bytes())
            first.dialog.ca_file.setText(str(moved))
            first.dialog.ca_file.textEdited.emit(str(moved))  # as if typed: the user's choice
            shown = next_emission(first.mainWindowShown)
            assert await attempt(first.dialog, tls.base_url, "alice", PASSWORD["alice"])
            await wait_for(shown)
            await first.shutdown()
            moved.unlink()  # the CA file is gone before the next start

            second = make_controller()
            await second.start()
            dialog = second.dialog
            assert dialog is not None and second.window is None
            assert "CA certificate file cannot be used" in dialog.notice.text()
            assert dialog.username.text() == "alice" and dialog.ca_file.text() == str(moved)
            await second.shutdown()

        loop.run_until_complete(body())
