"""*My jobs*: every job assigned to the signed-in user across their tasks; Enter or a double-click opens one."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from PySide6.QtCore import QEvent, QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annodesk.api import CvatError, NotAuthenticated
from annodesk.i18n import LiveText, live
from annodesk.messages import action_error
from annodesk.models.my_jobs import JOB_ROLE, MyJobsModel
from annodesk.session.my_jobs import AssignedJob
from annodesk.settings import Settings


class MyJobsTable(QTableView):
    """The jobs table; Enter opens the current job (``jobActivated``), as a double-click does."""

    jobActivated = Signal(object)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            job = self.currentIndex().data(JOB_ROLE)
            if job is not None:
                self.jobActivated.emit(job)
                return
        super().keyPressEvent(event)


class MyJobsView(QWidget):
    """A window listing :class:`AssignedJob` s. ``openRequested(job)``; ``loaded()`` after each search.

    ``load`` is the session-layer call that finds the jobs (it knows who is signed in).
    """

    openRequested = Signal(object)
    loaded = Signal()

    def __init__(
        self, load: Callable[[], Awaitable[list[AssignedJob]]], settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._load = load
        self.settings = settings
        self.model = MyJobsModel(self)
        self.table = MyJobsTable()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.jobActivated.connect(self.openRequested)
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self._open_current)
        self.open_button.setDefault(True)
        self._retranslations: list[Callable[[], None]] = []  # of buttons other features added (add_button)
        self.buttons = buttons = QHBoxLayout()
        buttons.addWidget(self.state_label, 1)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._state: LiveText = ""
        self._task: asyncio.Task[None] | None = None
        self.retranslate_ui()
        geometry = Settings(settings).my_jobs_geometry
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(640, 420)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("My jobs"))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.open_button.setText(self.tr("&Open job"))
        self.model.retranslate()
        self.state_label.setText(live(self._state))
        for retranslate in self._retranslations:
            retranslate()

    def add_button(self, button: QPushButton, retranslate: Callable[[], None]) -> None:
        """A feature's button (e.g. *Take offline*), before Refresh; ``retranslate`` sets its texts."""
        self.buttons.insertWidget(self.buttons.indexOf(self.refresh_button), button)
        self._retranslations.append(retranslate)

    def selected_jobs(self) -> list[AssignedJob]:
        """The selected rows' jobs, in the table's order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.jobs[row] for row in rows if 0 <= row < len(self.model.jobs)]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _set_state(self, text: LiveText) -> None:
        self._state = text
        self.state_label.setText(live(text))

    def refresh(self) -> None:
        """Find the jobs again (the newest request wins)."""
        import asyncio

        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._set_state(lambda: self.tr("Looking for your jobs…"))
        self.refresh_button.setEnabled(False)
        self._task = asyncio.ensure_future(self._refresh())

    async def _refresh(self) -> None:
        try:
            jobs = await self._load()
        except NotAuthenticated:
            return  # the session's one 401 path (AuthWatch) takes the user back to sign-in
        except CvatError as exc:
            error = exc
            self._set_state(lambda: action_error(error))
            self.refresh_button.setEnabled(True)
            self.loaded.emit()
            return
        finally:
            self.refresh_button.setEnabled(True)
        self.model.set_jobs(jobs)
        self.table.resizeColumnsToContents()
        if jobs:
            self.table.setCurrentIndex(self.model.index(0, 0))
        count = len(jobs)
        self._set_state(lambda: self.tr("%n job(s) assigned to you", "", count))
        self.loaded.emit()

    def _double_clicked(self, index: QModelIndex) -> None:
        job = index.data(JOB_ROLE)
        if job is not None:
            self.openRequested.emit(job)

    def _open_current(self) -> None:
        job = self.table.currentIndex().data(JOB_ROLE)
        if job is not None:
            self.openRequested.emit(job)

    def closeEvent(self, event: QCloseEvent) -> None:
        Settings(self.settings).my_jobs_geometry = self.saveGeometry()
        if self._task is not None and not self._task.done():
            self._task.cancel()
        super().closeEvent(event)
