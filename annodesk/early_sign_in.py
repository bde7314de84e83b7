"""Start-up's fast path: paint the sign-in dialog before asyncio, qasync and the controller are even imported.

When the settings name no last server and user, no stored session can be reused, so the sign-in dialog is
certain. It is built and painted first; the event loop and the rest of the app load behind it (~40 ms) and
:meth:`annodesk.controller.AppController.adopt_sign_in` takes it over. Its sign-in button reaches the
controller through a :class:`DeferredSignIn`, which the app points at the controller once it exists.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QElapsedTimer, QEventLoop
from PySide6.QtWidgets import QApplication

from . import servers
from .i18n import LanguageManager, LiveText
from .ui.sign_in_dialog import Credentials, SignInDialog

if TYPE_CHECKING:
    from .ui.first_paint import FirstPaintWatcher

PAINT_WAIT_MS = 500  # give up waiting for the first frame (e.g. a minimised start); the event loop paints it then


class DeferredSignIn:
    """The dialog's sign-in action, forwarded to ``target`` once the controller exists."""

    def __init__(self) -> None:
        self.target: Callable[[Credentials], Awaitable[None]] | None = None

    async def __call__(self, credentials: Credentials) -> None:
        if self.target is None:  # the loop that runs this coroutine starts after the target is set
            raise RuntimeError("the sign-in dialog was used before the app finished starting")
        await self.target(credentials)


def needs_sign_in(settings: Any, server: str | None) -> bool:
    """Whether the dialog is certain: no last server or no last username (so no stored token to try)."""
    last_server, last_user = servers.last_session(settings, server)
    return not (last_server and last_user)


def make_sign_in_dialog(
    settings: Any,
    languages: LanguageManager,
    sign_in: Callable[[Credentials], Awaitable[None]],
    server: str = "",
    username: str = "",
    message: LiveText = "",
) -> SignInDialog:
    """The sign-in dialog with the remembered servers and CA files, its language buttons wired to ``languages``."""
    dialog = SignInDialog(
        sign_in,
        servers.recent_servers(settings),
        server,
        username,
        message,
        ca_file_for=partial(servers.ca_file_for, settings),
    )
    dialog.set_language(languages.resolve(languages.choice))
    dialog.languageRequested.connect(languages.set_choice)
    return dialog


def paint_first(app: QApplication, dialog: SignInDialog, watcher: FirstPaintWatcher) -> None:
    """Show ``dialog`` and run Qt's event processing (user input held back) until its first frame is out."""
    watcher.watch(dialog)
    dialog.show()
    dialog.raise_()
    timer = QElapsedTimer()
    timer.start()
    while not watcher.seen and timer.elapsed() < PAINT_WAIT_MS:
        app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents, 10)
