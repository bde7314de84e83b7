"""Start-up's fast path: the sign-in dialog painted before the event loop loads, then run by the controller."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import qasync
from PySide6.QtWidgets import QApplication

from annodesk.controller import AppController
from annodesk.early_sign_in import DeferredSignIn, make_sign_in_dialog, needs_sign_in, paint_first
from annodesk.i18n import LanguageManager
from annodesk.sandbox import SandboxServer
from annodesk.session import servers
from annodesk.ui.first_paint import FirstPaintWatcher
from annodesk.ui.main_window import MainWindow

from .conftest import make_settings, next_emission, wait_for
from .test_sign_in import PASSWORD, attempt

PROBE = """
import os, sys
from annodesk.ui import first_paint

def report(self, name):
    loaded = [m for m in ("asyncio", "qasync", "annodesk.controller", "httpx") if m in sys.modules]
    with open(os.environ["PROBE_OUT"], "w") as out:
        out.write(name + " " + ",".join(loaded))
    os._exit(0)

first_paint.FirstPaintWatcher._emit = report
from annodesk.__main__ import main
main([])
"""


def test_a_first_start_paints_the_dialog_before_asyncio_and_the_controller_load(tmp_path: Path) -> None:
    out = tmp_path / "probe"
    env = {
        **os.environ,
        "QT_API": "pyside6",
        "QT_QPA_PLATFORM": "offscreen",
        "PROBE_OUT": str(out),
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    window, _, loaded = out.read_text(encoding="utf-8").partition(" ")
    assert window == "SignInDialog"
    assert loaded == "", f"loaded before the first paint: {loaded}"


def test_the_dialog_is_certain_only_without_a_last_session(settings_path: Path) -> None:
    settings = make_settings(settings_path)
    assert needs_sign_in(settings, None) and needs_sign_in(settings, "https://cvat.example.com")
    servers.remember_server(settings, "https://cvat.example.com", "alice")
    assert not needs_sign_in(settings, None)
    assert needs_sign_in(make_settings(settings_path.with_name("other.ini")), "https://cvat.example.com")


def test_the_early_dialog_signs_in_through_the_controller_that_adopts_it(
    loop: qasync.QEventLoop,
    qapp: QApplication,
    sandbox: SandboxServer,
    settings_path: Path,
    languages: LanguageManager,
    make_controller: Callable[..., AppController],
) -> None:
    watcher = FirstPaintWatcher()
    deferred = DeferredSignIn()
    dialog = make_sign_in_dialog(make_settings(settings_path), languages, deferred)
    paint_first(qapp, dialog, watcher)
    assert watcher.seen and dialog.isVisible()

    async def body() -> None:
        controller = make_controller()
        deferred.target = controller.sign_in
        controller.adopt_sign_in(dialog)
        assert controller.dialog is dialog
        shown = next_emission(controller.mainWindowShown)
        assert await attempt(dialog, sandbox.base_url, "demo", PASSWORD["demo"])
        window: MainWindow = await wait_for(shown)
        assert window.controller.username == "demo" and not dialog.isVisible()
        assert servers.last_session(controller.settings) == (sandbox.base_url, "demo")
        await controller.shutdown()

    loop.run_until_complete(body())
