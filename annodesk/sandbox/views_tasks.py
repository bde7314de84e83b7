"""``tasks`` (list), ``tasks/{id}`` and its jobs (reads; writes live in ``views_task_edit``)."""

from __future__ import annotations

import re
from typing import Any

from .endpoint import Call
from .fields import storable
from .http import field_errors, forbidden, not_found
from .pagination import page_body, paginate
from .permissions import can_view_task, sees_every_task
from .tasks import ORDERING_COLUMNS, TEXT_FILTERS, TaskAccess, TaskQuery, job_json

SEARCH_SPLIT = re.compile(r"[\s,]+")


def task_query(call: Call) -> TaskQuery:
    """The list request's search, filters and ordering, validated as django-filter and DRF do."""
    params = call.request.query_params
    terms = tuple(term for term in SEARCH_SPLIT.split(params.get("search", "")) if term)
    filters = tuple((name, params[name]) for name in TEXT_FILTERS if params.get(name))
    task_id = project_id = None
    if params.get("id"):
        try:
            task_id = int(params["id"])
        except ValueError:
            raise field_errors({"id": ["Enter a number."]}) from None
        if not storable(task_id):
            task_id = -1  # a number, but no task's: nothing matches
    if params.get("project_id"):
        try:
            project_id = int(params["project_id"])
        except ValueError:
            project_id = -1
        if not storable(project_id):
            project_id = -1
        if not call.state.tasks.project_exists(project_id):
            raise field_errors(
                {"project_id": ["Select a valid choice. That choice is not one of the available choices."]}
            )
    ordering = tuple(
        key
        for key in (part.strip() for part in params.get("ordering", "").split(","))
        if key.lstrip("-") in ORDERING_COLUMNS
    )
    viewer = None if sees_every_task(call.user) else call.user.id
    return TaskQuery(viewer, terms, filters, task_id, project_id, ordering)


async def list_tasks(call: Call) -> dict[str, Any]:
    """``GET tasks``."""
    ids = call.state.tasks.list_ids(task_query(call))
    shown, page = paginate(call.request, ids)
    return page_body(call.state.tasks.load(shown, call.api_root), page)


def visible_task(call: Call) -> TaskAccess:
    """The task in the path, if the user may view it (404 when missing, 403 when forbidden)."""
    access = call.state.tasks.access(call.int_param("task_id"))
    if access is None:
        raise not_found()
    if not can_view_task(call.user, access):
        raise forbidden()
    return access


async def get_task(call: Call) -> dict[str, Any]:
    """``GET tasks/{id}``."""
    access = visible_task(call)
    return call.state.tasks.load([access.id], call.api_root)[0]


async def task_jobs(call: Call) -> list[dict[str, Any]]:
    """``GET tasks/{id}/jobs``: a plain list."""
    access = visible_task(call)
    return [job_json(call.api_root, job) for job in call.state.tasks.jobs_of(access.id)]
