"""The workspace's editor against the sandbox over real HTTP: each edit is one undo step on the controller's frame,
undo and redo restore the document and show the step's frame, refusals say why, the frame's objects follow."""

from __future__ import annotations

from pathlib import Path

from annodesk.annotations import edits as e
from annodesk.annotations.identity import SHAPES, find
from annodesk.sandbox import SandboxServer
from annodesk.workspace.frame_objects import SHAPE, TAG, TRACK

from .editing import Emissions, opened_job, put_annotations, sample_annotations


async def test_a_loaded_job_has_an_editor_whose_frame_objects_follow_its_edits(
    fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    job = await put_annotations(fresh_sandbox, sample_annotations)
    async with opened_job(fresh_sandbox, tmp_path, job) as opened:
        ws, editor = opened.controller, opened.editor
        assert not editor.is_dirty() and editor.undo_stack.count() == 0
        rectangle = next(obj for obj in ws.objects if obj.type == "rectangle" and obj.kind == SHAPE)
        assert isinstance(rectangle.key[1], int) and rectangle.server_id == rectangle.key[1]
        assert {obj.kind for obj in ws.objects} == {SHAPE, TRACK, TAG}
        # a move: one step, the document and the frame's objects changed, dirty
        assert editor.move(rectangle.key, 5, 7)
        assert editor.undo_stack.count() == 1 and editor.is_dirty()
        moved = ws.object(rectangle.key)
        assert moved is not None and moved.points == (15, 17, 115, 67)
        expected = e.move(editor.saved, (SHAPES, rectangle.key[1]), 0, 5, 7, image=(640, 480))
        assert editor.document == expected
        # a new shape: a client id, no server id, drawn with a drawable id of its own
        key = editor.create("polygon", [50, 50, 150, 60, 100, 150], label_id=rectangle.label_id)
        assert key is not None and isinstance(key[1], str) and key[0] == SHAPE
        made = ws.object(key)
        assert made is not None and made.server_id is None
        assert ws.key_of_drawable(ws.drawable_id(key)) == key
        assert any(d.id == ws.drawable_id(key) for d in ws.drawables())
        # undo both: the loaded document again, not dirty
        editor.undo()
        assert ws.object(key) is None
        editor.undo()
        assert editor.document == editor.saved and not editor.is_dirty()
        assert find(editor.document, (SHAPES, rectangle.key[1]))[1].points == (10, 10, 110, 60)
        editor.redo()
        assert ws.object(rectangle.key).points == (15, 17, 115, 67)  # type: ignore[union-attr]
        # a shape too small is refused and says so
        rejected = Emissions(editor.rejected)
        assert editor.create("rectangle", [1, 1, 2, 2], label_id=rectangle.label_id) is None
        assert len(rejected) == 1 and "small" in rejected.last.text()
