"""Named, latest-wins asyncio tasks for one owner (the workspace controller).

MERGE NOTE: the arch branch (issue 12) brings the app's one owner of async work; when it lands this class should
become a thin use of it (same contract: starting a task cancels the running one of the same name; cancelled work
never reaches the owner's signals).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

log = logging.getLogger(__name__)


class LatestTasks:
    """``start(name, coro)`` runs ``coro`` and cancels the previous task of that name; ``cancel_all()`` stops all.

    An exception that escapes a task is logged and passed to ``on_crash`` (once), never raised into Qt.
    """

    def __init__(self, on_crash: Callable[[BaseException], None] | None = None) -> None:
        self._tasks: dict[str, asyncio.Task[Any]] = {}
        self._on_crash = on_crash
        self.closed = False

    def start(self, name: str, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any] | None:
        """Run ``coro`` as the one task called ``name`` (the previous one is cancelled)."""
        if self.closed:
            coro.close()
            return None
        previous = self._tasks.pop(name, None)
        if previous is not None and not previous.done():
            previous.cancel()
        task = asyncio.ensure_future(coro)
        self._tasks[name] = task
        task.add_done_callback(lambda done, name=name: self._finished(name, done))
        return task

    def running(self, name: str) -> bool:
        task = self._tasks.get(name)
        return task is not None and not task.done()

    def _finished(self, name: str, task: asyncio.Task[Any]) -> None:
        if self._tasks.get(name) is task:
            del self._tasks[name]
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            log.error("workspace task %r failed", name, exc_info=exc)
            if self._on_crash is not None and not self.closed:
                self._on_crash(exc)

    def cancel_all(self) -> None:
        """Cancel every task; later ``start`` calls are refused (the owner is closing)."""
        self.closed = True
        for task in self._tasks.values():
            task.cancel()
        self._tasks.clear()
