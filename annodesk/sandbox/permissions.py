"""CVAT v1.1's rules (``authentication/auth.py``): who may list, view and change tasks and jobs."""

from __future__ import annotations

from .accounts import Account
from .tasks import JobRow, TaskAccess


def sees_every_task(user: Account) -> bool:
    """Admin and observer groups list every task (superuser status alone does not count for lists)."""
    return user.in_group("admin", "observer")


def _privileged(user: Account) -> bool:
    return user.is_superuser or user.in_group("admin")


def _owner(user: Account, task: TaskAccess) -> bool:
    return user.id in (task.owner_id, task.project_owner_id)


def _assignee(user: Account, task: TaskAccess) -> bool:
    return user.id in (task.assignee_id, task.project_assignee_id)


def job_annotator(user: Account, task: TaskAccess, job_assignee: int | None) -> bool:
    """The task has no assignee, or the user is the task's assignee, or the job's."""
    return task.assignee_id is None or _assignee(user, task) or job_assignee == user.id


def task_annotator(user: Account, task: TaskAccess) -> bool:
    """Job annotator of at least one job of the task (never for a task without data)."""
    return any(job_annotator(user, task, assignee) for assignee in task.job_assignees)


def can_view_task(user: Account, task: TaskAccess) -> bool:
    """Task detail, its jobs, status, frames and annotations."""
    return _privileged(user) or user.in_group("observer") or _owner(user, task) or task_annotator(user, task)


def can_view_job(user: Account, task: TaskAccess, job: JobRow) -> bool:
    """``GET jobs/{id}``."""
    return (
        _privileged(user)
        or user.in_group("observer")
        or _owner(user, task)
        or job_annotator(user, task, job.assignee_id)
    )


def can_change_job(user: Account, task: TaskAccess, job: JobRow) -> bool:
    """``PATCH``/``PUT jobs/{id}``: admin, owner, or job annotator (anyone when the task is unassigned)."""
    return _privileged(user) or _owner(user, task) or job_annotator(user, task, job.assignee_id)


def can_create_task(user: Account) -> bool:
    """``POST tasks`` and ``POST tasks/{id}/data`` (a role check only): the admin and user groups."""
    return _privileged(user) or user.in_group("user")


def can_change_task(user: Account, task: TaskAccess) -> bool:
    """``PATCH``/``PUT tasks/{id}``, task annotation writes and imports: admin, owner, assignee."""
    return _privileged(user) or _owner(user, task) or _assignee(user, task)


def can_delete_task(user: Account, task: TaskAccess) -> bool:
    """``DELETE tasks/{id}``: admin or owner."""
    return _privileged(user) or _owner(user, task)
