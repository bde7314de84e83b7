"""``jobs/{id}``: read, and change status and assignee with DRF's validation messages."""

from __future__ import annotations

from typing import Any

from .endpoint import Call
from .fields import storable
from .http import field_errors, forbidden, not_found, read_body
from .permissions import can_change_job, can_view_job
from .tasks import JOB_STATUSES, JobRow, TaskAccess, job_json


def _job(call: Call) -> tuple[JobRow, TaskAccess]:
    job = call.state.tasks.job(call.int_param("job_id"))
    if job is None:
        raise not_found()
    access = call.state.tasks.access(job.task_id)
    assert access is not None  # a job always has its task
    return job, access


async def get_job(call: Call) -> dict[str, Any]:
    """``GET jobs/{id}``."""
    job, access = _job(call)
    if not can_view_job(call.user, access, job):
        raise forbidden()
    return job_json(call.api_root, job)


async def change_job(call: Call) -> dict[str, Any]:
    """``PATCH``/``PUT jobs/{id}``: ``status`` and ``assignee``; other keys are ignored, as DRF does."""
    job, access = _job(call)
    if not can_change_job(call.user, access, job):
        raise forbidden()
    body = await read_body(call.request)
    changes, errors = validate_job_changes(call, body)
    if errors:
        raise field_errors(errors)
    call.state.tasks.update_job(job.id, changes)
    updated = call.state.tasks.job(job.id)
    assert updated is not None
    return job_json(call.api_root, updated)


def validate_job_changes(call: Call, body: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Column changes and field errors for a job update body."""
    changes: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    if "status" in body:
        status = body["status"]
        if status is None:
            errors["status"] = ["This field may not be null."]
        elif str(status) not in JOB_STATUSES:
            errors["status"] = [f'"{status}" is not a valid choice.']
        else:
            changes["status"] = str(status)
    if "assignee" in body:
        assignee = body["assignee"]
        if assignee in (None, ""):
            changes["assignee_id"] = None
        elif isinstance(assignee, bool) or not isinstance(assignee, int | str):
            errors["assignee"] = [f"Incorrect type. Expected pk value, received {type(assignee).__name__}."]
        else:
            try:
                user_id = int(assignee)
            except ValueError:
                errors["assignee"] = ["Incorrect type. Expected pk value, received str."]
            else:
                if not storable(user_id) or call.state.accounts.by_id(user_id) is None:
                    errors["assignee"] = [f'Invalid pk "{user_id}" - object does not exist.']
                else:
                    changes["assignee_id"] = user_id
    return changes, errors
