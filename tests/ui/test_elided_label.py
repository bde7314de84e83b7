"""The status bar's message: a sentence longer than the window ends in "…" (whole in the tooltip) instead of being
cut mid-word under the permanent widgets, and it does not make the window wider."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QMainWindow

from annodesk.ui.elided_label import ElidedLabel

LONG = (
    "No system keyring is available (for example no Secret Service on a headless Linux), so your session is kept "
    "in memory only. You will have to sign in again next time."
)


def _pixels(label: QLabel) -> QImage:
    return label.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def _window(qtbot: Any) -> tuple[QMainWindow, ElidedLabel]:
    window = QMainWindow()
    qtbot.addWidget(window)
    label = ElidedLabel()
    window.statusBar().addWidget(label, 1)
    window.statusBar().addPermanentWidget(QLabel("http://127.0.0.1:8765"))
    window.resize(600, 200)
    window.show()
    qtbot.waitExposed(window)
    return window, label


def test_a_long_message_ends_in_an_ellipsis_with_the_whole_text_in_the_tooltip(qtbot: Any) -> None:
    window, label = _window(qtbot)
    label.setText(LONG)
    qtbot.waitUntil(lambda: label.toolTip() == LONG)
    assert label.text() == LONG and label.is_elided()
    assert label.width() < label.fontMetrics().horizontalAdvance(LONG)
    # what is painted is the text cut with "…" to the label's width: the same pixels as a label showing just that
    shown = label.fontMetrics().elidedText(LONG, Qt.TextElideMode.ElideRight, label.contentsRect().width())
    assert shown.endswith("…")
    reference = QLabel(shown)
    reference.setFixedSize(label.size())
    reference.setAlignment(label.alignment())
    assert _pixels(label) == _pixels(reference)
    assert window.minimumSizeHint().width() < label.fontMetrics().horizontalAdvance(LONG)


def test_a_short_message_is_shown_whole_with_no_tooltip(qtbot: Any) -> None:
    _, label = _window(qtbot)
    label.setText(LONG)
    label.setText("11 tasks found")
    assert label.toolTip() == "" and not label.is_elided()
    reference = QLabel("11 tasks found")
    reference.setFixedSize(label.size())
    assert _pixels(label) == _pixels(reference)
