"""Every write to tasks and jobs (create, upload, edit, delete, job status and assignee): each goes to the server,
then (write-through) to the offline cache's copies, so an offline start shows what was saved. No Qt.

The creation flow is three steps the UI drives one by one (each can fail on its own, and only the failed one is
tried again): :meth:`TaskWrites.create` (the task, without data), :meth:`TaskWrites.upload` (its files, with
progress; cancellable), :meth:`TaskWrites.follow_processing` (the server's status until ``Finished``). A task
whose upload was cancelled, or whose files the server could not process, is removed with
:meth:`TaskWrites.discard`, as CVAT's web UI does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from annodesk.api import UNSET
from annodesk.api.models import Job, Task
from annodesk.api.task_models import DataUpload, NewLabel, TaskStatus
from annodesk.api.unset import _Unset

from .repository import Fetched, Repository


@dataclass(frozen=True)
class NewTaskOptions:
    """What the create-task form asks for besides the name and labels (CVAT's "advanced" section)."""

    segment_size: int = 0
    overlap: int | None = None
    bug_tracker: str = ""
    project: int | None = None  # the project the task goes into (its labels stay the task's own: CVAT v1.1)


@dataclass(frozen=True)
class DataOptions:
    """How the server should take the uploaded files (``POST tasks/{id}/data`` fields)."""

    image_quality: int = 70
    start_frame: int | None = None
    stop_frame: int | None = None
    frame_step: int | None = None


class TaskWrites:
    """Task and job writes through one signed-in :class:`Repository` (its client and its offline cache).

    A failed write changes nothing in the cache."""

    def __init__(self, repository: Repository) -> None:
        self.repository = repository
        self.client = repository.client

    async def _remember(self, task: Task) -> None:
        """Write ``task`` to the offline cache on the cache's writer thread (in order with page writes)."""
        await self.repository.on_writer(self.repository.cache.put_task, task)

    async def create(self, name: str, labels: Sequence[NewLabel], options: NewTaskOptions) -> Task:
        """Create the task without data (``POST tasks``). It is cached once its data is processed."""
        return await self.client.create_task(
            name,
            labels,
            segment_size=options.segment_size,
            overlap=options.overlap,
            bug_tracker=options.bug_tracker,
            project=options.project,
        )

    async def upload(
        self,
        task_id: int,
        files: Sequence[Path],
        options: DataOptions,
        progress: Callable[[int, int], None] | None = None,
    ) -> DataUpload:
        """Send the files (``progress(sent, total)`` in bytes). Cancel by cancelling the awaiting task."""
        return await self.client.upload_task_data(
            task_id,
            files,
            image_quality=options.image_quality,
            start_frame=options.start_frame,
            stop_frame=options.stop_frame,
            frame_step=options.frame_step,
            progress=progress,
        )

    async def follow_processing(
        self, task_id: int, on_status: Callable[[TaskStatus], None], interval: float = 1.0
    ) -> Task:
        """Poll the status (every change goes to ``on_status``) until ``Finished``; return the task as the server
        now has it, cached. ``Failed`` raises :class:`~annodesk.api.errors.TaskProcessingFailed`."""
        await self.client.wait_for_task_data(task_id, interval=interval, on_status=on_status)
        task = await self.client.get_task(task_id)
        await self._remember(task)
        return task

    async def discard(self, task_id: int) -> None:
        """Delete a task this flow created (an upload cancelled, or files the server could not process)."""
        await self.client.delete_task(task_id)

    async def update(
        self,
        task_id: int,
        *,
        name: str | _Unset = UNSET,
        assignee: int | _Unset | None = UNSET,
        bug_tracker: str | _Unset = UNSET,
        labels: Sequence[NewLabel] | _Unset = UNSET,
    ) -> Task:
        """Send only the given fields (``labels``: those to add, or existing ones with new attributes); the task as
        saved replaces the cache's copy."""
        task = await self.client.update_task(
            task_id, name=name, assignee=assignee, bug_tracker=bug_tracker, labels=labels
        )
        await self._remember(task)
        return task

    async def update_job(self, job_id: int, *, status: str | None = None, assignee: int | _Unset | None = UNSET) -> Job:
        """Change a job's status and/or assignee (``None`` unassigns); the cached copy of its task shows them."""
        job = await self.client.update_job(job_id, status=status, assignee=assignee)
        await self.repository.on_writer(self.repository.store_job, job.task_id, job)
        return job

    async def task_after_edit(self, task_id: int) -> Fetched[Task]:
        """The task again after a change to it (its status is recomputed by the server); cached pages follow."""
        fetched = await self.repository.task(task_id)
        if fetched.live:
            await self.repository.on_writer(self.repository.replace_in_pages, fetched.value)
        return fetched

    async def delete_task(self, task_id: int) -> None:
        """Delete a task on the server; then its cached copy, preview and rows in cached pages go too."""
        await self.client.delete_task(task_id)
        await self.repository.on_writer(self.repository.forget_task, task_id)
