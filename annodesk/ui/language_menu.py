"""The Language menu: "System default (…)" and each language named in itself; one choice is checked."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from annodesk.i18n import LANGUAGES, SYSTEM, arg, language


class LanguageMenu(QMenu):
    """``chosen(choice)`` carries ``system``, ``en`` or ``zh_CN``; ``actions_by_choice`` maps each to its action."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._system_language = LANGUAGES[0]  # what "System default" means; the app controller says
        self.group = QActionGroup(self)  # exclusive: one choice is checked
        self.actions_by_choice: dict[str, QAction] = {}
        for choice in (SYSTEM, *(item.code for item in LANGUAGES)):
            action = QAction(self.group)
            action.setCheckable(True)
            action.setData(choice)
            action.triggered.connect(lambda _checked=False, choice=choice: self.chosen.emit(choice))
            self.addAction(action)
            self.actions_by_choice[choice] = action
        self.actions_by_choice[SYSTEM].setChecked(True)
        self.retranslate_ui()

    def set_choice(self, choice: str, system_language: str) -> None:
        """Check ``choice``; name what ``system`` means (``system_language``)."""
        self._system_language = language(system_language)
        action = self.actions_by_choice.get(choice)
        if action is not None:
            action.setChecked(True)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("&Language"))
        system = self.actions_by_choice[SYSTEM]
        system.setText(arg(self.tr("&System default (%1)"), self._system_language.native_name))
        for item in LANGUAGES:
            self.actions_by_choice[item.code].setText(item.native_name)  # each language named in itself

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
