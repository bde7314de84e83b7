"""The workspace's editor against the sandbox over real HTTP: each edit is one undo step on the controller's frame
that does what :mod:`annodesk.annotations.edits` says, undo and redo restore the document and show the step's frame,
the undo limit, the dirty flag, refusals (locked, a save running, too small) and the frame's objects following."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from annodesk.annotations import Annotations as Document
from annodesk.annotations import edits as e
from annodesk.annotations.identity import SHAPES, TRACKS, find
from annodesk.sandbox import SandboxServer
from annodesk.workspace.editor import UNDO_LIMIT, JobEditor
from annodesk.workspace.frame_objects import SHAPE, TAG, TRACK, ObjectKey, domain_key

from .editing import SIZE, Emissions, Opened, label, opened_job, put_annotations, sample_annotations, spec

IMAGE = (float(SIZE[0]), float(SIZE[1]))


def keys_on_frame(opened: Opened) -> dict[str, ObjectKey]:
    """The sample's objects on frame 0 by name: rectangle, polygon, polyline, tag, track."""
    objects = opened.controller.objects
    by_type = {(obj.kind, obj.type): obj.key for obj in objects}
    return {
        "rectangle": by_type[(SHAPE, "rectangle")],
        "polygon": by_type[(SHAPE, "polygon")],
        "polyline": by_type[(SHAPE, "polyline")],
        "tag": by_type[(TAG, "tag")],
        "track": by_type[(TRACK, "rectangle")],
    }


def one_step(editor: JobEditor, act: Callable[[], Any], expected: Callable[[Document], Document]) -> Any:
    """``act`` is one undo step that turns the document into ``expected(before)``; undo gives ``before`` back,
    redo the edit again."""
    before, steps = editor.document, editor.undo_stack.count()
    result = act()
    assert result not in (None, False, ()), "the edit was refused"
    assert editor.undo_stack.count() == steps + 1
    after = editor.document
    assert after == expected(before)
    editor.undo()
    assert editor.document == before
    editor.redo()
    assert editor.document == after
    return result


