"""The conflict view: what another user's save made impossible to merge, and the user's choice for each.

A non-modal window over the workspace. The list names each conflict in plain words (which object, what each side
did); the selected one is drawn twice over its frame (mine solid blue, theirs dashed orange, with a legend). Keep
mine / keep theirs / keep both decide the selected conflicts, the *for all* buttons every one; nothing is decided
silently: *Save with these choices* is enabled once every conflict has a choice, and emits ``resolved(choices)``
(``{conflict.token: MINE | THEIRS | BOTH}``, what ``JobSaving.resolve`` takes). ``frameWanted(frame)`` asks for
the frame image of the selected conflict (:meth:`set_frame_image` gives it).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QSizeF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annodesk.annotations import BOTH, DELETED_HERE, DELETED_THERE, MINE, THEIRS, Conflict, LabelSet, MergeResult

from .conflict_preview import MINE_COLOR, THEIRS_COLOR, ConflictPreview, conflict_frame, outline_at
from .conflict_texts import ConflictTexts

Token = tuple
DELETIONS = (DELETED_HERE, DELETED_THERE)
CONFLICT_COLUMN, CHOICE_COLUMN = range(2)


def _swatch(color: str, dashed: bool) -> QPixmap:
    pixmap = QPixmap(22, 12)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    pen = QPen(QColor(color), 3, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)
    painter.setPen(pen)
    painter.drawLine(1, 6, 21, 6)
    painter.end()
    return pixmap


def effective(conflict: Conflict, choice: str) -> str:
    """``choice`` as it acts on this conflict: *keep both* on a deletion keeps the object (theirs when I deleted
    it, mine when they did), so the list never shows a choice the conflict cannot take."""
    if choice == BOTH and conflict.reason == DELETED_HERE:
        return THEIRS
    if choice == BOTH and conflict.reason == DELETED_THERE:
        return MINE
    return choice


class ConflictView(QDialog):
    """The open conflicts of a save and the user's choices. Non-modal; shown with ``show()``."""

    resolved = Signal(object)  # {token: choice}
    frameWanted = Signal(int)

    def __init__(self, labels: LabelSet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictView")
        self.setModal(False)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.texts = ConflictTexts(labels, self)
        self.labels = labels
        self.merge_result: MergeResult | None = None
        self._items: list[QTreeWidgetItem] = []
        self.conflicts: tuple[Conflict, ...] = ()
        self._choices: dict[Token, str] = {}
        self._frame: int | None = None
        self._waiting = False

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("conflictList")
        self.tree.setColumnCount(2)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.tree.header()
        header.setSectionResizeMode(CONFLICT_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CHOICE_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.tree.itemSelectionChanged.connect(self._selection_changed)

        self.detail_name = QLabel()
        self.detail_name.setObjectName("conflictName")
        bold = self.detail_name.font()
        bold.setBold(True)
        self.detail_name.setFont(bold)
        self.detail = QLabel()
        self.detail.setObjectName("conflictDetail")
        self.detail.setWordWrap(True)
        for label in (self.detail_name, self.detail):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.preview = ConflictPreview()
        self.mine_swatch, self.theirs_swatch = QLabel(), QLabel()
        self.mine_swatch.setPixmap(_swatch(MINE_COLOR, False))
        self.theirs_swatch.setPixmap(_swatch(THEIRS_COLOR, True))
        self.mine_legend, self.theirs_legend = QLabel(), QLabel()
        self.frame_note = QLabel()
        legend = QHBoxLayout()
        for widget in (self.mine_swatch, self.mine_legend, self.theirs_swatch, self.theirs_legend):
            legend.addWidget(widget)
        legend.addStretch(1)
        legend.addWidget(self.frame_note)

        self.keep_mine_button = QPushButton()
        self.keep_theirs_button = QPushButton()
        self.keep_both_button = QPushButton()
        self.keep_mine_button.clicked.connect(lambda: self.choose_selected(MINE))
        self.keep_theirs_button.clicked.connect(lambda: self.choose_selected(THEIRS))
        self.keep_both_button.clicked.connect(lambda: self.choose_selected(BOTH))
        choice_row = QHBoxLayout()
        for button in (self.keep_mine_button, self.keep_theirs_button, self.keep_both_button):
            choice_row.addWidget(button)
        choice_row.addStretch(1)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.detail_name)
        side_layout.addWidget(self.detail)
        side_layout.addWidget(self.preview, 1)
        side_layout.addLayout(legend)
        side_layout.addLayout(choice_row)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tree)
        splitter.addWidget(side)
        splitter.setSizes([560, 500])

        self.for_all_label = QLabel()
        self.all_mine_button = QPushButton()
        self.all_theirs_button = QPushButton()
        self.all_both_button = QPushButton()
        self.all_mine_button.clicked.connect(lambda: self.choose_all(MINE))
        self.all_theirs_button.clicked.connect(lambda: self.choose_all(THEIRS))
        self.all_both_button.clicked.connect(lambda: self.choose_all(BOTH))
        self.later_button = QPushButton()
        self.later_button.clicked.connect(self.close)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveWithChoices")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        bottom = QHBoxLayout()
        bottom.addWidget(self.for_all_label)
        for button in (self.all_mine_button, self.all_theirs_button, self.all_both_button):
            bottom.addWidget(button)
        bottom.addStretch(1)
        bottom.addWidget(self.later_button)
        bottom.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.resize(1080, 620)
        self.retranslate_ui()

    # -- the result ---------------------------------------------------------------------------------

    def show_result(self, result: MergeResult) -> None:
        """List ``result``'s open conflicts (choices already made for the same conflicts are kept)."""
        self.merge_result = result
        self.conflicts = tuple(result.conflicts)
        tokens = {conflict.token for conflict in self.conflicts}
        self._choices = {token: choice for token, choice in self._choices.items() if token in tokens}
        self._waiting = False
        self.tree.clear()
        self._items = []
        for index in range(len(self.conflicts)):
            item = QTreeWidgetItem()
            item.setData(CONFLICT_COLUMN, Qt.ItemDataRole.UserRole, index)
            self.tree.addTopLevelItem(item)
            self._items.append(item)
        self._fill_rows()
        if self.conflicts:
            self.select(0)
        self._update_buttons()
        self._show_summary()

    def choices(self) -> dict[Token, str]:
        """The choices made so far, by conflict token."""
        return dict(self._choices)

    def choice_of(self, conflict: Conflict) -> str | None:
        return self._choices.get(conflict.token)

    def selected(self) -> list[Conflict]:
        rows = sorted(self.tree.indexOfTopLevelItem(item) for item in self.tree.selectedItems())
        return [self.conflicts[row] for row in rows if 0 <= row < len(self.conflicts)]

    def select(self, row: int) -> None:
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.tree.setCurrentItem(self._items[row], 0, flags)  # whatever modifier keys are held

    def choose_selected(self, choice: str) -> None:
        """Decide the selected conflicts; the next undecided one is selected."""
        chosen = self.selected()
        if not chosen:
            return
        for conflict in chosen:
            self._choices[conflict.token] = effective(conflict, choice)
        self._fill_rows()
        self._update_buttons()
        self._show_summary()
        last = self.conflicts.index(chosen[-1])
        undecided = [row for row in range(len(self.conflicts)) if self.conflicts[row].token not in self._choices]
        following = [row for row in undecided if row > last] or undecided
        if following:
            self.select(following[0])

    def choose_all(self, choice: str) -> None:
        """Decide every conflict the same way."""
        for conflict in self.conflicts:
            self._choices[conflict.token] = effective(conflict, choice)
        self._fill_rows()
        self._update_buttons()
        self._show_summary()
        self._selection_changed()

    def save(self) -> None:
        """Send the choices (every conflict decided); the view waits for the save's outcome."""
        if not self.conflicts or any(c.token not in self._choices for c in self.conflicts):
            return
        self._waiting = True
        self._update_buttons()
        self.summary.setText(self.tr("Saving with your choices…"))
        self.resolved.emit(self.choices())

    def save_failed(self) -> None:
        """The save with the choices failed: the choices stay and can be sent again."""
        self._waiting = False
        self._update_buttons()
        self._show_summary()

    # -- the frame ------------------------------------------------------------------------------------

    def set_frame_image(self, frame: int, image: QImage, size: QSizeF | None = None) -> None:
        """The image of ``frame`` (ignored unless it is the selected conflict's)."""
        if frame == self._frame:
            self.preview.set_image(image, size)

    @property
    def frame(self) -> int | None:
        """The frame the selected conflict is drawn on."""
        return self._frame

    # -- view ---------------------------------------------------------------------------------------

    def _fill_rows(self) -> None:
        for item, conflict in zip(self._items, self.conflicts, strict=True):
            what = self.texts.what_happened(conflict)
            item.setText(CONFLICT_COLUMN, f"{self.texts.object_name(conflict)}\n{what}")
            item.setToolTip(CONFLICT_COLUMN, what)
            item.setText(CHOICE_COLUMN, self.texts.choice(conflict, self._choices.get(conflict.token)))
            font = item.font(CHOICE_COLUMN)
            font.setBold(conflict.token not in self._choices)
            item.setFont(CHOICE_COLUMN, font)

    def _selection_changed(self) -> None:
        chosen = self.selected()
        current = chosen[0] if chosen else None
        if current is None:
            self.detail_name.clear()
            self.detail.clear()
            self.preview.set_outlines(None, None)
            self.frame_note.clear()
            self._update_buttons()
            return
        self.detail_name.setText(self.texts.object_name(current))
        self.detail.setText(self.texts.what_happened(current))
        frame = conflict_frame(current)
        if frame is not None:
            mine = outline_at(current.kind, current.local, frame, self.labels)
            theirs = outline_at(current.kind, current.remote, frame, self.labels)
            self.preview.set_outlines(mine, theirs)
        else:
            self.preview.set_outlines(None, None)
        self._show_legend(current)
        if frame is not None and frame != self._frame:
            self._frame = frame
            self.preview.set_image(None)
            self.frameWanted.emit(frame)
        self._update_buttons()

    def _show_legend(self, conflict: Conflict) -> None:
        mine, theirs = self.preview.outlines()
        self.mine_legend.setText(self.tr("Mine") if mine is not None or conflict.local else self.tr("Mine: deleted"))
        self.theirs_legend.setText(
            self.tr("Theirs") if theirs is not None or conflict.remote else self.tr("Theirs: deleted")
        )
        self.frame_note.setText(self.texts.frame_note(conflict))

    def _update_buttons(self) -> None:
        chosen = self.selected()
        active = not self._waiting
        for button in (self.keep_mine_button, self.keep_theirs_button, self.keep_both_button):
            button.setEnabled(active and bool(chosen))
        if chosen and any(conflict.reason in DELETIONS for conflict in chosen):
            self.keep_both_button.setEnabled(False)  # nothing of the deleted side to keep beside the other
        if len(chosen) == 1 and chosen[0].reason in DELETIONS:
            self.keep_mine_button.setText(self.texts.choice(chosen[0], MINE))
            self.keep_theirs_button.setText(self.texts.choice(chosen[0], THEIRS))
        else:
            self.keep_mine_button.setText(self.tr("Keep &mine"))
            self.keep_theirs_button.setText(self.tr("Keep &theirs"))
        for button in (self.all_mine_button, self.all_theirs_button, self.all_both_button):
            button.setEnabled(active and bool(self.conflicts))
        decided = bool(self.conflicts) and all(c.token in self._choices for c in self.conflicts)
        self.save_button.setEnabled(active and decided)

    def _show_summary(self) -> None:
        count = len(self.conflicts)
        if any(c.token not in self._choices for c in self.conflicts):
            text = self.tr(
                "Another user changed this job while you worked. %n change(s) could not be combined with yours: "
                "choose what to keep for each, then save.",
                "",
                count,
            )
        else:
            text = self.tr(
                "Another user changed this job while you worked. %n change(s) could not be combined with yours; "
                "each has a choice: save when ready.",
                "",
                count,
            )
        self.summary.setText(text)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Conflicting changes"))
        self.tree.setHeaderLabels([self.tr("Conflict"), self.tr("Your choice")])
        self.keep_both_button.setText(self.tr("Keep &both"))
        self.keep_both_button.setToolTip(self.tr("Their version stays and yours is added as a new object"))
        self.keep_mine_button.setToolTip(self.tr("Your version replaces theirs"))
        self.keep_theirs_button.setToolTip(self.tr("Their version stays; your change to it is dropped"))
        self.for_all_label.setText(self.tr("For all:"))
        self.all_mine_button.setText(self.tr("All mine"))
        self.all_theirs_button.setText(self.tr("All theirs"))
        self.all_both_button.setText(self.tr("Keep both for all"))
        self.later_button.setText(self.tr("Decide later"))
        self.later_button.setToolTip(self.tr("Close; your edits stay unsaved and the next save asks again"))
        self.save_button.setText(self.tr("&Save with these choices"))
        self._fill_rows()
        self._update_buttons()
        if self._waiting:
            self.summary.setText(self.tr("Saving with your choices…"))
        else:
            self._show_summary()
        self._selection_changed()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
