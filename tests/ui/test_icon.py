"""Every window gets annodesk's icon, at every shipped size."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from annodesk.ui.icon import PNG_SIZES, app_icon


def test_app_icon_has_every_size(qapp: QApplication) -> None:
    icon = app_icon()
    assert not icon.isNull()
    assert {QSize(size, size) for size in PNG_SIZES} <= set(icon.availableSizes())
    assert not icon.pixmap(64, 64).isNull()
