"""Enter in a dialog's text field presses the dialog's own button — never a side button such as Browse….

Qt makes every push button inside a dialog "auto default"; once one has had the focus, Enter went to it (Enter in
the sign-in password field opened the CA file picker). Side buttons are made with ``form.side_button``.
"""

from __future__ import annotations

from collections.abc import Callable

import qasync
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPushButton

from annodesk.controller import AppController
from annodesk.sandbox import SandboxServer
from annodesk.ui.main_window import MainWindow

from .conftest import next_emission, wait_for
from .test_session import sign_in_through_dialog
from .test_sign_in import PASSWORD, fill


def defaults_after_touching_every_button(dialog: QDialog) -> list[QPushButton]:
    """Give every push button the focus once (as tabbing through the dialog does), then go back to a text field;
    return the buttons Enter would press there."""
    buttons = [b for b in dialog.findChildren(QPushButton) if b.isVisibleTo(dialog)]
    for button in buttons:
        button.setFocus()
        QApplication.sendPostedEvents()
    field = next(f for f in dialog.findChildren(QLineEdit) if f.isVisibleTo(dialog) and f.isEnabled())
    field.setFocus()
    QApplication.sendPostedEvents()
    return [b for b in buttons if b.isDefault()]


def press_enter_in(field: QLineEdit) -> None:
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_Return)


def test_enter_in_the_password_field_signs_in(
    loop: qasync.QEventLoop, sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        controller = make_controller()
        await controller.start()
        dialog = controller.dialog
        assert dialog is not None
        dialog.show()
        assert defaults_after_touching_every_button(dialog) == [dialog.sign_in_button]
        fill(dialog, sandbox.base_url, "demo", PASSWORD["demo"])
        shown = next_emission(controller.mainWindowShown)
        press_enter_in(dialog.password)
        window: MainWindow = await wait_for(shown)
        assert window.controller.username == "demo" and dialog.ca_browse.findChildren(QDialog) == []

        create = window.authoring.show_create_task()
        assert defaults_after_touching_every_button(create) == [create.create_button]
        create.close()
        await controller.shutdown()

    loop.run_until_complete(body())


def test_register_and_transfer_dialogs_keep_enter_for_their_own_button(
    loop: qasync.QEventLoop, sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, sandbox, "admin")
        task = next(t for t in window.model.tasks if t.has_data)
        shown = next_emission(window.detailsShown)
        window.table.selectRow(window.model.row_of(task.id) or 0)
        await wait_for(shown)

        export = window.transfers.export_selected()
        assert export is not None
        if not export.formats.count():
            await wait_for(next_emission(export.formatsShown))
        found = defaults_after_touching_every_button(export)
        assert found == [export.export_button], [b.text() for b in found]
        export.close()
        importer = window.transfers.import_into_selected()
        assert importer is not None
        if not importer.formats.count():
            await wait_for(next_emission(importer.formatsShown))
        found = defaults_after_touching_every_button(importer)
        assert found == [importer.import_button], [b.text() for b in found]
        importer.close()
        edit = window.authoring.show_edit_task()
        assert edit is not None
        assert defaults_after_touching_every_button(edit) == [edit.save_button]
        edit.reject()

        register = controller.show_register(sandbox.base_url)
        assert defaults_after_touching_every_button(register) == [register.create_button]
        register.hide()
        await controller.shutdown()

    loop.run_until_complete(body())
