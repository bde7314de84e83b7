"""The constructor's right-hand side: one label's name and colour, and an editor per attribute (name, input type,
mutable, and what its type needs), each problem shown under what it concerns.

The widgets edit :class:`~annodesk.models.label_drafts.DraftLabel` / ``DraftAttribute`` objects in place and emit
``changed``; saved drafts (an existing task's labels) are shown read-only.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annodesk.api.labels import LabelProblem
from annodesk.models.label_drafts import DraftAttribute, DraftLabel
from annodesk.models.vocabulary import INPUT_TYPE

from .form import ErrorLabel, side_button
from .label_texts import problem_sentence

CHOICE_PAGE, CHECKBOX_PAGE, TEXT_PAGE, NUMBER_PAGE = range(4)
PAGES = {"select": CHOICE_PAGE, "radio": CHOICE_PAGE, "checkbox": CHECKBOX_PAGE, "text": TEXT_PAGE}
PAGES["number"] = NUMBER_PAGE


def swatch(color: str, size: int = 14) -> QIcon:
    """A small square of ``color`` (an empty icon when the colour is not valid)."""
    if not QColor.isValidColorName(color):
        return QIcon()
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


def _problems_text(problems: Sequence[LabelProblem]) -> str:
    return "\n".join(problem_sentence(problem) for problem in problems)


class AttributeEditor(QFrame):
    """One attribute. ``removeRequested`` asks the form to drop it (only an unsaved one has the button)."""

    changed = Signal()
    removeRequested = Signal()

    def __init__(self, draft: DraftAttribute, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft = draft
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("attributeEditor")
        self._problems: list[LabelProblem] = []

        self.name = QLineEdit(draft.name)
        self.name.setObjectName("attributeName")
        self.input_type = QComboBox()
        for _text, value in INPUT_TYPE.items():
            self.input_type.addItem("", value)  # shown translated in retranslate_ui, sent as the server spells it
        self.input_type.setCurrentIndex(max(0, self.input_type.findData(draft.input_type)))
        self.input_type.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.mutable = QCheckBox()
        self.mutable.setChecked(draft.mutable)
        self.remove_button = QToolButton()
        self.remove_button.setText("✕")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setVisible(not draft.saved)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.name, 1)
        top.addWidget(self.input_type)
        top.addWidget(self.mutable)
        top.addWidget(self.remove_button)
        self.name_error = ErrorLabel()

        # select / radio: the options, one per line, and the default among them
        self.options = QPlainTextEdit("\n".join(draft.options))
        self.options.setObjectName("attributeValues")
        self.options.setTabChangesFocus(True)
        line = self.options.fontMetrics().lineSpacing()
        self.options.setFixedHeight(line * 4 + 12)
        self.choice = QComboBox()
        self.choice.setObjectName("attributeDefaultChoice")
        self.choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.options_title = QLabel()
        self.choice_title = QLabel()
        choice_page = QWidget()
        choice_layout = QGridLayout(choice_page)
        choice_layout.setContentsMargins(0, 0, 0, 0)
        choice_layout.addWidget(self.options_title, 0, 0, Qt.AlignmentFlag.AlignTop)
        choice_layout.addWidget(self.options, 0, 1)
        choice_layout.addWidget(self.choice_title, 1, 0)
        choice_layout.addWidget(self.choice, 1, 1, Qt.AlignmentFlag.AlignLeft)
        choice_layout.setColumnStretch(1, 1)

        # checkbox: checked or not by default
        self.checked = QCheckBox()
        self.checked.setObjectName("attributeDefaultChecked")
        self.checked.setChecked(draft.checked)
        checkbox_page = QWidget()
        checkbox_layout = QHBoxLayout(checkbox_page)
        checkbox_layout.setContentsMargins(0, 0, 0, 0)
        checkbox_layout.addWidget(self.checked)
        checkbox_layout.addStretch(1)

        # text: the default text
        self.text = QLineEdit(draft.text)
        self.text.setObjectName("attributeDefaultText")
        self.text_title = QLabel()
        text_page = QWidget()
        text_layout = QHBoxLayout(text_page)
        text_layout.setContentsMargins(0, 0, 0, 0)
        text_layout.addWidget(self.text_title)
        text_layout.addWidget(self.text, 1)

        # number: minimum, maximum, step and the default (the minimum unless changed)
        self.minimum = QLineEdit(draft.minimum)
        self.maximum = QLineEdit(draft.maximum)
        self.step = QLineEdit(draft.step)
        self.number_default = QLineEdit(draft.number_default)
        self.number_titles = [QLabel() for _ in range(4)]
        number_page = QWidget()
        number_layout = QGridLayout(number_page)  # two rows: narrow enough for long labels (Chinese too)
        number_layout.setContentsMargins(0, 0, 0, 0)
        for index, (title, field, name) in enumerate(
            zip(
                self.number_titles,
                (self.minimum, self.maximum, self.step, self.number_default),
                ("attributeMinimum", "attributeMaximum", "attributeStep", "attributeDefaultNumber"),
                strict=True,
            )
        ):
            field.setObjectName(name)
            field.setMinimumWidth(56)
            title.setBuddy(field)
            row, column = divmod(index, 2)
            number_layout.addWidget(title, row, column * 2)
            number_layout.addWidget(field, row, column * 2 + 1)
        number_layout.setColumnStretch(1, 1)
        number_layout.setColumnStretch(3, 1)

        self.pages = [choice_page, checkbox_page, text_page, number_page]  # one shown: the input type's
        self.values_error = ErrorLabel()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.name_error)
        for page in self.pages:
            layout.addWidget(page)
        layout.addWidget(self.values_error)

        self._fill_choices()
        self._show_page()
        self._set_saved(draft.saved)
        self.name.textEdited.connect(self._name_edited)
        self.input_type.currentIndexChanged.connect(self._type_changed)
        self.mutable.toggled.connect(self._mutable_toggled)
        self.remove_button.clicked.connect(self.removeRequested.emit)
        self.options.textChanged.connect(self._options_edited)
        self.choice.currentIndexChanged.connect(self._choice_changed)
        self.checked.toggled.connect(self._checked_toggled)
        self.text.textEdited.connect(self._text_edited)
        self.minimum.textEdited.connect(self._minimum_edited)
        for field, key in ((self.maximum, "maximum"), (self.step, "step"), (self.number_default, "number_default")):
            field.textEdited.connect(lambda text, key=key: self._number_edited(key, text))
        self.retranslate_ui()

    # -- language --------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.name.setPlaceholderText(self.tr("Attribute name"))
        self.input_type.setToolTip(self.tr("Input type"))
        for index in range(self.input_type.count()):
            self.input_type.setItemText(index, INPUT_TYPE.display(self.input_type.itemData(index)))
        self.mutable.setText(self.tr("Mutable"))
        self.mutable.setToolTip(self.tr("Mutable attributes can change from frame to frame (in tracks)."))
        self.remove_button.setToolTip(self.tr("Remove this attribute"))
        self.remove_button.setAccessibleName(self.tr("Remove this attribute"))
        self.options_title.setText(self.tr("Values:"))
        self.options.setPlaceholderText(self.tr("One value per line"))
        self.choice_title.setText(self.tr("Default:"))
        self.checked.setText(self.tr("Checked by default"))
        self.text_title.setText(self.tr("Default text:"))
        for title, text in zip(
            self.number_titles,
            (self.tr("Min:"), self.tr("Max:"), self.tr("Step:"), self.tr("Default:")),
            strict=True,
        ):
            title.setText(text)
        self.show_problems(self._problems)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- state -----------------------------------------------------------------------------------

    def _set_saved(self, saved: bool) -> None:
        """A saved attribute (on the server already) is shown, not edited."""
        self.options.setReadOnly(saved)
        fields = (self.name, self.text, self.minimum, self.maximum, self.step, self.number_default)
        for widget in (*fields, self.options, self.input_type, self.mutable, self.choice, self.checked):
            widget.setEnabled(not saved)  # greyed, as locked fields look

    def show_problems(self, problems: Sequence[LabelProblem]) -> None:
        """Show ``problems`` of this attribute: name and type ones under the name, the others under the values."""
        self._problems = list(problems)
        top = [p for p in self._problems if p.field in ("name", "input_type")]
        rest = [p for p in self._problems if p.field not in ("name", "input_type")]
        self.name_error.show_message((lambda: _problems_text(top)) if top else "")
        self.values_error.show_message((lambda: _problems_text(rest)) if rest else "")

    def _fill_choices(self) -> None:
        with QSignalBlocker(self.choice):
            self.choice.clear()
            for option in self.draft.options:
                self.choice.addItem(option, option)
            self.choice.setCurrentIndex(self.choice.findData(self.draft.choice))

    @property
    def page(self) -> QWidget:
        """The editor of the attribute's input type (the one shown)."""
        return self.pages[PAGES.get(self.draft.input_type, CHOICE_PAGE)]

    def _show_page(self) -> None:
        """Show the current type's editor only (hidden ones take no room: the card is as tall as it needs)."""
        current = self.page
        for page in self.pages:
            page.setVisible(page is current)

    # -- edits -----------------------------------------------------------------------------------

    def _name_edited(self, text: str) -> None:
        self.draft.name = text
        self.changed.emit()

    def _type_changed(self, _index: int) -> None:
        self.draft.input_type = str(self.input_type.currentData())
        self._show_page()
        self.changed.emit()

    def _mutable_toggled(self, checked: bool) -> None:
        self.draft.mutable = checked
        self.changed.emit()

    def _options_edited(self) -> None:
        if self.options.isReadOnly():
            return
        lines = [line.strip() for line in self.options.toPlainText().splitlines()]
        self.draft.set_options([line for line in lines if line])
        self._fill_choices()
        self.changed.emit()

    def _choice_changed(self, _index: int) -> None:
        if self.choice.currentData() is not None:
            self.draft.choice = str(self.choice.currentData())
            self.changed.emit()

    def _checked_toggled(self, checked: bool) -> None:
        self.draft.checked = checked
        self.changed.emit()

    def _text_edited(self, text: str) -> None:
        self.draft.text = text
        self.changed.emit()

    def _minimum_edited(self, text: str) -> None:
        self.draft.set_minimum(text.strip())
        if self.number_default.text() != self.draft.number_default:
            self.number_default.setText(self.draft.number_default)  # the default followed the minimum
        self.changed.emit()

    def _number_edited(self, key: str, text: str) -> None:
        setattr(self.draft, key, text.strip())
        self.changed.emit()


