"""The editor after a save (``mark_saved``, the SaveTarget side) against the sandbox over real HTTP: ids given by the
save are adopted (keys unchanged), undoing a create after a save deletes the created row, undoing a delete after a
save creates the object again (never an update of a vanished id), and other users' changes merged in by a save
survive an undo."""

from __future__ import annotations

from pathlib import Path

import msgspec

from annodesk.annotations import Annotations as Document
from annodesk.annotations import changes, merge
from annodesk.api import Annotations
from annodesk.sandbox import SandboxServer
from annodesk.workspace.frame_objects import SHAPE

from .editing import Emissions, label, opened_job, put_annotations, sample_annotations, save_through, server_document


def shape_points(document: Document) -> set[tuple[float, ...]]:
    return {shape.points for shape in document.shapes}


async def test_undo_of_a_create_after_a_save_deletes_the_row_it_made(
    fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    job = await put_annotations(fresh_sandbox, sample_annotations)
    async with opened_job(fresh_sandbox, tmp_path, job) as opened:
        ws, editor = opened.controller, opened.editor
        key = editor.create("polygon", [300, 300, 400, 320, 350, 420], label_id=label(opened.task, "car"))
        assert key is not None and ws.object(key).server_id is None  # type: ignore[union-attr]
        dirty = Emissions(editor.dirtyChanged)
        server = await save_through(opened)
        made = next(shape for shape in server.shapes if shape.points == (300, 300, 400, 320, 350, 420))
        assert not editor.is_dirty() and dirty.seen == [(False,)] and editor.version == server.version
        assert ws.object(key).server_id == made.id  # the same key, now with its server id  # type: ignore[union-attr]
        assert ws.key_of_drawable(ws.drawable_id(key)) == key
        editor.undo()
        assert ws.object(key) is None and editor.is_dirty()
        requests = changes(editor.saved.to_json(), editor.document.to_json(), editor.labels)
        assert [action for action, _ in requests.nonempty()] == ["delete"]
        assert [shape["id"] for shape in requests.delete["shapes"]] == [made.id]
        after = await save_through(opened)
        assert all(shape.id != made.id for shape in after.shapes)
        editor.redo()  # and again: created anew (the row it had is gone)
        requests = changes(editor.saved.to_json(), editor.document.to_json(), editor.labels)
        assert [action for action, _ in requests.nonempty()] == ["create"]
        again = await save_through(opened)
        assert sum(1 for shape in again.shapes if shape.points == (300, 300, 400, 320, 350, 420)) == 1


async def test_undo_of_a_delete_after_a_save_creates_the_object_again(
    fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    job = await put_annotations(fresh_sandbox, sample_annotations)
    async with opened_job(fresh_sandbox, tmp_path, job) as opened:
        ws, editor = opened.controller, opened.editor
        rectangle = next(obj for obj in ws.objects if obj.kind == SHAPE and obj.type == "rectangle")
        assert editor.delete(rectangle.key)
        server = await save_through(opened)
        assert all(shape.id != rectangle.server_id for shape in server.shapes)
        editor.undo()
        back = [obj for obj in ws.objects if obj.kind == SHAPE and obj.type == "rectangle"]
        assert len(back) == 1 and back[0].server_id is None and back[0].points == rectangle.points
        requests = changes(editor.saved.to_json(), editor.document.to_json(), editor.labels)
        assert [action for action, _ in requests.nonempty()] == ["create"]  # no update of the vanished id
        after = await save_through(opened)
        revived = [shape for shape in after.shapes if shape.type == "rectangle"]
        assert len(revived) == 1 and revived[0].id != rectangle.server_id and revived[0].points == rectangle.points
        assert not editor.is_dirty()


async def test_changes_of_another_user_merged_in_by_a_save_survive_an_undo(
    fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    job = await put_annotations(fresh_sandbox, sample_annotations)
    async with opened_job(fresh_sandbox, tmp_path, job) as opened:
        ws, editor = opened.controller, opened.editor
        rectangle = next(obj for obj in ws.objects if obj.kind == SHAPE and obj.type == "rectangle")
        polyline = next(obj for obj in ws.objects if obj.kind == SHAPE and obj.type == "polyline")
        assert editor.move(rectangle.key, 20, 0)
        # another user moves the polyline meanwhile
        theirs = await server_document(opened.client, opened.job_id)
        line = next(shape for shape in theirs.shapes if shape.id == polyline.server_id).to_json()
        line["points"] = [410.0, 60.0, 510.0, 90.0, 610.0, 50.0]
        await opened.client.patch_job_annotations(
            opened.job_id,
            "update",
            msgspec.convert({"version": 0, "tags": [], "shapes": [line], "tracks": []}, Annotations),
        )
        # a save merges them (the merge engine, as the saver does) and tells the editor
        remote = await server_document(opened.client, opened.job_id)
        result = merge(editor.saved.to_json(), editor.document.to_json(), remote.to_json(), editor.labels)
        assert not result.conflicts
        for action, body in result.requests.nonempty():
            await opened.client.patch_job_annotations(opened.job_id, action, msgspec.convert(body, Annotations))
        saved = await server_document(opened.client, opened.job_id)
        editor.mark_saved(saved, saved.version)
        assert ws.object(polyline.key).points == (410, 60, 510, 90, 610, 50)  # type: ignore[union-attr]
        assert ws.object(rectangle.key).points == (30, 10, 130, 60)  # type: ignore[union-attr]
        editor.undo()  # my move goes; their move stays
        assert ws.object(rectangle.key).points == rectangle.points  # type: ignore[union-attr]
        assert ws.object(polyline.key).points == (410, 60, 510, 90, 610, 50)  # type: ignore[union-attr]
        requests = changes(editor.saved.to_json(), editor.document.to_json(), editor.labels)
        assert [(action, len(body["shapes"])) for action, body in requests.nonempty()] == [("update", 1)]
        editor.redo()
        assert ws.object(rectangle.key).points == (30, 10, 130, 60)  # type: ignore[union-attr]
        assert not editor.is_dirty()
