"""The video half of ``POST tasks/{id}/data``, after CVAT v1.1's ``_create_thread`` for a video: decode the
frames (``start_frame``…``stop_frame``, every ``step``-th), write every chunk of 36 frames (compressed:
downscaled MP4; original: full-size MP4) and the preview, then save the frames, segments and jobs.
"""

from __future__ import annotations

import contextlib
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from PIL import Image

from . import video
from .chunks import chunk_path, write_atomically
from .media_records import FrameRow, MediaRecords
from .media_store import MediaStore
from .worker import Job

if TYPE_CHECKING:
    from .processing import DataJob

VIDEO_CHUNK_SIZE = 36
PREVIEW_SIZE = (256, 256)


def process_video(media: MediaStore, records: MediaRecords, job: Job, request: DataJob, path: Path) -> None:
    """Decode ``path`` (under ``raw/``) into chunks and save the task's frames; raise on failure."""
    import av  # imported when first needed: ~80 ms the sandbox's start-up does without

    chunk_size = request.chunk_size or VIDEO_CHUNK_SIZE
    total = _frame_count(path)
    frames: list[FrameRow] = []
    pending: list[Image.Image] = []
    try:
        source = video.read_frames(path, request.start_frame, request.stop_frame, request.frame_step)
        for image in source:
            if not frames:
                preview = image.copy()
                preview.thumbnail(PREVIEW_SIZE)
                media.preview(request.data_id).parent.mkdir(parents=True, exist_ok=True)
                preview.save(media.preview(request.data_id), "JPEG")
            frames.append(FrameRow(f"frame_{len(frames):06d}", image.width, image.height))
            pending.append(image)
            if len(pending) == chunk_size:
                _write_chunk(media, request, (len(frames) - 1) // chunk_size, pending)
                pending = []
                if total:
                    done = min(100, round(len(frames) * 100 / max(1, total // request.frame_step)))
                    job.progress(f"Images are being compressed {done}%")
    except av.FFmpegError as error:
        reason = getattr(error, "strerror", None) or type(error).__name__
        raise ValueError(f"cannot decode video file '{path.name}': {reason}") from None
    if pending:
        _write_chunk(media, request, (len(frames) - 1) // chunk_size, pending)
    if not frames:
        raise ValueError("No media data found")
    stop_frame = request.start_frame + (len(frames) - 1) * request.frame_step
    job.progress("Task is being saved in database")
    name = str(PurePosixPath(path.relative_to(media.raw(request.data_id)).as_posix()))
    records.save_processed(request.task_id, request.data_id, frames, chunk_size, stop_frame, video_name=name)


def _write_chunk(media: MediaStore, request: DataJob, index: int, images: list[Image.Image]) -> None:
    for quality in ("compressed", "original"):
        data = video.encode_chunk(images, compressed=quality == "compressed", image_quality=request.image_quality)
        write_atomically(chunk_path(media, request.data_id, index, quality, True), data)


def _frame_count(path: Path) -> int:
    """The video's frame count as its header says (0 when unknown)."""
    import av

    with contextlib.suppress(av.FFmpegError), av.open(str(path)) as container:
        return int(container.streams.video[0].frames or 0)
    return 0
