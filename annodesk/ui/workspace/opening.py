"""Opening jobs in the workspace: from the jobs tree (double-click, Enter, its context menu) and from *My jobs*.

:class:`JobOpening` gets the task view's controller and the widgets it attaches to (the details pane's jobs tree,
the View menu), never the main window. A 401 in any workspace request is the session's: the task controller's
AuthWatch sees it on the shared client and the app goes back to sign-in once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMenu, QTreeView, QWidget

from annodesk import paths
from annodesk.api.models import JobRef
from annodesk.i18n import arg
from annodesk.session.checkout_store import CheckoutStore, store_for_cache
from annodesk.session.journal import Journal
from annodesk.session.my_jobs import AssignedJob, my_jobs
from annodesk.session.repository import Repository
from annodesk.settings import Settings
from annodesk.tasks.controller import TaskController
from annodesk.workspace.controller import FrameSourceFactory, WorkspaceController
from annodesk.workspace.offline import Checkouts

from .frame_glue import FrameSources, chunk_folder
from .my_jobs_view import MyJobsView
from .unsaved_jobs import UnsavedJobs
from .window import WorkspaceWindow

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from annodesk.ui.task_details import TaskDetails

log = logging.getLogger(__name__)


class JobOpening(QObject):
    """Opens one workspace window per job (opening it again raises it) and the *My jobs* window.

    ``opened(window)`` after a new workspace window is shown. ``my_jobs_action`` (Ctrl+J) shows *My jobs*.
    ``store``: the checkout store (issue 16; None: no offline jobs) — a checked-out job reads its frames from it,
    and opens from it when the app is offline or the server cannot be reached; the windows follow the task view's
    connection state, and a network failure in one makes the task view try the server at once.
    """

    opened = Signal(object)

    def __init__(
        self,
        tasks: TaskController,
        settings: QSettings,
        frame_sources: FrameSourceFactory | None = None,
        parent: QObject | None = None,
        *,
        store: CheckoutStore | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.settings = settings
        self.store = store
        self.unsaved_jobs: UnsavedJobs | None = None
        stored = Settings(settings)  # budgets: workspace/frameMemoryMB, workspace/chunkDiskMB
        self._frame_sources = frame_sources or FrameSources(
            chunk_folder(tasks.repository),
            decoded_budget=max(64, stored.frame_memory_mb) * 1024**2,
            disk_budget=max(256, stored.chunk_disk_mb) * 1024**2,
        )
        self.windows: dict[int, WorkspaceWindow] = {}
        self._journals: dict[str, Journal] = {}  # one per server, shared by its jobs' windows
        self.my_jobs_view: MyJobsView | None = None
        self.my_jobs_action = QAction(self)
        self.my_jobs_action.setShortcut(QKeySequence("Ctrl+J"))
        self.my_jobs_action.triggered.connect(self.show_my_jobs)
        tasks.connectionChanged.connect(self._connection_changed)
        self.retranslate()

    @classmethod
    def attach(
        cls,
        tasks: TaskController,
        settings: QSettings,
        details: TaskDetails,
        menu: QMenu,
        owner: QWidget,
        closed: SignalInstance,
        store: CheckoutStore | None = None,
    ) -> JobOpening:
        """The workspace for a task view: ``details``' jobs tree opens jobs, ``menu`` gets *My jobs…* (its key works
        anywhere in ``owner``), and every workspace window closes on ``closed`` (the task view's end). ``store``:
        the checkout store (default: :func:`store_for` the task view's repository)."""
        opening = cls(tasks, settings, parent=owner, store=store if store is not None else store_for(tasks.repository))
        opening.attach_jobs_tree(details)
        unsaved = opening.unsaved_jobs = UnsavedJobs.attach(details, opening.journal)
        opening.opened.connect(
            lambda window: unsaved.watch(window.controller, window.closed, window.restore_prompt.answered)
        )
        menu.addAction(opening.my_jobs_action)
        owner.addAction(opening.my_jobs_action)
        closed.connect(opening.close_all)
        return opening

    def retranslate(self) -> None:
        self.my_jobs_action.setText(self.tr("&My jobs…"))
        self.my_jobs_action.setToolTip(self.tr("Every job assigned to you, across your tasks"))

    # -- the workspace windows ---------------------------------------------------------------------

    def open_job(self, job_id: int, task_id: int | None = None, sync: bool = False) -> WorkspaceWindow:
        """Show job ``job_id`` (of task ``task_id``, when known) in its workspace window (made and loaded the first
        time, raised after). ``sync``: then save at once — a checked-out job's offline work (restored without
        asking) is synced, and conflicts go to the conflict view (the offline jobs view's sync asks for this)."""
        window = self.windows.get(job_id)
        if window is not None:
            if window.isMinimized():
                window.showNormal()
            window.show()
            window.raise_()
            window.activateWindow()
            if sync:
                window.controller.sync()
            return window
        controller = WorkspaceController(
            self.tasks.repository,
            job_id,
            self._frame_sources,
            task_id=task_id,
            journal=self.journal(),
            checkouts=self.checkouts(),
        )
        controller.sync_on_load = sync
        controller.connectionCheckWanted.connect(self.tasks.retry_now)
        window = WorkspaceWindow(controller, self.settings)
        window.job_info.set_user_names({user_id: user.username for user_id, user in self.tasks.users.items()})
        window.closed.connect(self._closed)
        self.windows[job_id] = window
        window.show()
        controller.open()
        self.opened.emit(window)
        return window

    def journal(self) -> Journal:
        """The edit journal of the signed-in server (see :func:`journal_for`)."""
        repository = self.tasks.repository
        server = repository.client.server_url
        journal = self._journals.get(server)
        if journal is None:
            journal = self._journals[server] = journal_for(repository)
        return journal

    def checkouts(self) -> Checkouts | None:
        """The checked-out jobs of the signed-in server (None without a store)."""
        if self.store is None:
            return None
        return Checkouts(self.store, self.tasks.repository.client.server_url, online=lambda: self.tasks.online)

    def _connection_changed(self) -> None:
        online = self.tasks.online
        for window in self.windows.values():
            window.controller.set_online(online)

    def _closed(self, job_id: int) -> None:
        window = self.windows.pop(job_id, None)
        if window is not None:
            window.deleteLater()

    def close_all(self) -> None:
        """Close every workspace window and *My jobs* (the session ends: unsaved edits stay in the journal, and
        opening the job again offers them back, so nothing asks here)."""
        for window in list(self.windows.values()):
            window.close_guard.release()
            window.close()
        if self.my_jobs_view is not None:
            self.my_jobs_view.close()
            self.my_jobs_view.deleteLater()
            self.my_jobs_view = None

    # -- My jobs -----------------------------------------------------------------------------------

    def show_my_jobs(self) -> MyJobsView:
        """Show *My jobs* (one window; shown again it looks again)."""
        if self.my_jobs_view is None:
            self.my_jobs_view = MyJobsView(self._assigned_jobs, self.settings)
            self.my_jobs_view.openRequested.connect(lambda job: self.open_job(job.job_id, job.task_id))
        view = self.my_jobs_view
        view.show()
        view.raise_()
        view.activateWindow()
        view.refresh()
        return view

    async def _assigned_jobs(self) -> list[AssignedJob]:
        repository = self.tasks.repository
        user = self.tasks.profile
        if user is None:
            user = (await repository.profile()).value
        return await my_jobs(repository.client, user.id)

    # -- the jobs tree -----------------------------------------------------------------------------

    def attach_jobs_tree(self, details: TaskDetails) -> None:
        """Double-click (outside an editable cell) or Enter on a job opens it; its context menu gets *Open job*."""
        view = details.jobs_view
        view.doubleClicked.connect(lambda index: self._tree_double_clicked(details, index))
        view.installEventFilter(_EnterOpens(view, lambda: self._open_current(details), self))
        details.jobMenuRequested.connect(lambda menu, job: self._add_to_job_menu(menu, job, details))

    def _tree_double_clicked(self, details: TaskDetails, index: QModelIndex) -> None:
        if index.flags() & Qt.ItemFlag.ItemIsEditable:
            return  # status and assignee cells edit on a double-click (annodesk.ui.job_editing)
        job = details.job_at(index)
        if job is not None:
            self.open_job(job.id, details.task.id if details.task else None)

    def _open_current(self, details: TaskDetails) -> bool:
        job = details.job_at(details.jobs_view.currentIndex())
        if job is None:
            return False
        self.open_job(job.id, details.task.id if details.task else None)
        return True

    def _add_to_job_menu(self, menu: QMenu, job: JobRef, details: TaskDetails) -> None:
        action = menu.addAction(arg(self.tr("&Open job #%1"), job.id))
        action.setObjectName("openJobAction")
        task_id = details.task.id if details.task else None
        action.triggered.connect(lambda _checked=False, job_id=job.id: self.open_job(job_id, task_id))


def journal_for(repository: Repository) -> Journal:
    """The edit journal of the repository's server: in the user data dir (:meth:`Journal.default`) in the app; beside
    the offline cache's root when that is not the app's (tests), so that tests never write to the user's folders."""
    root = repository.cache.folder.parent
    server = repository.client.server_url
    if root == paths.cache_dir():
        return Journal.default(server)
    return Journal(root.parent / "journal", server)


def store_for(repository: Repository) -> CheckoutStore | None:
    """The checkout store beside the repository's offline cache (see :func:`store_for_cache`)."""
    return store_for_cache(repository.cache.folder.parent)


class _EnterOpens(QObject):
    """Enter or Return on the jobs tree opens the current job (unless a cell is being edited)."""

    def __init__(self, view: QTreeView, open_current: Callable[[], bool], parent: QObject) -> None:
        super().__init__(parent)
        self._view = view
        self._open_current = open_current

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._view
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self._view.state() != QTreeView.State.EditingState
        ):
            return self._open_current()
        return False
