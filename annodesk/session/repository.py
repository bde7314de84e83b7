"""Data for the UI: live from the server when it answers, else what the offline cache last saw. No Qt."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from annodesk.api import CvatClient, CvatError, NetworkError
from annodesk.api.models import Page, Task, User

from .cache import OfflineCache

T = TypeVar("T")


@dataclass(frozen=True)
class PageQuery:
    """What the task table asks for."""

    page: int = 1
    page_size: int = 10
    search: str = ""
    ordering: str = ""

    @property
    def key(self) -> str:
        """A stable cache key."""
        return f"page={self.page}&page_size={self.page_size}&search={self.search}&ordering={self.ordering}"


@dataclass(frozen=True)
class Fetched(Generic[T]):
    """A value and where it came from: ``saved_at`` is ``None`` for live data, else the cache's time.

    ``error`` is the network failure that made the cache answer instead of the server.
    """

    value: T
    saved_at: float | None = None
    error: CvatError | None = None

    @property
    def live(self) -> bool:
        return self.saved_at is None


class Repository:
    """Reads through the client and writes what it read to the cache; falls back to the cache offline.

    Only network failures (unreachable, timeout, broken connection) fall back: a server that answers with
    an error is online, and its error is raised to the caller.
    """

    def __init__(self, client: CvatClient, cache: OfflineCache) -> None:
        self.client = client
        self.cache = cache

    async def _read(
        self,
        fetch: Callable[[], Awaitable[T]],
        store: Callable[[T], None],
        cached: Callable[[], tuple[T, float] | None],
    ) -> Fetched[T]:
        try:
            value = await fetch()
        except NetworkError as exc:
            hit = cached()
            if hit is None:
                raise
            return Fetched(hit[0], hit[1], exc)
        store(value)
        return Fetched(value)

    async def tasks(self, query: PageQuery) -> Fetched[Page[Task]]:
        """A page of tasks."""
        return await self._read(
            lambda: self.client.list_tasks(
                query.page, query.page_size, search=query.search or None, ordering=query.ordering or None
            ),
            lambda page: self._store_page(query, page),
            lambda: self.cache.get_page(query.key) or self.cache.get_page("last"),
        )

    def _store_page(self, query: PageQuery, page: Page[Task]) -> None:
        self.cache.put_page(query.key, page)
        self.cache.put("page", "last", page)

    async def task(self, task_id: int) -> Fetched[Task]:
        """One task's details."""
        return await self._read(
            lambda: self.client.get_task(task_id), self.cache.put_task, lambda: self.cache.get_task(task_id)
        )

    async def users(self) -> Fetched[tuple[User, ...]]:
        """All users (to name owners and assignees)."""
        return await self._read(self.client.list_users, self.cache.put_users, self.cache.get_users)

    async def profile(self) -> Fetched[User]:
        """The signed-in user."""
        return await self._read(self.client.current_user, self.cache.put_profile, self.cache.get_profile)

    async def preview(self, task_id: int) -> Fetched[bytes]:
        """A task's preview image; cached on disk, so it also shows offline."""
        key = str(task_id)
        return await self._read(
            lambda: self.client.task_preview(task_id),
            lambda data: self.cache.put_bytes("preview", key, data),
            lambda: _with_time(self.cache.get_bytes("preview", key)),
        )


def _with_time(data: bytes | None) -> tuple[bytes, float] | None:
    return None if data is None else (data, 0.0)
