"""``POST tasks/{id}/data`` (202, processing in the background) and ``GET tasks/{id}/status``."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from starlette.requests import ClientDisconnect
from starlette.responses import Response

from .data_form import DataForm, read_data_form
from .data_job import DataJob
from .endpoint import Call
from .http import forbidden, json_response, not_found
from .permissions import can_create_task
from .views_tasks import visible_task
from .worker import FAILED, QUEUED, STARTED, Job

STATES = {QUEUED: "Queued", STARTED: "Started", FAILED: "Failed"}


def creation_key(task_id: int) -> str:
    """The background job id CVAT gives a task's data processing."""
    return f"/api/v1/tasks/{task_id}"


async def attach_data(call: Call) -> Response:
    """Store the uploads, save a data record and queue its processing; the role is checked, not the task."""
    if not can_create_task(call.user):
        raise forbidden()
    task_id = call.int_param("task_id")
    if not call.state.tasks.exists(task_id):
        raise not_found()
    try:
        form = await read_data_form(call.request)
    except ClientDisconnect:
        return Response(status_code=400)  # nobody is listening any more; nothing was stored
    try:
        # The files are stored first; only then does the task get its data record (a failed store leaves none).
        staging = await asyncio.to_thread(_store_uploads, call, form)
    finally:
        for upload in form.uploads:
            await upload.close()
    staged, folder = staging
    data_id, previous = call.state.media_records.attach(
        task_id,
        image_quality=form.image_quality,
        chunk_size=form.chunk_size,
        size=form.size,
        start_frame=form.start_frame,
        stop_frame=form.stop_frame or 0,
        frame_filter=form.frame_filter,
        chunk_type=form.compressed_chunk_type,
    )
    if previous is not None:
        call.state.media.remove(previous)
    call.state.media.adopt(folder, data_id)
    request = DataJob(
        task_id=task_id,
        data_id=data_id,
        image_quality=form.image_quality,
        chunk_size=form.chunk_size,
        size=form.size,
        start_frame=form.start_frame,
        stop_frame=form.stop_frame,
        frame_step=form.frame_step,
        client_files=tuple(staged),
        server_files=tuple(form.server_files),
        remote_files=tuple(form.remote_files),
    )
    processor = call.state.processor
    call.state.worker.enqueue(creation_key(task_id), lambda job: processor.run(job, request))
    return json_response(form.echo(staged), 202)


def _store_uploads(call: Call, form: DataForm) -> tuple[list[str], Path]:
    """Copy the uploads into a new staging folder: (stored names, the folder); nothing is left on failure."""
    folder = call.state.media.staging()
    try:
        stored = []
        for upload in form.uploads:
            upload.file.seek(0)
            stored.append(call.state.media.save_upload(folder, upload.filename or "file", upload.file))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return stored, folder


async def task_status(call: Call) -> dict[str, str]:
    """Queued / Started (with CVAT's progress message) / Failed (one-line error) / Finished (also: no job)."""
    access = visible_task(call)
    job: Job | None = call.state.worker.fetch(creation_key(access.id))
    if job is None or job.state not in STATES:
        return {"state": "Finished", "message": ""}
    message = "" if job.state == QUEUED else job.message
    return {"state": STATES[job.state], "message": message}
