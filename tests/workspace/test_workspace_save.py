"""Saving from the workspace: ``controller.saving`` over the real editor and the sandbox. The server ends with the
editor's document, the editor is clean, the ids map back so that undo and redo after a save keep working (an undone
creation is deleted by the next save, redone it is created again — never an update of a vanished id), and "save and
mark completed" moves the job's status shown by the controller."""

from __future__ import annotations

from pathlib import Path

from annodesk.annotations import Annotations, LabelSet
from annodesk.annotations.identity import find
from annodesk.sandbox import SandboxServer
from annodesk.session.job_save import Saved
from annodesk.workspace.frame_objects import SHAPE

from ..annotations.merge_support import canonical
from ..qt_support import next_emission, wait_for
from .editing import Emissions, opened_job, put_annotations, sample_annotations, server_document


def same_content(a: Annotations, b: Annotations, labels: LabelSet) -> bool:
    """Equal as the server keeps them (normal form: defaults filled, keyframe ids aside), client ids aside."""
    return canonical(a, labels=labels) == canonical(b, labels=labels)


async def test_the_workspace_saves_its_edits_and_keeps_undo_working_after_the_save(
    fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    job = await put_annotations(fresh_sandbox, sample_annotations)
    async with opened_job(fresh_sandbox, tmp_path, job) as opened:
        ws, editor = opened.controller, opened.editor
        saving = ws.saving
        assert saving is not None
        rectangle = next(obj for obj in ws.objects if obj.type == "rectangle" and obj.kind == SHAPE)
        assert editor.move(rectangle.key, 5, 7)
        key = editor.create("polygon", [50, 50, 150, 60, 100, 150], label_id=rectangle.label_id)
        assert key is not None
        statuses = Emissions(ws.statusChanged)
        done = next_emission(saving.statusSaved)
        saving.save(mark_completed=True)
        assert editor.read_only
        job_now = await wait_for(done, 20)
        assert job_now.status == "completed" and statuses.last == "completed"
        assert not editor.read_only and not editor.is_dirty()
        server = await server_document(opened.client, opened.job_id)
        labels = editor.labels
        assert same_content(server, editor.document, labels)
        _, polygon = find(editor.document, ("shapes", key[1]))
        assert polygon.id is not None  # the server id adopted, the client id still the key

        editor.undo()  # the creation undone after the save: the next save deletes it
        assert editor.is_dirty()
        saved = next_emission(saving.saved)
        saving.save()
        outcome = await wait_for(saved, 20)
        assert isinstance(outcome, Saved) and outcome.deleted == 1
        assert same_content(await server_document(opened.client, opened.job_id), editor.document, labels)

        editor.redo()  # and redone: created again (its old id is gone), once
        saved = next_emission(saving.saved)
        saving.save()
        outcome = await wait_for(saved, 20)
        assert isinstance(outcome, Saved) and (outcome.created, outcome.updated) == (1, 0)
        server = await server_document(opened.client, opened.job_id)
        assert same_content(server, editor.document, labels)
        assert sum(1 for s in server.shapes if s.type == "polygon" and s.points[:2] == (50.0, 50.0)) == 1
