"""Start-up stays lean: the sign-in dialog's path imports no client, keyring or main window; they load after."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

DEFERRED = ("httpx", "msgspec", "keyring", "annodesk.api.client", "annodesk.ui.main_window", "annodesk.session.cache")


def _modules_after(code: str) -> set[str]:
    env = {**os.environ, "QT_API": "pyside6", "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    return set(result.stdout.split())


def test_the_sign_in_path_does_not_import_what_signing_in_needs_later() -> None:
    loaded = _modules_after("import annodesk.app, annodesk.controller, annodesk.ui.sign_in_dialog")
    assert loaded.isdisjoint(DEFERRED), sorted(loaded & set(DEFERRED))


def test_the_api_package_still_exports_the_client_and_models() -> None:
    loaded = _modules_after("from annodesk.api import CvatClient, Task, Page, CvatError\nassert CvatClient and Task")
    assert {"annodesk.api.client", "annodesk.api.models", "httpx"} <= loaded


def test_warm_up_loads_the_deferred_modules_in_the_apps_event_loop() -> None:
    loaded = _modules_after(
        "import qasync\nfrom PySide6.QtWidgets import QApplication\nfrom annodesk.warmup import warm_up\n"
        "app = QApplication([])\nqasync.run(warm_up())"
    )
    assert set(DEFERRED) <= loaded


def test_the_first_paint_report_names_the_sign_in_dialog(tmp_path: Path) -> None:
    report = tmp_path / "first-paint"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "ANNODESK_REPORT_FIRST_PAINT": str(report),
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    result = subprocess.run([sys.executable, "-m", "annodesk"], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    stamp, window = report.read_text(encoding="utf-8").split()
    assert window == "SignInDialog" and float(stamp) > 0


def test_the_sign_in_dialog_is_built_without_the_qt_namespace() -> None:
    """PySide builds its ``Qt`` namespace (every enum in it) on first use, ~25 ms: not before the first paint.
    Where a flag is needed on this path, a default argument or a class-scoped enum does the same."""
    code = (
        "from PySide6.QtWidgets import QApplication\n"
        "import annodesk.app, annodesk.controller\n"
        "from annodesk.ui.sign_in_dialog import SignInDialog\n"
        "app = QApplication([])\n"
        "async def sign_in(credentials): pass\n"
        "dialog = SignInDialog(sign_in, ['https://cvat.example.com'], 'https://cvat.example.com', 'alice', 'note')\n"
        "import PySide6.QtCore\n"
        "print('QT-NAMESPACE-BUILT' if 'Qt' in PySide6.QtCore.__dict__ else 'lean')"
    )
    env = {**os.environ, "QT_API": "pyside6", "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "lean"
