"""The files of a new task: *Add files…*, *Add folder…* (every image in it, by extension), a list with each file's
size and folder, the count and total size, and *Remove* (or the Delete key). Files are measured and folders
scanned off the GUI thread; the file dialogs are Qt's own (non-native) and opened without blocking."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annodesk.i18n import LiveText, arg, format_size
from annodesk.models.chosen_files import IMAGE_EXTENSIONS, ChosenFile, ChosenFilesModel, measure, scan_images

from .background import spawn
from .form import ErrorLabel, side_button

NAMES_SHOWN = 5  # file names quoted when some are left out


class FilePicker(QGroupBox):
    """``filesAdded`` after each addition (whatever was left out); ``fileDialogOpened(dialog)`` gives tests the
    file dialog while it is open. ``error`` is the line under the list (notices and the form's errors)."""

    filesAdded = Signal()
    fileDialogOpened = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ChosenFilesModel(self)
        self.view = QTableView()
        self.view.setObjectName("chosenFiles")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 6)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a folder's end says more than its start
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.add_files_button = side_button()
        self.add_folder_button = side_button()
        self.remove_button = side_button()
        self.remove_button.setEnabled(False)
        buttons = QHBoxLayout()
        for button in (self.add_files_button, self.add_folder_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.summary = QLabel()
        self.summary.setObjectName("filesSummary")
        self.error = ErrorLabel()
        self.error.setObjectName("filesError")
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        self.file_dialog: QFileDialog | None = None
        self._busy = False
        self._notice: LiveText = ""

        self.add_files_button.clicked.connect(self.choose_files)
        self.add_folder_button.clicked.connect(self.choose_folder)
        self.remove_button.clicked.connect(self.remove_selected)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_remove())
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view, self.remove_selected)
        self.model.rowsInserted.connect(self._show_summary)
        self.model.rowsRemoved.connect(self._show_summary)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Files"))
        self.add_files_button.setText(self.tr("Add files…"))
        self.add_folder_button.setText(self.tr("Add folder…"))
        self.add_folder_button.setToolTip(self.tr("Adds every image in the folder and its sub-folders."))
        self.remove_button.setText(self.tr("Remove"))
        self.model.retranslate()
        self._show_summary()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_busy(self, busy: bool) -> None:
        """While uploading the list stays as it is."""
        self._busy = busy
        self.add_files_button.setEnabled(not busy)
        self.add_folder_button.setEnabled(not busy)
        self._update_remove()

    def _update_remove(self) -> None:
        self.remove_button.setEnabled(not self._busy and self.view.selectionModel().hasSelection())

    # -- choosing --------------------------------------------------------------------------------

    def _dialog(self, folder: bool) -> QFileDialog:
        dialog = QFileDialog(self)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        if folder:
            dialog.setWindowTitle(self.tr("Add a folder of images"))
            dialog.setFileMode(QFileDialog.FileMode.Directory)
            dialog.setOption(QFileDialog.Option.ShowDirsOnly)
        else:
            dialog.setWindowTitle(self.tr("Add files"))
            dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
            patterns = " ".join(f"*{extension}" for extension in sorted(IMAGE_EXTENSIONS))
            dialog.setNameFilters(
                [
                    arg(self.tr("Images (%1)"), patterns),
                    self.tr("Archives of images (*.zip *.tar *.tar.gz *.tgz)"),
                    self.tr("All files (*)"),
                ]
            )
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        return dialog

    def choose_files(self) -> None:
        """Pick image files (or one archive of images)."""
        dialog = self._dialog(folder=False)
        dialog.filesSelected.connect(lambda paths: spawn(self.add_files([Path(p) for p in paths])))
        dialog.open()
        self.fileDialogOpened.emit(dialog)

    def choose_folder(self) -> None:
        """Pick a folder: every image in it and its sub-folders is added."""
        dialog = self._dialog(folder=True)
        dialog.fileSelected.connect(lambda path: spawn(self.add_folder(Path(path))))
        dialog.open()
        self.fileDialogOpened.emit(dialog)

    async def add_files(self, paths: Sequence[Path]) -> None:
        """Add ``paths`` (measured off the GUI thread)."""
        chosen = await asyncio.to_thread(measure, paths)
        self._add(chosen, folder=None)

    async def add_folder(self, folder: Path) -> None:
        """Add every image under ``folder`` (scanned off the GUI thread)."""
        chosen = await asyncio.to_thread(scan_images, folder)
        self._add(chosen, folder=folder)

    def _add(self, chosen: list[ChosenFile], folder: Path | None) -> None:
        _added, clashes = self.model.add(chosen)
        if folder is not None and not chosen:
            where = str(folder)
            self.show_notice(lambda: arg(self.tr("There are no images in %1."), where))
        elif clashes:
            names = ", ".join(sorted({c.name for c in clashes})[:NAMES_SHOWN])
            count = len(clashes)
            self.show_notice(
                lambda: arg(
                    self.tr(
                        "%n file(s) left out: a file of the same name is in the list already (%1). The server keeps "
                        "files by name.",
                        "",
                        count,
                    ),
                    names,
                )
            )
        else:
            self.show_notice("")
        self.filesAdded.emit()

    def remove_selected(self) -> None:
        if not self._busy:
            self.model.remove_rows(index.row() for index in self.view.selectionModel().selectedRows())

    def show_notice(self, text: LiveText) -> None:
        """A line under the list (kept through language changes)."""
        self.error.show_message(text)

    def _show_summary(self, *_args: object) -> None:
        count = self.model.rowCount()
        if not count:
            self.summary.setText(self.tr("No files yet: add images, a folder of images or one archive."))
            return
        total = format_size(self.model.total_size)
        self.summary.setText(arg(self.tr("%n file(s), %1 in all", "", count), total))
