"""The main window stays on its screen: at QT_SCALE_FACTOR=2 on a 1920×1080 screen (960×540 logical) the first start's
default size and a geometry saved on a larger screen are shrunk, so the pager and the status bar are on screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect

from annodesk.ui.screen_fit import clamp_to_screen

SCREEN = {"name": "main", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96, "logicalBaseDpi": 96}

WINDOW = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtWidgets import QApplication, QWidget

app = QApplication([])
from annodesk.api.client import CvatClient
from annodesk.session.cache import OfflineCache
from annodesk.session.repository import Repository
from annodesk.tasks.controller import TaskController
from annodesk.ui.main_window import MainWindow

folder = Path(sys.argv[1])
settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
if sys.argv[2] == "saved":  # a geometry saved on a larger screen
    big = QWidget()
    big.setGeometry(60, 40, 1800, 1000)
    settings.setValue("main/geometry", big.saveGeometry())
repository = Repository(CvatClient("http://127.0.0.1:9"), OfflineCache(folder / "cache", "http://127.0.0.1:9", "u"))
window = MainWindow(TaskController(repository, "http://127.0.0.1:9", "u"), settings)
window.show()
for _ in range(3):
    app.processEvents()
screen = window.screen().availableGeometry()

def on_screen(widget):
    return screen.contains(QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size()))

print(json.dumps({
    "screen": [screen.width(), screen.height()],
    "frame": [window.frameGeometry().width(), window.frameGeometry().height()],
    "status_bar": on_screen(window.statusBar()),
    "pager": on_screen(window.pager.next_button) and on_screen(window.pager.page_label),
}))
"""


@pytest.mark.parametrize("geometry", ["default", "saved"])
def test_window_fits_a_scaled_screen(tmp_path: Path, geometry: str) -> None:
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [SCREEN]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": "2"}
    done = subprocess.run(
        [sys.executable, "-c", WINDOW, str(tmp_path), geometry], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["screen"] == [960, 540]
    assert shown["frame"][0] <= 960 and shown["frame"][1] <= 540
    assert shown["status_bar"] and shown["pager"]


def test_clamp_to_screen() -> None:
    screen = QRect(0, 0, 960, 540)
    assert clamp_to_screen(QRect(100, 50, 400, 300), screen) == QRect(100, 50, 400, 300)  # fits: unchanged
    assert clamp_to_screen(QRect(60, 40, 1800, 1000), screen) == QRect(0, 0, 960, 540)
    assert clamp_to_screen(QRect(900, 500, 400, 300), screen) == QRect(560, 240, 400, 300)  # moved back on
    assert clamp_to_screen(QRect(-300, -20, 400, 300), QRect(1920, 0, 960, 540)) == QRect(1920, 0, 400, 300)
