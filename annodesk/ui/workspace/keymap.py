"""The workspace's keyboard shortcuts: CVAT v1.1's default map as named actions, remappable, saved in settings.

Defaults follow ``cvat-ui/src/reducers/shortcuts-reducer.ts@v1.1.0`` (shared/cvat-annotation-view.md §3.6). CVAT's
"hold T and press L" chords become the two-key sequences ``T, L``; "Shift+B and =" become ``Shift+B, =``. Actions
CVAT gives no key (zoom to fit, shape or track) start with none and can be given one.

Space is the canvas's own key: held, a left drag pans; tapped, the canvas emits ``spaceTapped``, which the workspace
connects to ``play_pause`` (so the play action's Space never steals the pan).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence

from annodesk.i18n import QT_TRANSLATE_NOOP
from annodesk.settings import Settings

CONTEXT = "KeyMap"


@dataclass(frozen=True)
class ShortcutAction:
    """One thing a key can do: ``name`` is stable (settings, code), ``description`` and ``group`` are translated
    through ``translated(CONTEXT, …)`` when shown."""

    name: str
    defaults: tuple[str, ...]  # QKeySequence portable texts
    description: str
    group: str


NAVIGATION = QT_TRANSLATE_NOOP("KeyMap", "Navigation")
DRAWING = QT_TRANSLATE_NOOP("KeyMap", "Drawing")
OBJECTS = QT_TRANSLATE_NOOP("KeyMap", "Objects")
EDITING = QT_TRANSLATE_NOOP("KeyMap", "Editing")
VIEW = QT_TRANSLATE_NOOP("KeyMap", "View")
GENERAL = QT_TRANSLATE_NOOP("KeyMap", "General")


def _action(name: str, defaults: tuple[str, ...], description: str, group: str) -> ShortcutAction:
    return ShortcutAction(name, defaults, description, group)


ACTIONS: tuple[ShortcutAction, ...] = (
    _action("next_frame", ("F",), QT_TRANSLATE_NOOP("KeyMap", "Go to the next frame"), NAVIGATION),
    _action("previous_frame", ("D",), QT_TRANSLATE_NOOP("KeyMap", "Go to the previous frame"), NAVIGATION),
    _action("forward_step", ("V",), QT_TRANSLATE_NOOP("KeyMap", "Go forward by the frame step"), NAVIGATION),
    _action("backward_step", ("C",), QT_TRANSLATE_NOOP("KeyMap", "Go back by the frame step"), NAVIGATION),
    _action("play_pause", ("Space",), QT_TRANSLATE_NOOP("KeyMap", "Play or pause"), NAVIGATION),
    _action("next_keyframe", ("R",), QT_TRANSLATE_NOOP("KeyMap", "Go to the next keyframe"), NAVIGATION),
    _action("previous_keyframe", ("E",), QT_TRANSLATE_NOOP("KeyMap", "Go to the previous keyframe"), NAVIGATION),
    _action(
        "next_match", ("Right",), QT_TRANSLATE_NOOP("KeyMap", "Go to the next frame matching the filter"), NAVIGATION
    ),
    _action(
        "previous_match",
        ("Left",),
        QT_TRANSLATE_NOOP("KeyMap", "Go to the previous frame matching the filter"),
        NAVIGATION,
    ),
    _action("focus_frame", ("`",), QT_TRANSLATE_NOOP("KeyMap", "Focus the frame number"), NAVIGATION),
    _action("draw", ("N",), QT_TRANSLATE_NOOP("KeyMap", "Repeat the last drawing (finish while drawing)"), DRAWING),
    _action("redraw", ("Shift+N",), QT_TRANSLATE_NOOP("KeyMap", "Draw the selected object again"), DRAWING),
    _action("shape_or_track", (), QT_TRANSLATE_NOOP("KeyMap", "Switch drawing between shape and track"), DRAWING),
    _action("cancel", ("Esc",), QT_TRANSLATE_NOOP("KeyMap", "Cancel the current mode"), DRAWING),
    _action("delete", ("Del",), QT_TRANSLATE_NOOP("KeyMap", "Delete the selected object"), OBJECTS),
    _action(
        "force_delete", ("Shift+Del",), QT_TRANSLATE_NOOP("KeyMap", "Delete the selected object, even locked"), OBJECTS
    ),
    _action("copy", ("Ctrl+C",), QT_TRANSLATE_NOOP("KeyMap", "Copy the selected object"), OBJECTS),
    _action("paste", ("Ctrl+V",), QT_TRANSLATE_NOOP("KeyMap", "Paste"), OBJECTS),
    _action("propagate", ("Ctrl+B",), QT_TRANSLATE_NOOP("KeyMap", "Propagate the selected object"), OBJECTS),
    _action("merge", ("M",), QT_TRANSLATE_NOOP("KeyMap", "Merge shapes and tracks into a track"), OBJECTS),
    _action("split", ("Alt+M",), QT_TRANSLATE_NOOP("KeyMap", "Split a track"), OBJECTS),
    _action("group", ("G",), QT_TRANSLATE_NOOP("KeyMap", "Group objects"), OBJECTS),
    _action(
        "ungroup", ("Shift+G",), QT_TRANSLATE_NOOP("KeyMap", "Remove the selected objects from their group"), OBJECTS
    ),
    _action("lock", ("L",), QT_TRANSLATE_NOOP("KeyMap", "Lock or unlock the selected object"), OBJECTS),
    _action("lock_all", ("T, L",), QT_TRANSLATE_NOOP("KeyMap", "Lock or unlock all objects"), OBJECTS),
    _action("hide", ("H",), QT_TRANSLATE_NOOP("KeyMap", "Hide or show the selected object"), OBJECTS),
    _action("hide_all", ("T, H",), QT_TRANSLATE_NOOP("KeyMap", "Hide or show all objects"), OBJECTS),
    _action("occluded", ("Q", "/"), QT_TRANSLATE_NOOP("KeyMap", "Mark the selected object occluded or not"), OBJECTS),
    _action("keyframe", ("K",), QT_TRANSLATE_NOOP("KeyMap", "Make or unmake a keyframe"), OBJECTS),
    _action("outside", ("O",), QT_TRANSLATE_NOOP("KeyMap", "Mark the track outside or inside"), OBJECTS),
    _action("to_front", ("+", "="), QT_TRANSLATE_NOOP("KeyMap", "Bring the selected object to the front"), OBJECTS),
    _action("to_back", ("-", "_"), QT_TRANSLATE_NOOP("KeyMap", "Send the selected object to the back"), OBJECTS),
    _action(
        "next_color", ("Return",), QT_TRANSLATE_NOOP("KeyMap", "Give the selected object the next colour"), OBJECTS
    ),
    _action("undo", ("Ctrl+Z",), QT_TRANSLATE_NOOP("KeyMap", "Undo"), EDITING),
    _action("redo", ("Ctrl+Shift+Z", "Ctrl+Y"), QT_TRANSLATE_NOOP("KeyMap", "Redo"), EDITING),
    _action("save", ("Ctrl+S",), QT_TRANSLATE_NOOP("KeyMap", "Save the job"), EDITING),
    _action("fit", (), QT_TRANSLATE_NOOP("KeyMap", "Fit the frame in the view"), VIEW),
    _action("rotate_clockwise", ("Ctrl+R",), QT_TRANSLATE_NOOP("KeyMap", "Rotate the view clockwise"), VIEW),
    _action(
        "rotate_anticlockwise", ("Ctrl+Shift+R",), QT_TRANSLATE_NOOP("KeyMap", "Rotate the view anticlockwise"), VIEW
    ),
    _action("brightness_up", ("Shift+B, =",), QT_TRANSLATE_NOOP("KeyMap", "Increase the brightness"), VIEW),
    _action("brightness_down", ("Shift+B, -",), QT_TRANSLATE_NOOP("KeyMap", "Decrease the brightness"), VIEW),
    _action("contrast_up", ("Shift+C, =",), QT_TRANSLATE_NOOP("KeyMap", "Increase the contrast"), VIEW),
    _action("contrast_down", ("Shift+C, -",), QT_TRANSLATE_NOOP("KeyMap", "Decrease the contrast"), VIEW),
    _action("saturation_up", ("Shift+S, =",), QT_TRANSLATE_NOOP("KeyMap", "Increase the saturation"), VIEW),
    _action("saturation_down", ("Shift+S, -",), QT_TRANSLATE_NOOP("KeyMap", "Decrease the saturation"), VIEW),
    _action("shortcuts", ("F1",), QT_TRANSLATE_NOOP("KeyMap", "Show the keyboard shortcuts"), GENERAL),
    _action("settings", ("F2",), QT_TRANSLATE_NOOP("KeyMap", "Open the settings"), GENERAL),
)
BY_NAME = {action.name: action for action in ACTIONS}


def default_sequences(name: str) -> tuple[QKeySequence, ...]:
    """CVAT's keys for the action ``name``."""
    return tuple(QKeySequence(text, QKeySequence.SequenceFormat.PortableText) for text in BY_NAME[name].defaults)


