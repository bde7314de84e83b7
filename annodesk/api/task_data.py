"""Attaching media to a task and following its processing: ``POST tasks/{id}/data`` (a streamed multipart
upload), ``tasks/{id}/status``, and reading frames and chunks back."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import httpx

from . import errors
from .bounded import ProgressDeadline, read_capped, watched
from .client_base import ClientBase
from .multipart import FileChanged, FilePart, MultipartBody
from .responses import decode, raise_for_status
from .task_models import DataUpload, TaskStatus

UPLOAD_TIMEOUT = httpx.Timeout(60.0, connect=10.0)  # per read/write: the server stores the files before answering


class TaskData(ClientBase):
    """Media upload and processing status."""

    async def _send_multipart(
        self, method: str, path: str, body: MultipartBody, params: dict[str, Any] | None = None
    ) -> httpx.Response:
        """Stream ``body``; a connection that breaks part-way is :class:`~annodesk.api.errors.UploadInterrupted`.

        It may take as long as it keeps moving: it ends when :attr:`transfer_window` seconds pass with no chunk
        going out (or, once all is sent, with no answer).
        """
        deadline = ProgressDeadline(self.transfer_window)
        try:
            async with deadline:
                request = self._http.build_request(
                    method, path, params=params, content=watched(body, deadline), headers=body.headers,
                    timeout=UPLOAD_TIMEOUT,
                )  # fmt: skip
                streamed = await self._http.send(request, stream=True)
                response = await read_capped(streamed, self.max_answer_bytes, self.server_url)
        except TimeoutError:
            if not deadline.expired:
                raise
            if body.sent < body.total:
                raise _interrupted(body, TimeoutError("no progress")) from None
            raise self._timed_out() from None
        except (httpx.ConnectError, httpx.UnsupportedProtocol) as exc:
            if body.sent == 0:
                raise self._transport_error(exc) from None
            raise _interrupted(body, exc) from None
        except httpx.TransportError as exc:
            raise _interrupted(body, exc) from None
        except FileChanged as exc:
            raise errors.UploadInterrupted(str(exc), bytes_sent=body.sent, total=body.total) from None
        return response

    async def upload_task_data(
        self,
        task_id: int,
        files: Sequence[Path],
        *,
        image_quality: int = 70,
        chunk_size: int | None = None,
        start_frame: int | None = None,
        stop_frame: int | None = None,
        frame_step: int | None = None,
        use_zip_chunks: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> DataUpload:
        """Upload local files (images, or one zip of images) as ``client_files[i]``; return the server's echo.

        ``progress(bytes_sent, total_bytes)`` is called as the body goes out. Cancel by cancelling the task
        awaiting this (nothing is attached then). A broken connection raises
        :class:`~annodesk.api.errors.UploadInterrupted` with how much was sent; try again from the start.
        Processing then runs on the server: follow it with :meth:`wait_for_task_data`.
        Rights: the admin and user groups (CVAT checks the role only).
        """
        if not files:
            raise ValueError("Choose at least one file to upload.")
        parts = await asyncio.to_thread(
            lambda: [FilePart.of(f"client_files[{i}]", Path(path)) for i, path in enumerate(files)]
        )
        fields = [("image_quality", str(int(image_quality)))]
        for name, value in (("chunk_size", chunk_size), ("start_frame", start_frame), ("stop_frame", stop_frame)):
            if value is not None:
                fields.append((name, str(int(value))))
        if frame_step is not None:
            fields.append(("frame_filter", f"step={int(frame_step)}"))
        if use_zip_chunks:
            fields.append(("use_zip_chunks", "true"))
        body = MultipartBody(fields, parts, progress=progress)
        response = await self._send_multipart("POST", f"tasks/{int(task_id)}/data", body)
        raise_for_status(response)
        return decode(response, DataUpload, "upload answer")

    async def task_status(self, task_id: int) -> TaskStatus:
        """The processing state of the task's data (``Finished`` also when nothing is being processed)."""
        return await self._get(f"tasks/{int(task_id)}/status", TaskStatus, "processing status")

    async def wait_for_task_data(
        self,
        task_id: int,
        *,
        interval: float = 1.0,
        on_status: Callable[[TaskStatus], None] | None = None,
    ) -> TaskStatus:
        """Poll the status every ``interval`` seconds until ``Finished`` (returned); ``Failed`` raises
        :class:`~annodesk.api.errors.TaskProcessingFailed`. ``on_status`` sees every change of state or message."""
        last: TaskStatus | None = None
        while True:
            status = await self.task_status(task_id)
            if status != last and on_status is not None:
                on_status(status)
            last = status
            if status.finished:
                return status
            if status.failed:
                reason = status.message.strip()
                raise errors.TaskProcessingFailed(
                    f"The server could not process the task's data: {reason or 'no reason given'}", reason=reason
                )
            await asyncio.sleep(interval)

    async def task_frame(self, task_id: int, number: int, quality: str = "compressed") -> bytes:
        """Frame ``number`` (from 0): ``compressed`` (JPEG at the task's quality) or ``original`` (as uploaded).

        The server's Content-Type for frames is broken (CVAT v1.1–1.3): detect the format from the bytes.
        """
        if quality not in ("compressed", "original"):
            raise ValueError("quality is 'compressed' or 'original'")
        response = await self._request(
            "GET", f"tasks/{int(task_id)}/data", params={"type": "frame", "number": int(number), "quality": quality}
        )
        return response.content

    async def task_chunk(
        self, task_id: int, number: int, quality: str = "compressed", *, on_bytes: Callable[[int], None] | None = None
    ) -> bytes:
        """Chunk ``number`` (frames ``number·chunk_size``…) of a task: a zip of images, or an MP4 for video tasks.

        The body is streamed (``on_bytes(received)`` as it arrives). A connection that breaks part-way raises
        :class:`~annodesk.api.errors.NetworkError`; an error answer its typed error, as every request.
        """
        pieces: list[bytes] = []
        await self.stream_task_chunk(task_id, number, pieces.append, quality, on_bytes=on_bytes)
        return b"".join(pieces)

    async def stream_task_chunk(
        self,
        task_id: int,
        number: int,
        sink: Callable[[bytes], None],
        quality: str = "compressed",
        *,
        on_bytes: Callable[[int], None] | None = None,
    ) -> int:
        """Chunk ``number`` of a task handed to ``sink`` piece by piece as it arrives (then ``on_bytes(received)``),
        never held whole; the bytes received. An exception from ``sink`` or ``on_bytes`` stops the download and
        propagates; errors as :meth:`task_chunk`."""
        if quality not in ("compressed", "original"):
            raise ValueError("quality is 'compressed' or 'original'")
        params: dict[str, str | int] = {"type": "chunk", "number": int(number), "quality": quality}
        received = 0
        try:
            async with self._http.stream("GET", f"tasks/{int(task_id)}/data", params=params) as response:
                if response.status_code >= 400:
                    await response.aread()
                    raise_for_status(response)
                async for piece in response.aiter_bytes():  # as the connection gives them: no re-chunking copies
                    sink(piece)
                    received += len(piece)
                    if on_bytes is not None:
                        on_bytes(received)
        except httpx.TransportError as exc:
            raise self._transport_error(exc) from None
        return received


def _interrupted(body: MultipartBody, exc: Exception) -> errors.UploadInterrupted:
    reason = str(exc).strip() or type(exc).__name__
    return errors.UploadInterrupted(
        f"The upload was interrupted after {_size(body.sent)} of {_size(body.total)} ({reason}). "
        "Nothing was attached: try again.",
        bytes_sent=body.sent,
        total=body.total,
    )


def _size(count: int) -> str:
    """``512 bytes``, ``1.5 MB``."""
    if count < 1024:
        return f"{count} bytes"
    value = count / 1024
    for unit in ("KB", "MB"):
        if value < 1024:
            return f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"
