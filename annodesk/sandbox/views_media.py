"""``GET tasks/{id}/data?type=preview|frame|chunk`` and ``tasks/{id}/data/meta``, with CVAT's bare-string errors."""

from __future__ import annotations

import asyncio
import io
from typing import Any

from starlette.responses import Response

from . import chunks
from .endpoint import Call
from .frame_source import FrameSource
from .http import ApiError, html_server_error
from .permissions import can_view_task

QUALITY_ENUM = {"compressed": "Quality.COMPRESSED", "original": "Quality.ORIGINAL"}


def frame_source(call: Call, task_id: int) -> FrameSource | None:
    """The task's frames, or None when it has no data record (or a record still being processed)."""
    row = call.state.tasks.media(task_id)
    if row is None:
        return None
    return FrameSource(task_id, row, call.state.media, call.state.media_records)


async def data_meta(call: Call) -> Response | dict[str, Any]:
    """``GET tasks/{id}/data/meta``: no permission check; a missing task or one without data is a 500."""
    source = frame_source(call, call.int_param("task_id"))
    if source is None:
        return html_server_error()
    return {
        "chunk_size": source.row["chunk_size"],
        "size": source.size,
        "image_quality": source.row["image_quality"],
        "start_frame": source.row["start_frame"],
        "stop_frame": source.row["stop_frame"],
        "frame_filter": source.row["frame_filter"],
        "frames": source.meta_frames(),
    }


async def task_data(call: Call) -> Response:
    """``GET tasks/{id}/data``: the checks of CVAT's view, in its order, and its error texts."""
    params = call.request.query_params
    data_type, number, quality = params.get("type"), params.get("number"), params.get("quality", "compressed")
    if data_type not in ("chunk", "frame", "preview"):
        raise ApiError(400, "data type not specified or has wrong value")
    if data_type in ("chunk", "frame"):
        if not number:
            raise ApiError(400, "number not specified")
        if quality not in QUALITY_ENUM:
            raise ApiError(400, "wrong quality value")
    failure = f"cannot get requested data type: {data_type}, number: {number}, quality: {quality}\n"
    try:
        access = call.state.tasks.access(call.int_param("task_id"))
    except ApiError:
        access = None
    if access is None:
        raise ApiError(400, failure + "No Task matches the given query.")
    if not can_view_task(call.user, access):
        raise ApiError(403, "You do not have permission to perform this action.")
    source = frame_source(call, access.id)
    if source is None:
        raise ApiError(400, failure + "'NoneType' object has no attribute 'get_preview_path'")
    if data_type == "preview":
        if source.size == 0:
            raise ApiError(400, failure + f"[Errno 2] No such file or directory: 'data/{source.data_id}/preview.jpeg'")
        return Response(source.preview(), media_type="image/jpeg")
    try:
        index = int(str(number))
    except ValueError:
        raise ApiError(400, failure + f"invalid literal for int() with base 10: '{number}'") from None
    # Past the number check, CVAT names the quality by its enum in messages.
    failure = f"cannot get requested data type: {data_type}, number: {index}, quality: {QUALITY_ENUM[str(quality)]}\n"
    if data_type == "frame":
        return await _frame(call, source, index, str(quality), failure)
    return await _chunk(call, source, index, str(quality), failure)


async def _frame(call: Call, source: FrameSource, index: int, quality: str, failure: str) -> Response:
    if not 0 <= index < source.size:
        raise ApiError(400, failure + f"Incorrect requested frame number: {index}")
    if source.video and source.uploaded:
        # As CVAT's FrameProvider: decoded from the chunk; compressed as JPEG, original as PNG.
        image = await asyncio.to_thread(chunks.video_frame, source, call.state.media, index, quality)
        buffer = io.BytesIO()
        image.save(buffer, "JPEG" if quality == "compressed" else "PNG", quality=source.row["image_quality"])
        mime = "image/jpeg" if quality == "compressed" else "image/png"
        return Response(buffer.getvalue(), headers={"content-type": f"('{mime}', None)"})
    frame = source.compressed(index) if quality == "compressed" else source.original(index)
    # CVAT v1.1-v1.3 send image frames with a broken Content-Type (a Python tuple's text): copied on purpose.
    return Response(frame.data, headers={"content-type": f"('{frame.mime}', None)"})


async def _chunk(call: Call, source: FrameSource, index: int, quality: str, failure: str) -> Response:
    if index < 0 or not chunks.chunk_frames(source, index):
        raise ApiError(400, failure + f"[Errno 2] No such file or directory: '{index}.zip'")
    try:
        data = await asyncio.to_thread(chunks.chunk_bytes, source, call.state.media, index, quality)
    except FileNotFoundError as error:
        raise ApiError(400, failure + str(error)) from None
    return Response(data, media_type="video/mp4" if source.video else "application/zip")
