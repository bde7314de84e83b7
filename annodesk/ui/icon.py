"""The application icon, from the SVG and the rendered PNG sizes shipped in ``resources/``."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from annodesk.paths import resource_path

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """annodesk's icon with every shipped size (the SVG scales where no PNG fits)."""
    icon = QIcon(str(resource_path("icons/annodesk.svg")))
    for size in PNG_SIZES:
        png = resource_path(f"icons/hicolor/{size}x{size}/apps/annodesk.png")
        if png.exists():
            icon.addFile(str(png))
    return icon
