"""Start coroutines from Qt slots without losing them or letting their errors escape into Qt.

asyncio is imported where it is used: the sign-in dialog imports this module, and start-up paints that dialog
before asyncio and the event loop are loaded (annodesk/early_sign_in.py).
"""

from __future__ import annotations

import logging
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import asyncio

log = logging.getLogger(__name__)

_running: set[asyncio.Task[Any]] = set()


def spawn(coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
    """Schedule ``coro`` on the running (qasync) loop, keep a reference until it ends, log any crash.

    Callers handle the errors they expect inside ``coro``; whatever escapes is logged, never raised
    into the Qt event loop.
    """
    import asyncio

    task = asyncio.ensure_future(coro)
    _running.add(task)
    task.add_done_callback(_finished)
    return task


def _finished(task: asyncio.Task[Any]) -> None:
    _running.discard(task)
    if task.cancelled():
        return
    exc = task.exception()
    if exc is not None:
        log.error("background task failed", exc_info=exc)


async def cancel_all() -> None:
    """Cancel every task started by :func:`spawn` (except the caller's own) and wait for them to end."""
    import asyncio

    current = asyncio.current_task()
    tasks = [task for task in _running if not task.done() and task is not current]
    for task in tasks:
        task.cancel()
    if tasks:
        await asyncio.gather(*tasks, return_exceptions=True)
