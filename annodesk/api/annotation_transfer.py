"""Annotations: read and replace them as JSON, export them (and datasets) to files in the server's formats
following CVAT's 202 → 201 → download flow, and import files (202 until done, then 201)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
from collections.abc import AsyncGenerator, Callable
from pathlib import Path
from typing import Any, cast

import httpx
import msgspec

from . import errors
from .annotation_models import Annotations
from .bounded import ProgressDeadline, read_capped
from .client_base import ClientBase
from .multipart import FilePart, MultipartBody
from .responses import decode, raise_for_status
from .task_models import AnnotationFormats
from .unset import UNSET, _Unset

TransferProgress = Callable[[str, int, int | None], None]
PATCH_ACTIONS = ("create", "update", "delete")
DOWNLOAD_CHUNK = 256 * 1024


class _Version(msgspec.Struct):
    version: int = 0


_VERSION = msgspec.json.Decoder(_Version)
_JSON = msgspec.json.Decoder()


class RawAnnotations:
    """A job's labeled data as the server sent it: :attr:`version` is read at once (a cheap pass that skips the
    objects), :meth:`json` decodes everything on first use (then keeps it). Nothing modelled is lost."""

    def __init__(self, content: bytes) -> None:
        self.content = content
        self._json: dict[str, Any] | _Unset = UNSET
        try:
            self.version = _VERSION.decode(content).version
        except (msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError) as exc:
            raise _malformed(exc) from None

    def json(self) -> dict[str, Any]:
        if isinstance(self._json, _Unset):
            self._json = _decode_object(self.content)
        return self._json


def _malformed(exc: Exception) -> errors.MalformedResponse:
    return errors.MalformedResponse(
        "The server's annotations could not be read (the answer may have been cut off).", detail=str(exc)
    )


def _decode_object(content: bytes) -> dict[str, Any]:
    try:
        value = _JSON.decode(content)
    except (msgspec.DecodeError, UnicodeDecodeError) as exc:
        raise _malformed(exc) from None
    if not isinstance(value, dict):
        raise errors.MalformedResponse("The server's annotations are not labeled data.")
    return value


def _bare_string(response: httpx.Response) -> str | None:
    """The body of a failed background job: a JSON string (None for any other body)."""
    try:
        value = msgspec.json.decode(response.content)
    except msgspec.DecodeError:
        return None
    return value if isinstance(value, str) else None


class AnnotationTransfer(ClientBase):
    """Annotation reads, writes, exports and imports."""

    # JSON -------------------------------------------------------------------------------------------

    async def get_task_annotations(self, task_id: int) -> Annotations:
        """Every annotation of the task (its jobs merged); ``version`` is the highest job version."""
        return await self._get(f"tasks/{int(task_id)}/annotations", Annotations, "annotations")

    async def get_job_annotations(self, job_id: int) -> Annotations:
        """The job's annotations, each object listing all its attributes (defaults filled in by the server)."""
        return await self._get(f"jobs/{int(job_id)}/annotations", Annotations, "annotations")

    async def get_job_annotations_raw(self, job_id: int) -> RawAnnotations:
        """The job's annotations undecoded but for the version (:class:`RawAnnotations`): a save that finds the
        version unchanged needs nothing else, and the objects are decoded only when they are needed."""
        response = await self._request("GET", f"jobs/{int(job_id)}/annotations")
        if response.headers.get("content-type", "").startswith("text/html"):
            raise errors.NotCvatServer("The server sent a web page instead of the annotations.")
        return RawAnnotations(response.content)

    async def get_job_annotations_json(self, job_id: int) -> dict[str, Any]:
        """The job's annotations as decoded JSON (every key the server sent is kept)."""
        return (await self.get_job_annotations_raw(job_id)).json()

    async def patch_job_annotations_json(self, job_id: int, action: str, body: dict[str, Any]) -> dict[str, Any]:
        """``create``, ``update`` or ``delete`` the objects of ``body`` (labeled-data JSON, sent as it is); the
        server's answer as decoded JSON (the objects written, with their ids, and the job's new ``version``)."""
        if action not in PATCH_ACTIONS:
            raise ValueError(f"action is one of {', '.join(PATCH_ACTIONS)}")
        response = await self._request(
            "PATCH",
            f"jobs/{int(job_id)}/annotations",
            params={"action": action},
            content=msgspec.json.encode(body),
            headers={"Content-Type": "application/json"},
        )
        return _decode_object(response.content)

    async def _write(self, method: str, path: str, annotations: Annotations, action: str | None) -> Annotations:
        params = {"action": action} if action else None
        response = await self._request(
            method,
            path,
            params=params,
            content=msgspec.json.encode(annotations),
            headers={"Content-Type": "application/json"},
        )
        return decode(response, Annotations, "saved annotations")

    async def replace_job_annotations(self, job_id: int, annotations: Annotations) -> Annotations:
        """Replace everything in the job; return what was saved (new objects with their ids)."""
        return await self._write("PUT", f"jobs/{int(job_id)}/annotations", annotations, None)

    async def replace_task_annotations(self, task_id: int, annotations: Annotations) -> Annotations:
        """Replace everything in the task (split by the jobs' frame ranges); return what was saved."""
        return await self._write("PUT", f"tasks/{int(task_id)}/annotations", annotations, None)

    async def patch_job_annotations(self, job_id: int, action: str, annotations: Annotations) -> Annotations:
        """``create``, ``update`` (by id) or ``delete`` (by id) some objects of the job."""
        if action not in PATCH_ACTIONS:
            raise ValueError(f"action is one of {', '.join(PATCH_ACTIONS)}")
        return await self._write("PATCH", f"jobs/{int(job_id)}/annotations", annotations, action)

    async def patch_task_annotations(self, task_id: int, action: str, annotations: Annotations) -> Annotations:
        """``create``, ``update`` (by id) or ``delete`` (by id) some objects of the task."""
        if action not in PATCH_ACTIONS:
            raise ValueError(f"action is one of {', '.join(PATCH_ACTIONS)}")
        return await self._write("PATCH", f"tasks/{int(task_id)}/annotations", annotations, action)

    async def delete_task_annotations(self, task_id: int) -> None:
        """Delete every annotation of the task."""
        await self._request("DELETE", f"tasks/{int(task_id)}/annotations")

    async def delete_job_annotations(self, job_id: int) -> None:
        """Delete every annotation of the job."""
        await self._request("DELETE", f"jobs/{int(job_id)}/annotations")

    # Formats ----------------------------------------------------------------------------------------

    async def annotation_formats(self) -> AnnotationFormats:
        """The server's import and export formats (``name`` is what the transfer methods take)."""
        return await self._get("server/annotation/formats", AnnotationFormats, "annotation formats")

    # Export -----------------------------------------------------------------------------------------

    async def export_annotations(
        self,
        task_id: int,
        format_name: str,
        destination: Path,
        *,
        filename: str | None = None,
        interval: float = 0.5,
        progress: TransferProgress | None = None,
    ) -> Path:
        """Export the task's annotations in ``format_name`` (an exporter's name) to ``destination``.

        The server prepares the file in the background (``progress("preparing", 0, None)`` on each poll),
        then it is downloaded (``progress("downloading", received, total_or_None)``) into a temporary file
        beside ``destination``, renamed into place at the end: a failure or a cancellation leaves no partial
        file. ``filename`` is the name the server puts in its answer (not used for saving).
        Errors: unknown format ``InvalidInput``; a disabled format or a failed export ``ExportFailed``.
        """
        return await self._export(f"tasks/{int(task_id)}/annotations", format_name, destination, filename,
                                  interval, progress)  # fmt: skip

    async def export_dataset(
        self,
        task_id: int,
        format_name: str,
        destination: Path,
        *,
        filename: str | None = None,
        interval: float = 0.5,
        progress: TransferProgress | None = None,
    ) -> Path:
        """Like :meth:`export_annotations`, with the task's images in the archive (``tasks/{id}/dataset``)."""
        return await self._export(f"tasks/{int(task_id)}/dataset", format_name, destination, filename,
                                  interval, progress)  # fmt: skip

    async def _export(
        self,
        path: str,
        format_name: str,
        destination: Path,
        filename: str | None,
        interval: float,
        progress: TransferProgress | None,
    ) -> Path:
        params = {"format": format_name, "filename": filename or None}
        destination = Path(destination)
        while True:
            response = await self._request("GET", path, params=params, check=False)
            if response.status_code == 201:
                saved = await self._download(path, {**params, "action": "download"}, destination, progress)
                if saved is not None:
                    return saved
                # Someone else downloaded (consumed) the result first: the server prepares it again.
            else:
                _check_transfer(response, format_name, errors.ExportFailed, "export")
            if progress is not None:
                progress("preparing", 0, None)
            await asyncio.sleep(interval)

    async def _download(
        self, path: str, params: dict[str, Any], destination: Path, progress: TransferProgress | None
    ) -> Path | None:
        """Stream the prepared file into place; None when the server answers "not ready" (202) instead.

        It may take as long as it keeps moving: it ends when :attr:`transfer_window` seconds pass with no chunk
        (256 KB, or the last one) coming in.
        """
        folder = destination.parent
        handle, temporary = await asyncio.to_thread(
            tempfile.mkstemp, dir=folder, prefix=f".{destination.name}.", suffix=".part"
        )
        out = os.fdopen(handle, "wb")
        deadline = ProgressDeadline(self.transfer_window)
        try:
            query = {k: v for k, v in params.items() if v}
            async with deadline, self._http.stream("GET", path, params=query) as response:
                if response.status_code != 200:
                    answer = await read_capped(response, self.max_answer_bytes, self.server_url)
                    if answer.status_code == 202:
                        return None
                    _check_transfer(answer, str(params.get("format")), errors.ExportFailed, "export")
                    raise_for_status(answer)
                total = int(response.headers["content-length"]) if "content-length" in response.headers else None
                received = 0
                async with contextlib.aclosing(
                    cast(AsyncGenerator[bytes], response.aiter_bytes(DOWNLOAD_CHUNK))
                ) as chunks:
                    async for chunk in chunks:
                        deadline.progressed()
                        await asyncio.to_thread(out.write, chunk)
                        received += len(chunk)
                        if progress is not None:
                            progress("downloading", received, total)
            await asyncio.to_thread(out.close)
            await asyncio.to_thread(os.replace, temporary, destination)
            return destination
        except httpx.TransportError as exc:
            raise self._transport_error(exc) from None
        except TimeoutError:
            if not deadline.expired:
                raise
            raise self._timed_out() from None
        finally:
            out.close()
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)

    # Import -----------------------------------------------------------------------------------------

    async def import_task_annotations(
        self,
        task_id: int,
        format_name: str,
        file: Path,
        *,
        interval: float = 0.5,
        progress: TransferProgress | None = None,
    ) -> None:
        """Replace the task's annotations with those of ``file`` in ``format_name`` (an importer's name).

        ``progress("uploading", sent, total)`` while the file goes out, then ``progress("importing", 0, None)``
        on each poll. Errors: unknown format ``InvalidInput``; a file the server cannot read ``ImportFailed``
        with its message; a dropped upload ``UploadInterrupted``. Rights: admin, task owner, task assignee.
        """
        await self._import(f"tasks/{int(task_id)}/annotations", format_name, Path(file), interval, progress)

    async def import_job_annotations(
        self,
        job_id: int,
        format_name: str,
        file: Path,
        *,
        interval: float = 0.5,
        progress: TransferProgress | None = None,
    ) -> None:
        """Like :meth:`import_task_annotations` for one job (only the job's frames are taken from the file)."""
        await self._import(f"jobs/{int(job_id)}/annotations", format_name, Path(file), interval, progress)

    async def _import(
        self, path: str, format_name: str, file: Path, interval: float, progress: TransferProgress | None
    ) -> None:
        part = await asyncio.to_thread(FilePart.of, "annotation_file", file)

        def uploading(sent: int, total: int) -> None:
            if progress is not None:
                progress("uploading", sent, total)

        params = {"format": format_name}
        body = MultipartBody([], [part], progress=uploading)
        response = await self._send_multipart("PUT", path, body, params)
        while response.status_code != 201:
            _check_transfer(response, format_name, errors.ImportFailed, "import")
            if progress is not None:
                progress("importing", 0, None)
            await asyncio.sleep(interval)
            response = await self._request("PUT", path, params=params, check=False)


def _check_transfer(response: httpx.Response, format_name: str, failure: type[Any], what: str) -> None:
    """Return quietly on 202; raise the transfer failure for 405 and for a failed job; else the usual errors."""
    status = response.status_code
    if status == 202:
        return
    if status == 405:
        raise failure(
            f"The server has the format “{format_name}” disabled; choose another one.",
            reason="format disabled",
            status=status,
        )
    reason = _bare_string(response) if status >= 500 else None
    if reason is not None:
        text = reason.strip()
        raise failure(f"The server could not {what} the annotations: {text}", reason=text, status=status)
    raise_for_status(response)
    if 200 <= status < 300:
        raise errors.MalformedResponse(f"Unexpected answer {status} while waiting for the {what}.", status=status)
