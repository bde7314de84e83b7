"""What the annotation workspace reads to open one job: the job, its task, the media meta and its labeled data.

No Qt. The job comes first when its task is not known (its ``task_id`` says which task to read); the rest is
fetched in parallel. The task goes through the repository (so it is cached for offline use like the task view's).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from annodesk.api.annotation_models import Annotations
from annodesk.api.models import DataMeta, Job, Task

from .repository import Repository
from .task_writes import TaskWrites


@dataclass(frozen=True)
class JobData:
    """One job and everything needed to show it."""

    job: Job
    task: Task
    meta: DataMeta
    annotations: Annotations


async def load_job(repository: Repository, job_id: int) -> JobData:
    """Read job ``job_id``, its task, its task's media meta and the job's annotations."""
    client = repository.client
    job = await client.get_job(job_id)
    fetched, meta, annotations = await asyncio.gather(
        repository.task(job.task_id), client.task_data_meta(job.task_id), client.get_job_annotations(job_id)
    )
    return JobData(job, fetched.value, meta, annotations)


async def change_job_status(repository: Repository, job_id: int, status: str) -> Job:
    """Send only the job's ``status`` through the one write API (``PATCH jobs/{id}``): an assignee someone else
    set meanwhile stays as it is."""
    return await TaskWrites(repository).update_job(job_id, status=status)
