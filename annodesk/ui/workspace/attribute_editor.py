"""The attribute editor: the selected object's label, attributes and flags, for the current frame.

It follows the selection and the frame. Each change is written through the job's editor at once, one undo step
each: the label (``change_label``: the attributes go back to the new label's defaults, as in CVAT), an attribute
(``set_attribute``: a mutable one of a track on this frame's keyframe, marked ◆), occluded, and for tracks outside and
keyframe. Lock and hide are the controller's (outside the undo history, as in CVAT).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGridLayout, QLabel, QVBoxLayout, QWidget

from annodesk.i18n import arg
from annodesk.models.workspace_words import SHAPE_TYPE
from annodesk.workspace.controller import WorkspaceController
from annodesk.workspace.frame_objects import TAG, TRACK, FrameObject

from .attribute_form import AttributeForm
from .label_picker import swatch


class AttributeEditor(QWidget):
    """Edits the controller's selected object through ``controller.editor``."""

    def __init__(self, controller: WorkspaceController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.title = QLabel()
        self.title.setObjectName("attributeEditorTitle")
        self.title.setWordWrap(True)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.label_combo = QComboBox()
        self.label_combo.setObjectName("objectLabel")
        self.label_combo.activated.connect(lambda _index: self._label_picked())
        self.label_caption = QLabel()
        self.label_caption.setBuddy(self.label_combo)
        self.form = AttributeForm()
        self.form.valueChanged.connect(self._attribute_set)
        self.occluded = QCheckBox()
        self.outside = QCheckBox()
        self.keyframe = QCheckBox()
        self.locked = QCheckBox()
        self.hidden = QCheckBox()
        self.occluded.clicked.connect(self._occluded_clicked)
        self.outside.clicked.connect(lambda _checked: self._write(lambda editor, key: editor.toggle_outside(key)))
        self.keyframe.clicked.connect(lambda _checked: self._write(lambda editor, key: editor.toggle_keyframe(key)))
        self.locked.clicked.connect(self._lock_clicked)
        self.hidden.clicked.connect(self._hide_clicked)

        self.body = QWidget()
        label_row = QFormLayout()
        label_row.setContentsMargins(0, 0, 0, 0)
        label_row.addRow(self.label_caption, self.label_combo)
        flags = QGridLayout()
        for position, box in enumerate((self.occluded, self.outside, self.keyframe, self.locked, self.hidden)):
            flags.addWidget(box, position // 3, position % 3)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(label_row)
        body.addWidget(self.form)
        body.addLayout(flags)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.empty)
        layout.addWidget(self.body)
        layout.addStretch(1)

        controller.loaded.connect(self._loaded)
        controller.selectionChanged.connect(lambda _key: self.refresh())
        controller.objectsChanged.connect(self.refresh)
        controller.frameChanged.connect(lambda _frame: self.refresh())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.empty.setText(self.tr("Select an object to see and change its label and attributes."))
        self.label_caption.setText(self.tr("&Label"))
        self.occluded.setText(self.tr("&Occluded"))
        self.outside.setText(self.tr("O&utside"))
        self.keyframe.setText(self.tr("&Keyframe"))
        self.locked.setText(self.tr("Loc&ked"))
        self.hidden.setText(self.tr("&Hidden"))
        self.outside.setToolTip(self.tr("The object has left the frame from here on"))
        self.keyframe.setToolTip(self.tr("This frame is one of the track's keyframes"))
        self.locked.setToolTip(self.tr("A locked object cannot be selected or changed on the canvas"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- view ------------------------------------------------------------------------------------------------

    def _loaded(self) -> None:
        editor = self.controller.editor
        with QSignalBlocker(self.label_combo):
            self.label_combo.clear()
            if editor is not None:
                for label in editor.labels.labels:
                    self.label_combo.addItem(swatch(editor.labels.color(label.id)), label.name, label.id)
        self.refresh()

    def selected(self) -> FrameObject | None:
        return self.controller.object(self.controller.selected)

    def refresh(self) -> None:
        """Show the selected object as it is on the current frame."""
        obj = self.selected()
        editor = self.controller.editor
        shown = obj is not None and editor is not None
        self.body.setVisible(shown)
        self.empty.setVisible(not shown)
        if obj is None or editor is None:
            self.title.clear()
            return
        kind = obj.kind
        kind_text = {TRACK: self.tr("track"), TAG: self.tr("tag")}.get(kind, self.tr("shape"))
        type_text = SHAPE_TYPE.display(obj.type) if obj.type != TAG else kind_text
        if obj.server_id is None:
            self.title.setText(arg(self.tr("%1 (new) · %2 · %3"), obj.label, type_text, kind_text))
        else:
            self.title.setText(arg(self.tr("%1 #%2 · %3 · %4"), obj.label, obj.server_id, type_text, kind_text))
        with QSignalBlocker(self.label_combo):
            self.label_combo.setCurrentIndex(self.label_combo.findData(obj.label_id))
        specs = editor.labels.specs(obj.label_id)
        self.form.set_specs(specs, editor.attribute_values(obj.key), mark_mutable=kind == TRACK)
        for box, checked, visible in (
            (self.occluded, obj.occluded, kind != TAG),
            (self.outside, obj.outside, kind == TRACK),
            (self.keyframe, obj.keyframe, kind == TRACK),
            (self.locked, obj.key in self.controller.locked, True),
            (self.hidden, obj.key in self.controller.hidden, kind != TAG),
        ):
            with QSignalBlocker(box):
                box.setChecked(checked)
            box.setVisible(visible)
        editable = not editor.read_only
        for widget in (self.label_combo, self.form, self.occluded, self.outside, self.keyframe):
            widget.setEnabled(editable)

    # -- writes --------------------------------------------------------------------------------------------------

    def _write(self, edit: object) -> None:
        editor, key = self.controller.editor, self.controller.selected
        if editor is not None and key is not None:
            edit(editor, key)  # type: ignore[operator]
        self.refresh()  # a refused edit shows the object as it still is

    def _label_picked(self) -> None:
        label_id = self.label_combo.currentData()
        obj = self.selected()
        if label_id is None or obj is None or label_id == obj.label_id:
            return
        self._write(lambda editor, key: editor.change_label(key, int(label_id)))

    def _attribute_set(self, spec_id: int, value: str) -> None:
        self._write(lambda editor, key: editor.set_attribute(key, spec_id, value))

    def _occluded_clicked(self, checked: bool) -> None:
        self._write(lambda editor, key: editor.set_occluded(key, checked))

    def _lock_clicked(self, checked: bool) -> None:
        key = self.controller.selected
        if key is not None:
            self.controller.set_locked(key, checked)
        self.refresh()

    def _hide_clicked(self, checked: bool) -> None:
        key = self.controller.selected
        if key is not None:
            self.controller.set_hidden(key, checked)
        self.refresh()
