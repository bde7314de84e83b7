"""The export dialog: a task's annotations (or its whole dataset, images included) in one of the server's formats,
saved where the user chooses, with the server's preparation and the download shown as they happen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from annodesk.api.models import Task
from annodesk.api.task_models import AnnotationFormats
from annodesk.i18n import arg
from annodesk.session.transfers import TransferTarget, default_exporter, export_file_name
from annodesk.settings import Settings

from .form import add_row, side_button, with_button
from .transfer_dialog import TransferDialog
from .transfers import TransferManager


def default_folder() -> Path:
    """Where exports go until the user picks a folder: the Downloads folder, else home."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
    return Path(location) if location else Path.home()


class ExportDialog(TransferDialog):
    """Exports one task. The choices stay after a failure or a cancel, for a retry.

    Closing it while an export runs leaves the export running (the Transfers window and the status bar follow
    it); Cancel stops it, and no partial file is left.
    """

    def __init__(
        self, manager: TransferManager, task: Task, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(manager, settings, parent)
        self.task = task
        self._path_edited = False  # the user typed or chose a path: a new format no longer renames it

        self.formats.setObjectName("exportFormat")
        self.formats.currentIndexChanged.connect(self._format_changed)
        self.annotations_only = QRadioButton()
        self.annotations_only.setChecked(True)
        self.with_images = QRadioButton()
        self.content = QButtonGroup(self)
        self.content.addButton(self.annotations_only)
        self.content.addButton(self.with_images)
        content = QHBoxLayout()
        content.setContentsMargins(0, 0, 0, 0)
        content.addWidget(self.annotations_only)
        content.addWidget(self.with_images)
        content.addStretch(1)
        content_box = QWidget()
        content_box.setLayout(content)
        self.path = QLineEdit()
        self.path.setObjectName("exportPath")
        self.path.textEdited.connect(self._path_typed)
        self._just_saved: Path | None = None  # the file the last export wrote, while its path is unchanged
        self.path.textChanged.connect(self._path_changed)
        self.browse_button = side_button()
        self.browse_button.clicked.connect(self.choose_path)
        path_box = with_button(self.path, self.browse_button)

        form = QFormLayout()
        self._format_row(form)
        self.content_row = add_row(form, "", content_box)
        self.path_row = add_row(form, "", path_box)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #8a5300;")
        self.note.hide()
        form.addRow("", self.note)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.retry_button)
        layout.addWidget(self.panel)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.export_button.setDefault(True)  # once in the dialog: Qt then gives Enter back to it

        folder = Path(Settings(self.settings).export_folder or default_folder())
        self.path.setText(str(folder / "export.zip"))
        self.retranslate_ui()
        self._set_running(False)
        self.load_formats()

    # -- language --------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Export annotations"))
        self.heading.setText(arg(self.tr("Task #%1 “%2”"), self.task.id, self.task.name))
        self.format_row.label.setText(self.tr("Format"))
        self.content_row.label.setText(self.tr("Content"))
        self.path_row.label.setText(self.tr("Save as"))
        self.annotations_only.setText(self.tr("Annotations only"))
        self.with_images.setText(self.tr("Dataset with images"))
        self.with_images.setToolTip(self.tr("The archive also holds every frame of the task (larger, slower)."))
        self.formats.setPlaceholderText(self.tr("Loading formats…"))
        self.browse_button.setText(self.tr("Browse…"))
        self.browse_button.setToolTip(self.tr("Choose where to save the file"))
        self.retry_button.setText(self.tr("Load the formats again"))
        self.export_button.setText(self.tr("&Export"))
        self._update_note()

    # -- formats ---------------------------------------------------------------------------------

    def _formats_known(self, formats: AnnotationFormats) -> None:
        self.formats.set_formats(formats.exporters, default_exporter(self.task.mode))
        self._format_changed()

    def _format_changed(self, _index: int = -1) -> None:
        entry = self.formats.current_format()
        if entry is not None and not self._path_edited:
            folder = Path(self.path.text()).parent if self.path.text() else default_folder()
            self.path.setText(str(folder / export_file_name(self.task.name, self.task.updated_date, entry)))
        self._update_buttons()

    # -- where to save ---------------------------------------------------------------------------

    def _path_typed(self, _text: str) -> None:
        self._path_edited = True
        self.path_row.error.show_message("")

    def choose_path(self) -> None:
        """A Save-as picker, opened without blocking (its choice lands in the path field)."""
        entry = self.formats.current_format()
        extension = entry.extensions[0] if entry and entry.extensions else "zip"
        dialog = QFileDialog(self, self.tr("Save the export as"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setDefaultSuffix(extension)
        dialog.setNameFilters(
            [arg(self.tr("%1 files (%2)"), extension.upper(), f"*.{extension}"), self.tr("All files (*)")]
        )
        current = Path(self.path.text()) if self.path.text() else default_folder() / "export.zip"
        dialog.setDirectory(str(current.parent))
        dialog.selectFile(current.name)
        dialog.fileSelected.connect(self._path_chosen)
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        dialog.open()

    def _path_chosen(self, path: str) -> None:
        if path:
            self._path_edited = True
            self.path.setText(path)
            self.path_row.error.show_message("")

    def _path_changed(self, _text: str) -> None:
        self._just_saved = None
        self._update_note()

    def _update_note(self) -> None:
        target = self._target_path()
        exists = target is not None and target.is_file() and target != self._just_saved  # "Saved to …" says it
        self.note.setText(self.tr("A file of this name exists: the export will replace it.") if exists else "")
        self.note.setVisible(exists)

    def _target_path(self) -> Path | None:
        text = self.path.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = default_folder() / path
        return path

    # -- running ---------------------------------------------------------------------------------

    def start(self) -> None:
        """Check the choices and start the export."""
        if self.running or self._loading:
            return
        entry = self.formats.current_format()
        if entry is None:
            self.format_row.error.show_message(lambda: self.tr("Choose a format."))
            return
        target = self._target_path()
        if target is None:
            self.path_row.error.show_message(lambda: self.tr("Enter where to save the file."))
            return
        if target.is_dir():
            shown = str(target)
            self.path_row.error.show_message(lambda: arg(self.tr("%1 is a folder. Enter a file name."), shown))
            return
        if not target.parent.is_dir():
            folder = str(target.parent)
            self.path_row.error.show_message(lambda: arg(self.tr("There is no folder %1."), folder))
            return
        self.format_row.error.show_message("")
        self.path_row.error.show_message("")
        self.path.setText(str(target))
        Settings(self.settings).export_folder = str(target.parent)
        self._follow(
            self.manager.export(
                TransferTarget(self.task.id, self.task.name), entry.name, target, dataset=self.with_images.isChecked()
            )
        )

    def _transfer_finished(self) -> None:
        if self.transfer is not None and self.transfer.saved is not None:
            self._just_saved = self._target_path()
        super()._transfer_finished()
        self._update_note()

    def _set_running(self, running: bool) -> None:
        for widget in (self.formats, self.annotations_only, self.with_images, self.path, self.browse_button):
            widget.setEnabled(not running)
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = not self.running and not self._loading and self.formats.current_format() is not None
        self.export_button.setEnabled(ready)
        self.formats.setEnabled(not self.running and not self._loading and self.formats.count() > 0)
