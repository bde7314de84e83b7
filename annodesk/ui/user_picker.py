"""A combo box of the server's users plus "nobody" (an assignee picker): users shown by name, ids sent."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QWidget

from annodesk.api.models import User
from annodesk.i18n import arg

NOBODY = -1  # the item data of "nobody" (user ids start at 1)


class UserPicker(QComboBox):
    """``current_user_id()`` is the chosen user's id, or ``None`` for nobody."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._users: dict[int, User] = {}
        self.addItem("", NOBODY)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setItemText(0, self.tr("— Nobody —"))
        for index in range(1, self.count()):
            user_id = int(self.itemData(index))
            if user_id not in self._users:
                self.setItemText(index, arg(self.tr("User #%1"), user_id))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_users(self, users: Mapping[int, User], selected: int | None) -> None:
        """List ``users`` (by name) and select ``selected`` (kept as "User #id" when not among them)."""
        self._users = dict(users)
        self.blockSignals(True)
        while self.count() > 1:
            self.removeItem(1)
        for user in sorted(users.values(), key=lambda u: (u.display_name.casefold(), u.id)):
            self.addItem(user.display_name, user.id)
        if selected is not None and selected not in users:
            self.addItem("", selected)
        self.retranslate_ui()
        self.select(selected)
        self.blockSignals(False)

    def select(self, user_id: int | None) -> None:
        self.setCurrentIndex(max(0, self.findData(NOBODY if user_id is None else user_id)))

    def current_user_id(self) -> int | None:
        value = self.currentData()
        return None if value is None or int(value) == NOBODY else int(value)
