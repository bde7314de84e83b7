"""The task table's optional preview column: thumbnails loaded lazily for the rows on screen, never blocking.

Only cells a view paints ask for a thumbnail (``ThumbnailStore.pixmap``), so rows off screen are never loaded.
Requests wait in a last-in-first-out queue (what was painted last is what the user looks at) and start once the
table has been still for ``SETTLE_MS`` (no new rows painted, no scrolling: loading never competes with scrolling
or with a page being shown), at most ``CONCURRENCY`` at a time; one that is no longer on screen when its turn
comes is skipped, and a page change cancels what is queued or in flight for rows that left. Bytes come from the
offline cache on disk when it has them (a task's preview never changes), else from the server (then saved there);
JPEG decoding, scaled down while decoding, runs on a worker thread. The GUI thread only wraps the small image in a
pixmap.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRect, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QIcon, QImage, QImageReader, QPainter, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView

from annodesk.api import CvatError
from annodesk.models.task_table import COLUMNS, PREVIEW_COLUMN, TaskTableModel
from annodesk.models.thumbnails import ThumbnailStore
from annodesk.session.repository import Repository
from annodesk.settings import Settings

from .background import spawn

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex, QPersistentModelIndex

CONCURRENCY = 4
SETTLE_MS = 120
NAME_COLUMN = next(i for i, c in enumerate(COLUMNS) if c.key == "name")
ROW_PADDING = 6
_DECODER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="annodesk-thumbnails")


def decode_thumbnail(data: bytes, size: QSize) -> QImage:
    """``data`` (JPEG, PNG…) decoded to fit ``size``; JPEG is scaled while decoding. A null image if unreadable.

    Safe on any thread (QImage, not QPixmap).
    """
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    source = reader.size()
    if source.isValid() and (source.width() > size.width() or source.height() > size.height()):
        reader.setScaledSize(source.scaled(size, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    buffer.close()
    return image


class ThumbnailLoader(QObject):
    """Answers a :class:`ThumbnailStore`'s requests through a repository, a few at a time.

    ``visible(task_id)`` says whether the task's preview cell is on screen now. ``stats`` counts requests and
    where thumbnails came from: ``requested``, ``disk``, ``network``, ``failed``, ``cancelled``, ``skipped``.
    """

    loaded = Signal(int)

    def __init__(
        self,
        repository: Repository,
        store: ThumbnailStore,
        visible: Callable[[int], bool],
        parent: QObject | None = None,
        concurrency: int = CONCURRENCY,
    ) -> None:
        super().__init__(parent)
        self.repository = repository
        self.store = store
        self.visible = visible
        self.concurrency = concurrency
        self.stats: Counter[str] = Counter()
        self._queue: list[int] = []
        self._active: dict[int, asyncio.Task[None]] = {}
        self._pump_pending = False
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._pump)
        self.enabled = True
        store.wanted.connect(self._want)

    @property
    def in_flight(self) -> int:
        return len(self._active)

    @property
    def queued(self) -> int:
        return len(self._queue)

    @property
    def idle(self) -> bool:
        """Nothing queued, waiting or loading."""
        return not self._queue and not self._active

    @property
    def waiting(self) -> bool:
        """Requests wait for the table to be still."""
        return self._settle.isActive()

    def _want(self, task_id: int) -> None:
        self.stats["requested"] += 1
        if task_id in self._queue:
            self._queue.remove(task_id)
        if task_id not in self._active:
            self._queue.append(task_id)
        self._settle.start()  # (re)started: loading begins once rows stop being painted anew

    def postpone(self) -> None:
        """The table scrolls: start nothing new until it has been still for a moment."""
        if self._queue:
            self._settle.start()

    def _schedule(self) -> None:
        if not self._pump_pending and not self._settle.isActive():
            self._pump_pending = True
            QTimer.singleShot(0, self, self._pump)  # the next one, once this load has ended

    def _pump(self) -> None:
        self._pump_pending = False
        if self._settle.isActive():
            return  # still scrolling: the settle timer pumps
        while self.enabled and self._queue and len(self._active) < self.concurrency:
            task_id = self._queue.pop()
            if not self.visible(task_id):
                self.store.drop_request(task_id)  # scrolled away: asked again if painted again
                self.stats["skipped"] += 1
                continue
            self._active[task_id] = spawn(self._load(task_id))

    async def _load(self, task_id: int) -> None:
        try:
            fetched = await self.repository.thumbnail(task_id)
            image = await asyncio.get_running_loop().run_in_executor(
                _DECODER, decode_thumbnail, fetched.value, self.store.size
            )
        except asyncio.CancelledError:
            self.store.drop_request(task_id)
            self.stats["cancelled"] += 1
            raise
        except CvatError:
            self.stats["failed"] += 1
            self.store.put(task_id, None)
        else:
            self.stats["network" if fetched.live else "disk"] += 1
            self.store.put(task_id, None if image.isNull() else QPixmap.fromImage(image))
        finally:
            self._active.pop(task_id, None)
            self._schedule()
        self.loaded.emit(task_id)

    def keep_only(self, task_ids: set[int]) -> None:
        """The page changed: drop queued requests, cancel loads of tasks no longer shown."""
        for task_id in self._queue:
            self.store.drop_request(task_id)
        self._queue.clear()
        self._settle.stop()
        for task_id, task in list(self._active.items()):
            if task_id not in task_ids:
                task.cancel()

    def stop(self) -> None:
        """Cancel everything (the column was hidden, or the window closes)."""
        self.keep_only(set())


class ThumbnailDelegate(QStyledItemDelegate):
    """Paints the cell's background and selection as usual, with the thumbnail centred in it."""

    def __init__(self, size: QSize, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.size = size

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        pixmap = index.data(Qt.ItemDataRole.DecorationRole)
        plain = QStyleOptionViewItem(option)
        self.initStyleOption(plain, index)
        plain.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDecoration  # type: ignore[attr-defined]
        plain.icon = QIcon()  # type: ignore[attr-defined]
        plain.text = ""  # type: ignore[attr-defined]
        widget = plain.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter, widget)
        if isinstance(pixmap, QPixmap) and not pixmap.isNull():
            target = QRect(0, 0, pixmap.width(), pixmap.height())
            target.moveCenter(option.rect.center())  # type: ignore[attr-defined]
            painter.drawPixmap(target, pixmap)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return self.size + QSize(8, ROW_PADDING)


