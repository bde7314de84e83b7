"""Exporting and importing annotations from the main window: the actions (Task menu, the table's context menu,
the details pane, the jobs tree's context menu), the dialogs they open, the status bar's transfers button and
message when a transfer ends, and cancelling every transfer when the window closes.

It gets the task controller and the widgets it attaches to (the window that parents its dialogs, the Task menu,
the table, the details pane, the status bar), so the window needs one line for it.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu, QPushButton, QStatusBar, QWidget

from annodesk.api.models import JobRef, Task
from annodesk.i18n import arg
from annodesk.session.transfers import TransferTarget
from annodesk.tasks.controller import TaskController

from .task_details import TaskDetails
from .task_table import TaskTable
from .transfers import CANCELLED, SUCCEEDED, Transfer, TransferManager

if TYPE_CHECKING:
    from .export_dialog import ExportDialog
    from .import_dialog import ImportDialog
    from .transfers_window import TransfersWindow


DialogT = TypeVar("DialogT", bound=QDialog)
WidgetT = TypeVar("WidgetT", bound=QWidget)


class TransferActions(QObject):
    """The main window's export and import actions and everything they open."""

    def __init__(
        self,
        controller: TaskController,
        window: QWidget,
        menu: QMenu,
        table: TaskTable,
        details: TaskDetails,
        status_bar: QStatusBar,
        settings: QSettings,
    ) -> None:
        super().__init__(window)
        self.controller = controller
        self.window = window
        self.table = table
        self.details = details
        self.settings = settings
        self.service = controller.transfers
        self.manager = TransferManager(self.service)
        self.dialogs: dict[tuple[str, int], QDialog] = {}
        self.transfers_window: TransfersWindow | None = None

        self.export_action = QAction(window)
        self.export_action.setObjectName("exportAnnotations")
        self.export_action.triggered.connect(self.export_selected)
        self.import_action = QAction(window)
        self.import_action.setObjectName("importAnnotations")
        self.import_action.triggered.connect(self.import_into_selected)
        self.transfers_action = QAction(window)
        self.transfers_action.triggered.connect(self.show_transfers)
        menu.addSeparator()
        menu.addAction(self.export_action)
        menu.addAction(self.import_action)
        menu.addSeparator()
        menu.addAction(self.transfers_action)
        table.menu.addSeparator()
        table.menu.addAction(self.export_action)
        table.menu.addAction(self.import_action)
        details.add_action(self.export_action)
        details.add_action(self.import_action)
        details.jobMenuRequested.connect(self._add_job_actions)

        self.status_button = QPushButton()
        self.status_button.setObjectName("transfersButton")
        self.status_button.setFlat(True)
        self.status_button.clicked.connect(self.show_transfers)
        self.status_button.hide()
        status_bar.insertPermanentWidget(1, self.status_button)  # after the message, before the rest

        self.manager.added.connect(self._update_status)
        self.manager.transferFinished.connect(self._transfer_finished)
        table.selectionModel().currentRowChanged.connect(self.update_actions)
        details.shown.connect(self.update_actions)
        window.installEventFilter(self)
        self.retranslate()
        self.update_actions()

    # -- language --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.export_action.setText(self.tr("&Export annotations…"))
        self.export_action.setToolTip(self.tr("Save the task's annotations, or its whole dataset, as a file"))
        self.import_action.setText(self.tr("&Import annotations…"))
        self.import_action.setToolTip(self.tr("Replace the task's annotations with those of a file"))
        self.transfers_action.setText(self.tr("&Transfers…"))
        self._update_status()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif watched is self.window and event.type() == QEvent.Type.Close:
            self.shutdown()
        return False

    # -- actions ---------------------------------------------------------------------------------

    def current_task(self) -> Task | None:
        """The task the actions apply to: the one in the details pane (the freshest), else the selected row."""
        return self.details.task or self.table.selected_task()

    def update_actions(self, *_args: object) -> None:
        task = self.current_task()
        usable = task is not None and task.has_data
        self.export_action.setEnabled(usable)
        self.import_action.setEnabled(usable)

    def export_selected(self) -> ExportDialog | None:
        """Open the export dialog for the selected task (the one already open for it, if any)."""
        task = self.current_task()
        return None if task is None else self.open_export(task)

    def import_into_selected(self) -> ImportDialog | None:
        """Open the import dialog for the selected task."""
        task = self.current_task()
        return None if task is None else self.open_import(TransferTarget(task.id, task.name))

    def open_export(self, task: Task) -> ExportDialog:
        from .export_dialog import ExportDialog

        existing = self.dialogs.get(("export", task.id))
        if isinstance(existing, ExportDialog):
            return self._present(existing)
        dialog = ExportDialog(self.manager, task, self.settings, self.window)
        return self._present(self._keep(("export", task.id), dialog))

    def open_import(self, target: TransferTarget) -> ImportDialog:
        from .import_dialog import ImportDialog

        key = ("import-job", target.job_id) if target.job_id is not None else ("import", target.task_id)
        existing = self.dialogs.get(key)
        if isinstance(existing, ImportDialog):
            return self._present(existing)
        dialog = ImportDialog(self.manager, target, self.settings, self.window)
        return self._present(self._keep(key, dialog))

    def import_into_job(self, job: JobRef) -> ImportDialog | None:
        """Open the import dialog for one job of the task in the details pane."""
        task = self.details.task
        if task is None:
            return None
        frames = next(((s.start_frame, s.stop_frame) for s in task.segments if job in s.jobs), None)
        return self.open_import(TransferTarget(task.id, task.name, job.id, frames))

    def _add_job_actions(self, menu: QMenu, job: JobRef) -> None:
        action = menu.addAction(arg(self.tr("&Import annotations into job #%1…"), job.id))
        action.setObjectName("importIntoJob")
        action.triggered.connect(partial(self.import_into_job, job))

    def show_transfers(self) -> TransfersWindow:
        """The window listing this session's transfers."""
        from .transfers_window import TransfersWindow

        if self.transfers_window is None:
            self.transfers_window = TransfersWindow(self.manager, self.window)
        return self._present(self.transfers_window)

    # -- dialogs ---------------------------------------------------------------------------------

    def _keep(self, key: tuple[str, int], dialog: DialogT) -> DialogT:
        """Keep ``dialog`` until it is closed and its transfer (if any) has ended."""
        self.dialogs[key] = dialog
        dialog.finished.connect(partial(self._dialog_closed, key, dialog))
        dialog.transferFinished.connect(partial(self._dialog_closed, key, dialog))  # type: ignore[attr-defined]
        return dialog

    def _dialog_closed(self, key: tuple[str, int], dialog: QDialog, *_args: object) -> None:
        if dialog.isVisible() or getattr(dialog, "running", False):
            return  # still in use: shown, or its transfer runs on in the background
        if self.dialogs.get(key) is dialog:
            del self.dialogs[key]
        dialog.deleteLater()

    @staticmethod
    def _present(dialog: WidgetT) -> WidgetT:
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    # -- transfers -------------------------------------------------------------------------------

    def _transfer_finished(self, transfer: Transfer) -> None:
        self._update_status()
        if not self.window.isVisible():
            return  # closing: nothing to tell
        if transfer.state == SUCCEEDED and not transfer.is_export:
            self.controller.run(self.controller.reload_task(transfer.target.task_id))  # its "updated" time moved
        self.controller.say(lambda: self._finished_text(transfer))

    def _finished_text(self, transfer: Transfer) -> str:
        """The status bar's short line about a transfer that ended (the details stay in its dialog and in
        the Transfers window)."""
        target, state = transfer.target, transfer.state
        if transfer.is_export:
            if state == SUCCEEDED and transfer.saved is not None:
                return arg(self.tr("Task #%1 exported to %2"), target.task_id, transfer.saved.name)
            if state == CANCELLED:
                return arg(self.tr("Export of task #%1 cancelled."), target.task_id)
            return arg(self.tr("Export of task #%1 failed (see Transfers)."), target.task_id)
        total = transfer.counts.total if transfer.counts is not None else 0
        if target.job_id is not None:
            if state == SUCCEEDED:
                return arg(self.tr("Imported into job #%1: it now has %Ln object(s).", "", total), target.job_id)
            if state == CANCELLED:
                return arg(self.tr("Import into job #%1 cancelled."), target.job_id)
            return arg(self.tr("Import into job #%1 failed (see Transfers)."), target.job_id)
        if state == SUCCEEDED:
            return arg(self.tr("Imported into task #%1: it now has %Ln object(s).", "", total), target.task_id)
        if state == CANCELLED:
            return arg(self.tr("Import into task #%1 cancelled."), target.task_id)
        return arg(self.tr("Import into task #%1 failed (see Transfers)."), target.task_id)

    def _update_status(self, *_args: object) -> None:
        running = len(self.manager.running())
        if running:
            self.status_button.setText(self.tr("⇅ %n transfer(s) running", "", running))
        else:
            self.status_button.setText(self.tr("⇅ Transfers"))
        self.status_button.setVisible(bool(self.manager.transfers))

    def shutdown(self) -> None:
        """The window closes: cancel every transfer (the client removes partial files) and close the dialogs."""
        self.manager.cancel_all()
        for dialog in list(self.dialogs.values()):
            dialog.hide()
        if self.transfers_window is not None:
            self.transfers_window.hide()
