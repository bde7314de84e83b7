"""Copy (Ctrl+C) in an item view: the current cell's whole text, which the view itself shows cut
(:mod:`annodesk.models.elide`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView

from annodesk.models.elide import FULL_TEXT_ROLE


def cell_text(view: QAbstractItemView) -> str:
    """The current cell's whole text (its display text when the model has no uncut one)."""
    index = view.currentIndex()
    if not index.isValid():
        return ""
    text = index.data(FULL_TEXT_ROLE)
    if not isinstance(text, str):
        text = index.data(Qt.ItemDataRole.DisplayRole)
    return text if isinstance(text, str) else ""


def add_copy_action(view: QAbstractItemView) -> QAction:
    """Give ``view`` a Copy action (the platform's copy keys, while the view has focus)."""
    action = QAction(view)
    action.setObjectName("copyCellText")
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(lambda: QGuiApplication.clipboard().setText(cell_text(view)))
    view.addAction(action)
    return action
