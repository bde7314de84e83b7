"""The frames of a task's media, whether generated (sample tasks) or uploaded: names, sizes and bytes."""

from __future__ import annotations

import mimetypes
import sqlite3
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePosixPath

from . import images
from .media_records import FrameRow, MediaRecords
from .media_store import MediaStore


@dataclass(frozen=True, slots=True)
class FrameBytes:
    """An encoded frame: its bytes, file extension (``.jpg``) and MIME type."""

    data: bytes
    ext: str
    mime: str


class FrameSource:
    """Access to one data record's frames (a ``data`` row joined by the task)."""

    def __init__(self, task_id: int, row: sqlite3.Row, media: MediaStore, records: MediaRecords) -> None:
        self.task_id = task_id
        self.row = row
        self._media = media
        self._records = records

    @property
    def data_id(self) -> int:
        return int(self.row["id"])

    @property
    def size(self) -> int:
        return int(self.row["size"])

    @property
    def uploaded(self) -> bool:
        """Whether the frames are real uploaded files (else generated pictures)."""
        return self.row["storage"] == "uploaded"

    @property
    def video(self) -> bool:
        return self.row["chunk_type"] == "video"

    @cached_property
    def frames(self) -> list[FrameRow]:
        """Every frame's name and size: the image's path, or ``frame_000000``… for a video (as CVAT's exports)."""
        if self.uploaded:
            return self._records.frames(self.data_id)
        width, height, pattern = self.row["width"], self.row["height"], self.row["name_pattern"]
        if self.video:
            return [FrameRow(f"frame_{number:06d}", width, height) for number in range(self.size)]
        return [FrameRow(pattern.format(number), width, height) for number in range(self.size)]

    def meta_frames(self) -> list[dict[str, object]]:
        """``data/meta``'s ``frames``: one per image, or a single entry (the video file) for a video."""
        if self.video:
            return [{"width": self.row["width"], "height": self.row["height"], "name": self.row["name_pattern"]}]
        return [{"width": row.width, "height": row.height, "name": row.path} for row in self.frames]

    def compressed(self, number: int) -> FrameBytes:
        """Frame ``number`` as a JPEG at the task's image quality."""
        if self.uploaded:
            return FrameBytes(self._media.compressed(self.data_id, number).read_bytes(), ".jpeg", "image/jpeg")
        row = self.frames[number]
        data = images.frame(self.task_id, number, row.width, row.height, self.row["image_quality"], "JPEG")
        return FrameBytes(data, ".jpeg", "image/jpeg")

    def original(self, number: int) -> FrameBytes:
        """Frame ``number`` as uploaded (generated video frames: PNG)."""
        row = self.frames[number]
        if self.uploaded:
            ext = PurePosixPath(row.path).suffix.lower()
            mime = mimetypes.guess_type(row.path)[0] or "application/octet-stream"
            return FrameBytes(self._media.original(self.data_id, row.path).read_bytes(), ext, mime)
        fmt = "PNG" if self.video else "JPEG"
        data = images.frame(self.task_id, number, row.width, row.height, self.row["image_quality"], fmt)
        return FrameBytes(data, ".png" if self.video else ".jpg", "image/png" if self.video else "image/jpeg")

    def preview(self) -> bytes:
        """The ≤256×256 JPEG thumbnail of the first frame."""
        if self.uploaded:
            return self._media.preview(self.data_id).read_bytes()
        return images.preview(self.task_id, self.row["width"], self.row["height"])
