"""Help → Keyboard shortcuts: every workspace action and its keys, remapped in place, conflicts refused."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QKeySequenceEdit,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annodesk.i18n import arg, translated
from annodesk.ui.workspace.keymap import BY_NAME, CONTEXT, KeyMap

NAME_ROLE = Qt.ItemDataRole.UserRole
KEYS_COLUMN = 2


def keys_text(sequences: tuple[QKeySequence, ...]) -> str:
    return "; ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences)


class _KeyEditDelegate(QStyledItemDelegate):
    """Edits the keys cell with a QKeySequenceEdit; the dialog decides whether the new keys are taken."""

    def __init__(self, dialog: ShortcutsDialog) -> None:
        super().__init__(dialog)
        self._dialog = dialog

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        editor = QKeySequenceEdit(parent)
        editor.setClearButtonEnabled(True)
        editor.setMaximumSequenceLength(2)
        editor.editingFinished.connect(lambda: self._done(editor))
        return editor

    def _done(self, editor: QKeySequenceEdit) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QKeySequenceEdit)
        keys = self._dialog.keymap.sequences(str(index.data(NAME_ROLE)))
        editor.setKeySequence(keys[0] if keys else QKeySequence())

    def setModelData(
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        assert isinstance(editor, QKeySequenceEdit)
        sequence = editor.keySequence()
        self._dialog.assign(str(index.data(NAME_ROLE)), (sequence,) if not sequence.isEmpty() else ())


class ShortcutsDialog(QDialog):
    """Lists the key map; double-click (or F2/Enter on) a row's keys to press new ones."""

    def __init__(self, keymap: KeyMap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keymap = keymap
        self.table = QTableWidget(len(keymap.actions()), 3, self)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setItemDelegateForColumn(KEYS_COLUMN, _KeyEditDelegate(self))
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, action in enumerate(keymap.actions()):
            for column in range(3):
                item = QTableWidgetItem()
                item.setData(NAME_ROLE, action.name)
                if column != KEYS_COLUMN:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.reset_button = QPushButton(self)
        self.reset_button.clicked.connect(self._reset_selected)
        self.reset_all_button = QPushButton(self)
        self.reset_all_button.clicked.connect(self._reset_all)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.reset_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.addButton(self.reset_all_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.notice)
        layout.addWidget(self.buttons)
        keymap.changed.connect(self._refresh_row)
        self.resize(640, 560)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("Group"), self.tr("Action"), self.tr("Keys")])
        self.reset_button.setText(self.tr("Reset the selected"))
        self.reset_all_button.setText(self.tr("Reset all to CVAT's keys"))
        self.notice.setText(self.tr("Double-click the keys of an action and press new ones."))
        for row in range(self.table.rowCount()):
            self._fill(row)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def item(self, row: int, column: int) -> QTableWidgetItem:
        found = self.table.item(row, column)
        assert found is not None
        return found

    def _fill(self, row: int) -> None:
        action = self.keymap.actions()[row]
        self.item(row, 0).setText(translated(CONTEXT, action.group))
        self.item(row, 1).setText(translated(CONTEXT, action.description))
        self.item(row, KEYS_COLUMN).setText(keys_text(self.keymap.sequences(action.name)))

    def row_of(self, name: str) -> int:
        return [a.name for a in self.keymap.actions()].index(name)

    def _refresh_row(self, name: str) -> None:
        self._fill(self.row_of(name))

    def assign(self, name: str, sequences: tuple[QKeySequence, ...]) -> bool:
        """Give ``name`` the keys, or say which actions already have them (nothing changes then)."""
        clashing = self.keymap.assign(name, sequences)
        if clashing:
            others = ", ".join(translated(CONTEXT, BY_NAME[other].description) for other in clashing)
            self.notice.setText(
                arg(self.tr("%1 is already used by: %2. Nothing was changed."), keys_text(sequences), others)
            )
            self._fill(self.row_of(name))
            return False
        self.notice.setText(
            arg(self.tr("“%1” is now %2."), translated(CONTEXT, BY_NAME[name].description), keys_text(sequences) or "—")
        )
        return True

    def _reset_selected(self) -> None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        for row in rows:
            name = self.keymap.actions()[row].name
            clashing = self.keymap.reset(name)
            if clashing:
                others = ", ".join(translated(CONTEXT, BY_NAME[other].description) for other in clashing)
                self.notice.setText(arg(self.tr("CVAT's keys for this action are used by: %1."), others))

    def _reset_all(self) -> None:
        self.keymap.reset_all()
        self.notice.setText(self.tr("Every action has CVAT's keys again."))


class ShortcutsAction(QAction):
    """Help → Keyboard shortcuts (F1 as in CVAT, remappable): opens the dialog, one at a time, not modal."""

    def __init__(self, keymap: KeyMap, parent: QObject, window: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keymap = keymap
        self._window = window
        self.dialog: ShortcutsDialog | None = None
        keymap.bind("shortcuts", self)
        self.triggered.connect(self.open_dialog)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setText(self.tr("&Keyboard shortcuts…"))

    def open_dialog(self) -> ShortcutsDialog:
        if self.dialog is None:
            self.dialog = ShortcutsDialog(self._keymap, self._window)
            self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.dialog.destroyed.connect(self._forget)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def _forget(self) -> None:
        self.dialog = None
