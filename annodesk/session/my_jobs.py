"""Every job assigned to one user, across all the tasks they can see (CVAT v1.1 has no jobs list). No Qt.

The task list (``GET tasks``) nests each task's segments and their jobs with the job's assignee, so one pass
over every visible task page finds the user's jobs: no request per task or per job.
"""

from __future__ import annotations

from dataclasses import dataclass

from annodesk.api import CvatClient
from annodesk.api.models import Task

MY_JOBS_PAGE_SIZE = 500  # the client's bulk page size: a few requests even for thousands of tasks


@dataclass(frozen=True)
class AssignedJob:
    """One job of ``user``: where it is (task, frames) and its status."""

    job_id: int
    task_id: int
    task_name: str
    status: str
    start_frame: int
    stop_frame: int

    @property
    def frame_count(self) -> int:
        return self.stop_frame - self.start_frame + 1


def assigned_jobs(tasks: list[Task] | tuple[Task, ...], user_id: int) -> list[AssignedJob]:
    """The jobs of ``tasks`` whose assignee is ``user_id``, newest task first, then by job id."""
    found = [
        AssignedJob(job.id, task.id, task.name, job.status, segment.start_frame, segment.stop_frame)
        for task in tasks
        for segment in task.segments
        for job in segment.jobs
        if job.assignee_id == user_id
    ]
    return sorted(found, key=lambda job: (-job.task_id, job.job_id))


async def my_jobs(client: CvatClient, user_id: int) -> list[AssignedJob]:
    """Every job assigned to ``user_id`` among the tasks the signed-in user may list."""
    tasks = [task async for task in client.iter_all_tasks(MY_JOBS_PAGE_SIZE)]
    return assigned_jobs(tasks, user_id)
