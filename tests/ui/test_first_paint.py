"""The first-paint watcher: one signal, after the first frame of the first watched window."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from annodesk.ui.first_paint import FirstPaintWatcher

from .conftest import next_emission, wait_for


async def test_painted_is_emitted_once_with_the_window_class() -> None:
    watcher = FirstPaintWatcher()
    emitted: list[str] = []
    watcher.painted.connect(emitted.append)
    first, second = QLabel("first"), QLabel("second")
    painted = next_emission(watcher.painted)
    first.show()
    watcher.watch(first)
    assert await wait_for(painted) == "QLabel"
    second.show()
    watcher.watch(second)  # too late: the first paint was already reported
    second.repaint()
    first.repaint()
    assert emitted == ["QLabel"]
    first.close()
    second.close()
