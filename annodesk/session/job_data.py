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


@dataclass(frozen=True)
class JobMedia:
    """A job, its task and the task's media meta: enough to start fetching frames."""

    job: Job
    task: Task
    meta: DataMeta


async def load_job_media(repository: Repository, job_id: int, task_id: int | None = None) -> JobMedia:
    """Read job ``job_id``, its task and the task's media meta — all at once when ``task_id`` is known (a job opened
    from its task's tree or from *My jobs*), else the job first (its ``task_id`` says which task)."""
    client = repository.client
    if task_id is None:
        job = await client.get_job(job_id)
        fetched, meta = await asyncio.gather(repository.task(job.task_id), client.task_data_meta(job.task_id))
    else:
        job, fetched, meta = await asyncio.gather(
            client.get_job(job_id), repository.task(task_id), client.task_data_meta(task_id)
        )
    return JobMedia(job, fetched.value, meta)


async def load_job(repository: Repository, job_id: int, task_id: int | None = None) -> JobData:
    """Read job ``job_id``, its task, its task's media meta and the job's annotations (in parallel)."""
    media, annotations = await asyncio.gather(
        load_job_media(repository, job_id, task_id), repository.client.get_job_annotations(job_id)
    )
    return JobData(media.job, media.task, media.meta, annotations)


async def change_job_status(repository: Repository, job_id: int, status: str) -> Job:
    """Send only the job's ``status`` through the one write API (``PATCH jobs/{id}``): an assignee someone else
    set meanwhile stays as it is."""
    return await TaskWrites(repository).update_job(job_id, status=status)
