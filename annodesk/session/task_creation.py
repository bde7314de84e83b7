"""Creating one task, step by step: create (no data) → upload its files → follow the server's processing, and
discard (delete) a task the flow created when its upload is cancelled or its files cannot be processed. No Qt.

Each step can fail on its own; :attr:`TaskCreation.step` says what the next attempt does, so a retry repeats only
what failed. The dialog that drives it only shows what happens.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path

from annodesk.api.models import Task
from annodesk.api.task_models import NewLabel, TaskStatus

from .task_writes import DataOptions, NewTaskOptions, TaskWrites


class Step(Enum):
    """Where the creation stands: what the next *Create*/*Retry* does."""

    NEW = "new"  # nothing on the server yet
    CREATED = "created"  # the task exists, its files are not attached
    UPLOADED = "uploaded"  # the files are attached; the server processes them


class TaskCreation:
    """One task's creation through ``writes``; ``task`` is the one created (steps CREATED and UPLOADED)."""

    def __init__(self, writes: TaskWrites) -> None:
        self.writes = writes
        self.task: Task | None = None
        self.step = Step.NEW

    async def create(self, name: str, labels: Sequence[NewLabel], options: NewTaskOptions) -> Task:
        """``POST tasks``; then the files are next."""
        if self.step is not Step.NEW:
            raise RuntimeError(f"create() at step {self.step.value}")
        self.task = await self.writes.create(name, labels, options)
        self.step = Step.CREATED
        return self.task

    async def upload(
        self, files: Sequence[Path], options: DataOptions, progress: Callable[[int, int], None] | None = None
    ) -> None:
        """Send the files (cancel by cancelling the awaiting task); then the processing is next."""
        if self.step is not Step.CREATED or self.task is None:
            raise RuntimeError(f"upload() at step {self.step.value}")
        await self.writes.upload(self.task.id, files, options, progress)
        self.step = Step.UPLOADED

    async def follow(self, on_status: Callable[[TaskStatus], None], interval: float = 1.0) -> Task:
        """Follow the processing until ``Finished``: the task as the server has it; the flow starts over."""
        if self.step is not Step.UPLOADED or self.task is None:
            raise RuntimeError(f"follow() at step {self.step.value}")
        ready = await self.writes.follow_processing(self.task.id, on_status, interval=interval)
        self.forget()
        return ready

    def forget(self) -> Task | None:
        """Start over (the created task, if any, is left to the caller); return that task."""
        task, self.task, self.step = self.task, None, Step.NEW
        return task

    async def discard(self, task: Task | None = None) -> None:
        """Delete ``task`` (default: the one created) on the server; the flow starts over first, so a failure to
        delete leaves a task the user is told to delete from the list."""
        task = task or self.forget()
        self.forget()
        if task is not None:
            await self.writes.discard(task.id)
