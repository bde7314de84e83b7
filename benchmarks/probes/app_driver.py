"""Drive the real app (``annodesk.app.run_app``) from inside its own process, for probes that need the GUI.

The app runs exactly as ``annodesk`` runs it (same QApplication set-up, controller, qasync loop, GC collector).
The probe only watches: an application event filter sees the sign-in dialog appear, and ``TYPING_MS`` later
(no one types a server, a username and a password faster) fills it in and clicks "Sign in" as a user would;
it sees the main window appear; ``CvatClient`` methods are wrapped to note when answers arrive. Nothing here
changes what the app does.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import Callable
from typing import Any

os.environ.setdefault("QT_API", "pyside6")

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from annodesk.__main__ import build_parser
from annodesk.api.client import CvatClient
from annodesk.app import run_app

TYPING_MS = 1000


def now() -> float:
    return time.clock_gettime(time.CLOCK_MONOTONIC)


class Marks:
    """Named moments (CLOCK_MONOTONIC seconds); the first occurrence of each name wins."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}

    def mark(self, name: str) -> None:
        self.times.setdefault(name, now())

    def ms(self, start: str, end: str) -> float:
        return (self.times[end] - self.times[start]) * 1000


MARKS = Marks()


def _wrap(name: str) -> None:
    original = getattr(CvatClient, name)

    async def timed(self: CvatClient, *args: Any, **kwargs: Any) -> Any:
        MARKS.mark(f"{name} sent")
        result = await original(self, *args, **kwargs)
        MARKS.mark(f"{name} answered")
        return result

    setattr(CvatClient, name, timed)


for _method in ("login", "current_user", "list_tasks", "list_users", "task_preview"):
    _wrap(_method)


class Watcher(QObject):
    """Fills in the sign-in dialog when it shows; calls ``on_main_window`` when the main window shows."""

    def __init__(self, server: str, username: str, password: str, on_main_window: Callable[[Any], None]) -> None:
        super().__init__()
        self.credentials = (server, username, password)
        self.on_main_window = on_main_window
        self.dialog_done = False
        self.window_done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            kind = type(watched).__name__
            if kind == "SignInDialog" and not self.dialog_done:
                self.dialog_done = True
                QTimer.singleShot(TYPING_MS, lambda: self._sign_in(watched))
            elif kind == "MainWindow" and not self.window_done:
                self.window_done = True
                MARKS.mark("main window shown")
                self.on_main_window(watched)
        return False

    def _sign_in(self, dialog: Any) -> None:
        server, username, password = self.credentials
        dialog.server.setCurrentText(server)
        dialog.username.setText(username)
        dialog.password.setText(password)
        MARKS.mark("sign in clicked")
        dialog.sign_in_button.click()


def run(server: str, username: str, password: str, on_main_window: Callable[[Any], None]) -> None:
    """Start the app (it never returns: the probe ends the process with ``os._exit``)."""
    app = QApplication(sys.argv[:1])
    watcher = Watcher(server, username, password, on_main_window)
    app.installEventFilter(watcher)
    run_app(build_parser().parse_args([]))
    raise SystemExit("the app ended before the probe finished")


def finish(result: dict[str, Any]) -> None:
    """Print the probe's JSON result and end the process at once."""
    import json

    print(json.dumps(result), flush=True)
    os._exit(0)


def signal_future(signal: Any) -> asyncio.Future[Any]:
    """A future resolved by the next emission of ``signal``."""
    future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()

    def done(*args: Any) -> None:
        if not future.done():
            future.set_result(args)
        signal.disconnect(done)

    signal.connect(done)
    return future
