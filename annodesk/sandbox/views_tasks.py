"""``tasks`` (list), ``tasks/{id}``, its jobs, status, media and media meta."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from starlette.responses import Response

from . import images
from .endpoint import Call, route
from .http import ApiError, field_errors, forbidden, html_server_error, not_found
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
    if params.get("project_id"):
        try:
            project_id = int(params["project_id"])
        except ValueError:
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


async def task_status(call: Call) -> dict[str, str]:
    """``GET tasks/{id}/status``: sandbox data is processed at once, so always Finished."""
    visible_task(call)
    return {"state": "Finished", "message": ""}


async def data_meta(call: Call) -> Response | dict[str, Any]:
    """``GET tasks/{id}/data/meta``: no permission check; a missing task or one without data is a 500."""
    task_id = call.int_param("task_id")
    media = call.state.tasks.media(task_id)
    if media is None:
        return html_server_error()
    if media["chunk_type"] == "video":
        frames = [{"width": media["width"], "height": media["height"], "name": "video/harbour.mp4"}]
    else:
        frames = [
            {"width": media["width"], "height": media["height"], "name": media["name_pattern"].format(number)}
            for number in range(media["size"])
        ]
    return {
        "chunk_size": media["chunk_size"],
        "size": media["size"],
        "image_quality": media["image_quality"],
        "start_frame": media["start_frame"],
        "stop_frame": media["stop_frame"],
        "frame_filter": media["frame_filter"],
        "frames": frames,
    }


async def task_data(call: Call) -> Response:
    """``GET tasks/{id}/data?type=preview|frame|chunk``, with CVAT's bare-string errors."""
    params = call.request.query_params
    data_type, number, quality = params.get("type"), params.get("number"), params.get("quality", "compressed")
    if data_type not in ("chunk", "frame", "preview"):
        raise ApiError(400, "data type not specified or has wrong value")
    if data_type in ("chunk", "frame"):
        if not number:
            raise ApiError(400, "number not specified")
        if quality not in ("compressed", "original"):
            raise ApiError(400, "wrong quality value")
    failure = f"cannot get requested data type: {data_type}, number: {number}, quality: {quality}\n"
    try:
        access = call.state.tasks.access(call.int_param("task_id"))
    except ApiError:
        access = None
    if access is None:
        raise ApiError(400, failure + "Task matching query does not exist.")
    if not can_view_task(call.user, access):
        raise ApiError(403, "You do not have permission to perform this action.")
    media = call.state.tasks.media(access.id)
    if media is None:
        raise ApiError(400, failure + "'NoneType' object has no attribute 'get_preview_path'")
    if data_type == "preview":
        return Response(images.preview(access.id, media["width"], media["height"]), media_type="image/jpeg")
    try:
        index = int(str(number))
    except ValueError:
        raise ApiError(400, failure + f"invalid literal for int() with base 10: '{number}'") from None
    if data_type == "frame":
        return _frame(access.id, media, index, str(quality), failure)
    return _chunk(access.id, media, index, str(quality), failure)


def _frame(task_id: int, media: Any, index: int, quality: str, failure: str) -> Response:
    if not 0 <= index < media["size"]:
        raise ApiError(400, failure + f"Incorrect requested frame number: {index}")
    video = media["chunk_type"] == "video"
    fmt = "JPEG" if quality == "compressed" or not video else "PNG"
    body = images.frame(task_id, index, media["width"], media["height"], media["image_quality"], fmt)
    # CVAT v1.1-v1.3 send image frames with a broken Content-Type (a Python tuple's text): copied on purpose.
    mime = "image/jpeg" if fmt == "JPEG" else "image/png"
    return Response(body, headers={"content-type": f"('{mime}', None)"})


def _chunk(task_id: int, media: Any, index: int, quality: str, failure: str) -> Response:
    size, chunk_size = media["size"], media["chunk_size"]
    first = index * chunk_size
    if index < 0 or first >= size:
        raise ApiError(400, failure + f"[Errno 2] No such file or directory: '{index}.zip'")
    if media["chunk_type"] == "video":
        raise ApiError(400, failure + "The sandbox does not encode video chunks; request frames instead.")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for offset, frame in enumerate(range(first, min(size, first + chunk_size))):
            body = images.frame(task_id, frame, media["width"], media["height"], media["image_quality"], "JPEG")
            archive.writestr(f"{offset:06d}.jpeg" if quality == "compressed" else f"{offset:06d}.jpg", body)
    return Response(buffer.getvalue(), media_type="application/zip")


ROUTES = [
    route("tasks", {"GET": list_tasks}),
    route("tasks/{task_id}", {"GET": get_task}),
    route("tasks/{task_id}/jobs", {"GET": task_jobs}),
    route("tasks/{task_id}/status", {"GET": task_status}),
    route("tasks/{task_id}/data", {"GET": task_data}),
    route("tasks/{task_id}/data/meta", {"GET": data_meta}),
]
