"""A data request (``POST tasks/{id}/data``) as the processing steps read it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DataJob:
    """What a data request asks for, with uploaded files already stored under ``raw/``."""

    task_id: int
    data_id: int
    image_quality: int
    chunk_size: int | None
    size: int
    start_frame: int
    stop_frame: int | None
    frame_step: int
    client_files: tuple[str, ...]
    server_files: tuple[str, ...]
    remote_files: tuple[str, ...]
