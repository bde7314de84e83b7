"""Data for the UI: live from the server when it answers, else what the offline cache last saw. No Qt."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Generic, TypeVar

import msgspec

from annodesk.api import CvatClient, CvatError, NetworkError
from annodesk.api.models import Job, JobRef, Page, Task, User

from .cache import OfflineCache

T = TypeVar("T")
log = logging.getLogger(__name__)
_WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="annodesk-cache")  # one writer: files land in order


@dataclass(frozen=True)
class PageQuery:
    """What the task table asks for."""

    page: int = 1
    page_size: int = 10
    search: str = ""
    ordering: str = ""
    project_id: int | None = None  # only the tasks of this project (``project_id=`` filter)

    @property
    def key(self) -> str:
        """A stable cache key."""
        key = f"page={self.page}&page_size={self.page_size}&search={self.search}&ordering={self.ordering}"
        return key if self.project_id is None else f"{key}&project={self.project_id}"

    @property
    def last_key(self) -> str:
        """The cache key of the last page seen of the same list (all tasks, or one project's)."""
        return "last" if self.project_id is None else f"last&project={self.project_id}"


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

    Cache files are written by one background thread, in order: a page of 100 tasks is 101 small files, too
    slow for the GUI thread (it stalled the event loop ~20 ms a page). A read returns once its value is saved.
    A write that fails (a full disk, a read-only folder) is logged and told to ``on_cache_failure`` (the first
    time only); the value read from the server is returned all the same: browsing goes on without the copy.
    Temporary files left by a writer that was killed are removed when the repository starts.
    """

    def __init__(
        self,
        client: CvatClient,
        cache: OfflineCache,
        prefetched: Mapping[str, asyncio.Future[Page[Task]]] | None = None,
    ) -> None:
        self.client = client
        self.cache = cache
        self._page_tasks: dict[str, frozenset[int]] = {}  # cached page key → its task ids (writer thread only)
        self._prefetched = dict(prefetched or {})  # page key → its answer, asked for before this repository existed
        self.on_cache_failure: Callable[[OSError], None] | None = None
        self.cache_failure: OSError | None = None  # the first write that failed
        _WRITER.submit(cache.remove_leftovers)

    async def _save(self, store: Callable[..., None], *args: object) -> None:
        """Run a cache write on the writer thread; a failure is logged and reported, never raised."""
        try:
            await asyncio.get_running_loop().run_in_executor(_WRITER, store, *args)
        except OSError as exc:
            log.log(logging.DEBUG if self.cache_failure else logging.WARNING, "offline copy not saved: %s", exc)
            if self.cache_failure is None:
                self.cache_failure = exc
                if self.on_cache_failure is not None:
                    self.on_cache_failure(exc)

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
        await self._save(store, value)
        return Fetched(value)

    async def read_through(
        self,
        fetch: Callable[[], Awaitable[T]],
        store: Callable[[T], None],
        cached: Callable[[], tuple[T, float] | None],
    ) -> Fetched[T]:
        """``fetch()`` live and ``store`` it in the cache (writer thread); on a network failure, ``cached()``."""
        return await self._read(fetch, store, cached)

    async def tasks(self, query: PageQuery) -> Fetched[Page[Task]]:
        """A page of tasks."""
        prefetched = self._prefetched.pop(query.key, None)
        return await self._read(
            (lambda: prefetched) if prefetched is not None else (lambda: fetch_page(self.client, query)),
            lambda page: self._store_page(query, page),
            lambda: self.cache.get_page(query.key) or self.cache.get_page(query.last_key),
        )

    def _store_page(self, query: PageQuery, page: Page[Task]) -> None:
        self.cache.put_page(query.key, page)
        self.cache.put("page", query.last_key, page)
        self._page_tasks[query.key] = self._page_tasks[query.last_key] = frozenset(task.id for task in page.results)

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

    # -- what the writes (task_writes.TaskWrites) need: the cache's copies follow a write the server accepted ----

    async def on_writer(self, work: Callable[..., None], *args: object) -> None:
        """Run ``work(*args)`` on the cache's writer thread, in order with the page writes; a failure is
        logged and reported (``on_cache_failure``), never raised."""
        await self._save(work, *args)

    def store_job(self, task_id: int, job: Job) -> None:
        """The cached copy of the task (and the cached pages listing it) show the job's new status and assignee."""
        hit = self.cache.get_task(task_id)
        if hit is not None:
            task = with_job(hit[0], job)
            self.cache.put_task(task)
            self.replace_in_pages(task)

    def replace_in_pages(self, task: Task) -> None:
        for key, ids in self._page_tasks.items():
            if task.id in ids:
                hit = self.cache.get_page(key)
                if hit is not None:
                    page = hit[0]
                    results = tuple(task if item.id == task.id else item for item in page.results)
                    self.cache.put("page", key, msgspec.structs.replace(page, results=results))

    def forget_task(self, task_id: int) -> None:
        """Remove a deleted task's cached copy, preview and rows in cached pages."""
        self.cache.remove("task", str(task_id))
        self.cache.remove_bytes("preview", str(task_id))
        for key, ids in list(self._page_tasks.items()):
            if task_id in ids:
                hit = self.cache.get_page(key)
                if hit is not None:
                    page = hit[0]
                    results = tuple(item for item in page.results if item.id != task_id)
                    count = max(0, page.count - (len(page.results) - len(results)))
                    self.cache.put("page", key, msgspec.structs.replace(page, results=results, count=count))
                self._page_tasks[key] = ids - {task_id}

    def forget_project_tasks(self, project_id: int) -> None:
        """A deleted project's tasks went with it: forget every cached copy of them seen in cached pages."""
        for key in list(self._page_tasks):
            hit = self.cache.get_page(key)
            if hit is not None:
                for task in hit[0].results:
                    if task.project_ref == project_id:
                        self.forget_task(task.id)

    async def thumbnail(self, task_id: int) -> Fetched[bytes]:
        """A task's preview for the table: from the disk cache when it is there (a task's preview never changes),
        else from the server (then saved). Raises the client's error when neither has it."""
        key = str(task_id)
        data = await asyncio.to_thread(self.cache.get_bytes, "preview", key)
        if data is not None:
            return Fetched(data, 0.0)
        data = await self.client.task_preview(task_id)
        await self._save(self.cache.put_bytes, "preview", key, data)
        return Fetched(data)


def fetch_page(client: CvatClient, query: PageQuery) -> Awaitable[Page[Task]]:
    """The server's answer to ``query`` (no cache)."""
    return client.list_tasks(
        query.page,
        query.page_size,
        search=query.search or None,
        ordering=query.ordering or None,
        project_id=query.project_id,
    )


def prefetch_page(client: CvatClient, query: PageQuery) -> asyncio.Future[Page[Task]]:
    """Ask for ``query`` 's page now (before the session's repository exists); hand the future to it."""
    future = asyncio.ensure_future(fetch_page(client, query))
    future.add_done_callback(lambda done: done.cancelled() or done.exception())  # never "exception never retrieved"
    return future


def with_job(task: Task, job: Job | JobRef) -> Task:
    """``task`` with one of its jobs' status and assignee replaced (matched by id)."""

    def changed(ref: JobRef) -> JobRef:
        if ref.id != job.id:
            return ref
        return msgspec.structs.replace(ref, status=job.status, assignee=job.assignee_id)

    segments = tuple(
        msgspec.structs.replace(segment, jobs=tuple(changed(ref) for ref in segment.jobs)) for segment in task.segments
    )
    return msgspec.structs.replace(task, segments=segments)


def _with_time(data: bytes | None) -> tuple[bytes, float] | None:
    return None if data is None else (data, 0.0)