def sequences_from_text(text: str) -> tuple[QKeySequence, ...]:
    """Portable text ("Ctrl+Y; Ctrl+Shift+Z") → sequences; "" is none."""
    return tuple(
        s for s in QKeySequence.listFromString(text, QKeySequence.SequenceFormat.PortableText) if not s.isEmpty()
    )


def sequences_to_text(sequences: tuple[QKeySequence, ...]) -> str:
    return QKeySequence.listToString(list(sequences), QKeySequence.SequenceFormat.PortableText)


def clash(a: QKeySequence, b: QKeySequence) -> bool:
    """The same keys, or one the start of the other (Qt could never reach the longer one)."""
    if a.isEmpty() or b.isEmpty():
        return False
    shorter, longer = (a, b) if a.count() <= b.count() else (b, a)
    return shorter.matches(longer) != QKeySequence.SequenceMatch.NoMatch


class ShortcutSettings:
    """The remapped shortcuts as key sequences, over the typed settings (``shortcuts/<action>`` = portable text;
    only what differs from CVAT's defaults is stored)."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = Settings(settings)

    def load(self) -> dict[str, tuple[QKeySequence, ...]]:
        stored = self._settings.shortcuts()
        return {name: sequences_from_text(text) for name, text in stored.items() if name in BY_NAME}

    def store(self, name: str, sequences: tuple[QKeySequence, ...] | None) -> None:
        """Save ``name``'s keys; None: back to the default (nothing stored)."""
        self._settings.set_shortcut(name, None if sequences is None else sequences_to_text(sequences))
        self._settings.sync()