class TableThumbnails(QObject):
    """The preview column of a task table: the View menu's toggle (remembered), the store, loader and painter."""

    def __init__(self, table: QTableView, model: TaskTableModel, repository: Repository, settings: QSettings) -> None:
        super().__init__(table)
        self.table = table
        self.model = model
        self.settings = settings
        self.store = ThumbnailStore(self)
        self.loader = ThumbnailLoader(repository, self.store, self.visible, self)
        self.delegate = ThumbnailDelegate(self.store.size, self)
        table.setItemDelegateForColumn(PREVIEW_COLUMN, self.delegate)
        model.set_thumbnails(self.store)
        model.modelReset.connect(self._page_changed)
        table.verticalScrollBar().valueChanged.connect(lambda _value: self.loader.postpone())
        self._row_height = table.verticalHeader().defaultSectionSize()
        self.action = QAction(self)
        self.action.setCheckable(True)
        self.action.toggled.connect(self.set_shown)

    def restore(self) -> None:
        """Show or hide the column as last chosen (default: hidden). Call after the header's state is restored."""
        shown = Settings(self.settings).preview_column
        self.action.blockSignals(True)
        self.action.setChecked(shown)
        self.action.blockSignals(False)
        self._apply(shown)

    def retranslate(self) -> None:
        self.action.setText(self.tr("Show task &previews"))
        self.action.setToolTip(self.tr("A column with each task's preview image in the task table"))

    @property
    def shown(self) -> bool:
        return not self.table.isColumnHidden(PREVIEW_COLUMN)

    def set_shown(self, shown: bool) -> None:
        """Show or hide the column, and remember the choice."""
        Settings(self.settings).preview_column = shown
        if self.action.isChecked() != shown:
            self.action.setChecked(shown)
        self._apply(shown)

    def _apply(self, shown: bool) -> None:
        self.table.setColumnHidden(PREVIEW_COLUMN, not shown)
        if shown and not Settings(self.settings).preview_column_placed:
            self._place()
        header = self.table.verticalHeader()
        header.setDefaultSectionSize(
            max(self._row_height, self.store.size.height() + ROW_PADDING) if shown else self._row_height
        )
        self.loader.enabled = shown
        if not shown:
            self.loader.stop()

    def _place(self) -> None:
        """The first time the column shows: it leads the row, narrow, taken from the name's width."""
        Settings(self.settings).preview_column_placed = True
        header = self.table.horizontalHeader()
        header.moveSection(header.visualIndex(PREVIEW_COLUMN), 0)
        width = self.store.size.width() + 12
        self.table.setColumnWidth(PREVIEW_COLUMN, width)
        name = self.table.columnWidth(NAME_COLUMN)
        self.table.setColumnWidth(NAME_COLUMN, max(name - width, name * 3 // 4))  # the row keeps its width

    def visible(self, task_id: int) -> bool:
        """Whether the task's preview cell is on screen now."""
        row = self.model.row_of(task_id)
        if row is None or not self.shown:
            return False
        rect = self.table.visualRect(self.model.index(row, PREVIEW_COLUMN))
        return rect.isValid() and rect.intersects(self.table.viewport().rect())

    def _page_changed(self) -> None:
        self.loader.keep_only({task.id for task in self.model.tasks})

    def forget(self, task_id: int) -> None:
        """A task was deleted: its thumbnail goes from memory (the repository removes it from disk)."""
        self.store.forget(task_id)

    def online_changed(self, online: bool) -> None:
        """Back online: previews that could not be had are asked for again."""
        if online:
            self.store.forget_failures()
