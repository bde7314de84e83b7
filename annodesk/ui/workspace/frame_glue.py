"""Which frame source the workspace uses for a job.

INTERIM until the frames branch (chunks, caches, prefetch: ``annodesk/workspace/frames.py``) is merged: frames are
read one by one (``data?type=frame&quality=compressed``), decoded to a QImage off the GUI thread and scaled to the
meta size. At merge time :func:`frame_source_for` returns the frames branch's source instead.
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage

from annodesk.api import MalformedResponse
from annodesk.api.models import DataMeta, Job, Task
from annodesk.session.repository import Repository
from annodesk.workspace.controller import FrameSource


class SingleFrames:
    """Frame ``n`` → QImage at the meta size, one request per frame, no cache."""

    def __init__(self, repository: Repository, task: Task, meta: DataMeta) -> None:
        self._client = repository.client
        self._task_id = task.id
        self._meta = meta

    async def frame(self, number: int) -> QImage:
        data = await self._client.task_frame(self._task_id, number)
        frames = self._meta.frames
        info = frames[number] if number < len(frames) else frames[0]
        image = await asyncio.to_thread(_decode, data, QSize(info.width, info.height))
        if image.isNull():
            raise MalformedResponse(f"frame {number} is not an image", detail="")
        return image

    def close(self) -> None:
        pass


def _decode(data: bytes, size: QSize) -> QImage:
    image = QImage.fromData(data)
    if image.isNull() or image.size() == size:
        return image
    return image.scaled(size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)


def frame_source_for(repository: Repository, task: Task, meta: DataMeta, job: Job) -> FrameSource:
    """The frame source for ``job`` of ``task``."""
    return SingleFrames(repository, task, meta)