class LabelForm(QWidget):
    """The selected label: name, colour (a colour dialog), its attributes, and an *Add attribute* button.

    ``changed`` fires after every edit (the list and the raw JSON follow); ``colorDialogOpened`` gives tests and
    accessibility tools the (non-native) colour dialog while it is open.
    """

    changed = Signal()
    colorDialogOpened = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft: DraftLabel | None = None
        self.editors: list[AttributeEditor] = []
        self.color_dialog: QColorDialog | None = None
        self._problems: list[LabelProblem] = []

        self.name = QLineEdit()
        self.name.setObjectName("labelName")
        self.name_error = ErrorLabel()
        self.color_button = side_button()
        self.color_button.setObjectName("labelColor")
        self.color_error = ErrorLabel()
        self.saved_notice = QLabel()
        self.saved_notice.setWordWrap(True)
        self.saved_notice.setStyleSheet("color: palette(dark);")
        self.name_title = QLabel()
        self.name_title.setBuddy(self.name)
        self.color_title = QLabel()
        self.color_title.setBuddy(self.color_button)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        name_box = QVBoxLayout()
        name_box.setSpacing(2)
        name_box.addWidget(self.name)
        name_box.addWidget(self.name_error)
        color_box = QVBoxLayout()
        color_box.setSpacing(2)
        color_box.addWidget(self.color_button, 0, Qt.AlignmentFlag.AlignLeft)
        color_box.addWidget(self.color_error)
        form.addRow(self.name_title, name_box)
        form.addRow(self.color_title, color_box)

        self.attributes_title = QLabel()
        font = self.attributes_title.font()
        font.setBold(True)
        self.attributes_title.setFont(font)
        self.add_attribute_button = side_button()
        self.add_attribute_button.setObjectName("addAttribute")
        heading = QHBoxLayout()
        heading.addWidget(self.attributes_title)
        heading.addStretch(1)
        heading.addWidget(self.add_attribute_button)

        self.attribute_box = QWidget()
        self.attribute_layout = QVBoxLayout(self.attribute_box)
        self.attribute_layout.setContentsMargins(0, 0, 0, 0)
        # The cards' minimum height becomes the box's own minimum size, so that cards added or growing while shown
        # make the area scroll (QScrollArea re-measures its widget only when it is resized) instead of being squeezed.
        self.attribute_layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.attribute_layout.addStretch(1)
        self.no_attributes = QLabel()
        self.no_attributes.setStyleSheet("color: palette(dark);")
        self.no_attributes.setWordWrap(True)
        self.attribute_layout.insertWidget(0, self.no_attributes)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.attribute_box)

        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.content = QWidget()
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.saved_notice)
        content_layout.addLayout(form)
        content_layout.addLayout(heading)
        content_layout.addWidget(self.scroll_area, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.content, 1)

        self.name.textEdited.connect(self._name_edited)
        self.color_button.clicked.connect(self.choose_color)
        self.add_attribute_button.clicked.connect(self.add_attribute)
        self.retranslate_ui()
        self.show_label(None)

    # -- language --------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.name_title.setText(self.tr("Label name:"))
        self.name.setPlaceholderText(self.tr("For example: car"))
        self.color_title.setText(self.tr("Color:"))
        self.attributes_title.setText(self.tr("Attributes"))
        self.add_attribute_button.setText(self.tr("Add attribute"))
        self.no_attributes.setText(self.tr("No attributes: the label needs none, but you can add some."))
        self.placeholder.setText(self.tr("Add a label, or choose one in the list."))
        self.saved_notice.setText(
            self.tr("This label is saved on the server: CVAT keeps it as it is, but you can add attributes to it.")
        )
        self._show_color()
        self.show_problems(self._problems)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- showing a label -------------------------------------------------------------------------

    def show_label(self, draft: DraftLabel | None) -> None:
        """Edit ``draft`` (``None``: show the placeholder)."""
        self.draft = draft
        self.placeholder.setVisible(draft is None)
        self.content.setVisible(draft is not None)
        for editor in self.editors:
            editor.setParent(None)
            editor.deleteLater()
        self.editors = []
        self._problems = []
        if draft is None:
            return
        self.name.setText(draft.name)
        self.name.setReadOnly(draft.saved)
        self.name.setEnabled(not draft.saved)
        self.color_button.setEnabled(not draft.saved)
        self.saved_notice.setVisible(draft.saved)
        for attribute in draft.attributes:
            self._add_editor(attribute)
        self._show_color()
        self._update_empty()
        self.show_problems([])

    def _add_editor(self, attribute: DraftAttribute) -> AttributeEditor:
        editor = AttributeEditor(attribute)
        editor.changed.connect(self.changed.emit)
        editor.removeRequested.connect(lambda editor=editor: self._remove_editor(editor))
        self.attribute_layout.insertWidget(self.attribute_layout.count() - 1, editor)
        self.editors.append(editor)
        return editor

    def _update_empty(self) -> None:
        self.no_attributes.setVisible(not self.editors)

    def _show_color(self) -> None:
        color = self.draft.color if self.draft else ""
        self.color_button.setIcon(swatch(color))
        self.color_button.setText(color if color else self.tr("Chosen by the server"))
        self.color_button.setToolTip(self.tr("Choose the label's color"))

    def show_problems(self, problems: Sequence[LabelProblem]) -> None:
        """Show this label's problems next to its fields and its attributes'."""
        self._problems = list(problems)
        own = [p for p in self._problems if p.place.attribute is None]
        name = [p for p in own if p.field != "color"]
        color = [p for p in own if p.field == "color"]
        self.name_error.show_message((lambda: _problems_text(name)) if name else "")
        self.color_error.show_message((lambda: _problems_text(color)) if color else "")
        for number, editor in enumerate(self.editors, start=1):
            editor.show_problems([p for p in self._problems if p.place.attribute == number])

    # -- edits -----------------------------------------------------------------------------------

    def _name_edited(self, text: str) -> None:
        if self.draft is not None:
            self.draft.name = text
            self.changed.emit()

    def add_attribute(self) -> AttributeEditor | None:
        """Append a new attribute (a select by default, as in CVAT) and put the cursor in its name."""
        if self.draft is None:
            return None
        attribute = DraftAttribute()
        self.draft.attributes.append(attribute)
        editor = self._add_editor(attribute)
        self._update_empty()
        editor.name.setFocus()
        self.scroll_area.ensureWidgetVisible(editor)
        self.changed.emit()
        return editor

    def _remove_editor(self, editor: AttributeEditor) -> None:
        if self.draft is None or editor.draft.saved:
            return
        self.draft.attributes.remove(editor.draft)
        self.editors.remove(editor)
        editor.setParent(None)
        editor.deleteLater()
        self._update_empty()
        self.changed.emit()

    def choose_color(self) -> None:
        """Open a colour dialog (not modal over the app; its choice applies when accepted)."""
        if self.draft is None or self.draft.saved:
            return
        dialog = QColorDialog(self)
        dialog.setOption(QColorDialog.ColorDialogOption.DontUseNativeDialog)
        if QColor.isValidColorName(self.draft.color):
            dialog.setCurrentColor(QColor(self.draft.color))
        draft = self.draft
        dialog.colorSelected.connect(lambda color: self._color_chosen(draft, color))
        dialog.finished.connect(dialog.deleteLater)
        self.color_dialog = dialog
        dialog.open()
        self.colorDialogOpened.emit(dialog)

    def _color_chosen(self, draft: DraftLabel, color: QColor) -> None:
        if color.isValid() and draft is self.draft:
            draft.color = color.name()
            self._show_color()
            self.changed.emit()
