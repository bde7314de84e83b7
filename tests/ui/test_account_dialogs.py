"""Change password and the profile panel, from the Account menu, against the sandbox: the server's field errors beside
their fields in the UI's language, the token kept, a refused field said plainly."""

from __future__ import annotations

from collections.abc import Callable

import qasync
from PySide6.QtCore import Qt

from annodesk.api import CvatClient
from annodesk.controller import AppController
from annodesk.i18n import LanguageManager
from annodesk.sandbox import SandboxServer
from annodesk.ui.account_menu import AccountMenu
from annodesk.ui.main_window import MainWindow
from annodesk.ui.password_dialog import ChangePasswordDialog
from annodesk.ui.profile_panel import ProfilePanel

from .conftest import next_emission, until, wait_for
from .test_session import sign_in_through_dialog
from .test_sign_in import PASSWORD

NEW_PASSWORD = "Harbour-Lights-62"


def menu_of(window: MainWindow) -> AccountMenu:
    menu = window.findChild(AccountMenu)
    assert menu is not None
    return menu


async def try_change(dialog: ChangePasswordDialog, old: str, new1: str, new2: str) -> bool:
    for name, value in zip(("old_password", "new_password1", "new_password2"), (old, new1, new2), strict=True):
        dialog.inputs[name].setText(value)
    finished = next_emission(dialog.attemptFinished)
    dialog.change_button.click()
    return bool(await wait_for(finished))


def test_change_password_dialog_against_the_sandbox(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    languages: LanguageManager,
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "bob")
        token = controller.client.token  # type: ignore[union-attr]
        menu = menu_of(window)
        menu.rebuild()
        assert menu.password_action.isEnabled()
        menu.password_action.trigger()
        dialog = menu.password_dialog
        assert dialog is not None and dialog.isVisible()  # open(): window-modal, the trigger returned at once
        assert dialog.windowModality() == Qt.WindowModality.WindowModal

        assert not await try_change(dialog, "not-my-password", NEW_PASSWORD, NEW_PASSWORD)
        assert dialog.error_texts() == {"old_password": "The current password is not correct."}
        assert not await try_change(dialog, PASSWORD["bob"], NEW_PASSWORD, NEW_PASSWORD + "x")
        assert dialog.error_texts() == {"new_password2": "The two new passwords are not the same."}
        assert not await try_change(dialog, PASSWORD["bob"], "qwerty", "qwerty")
        assert dialog.error_texts() == {
            "new_password2": "This password is too short: it needs at least 8 characters. This password is too common."
        }
        languages.set_choice("zh_CN")  # the errors shown follow the language, as every field error does
        await until(
            lambda: "8" in dialog.error_texts()["new_password2"] and "too" not in dialog.error_texts()["new_password2"]
        )
        assert dialog.windowTitle() == "修改密码"
        languages.set_choice("en")

        assert await try_change(dialog, PASSWORD["bob"], NEW_PASSWORD, NEW_PASSWORD)
        assert not dialog.isVisible() and all(not field.text() for field in dialog.inputs.values())
        assert controller.client is not None and controller.client.token == token  # the token stays
        window.refresh_action.trigger()
        await wait_for(next_emission(window.pageShown))
        assert window.controller.online
        async with CvatClient(fresh_sandbox.base_url) as fresh:
            assert await fresh.login("bob", NEW_PASSWORD) == token
        await controller.shutdown()

    loop.run_until_complete(body())


def test_profile_panel_saves_names_and_says_plainly_what_the_server_refuses(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "alice")
        menu = menu_of(window)
        menu.rebuild()
        panel = menu.edit_profile()
        assert isinstance(panel, ProfilePanel) and panel.isVisible()
        assert panel.inputs["first_name"].text() == "Alice" and panel.username.text() == "alice"
        assert not panel.inputs["email"].isEnabled() and panel.email_note.isVisibleTo(panel)  # CVAT: staff only

        panel.inputs["first_name"].setText("Alicia")
        finished = next_emission(panel.attemptFinished)
        panel.save_button.click()
        assert await wait_for(finished) is True
        assert not panel.isVisible()
        assert window.controller.profile is not None and window.controller.profile.first_name == "Alicia"
        assert window.user_button.text() == "Alicia Martin (alice)"
        assert window.controller.profile.email == "alice@example.com"  # full fields kept

        panel = menu.edit_profile()
        assert panel is not None
        panel.inputs["email"].setEnabled(True)  # as if the server's rules were not known: it refuses
        panel.inputs["email"].setText("alicia@example.com")
        finished = next_emission(panel.attemptFinished)
        panel.save_button.click()
        assert await wait_for(finished) is False
        assert panel.error_texts() == {"general": "This server does not let you change your e-mail address."}
        assert panel.isVisible() and panel.inputs["email"].text() == "alicia@example.com"  # nothing typed is lost
        panel.reject()
        await controller.shutdown()

    loop.run_until_complete(body())
