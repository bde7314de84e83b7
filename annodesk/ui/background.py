"""The app-wide owner of coroutines started from Qt slots (dialogs, transfers, thumbnails, the app controller):
one :class:`~annodesk.tasks.work.Work`, so every task is kept until it ends and every crash is logged and reported
once (to :func:`report_crashes_to`'s callback: the main window's status bar). A window's own loads go through its
controller's ``Work`` instead (named, latest wins).

``annodesk.tasks.work`` (and asyncio) load on first use: the sign-in dialog imports this module, and start-up paints
that dialog before asyncio and the event loop are loaded (annodesk/early_sign_in.py).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import asyncio

    from annodesk.tasks.work import Work

_work: Work | None = None
_reporter: Callable[[BaseException], None] | None = None


def _app_work() -> Work:
    global _work
    if _work is None:
        from annodesk.tasks.work import Work

        _work = Work(_crashed)
    return _work


def _crashed(exc: BaseException) -> None:
    if _reporter is not None:
        _reporter(exc)


def report_crashes_to(reporter: Callable[[BaseException], None] | None) -> None:
    """Who says that a task crashed (after it is logged); ``None``: only the log."""
    global _reporter
    _reporter = reporter


def spawn(coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
    """Schedule ``coro`` on the running (qasync) loop, keep a reference until it ends, log and report any crash.

    Callers handle the errors they expect inside ``coro``; whatever escapes is logged, never raised into Qt.
    """
    task = _app_work().start(coro)
    assert task is not None  # the app's work is never closed
    return task


async def cancel_all() -> None:
    """Cancel every task started by :func:`spawn` (except the caller's own) and wait for them to end."""
    await _app_work().cancel_all()
