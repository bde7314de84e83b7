"""The *Offline jobs* window: every checked-out job (server, task, size on disk, base version, local changes, last
sync, state), the jobs being taken offline (progress in bytes and frames, Cancel), and Open, Sync, Sync all,
Export local edits and Remove; the store's total size with its budget, and the offline settings.

A view over an :class:`~annodesk.tasks.offline.OfflineJobsController`: it asks, the controller works. Keys: Enter
opens, Delete removes, F5 reads again, Ctrl+Shift+S syncs the selected jobs; Escape closes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QPoint, QSettings, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDoubleSpinBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annodesk.i18n import LiveText, arg, format_number, format_size, live
from annodesk.models.offline_jobs import (
    OFFLINE_JOB_ROLE,
    SORT_ROLE,
    OfflineJobsModel,
    changes_text,
    impossible_text,
)
from annodesk.session.sync import SyncImpossible, SyncOutcome
from annodesk.settings import Settings
from annodesk.tasks.offline import INCOMPLETE, UNAVAILABLE, OfflineJob, OfflineJobsController, TakeOfflineProgress

from .copy_text import add_copy_action
from .elided_label import ElidedLabel

GIGABYTE_MB = 1000  # the budget is kept in SI megabytes, shown in gigabytes


class OfflineJobsTable(QTableView):
    """The checkouts; Enter opens the current one (``activatedByKey``), as a double-click does; Delete asks to remove
    the selected ones (``removeByKey``)."""

    activatedByKey = Signal()
    removeByKey = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activatedByKey.emit()
            return
        if event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Delete:
            self.removeByKey.emit()
            return
        super().keyPressEvent(event)


class OfflineJobsWindow(QWidget):
    """The view of ``controller``'s checkouts (one window per account; closing it only hides it)."""

    def __init__(self, controller: OfflineJobsController, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.controller = controller
        self.settings = settings
        self.setObjectName("offlineJobsWindow")
        self._message: LiveText = ""
        self._progress: TakeOfflineProgress | None = None
        self.removal_question: QMessageBox | None = None
        self._removals_to_ask: list[tuple[str, int, int]] = []
        self._notice: LiveText = ""
        self._notice_job: OfflineJob | None = None
        self._build()
        self._bind()
        self.retranslate_ui()
        geometry = Settings(settings).offline_jobs_geometry
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(980, 480)

    # -- construction ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.progress_frame = QFrame()
        self.progress_frame.setObjectName("takeOfflineProgress")
        self.progress_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.progress_label = ElidedLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.controller.cancel_take_offline)
        self.batch_label = QLabel()
        self.batch_label.setObjectName("takeOfflineBatch")
        progress_layout = QHBoxLayout(self.progress_frame)
        progress_layout.addWidget(self.batch_label)
        progress_layout.addWidget(self.progress_label, 3)
        progress_layout.addWidget(self.progress_bar, 2)
        progress_layout.addWidget(self.cancel_button)
        self.progress_frame.hide()

        self.model = OfflineJobsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = OfflineJobsTable()
        self.table.setObjectName("offlineJobsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        add_copy_action(self.table)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.notice_frame = QFrame()
        self.notice_frame.setObjectName("offlineNotice")
        self.notice_frame.setStyleSheet("#offlineNotice { background: #fff3cd; border: 1px solid #e0c97a; }")
        self.notice_label = QLabel()
        self.notice_label.setWordWrap(True)
        self.notice_label.setStyleSheet("color: #5c4400;")
        self.notice_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice_export_button = QPushButton()
        self.notice_export_button.clicked.connect(self._export_notice_job)
        self.notice_close_button = QPushButton()
        self.notice_close_button.clicked.connect(self._hide_notice)
        notice_layout = QHBoxLayout(self.notice_frame)
        notice_layout.addWidget(self.notice_label, 1)
        notice_layout.addWidget(self.notice_export_button, 0, Qt.AlignmentFlag.AlignTop)
        notice_layout.addWidget(self.notice_close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.notice_frame.hide()

        self.open_button = QPushButton()
        self.sync_button = QPushButton()
        self.sync_all_button = QPushButton()
        self.export_button = QPushButton()
        self.remove_button = QPushButton()
        self.refresh_button = QPushButton()
        buttons = QHBoxLayout()
        for button in (self.open_button, self.sync_button, self.sync_all_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.refresh_button)

        self.total_label = QLabel()
        self.total_label.setObjectName("offlineTotal")
        self.budget_label = QLabel()
        self.budget_box = QDoubleSpinBox()
        self.budget_box.setDecimals(1)
        self.budget_box.setRange(0.1, 100_000.0)
        self.budget_box.setSingleStep(1.0)
        self.budget_box.setValue(Settings(self.settings).offline_budget_mb / GIGABYTE_MB)
        self.budget_box.setKeyboardTracking(False)
        self.budget_label.setBuddy(self.budget_box)
        self.sync_on_reconnect_box = QCheckBox()
        self.sync_on_reconnect_box.setChecked(Settings(self.settings).offline_sync_on_reconnect)
        self.original_quality_box = QCheckBox()
        self.original_quality_box.setChecked(Settings(self.settings).offline_original_quality)
        storage = QHBoxLayout()
        storage.addWidget(self.total_label)
        storage.addSpacing(12)
        storage.addWidget(self.budget_label)
        storage.addWidget(self.budget_box)
        storage.addStretch(1)
        storage.addWidget(self.original_quality_box)
        storage.addWidget(self.sync_on_reconnect_box)

        self.message_label = ElidedLabel()
        self.message_label.setObjectName("offlineMessage")

        layout = QVBoxLayout(self)
        layout.addWidget(self.progress_frame)
        layout.addWidget(self.notice_frame)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        layout.addLayout(storage)
        layout.addWidget(self.message_label)

        self.refresh_action = QAction(self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.triggered.connect(self.controller.refresh)
        self.open_action = QAction(self)
        self.open_action.triggered.connect(self.open_selected)
        self.sync_selected_action = QAction(self)
        self.sync_selected_action.triggered.connect(self.sync_selected)
        self.export_action = QAction(self)
        self.export_action.triggered.connect(self.export_selected)
        self.remove_action = QAction(self)
        self.remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))  # shown; the table handles it
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_action.triggered.connect(self.remove_selected)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_menu)
        self.menu: QMenu | None = None
        self.sync_action = QAction(self)
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.sync_action.triggered.connect(self.sync_selected)
        self.close_action = QAction(self)
        self.close_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Cancel))
        self.close_action.triggered.connect(self.close)
        for action in (self.refresh_action, self.sync_action, self.close_action):
            self.addAction(action)

    def _bind(self) -> None:
        controller = self.controller
        controller.jobsChanged.connect(self._show_jobs)
        controller.progressChanged.connect(self._show_progress)
        controller.message.connect(self.set_message)
        controller.removalRefused.connect(self.ask_removal)
        controller.synced.connect(self._synced)
        controller.syncsEnded.connect(self._update_buttons)
        controller.tasks.onlineChanged.connect(lambda _online: self._update_buttons())
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.activatedByKey.connect(self.open_selected)
        self.table.removeByKey.connect(self.remove_selected)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._selection_changed())
        self.open_button.clicked.connect(self.open_selected)
        self.sync_button.clicked.connect(self.sync_selected)
        self.sync_all_button.clicked.connect(self.sync_all)
        self.export_button.clicked.connect(self.export_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.refresh_button.clicked.connect(controller.refresh)
        self.budget_box.valueChanged.connect(self._budget_changed)
        self.sync_on_reconnect_box.toggled.connect(self._sync_on_reconnect_changed)
        self.original_quality_box.toggled.connect(self._original_quality_changed)

    # -- language ----------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Offline jobs"))
        self.cancel_button.setText(self.tr("&Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop taking jobs offline; what was downloaded is kept"))
        self.open_button.setText(self.tr("&Open"))
        self.sync_button.setText(self.tr("&Sync"))
        self.sync_all_button.setText(self.tr("Sync &all"))
        self.sync_all_button.setToolTip(self.tr("Sync every job of this server that changed here"))
        self.export_button.setText(self.tr("&Export local edits…"))
        self.remove_button.setText(self.tr("&Remove"))
        self.remove_button.setToolTip(self.tr("Remove the selected jobs from this computer (Delete)"))
        self.refresh_button.setText(self.tr("Re&fresh"))
        self.notice_export_button.setText(self.tr("E&xport…"))
        self.notice_close_button.setText(self.tr("&Dismiss"))
        self.budget_label.setText(self.tr("Allowed &space (GB):"))
        self.budget_box.setToolTip(self.tr("Jobs are not taken offline beyond this much disk space"))
        self.sync_on_reconnect_box.setText(self.tr("Sync when the &connection comes back"))
        self.sync_on_reconnect_box.setToolTip(
            self.tr("When the server answers again, send the jobs changed here (conflicts wait for you)")
        )
        self.original_quality_box.setText(self.tr("Original &quality"))
        self.original_quality_box.setToolTip(
            self.tr("Take jobs offline with their frames as uploaded (larger) instead of the compressed chunks")
        )
        self.empty_label.setText(
            self.tr(
                "No job is offline yet. Take jobs offline from a task's jobs (right-click), the Task menu or My jobs."
            )
        )
        self.refresh_action.setText(self.tr("Refresh"))
        self.remove_action.setText(self.tr("&Remove…"))
        self.open_action.setText(self.tr("&Open"))
        self.sync_selected_action.setText(self.tr("&Sync"))
        self.export_action.setText(self.tr("&Export local edits…"))
        self.sync_action.setText(self.tr("Sync"))
        self.close_action.setText(self.tr("Close"))
        self.model.retranslate()
        if self.model.jobs:
            self._fit_columns()  # the texts of the other language have other widths
        self._show_total()
        self._show_progress(self._progress)
        self.message_label.setText(live(self._message))
        self.notice_label.setText(live(self._notice))
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- what the controller says ------------------------------------------------------------------

    def show_and_refresh(self) -> None:
        """Show the window (raised) and read the store again."""
        self.show()
        self.raise_()
        self.activateWindow()
        self.controller.refresh()

    def _show_jobs(self, jobs: list[OfflineJob]) -> None:
        rows_before = [(job.server, job.job_id) for job in self.model.jobs]
        self.model.set_jobs(jobs)
        if jobs and rows_before != [(job.server, job.job_id) for job in jobs]:
            self._fit_columns()  # rows came or went: every text shows whole
        if jobs and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
            self.table.selectionModel().select(
                self.proxy.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        self.table.setVisible(bool(jobs))
        self.empty_label.setVisible(not jobs)
        self._show_total()
        self._update_buttons()

    def _fit_columns(self) -> None:
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)

    def _show_total(self) -> None:
        used, budget = self.controller.total_bytes, self.controller.budget
        text = arg(self.tr("Offline jobs use %1 of %2."), format_size(used), format_size(budget))
        self.total_label.setText(text)
        self.total_label.setStyleSheet("color: #b00020;" if used > budget else "")

    def _show_progress(self, progress: TakeOfflineProgress | None) -> None:
        self._progress = progress
        self.progress_frame.setVisible(progress is not None)
        if progress is None:
            return
        self.batch_label.setVisible(progress.total > 1)
        self.batch_label.setText(arg(self.tr("Job %1 of %2"), progress.done + 1, progress.total))
        step = progress.progress
        if step is None:
            text = arg(self.tr("Taking job #%1 offline: reading it…"), progress.job_id)
            self.progress_bar.setRange(0, 0)
        else:
            text = arg(
                self.tr("Taking job #%1 offline: %2 received, %3 of %4 frames here"),
                progress.job_id, format_size(step.bytes_received), format_number(step.frames_done),
                format_number(step.frames_total),
            )  # fmt: skip
            self.progress_bar.setRange(0, max(1, step.frames_total))
            self.progress_bar.setValue(step.frames_done)
        self.progress_label.setText(text)

    def set_message(self, text: LiveText) -> None:
        self._message = text
        self.message_label.setText(live(text))

    def show_notice(self, text: LiveText, export_job: OfflineJob | None = None) -> None:
        """A lasting notice above the table (a server change, a job that can no longer be sent), with Export…
        for ``export_job``."""
        self._notice = text
        self.notice_label.setText(live(text))
        self.notice_export_button.setVisible(export_job is not None)
        self._notice_job = export_job
        self.notice_frame.show()

    def _hide_notice(self) -> None:
        self._notice_job = None
        self.notice_frame.hide()

    def _export_notice_job(self) -> None:
        if self._notice_job is not None:
            self.export_job(self._notice_job)

    # -- selection and buttons ---------------------------------------------------------------------

    def selected_jobs(self) -> list[OfflineJob]:
        """The selected rows' jobs, in the table's order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        jobs = [self.proxy.index(row, 0).data(OFFLINE_JOB_ROLE) for row in rows]
        return [job for job in jobs if isinstance(job, OfflineJob)]

    def select_job(self, job_id: int) -> None:
        """Make ``job_id`` (of this server) the current, only selected row."""
        row = self.model.row_of(job_id, self.controller.server)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.setCurrentIndex(index)
        self.table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )

    def _update_buttons(self) -> None:
        jobs = self.selected_jobs()
        here = [job for job in jobs if job.server == self.controller.server]
        online = self.controller.tasks.online
        self.open_button.setEnabled(len(here) == 1 and here[0].state != INCOMPLETE)
        self.sync_button.setEnabled(online and any(job.state != INCOMPLETE for job in here))
        self.sync_all_button.setEnabled(online and any(job.server == self.controller.server
                                                       for job in self.controller.jobs))  # fmt: skip
        self.export_button.setEnabled(len(here) == 1 and here[0].local_changes > 0)
        self.remove_button.setEnabled(bool(jobs))
        self.remove_action.setEnabled(bool(jobs))
        elsewhere = bool(jobs) and not here
        tip = self.tr("Sign in to that job's server to open or sync it.")
        self.open_button.setToolTip(tip if elsewhere else self.tr("Open the job in its window (Enter)"))
        self.sync_button.setToolTip(
            tip if elsewhere else self.tr("Send the selected jobs' local changes and take the server's (Ctrl+Shift+S)")
        )
        self.export_button.setToolTip(
            tip if elsewhere else self.tr("Save the job as edited here to a file in CVAT's format")
        )

    def _selection_changed(self) -> None:
        self._update_buttons()
        self._notice_for_current()

    def _show_menu(self, position: QPoint) -> None:
        """The context menu of the selected rows (right-click or the menu key)."""
        if not self.selected_jobs():
            return
        menu = self.menu = QMenu(self.table)
        for action, button in (
            (self.open_action, self.open_button),
            (self.sync_selected_action, self.sync_button),
            (self.export_action, self.export_button),
        ):
            action.setEnabled(button.isEnabled())
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.remove_action)
        menu.popup(self.table.viewport().mapToGlobal(position))

    def _budget_changed(self, gigabytes: float) -> None:
        self.controller.set_budget_mb(max(1, round(gigabytes * GIGABYTE_MB)))
        self._show_total()

    def _sync_on_reconnect_changed(self, checked: bool) -> None:
        Settings(self.settings).offline_sync_on_reconnect = checked

    def _original_quality_changed(self, checked: bool) -> None:
        Settings(self.settings).offline_original_quality = checked

    # -- actions -----------------------------------------------------------------------------------

    def open_selected(self) -> None:
        here = [job for job in self.selected_jobs() if job.server == self.controller.server]
        if len(here) == 1 and here[0].state != INCOMPLETE:
            self.controller.open(here[0].job_id)

    def sync_selected(self) -> None:
        """Sync the selected jobs of this server (conflicts open the job's window to resolve them)."""
        jobs = [job.job_id for job in self.selected_jobs() if job.server == self.controller.server and job.complete]
        if jobs and self.controller.tasks.online:
            self.controller.sync(jobs)

    def sync_all(self) -> None:
        if self.controller.tasks.online:
            self.controller.sync_all()

    def export_selected(self) -> None:
        here = [job for job in self.selected_jobs() if job.server == self.controller.server]
        if len(here) == 1:
            self.export_job(here[0])

    def export_job(self, job: OfflineJob) -> None:
        """Ask where, then write ``job`` as edited here to a CVAT for images 1.1 XML file."""
        stored = Settings(self.settings)
        folder = Path(stored.export_folder) if stored.export_folder else Path.home()
        name = f"job-{job.job_id}-local-edits.xml"
        filters = ";;".join((self.tr("CVAT for images 1.1 (*.xml)"), self.tr("CVAT for images 1.1, zipped (*.zip)")))
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export local edits"), str(folder / name), filters)
        if not path:
            return
        stored.export_folder = str(Path(path).parent)
        self.controller.export_local(job.job_id, Path(path))

    def _synced(self, job_id: int, outcome: SyncOutcome) -> None:
        """Say plainly what changed on the server, and why a job can no longer be synced (with Export…)."""
        row = self.controller.job(job_id)
        if isinstance(outcome, SyncImpossible):
            self.show_notice(lambda: impossible_text(job_id, outcome), row)
        elif outcome.changes:
            changes = outcome.changes
            self.show_notice(lambda: changes_text(job_id, changes))

    def _notice_for_current(self) -> None:
        """The selected job's server changes (as the server was last asked), said above the table."""
        jobs = self.selected_jobs()
        if len(jobs) != 1 or not jobs[0].changes:
            if self._notice_job is None or all(job.job_id != self._notice_job.job_id for job in jobs):
                self.notice_frame.hide()
            return
        job = jobs[0]
        changes = job.changes
        if job.state == UNAVAILABLE:
            impossible = SyncImpossible("", changes)
            self.show_notice(lambda: impossible_text(job.job_id, impossible), job)
        else:
            self.show_notice(lambda: changes_text(job.job_id, changes))

    def remove_selected(self) -> None:
        jobs = self.selected_jobs()
        if jobs:
            self.controller.remove([(job.server, job.job_id) for job in jobs])

    def ask_removal(self, server: str, job_id: int, steps: int) -> QMessageBox | None:
        """Job ``job_id`` holds ``steps`` unsynced edits: remove it anyway (they are lost) or keep it. Asked one job
        at a time (the next when this one is answered)."""
        if self.removal_question is not None:
            self._removals_to_ask.append((server, job_id, steps))
            return None
        box = QMessageBox(self)
        box.setObjectName("removeOfflineJobQuestion")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Remove offline job"))
        box.setText(
            arg(
                self.tr("Job #%1 holds %n edit(s) made here and not yet sent to the server. Remove it anyway? "
                        "Those edits are lost.", "", steps),
                job_id,
            )
        )  # fmt: skip
        remove = box.addButton(self.tr("&Remove anyway"), QMessageBox.ButtonRole.DestructiveRole)
        remove.setAutoDefault(False)
        keep = box.addButton(self.tr("&Keep it"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setWindowModality(Qt.WindowModality.WindowModal)

        def answered(_result: int) -> None:
            self.removal_question = None
            box.deleteLater()
            if box.clickedButton() is remove:
                self.controller.remove([(server, job_id)], force=True)
            if self._removals_to_ask:
                self.ask_removal(*self._removals_to_ask.pop(0))

        box.finished.connect(answered)
        self.removal_question = box
        box.open()
        keep.setFocus()
        return box

    def closeEvent(self, event: QCloseEvent) -> None:
        Settings(self.settings).offline_jobs_geometry = self.saveGeometry()
        super().closeEvent(event)
