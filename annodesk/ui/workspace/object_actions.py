"""The object commands: a QAction for every editor method, in the Edit, Draw and Object menus and the canvas's
context menu, each on CVAT v1.1's default key through the key map (so remappable in Help → Keyboard shortcuts).

Commands work on the selected object; merge and group on the objects picked with Ctrl+click (on any frame, for
merge) and the selected one. Undo and redo follow the editor's ``undo_stack`` (its texts, "Undo Move"). Lock and
hide are the controller's (outside the history). Nothing here opens a modal dialog: propagate asks its frame count
in a bar (:class:`PropagateBar`), a refused command is a status-bar message (the editor's ``rejected``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMenuBar
from shiboken6 import isValid

from annodesk.i18n import arg
from annodesk.workspace.controller import WorkspaceController
from annodesk.workspace.frame_objects import TAG, TRACK, FrameObject, ObjectKey

from .drawing_control import DrawingControl
from .keymap import KeyMap
from .propagate_bar import PropagateBar

ORIENTED = ("polygon", "polyline", "cuboid")  # what "switch orientation" applies to (CVAT's object menu)

EDIT_ACTIONS = ("undo", "redo", None, "copy", "paste", None, "delete", "force_delete")
DRAW_ACTIONS = ("draw", "redraw", "shape_or_track", "cancel")
OBJECT_ACTIONS = (
    "propagate",
    "merge",
    "split",
    "group",
    "ungroup",
    None,
    "occluded",
    "lock",
    "lock_all",
    "hide",
    "hide_all",
    None,
    "keyframe",
    "outside",
    "previous_keyframe",
    "next_keyframe",
    None,
    "to_front",
    "to_back",
    "switch_orientation",
)
CONTEXT_ACTIONS = (
    "copy",
    "paste",
    "propagate",
    None,
    "occluded",
    "lock",
    "hide",
    "keyframe",
    "outside",
    "split",
    None,
    "merge",
    "group",
    "ungroup",
    None,
    "to_front",
    "to_back",
    "switch_orientation",
    None,
    "delete",
    "force_delete",
)


class ObjectActions(QObject):
    """Every object command as an action. ``actions[name]`` by key map name (plus ``switch_orientation``)."""

    def __init__(
        self,
        controller: WorkspaceController,
        keymap: KeyMap,
        drawing: DrawingControl,
        propagate_bar: PropagateBar,
        menu_bar: QMenuBar,
    ) -> None:
        super().__init__(menu_bar)
        self.controller = controller
        self.keymap = keymap
        self.drawing = drawing
        self.propagate_bar = propagate_bar
        propagate_bar.confirmed.connect(self._propagate)
        self.actions: dict[str, QAction] = {}
        commands: dict[str, Callable[[], object]] = {
            "undo": self.undo,
            "redo": self.redo,
            "copy": lambda: self._on_selected(lambda editor, key: editor.copy(key)),
            "paste": self.paste,
            "delete": lambda: self._on_selected(lambda editor, key: editor.delete(key)),
            "force_delete": lambda: self._on_selected(lambda editor, key: editor.delete(key, force=True)),
            "cancel": self.cancel,
            "propagate": self.ask_propagate,
            "merge": self.merge,
            "split": self.split,
            "group": lambda: self._on_targets(lambda editor, keys: editor.group(keys)),
            "ungroup": lambda: self._on_targets(lambda editor, keys: editor.ungroup(keys)),
            "occluded": lambda: self._on_selected(lambda editor, key: editor.toggle_occluded(key)),
            "lock": self.toggle_lock,
            "lock_all": self.toggle_lock_all,
            "hide": self.toggle_hide,
            "hide_all": self.toggle_hide_all,
            "keyframe": lambda: self._on_selected(lambda editor, key: editor.toggle_keyframe(key)),
            "outside": lambda: self._on_selected(lambda editor, key: editor.toggle_outside(key)),
            "next_keyframe": lambda: self._go_to_keyframe(forward=True),
            "previous_keyframe": lambda: self._go_to_keyframe(forward=False),
            "to_front": lambda: self._on_selected(lambda editor, key: editor.to_front(key)),
            "to_back": lambda: self._on_selected(lambda editor, key: editor.to_back(key)),
            "switch_orientation": lambda: self._on_selected(lambda editor, key: editor.switch_orientation(key)),
        }
        for name, command in commands.items():
            action = QAction(self)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, command=command: self._run(command))
            if name != "switch_orientation":
                keymap.bind(name, action)
            self.actions[name] = action
        self.actions.update(
            draw=drawing.draw_action, redraw=drawing.redraw_action, shape_or_track=drawing.shape_or_track_action
        )

        self.edit_menu = self._menu(menu_bar, EDIT_ACTIONS)
        self.draw_menu = QMenu(menu_bar)
        for action in drawing.palette.tool_actions.values():
            self.draw_menu.addAction(action)
        self.draw_menu.addSeparator()
        for name in DRAW_ACTIONS:
            self.draw_menu.addAction(self.actions[name])
        self.object_menu = self._menu(menu_bar, OBJECT_ACTIONS)
        self.context_menu = self._menu(drawing.canvas, CONTEXT_ACTIONS)
        self.point_menu = QMenu(drawing.canvas)  # CVAT's canvas-point-context-menu
        self.delete_point_action = self.point_menu.addAction("")
        self.delete_point_action.triggered.connect(lambda: self._on_point(self._delete_point))
        self.start_point_action = self.point_menu.addAction("")
        self.start_point_action.triggered.connect(lambda: self._on_point(self._set_start_point))
        self._point: tuple[int, int] | None = None  # (drawable id, vertex) the point menu is about
        self.menus = (self.edit_menu, self.draw_menu, self.object_menu)

        drawing.editing.menuRequested.connect(self._menu_requested)
        drawing.editing.pointMenuRequested.connect(self._point_menu_requested)
        drawing.picksChanged.connect(self.update_state)
        controller.loaded.connect(self._loaded)
        controller.selectionChanged.connect(lambda _key: self.update_state())
        controller.objectsChanged.connect(self.update_state)
        self.retranslate_ui()
        self.update_state()

    def _menu(self, parent: object, names: tuple[str | None, ...]) -> QMenu:
        menu = QMenu(parent)  # type: ignore[call-overload]
        for name in names:
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(self.actions[name])
        return menu

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:  # sent on by the menu bar to its children
            self.retranslate_ui()
        return super().event(event)

    def retranslate_ui(self) -> None:
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.draw_menu.setTitle(self.tr("&Draw"))
        self.object_menu.setTitle(self.tr("&Object"))
        texts = {
            "copy": self.tr("&Copy"),
            "paste": self.tr("&Paste"),
            "delete": self.tr("&Delete"),
            "force_delete": self.tr("Delete, even &locked"),
            "cancel": self.tr("&Cancel"),
            "propagate": self.tr("&Propagate…"),
            "merge": self.tr("&Merge into a track"),
            "split": self.tr("&Split the track here"),
            "group": self.tr("&Group"),
            "ungroup": self.tr("&Ungroup"),
            "occluded": self.tr("&Occluded"),
            "lock": self.tr("&Lock"),
            "lock_all": self.tr("Lock &all"),
            "hide": self.tr("&Hide"),
            "hide_all": self.tr("Hide a&ll"),
            "keyframe": self.tr("&Keyframe"),
            "outside": self.tr("O&utside"),
            "next_keyframe": self.tr("&Next keyframe"),
            "previous_keyframe": self.tr("P&revious keyframe"),
            "to_front": self.tr("To &front"),
            "to_back": self.tr("To &back"),
            "switch_orientation": self.tr("S&witch orientation"),
        }
        for name, text in texts.items():
            self.actions[name].setText(text)
        self.delete_point_action.setText(self.tr("Delete the point"))
        self.start_point_action.setText(self.tr("Make it the start point"))
        self.actions["merge"].setToolTip(self.tr("Merge the objects picked with Ctrl+click and the selected one"))
        self.actions["group"].setToolTip(self.tr("Group the objects picked with Ctrl+click and the selected one"))
        self._undo_texts()

    # -- state ---------------------------------------------------------------------------------------------------

    def _loaded(self) -> None:
        editor = self.controller.editor
        if editor is None:
            return
        stack = editor.undo_stack
        for signal in (stack.canUndoChanged, stack.canRedoChanged, stack.undoTextChanged, stack.redoTextChanged):
            signal.connect(self._undo_changed)
        editor.edited.connect(lambda _step: self.update_state())
        editor.dirtyChanged.connect(lambda _dirty: self.update_state())
        if self.controller.saving is not None:  # edits are refused while a save runs
            self.controller.saving.runningChanged.connect(lambda _running: self.update_state())
        self.update_state()

    def _undo_changed(self, *_args: object) -> None:
        self._undo_texts()

    def _undo_texts(self) -> None:
        editor = self.controller.editor
        stack = editor.undo_stack if editor is not None and isValid(editor.undo_stack) else None
        undo, redo = self.actions["undo"], self.actions["redo"]
        undo_text = stack.undoText() if stack is not None else ""
        redo_text = stack.redoText() if stack is not None else ""
        undo.setText(arg(self.tr("&Undo %1"), undo_text) if undo_text else self.tr("&Undo"))
        redo.setText(arg(self.tr("&Redo %1"), redo_text) if redo_text else self.tr("&Redo"))
        writable = editor is not None and not editor.read_only
        undo.setEnabled(writable and stack is not None and stack.canUndo())
        redo.setEnabled(writable and stack is not None and stack.canRedo())

    def update_state(self) -> None:
        """Enable what applies to the selection now."""
        editor = self.controller.editor
        obj = self.controller.object(self.controller.selected)
        writable = editor is not None and not editor.read_only
        edits = writable and obj is not None
        drawn = edits and obj is not None and obj.kind != TAG
        track = edits and obj is not None and obj.kind == TRACK
        targets = writable and bool(self.drawing.targets())
        enabled = {
            "copy": edits,
            "paste": writable and editor is not None and editor.can_paste(),
            "delete": edits,
            "force_delete": edits,
            "propagate": drawn,
            "merge": targets,
            "split": track,
            "group": targets,
            "ungroup": targets,
            "occluded": drawn,
            "lock": obj is not None,
            "lock_all": bool(self.controller.objects),
            "hide": obj is not None and obj.kind != TAG,
            "hide_all": bool(self.controller.objects),
            "keyframe": track,
            "outside": track,
            "next_keyframe": obj is not None and obj.kind == TRACK,
            "previous_keyframe": obj is not None and obj.kind == TRACK,
            "to_front": drawn,
            "to_back": drawn,
            "switch_orientation": drawn and obj is not None and obj.type in ORIENTED,
        }
        for name, on in enabled.items():
            self.actions[name].setEnabled(on)
        self.actions["redraw"].setEnabled(drawn)
        self._undo_texts()

    # -- commands ------------------------------------------------------------------------------------------------

    def _run(self, command: Callable[[], object]) -> None:
        command()
        self.update_state()

    def _selected(self) -> FrameObject | None:
        return self.controller.object(self.controller.selected)

    def _on_selected(self, edit: Callable[..., object]) -> object:
        editor, obj = self.controller.editor, self._selected()
        if editor is None or obj is None:
            return None
        return edit(editor, obj.key)

    def _on_targets(self, edit: Callable[..., object]) -> object:
        editor, keys = self.controller.editor, self.drawing.targets()
        if editor is None or not keys:
            return None
        done = edit(editor, keys)
        if done:
            self.drawing.clear_picks()
        return done

    def undo(self) -> None:
        if self.controller.editor is not None:
            self.drawing.drawing.cancel()
            self.controller.editor.undo()

    def redo(self) -> None:
        if self.controller.editor is not None:
            self.drawing.drawing.cancel()
            self.controller.editor.redo()

    def paste(self) -> None:
        editor = self.controller.editor
        key = editor.paste() if editor is not None else None
        if key is not None:
            self.controller.select(key)

    def cancel(self) -> None:
        """Esc: close the propagate bar, else stop the drawing or drop the picks, else unselect."""
        if self.propagate_bar.isVisible():
            self.propagate_bar.hide()
        elif not self.drawing.cancel():
            self.controller.select(None)

    def ask_propagate(self) -> None:
        if self._selected() is not None:
            self.propagate_bar.ask(self.controller.last_frame - self.controller.frame)

    def _propagate(self, frames: int) -> None:
        self._run(lambda: self._on_selected(lambda editor, key: editor.propagate(key, frames)))

    def merge(self) -> None:
        editor, keys = self.controller.editor, self.drawing.targets()
        if editor is None or not keys:
            return
        key = editor.merge_into_track(keys)
        if key is not None:
            self.drawing.clear_picks()
            self.controller.select(key)

    def split(self) -> None:
        made = self._on_selected(lambda editor, key: editor.split_track(key))
        if isinstance(made, tuple) and made:
            self.controller.select(made[-1])  # the part from this frame on

    def _go_to_keyframe(self, forward: bool) -> None:
        editor, obj = self.controller.editor, self._selected()
        if editor is None or obj is None:
            return
        frame = editor.next_keyframe(obj.key) if forward else editor.previous_keyframe(obj.key)
        if frame is not None:
            self.controller.go_to(frame)

    def toggle_lock(self) -> None:
        obj = self._selected()
        if obj is not None:
            self.controller.set_locked(obj.key, obj.key not in self.controller.locked)

    def toggle_hide(self) -> None:
        obj = self._selected()
        if obj is not None:
            self.controller.set_hidden(obj.key, obj.key not in self.controller.hidden)

    def toggle_lock_all(self) -> None:
        keys = [obj.key for obj in self.controller.objects]
        self.controller.set_locked_many(keys, not all(key in self.controller.locked for key in keys))

    def toggle_hide_all(self) -> None:
        keys = [obj.key for obj in self.controller.objects if obj.kind != TAG]
        self.controller.set_hidden_many(keys, not all(key in self.controller.hidden for key in keys))

    def _menu_requested(self, _drawable: object, position: QPoint) -> None:
        self.update_state()
        self.context_menu.popup(position)

    def _point_menu_requested(self, drawable: int, vertex: int, position: QPoint) -> None:
        obj = self.controller.object(self.controller.key_of_drawable(drawable))
        if obj is None:
            return
        self._point = (drawable, vertex)
        self.start_point_action.setEnabled(obj.type == "polygon")  # CVAT offers it on polygons
        self.point_menu.popup(position)

    def _on_point(self, edit: Callable[[ObjectKey, int], object]) -> None:
        point, self._point = self._point, None
        key = self.controller.key_of_drawable(point[0]) if point is not None else None
        if point is not None and key is not None:
            edit(key, point[1])
            self.update_state()

    def _delete_point(self, key: ObjectKey, vertex: int) -> None:
        if self.controller.editor is not None:
            self.controller.editor.delete_vertex(key, vertex)

    def _set_start_point(self, key: ObjectKey, vertex: int) -> None:
        if self.controller.editor is not None:
            self.controller.editor.set_start_point(key, vertex)
