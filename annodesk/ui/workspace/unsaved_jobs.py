"""The unsaved mark in the task view's jobs tree: jobs whose edit journal holds edits not saved to the server.

:class:`UnsavedJobs` reads the journal (:meth:`Journal.pending`, which decodes the job's base: off the GUI thread)
for the jobs of the task shown, and again when a workspace's unsaved state changes, it saves, or it closes. It gets
the task view's details pane (whose jobs model it marks) and the journal, never a window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, SignalInstance

from annodesk.api.models import Task
from annodesk.models.job_tree import JobTreeModel
from annodesk.session.journal import Journal, JournalError
from annodesk.workspace.controller import WorkspaceController
from annodesk.workspace.cross_thread import deliver, prepare

if TYPE_CHECKING:
    from annodesk.ui.task_details import TaskDetails

log = logging.getLogger(__name__)


def jobs_with_unsaved_edits(journal: Journal, job_ids: Iterable[int]) -> set[int]:
    """The jobs among ``job_ids`` whose journal holds unsaved steps (blocking: run it in a worker thread)."""
    found = set()
    for job_id in job_ids:
        try:
            if journal.pending(job_id) is not None:
                found.add(job_id)
        except JournalError:
            log.warning("the edit journal of job %s could not be read", job_id, exc_info=True)
    return found


class UnsavedJobs(QObject):
    """Keeps ``model``'s unsaved marks those of the journal. ``refreshed()`` after each reading."""

    refreshed = Signal()

    def __init__(self, model: JobTreeModel, journal: Callable[[], Journal | None], parent: QObject | None = None):
        super().__init__(parent)
        self.model = model
        self._journal = journal
        self._job_ids: tuple[int, ...] = ()
        self._journaled: set[int] = set()  # as last read from the journal
        self._open: dict[int, bool] = {}  # open workspaces: job → unsaved edits in memory (their own word)
        # one reading thread (not an asyncio task: nothing is left pending when the session's loop ends)
        self._pool: ThreadPoolExecutor | None = ThreadPoolExecutor(1, thread_name_prefix="unsaved-jobs")
        prepare()

    @classmethod
    def attach(cls, details: TaskDetails, journal: Callable[[], Journal | None]) -> UnsavedJobs:
        """Marks for ``details``' jobs tree, read again each time it shows a task."""
        unsaved = cls(details.jobs_model, journal, details)
        details.shown.connect(unsaved.show_task)
        return unsaved

    def show_task(self, task: Task | None) -> None:
        """Mark the jobs of ``task`` (the details pane shows it)."""
        self.show_jobs([job.id for segment in task.segments for job in segment.jobs] if task else [])

    def show_jobs(self, job_ids: Iterable[int]) -> None:
        self._job_ids = tuple(job_ids)
        self.refresh()

    def watch(self, controller: WorkspaceController, closed: SignalInstance, answered: SignalInstance) -> None:
        """Follow an open workspace: its editor's unsaved state (or edits of an earlier session waiting for the restore
        prompt's ``answered``) is its job's mark while it is open (the journal is written behind it); when ``closed``
        fires the journal has the word again."""
        job_id = controller.job_id

        def changed(*_: object) -> None:
            editor = controller.editor
            dirty = editor is not None and editor.is_dirty()
            self._open[job_id] = dirty or controller.pending is not None
            self._apply()

        def loaded() -> None:
            editor = controller.editor
            if editor is not None:
                editor.dirtyChanged.connect(changed)
            changed()

        controller.loaded.connect(loaded)
        controller.restorable.connect(changed)
        answered.connect(changed)

        def gone(*_: object) -> None:
            self._open.pop(job_id, None)
            self.refresh()

        closed.connect(gone)

    def refresh(self) -> None:
        """Read the journal again for the jobs shown (a newer reading replaces a running one)."""
        if self._pool is None:
            return
        journal = self._journal()
        if journal is None or not self._job_ids:
            self._journaled = set()
            self._apply()
            self.refreshed.emit()
            return
        self._pool.submit(self._read, journal, self._job_ids)

    def _read(self, journal: Journal, job_ids: tuple[int, ...]) -> None:
        """On the reading thread."""
        try:
            found = jobs_with_unsaved_edits(journal, job_ids)
        except Exception:  # a bug must not end the reading thread silently
            log.exception("the edit journal could not be read for the jobs tree")
            found = set()
        deliver(self, self._found, job_ids, found)  # not a signal of ours: we may be deleted meanwhile

    def _found(self, job_ids: tuple[int, ...], found: set[int]) -> None:
        if job_ids == self._job_ids:  # the task shown meanwhile is read next
            self._journaled = found
            self._apply()
        self.refreshed.emit()

    def _apply(self) -> None:
        marked = {job for job in self._journaled if job not in self._open}
        marked |= {job for job, dirty in self._open.items() if dirty}
        self.model.set_unsaved_edits(marked)

    def close(self) -> None:
        """No reading any more (the session ends)."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
