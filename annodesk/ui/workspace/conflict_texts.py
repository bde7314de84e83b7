"""A conflict of a save in plain, translated words: which object, what each side did, what each choice does."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from annodesk.annotations import (
    BOTH,
    BOTH_CHANGED,
    DELETED_HERE,
    DELETED_THERE,
    KEYFRAME_DELETED,
    LABEL_CHANGED,
    MINE,
    NO_KEYFRAMES,
    THEIRS,
    Conflict,
    LabelSet,
)
from annodesk.i18n import arg, format_number
from annodesk.models.workspace_words import SHAPE_TYPE

from .conflict_preview import conflict_frame


def _side(conflict: Conflict) -> dict[str, Any]:
    return conflict.local or conflict.remote or {}


class ConflictTexts(QObject):
    """The words of the conflict view (``self.tr`` context ``ConflictTexts``); read again after a language switch."""

    def __init__(self, labels: LabelSet, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.labels = labels

    # -- the object ---------------------------------------------------------------------------------

    def object_name(self, conflict: Conflict) -> str:
        """E.g. "rectangle #12 · car · frame 5", "track #3 · car", "tag #4 · weather · frame 0"."""
        item = _side(conflict)
        label = self.labels.name(item["label_id"]) if "label_id" in item else ""
        if conflict.kind == "tracks":
            shapes = item.get("shapes") or [{}]
            shape_type = SHAPE_TYPE.display(shapes[0].get("type", ""))
            return arg(self.tr("%1 track #%2 · %3"), shape_type, conflict.id, label)
        if conflict.kind == "tags":
            return arg(self.tr("Tag #%1 · %2 · frame %3"), conflict.id, label, item.get("frame", ""))
        shape_type = SHAPE_TYPE.display(item.get("type", ""))
        return arg(self.tr("%1 #%2 · %3 · frame %4"), shape_type, conflict.id, label, item.get("frame", ""))

    # -- what happened ------------------------------------------------------------------------------

    def what_happened(self, conflict: Conflict) -> str:
        """One or two sentences: what I did, what the other user did."""
        reason = conflict.reason
        if reason == DELETED_HERE:
            return self.tr("You deleted it; another user changed it meanwhile.")
        if reason == DELETED_THERE:
            return self.tr("You changed it; another user deleted it meanwhile.")
        if reason == NO_KEYFRAMES:
            return self.tr("You and another user each deleted the keyframes the other kept.")
        if reason == KEYFRAME_DELETED:
            if conflict.mine is None:
                return arg(self.tr("You deleted its keyframe on frame %1; another user changed it."), conflict.frame)
            return arg(self.tr("You changed its keyframe on frame %1; another user deleted it."), conflict.frame)
        if reason == LABEL_CHANGED:
            mine, theirs = self.labels.name(conflict.mine), self.labels.name(conflict.theirs)
            if conflict.base not in (conflict.mine, conflict.theirs):
                return arg(self.tr("You and another user gave it different labels: yours %1, theirs %2."), mine, theirs)
            if conflict.mine != conflict.base:
                return arg(
                    self.tr("You changed its label to %1; another user changed its attributes."),
                    mine,
                )
            return arg(
                self.tr("Another user changed its label to %1; you changed its attributes."),
                theirs,
            )
        if reason == BOTH_CHANGED:
            return self._both_changed(conflict)
        return self.tr("You and another user changed it in ways that cannot be combined.")

    def _both_changed(self, conflict: Conflict) -> str:
        field = conflict.field
        at_frame = conflict.kind == "tracks" and conflict.frame is not None
        if field == "points":
            if at_frame:
                return arg(self.tr("On frame %1, you and another user both moved or reshaped it."), conflict.frame)
            return self.tr("You and another user both moved or reshaped it.")
        what = self.field_name(conflict)
        mine, theirs = self.value(conflict, conflict.mine), self.value(conflict, conflict.theirs)
        if at_frame:
            return arg(
                self.tr("On frame %1, you and another user both changed %2: yours %3, theirs %4."),
                conflict.frame,
                what,
                mine,
                theirs,
            )
        return arg(self.tr("You and another user both changed %1: yours %2, theirs %3."), what, mine, theirs)

    def field_name(self, conflict: Conflict) -> str:
        field = conflict.field
        if field == "attributes" and conflict.spec_id is not None:
            spec = self.labels.spec(conflict.spec_id)
            return arg(self.tr("the attribute “%1”"), spec.name if spec is not None else conflict.spec_id)
        names = {
            "occluded": self.tr("occluded"),
            "outside": self.tr("outside"),
            "z_order": self.tr("the z-order"),
            "group": self.tr("the group"),
            "frame": self.tr("the frame"),
            "label_id": self.tr("the label"),
            "type": self.tr("the shape type"),
        }
        return names.get(field or "", field or "")

    def value(self, conflict: Conflict, value: Any) -> str:
        if value is None:
            return self.tr("none")
        if isinstance(value, bool):
            return self.tr("yes") if value else self.tr("no")
        if conflict.field == "label_id" and isinstance(value, int):
            return self.labels.name(value)
        if isinstance(value, int):
            return format_number(value)
        if conflict.field == "attributes" and value == "":
            return self.tr("(empty)")
        return str(value)

    # -- the choices --------------------------------------------------------------------------------

    def choice(self, conflict: Conflict, choice: str | None) -> str:
        """What a choice does for this conflict, as the list shows it."""
        if choice is None:
            return self.tr("Not decided")
        if conflict.reason == DELETED_HERE:
            return self.tr("Delete it") if choice == MINE else self.tr("Keep theirs")
        if conflict.reason == DELETED_THERE:
            return self.tr("Keep mine (added again)") if choice != THEIRS else self.tr("Leave it deleted")
        return {MINE: self.tr("Keep mine"), THEIRS: self.tr("Keep theirs"), BOTH: self.tr("Keep both")}[choice]

    def frame_note(self, conflict: Conflict) -> str:
        frame = conflict_frame(conflict)
        if conflict.kind == "tags":
            return self.tr("A tag has no shape to draw.")
        if frame is None:
            return ""
        return arg(self.tr("Drawn on frame %1."), frame)
