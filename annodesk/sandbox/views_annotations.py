"""``tasks/{id}/annotations``, ``jobs/{id}/annotations`` and ``tasks/{id}/dataset``: labeled data reads and
writes, and CVAT's background export (202 → 201 → 200 download) and import (202 → 201) flows."""

from __future__ import annotations

import asyncio
import os
import tempfile
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.datastructures import UploadFile
from starlette.requests import ClientDisconnect
from starlette.responses import FileResponse, Response

from . import formats
from .annotation_store import DuplicateId, InvalidReference, JobWriter
from .annotation_validation import parse_labeled_data
from .endpoint import Call
from .http import (
    ApiError,
    field_errors,
    forbidden,
    html_server_error,
    json_response,
    not_found,
    read_body,
    read_form,
    read_limited,
)
from .limits import TooLarge, capped_copy
from .permissions import can_change_job, can_change_task, can_view_job
from .tasks import JobRow, TaskAccess
from .transfers import export_key, import_key, parse_date, produce_export, run_import
from .views_tasks import visible_task
from .worker import FAILED, FINISHED

PATCH_ACTIONS = ("create", "update", "delete")
WRONG_ACTION = ["Please specify a correct 'action' for the request"]


# Task level -----------------------------------------------------------------------------------------


async def task_annotations(call: Call) -> Any:
    """GET (or export with ``format``), PUT (or import with ``format``), PATCH ``?action=``, DELETE."""
    method = call.request.method
    if method in ("GET", "HEAD"):
        access = visible_task(call)
        format_name = call.request.query_params.get("format")
        if format_name:
            return await export(call, access, "annotations", format_name)
        return call.state.task_annotations.get(access.id)
    access = _changeable_task(call)
    if method == "PUT" and call.request.query_params.get("format"):
        return await import_annotations(call, access.id, None, call.request.query_params["format"])
    if method == "DELETE":
        call.state.task_annotations.write(access.id, None, "delete")
        return Response(status_code=204)
    action = "put" if method == "PUT" else call.request.query_params.get("action")
    if action not in ("put", *PATCH_ACTIONS):
        raise ApiError(400, WRONG_ACTION)
    data = parse_labeled_data(await read_body(call.request))
    try:
        return call.state.task_annotations.write(access.id, data, action)
    except (InvalidReference, DuplicateId) as error:
        if action == "put":
            return html_server_error()  # CVAT lets these escape at task level on PUT
        raise ApiError(400, str(error)) from None


async def dataset(call: Call) -> Response:
    """``GET tasks/{id}/dataset?format=``: the export flow with images; a missing format is unknown."""
    access = visible_task(call)
    return await export(call, access, "dataset", call.request.query_params.get("format", ""))


def _changeable_task(call: Call) -> TaskAccess:
    access = call.state.tasks.access(call.int_param("task_id"))
    if access is None:
        raise not_found()
    if not can_change_task(call.user, access):
        raise forbidden()
    return access


# Job level ------------------------------------------------------------------------------------------


def _job(call: Call) -> tuple[JobRow, TaskAccess]:
    job = call.state.tasks.job(call.int_param("job_id"))
    if job is None:
        raise not_found()
    access = call.state.tasks.access(job.task_id)
    assert access is not None
    return job, access


async def job_annotations(call: Call) -> Any:
    """GET, PUT (or import with ``format``), PATCH ``?action=``, DELETE of one job's annotations."""
    job, access = _job(call)
    method = call.request.method
    if method in ("GET", "HEAD"):
        if not can_view_job(call.user, access, job):
            raise forbidden()
        return call.state.annotations.job_data(access.id, job.id)
    if not can_change_job(call.user, access, job):
        raise forbidden()
    if method == "PUT" and call.request.query_params.get("format"):
        return await import_annotations(call, access.id, job.id, call.request.query_params["format"])
    if method == "DELETE":
        with call.state.db.write() as conn:
            JobWriter(conn, access.id).delete(job.id)
        return Response(status_code=204)
    action = "put" if method == "PUT" else call.request.query_params.get("action")
    if action not in ("put", *PATCH_ACTIONS):
        raise ApiError(400, WRONG_ACTION)
    data = parse_labeled_data(await read_body(call.request))
    try:
        with call.state.db.write() as conn:
            return getattr(JobWriter(conn, access.id), action)(job.id, data)
    except (InvalidReference, DuplicateId) as error:
        raise ApiError(400, str(error)) from None


# Export -----------------------------------------------------------------------------------------------


