"""*Take offline* everywhere a job is shown — the jobs tree's context menu (one job or the selected ones), the Task
menu (every job of the selected task), *My jobs* and the workspace's Job menu — and the *Offline jobs* window in
the View menu. Gets the task view's controller and the widgets it attaches to, never the main window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QMenu, QPushButton, QWidget

from annodesk.api.models import JobRef
from annodesk.i18n import arg
from annodesk.models.job_tree import PAYLOAD_ROLE
from annodesk.session.checkout_store import CheckoutStore
from annodesk.session.journal import Journal
from annodesk.tasks.controller import TaskController
from annodesk.tasks.offline import OfflineJob, OfflineJobsController

from .offline_jobs import OfflineJobsWindow

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from .task_details import TaskDetails
    from .workspace.my_jobs_view import MyJobsView
    from .workspace.opening import JobOpening
    from .workspace.window import WorkspaceWindow


class OfflineActions(QObject):
    """The offline jobs of one account's window: its controller, its window (made when first shown) and the actions
    that take jobs offline."""

    def __init__(
        self,
        tasks: TaskController,
        settings: QSettings,
        store: CheckoutStore,
        journal_for: Callable[[str], Journal],
        opening: JobOpening | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.settings = settings
        self.opening = opening
        self.controller = OfflineJobsController(tasks, store, journal_for, settings, is_open=self._is_open, parent=self)
        self.controller.openRequested.connect(self._open_job)
        self.controller.message.connect(tasks.say)
        self.window: OfflineJobsWindow | None = None
        self.details: TaskDetails | None = None
        self._menu_selection: list[int] = []  # the jobs tree's selected jobs when its context menu was asked for
        self._my_jobs_views: set[int] = set()
        self.show_action = QAction(self)
        self.show_action.setObjectName("offlineJobsAction")
        self.show_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.show_action.triggered.connect(self.show_window)
        self.task_action = QAction(self)
        self.task_action.setObjectName("takeTaskOfflineAction")
        self.task_action.triggered.connect(self.take_task_offline)
        tasks.onlineChanged.connect(lambda _online: self.update_state())
        tasks.detailsLoading.connect(lambda _task: self.update_state())
        tasks.taskChanged.connect(lambda _task: self.update_state())
        self.retranslate()

    @classmethod
    def attach(
        cls,
        tasks: TaskController,
        settings: QSettings,
        store: CheckoutStore,
        details: TaskDetails,
        task_menu: QMenu,
        view_menu: QMenu,
        opening: JobOpening,
        owner: QWidget,
        closed: SignalInstance,
    ) -> OfflineActions:
        """The offline jobs for a task view: the jobs tree's menu, the Task and View menus, My jobs and every
        workspace window ``opening`` opens; the Offline jobs window closes on ``closed``."""
        journals: dict[str, Journal] = {}
        actions = cls(tasks, settings, store, lambda server: _journal_of(opening, server, journals), opening, owner)
        actions.attach_jobs_tree(details)
        task_menu.addSeparator()
        task_menu.addAction(actions.task_action)
        view_menu.addAction(actions.show_action)
        owner.addAction(actions.show_action)
        opening.opened.connect(actions.attach_workspace)
        opening.my_jobs_action.triggered.connect(lambda _checked=False: actions.attach_my_jobs(opening.my_jobs_view))
        closed.connect(actions.close)
        return actions

    def retranslate(self) -> None:
        self.show_action.setText(self.tr("O&ffline jobs…"))
        self.show_action.setToolTip(self.tr("The jobs kept on this computer for work with no network"))
        self.task_action.setText(self.tr("Take all jobs o&ffline"))
        self.update_state()

    def update_state(self) -> None:
        task = self.tasks.current
        jobs = _task_jobs(task.segments) if task is not None else []
        self.task_action.setEnabled(self.tasks.online and bool(jobs))
        if not self.tasks.online:
            self.task_action.setToolTip(self.tr("Offline: jobs can be taken offline once the server answers."))
        elif task is None or not jobs:
            self.task_action.setToolTip(self.tr("Select a task with jobs to take them offline."))
        else:
            count = len(jobs)
            self.task_action.setToolTip(self.tr("Keep the task's %n job(s) on this computer for work with no network",
                                                "", count))  # fmt: skip

    # -- the window --------------------------------------------------------------------------------

    def show_window(self) -> OfflineJobsWindow:
        """Show the *Offline jobs* window (made the first time) and read the store again."""
        if self.window is None:
            self.window = OfflineJobsWindow(self.controller, self.settings)
        self.window.show_and_refresh()
        return self.window

    def take_offline(self, job_ids: list[int]) -> None:
        """Take ``job_ids`` offline, their progress shown in the *Offline jobs* window."""
        if not job_ids:
            return
        self.show_window()
        self.controller.take_offline(job_ids)

    def take_task_offline(self) -> None:
        task = self.tasks.current
        if task is not None and self.tasks.online:
            self.take_offline(_task_jobs(task.segments))

    def close(self) -> None:
        """The session ends: downloads and syncs stop (what they stored stays), the window closes."""
        from .background import spawn

        spawn(self.controller.close())
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None

    # -- the jobs tree -----------------------------------------------------------------------------

    def attach_jobs_tree(self, details: TaskDetails) -> None:
        """Several jobs may be selected in ``details``' jobs tree; its context menu takes one or those offline."""
        self.details = details
        view = details.jobs_view
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)
        details.jobMenuRequested.connect(self._add_to_job_menu)
        self.controller.jobsChanged.connect(self._mark_tree)
        self.controller.refresh(ask_server=False)  # the marks of the jobs already offline

    def _mark_tree(self, jobs: list[OfflineJob]) -> None:
        """The jobs tree marks the jobs of this server kept offline (“Job #12 • offline”)."""
        if self.details is None:
            return
        server, model = self.controller.server, self.details.jobs_model
        marked = {job.job_id for job in jobs if job.server == server}
        if any(model.is_offline(job_id) != (job_id in marked) for job_id in _task_jobs(self._shown_segments())):
            model.set_offline_jobs(marked)
            self.details.jobs_view.resizeColumnToContents(0)  # the mark shows whole
        else:
            model.set_offline_jobs(marked)

    def _shown_segments(self) -> tuple[object, ...]:
        task = self.details.task if self.details is not None else None
        return task.segments if task is not None else ()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        details = self.details
        menu_asked = details is not None and event.type() == QEvent.Type.ContextMenu
        if menu_asked and details is not None and watched in (details.jobs_view, details.jobs_view.viewport()):
            self._menu_selection = self.selected_tree_jobs()  # before the menu makes its row the current one
        return False

    def selected_tree_jobs(self) -> list[int]:
        """The jobs selected in the jobs tree, in its order."""
        if self.details is None:
            return []
        view = self.details.jobs_view
        indexes = sorted(view.selectionModel().selectedRows(0), key=lambda index: view.visualRect(index).top())
        jobs = [index.data(PAYLOAD_ROLE) for index in indexes]
        return [job.id for job in jobs if isinstance(job, JobRef)]

    def _add_to_job_menu(self, menu: QMenu, job: JobRef) -> None:
        selected = self._menu_selection if job.id in self._menu_selection else [job.id]
        if len(selected) > 1:
            count = len(selected)
            action = menu.addAction(self.tr("Take the %n selected job(s) o&ffline", "", count))
        else:
            action = menu.addAction(arg(self.tr("Take job #%1 o&ffline"), job.id))
        action.setObjectName("takeOfflineAction")
        action.setEnabled(self.tasks.online)
        if not self.tasks.online:
            action.setToolTip(self.tr("Offline: jobs can be taken offline once the server answers."))
        action.triggered.connect(lambda _checked=False, jobs=list(selected): self.take_offline(jobs))

    # -- My jobs and the workspace -----------------------------------------------------------------

    def attach_my_jobs(self, view: MyJobsView | None) -> None:
        """*My jobs* gets a *Take offline* button for its selected jobs (once per view)."""
        if view is None or id(view) in self._my_jobs_views:
            return
        self._my_jobs_views.add(id(view))
        button = QPushButton()
        button.setObjectName("takeOfflineButton")

        def retranslate() -> None:
            button.setText(self.tr("Take o&ffline"))
            button.setToolTip(self.tr("Keep the selected jobs on this computer for work with no network"))

        retranslate()
        view.add_button(button, retranslate)
        button.clicked.connect(lambda: self.take_offline([job.job_id for job in view.selected_jobs()]))

    def attach_workspace(self, window: WorkspaceWindow) -> None:
        """The workspace window's Job menu gets *Take this job offline*."""
        action = QAction(window)
        action.setObjectName("takeOfflineAction")
        job_id = window.controller.job_id
        action.triggered.connect(lambda: self.take_offline([job_id]))

        def retranslate() -> None:
            action.setText(self.tr("Take this job o&ffline"))
            action.setEnabled(self.tasks.online)

        retranslate()
        window.job_menu.aboutToShow.connect(retranslate)
        if window.close_action in window.job_menu.actions():
            window.job_menu.insertAction(window.close_action, action)  # just above Close
            window.job_menu.insertSeparator(window.close_action)
        else:
            window.job_menu.addAction(action)

    def _is_open(self, job_id: int) -> bool:
        return self.opening is not None and job_id in self.opening.windows

    def _open_job(self, job_id: int, task_id: int, sync: bool) -> None:
        if self.opening is None:
            return
        self.opening.open_job(job_id, task_id, sync=sync)  # sync: open, then save at once (the conflict view)


def _task_jobs(segments: tuple[object, ...]) -> list[int]:
    return [job.id for segment in segments for job in getattr(segment, "jobs", ())]


def _journal_of(opening: JobOpening, server: str, others: dict[str, Journal]) -> Journal:
    """The journal of ``server``: the one ``opening``'s windows use for its own server, else one beside it (kept in
    ``others``)."""
    own = opening.journal()
    if server == own.server:
        return own
    if server not in others:
        others[server] = Journal(own.folder.parent, server)
    return others[server]
