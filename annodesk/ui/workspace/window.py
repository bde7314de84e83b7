"""The annotation workspace window: a view over a :class:`WorkspaceController`.

The canvas fills the centre under the navigation bar; docks hold the objects, labels, tags and job info panels;
the status bar shows the cursor's image coordinates and messages. A failed frame shows its reason on the canvas
with a Retry button. Geometry and dock layout are remembered; texts follow a language switch.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QPointF, QSettings, QSizeF, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QImage, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QGridLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annodesk.i18n import LiveText, arg, format_number, live
from annodesk.messages import action_error
from annodesk.settings import Settings
from annodesk.workspace.controller import Problem, WorkspaceController
from annodesk.workspace.drawables import Drawable
from annodesk.workspace.drawing import removed_drawable
from annodesk.workspace.frame_objects import COLOR_BY_GROUP, COLOR_BY_INSTANCE, COLOR_BY_LABEL, ObjectKey

from .attribute_editor import AttributeEditor
from .canvas import AnnotationCanvas
from .close_guard import CloseGuard, UnsavedMark
from .drawing_control import DrawingControl
from .image_panel import ImagePanel
from .job_info import JobInfoPanel
from .keymap import KeyMap, ShortcutSettings
from .navigation import NavigationBar
from .object_actions import ObjectActions
from .offline_banner import OfflineBanner
from .panels import LabelsPanel, ObjectsPanel, TagsPanel
from .propagate_bar import PropagateBar
from .restore_prompt import RestorePrompt
from .save_actions import SaveActions
from .shortcuts_dialog import ShortcutsAction
from .tool_palette import ToolPalette


def problem_text(problem: Problem) -> str:
    """A problem in one line: what failed, then why (the error's translated sentence)."""
    head = live(problem.text)
    return f"{head} {action_error(problem.error)}" if problem.error is not None else head


class CanvasNotice(QWidget):
    """A message over the canvas (a frame that failed), with a Retry button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("canvasNotice")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            "#canvasNotice { background: rgba(255, 243, 205, 235); border: 1px solid #e0c97a; border-radius: 6px; }"
            "#canvasNotice QLabel { color: #5c4400; }"
        )
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.retry_button = QPushButton()
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.retry_button, alignment=Qt.AlignmentFlag.AlignCenter)
        self.setMaximumWidth(520)
        self.hide()


class WorkspaceWindow(QMainWindow):
    """One job's workspace. ``closed(job_id)`` once it is closed."""

    closed = Signal(int)

    def __init__(self, controller: WorkspaceController, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.controller = controller
        controller.setParent(self)
        self.settings = settings
        self._message: LiveText = ""
        self._problem: Problem | None = None
        self._cursor: QPointF | None = None

        self.canvas = AnnotationCanvas()
        self._space = _SpaceTapPlays(self.canvas, controller.toggle_play, self)
        self.notice = CanvasNotice()
        self.notice.retry_button.clicked.connect(controller.retry)
        self.navigation = NavigationBar(controller)
        area = QWidget()
        grid = QGridLayout(area)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.canvas, 0, 0)
        grid.addWidget(self.notice, 0, 0, Qt.AlignmentFlag.AlignCenter)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self._central_layout = layout  # the offline bar goes above the navigation bar
        layout.addWidget(self.navigation)
        layout.addWidget(area, 1)
        self.setCentralWidget(central)

        self.objects_panel = ObjectsPanel(controller)
        self.labels_panel = LabelsPanel(controller)
        self.tags_panel = TagsPanel(controller)
        self.job_info = JobInfoPanel(controller)
        self.image_panel = ImagePanel(self.canvas)
        self.keymap = KeyMap(ShortcutSettings(settings), self)
        self.tool_palette = ToolPalette()
        self.attribute_editor = AttributeEditor(controller)
        self.drawing = DrawingControl(controller, self.canvas, self.tool_palette, self.keymap, settings)
        self.docks: dict[str, QDockWidget] = {}
        for name, panel, area_side in (
            ("tools", self.tool_palette, Qt.DockWidgetArea.LeftDockWidgetArea),
            ("objects", self.objects_panel, Qt.DockWidgetArea.RightDockWidgetArea),
            ("attributes", self.attribute_editor, Qt.DockWidgetArea.LeftDockWidgetArea),
            ("labels", self.labels_panel, Qt.DockWidgetArea.RightDockWidgetArea),
            ("tags", self.tags_panel, Qt.DockWidgetArea.RightDockWidgetArea),
            ("jobInfo", self.job_info, Qt.DockWidgetArea.LeftDockWidgetArea),
            ("image", self.image_panel, Qt.DockWidgetArea.LeftDockWidgetArea),
        ):
            dock = QDockWidget(self)
            dock.setObjectName(f"{name}Dock")  # saveState/restoreState find docks by name
            dock.setWidget(panel)
            self.addDockWidget(area_side, dock)
            self.docks[name] = dock
        self.tabifyDockWidget(self.docks["labels"], self.docks["tags"])
        self.tabifyDockWidget(self.docks["attributes"], self.docks["jobInfo"])
        self.tabifyDockWidget(self.docks["jobInfo"], self.docks["image"])
        self.docks["attributes"].raise_()
        self.docks["labels"].raise_()
        self.resizeDocks([self.docks["jobInfo"], self.docks["objects"]], [320, 420], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["tools"], self.docks["attributes"]], [400, 460], Qt.Orientation.Vertical)

        self.cursor_label = QLabel()
        self.cursor_label.setObjectName("cursorPosition")
        self.frame_label = QLabel()
        self.message_label = QLabel()
        self.statusBar().addWidget(self.message_label, 1)
        self.propagate_bar = PropagateBar()
        self.statusBar().addPermanentWidget(self.propagate_bar)
        self.statusBar().addPermanentWidget(self.frame_label)
        self.statusBar().addPermanentWidget(self.cursor_label)

        self._build_actions()
        self._bind()
        self._attach_saving()
        self.retranslate_ui()
        self._restore_settings()

    # -- construction ------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        for action in (*self.navigation.actions_in_order, self.navigation.focus_frame_action):
            self.addAction(action)  # the keys work wherever the focus is in this window
        self.next_object_action = QAction(self)
        self.next_object_action.triggered.connect(lambda: self.controller.select_next())
        self.previous_object_action = QAction(self)
        self.previous_object_action.triggered.connect(lambda: self.controller.select_next(backwards=True))
        self.zoom_action = QAction(self)
        self.zoom_action.setShortcut(QKeySequence("Z"))
        self.zoom_action.triggered.connect(self.zoom_to_selection)
        self.fit_action = QAction(self)
        self.fit_action.setShortcut(QKeySequence("Ctrl+0"))
        self.fit_action.triggered.connect(self.canvas.fit_to_view)
        self.actual_size_action = QAction(self)
        self.actual_size_action.setShortcut(QKeySequence("Ctrl+1"))
        self.actual_size_action.triggered.connect(self.canvas.zoom_actual_size)
        self.original_action = QAction(self)
        self.original_action.setCheckable(True)
        self.original_action.setShortcut(QKeySequence("Ctrl+O"))
        self.original_action.toggled.connect(self.controller.set_original_quality)
        self.grid_action = QAction(self)
        self.grid_action.setCheckable(True)
        self.grid_action.toggled.connect(self.canvas.set_pixel_grid)
        self.all_texts_action = QAction(self)
        self.all_texts_action.setCheckable(True)
        self.all_texts_action.toggled.connect(self.canvas.set_show_all_text)
        self.attributes_action = QAction(self)
        self.attributes_action.setCheckable(True)
        self.attributes_action.setChecked(True)
        self.attributes_action.toggled.connect(self.canvas.set_show_attributes)
        self.color_group = QActionGroup(self)
        self.color_actions: dict[str, QAction] = {}
        for mode in (COLOR_BY_LABEL, COLOR_BY_INSTANCE, COLOR_BY_GROUP):
            action = QAction(self.color_group)
            action.setCheckable(True)
            action.setChecked(mode == COLOR_BY_LABEL)
            action.triggered.connect(lambda _checked=False, mode=mode: self.controller.set_color_by(mode))
            self.color_actions[mode] = action
        self.close_action = QAction(self)
        self.close_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Close))
        self.close_action.triggered.connect(self.close)
        self.view_menu = self.menuBar().addMenu("")
        self.job_menu = self.menuBar().addMenu("")
        for action in (
            self.next_object_action,
            self.previous_object_action,
            self.zoom_action,
            self.fit_action,
            self.actual_size_action,
            self.original_action,
        ):
            self.view_menu.addAction(action)
            self.addAction(action)
        self.view_menu.addSeparator()
        self.color_menu = self.view_menu.addMenu("")
        for action in self.color_actions.values():
            self.color_menu.addAction(action)
        for action in (self.all_texts_action, self.attributes_action, self.grid_action):
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        for dock in self.docks.values():
            self.view_menu.addAction(dock.toggleViewAction())
        for action in self.navigation.actions_in_order:
            self.job_menu.addAction(action)
        self.job_menu.addSeparator()
        self.job_menu.addAction(self.close_action)
        self.addAction(self.close_action)
        self.object_actions = ObjectActions(
            self.controller, self.keymap, self.drawing, self.propagate_bar, self.menuBar()
        )
        for menu in self.object_actions.menus:
            self.menuBar().insertMenu(self.view_menu.menuAction(), menu)
        self.help_menu = self.menuBar().addMenu("")
        self.shortcuts_action = ShortcutsAction(self.keymap, self, self)
        self.help_menu.addAction(self.shortcuts_action)
        navigation = self.navigation
        for name, action in (
            ("next_frame", navigation.next_action),
            ("previous_frame", navigation.previous_action),
            ("forward_step", navigation.forward_action),
            ("backward_step", navigation.backward_action),
            ("play_pause", navigation.play_action),
            ("focus_frame", navigation.focus_frame_action),
        ):
            self.keymap.bind(name, action)

    def _bind(self) -> None:
        controller = self.controller
        controller.loaded.connect(self._loaded)
        controller.loadFailed.connect(self._load_failed)
        controller.frameChanged.connect(self._frame_changed)
        controller.imageReady.connect(self._image_ready)
        controller.imageFailed.connect(self._image_failed)
        controller.objectsChanged.connect(self._objects_changed)
        controller.selectionChanged.connect(self._selection_changed)
        controller.message.connect(self._show_problem)
        controller.offlineChanged.connect(lambda _offline: self._update_title())
        self.canvas.selected.connect(lambda drawable: controller.select(controller.key_of_drawable(drawable)))
        self.canvas.cursorMoved.connect(self._cursor_moved)
        self.objects_panel.zoomRequested.connect(self.zoom_to_selection)

    def _attach_saving(self) -> None:
        """Save actions and state, the restore prompt, the unsaved mark, the close prompt and the offline bar
        (annodesk.ui.workspace: save_actions, restore_prompt, close_guard, offline_banner)."""
        self.save_toolbar = self.addToolBar("")
        self.save_toolbar.setObjectName("saveToolBar")  # saveState/restoreState find toolbars by name
        self.save_actions = SaveActions(
            self.controller, self.job_menu, self.save_toolbar, self.statusBar(), self.keymap, self
        )
        self.restore_prompt = RestorePrompt(self.controller, self)
        self.unsaved_mark = UnsavedMark(self.controller, self)
        self.close_guard = CloseGuard(self.controller, self.save_actions, self)
        # a checked-out job: the offline bar over the navigation bar (annodesk.ui.workspace.offline_banner)
        self.offline_banner = OfflineBanner(self.controller, self.save_actions, self.set_message)
        self._central_layout.insertWidget(0, self.offline_banner)

    # -- language ----------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self._update_title()
        titles = {
            "objects": self.tr("Objects"),
            "labels": self.tr("Labels"),
            "tags": self.tr("Tags"),
            "jobInfo": self.tr("Job info"),
            "image": self.tr("Image"),
            "tools": self.tr("Tools"),
            "attributes": self.tr("Attributes"),
        }
        for name, dock in self.docks.items():
            dock.setWindowTitle(titles[name])
        self.save_toolbar.setWindowTitle(self.tr("Save"))
        self.save_actions.retranslate()
        self.view_menu.setTitle(self.tr("&View"))
        self.job_menu.setTitle(self.tr("&Job"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.shortcuts_action.retranslate_ui()
        self.next_object_action.setText(self.tr("Next object (Tab)"))
        self.previous_object_action.setText(self.tr("Previous object (Shift+Tab)"))
        self.zoom_action.setText(self.tr("&Zoom to selection"))
        self.fit_action.setText(self.tr("&Fit the frame"))
        self.actual_size_action.setText(self.tr("&Actual size (1:1)"))
        self.grid_action.setText(self.tr("Pixel &grid"))
        self.original_action.setText(self.tr("&Original quality"))
        self.original_action.setToolTip(self.tr("Frames as uploaded, fetched one by one (slower than the chunks)"))
        self.all_texts_action.setText(self.tr("&Texts of every object"))
        self.attributes_action.setText(self.tr("Attributes in the &texts"))
        self.color_menu.setTitle(self.tr("&Colour by"))
        self.color_actions[COLOR_BY_LABEL].setText(self.tr("&Label"))
        self.color_actions[COLOR_BY_INSTANCE].setText(self.tr("&Instance"))
        self.color_actions[COLOR_BY_GROUP].setText(self.tr("&Group"))
        self.close_action.setText(self.tr("&Close"))
        self.notice.retry_button.setText(self.tr("&Retry"))
        self.canvas.setAccessibleName(self.tr("Frame"))
        if self._problem is not None:
            self.notice.text.setText(problem_text(self._problem))
        self._show_frame_label()
        self._show_cursor()
        self.message_label.setText(live(self._message))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _update_title(self) -> None:
        job, task = self.controller.job, self.controller.task
        if job is None or task is None:
            title = arg(self.tr("Job #%1"), self.controller.job_id)
        else:
            title = arg(self.tr("Job #%1 · %2 · frames %3–%4"), job.id, task.name, job.start_frame, job.stop_frame)
        if self.controller.offline:
            title = arg(self.tr("%1 (offline)"), title)
        self.setWindowTitle(f"[*]{title}")  # Qt shows "*" at [*] while there are unsaved edits (windowModified)

    # -- controller → view -------------------------------------------------------------------------

    def _loaded(self) -> None:
        self._update_title()
        self.set_message("")

    def _load_failed(self, problem: Problem) -> None:
        self._problem = problem
        self.notice.text.setText(problem_text(problem))
        self.notice.retry_button.clicked.disconnect()
        self.notice.retry_button.clicked.connect(self._retry_open)
        self.notice.show()

    def _retry_open(self) -> None:
        self.notice.hide()
        self._problem = None
        self.notice.retry_button.clicked.disconnect()
        self.notice.retry_button.clicked.connect(self.controller.retry)
        self.controller.open()

    def _frame_changed(self, frame: int) -> None:
        if self._problem is not None and self.controller.data is not None:
            self._problem = None
            self.notice.hide()
        self._show_frame_label()

    def _image_ready(self, frame: int, image: QImage) -> None:
        self._problem = None
        self.notice.hide()
        self.canvas.set_frame(image, QSizeF(self.controller.image_size))
        self._objects_changed()

    def _image_failed(self, frame: int, problem: Problem) -> None:
        self._problem = problem
        self.notice.text.setText(problem_text(problem))
        self.notice.show()
        self.notice.raise_()

    def _objects_changed(self) -> None:
        if self.controller.image is None:
            return  # the new frame's objects are drawn with its image, never over the previous frame
        changed = self.controller.changed_keys
        if changed is not None and self.canvas.drawables():
            self.canvas.update_drawables(self._edited_drawables(changed))  # an edit: only its objects redrawn
        else:
            self.canvas.set_drawables(self.controller.drawables())
        self._selection_changed(self.controller.selected)

    def _edited_drawables(self, keys: Iterable[ObjectKey]) -> list[Drawable]:
        updates = []
        for key in keys:
            drawable = self.controller.drawable(key)
            if drawable is None:
                drawable_id = self.controller.drawable_id(key)
                if self.canvas.drawable(drawable_id) is None:
                    continue
                drawable = removed_drawable(drawable_id)
            updates.append(drawable)
        return updates

    def _selection_changed(self, key: ObjectKey | None) -> None:
        self.canvas.set_selected_id(self.controller.drawable_id(key) if key is not None else None)

    def _show_problem(self, problem: Problem) -> None:
        self.set_message(lambda: problem_text(problem))

    def set_message(self, text: LiveText) -> None:
        self._message = text
        self.message_label.setText(live(text))

    def _show_frame_label(self) -> None:
        controller = self.controller
        if controller.data is None:
            self.frame_label.clear()
            return
        self.frame_label.setText(
            arg(self.tr("Frame %1 of %2–%3"), controller.frame, controller.first_frame, controller.last_frame)
        )

    def _cursor_moved(self, x: float, y: float) -> None:
        size = self.canvas.image_size()
        self._cursor = QPointF(x, y) if 0 <= x < size.width() and 0 <= y < size.height() else None
        self._show_cursor()

    def _show_cursor(self) -> None:
        point = self._cursor
        if point is None:
            self.cursor_label.clear()
            return
        self.cursor_label.setText(
            arg(self.tr("x %1, y %2"), format_number(int(point.x())), format_number(int(point.y())))
        )

    def zoom_to_selection(self) -> None:
        self.canvas.zoom_to_selection()

    # -- settings and closing ----------------------------------------------------------------------

    def _restore_settings(self) -> None:
        settings = Settings(self.settings)
        geometry, state = settings.workspace_layout()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1400, 860)
        if state is not None:
            self.restoreState(state)
        self.navigation.fps_box.setValue(settings.workspace_fps)
        self.navigation.step_box.setValue(settings.workspace_step)

    def save_settings(self) -> None:
        settings = Settings(self.settings)
        settings.set_workspace_layout(self.saveGeometry(), self.saveState())
        settings.workspace_fps = self.navigation.fps_box.value()
        settings.workspace_step = self.navigation.step_box.value()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        self.controller.close()
        self.canvas.set_frame(None)  # stops building the frame's zoom levels and lets go of its memory
        super().closeEvent(event)
        self.closed.emit(self.controller.job_id)


class _SpaceTapPlays(QObject):
    """Space on the canvas: a tap plays or pauses (CVAT's key), held with a drag it pans (the canvas's gesture)."""

    def __init__(self, canvas: AnnotationCanvas, toggle: object, parent: QObject) -> None:
        super().__init__(parent)
        self._canvas = canvas
        self._toggle = toggle
        self._panned = False
        canvas.viewChanged.connect(self._view_changed)
        canvas.installEventFilter(self)

    def _view_changed(self) -> None:
        self._panned = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent) or event.key() != Qt.Key.Key_Space or event.modifiers():
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # the canvas gets Space (the window's Space action is for the other widgets)
            return True
        if event.type() == QEvent.Type.KeyPress and not event.isAutoRepeat():
            self._panned = False
        elif event.type() == QEvent.Type.KeyRelease and not event.isAutoRepeat() and not self._panned:
            self._toggle()  # type: ignore[operator]
        return False
