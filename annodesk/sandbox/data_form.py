"""``POST tasks/{id}/data``: CVAT v1.1's ``DataSerializer`` rules over JSON, form or multipart bodies."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request

from . import fields as f
from .http import field_errors, read_body, read_form
from .media_store import safe_name

FRAME_FILTER = re.compile(r"step\s*=\s*([1-9]\d*)")
MAX_FILES = 100_000  # Django has no file-count limit; Starlette's default (1000) would be one
MAX_INT = 2147483647
MAX_NAME_BYTES = 255  # a file name on Linux, macOS and Windows file systems


@dataclass
class DataForm:
    """A validated data request; ``uploads`` are the multipart files in index order."""

    image_quality: int
    chunk_size: int | None = None
    size: int = 0
    start_frame: int = 0
    stop_frame: int | None = None  # None: not sent (CVAT tells "0" from "absent" this way)
    frame_filter: str = ""
    compressed_chunk_type: str = "imageset"
    original_chunk_type: str = "imageset"
    use_zip_chunks: bool = False
    uploads: list[UploadFile] = field(default_factory=list)
    server_files: list[str] = field(default_factory=list)
    remote_files: list[str] = field(default_factory=list)

    @property
    def frame_step(self) -> int:
        """The ``step=N`` of ``frame_filter`` (1 when empty)."""
        match = FRAME_FILTER.search(self.frame_filter)
        return int(match.group(1)) if match else 1

    def echo(self, client_files: list[str]) -> dict[str, Any]:
        """The 202 body: the data record as saved (``use_zip_chunks`` always reads false: a model-less field)."""
        return {
            "chunk_size": self.chunk_size,
            "size": self.size,
            "image_quality": self.image_quality,
            "start_frame": self.start_frame,
            "stop_frame": self.stop_frame or 0,
            "frame_filter": self.frame_filter,
            "compressed_chunk_type": self.compressed_chunk_type,
            "original_chunk_type": self.original_chunk_type,
            "client_files": client_files,
            "server_files": list(self.server_files),
            "remote_files": list(self.remote_files),
            "use_zip_chunks": False,
        }


async def read_data_form(request: Request) -> DataForm:
    """Parse and validate the body; raise DRF's 400 with field errors (files are read, not yet stored)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    uploads: list[UploadFile] = []
    if content_type == "multipart/form-data":
        form = await read_form(request, max_files=MAX_FILES, max_fields=MAX_FILES)
        body: dict[str, Any] = {}
        for key, value in form.multi_items():
            body[key] = value  # the last of repeated keys, as a QueryDict's dict view gives
        uploads = [value for value in f.html_list(body, "client_files") or [] if isinstance(value, UploadFile)]
        client_strings = [v for v in f.html_list(body, "client_files") or [] if not isinstance(v, UploadFile)]
        if client_strings:
            raise field_errors({"client_files": [{"file": ["The submitted data was not a file."]}]})
        _check_file_names(uploads)
    else:
        body = await read_body(request)
        if "client_files" in body and body["client_files"] not in ([], None):
            raise field_errors({"client_files": [{"file": ["The submitted data was not a file."]}]})
    return _validate(body, uploads)


def _check_file_names(uploads: list[UploadFile]) -> None:
    """DRF's FileField ``max_length`` error per item for names no file system can hold (over 255 bytes)."""
    items: list[dict[str, list[str]]] = []
    for upload in uploads:
        length = len(safe_name(upload.filename or "file").encode())
        too_long = length > MAX_NAME_BYTES
        message = f"Ensure this filename has at most {MAX_NAME_BYTES} characters (it has {length})."
        items.append({"file": [message]} if too_long else {})
    if any(items):
        raise field_errors({"client_files": items})


def _files(body: dict[str, Any], name: str, errors: dict[str, Any]) -> list[str]:
    value = body.get(name)
    if value is None:
        value = f.html_list(body, name) or []
    if not isinstance(value, list):
        errors[name] = [f'Expected a list of items but got type "{type(value).__name__}".']
        return []
    return [str(item) for item in value]


def _validate(body: dict[str, Any], uploads: list[UploadFile]) -> DataForm:
    def filter_expression(value: Any) -> str:
        text = f.char(value, max_length=256, allow_blank=True)
        if not FRAME_FILTER.search(text):
            raise f.FieldError("Invalid frame filter expression")
        return text

    def chunk(value: Any) -> int:
        number = f.integer(value, min_value=0, max_value=MAX_INT)
        if not number > 0:
            raise f.FieldError("Chunk size must be a positive integer")
        return number

    def chunk_type(value: Any) -> str:
        if value not in ("video", "imageset"):
            raise f.FieldError(f'"{value}" is not a valid choice.')
        return str(value)

    values, errors = f.collect(
        body,
        {
            "image_quality": f.not_null(lambda v: f.integer(v, min_value=0, max_value=100)),
            "chunk_size": f.nullable(chunk),
            "size": f.not_null(lambda v: f.integer(v, min_value=0, max_value=MAX_INT)),
            "start_frame": f.not_null(lambda v: f.integer(v, min_value=0, max_value=MAX_INT)),
            "stop_frame": f.not_null(lambda v: f.integer(v, min_value=0, max_value=MAX_INT)),
            "frame_filter": f.not_null(filter_expression),
            "compressed_chunk_type": f.not_null(chunk_type),
            "original_chunk_type": f.not_null(chunk_type),
            "use_zip_chunks": f.not_null(f.boolean),
        },
        required=frozenset({"image_quality"}),
    )
    server_files = _files(body, "server_files", errors)
    remote_files = _files(body, "remote_files", errors)
    if errors:
        raise field_errors(errors)
    if values.get("stop_frame") is not None and values.get("start_frame", 0) > values["stop_frame"]:
        raise field_errors({"non_field_errors": ["Stop frame must be more or equal start frame"]})
    return DataForm(**values, uploads=uploads, server_files=server_files, remote_files=remote_files)
