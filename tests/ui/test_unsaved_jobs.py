"""The unsaved mark of the jobs tree: jobs whose edit journal (a real one on disk) holds unsaved steps are marked,
read off the GUI thread; a save (``mark_saved``) or a discard takes the mark away on the next reading."""

from __future__ import annotations

from pathlib import Path

import qasync
from PySide6.QtCore import Qt

from annodesk.annotations import Annotations, Shape
from annodesk.annotations import edits as e
from annodesk.annotations.history import EditStep
from annodesk.annotations.identity import SHAPES
from annodesk.api.models import JobRef, Segment
from annodesk.models.job_editing import EditableJobTreeModel
from annodesk.models.job_tree import UNSAVED_EDITS_ROLE
from annodesk.session.journal import Journal
from annodesk.ui.workspace.unsaved_jobs import UnsavedJobs, jobs_with_unsaved_edits

from .conftest import next_emission, wait_for

SERVER = "http://127.0.0.1:8080"


def loaded() -> Annotations:
    return Annotations(version=3, shapes=(Shape("rectangle", 0, 7, (0.0, 0.0, 10.0, 10.0), id=1),))


def edit(journal: Journal, job: int) -> Annotations:
    """The job begun from ``loaded()``, then one move journaled."""
    document = loaded()
    journal.begin(job, 3, document)
    moved = e.move(document, (SHAPES, 1), 0, 5, 0, image=None)
    journal.append(job, EditStep("Move", 0, document, moved))
    return moved


def segments(*job_ids: int) -> tuple[Segment, ...]:
    return tuple(
        Segment(start_frame=10 * i, stop_frame=10 * i + 9, jobs=(JobRef(id=job_id, status="annotation"),))
        for i, job_id in enumerate(job_ids)
    )


def shown_text(model: EditableJobTreeModel, job_id: int) -> tuple[str, bool, str | None]:
    index = model.job_index(job_id, 0)
    return index.data(), index.data(UNSAVED_EDITS_ROLE), index.data(Qt.ItemDataRole.ToolTipRole)


def test_jobs_with_journaled_steps_are_found(tmp_path: Path) -> None:
    journal = Journal(tmp_path, SERVER)
    edit(journal, 4)
    journal.begin(5, 3, loaded())  # begun, nothing edited
    assert jobs_with_unsaved_edits(journal, [4, 5, 6]) == {4}
    journal.close()


def test_the_jobs_tree_marks_unsaved_jobs_and_unmarks_saved_ones(loop: qasync.QEventLoop, tmp_path: Path) -> None:
    async def body() -> None:
        journal = Journal(tmp_path, SERVER)
        moved = edit(journal, 4)
        edit(journal, 6)
        model = EditableJobTreeModel()
        model.set_segments(segments(4, 5, 6))
        unsaved = UnsavedJobs(model, lambda: journal)
        refreshed = next_emission(unsaved.refreshed)
        unsaved.show_jobs([4, 5, 6])
        await wait_for(refreshed)
        assert shown_text(model, 4)[:2] == ("Job #4 • unsaved edits", True)
        assert "not saved to the server" in (shown_text(model, 4)[2] or "")
        assert shown_text(model, 5) == ("Job #5", False, None)
        assert shown_text(model, 6)[1] is True

        journal.mark_saved(4, 4, moved)  # job 4 saved
        journal.discard(6)  # job 6's edits discarded
        refreshed = next_emission(unsaved.refreshed)
        unsaved.refresh()
        await wait_for(refreshed)
        assert [shown_text(model, job)[1] for job in (4, 5, 6)] == [False, False, False]
        unsaved.close()
        journal.close()

    loop.run_until_complete(body())
