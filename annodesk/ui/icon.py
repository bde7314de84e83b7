"""The application icon, from the PNG sizes rendered from ``resources/icons/annodesk.svg``."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from annodesk.paths import resource_path

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """annodesk's icon with every shipped size (Qt picks the nearest one for each use)."""
    icon = QIcon()
    for size in PNG_SIZES:
        icon.addFile(str(resource_path(f"icons/hicolor/{size}x{size}/apps/annodesk.png")), QSize(size, size))
    return icon
