"""One owner of a controller's coroutines: named, latest-wins tasks, every crash logged and reported once. No Qt.

Starting a task under a name that is already running cancels the older one first, so a cancelled load never
reaches the code after its ``await`` (and never touches what the view shows). :meth:`Work.close` cancels
everything and waits for it to end, before the client the tasks use is closed.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Callable, Coroutine
from typing import Any

log = logging.getLogger(__name__)

_anonymous = itertools.count(1)


class Work:
    """Runs coroutines on the running loop and keeps them until they end.

    ``on_crash(exc)`` is called once for each unexpected exception (anything but cancellation), after it is logged.
    """

    def __init__(self, on_crash: Callable[[BaseException], None] | None = None) -> None:
        self._tasks: dict[str, asyncio.Task[Any]] = {}
        self._on_crash = on_crash
        self.closed = False

    def start(self, coro: Coroutine[Any, Any, Any], name: str | None = None) -> asyncio.Task[Any] | None:
        """Run ``coro``; a named one replaces (cancels) the running task of the same name. ``None`` once closed."""
        if self.closed:
            coro.close()
            return None
        key = name if name is not None else f"#{next(_anonymous)}"
        older = self._tasks.get(key)
        if older is not None and not older.done():
            older.cancel()
        task = asyncio.ensure_future(coro)
        self._tasks[key] = task
        task.add_done_callback(lambda done: self._finished(key, done))
        return task

    def get(self, name: str) -> asyncio.Task[Any] | None:
        """The running task of that name."""
        task = self._tasks.get(name)
        return task if task is not None and not task.done() else None

    def names(self) -> list[str]:
        """The names of the tasks not yet ended (anonymous ones as ``#n``)."""
        return [name for name, task in self._tasks.items() if not task.done()]

    def running(self, name: str) -> bool:
        task = self._tasks.get(name)
        return task is not None and not task.done()

    def cancel(self, name: str) -> None:
        task = self._tasks.get(name)
        if task is not None:
            task.cancel()

    def _finished(self, key: str, task: asyncio.Task[Any]) -> None:
        if self._tasks.get(key) is task:
            del self._tasks[key]
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            return
        log.error("task %s failed", key, exc_info=exc)
        if self._on_crash is not None and not self.closed:
            self._on_crash(exc)

    async def close(self) -> None:
        """Cancel every task (except the caller's own) and wait for them to end; nothing starts afterwards."""
        self.closed = True
        await self.cancel_all()

    async def cancel_all(self) -> None:
        """Cancel every task (except the caller's own) and wait for them to end."""
        current = asyncio.current_task()
        tasks = [task for task in self._tasks.values() if not task.done() and task is not current]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
