"""The label editor: CVAT's two tabs. *Constructor*: the labels in a list, the selected one's name, colour and
attributes in a form (:mod:`annodesk.ui.label_form`). *Raw*: the JSON text CVAT accepts, which can be imported from
and exported to a ``.json`` file. Switching tabs keeps them in sync: the JSON is written from the constructor, and
edited JSON is read back (``labels_from_json``) before the constructor shows it — text that cannot be read keeps
the Raw tab open with the reason.

Problems CVAT would refuse (``label_problems``) are shown under the field they concern once :meth:`validate` has
been asked (then they follow every edit). In *locked* mode (an existing task: CVAT only adds, never removes) the
task's labels and attributes are read-only and stay; new labels can be added and removed, and new attributes
added to any label; :meth:`LabelEditor.additions` is what an update must send.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from annodesk.api.labels import LabelProblem, LabelSpecError, label_payload, label_problems, labels_from_json
from annodesk.api.labels import labels_to_json as spec_to_json
from annodesk.api.models import Label
from annodesk.api.task_models import NewAttribute, NewLabel
from annodesk.i18n import LiveText, arg, live
from annodesk.messages import with_reason
from annodesk.models.label_drafts import PALETTE, DraftLabel, LabelListModel

from .background import spawn
from .form import ErrorLabel, side_button
from .label_form import LabelForm
from .label_texts import located_problem, problem_sentence, spec_error_sentence

MAX_SPEC_FILE = 5 * 1024 * 1024  # a label spec is a few KB; refuse to load anything huge into the text box


class LabelEditor(QWidget):
    """Edits a list of labels. ``changed`` fires after every edit (constructor or raw text applied);
    ``fileDialogOpened(dialog)`` gives tests the (non-native) import/export file dialog while it is open."""

    changed = Signal()
    fileDialogOpened = Signal(object)
    fileHandled = Signal()  # an import or export finished (whatever its outcome)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.locked = False
        self._validating = False  # problems are shown (and follow edits) once validate() was asked
        self._raw_dirty = False
        self._raw_problem: LiveText = ""
        self._file_notice: LiveText = ""
        self.file_dialog: QFileDialog | None = None

        self.model = LabelListModel(self)
        self.list = QListView()
        self.list.setObjectName("labelList")
        self.list.setModel(self.model)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setIconSize(QSize(12, 12))
        self.list.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show_row(current.row()))
        self.add_button = side_button()
        self.add_button.setObjectName("addLabel")
        self.remove_button = side_button()
        self.remove_button.setObjectName("removeLabel")
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        left_layout.addLayout(buttons)

        self.form = LabelForm()
        self.form.changed.connect(self._constructor_changed)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.form)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        constructor = QWidget()
        constructor_layout = QVBoxLayout(constructor)
        constructor_layout.setContentsMargins(6, 6, 6, 6)
        constructor_layout.addWidget(self.splitter)

        self.raw = QPlainTextEdit()
        self.raw.setObjectName("rawLabels")
        self.raw.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.raw.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.raw.textChanged.connect(self._raw_edited)
        self.raw_error = ErrorLabel()
        self.raw_error.setObjectName("rawError")
        self.raw_error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.import_button = side_button()
        self.export_button = side_button()
        self.file_notice = QLabel()
        self.file_notice.setWordWrap(True)
        file_buttons = QHBoxLayout()
        file_buttons.addWidget(self.import_button)
        file_buttons.addWidget(self.export_button)
        file_buttons.addWidget(self.file_notice, 1)
        raw_page = QWidget()
        raw_layout = QVBoxLayout(raw_page)
        raw_layout.setContentsMargins(6, 6, 6, 6)
        raw_layout.addWidget(self.raw, 1)
        raw_layout.addWidget(self.raw_error)
        raw_layout.addLayout(file_buttons)

        self.tabs = QTabWidget()
        self.tabs.addTab(constructor, "")
        self.tabs.addTab(raw_page, "")
        self.constructor_page, self.raw_page = constructor, raw_page
        self.tabs.currentChanged.connect(self._tab_changed)
        self.summary = ErrorLabel()
        self.summary.setObjectName("labelProblems")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.summary)

        self.add_button.clicked.connect(self.add_label)
        self.remove_button.clicked.connect(self.remove_selected)
        self.import_button.clicked.connect(self.import_file)
        self.export_button.clicked.connect(self.export_file)
        self.retranslate_ui()
        self._update_buttons()

    # -- language --------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.tabs.setTabText(self.tabs.indexOf(self.constructor_page), self.tr("Constructor"))
        self.tabs.setTabText(self.tabs.indexOf(self.raw_page), self.tr("Raw"))
        self.add_button.setText(self.tr("Add label"))
        self.remove_button.setText(self.tr("Remove label"))
        self.remove_button.setToolTip(self.tr("Only labels not yet saved on the server can be removed."))
        self.import_button.setText(self.tr("Import from file…"))
        self.export_button.setText(self.tr("Export to file…"))
        self.raw.setPlaceholderText(self.tr('A JSON list of labels, like [{"name": "car", "attributes": []}]'))
        self.model.retranslate()
        self.file_notice.setText(live(self._file_notice))
        if self._validating:
            self._show_problems()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- contents --------------------------------------------------------------------------------

    def set_labels(self, labels: Sequence[NewLabel]) -> None:
        """Start from ``labels`` (all editable); problems are shown again only once :meth:`validate` is asked."""
        self.locked = False
        self._validating = False
        self._set_drafts([DraftLabel.from_new(label) for label in labels])

    def set_existing(self, labels: Sequence[Label]) -> None:
        """Locked mode: ``labels`` are an existing task's; they stay as they are, new ones can be added."""
        self.locked = True
        self._validating = False
        self._set_drafts([DraftLabel.from_label(label) for label in labels])

    def _set_drafts(self, drafts: list[DraftLabel], row: int = 0) -> None:
        self.model.set_labels(drafts)
        self.form.show_label(None)  # the form edits drafts of the list: never one of the list replaced
        if drafts:
            self._select(min(max(row, 0), len(drafts) - 1))
        else:
            self.form.show_label(None)
        if self.tabs.currentWidget() is self.raw_page:
            self._write_raw()
        self._after_change()

    def drafts(self) -> tuple[DraftLabel, ...]:
        return self.model.labels

    def labels(self) -> tuple[NewLabel, ...]:
        """The labels as the constructor has them; edited raw text is read into it first when it can be (when it
        cannot, the Raw tab says why and the constructor's labels are returned)."""
        if self._raw_dirty:
            self._apply_raw()
        return tuple(draft.to_new() for draft in self.model.labels)

    def additions(self) -> tuple[NewLabel, ...]:
        """What an update of an existing task must send: the new labels, and each saved label that got new
        attributes (its name and colour with only those attributes)."""
        return tuple(change for draft in self.model.labels if (change := draft.additions()) is not None)

    def problems(self) -> list[LabelProblem]:
        """What CVAT would refuse in the labels as the constructor has them."""
        return label_problems([draft.to_new() for draft in self.model.labels])

    def validate(self) -> bool:
        """Read edited raw text, then check the labels; show what is wrong where it is. True when all is fine."""
        if self._raw_dirty and not self._apply_raw():
            return False
        self._validating = True
        problems = self._show_problems()
        if problems and self.tabs.currentWidget() is self.constructor_page:
            first = problems[0].place.label
            if first is not None and self.list.currentIndex().row() != first - 1:
                self._select(first - 1)
        return not problems

    def set_busy(self, busy: bool) -> None:
        """While the labels are being sent: nothing can be edited (what was typed stays)."""
        self.tabs.setEnabled(not busy)

    # -- constructor -----------------------------------------------------------------------------

    def add_label(self) -> None:
        """Append a new label with the next palette colour and put the cursor in its name."""
        used = {draft.color.lower() for draft in self.model.labels}
        color = next((c for c in PALETTE if c not in used), PALETTE[self.model.rowCount() % len(PALETTE)])
        row = self.model.add_label(DraftLabel(color=color))
        if self.tabs.currentWidget() is not self.constructor_page:
            self.tabs.setCurrentWidget(self.constructor_page)
        self._select(row)
        self.form.name.setFocus()
        self._after_change()

    def remove_selected(self) -> None:
        """Remove the selected label if it is not saved on the server."""
        row = self.list.currentIndex().row()
        if self.model.remove_label(row):
            if self.model.rowCount():
                self._select(min(row, self.model.rowCount() - 1))
            else:
                self.form.show_label(None)
            self._after_change()

    def _select(self, row: int) -> None:
        self.list.selectionModel().setCurrentIndex(
            self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self._show_row(row)

    def _show_row(self, row: int) -> None:
        draft = self.model.label_at(row)
        if draft is not self.form.draft:
            self.form.show_label(draft)
            if self._validating:
                self._show_problems()
        self._update_buttons()

    def _constructor_changed(self) -> None:
        self.model.refresh_row(self.list.currentIndex().row())
        self._after_change()

    def _after_change(self) -> None:
        if self._validating:
            self._show_problems()
        self._update_buttons()
        self.changed.emit()

    def _update_buttons(self) -> None:
        draft = self.model.label_at(self.list.currentIndex().row())
        self.remove_button.setEnabled(draft is not None and not draft.saved)

    def _show_problems(self) -> list[LabelProblem]:
        problems = self.problems()
        counts: dict[int, int] = {}
        for problem in problems:
            if problem.place.label is not None:
                counts[problem.place.label - 1] = counts.get(problem.place.label - 1, 0) + 1
        self.model.set_problem_counts(counts)
        row = self.list.currentIndex().row()
        self.form.show_problems([p for p in problems if p.place.label == row + 1])
        general = [p for p in problems if p.place.label is None]
        if general:
            self.summary.show_message(lambda: "\n".join(problem_sentence(p) for p in general))
        elif problems:
            count = len(problems)
            self.summary.show_message(lambda: self.tr("%n problem(s) to fix in the labels marked in red.", "", count))
        else:
            self.summary.show_message("")
        return problems

    # -- raw JSON --------------------------------------------------------------------------------

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.raw_page:
            self._write_raw()
        elif self._raw_dirty and not self._apply_raw():
            with QSignalBlocker(self.tabs):
                self.tabs.setCurrentWidget(self.raw_page)  # unreadable text stays where it can be fixed

    def _write_raw(self) -> None:
        with QSignalBlocker(self.raw):
            self.raw.setPlainText(spec_to_json(draft.to_new() for draft in self.model.labels))
        self._raw_dirty = False
        self._show_raw_problem("")

    def _raw_edited(self) -> None:
        self._raw_dirty = True

    def _show_raw_problem(self, text: LiveText) -> None:
        self._raw_problem = text
        self.raw_error.show_message(text)

    def _read_raw(self) -> list[DraftLabel]:
        """The drafts the raw text describes; LabelSpecError if it cannot be read, ValueError (with a sentence
        for the user) if it breaks CVAT's rules or, in locked mode, changes what the server has."""
        parsed = labels_from_json(self.raw.toPlainText())
        problems = label_problems(parsed)
        if problems:
            raise _RawProblems(problems)
        drafts = [DraftLabel.from_new(label) for label in parsed]
        if self.locked:
            drafts = self._merge_with_saved(drafts)
        return drafts

    def _apply_raw(self) -> bool:
        """Read the edited raw text into the constructor; on failure show why under the text. True when read."""
        try:
            drafts = self._read_raw()
        except LabelSpecError as exc:
            error = exc
            self._show_raw_problem(lambda: spec_error_sentence(error))
            self._move_cursor_to(error)
            return False
        except _RawProblems as exc:
            problems = exc.problems
            self._show_raw_problem(lambda: "\n".join(located_problem(p) for p in problems))
            return False
        except _LockedChange as exc:
            change = exc
            self._show_raw_problem(lambda: self._locked_sentence(change))
            return False
        row = self.list.currentIndex().row()
        self._raw_dirty = False
        self._show_raw_problem("")
        self._set_drafts(drafts, row)
        return True

    def _merge_with_saved(self, drafts: list[DraftLabel]) -> list[DraftLabel]:
        """Locked mode: the saved labels must all be there, unchanged except for added attributes."""
        saved = {draft.name: draft for draft in self.model.labels if draft.saved}
        parsed = {draft.name: draft for draft in drafts}
        for name in saved:
            if name not in parsed:
                raise _LockedChange("removed", name)
        merged = []
        for draft in drafts:
            original = saved.get(draft.name)
            if original is None:
                merged.append(draft)
                continue
            if draft.color and draft.color.lower() != original.color.lower():
                raise _LockedChange("changed", draft.name)
            kept = {attribute.name: attribute for attribute in original.attributes if attribute.saved}
            given = {attribute.name: attribute for attribute in draft.attributes}
            for name, attribute in kept.items():
                if name not in given or _payload(given[name].to_new()) != _payload(attribute.to_new()):
                    raise _LockedChange("changed", draft.name)
            added = [attribute for attribute in draft.attributes if attribute.name not in kept]
            merged.append(DraftLabel(original.name, original.color, [*kept.values(), *added], saved=True))
        return merged

    def _locked_sentence(self, change: _LockedChange) -> str:
        if change.kind == "removed":
            text = self.tr(
                "The label “%1” is saved on the server and cannot be removed: CVAT only adds labels to a task."
            )
        else:
            text = self.tr(
                "The label “%1” is saved on the server: its color and attributes stay as they are; you can only add "
                "attributes to it."
            )
        return arg(text, change.name)

    def _move_cursor_to(self, error: LabelSpecError) -> None:
        """Put the cursor where the JSON parser stopped."""
        if error.code != "json" or len(error.values) < 3:
            return
        line, column = int(error.values[1]), int(error.values[2])
        block = self.raw.document().findBlockByNumber(max(0, line - 1))
        if block.isValid():
            cursor = self.raw.textCursor()
            cursor.setPosition(block.position() + min(max(0, column - 1), max(0, block.length() - 1)))
            self.raw.setTextCursor(cursor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format.setBackground(QColor("#ffd6d6"))
            selection.format.setProperty(selection.format.Property.FullWidthSelection, True)
            self.raw.setExtraSelections([selection])

    # -- files -----------------------------------------------------------------------------------

    def _file_dialog(self, saving: bool) -> QFileDialog:
        dialog = QFileDialog(self)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setNameFilters([self.tr("JSON files (*.json)"), self.tr("All files (*)")])
        if saving:
            dialog.setWindowTitle(self.tr("Export labels"))
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setDefaultSuffix("json")
            dialog.selectFile("labels.json")
        else:
            dialog.setWindowTitle(self.tr("Import labels"))
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        return dialog

    def import_file(self) -> None:
        """Choose a .json file; its labels replace the raw text (and, if readable, the constructor's)."""
        dialog = self._file_dialog(saving=False)
        dialog.fileSelected.connect(lambda path: spawn(self.import_from(Path(path))))
        dialog.open()
        self.fileDialogOpened.emit(dialog)

    def export_file(self) -> None:
        """Choose where to save the labels as CVAT's raw JSON."""
        if self._raw_dirty and not self._apply_raw():  # unreadable text: the Raw tab says why, nothing is saved
            self.fileHandled.emit()
            return
        labels = self.labels()
        dialog = self._file_dialog(saving=True)
        dialog.fileSelected.connect(lambda path: spawn(self.export_to(Path(path), labels)))
        dialog.open()
        self.fileDialogOpened.emit(dialog)

    async def import_from(self, path: Path) -> None:
        """Load ``path`` into the Raw tab and read it (the file is read off the GUI thread)."""
        try:
            text = await asyncio.to_thread(_read_spec, path)
        except _TooLarge:
            self._show_file_notice(
                lambda: arg(self.tr("%1 is too large for a label specification (over 5 MB)."), str(path)), error=True
            )
        except UnicodeDecodeError:
            self._show_file_notice(lambda: arg(self.tr("%1 is not a UTF-8 text file."), str(path)), error=True)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            self._show_file_notice(
                lambda: with_reason(arg(self.tr("Could not read %1."), str(path)), reason), error=True
            )
        else:
            self.tabs.setCurrentWidget(self.raw_page)
            self.raw.setPlainText(text)  # marks the text as edited
            if self._apply_raw():
                self._show_file_notice(lambda: arg(self.tr("Labels imported from %1."), str(path)))
            else:
                self._show_file_notice("")
        finally:
            self.fileHandled.emit()

    async def export_to(self, path: Path, labels: Sequence[NewLabel]) -> None:
        """Write ``labels`` as CVAT's raw JSON to ``path`` (off the GUI thread)."""
        text = spec_to_json(labels)
        try:
            await asyncio.to_thread(path.write_text, text + "\n", "utf-8")
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            self._show_file_notice(
                lambda: with_reason(arg(self.tr("Could not save %1."), str(path)), reason), error=True
            )
        else:
            self._show_file_notice(lambda: arg(self.tr("Labels saved to %1."), str(path)))
        finally:
            self.fileHandled.emit()

    def _show_file_notice(self, text: LiveText, *, error: bool = False) -> None:
        self._file_notice = text
        self.file_notice.setStyleSheet("color: #b00020;" if error else "")
        self.file_notice.setText(live(text))


class _RawProblems(ValueError):
    """The raw labels break CVAT's rules (listed in ``problems``)."""

    def __init__(self, problems: list[LabelProblem]) -> None:
        super().__init__(problems[0].message)
        self.problems = problems


class _LockedChange(ValueError):
    """The raw labels remove (``kind`` ``removed``) or change (``changed``) a saved label called ``name``."""

    def __init__(self, kind: str, name: str) -> None:
        super().__init__(f"{kind}: {name}")
        self.kind = kind
        self.name = name


def _payload(attribute: NewAttribute) -> str:
    """An attribute as CVAT would receive it, as comparable text."""
    return json.dumps(label_payload(NewLabel(name="", attributes=(attribute,)))["attributes"], sort_keys=True)


class _TooLarge(ValueError):
    """A file too large to be a label specification."""


def _read_spec(path: Path) -> str:
    if path.stat().st_size > MAX_SPEC_FILE:
        raise _TooLarge(str(path))
    return path.read_text(encoding="utf-8-sig")
