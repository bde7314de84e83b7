"""The image pyramid's level builder and the objects it hands between threads."""

from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from annodesk.ui.workspace.image_pyramid import ImagePyramid


def _image(width: int, height: int) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    return image


def test_a_level_builder_never_keeps_its_pyramid_alive(qapp: QApplication) -> None:
    # The builder thread held the pyramid: when it ended, the pyramid (and its Qt objects) was freed on that
    # thread while a level was still on its way to the GUI thread — a crash when frames were replaced quickly.
    pyramid = ImagePyramid(_image(8000, 6000))
    pyramid.build_levels()
    builder = pyramid._builder
    gone = weakref.ref(pyramid)
    del pyramid
    gc.collect()
    assert gone() is None  # while its levels may still be in the making
    assert builder is not None
    builder.join()
    qapp.processEvents()  # the levels that arrive now find no pyramid: dropped, nothing raised
