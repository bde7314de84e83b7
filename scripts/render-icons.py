"""Render ``resources/icons/annodesk.svg`` to the PNG sizes a Linux desktop wants (hicolor theme layout).

Run: ``QT_QPA_PLATFORM=offscreen python scripts/render-icons.py``; the PNGs are committed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(svg: Path, size: int, target: Path) -> None:
    """Draw ``svg`` into a transparent ``size``×``size`` PNG."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target)):
        raise OSError(f"cannot write {target}")


def main() -> int:
    QGuiApplication(sys.argv[:1])
    svg = ROOT / "annodesk.svg"
    for size in SIZES:
        target = ROOT / "hicolor" / f"{size}x{size}" / "apps" / "annodesk.png"
        render(svg, size, target)
        print(f"wrote {target.relative_to(ROOT.parents[1])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
