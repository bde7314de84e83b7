"""The import dialog: replace a task's or a job's annotations with a file in one of the server's formats, after a
confirmation; the upload in bytes, then the server's import, then what the task or job now holds."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from annodesk.api.task_models import AnnotationFormats
from annodesk.i18n import arg
from annodesk.session.transfers import DEFAULT_IMPORTER, TransferTarget
from annodesk.settings import Settings

from .export_dialog import default_folder
from .form import add_row, side_button, with_button
from .transfer_dialog import TransferDialog
from .transfers import TransferManager


class ImportDialog(TransferDialog):
    """Imports one annotation file into a task or a job (``target.job_id``).

    Import replaces every annotation of the target, so Import asks first (a non-modal message box,
    ``confirmation``). The choices stay after a failure, for a retry.
    """

    def __init__(
        self, manager: TransferManager, target: TransferTarget, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(manager, settings, parent)
        self.target = target
        self.confirmation: QMessageBox | None = None

        self.formats.setObjectName("importFormat")
        self.formats.currentIndexChanged.connect(lambda _index: self._update_buttons())
        self.file = QLineEdit()
        self.file.setObjectName("importFile")
        self.file.textChanged.connect(lambda _text: self._update_buttons())
        self.browse_button = side_button()
        self.browse_button.clicked.connect(self.choose_file)
        file_box = with_button(self.file, self.browse_button)
        form = QFormLayout()
        self._format_row(form)
        self.file_row = add_row(form, "", file_box)
        self.warning = QLabel()
        self.warning.setObjectName("replaceWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(
            "background: #fff3cd; color: #5c4400; padding: 6px; border: 1px solid #e0c97a; border-radius: 3px;"
        )

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.import_button.clicked.connect(self.ask)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.retry_button)
        layout.addWidget(self.panel)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.import_button.setDefault(True)  # once in the dialog: Qt then gives Enter back to it
        self.retranslate_ui()
        self._set_running(False)
        self.load_formats()

    # -- language --------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        target = self.target
        if target.job_id is not None:
            self.setWindowTitle(self.tr("Import annotations into a job"))
            first, last = target.frames or (0, 0)
            heading = self.tr("Job #%1 of task #%2 “%3” (frames %4–%5)")
            self.heading.setText(arg(heading, target.job_id, target.task_id, target.task_name, first, last))
            self.warning.setText(
                self.tr(
                    "Importing replaces all current annotations of this job with those of the file. "
                    "This cannot be undone."
                )
            )
        else:
            self.setWindowTitle(self.tr("Import annotations"))
            self.heading.setText(arg(self.tr("Task #%1 “%2”"), target.task_id, target.task_name))
            self.warning.setText(
                self.tr(
                    "Importing replaces all current annotations of this task with those of the file. "
                    "This cannot be undone."
                )
            )
        self.format_row.label.setText(self.tr("Format"))
        self.file_row.label.setText(self.tr("File"))
        self.formats.setPlaceholderText(self.tr("Loading formats…"))
        self.file.setPlaceholderText(self.tr("The annotation file to import"))
        self.browse_button.setText(self.tr("Browse…"))
        self.browse_button.setToolTip(self.tr("Choose the annotation file"))
        self.retry_button.setText(self.tr("Load the formats again"))
        self.import_button.setText(self.tr("&Import…"))

    # -- formats ---------------------------------------------------------------------------------

    def _formats_known(self, formats: AnnotationFormats) -> None:
        self.formats.set_formats(formats.importers, DEFAULT_IMPORTER)
        self._update_buttons()

    # -- the file --------------------------------------------------------------------------------

    def choose_file(self) -> None:
        """An Open picker filtered by the chosen format's extensions, opened without blocking."""
        entry = self.formats.current_format()
        dialog = QFileDialog(self, self.tr("Choose the annotation file"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        filters = [self.tr("All files (*)")]
        if entry is not None and entry.extensions:
            patterns = " ".join(f"*.{extension}" for extension in entry.extensions)
            filters.insert(0, arg(self.tr("%1 files (%2)"), entry.name, patterns))
        dialog.setNameFilters(filters)
        current = self.file.text().strip()
        folder = Path(current).parent if current else Path(Settings(self.settings).import_folder or default_folder())
        dialog.setDirectory(str(folder))
        dialog.fileSelected.connect(self._file_chosen)
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        dialog.open()

    def _file_chosen(self, path: str) -> None:
        if path:
            self.file.setText(path)
            self.file_row.error.show_message("")

    def _chosen_file(self) -> Path | None:
        text = self.file.text().strip()
        return Path(text).expanduser() if text else None

    # -- running ---------------------------------------------------------------------------------

    def ask(self) -> None:
        """Check the choices, then ask before replacing the annotations (the import starts on "Replace")."""
        if self.running or self._loading:
            return
        entry = self.formats.current_format()
        if entry is None:
            self.format_row.error.show_message(lambda: self.tr("Choose a format."))
            return
        file = self._chosen_file()
        if file is None:
            self.file_row.error.show_message(lambda: self.tr("Choose the file to import."))
            return
        if not file.is_file():
            shown = str(file)
            self.file_row.error.show_message(lambda: arg(self.tr("There is no file %1."), shown))
            return
        self.format_row.error.show_message("")
        self.file_row.error.show_message("")
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Replace annotations?"))
        target = self.target
        if target.job_id is not None:
            text = arg(
                self.tr("All current annotations of job #%1 (task #%2) will be replaced with those of “%3”."),
                target.job_id,
                target.task_id,
                file.name,
            )
        else:
            text = arg(
                self.tr("All current annotations of task #%1 “%2” will be replaced with those of “%3”."),
                target.task_id,
                target.task_name,
                file.name,
            )
        box.setText(text)
        box.setInformativeText(self.tr("This cannot be undone."))
        self.replace_button = box.addButton(self.tr("Replace annotations"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _result: self._answered(box, entry.name, file))
        self.confirmation = box
        box.open()

    def _answered(self, box: QMessageBox, format_name: str, file: Path) -> None:
        self.confirmation = None
        confirmed = box.clickedButton() is self.replace_button
        box.deleteLater()
        if confirmed:
            self.start(format_name, file)

    def start(self, format_name: str, file: Path) -> None:
        """Start the import (confirmed)."""
        if self.running:
            return
        Settings(self.settings).import_folder = str(file.parent)
        self._follow(self.manager.import_file(self.target, format_name, file))

    def _set_running(self, running: bool) -> None:
        for widget in (self.file, self.browse_button):
            widget.setEnabled(not running)
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = not self.running and not self._loading
        self.import_button.setEnabled(idle and self.formats.current_format() is not None)
        self.formats.setEnabled(idle and self.formats.count() > 0)
