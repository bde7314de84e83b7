"""Opening jobs in the workspace: from the jobs tree (double-click, Enter, its context menu) and from *My jobs*.

:class:`JobOpening` gets the pieces it attaches to, never the main window. :func:`attach_to_main_window` is the
one place that knows where those pieces live in today's ``MainWindow`` (MERGE NOTE: when the arch branch's
task-view controller lands, only this function changes).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMenu, QTreeView

from annodesk.api.models import JobRef, User
from annodesk.i18n import arg
from annodesk.session.my_jobs import AssignedJob, my_jobs
from annodesk.session.repository import Repository
from annodesk.workspace.controller import FrameSourceFactory, WorkspaceController

from .frame_glue import FrameSources, chunk_folder
from .my_jobs_view import MyJobsView
from .window import WorkspaceWindow

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from annodesk.ui.task_details import TaskDetails


class MainWindowPieces(Protocol):
    """What :func:`attach_to_main_window` uses of today's main window (no import of it: no circle)."""

    repository: Repository
    settings: QSettings
    details: TaskDetails
    view_menu: QMenu
    profile: User | None
    users: dict[int, User]
    unauthorized: SignalInstance
    closed: SignalInstance

    def addAction(self, action: QAction) -> None: ...

    def installEventFilter(self, watched: QObject) -> None: ...


class JobOpening(QObject):
    """Opens one workspace window per job (opening it again raises it) and the *My jobs* window.

    ``opened(window)`` after a new workspace window is shown; ``authRequired(detail)`` after any 401 in them.
    """

    opened = Signal(object)
    authRequired = Signal(str)

    def __init__(
        self,
        repository: Repository,
        settings: QSettings,
        signed_in_user: Callable[[], User | None],
        users: Callable[[], Mapping[int, User]],
        frame_sources: FrameSourceFactory | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.repository = repository
        self.settings = settings
        self._signed_in_user = signed_in_user
        self._users = users
        self._frame_sources = frame_sources or FrameSources(chunk_folder(repository))
        self.windows: dict[int, WorkspaceWindow] = {}
        self.my_jobs_view: MyJobsView | None = None
        self.my_jobs_action = QAction(self)
        self.my_jobs_action.setShortcut(QKeySequence("Ctrl+J"))
        self.my_jobs_action.triggered.connect(self.show_my_jobs)
        self.retranslate()

    def retranslate(self) -> None:
        self.my_jobs_action.setText(self.tr("&My jobs…"))
        self.my_jobs_action.setToolTip(self.tr("Every job assigned to you, across your tasks"))

    # -- the workspace windows ---------------------------------------------------------------------

    def open_job(self, job_id: int) -> WorkspaceWindow:
        """Show job ``job_id`` in its workspace window (made and loaded the first time, raised after)."""
        window = self.windows.get(job_id)
        if window is not None:
            window.showNormal() if window.isMinimized() else window.show()
            window.raise_()
            window.activateWindow()
            return window
        controller = WorkspaceController(self.repository, job_id, self._frame_sources)
        window = WorkspaceWindow(controller, self.settings)
        names = {user_id: user.username for user_id, user in self._users().items()}
        window.job_info.set_user_names(names)
        window.closed.connect(self._closed)
        window.authRequired.connect(self.authRequired)
        self.windows[job_id] = window
        window.show()
        controller.open()
        self.opened.emit(window)
        return window

    def _closed(self, job_id: int) -> None:
        window = self.windows.pop(job_id, None)
        if window is not None:
            window.deleteLater()

    def close_all(self) -> None:
        """Close every workspace window and *My jobs* (the session ends)."""
        for window in list(self.windows.values()):
            window.close()
        if self.my_jobs_view is not None:
            self.my_jobs_view.close()
            self.my_jobs_view.deleteLater()
            self.my_jobs_view = None

    # -- My jobs -----------------------------------------------------------------------------------

    def show_my_jobs(self) -> MyJobsView:
        """Show *My jobs* (one window; shown again it refreshes)."""
        if self.my_jobs_view is None:
            self.my_jobs_view = MyJobsView(self._assigned_jobs, self.settings)
            self.my_jobs_view.openRequested.connect(lambda job: self.open_job(job.job_id))
            self.my_jobs_view.authRequired.connect(self.authRequired)
        view = self.my_jobs_view
        view.show()
        view.raise_()
        view.activateWindow()
        view.refresh()
        return view

    async def _assigned_jobs(self) -> list[AssignedJob]:
        user = self._signed_in_user()
        if user is None:
            user = (await self.repository.profile()).value
        return await my_jobs(self.repository.client, user.id)

    # -- the jobs tree -----------------------------------------------------------------------------

    def attach_jobs_tree(self, details: TaskDetails) -> None:
        """Double-click (outside an editable cell) or Enter on a job opens it; its context menu gets *Open job*."""
        view = details.jobs_view
        view.doubleClicked.connect(lambda index: self._tree_double_clicked(details, index))
        view.installEventFilter(_EnterOpens(view, lambda: self._open_current(details), self))
        details.jobMenuRequested.connect(self._add_to_job_menu)

    def _tree_double_clicked(self, details: TaskDetails, index: QModelIndex) -> None:
        if index.flags() & Qt.ItemFlag.ItemIsEditable:
            return  # status and assignee cells edit on a double-click (annodesk.ui.job_editing)
        job = details.job_at(index)
        if job is not None:
            self.open_job(job.id)

    def _open_current(self, details: TaskDetails) -> bool:
        job = details.job_at(details.jobs_view.currentIndex())
        if job is None:
            return False
        self.open_job(job.id)
        return True

    def _add_to_job_menu(self, menu: QMenu, job: JobRef) -> None:
        action = menu.addAction(arg(self.tr("&Open job #%1"), job.id))
        action.setObjectName("openJobAction")
        action.triggered.connect(lambda _checked=False, job_id=job.id: self.open_job(job_id))


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


def attach_to_main_window(window: MainWindowPieces) -> JobOpening:
    """Give today's main window the workspace: its jobs tree opens jobs, its View menu gets *My jobs…*.

    Workspace windows close with the main window; a 401 in them goes the main window's one way to sign-in.
    """
    opening = JobOpening(
        window.repository,
        window.settings,
        lambda: window.profile,
        lambda: window.users,
        parent=window,  # type: ignore[arg-type]
    )
    opening.attach_jobs_tree(window.details)
    window.view_menu.addAction(opening.my_jobs_action)
    window.addAction(opening.my_jobs_action)
    opening.authRequired.connect(window.unauthorized)
    window.closed.connect(opening.close_all)
    _retranslate_with(window, opening)
    return opening


def _retranslate_with(widget: MainWindowPieces, opening: JobOpening) -> None:
    class _Follower(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.LanguageChange:
                opening.retranslate()
            return False

    follower = _Follower(opening)
    widget.installEventFilter(follower)
