"""The signed-in user's profile in a small message box."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QMessageBox, QWidget

from annodesk.api.models import User
from annodesk.i18n import arg
from annodesk.models.vocabulary import display_group


def show_profile(parent: QWidget, user: User | None, username: str, server: str) -> None:
    """Username, name, e-mail, groups and server (only the username while the profile is unknown)."""

    if user is None:
        QMessageBox.information(parent, QCoreApplication.translate("MainWindow", "Profile"), username)
        return
    rows = [
        (QCoreApplication.translate("MainWindow", "Username"), user.username),
        (
            QCoreApplication.translate("MainWindow", "Name"),
            " ".join(p for p in (user.first_name, user.last_name) if p) or "—",
        ),
        (QCoreApplication.translate("MainWindow", "E-mail"), user.email or "—"),
        (
            QCoreApplication.translate("MainWindow", "Groups"),
            QLocale().createSeparatedList([display_group(g) for g in user.groups]) or "—",
        ),
        (QCoreApplication.translate("MainWindow", "Server"), server),
    ]
    text = "\n".join(arg(QCoreApplication.translate("MainWindow", "%1: %2"), key, value) for key, value in rows)
    QMessageBox.information(parent, QCoreApplication.translate("MainWindow", "Profile"), text)