class KeyMap(QObject):
    """The current keys of every action; remaps are checked for conflicts, saved, and pushed to bound QActions."""

    changed = Signal(str)  # action name

    def __init__(self, settings: ShortcutSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._keys = {action.name: default_sequences(action.name) for action in ACTIONS}
        if settings is not None:
            self._keys.update(settings.load())
        self._bound: dict[str, list[QAction]] = {}

    def actions(self) -> tuple[ShortcutAction, ...]:
        return ACTIONS

    def sequences(self, name: str) -> tuple[QKeySequence, ...]:
        return self._keys[name]

    def is_default(self, name: str) -> bool:
        return self._keys[name] == default_sequences(name)

    def action_for(self, sequence: QKeySequence) -> str | None:
        """The action that ``sequence`` triggers now, if any."""
        for name, keys in self._keys.items():
            if any(key == sequence for key in keys):
                return name
        return None

    def conflicts(self, name: str, sequences: tuple[QKeySequence, ...]) -> list[str]:
        """Other actions whose keys clash with ``sequences``."""
        return [
            other
            for other, keys in self._keys.items()
            if other != name and any(clash(mine, theirs) for mine in sequences for theirs in keys)
        ]

    def assign(self, name: str, sequences: tuple[QKeySequence, ...]) -> list[str]:
        """Give ``name`` these keys (none: no shortcut). Refused, and the clashing actions returned, on a conflict."""
        sequences = tuple(s for s in sequences if not s.isEmpty())
        clashing = self.conflicts(name, sequences)
        if clashing:
            return clashing
        for i, first in enumerate(sequences):
            if any(clash(first, second) for second in sequences[i + 1 :]):
                return [name]
        self._set(name, sequences)
        return []

    def reset(self, name: str) -> list[str]:
        """Back to CVAT's default keys for ``name`` (refused like ``assign`` if another action took them)."""
        return self.assign(name, default_sequences(name))

    def reset_all(self) -> None:
        for action in ACTIONS:
            self._set(action.name, default_sequences(action.name))

    def _set(self, name: str, sequences: tuple[QKeySequence, ...]) -> None:
        self._keys[name] = sequences
        if self._settings is not None:
            self._settings.store(name, None if self.is_default(name) else sequences)
        for action in self._bound.get(name, []):
            action.setShortcuts(list(sequences))
        self.changed.emit(name)

    def bind(self, name: str, action: QAction) -> None:
        """Keep ``action``'s shortcuts those of ``name`` (remaps included)."""
        self._bound.setdefault(name, []).append(action)
        action.setShortcuts(list(self._keys[name]))
