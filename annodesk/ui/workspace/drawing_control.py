"""Drawing and editing on the canvas, wired to the job's editor (``controller.editor``).

The palette's tool starts a drawing (the tag tool tags the frame at once); what is drawn becomes one new object with
the picked label and attribute values, as a shape or a track (``JobEditor.create`` / ``create_tag``), and is
selected; the canvas goes back to select / edit, as in CVAT. N repeats the last drawing (and finishes one under way),
Shift+N draws the selected object again (its new points replace the old: one undo step), Esc cancels. A finished
drag or vertex change of the editing tool is one ``set_points``. Ctrl+click picks objects for merge and group (see
:mod:`.tools.picking`). The label picker's choice is remembered per job (``Settings.draw_choice``).

No modal dialog anywhere in the loop: a refused edit is a message in the status bar (the editor's ``rejected``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction

from annodesk.settings import Settings
from annodesk.workspace.controller import WorkspaceController
from annodesk.workspace.drawables import ShapeKind
from annodesk.workspace.frame_objects import ObjectKey

from .canvas import AnnotationCanvas
from .keymap import KeyMap
from .tool_palette import SELECT, TAG, ToolPalette
from .tools.drawing import DrawingTool
from .tools.picking import PickingTool


class DrawingControl(QObject):
    """Turns the palette's tools and the canvas's gestures into edits. ``picksChanged()`` when the picks change."""

    picksChanged = Signal()

    def __init__(
        self,
        controller: WorkspaceController,
        canvas: AnnotationCanvas,
        palette: ToolPalette,
        keymap: KeyMap,
        settings: QSettings,
    ) -> None:
        super().__init__(canvas)
        self.controller = controller
        self.canvas = canvas
        self.palette = palette
        self.settings = settings
        self.keymap = keymap
        self.editing = PickingTool(canvas)
        self.drawing = DrawingTool(canvas, fallback=self.editing)
        canvas.set_tool(self.editing)
        self.picks: list[ObjectKey] = []  # Ctrl+click order, across frames
        self._last_tag = False  # the last "drawing" was a tag: N tags again
        self._redrawing: ObjectKey | None = None  # Shift+N: the object whose points the drawing replaces

        self.draw_action = self._action("draw", self.repeat)
        self.redraw_action = self._action("redraw", self.redraw)
        self.shape_or_track_action = self._action("shape_or_track", palette.toggle_track)

        palette.toolChosen.connect(self.choose)
        palette.label_picker.changed.connect(self._remember)
        self.drawing.drawn.connect(self._drawn)
        self.drawing.cancelled.connect(self._drawing_ended)
        self.editing.edited.connect(self._edited)
        self.editing.picked.connect(self._toggle_pick)
        controller.loaded.connect(self._loaded)
        controller.frameChanged.connect(self._frame_changed)
        controller.objectsChanged.connect(self._show_picks)
        self.retranslate_ui()

    def _action(self, name: str, slot: object) -> QAction:
        action = QAction(self)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        self.keymap.bind(name, action)
        return action

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:  # sent on by the canvas to its children
            self.retranslate_ui()
        return super().event(event)

    def retranslate_ui(self) -> None:
        self.draw_action.setText(self.tr("&Repeat the last drawing"))
        self.redraw_action.setText(self.tr("Draw the selected object &again"))
        self.shape_or_track_action.setText(self.tr("Draw &tracks instead of shapes, or back"))

    # -- tools ---------------------------------------------------------------------------------------------------

    def choose(self, name: str) -> None:
        """The palette's tool ``name``: select, a shape type (start drawing it), or tag (tag the frame now)."""
        self._redrawing = None
        if name == SELECT:
            self.drawing.cancel()
            return
        if name == TAG:
            self._last_tag = True
            self.add_tag()
            return
        self.start(ShapeKind(name))

    def start(self, kind: ShapeKind) -> bool:
        """Begin drawing a ``kind`` with the palette's setup (refused when the job may not be edited)."""
        editor = self.controller.editor
        if editor is None or editor.read_only or self.controller.image is None:
            self.palette.show_tool(SELECT)
            return False
        self._last_tag = False
        self.drawing.start(self.palette.options(kind))
        self.palette.show_tool(kind.value)
        self.canvas.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def repeat(self) -> None:
        """N: finish the drawing under way, else draw again as last time (a tag: tag again)."""
        if self.drawing.is_drawing():
            self.drawing.finish()
            return
        if self._last_tag:
            self.add_tag()
            return
        last = self.drawing.options()
        if last is not None:
            self._redrawing = None
            self.start(last.kind)

    def redraw(self) -> None:
        """Shift+N: draw the selected shape or track again; its new points replace the old ones."""
        key = self.controller.selected
        obj = self.controller.object(key)
        if key is None or obj is None or obj.type not in {kind.value for kind in ShapeKind}:
            return
        if self.start(ShapeKind(obj.type)):
            self._redrawing = key

    def cancel(self) -> bool:
        """Esc: stop the drawing under way, else drop the picks; False if there was nothing to cancel."""
        if self.drawing.is_drawing():
            self.drawing.cancel()
            return True
        if self.picks:
            self.clear_picks()
            return True
        return False

    def add_tag(self) -> None:
        """Tag the current frame with the picked label and values."""
        editor = self.controller.editor
        label_id = self.palette.label_picker.label_id()
        if editor is None or label_id is None:
            return
        key = editor.create_tag(label_id, self.palette.label_picker.attributes())
        if key is not None:
            self.controller.select(key)

    # -- results -------------------------------------------------------------------------------------------------

    def _drawn(self, kind: str, points: Sequence[float]) -> None:
        editor = self.controller.editor
        redrawing, self._redrawing = self._redrawing, None
        self.palette.show_tool(SELECT)
        if editor is None:
            return
        if redrawing is not None:
            if editor.set_points(redrawing, points):
                self.controller.select(redrawing)
            return
        label_id = self.palette.label_picker.label_id()
        if label_id is None:
            return
        key = editor.create(
            kind,
            points,
            label_id=label_id,
            track=self.palette.is_track(),
            attributes=self.palette.label_picker.attributes(),
        )
        if key is not None:
            self.controller.select(key)

    def _drawing_ended(self) -> None:
        self._redrawing = None
        self.palette.show_tool(SELECT)

    def _edited(self, drawable: int, points: Sequence[float]) -> None:
        editor = self.controller.editor
        key = self.controller.key_of_drawable(drawable)
        if editor is None or key is None or not editor.set_points(key, points):
            self._put_back(drawable, key)

    def _put_back(self, drawable: int, key: ObjectKey | None) -> None:
        """A refused gesture: the canvas shows the object where the document still has it."""
        shown, obj = self.canvas.drawable(drawable), self.controller.object(key)
        if shown is not None and obj is not None and shown.points != obj.points:
            self.canvas.update_drawables([replace(shown, points=obj.points)])

    # -- picks (merge, group) ------------------------------------------------------------------------------------

    def _toggle_pick(self, drawable: int) -> None:
        key = self.controller.key_of_drawable(drawable)
        if key is None:
            return
        if key in self.picks:
            self.picks.remove(key)
        else:
            self.picks.append(key)
        self._show_picks()
        self.picksChanged.emit()

    def targets(self) -> list[ObjectKey]:
        """What merge and group work on: the picks, and the selected object after them."""
        keys = list(self.picks)
        selected = self.controller.selected
        if selected is not None and selected not in keys:
            keys.append(selected)
        return keys

    def clear_picks(self) -> None:
        if self.picks:
            self.picks = []
            self._show_picks()
            self.picksChanged.emit()

    def _show_picks(self) -> None:
        ids = frozenset(self.controller.drawable_id(key) for key in self.picks)
        self.editing.set_picked_ids(ids)

    # -- the job -------------------------------------------------------------------------------------------------

    def _loaded(self) -> None:
        editor = self.controller.editor
        if editor is None:
            return
        picker = self.palette.label_picker
        picker.set_labels(editor.labels)
        picker.restore(Settings(self.settings).draw_choice(self._server(), self.controller.job_id))
        editor.rejected.connect(self.controller.message)

    def _remember(self) -> None:
        if self.controller.editor is not None:
            settings = Settings(self.settings)
            settings.set_draw_choice(self._server(), self.controller.job_id, self.palette.label_picker.choice())

    def _server(self) -> str:
        return str(self.controller.repository.client.server_url)

    def _frame_changed(self, _frame: int) -> None:
        self.drawing.cancel()  # a drawing belongs to the frame it was started on
