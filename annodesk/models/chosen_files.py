"""The local files chosen for a new task: finding images in a folder, measuring them (both off the GUI thread:
call them through ``asyncio.to_thread``), and a table model of the list (name, size, folder).

The server stores uploaded files by name (``client_files[i]`` carries the file name only), so two files of the
same name cannot go in one task: the second is left out, and the caller says so.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from annodesk.i18n import QT_TRANSLATE_NOOP, format_size, translated

AnyIndex = QModelIndex | QPersistentModelIndex
PATH_ROLE = Qt.ItemDataRole.UserRole + 1

# Images CVAT v1.1 takes (what browsers and Pillow call image/*), by extension, lower case.
IMAGE_EXTENSIONS = frozenset(
    {".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".bmp", ".gif", ".tif", ".tiff", ".webp", ".ppm", ".pgm", ".pbm"}
)


@dataclass(frozen=True, slots=True)
class ChosenFile:
    """A file to upload and its size in bytes."""

    path: Path
    size: int

    @property
    def name(self) -> str:
        return self.path.name


def is_image(path: Path) -> bool:
    return path.suffix.lower() in IMAGE_EXTENSIONS


def measure(paths: Iterable[Path]) -> list[ChosenFile]:
    """The files among ``paths`` that exist, with their sizes (touches the disk: call from a worker thread)."""
    chosen = []
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            continue
        if path.is_file():
            chosen.append(ChosenFile(path, info.st_size))
    return chosen


def scan_images(folder: Path) -> list[ChosenFile]:
    """Every image in ``folder`` and its sub-folders, by extension, sorted by path; hidden entries are skipped
    (touches the disk: call from a worker thread)."""
    found: list[Path] = []
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        found.extend(Path(root) / name for name in files if not name.startswith(".") and is_image(Path(name)))
    return measure(sorted(found))


class ChosenFilesModel(QAbstractTableModel):
    """Columns: name, size, folder. ``PATH_ROLE`` gives the full path."""

    HEADERS = (
        QT_TRANSLATE_NOOP("ChosenFilesModel", "File"),
        QT_TRANSLATE_NOOP("ChosenFilesModel", "Size"),
        QT_TRANSLATE_NOOP("ChosenFilesModel", "Folder"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._files: list[ChosenFile] = []
        self._names: set[str] = set()
        self._paths: set[Path] = set()

    @property
    def files(self) -> tuple[ChosenFile, ...]:
        return tuple(self._files)

    def paths(self) -> list[Path]:
        return [chosen.path for chosen in self._files]

    @property
    def total_size(self) -> int:
        return sum(chosen.size for chosen in self._files)

    def add(self, files: Sequence[ChosenFile]) -> tuple[int, list[ChosenFile]]:
        """Append the files not in the list yet; return how many were added and those left out because another
        file of the same name is there (the same file chosen twice is silently skipped)."""
        new: list[ChosenFile] = []
        clashes: list[ChosenFile] = []
        for chosen in files:
            if chosen.path in self._paths:
                continue
            if chosen.name in self._names:
                clashes.append(chosen)
                continue
            self._paths.add(chosen.path)
            self._names.add(chosen.name)
            new.append(chosen)
        if new:
            first = len(self._files)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self._files.extend(new)
            self.endInsertRows()
        return len(new), clashes

    def remove_rows(self, rows: Iterable[int]) -> None:
        """Remove the given rows (any order, duplicates ignored)."""
        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self._files):
                self.beginRemoveRows(QModelIndex(), row, row)
                gone = self._files.pop(row)
                self.endRemoveRows()
                self._paths.discard(gone.path)
                self._names.discard(gone.name)

    def clear(self) -> None:
        self.beginResetModel()
        self._files, self._names, self._paths = [], set(), set()
        self.endResetModel()

    def retranslate(self) -> None:
        """The language changed: headers and sizes are asked for again."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.HEADERS) - 1)
        if self._files:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._files) - 1, len(self.HEADERS) - 1))

    # -- QAbstractTableModel ---------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._files)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        shown = orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
        if shown and 0 <= section < len(self.HEADERS):
            return translated("ChosenFilesModel", self.HEADERS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._files):
            return None
        chosen = self._files[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return chosen.name
            if column == 1:
                return format_size(chosen.size)
            if column == 2:
                return str(chosen.path.parent)
        if role == Qt.ItemDataRole.ToolTipRole and column in (0, 2):
            return str(chosen.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == PATH_ROLE:
            return str(chosen.path)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