def attachment_header(name: str) -> str:
    """Content-Disposition as CVAT's sendfile builds it (the ASCII name shown as Python bytes text: a quirk)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore")
    return f"attachment; filename=\"{ascii_name!r}\"; filename*=UTF-8''{quote(name, safe='/')}"


async def export(call: Call, access: TaskAccess, kind: str, format_name: str) -> Response:
    """202 while the export is produced in the background, 201 when ready, the file with ``action=download``."""
    params = call.request.query_params
    action = params.get("action", "").lower()
    if action not in ("", "download"):
        raise ApiError(400, ["Unexpected action specified for the request"])
    fmt = formats.exporter(format_name)
    if fmt is None:
        raise ApiError(400, ["Unknown format specified for the request"])
    if not fmt.enabled:
        return Response(status_code=405)
    worker = call.state.worker
    key = export_key(access.id, kind, format_name)
    task = call.state.tasks.load([access.id], call.api_root)[0]
    updated = parse_date(task["updated_date"])
    job = worker.fetch(key)
    if job is not None and job.meta["request_time"] < updated:
        worker.delete(key, job)
        job = None
    if job is not None:
        if job.state == FINISHED:
            path: Path = job.result
            if action == "download" and path.exists():
                worker.delete(key, job)
                stamp = updated.strftime("%Y_%m_%d_%H_%M_%S")
                name = (params.get("filename", "") or f"task_{task['name']}-{stamp}-{format_name}{path.suffix}").lower()
                return FileResponse(
                    path, media_type="application/zip", headers={"Content-Disposition": attachment_header(name)}
                )
            if path.exists():
                return Response(status_code=201)
        elif job.state == FAILED:
            worker.delete(key, job)
            return json_response(job.message, 500)
        else:
            return Response(status_code=202)
    server_url = call.api_root.removesuffix("/api/v1")
    state = call.state
    worker.enqueue(
        key,
        lambda running: produce_export(state, running, access.id, kind, fmt, server_url),
        request_time=datetime.now(UTC),
    )
    return Response(status_code=202)


# Import -----------------------------------------------------------------------------------------------


async def import_annotations(call: Call, task_id: int, job_id: int | None, format_name: str) -> Response:
    """The first PUT stores ``annotation_file`` and queues the import (202); the same PUT repeated answers
    202 while it runs, 201 when done, 500 with the error when it failed. Keyed per user."""
    fmt = formats.importer(format_name)
    if fmt is None:
        raise ApiError(400, [f"Unknown input format '{format_name}'"])
    if not fmt.enabled:
        return Response(status_code=405)
    scope, object_id = ("jobs", job_id) if job_id is not None else ("tasks", task_id)
    key = import_key(call.user.username, scope, object_id)
    worker = call.state.worker
    job = worker.fetch(key)
    if job is None:
        try:
            upload = await _annotation_file(call)
        except ClientDisconnect:
            return Response(status_code=400)
        state = call.state
        worker.enqueue(key, lambda running: run_import(state, running, task_id, job_id, fmt, upload))
    elif job.state == FINISHED:
        worker.delete(key, job)
        return Response(status_code=201)
    elif job.state == FAILED:
        worker.delete(key, job)
        return json_response(job.message, 500)
    return Response(status_code=202)


async def _annotation_file(call: Call) -> Path:
    """The uploaded ``annotation_file``, saved to a temporary file; DRF's message when there is none."""
    content_type = call.request.headers.get("content-type", "").split(";")[0].strip().lower()
    upload: UploadFile | None = None
    if content_type == "multipart/form-data":
        form = await read_form(call.request)
        field = form.get("annotation_file")
        if field is not None and not isinstance(field, UploadFile):
            raise field_errors(
                {"annotation_file": ["The submitted data was not a file. Check the encoding type on the form."]}
            )
        upload = field
    else:
        await read_limited(call.request, call.state.limits.parsed_body)
    if upload is None:
        raise field_errors({"annotation_file": ["No file was submitted."]})
    folder = call.state.imports_dir
    folder.mkdir(parents=True, exist_ok=True)
    suffix = Path(upload.filename or "").suffix
    suffix = suffix if len(suffix.encode()) <= 16 else ""  # a name over 255 bytes must not become the temp file's
    handle, name = tempfile.mkstemp(dir=folder, prefix="cvat_", suffix=suffix)
    limit = call.state.limits.annotation_file
    try:
        with os.fdopen(handle, "wb") as out:
            await asyncio.to_thread(_copy, upload, out, limit)
    except TooLarge as error:
        Path(name).unlink(missing_ok=True)
        raise field_errors({"annotation_file": [str(error)]}) from None
    finally:
        await upload.close()
    return Path(name)


def _copy(upload: UploadFile, out: Any, limit: int) -> None:
    upload.file.seek(0)
    capped_copy(upload.file, out, limit, "The annotation file")
