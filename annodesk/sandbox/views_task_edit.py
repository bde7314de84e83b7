"""``POST tasks``, ``PATCH``/``PUT tasks/{id}`` and ``DELETE tasks/{id}``, with CVAT v1.1's rules and rights."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from .endpoint import Call
from .http import forbidden, html_server_error, json_response, not_found, read_body
from .permissions import can_change_task, can_create_task, can_delete_task
from .task_bodies import DatabaseRefusal, parse_task
from .transfers import forget_task, invalidate_exports


def _parse(call: Call, body: dict[str, Any], *, partial: bool) -> Any:
    return parse_task(
        body,
        partial=partial,
        user_exists=lambda pk: call.state.accounts.by_id(pk) is not None,
        project_exists=call.state.tasks.project_exists,
    )


async def create_task(call: Call) -> Response:
    """201 with the task and ``Location``; the creator owns it unless ``owner`` says otherwise."""
    if not can_create_task(call.user):
        raise forbidden()
    body = await read_body(call.request)
    task = _parse(call, body, partial=False)
    if not task.values.get("owner"):
        task.values["owner"] = call.user.id
    try:
        task_id = call.state.edits.create(task.values, task.labels or [], call.user.id)
    except DatabaseRefusal:
        return html_server_error()
    created = call.state.tasks.load([task_id], call.api_root)[0]
    return json_response(created, 201, {"Location": created["url"]})


async def change_task(call: Call) -> dict[str, Any] | Response:
    """PATCH (any subset) or PUT (``name`` and ``labels`` required); labels are only ever added or updated."""
    access = call.state.tasks.access(call.int_param("task_id"))
    if access is None:
        raise not_found()
    if not can_change_task(call.user, access):
        raise forbidden()
    body = await read_body(call.request)
    task = _parse(call, body, partial=call.request.method == "PATCH")
    try:
        call.state.edits.update(access.id, task.values, task.labels)
    except DatabaseRefusal:
        return html_server_error()
    invalidate_exports(call.state, access.id)  # labels or name may have changed: cached exports are stale
    return call.state.tasks.load([access.id], call.api_root)[0]


async def delete_task(call: Call) -> Response:
    """204; jobs, annotations, stored media and cached exports go with the task."""
    access = call.state.tasks.access(call.int_param("task_id"))
    if access is None:
        raise not_found()
    if not can_delete_task(call.user, access):
        raise forbidden()
    job_ids = [job.id for job in call.state.tasks.jobs_of(access.id)]
    for data_id in call.state.edits.delete(access.id):
        call.state.media.remove(data_id)
    forget_task(call.state, access.id, job_ids)
    return Response(status_code=204)
