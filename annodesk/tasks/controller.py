"""The task view's controller: what the task table and details pane show, with no widget in sight (QtCore only).

It owns the repository and the writes, the query (page, page size, search, ordering), page and details loading
(latest wins: a new "page" load cancels the older one), online/offline with back-off and retry, the users and
the signed-in profile. A view binds its widgets to the signals; tests drive it with no widgets at all.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from annodesk.api import CvatError, NetworkError, NotFound
from annodesk.api.models import Page, Task, User
from annodesk.i18n import LiveText, arg
from annodesk.messages import action_error
from annodesk.session.auth_watch import AuthWatch
from annodesk.session.repository import Fetched, PageQuery, Repository
from annodesk.session.task_writes import TaskWrites
from annodesk.session.transfers import TransferService

from .work import Work

PAGE_SIZES = (10, 25, 50, 100)
RETRY_FIRST_MS = 3_000
RETRY_MAX_MS = 60_000


class TaskController(QObject):
    """Browses one server as one user through a :class:`Repository` (live, or cached when offline).

    Signals: ``pageLoaded(Fetched[Page[Task]])`` once the query's page is in (state already updated);
    ``pageFailed(CvatError)`` when it could not load (the previous page stays); ``detailsLoading(Task)`` at once
    on :meth:`select`; ``taskChanged(Task)`` a newer copy of a task (details loaded, a save); ``previewLoaded(task
    id, bytes or None)``; ``detailsLoaded(task id)`` when the selected task's load ended; ``onlineChanged(bool)``;
    ``connectionChanged()`` after each answer or failure (the state or the offline copy's time may change);
    ``usersChanged(dict)``; ``profileChanged(User)``; ``message(LiveText)`` a status line (a function is asked
    again when the language changes); ``authRequired(detail)`` once, on the session's first 401 (any request).
    """

    pageLoaded = Signal(object)
    pageFailed = Signal(object)
    detailsLoading = Signal(object)
    taskChanged = Signal(object)
    previewLoaded = Signal(int, object)
    detailsLoaded = Signal(int)
    onlineChanged = Signal(bool)
    connectionChanged = Signal()
    usersChanged = Signal(object)
    profileChanged = Signal(object)
    message = Signal(object)
    authRequired = Signal(str)

    def __init__(
        self,
        repository: Repository,
        server_url: str,
        username: str,
        page_size: int = PAGE_SIZES[0],
        ordering: str = "",
    ) -> None:
        super().__init__()
        self.repository = repository
        self.writes = TaskWrites(repository)  # every task and job write
        self.transfers = TransferService(repository.client)  # annotation export / import
        self.server_url = server_url
        self.username = username
        self.work = Work(self.crashed)
        self.auth = AuthWatch(repository.client, self.authRequired.emit)
        self.users: dict[int, User] = {}
        self.profile: User | None = None
        self.online = True
        self.offline_since: float | None = None
        self.page = 1  # the page asked for
        self.shown_page = 1  # the page last loaded (what a view shows)
        self.page_size = page_size if page_size in PAGE_SIZES else PAGE_SIZES[0]
        self.search = ""
        self.ordering = ordering
        self.project_id: int | None = None  # only this project's tasks (None: all tasks)
        self.page_count = 1
        self.total = 0
        self.current: Task | None = None  # the selected task (its details are loaded)
        self.last_message: LiveText = ""
        self._details_error_shown = False  # the status line says why the last details load failed
        self._retry_ms = RETRY_FIRST_MS
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self.refresh)

    # -- the query ---------------------------------------------------------------------------------

    def query(self) -> PageQuery:
        """What the table currently asks the server for."""
        return PageQuery(self.page, self.page_size, self.search.strip(), self.ordering, self.project_id)

    def start(self) -> None:
        """Load the first page, the profile and the user names, all at once."""
        self.refresh()
        self.work.start(self._load_profile(), "profile")
        self.work.start(self._load_users(), "users")

    async def page_settled(self, timeout: float) -> None:
        """Wait (at most ``timeout`` seconds) for the page load under way to end."""
        task = self.work.get("page")
        if task is not None:
            await asyncio.wait([task], timeout=timeout)

    def refresh(self) -> None:
        """Reload the current page (F5); a load under way is cancelled for this one."""
        self.work.start(self._load_page(self.query()), "page")

    def go_to_page(self, page: int) -> None:
        page = max(1, min(page, self.page_count))
        if page != self.page:
            self.page = page
            self.refresh()

    def set_search(self, text: str) -> None:
        self.search = text
        self.page = 1
        self.refresh()

    def set_page_size(self, size: int) -> None:
        self.page_size = size
        self.page = 1
        self.refresh()

    def set_project(self, project_id: int | None) -> None:
        """Show only the tasks of project ``project_id`` (``None``: all tasks), from the first page."""
        if project_id == self.project_id:
            return
        self.project_id = project_id
        self.page = 1
        self.refresh()

    def sort_by(self, ordering: str) -> None:
        self.ordering = ordering
        self.page = 1
        self.refresh()

    # -- messages ----------------------------------------------------------------------------------

    def say(self, text: LiveText) -> None:
        """A status line for the view (``""`` clears it)."""
        self.last_message = text
        self._details_error_shown = False
        self.message.emit(text)

    def say_error(self, error: CvatError, sentence: str = "") -> None:
        """Say what went wrong (``sentence`` with ``%1``: the error's own sentence in it)."""
        self.say(lambda: arg(sentence, action_error(error)) if sentence else action_error(error))

    def crashed(self, exc: BaseException) -> None:
        """Say (once per crash; the log has the traceback) that a task ended with an unexpected exception."""
        name = type(exc).__name__
        self.say(lambda: arg(self.tr("Something went wrong (%1); the details are in the log."), name))

    def run(self, coro: Coroutine[Any, Any, Any], name: str | None = None) -> None:
        """Run a feature's coroutine under this controller (named: latest wins; crashes logged and said once)."""
        self.work.start(coro, name)

    # -- loading -----------------------------------------------------------------------------------

    async def _load_page(self, query: PageQuery) -> None:
        self.say(lambda: self.tr("Loading…"))
        try:
            fetched = await self.repository.tasks(query)
        except NotFound as exc:
            if query.page > 1:
                self.page = 1  # the page vanished (fewer tasks now): start over
                self.refresh()
                return
            self._page_failed(exc)
            return
        except CvatError as exc:
            self._page_failed(exc)
            return
        page: Page[Task] = fetched.value
        self.total = page.count
        self.page_count = page.page_count
        self.page = self.shown_page = min(page.page, self.page_count)
        self._set_source(fetched)
        if fetched.live:
            count = page.count
            self.say(lambda: self.tr("%Ln task(s) found", "", count))
        elif fetched.error is not None:
            self.say_error(fetched.error)
        else:
            self.say("")
        self.pageLoaded.emit(fetched)

    def _page_failed(self, exc: CvatError) -> None:
        self.page = self.shown_page  # what is shown is still that page: the pager must agree
        self.say_error(exc)
        if isinstance(exc, NetworkError):
            self._go_offline(self.offline_since)
        self.pageFailed.emit(exc)

    def select(self, task: Task | None) -> None:
        """Show ``task`` (from the page) at once, then load its latest details and preview (latest wins)."""
        self.current = task
        if self._details_error_shown:
            self.say("")  # that error was about the details of the task shown before
        self.detailsLoading.emit(task)
        if task is None:
            self.work.cancel("details")
            return
        self.work.start(self._load_details(task), "details")

    async def _load_details(self, task: Task) -> None:
        preview = self.repository.preview(task.id) if task.has_data else _nothing()
        fresh, image = await asyncio.gather(self.repository.task(task.id), preview, return_exceptions=True)
        for result in (fresh, image):
            if isinstance(result, BaseException) and not isinstance(result, CvatError):
                raise result
        if isinstance(fresh, Fetched):
            self.taskChanged.emit(fresh.value)
            self._set_source(fresh)
        self.previewLoaded.emit(task.id, image.value if isinstance(image, Fetched) else None)
        error = next((r for r in (fresh, image) if isinstance(r, CvatError)), None)
        error = error or (fresh.error if isinstance(fresh, Fetched) else None)
        if error is not None:
            if isinstance(error, NetworkError):
                self._go_offline(self.offline_since)
            self.say_error(error)
            self._details_error_shown = True
        self.detailsLoaded.emit(task.id)

    def replace_task(self, task: Task) -> None:
        """A newer copy of ``task`` (saved, edited, imported into): every view of it shows it."""
        if self.current is not None and self.current.id == task.id:
            self.current = task
        self.taskChanged.emit(task)

    async def reload_task(self, task_id: int) -> None:
        """Show the task as the server has it now (and keep that in the offline cache); errors change nothing."""
        try:
            fetched = await self.repository.task(task_id)
        except CvatError:
            return
        self.replace_task(fetched.value)

    async def _load_users(self) -> None:
        try:
            fetched = await self.repository.users()
        except CvatError:
            return  # names fall back to #id
        self.users = {user.id: user for user in fetched.value}
        self.usersChanged.emit(self.users)

    async def _load_profile(self) -> None:
        try:
            fetched = await self.repository.profile()
        except CvatError:
            return
        self.profile = fetched.value
        self.profileChanged.emit(self.profile)

    # -- online / offline --------------------------------------------------------------------------

    def _set_source(self, fetched: Fetched[Any]) -> None:
        if fetched.live:
            self._go_online()
        else:
            self._go_offline(fetched.saved_at)

    def _go_online(self) -> None:
        was_offline = not self.online
        self.online = True
        self.offline_since = None
        self._retry_ms = RETRY_FIRST_MS
        self._retry_timer.stop()
        self.connectionChanged.emit()
        if was_offline:
            self.work.start(self._load_users(), "users")
            self.work.start(self._load_profile(), "profile")
            self.onlineChanged.emit(True)

    def _go_offline(self, saved_at: float | None) -> None:
        was_online = self.online
        self.online = False
        if saved_at:
            self.offline_since = saved_at
        if not self._retry_timer.isActive() and not self.work.closed:
            self._retry_timer.start(self._retry_ms)
            self._retry_ms = min(self._retry_ms * 2, RETRY_MAX_MS)
        self.connectionChanged.emit()
        if was_online:
            self.onlineChanged.emit(False)

    @property
    def retrying(self) -> bool:
        """Whether a retry is scheduled (offline)."""
        return self._retry_timer.isActive()

    def retry_now(self) -> None:
        """Try the server again at once (the back-off timer's shot, fired early)."""
        self._retry_timer.stop()
        self.refresh()

    async def close(self) -> None:
        """Stop retrying and cancel every load; nothing is emitted afterwards."""
        self._retry_timer.stop()
        await self.work.close()


async def _nothing() -> Fetched[bytes | None]:
    return Fetched(None)
