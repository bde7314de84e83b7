"""The tool palette: CVAT's draw controls as one compact, non-modal panel.

A button per tool (select / edit, rectangle, polygon, polyline, points, cuboid, and tag, which tags the frame at
once), shape or track, the drawing methods (rectangle by 2 or 4 points, cuboid from a rectangle or by 4 points), the
number of points that finishes a polygon, polyline or points by itself, and the label picker. Choosing a tool says
``toolChosen(name)``; the palette itself draws nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annodesk.workspace.drawables import MIN_POINTS, ShapeKind

from .label_picker import LabelPicker
from .tools.options import CuboidMethod, DrawOptions, RectangleMethod

SELECT, TAG = "select", "tag"
TOOLS = (SELECT, *(kind.value for kind in ShapeKind), TAG)
COLUMNS = 4
ICON = 22


def tool_icon(name: str, color: QColor) -> QIcon:
    """A small line drawing of the tool."""
    pixmap = QPixmap(ICON, ICON)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(color, 1.6))
    s = ICON
    if name == SELECT:
        arrow = [(5, 3), (5, 17), (9, 13), (12, 19), (14, 18), (11, 12), (16, 12)]
        painter.setBrush(color)
        painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in arrow]))
    elif name == ShapeKind.RECTANGLE:
        painter.drawRect(QRectF(3.5, 5.5, s - 7, s - 11))
    elif name == ShapeKind.POLYGON:
        painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in ((4, 8), (11, 3), (19, 9), (15, 19), (6, 17))]))
    elif name == ShapeKind.POLYLINE:
        painter.drawPolyline(QPolygonF([QPointF(x, y) for x, y in ((3, 17), (8, 6), (14, 15), (19, 4))]))
    elif name == ShapeKind.POINTS:
        painter.setBrush(color)
        for x, y in ((5, 6), (16, 5), (8, 16), (17, 15)):
            painter.drawEllipse(QPointF(x, y), 2, 2)
    elif name == ShapeKind.CUBOID:
        painter.drawRect(QRectF(3.5, 8.5, 11, 10))
        painter.drawPolyline(QPolygonF([QPointF(x, y) for x, y in ((3.5, 8.5), (7.5, 4.5), (18.5, 4.5), (18.5, 14.5))]))
        painter.drawLine(QPointF(14.5, 8.5), QPointF(18.5, 4.5))
        painter.drawLine(QPointF(14.5, 18.5), QPointF(18.5, 14.5))
    else:  # tag
        painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in ((3, 11), (10, 4), (19, 4), (19, 13), (12, 20))]))
        painter.drawEllipse(QPointF(15, 8), 1.5, 1.5)
    painter.end()
    return QIcon(pixmap)


class ToolPalette(QWidget):
    """The drawing tools and their options. ``toolChosen(name)``: ``select``, a shape type, or ``tag``."""

    toolChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toolPalette")
        self.tool_group = QActionGroup(self)
        self.tool_group.setExclusive(True)
        self.tool_actions: dict[str, QAction] = {}
        self.tool_buttons: dict[str, QToolButton] = {}
        grid = QGridLayout()
        grid.setSpacing(2)
        icon_color = self.palette().windowText().color()
        for position, name in enumerate(TOOLS):
            action = QAction(tool_icon(name, icon_color), "", self)
            action.setCheckable(name != TAG)
            if name != TAG:
                self.tool_group.addAction(action)
            action.triggered.connect(lambda _checked=False, name=name: self.toolChosen.emit(name))
            self.tool_actions[name] = action
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            button.setIconSize(QSize(ICON, ICON))
            button.setAutoRaise(True)
            button.setMinimumWidth(64)
            self.tool_buttons[name] = button
            grid.addWidget(button, position // COLUMNS, position % COLUMNS)
        self.tool_actions[SELECT].setChecked(True)

        self.shape_button = QRadioButton()
        self.track_button = QRadioButton()
        self.shape_button.setChecked(True)
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.shape_button)
        self.mode_group.addButton(self.track_button)
        mode_row = QHBoxLayout()
        mode_row.addWidget(self.shape_button)
        mode_row.addWidget(self.track_button)
        mode_row.addStretch(1)

        self.rectangle_method = QComboBox()
        self.cuboid_method = QComboBox()
        for _ in RectangleMethod:
            self.rectangle_method.addItem("")
        for _ in CuboidMethod:
            self.cuboid_method.addItem("")
        self.points_limit = QSpinBox()
        self.points_limit.setRange(0, 1000)
        self.mode_caption = QLabel()
        self.rectangle_caption = QLabel()
        self.rectangle_caption.setBuddy(self.rectangle_method)
        self.cuboid_caption = QLabel()
        self.cuboid_caption.setBuddy(self.cuboid_method)
        self.points_caption = QLabel()
        self.points_caption.setBuddy(self.points_limit)
        options = QFormLayout()
        options.setContentsMargins(0, 0, 0, 0)
        options.addRow(self.mode_caption, mode_row)
        options.addRow(self.rectangle_caption, self.rectangle_method)
        options.addRow(self.cuboid_caption, self.cuboid_method)
        options.addRow(self.points_caption, self.points_limit)

        self.label_picker = LabelPicker()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(grid)
        layout.addLayout(options)
        layout.addWidget(self.label_picker)
        layout.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        names = {
            SELECT: self.tr("Select"),
            ShapeKind.RECTANGLE.value: self.tr("Rectangle"),
            ShapeKind.POLYGON.value: self.tr("Polygon"),
            ShapeKind.POLYLINE.value: self.tr("Polyline"),
            ShapeKind.POINTS.value: self.tr("Points"),
            ShapeKind.CUBOID.value: self.tr("Cuboid"),
            TAG: self.tr("Tag"),
        }
        tips = {
            SELECT: self.tr("Select and edit objects (Esc)"),
            ShapeKind.RECTANGLE.value: self.tr("Draw a rectangle: two clicks or a drag"),
            ShapeKind.POLYGON.value: self.tr("Draw a polygon: click its points, N or Enter finishes"),
            ShapeKind.POLYLINE.value: self.tr("Draw a polyline: click its points, N or Enter finishes"),
            ShapeKind.POINTS.value: self.tr("Place points: click each, N or Enter finishes"),
            ShapeKind.CUBOID.value: self.tr("Draw a cuboid"),
            TAG: self.tr("Tag this frame with the label"),
        }
        for name, action in self.tool_actions.items():
            action.setText(names[name])
            action.setToolTip(tips[name])
        self.mode_caption.setText(self.tr("Draw as"))
        self.shape_button.setText(self.tr("&Shape"))
        self.track_button.setText(self.tr("T&rack"))
        self.track_button.setToolTip(self.tr("A track: the object on this frame as its first keyframe"))
        self.rectangle_caption.setText(self.tr("Rectangle"))
        self.rectangle_method.setItemText(0, self.tr("By 2 points"))
        self.rectangle_method.setItemText(1, self.tr("By 4 points"))
        self.cuboid_caption.setText(self.tr("Cuboid"))
        self.cuboid_method.setItemText(0, self.tr("From a rectangle"))
        self.cuboid_method.setItemText(1, self.tr("By 4 points"))
        self.points_caption.setText(self.tr("Number of points"))
        self.points_limit.setSpecialValueText(self.tr("any (N ends)"))
        self.points_limit.setToolTip(
            self.tr("A polygon, polyline or points finishes by itself at this many points (0: when you press N)")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- state ---------------------------------------------------------------------------------------------------

    def is_track(self) -> bool:
        return self.track_button.isChecked()

    def set_track(self, track: bool) -> None:
        (self.track_button if track else self.shape_button).setChecked(True)

    def toggle_track(self) -> None:
        self.set_track(not self.is_track())

    def show_tool(self, name: str) -> None:
        """Check ``name``'s button (what the canvas does now) without choosing it again."""
        action = self.tool_actions.get(name)
        if action is not None and action.isCheckable():
            action.setChecked(True)

    def options(self, kind: ShapeKind) -> DrawOptions:
        """The setup of a drawing of ``kind`` as the palette says now."""
        picker = self.label_picker
        label_id = picker.label_id()
        limit = self.points_limit.value()
        return DrawOptions(
            kind=kind,
            track=self.is_track(),
            label=picker.labels.name(label_id) if label_id is not None else "",
            color=picker.color(),
            rectangle_method=list(RectangleMethod)[self.rectangle_method.currentIndex()],
            cuboid_method=list(CuboidMethod)[self.cuboid_method.currentIndex()],
            points_limit=max(limit, MIN_POINTS[kind]) if limit and kind in _LIMITED else 0,
        )


_LIMITED = (ShapeKind.POLYGON, ShapeKind.POLYLINE, ShapeKind.POINTS)