async def test_every_edit_is_one_undo_step_that_does_what_the_edits_say(
    fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    job = await put_annotations(fresh_sandbox, sample_annotations)
    async with opened_job(fresh_sandbox, tmp_path, job) as opened:
        ws, editor, task = opened.controller, opened.editor, opened.task
        labels = editor.labels
        car, person = label(task, "car"), label(task, "pedestrian")
        plate = spec(task, "car", "plate")
        k = keys_on_frame(opened)
        d = {name: domain_key(key) for name, key in k.items()}
        top = ws.top_z_order()
        assert top == 1  # the rectangle's

        new = one_step(
            editor,
            lambda: editor.create("polygon", [50, 50, 150, 60, 100, 150], label_id=car),
            lambda doc: e.create_shape(
                doc, labels, shape_type="polygon", frame=0, label_id=car, points=[50, 50, 150, 60, 100, 150],
                image=IMAGE, z_order=top,
            ).annotations,
        )  # fmt: skip
        assert new[0] == SHAPE and ws.object(new) is not None and ws.object(new).server_id is None  # type: ignore[union-attr]
        new_track = one_step(
            editor,
            lambda: editor.create("rectangle", [500, 400, 700, 500], label_id=car, track=True, attributes={plate: "Z"}),
            lambda doc: e.create_track(
                doc, labels, shape_type="rectangle", frame=0, label_id=car, points=[500, 400, 700, 500], image=IMAGE,
                z_order=top, attributes={plate: "Z"},
            ).annotations,
        )  # fmt: skip
        assert new_track[0] == TRACK and ws.object(new_track).points == (500, 400, 640, 480)  # type: ignore[union-attr]
        assert editor.attribute_values(new_track)[plate] == "Z"
        one_step(
            editor,
            lambda: editor.create_tag(person),
            lambda doc: e.create_tag(doc, labels, frame=0, label_id=person).annotations,
        )
        rect, poly, line = d["rectangle"], d["polygon"], d["polyline"]
        one_step(
            editor,
            lambda: editor.set_points(k["rectangle"], [20, 20, 90, 70]),
            lambda doc: e.set_points(doc, rect, 0, [20, 20, 90, 70], image=IMAGE),
        )
        one_step(editor, lambda: editor.move(k["polygon"], 5, -5), lambda doc: e.move(doc, poly, 0, 5, -5, image=IMAGE))
        one_step(
            editor,
            lambda: editor.delete_vertex(k["polygon"], 1),
            lambda doc: e.delete_vertex(doc, poly, 0, 1, image=IMAGE),
        )
        one_step(
            editor,
            lambda: editor.change_label(k["rectangle"], person),
            lambda doc: e.change_label(doc, labels, rect, person),
        )
        one_step(
            editor, lambda: editor.change_label(k["rectangle"], car), lambda doc: e.change_label(doc, labels, rect, car)
        )
        one_step(
            editor,
            lambda: editor.set_attribute(k["rectangle"], plate, "AB 1"),
            lambda doc: e.set_attribute(doc, labels, rect, 0, plate, "AB 1"),
        )
        assert editor.attribute_values(k["rectangle"])[plate] == "AB 1"
        one_step(
            editor, lambda: editor.set_occluded(k["rectangle"], True), lambda doc: e.set_occluded(doc, rect, 0, True)
        )
        one_step(
            editor, lambda: editor.toggle_occluded(k["rectangle"]), lambda doc: e.set_occluded(doc, rect, 0, False)
        )
        one_step(editor, lambda: editor.to_front(k["polygon"]), lambda doc: e.to_front(doc, poly, 0))
        one_step(editor, lambda: editor.to_back(k["rectangle"]), lambda doc: e.to_back(doc, rect, 0))
        one_step(editor, lambda: editor.group([k["rectangle"], k["polygon"]]), lambda doc: e.group(doc, [rect, poly]))
        one_step(editor, lambda: editor.ungroup([k["rectangle"]]), lambda doc: e.ungroup(doc, [rect]))
        assert not editor.can_paste()
        steps = editor.undo_stack.count()
        assert editor.copy(k["rectangle"]) and editor.can_paste() and editor.undo_stack.count() == steps
        clipboard = editor.clipboard
        assert clipboard is not None
        one_step(editor, editor.paste, lambda doc: e.paste(doc, labels, clipboard, 0, image=IMAGE).annotations)
        one_step(
            editor,
            lambda: editor.propagate(k["rectangle"], 3),
            lambda doc: e.propagate(doc, labels, rect, 0, 3, stop_frame=ws.last_frame).annotations,
        )
        one_step(
            editor, lambda: editor.switch_orientation(k["polyline"]), lambda doc: e.switch_orientation(doc, line, 0)
        )
        one_step(
            editor, lambda: editor.set_start_point(k["polygon"], 2), lambda doc: e.set_start_point(doc, poly, 0, 2)
        )
        one_step(editor, lambda: editor.delete(k["polyline"]), lambda doc: e.delete(doc, [line]))
        assert ws.object(k["polyline"]) is None

        # the track between its keyframes (frame 5)
        ws.go_to(5)
        track, dk = k["track"], d["track"]
        assert editor.next_keyframe(track) == 10 and editor.previous_keyframe(track) == 0
        assert editor.next_keyframe(k["rectangle"]) is None  # a shape: no keyframes, no edit
        one_step(editor, lambda: editor.toggle_keyframe(track), lambda doc: e.toggle_keyframe(doc, dk, 5))
        one_step(editor, lambda: editor.toggle_outside(track), lambda doc: e.toggle_outside(doc, dk, 5))
        one_step(
            editor,
            lambda: editor.set_attribute(track, plate, "C 3"),
            lambda doc: e.set_attribute(doc, labels, dk, 5, plate, "C 3"),
        )
        parts = one_step(
            editor, lambda: editor.split_track(track), lambda doc: e.split_track(doc, labels, dk, 5).annotations
        )
        assert len(parts) == 2 and all(part[0] == TRACK and isinstance(part[1], str) for part in parts)
        # two polygons of one label on frames 0 and 3 merged into one track
        polygon_3 = next(
            (SHAPE, shape.id) for shape in editor.document.shapes if shape.frame == 3 and shape.type == "polygon"
        )
        merged = one_step(
            editor,
            lambda: editor.merge_into_track([k["polygon"], polygon_3]),
            lambda doc: e.merge_into_track(doc, labels, [poly, domain_key(polygon_3)]).annotations,
        )
        assert merged[0] == TRACK
        assert len(find(editor.document, domain_key(merged))[1].shapes) == 4  # type: ignore[union-attr]


async def test_undo_and_redo_show_the_steps_frame_and_select_its_object(
    fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    job = await put_annotations(fresh_sandbox, sample_annotations)
    async with opened_job(fresh_sandbox, tmp_path, job) as opened:
        ws, editor = opened.controller, opened.editor
        ws.go_to(3)
        polygon_3 = next(obj.key for obj in ws.objects if obj.type == "polygon" and obj.kind == SHAPE)
        assert editor.move(polygon_3, 10, 0)
        ws.go_to(0)
        ws.select(None)
        changed = Emissions(ws.objectsChanged)
        editor.undo()
        assert ws.frame == 3 and ws.selected == polygon_3 and len(changed) >= 1
        assert ws.object(polygon_3).points[0] == 20  # type: ignore[union-attr]
        ws.go_to(7)
        editor.redo()
        assert ws.frame == 3 and ws.selected == polygon_3
        assert ws.object(polygon_3).points[0] == 30  # type: ignore[union-attr]
        # a new object: undo of its creation selects nothing (it is gone); redo selects it again
        created = editor.create("rectangle", [100, 100, 200, 200], label_id=ws.object(polygon_3).label_id)  # type: ignore[union-attr]
        assert created is not None
        editor.undo()
        assert ws.selected is None and ws.object(created) is None
        editor.redo()
        assert ws.selected == created and ws.object(created) is not None
        # nothing to undo past the start, nothing to redo past the end
        while editor.undo_stack.canUndo():
            editor.undo()
        editor.undo()
        assert editor.document == editor.saved
        while editor.undo_stack.canRedo():
            editor.redo()
        editor.redo()
        assert editor.undo_stack.index() == editor.undo_stack.count() == 2


async def test_the_undo_stack_keeps_its_limit_of_steps(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    job = await put_annotations(fresh_sandbox, sample_annotations)
    async with opened_job(fresh_sandbox, tmp_path, job) as opened:
        ws, editor = opened.controller, opened.editor
        assert UNDO_LIMIT >= 128 and editor.undo_stack.undoLimit() == UNDO_LIMIT
        rectangle = keys_on_frame(opened)["rectangle"]
        for step in range(UNDO_LIMIT + 20):
            assert editor.move(rectangle, 1 if step % 2 == 0 else -1, 1 if step % 3 else 0)
        assert editor.undo_stack.count() == UNDO_LIMIT
        moved = ws.object(rectangle).points  # type: ignore[union-attr]
        while editor.undo_stack.canUndo():
            editor.undo()
        # the 20 oldest steps are gone: undoing everything kept goes back to after them, not to the loaded copy
        down = sum(1 for step in range(20) if step % 3)
        assert ws.object(rectangle).points == (10, 10 + down, 110, 60 + down)  # type: ignore[union-attr]
        assert moved != ws.object(rectangle).points  # type: ignore[union-attr]
        assert editor.is_dirty()


async def test_dirty_follows_the_content_not_the_undo_index(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    job = await put_annotations(fresh_sandbox, sample_annotations)
    async with opened_job(fresh_sandbox, tmp_path, job) as opened:
        editor = opened.editor
        rectangle = keys_on_frame(opened)["rectangle"]
        dirty = Emissions(editor.dirtyChanged)
        assert not editor.is_dirty()
        editor.move(rectangle, 5, 0)
        assert editor.is_dirty() and [args for args in dirty.seen] == [(True,)]
        editor.move(rectangle, -5, 0)  # back where it was: two steps, nothing changed
        assert not editor.is_dirty() and dirty.seen[-1] == (False,) and editor.undo_stack.count() == 2
        editor.undo()
        assert editor.is_dirty() and dirty.seen[-1] == (True,)
        editor.undo()
        assert not editor.is_dirty() and len(dirty) == 4
        steps = editor.undo_stack.count()
        editor.to_back(keys_on_frame(opened)["polyline"])  # already the lowest: no change, no step, not dirty
        assert editor.undo_stack.count() == steps and not editor.is_dirty()


async def test_locked_objects_refuse_edits_and_a_plain_delete(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    job = await put_annotations(fresh_sandbox, sample_annotations)
    async with opened_job(fresh_sandbox, tmp_path, job) as opened:
        ws, editor = opened.controller, opened.editor
        k = keys_on_frame(opened)
        rejected = Emissions(editor.rejected)
        ws.set_locked(k["rectangle"], True)
        ws.set_hidden(k["polygon"], True)
        assert editor.undo_stack.count() == 0  # lock and hide are not edits
        before = editor.document
        assert not editor.move(k["rectangle"], 3, 3)
        assert not editor.set_attribute(k["rectangle"], spec(opened.task, "car", "plate"), "X")
        assert not editor.group([k["polygon"], k["rectangle"]])
        assert not editor.delete(k["rectangle"])
        assert editor.document is before and editor.undo_stack.count() == 0
        assert len(rejected) == 4 and "locked" in rejected.last.text()
        assert editor.move(k["polygon"], 3, 3)  # hidden is not locked
        assert editor.delete(k["rectangle"], force=True)
        assert ws.object(k["rectangle"]) is None
        editor.undo()
        assert ws.object(k["rectangle"]) is not None and k["rectangle"] in ws.locked


async def test_edits_are_refused_while_a_save_runs(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    job = await put_annotations(fresh_sandbox, sample_annotations)
    async with opened_job(fresh_sandbox, tmp_path, job) as opened:
        editor = opened.editor
        k = keys_on_frame(opened)
        assert editor.move(k["rectangle"], 1, 1)
        rejected = Emissions(editor.rejected)
        editor.read_only = True
        before = editor.document
        assert not editor.move(k["rectangle"], 1, 1)
        assert editor.create("rectangle", [0, 0, 50, 50], label_id=label(opened.task, "car")) is None
        editor.undo()
        assert editor.document is before and editor.undo_stack.index() == 1
        assert len(rejected) == 3 and "save is running" in rejected.last.text()
        editor.read_only = False
        editor.undo()
        assert editor.document == editor.saved


async def test_refused_edits_say_why(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    job = await put_annotations(fresh_sandbox, sample_annotations)
    async with opened_job(fresh_sandbox, tmp_path, job) as opened:
        editor, task = opened.editor, opened.task
        k = keys_on_frame(opened)
        rejected = Emissions(editor.rejected)
        assert editor.create("rectangle", [1, 1, 2, 2], label_id=label(task, "car")) is None
        assert "too small" in rejected.last.text()
        assert editor.create("polygon", [10, 10, 50, 50], label_id=label(task, "car")) is None
        assert "points" in rejected.last.text()
        assert not editor.toggle_keyframe(k["rectangle"])
        assert "Only tracks" in rejected.last.text()
        assert not editor.set_attribute(k["rectangle"], spec(task, "car", "speed"), "900")
        assert "not allowed" in rejected.last.text()
        assert not editor.delete_vertex(k["rectangle"], 0)
        assert editor.merge_into_track([k["rectangle"], k["polygon"]]) is None
        assert len(rejected) == 6 and editor.undo_stack.count() == 0


async def test_the_frame_objects_follow_the_editor_and_keep_their_keys(
    fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    job = await put_annotations(fresh_sandbox, sample_annotations)
    async with opened_job(fresh_sandbox, tmp_path, job) as opened:
        ws, editor = opened.controller, opened.editor
        k = keys_on_frame(opened)
        assert all(isinstance(key[1], int) for key in k.values())
        seen: list[frozenset[ObjectKey] | None] = []
        ws.objectsChanged.connect(lambda: seen.append(ws.changed_keys))
        assert editor.move(k["rectangle"], 5, 7)
        assert seen[-1] == {k["rectangle"]} and ws.changed_keys is None
        assert ws.object(k["rectangle"]).points == (15, 17, 115, 67)  # type: ignore[union-attr]
        car = label(opened.task, "car")
        assert ws.label_counts()[car] == 3  # the rectangle, the polyline, the track
        new = editor.create("polygon", [50, 50, 150, 60, 100, 150], label_id=car)
        assert new is not None and seen[-1] == {new}
        assert ws.label_counts()[car] == 4
        drawable = ws.drawable_id(new)
        assert ws.key_of_drawable(drawable) == new and any(d.id == drawable for d in ws.drawables())
        assert ws.drawables()[-1].id == drawable  # on top: the frame's highest z-order
        assert editor.delete(new)
        assert ws.object(new) is None and seen[-1] == {new}
        editor.undo()
        assert ws.object(new) is not None and ws.drawable_id(new) == drawable  # the same id for the window's life
        # another frame, and back: what the editor holds is what the frame shows
        ws.go_to(3)
        ws.go_to(0)
        assert ws.object(k["rectangle"]).points == (15, 17, 115, 67)  # type: ignore[union-attr]
        assert {obj.key for obj in ws.objects} >= {new, *k.values()}
        shapes = {find(editor.document, (SHAPES, key[1]))[1].points for key in (k["rectangle"],)}
        assert shapes == {(15, 17, 115, 67)}
        assert find(editor.document, (TRACKS, k["track"][1]))[1].id == k["track"][1]
