"""Properties of the editor over random jobs and random sequences of user actions (edits, undo, redo, frame changes):
undoing everything gives the loaded document back, redoing everything the same end document, and the frame objects
read incrementally after each action are the ones a fresh read of the document gives. The editor runs over a
stand-in for the controller (no server: the sequences are many)."""

from __future__ import annotations

from typing import Any

import msgspec
from hypothesis import event, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from annodesk.annotations import Annotations, LabelSet
from annodesk.annotations.identity import KINDS, item_id, items_of
from annodesk.api.models import Label
from annodesk.workspace.editor import JobEditor
from annodesk.workspace.frame_objects import SHAPE, TAG, TRACK, WORKSPACE_KIND, FrameReader, ObjectKey

from ..annotations.strategies import LABELS
from ..annotations.test_edits_properties import documents

LABEL_SET = LabelSet.from_json(LABELS)
API_LABELS = msgspec.convert(LABELS, list[Label])
IMAGE = (640.0, 480.0)
LAST_FRAME = 70
coordinate = st.floats(-100, 800, allow_nan=False)


class Host(QObject):
    """What the editor needs of the controller: a frame, locks, messages, a frame size."""

    message = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.frame = 0
        self.locked: set[ObjectKey] = set()
        self.selected: ObjectKey | None = None
        self.last_frame = LAST_FRAME

    def frame_size(self, frame: int) -> tuple[float, float]:
        return IMAGE

    def top_z_order(self) -> int:
        return 0

    def go_to(self, frame: int, *, force: bool = False) -> None:
        self.frame = frame

    def select(self, key: ObjectKey | None) -> None:
        self.selected = key

    def object(self, key: ObjectKey | None) -> Any:
        return None


def keys(document: Annotations, *kinds: str) -> list[ObjectKey]:
    return [(WORKSPACE_KIND[kind], item_id(item)) for kind in kinds or KINDS for item in items_of(document, kind)]


def act(editor: JobEditor, host: Host, data: st.DataObject) -> None:
    """One random user action on the editor (a refused one changes nothing)."""
    document = editor.document
    every = keys(document)
    geometric = [key for key in every if key[0] != TAG]
    tracks = [key for key in every if key[0] == TRACK]
    choices = ["create", "tag", "frame", "undo", "redo", "undo", "redo"]
    choices += ["move", "points", "vertex", "occluded", "z", "paste", "propagate", "merge", "flip"] if geometric else []
    choices += ["label", "attribute", "group", "delete"] if every else []
    choices += ["keyframe", "outside", "split"] if tracks else []
    name = data.draw(st.sampled_from(choices), label="action")
    if name == "create":
        shape_type, count = data.draw(
            st.sampled_from([("rectangle", 2), ("polygon", 4), ("polyline", 3), ("points", 2)])
        )
        points = data.draw(st.lists(coordinate, min_size=2 * count, max_size=2 * count))
        editor.create(shape_type, points, label_id=data.draw(st.sampled_from([7, 8])), track=data.draw(st.booleans()))
    elif name == "tag":
        editor.create_tag(7)
    elif name == "frame":
        host.go_to(data.draw(st.integers(0, 60)))
    elif name == "undo":
        editor.undo()
    elif name == "redo":
        editor.redo()
    elif name in ("label", "attribute", "group", "delete"):
        key = data.draw(st.sampled_from(every))
        if name == "label":
            editor.change_label(key, data.draw(st.sampled_from([7, 8])))
        elif name == "attribute":
            editor.set_attribute(key, *data.draw(st.sampled_from([(11, "suv"), (12, "true"), (13, "150")])))
        elif name == "group":
            picked = data.draw(st.lists(st.sampled_from(every), min_size=1, max_size=3, unique=True))
            (editor.group if data.draw(st.booleans()) else editor.ungroup)(picked)
        else:
            editor.delete(key, force=data.draw(st.booleans()))
    elif name in ("keyframe", "outside", "split"):
        key = data.draw(st.sampled_from(tracks))
        {"keyframe": editor.toggle_keyframe, "outside": editor.toggle_outside, "split": editor.split_track}[name](key)
    else:
        key = data.draw(st.sampled_from(geometric))
        if name == "move":
            editor.move(key, data.draw(coordinate), data.draw(coordinate))
        elif name == "points":
            count = data.draw(st.integers(2, 4))
            editor.set_points(key, data.draw(st.lists(coordinate, min_size=2 * count, max_size=2 * count)))
        elif name == "vertex":
            editor.delete_vertex(key, data.draw(st.integers(0, 3)))
        elif name == "occluded":
            editor.toggle_occluded(key)
        elif name == "z":
            (editor.to_front if data.draw(st.booleans()) else editor.to_back)(key)
        elif name == "paste":
            if editor.copy(key):
                editor.paste()
        elif name == "propagate":
            editor.propagate(key, data.draw(st.integers(1, 4)))
        elif name == "flip":
            editor.switch_orientation(key) if data.draw(st.booleans()) else editor.set_start_point(key, 1)
        else:
            editor.merge_into_track(
                data.draw(st.lists(st.sampled_from(geometric), min_size=1, max_size=3, unique=True))
            )


@settings(deadline=None)
@given(documents, st.data())
def test_random_actions_undo_to_the_loaded_document_redo_to_the_end_and_frames_read_incrementally(
    qapp: QApplication, document: Annotations, data: st.DataObject
) -> None:
    host = Host()
    editor = JobEditor(host, document, LABEL_SET, job_id=1)  # type: ignore[arg-type]
    loaded = editor.document
    reader = FrameReader(loaded, API_LABELS)
    other = data.draw(st.integers(0, 60), label="another frame read")
    reader.objects_at(other)
    editor.edited.connect(lambda _step: reader.update(editor.document))
    for _ in range(data.draw(st.integers(1, 14), label="actions")):
        act(editor, host, data)
        event(f"steps on the stack: {min(editor.undo_stack.count(), 5)}")
        fresh = FrameReader(editor.document, API_LABELS)
        for frame in (other, host.frame):  # the current frame read last, as the controller does
            assert reader.objects_at(frame) == fresh.objects_at(frame), f"frame {frame} read incrementally"
        assert editor.is_dirty() == (editor.document != loaded)
    while editor.undo_stack.canRedo():
        editor.redo()
    end = editor.document
    while editor.undo_stack.canUndo():
        editor.undo()
    assert editor.document == loaded and not editor.is_dirty()
    assert reader.objects_at(host.frame) == FrameReader(loaded, API_LABELS).objects_at(host.frame)
    while editor.undo_stack.canRedo():
        editor.redo()
    assert editor.document == end
    assert {obj.key for obj in reader.objects_at(host.frame)} == {
        obj.key for obj in FrameReader(end, API_LABELS).objects_at(host.frame)
    }
    assert all(obj.kind in (SHAPE, TRACK, TAG) for obj in reader.objects_at(host.frame))
