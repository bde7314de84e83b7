"""A task's chunks as CVAT v1.1 serves them: a zip of JPEGs (images: ``000000.jpeg``… numbered within the chunk,
compressed, or the uploaded files unchanged, original) or an MP4 (video: downscaled compressed, full-size
original). Chunks are kept on disk under the data record's ``chunks/`` folder once made: uploaded videos get
theirs while processing (as CVAT writes every chunk at task creation), generated media on first request.
"""

from __future__ import annotations

import io
import os
import tempfile
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

from PIL import Image

from . import images, video
from .frame_source import FrameSource
from .media_store import MediaStore

QUALITIES = ("compressed", "original")
_locks: dict[Path, threading.Lock] = {}
_locks_guard = threading.Lock()


def chunk_path(media: MediaStore, data_id: int, index: int, quality: str, is_video: bool) -> Path:
    """Where chunk ``index`` of a data record is kept."""
    return media.folder(data_id) / "chunks" / f"{index}.{quality}.{'mp4' if is_video else 'zip'}"


def chunk_frames(source: FrameSource, index: int) -> range:
    """The frame numbers in chunk ``index``."""
    chunk_size = source.row["chunk_size"] or 1
    first = index * chunk_size
    return range(first, min(source.size, first + chunk_size))


def chunk_bytes(source: FrameSource, media: MediaStore, index: int, quality: str) -> bytes:
    """Chunk ``index`` at ``quality`` (made and kept on disk when missing); blocking, call from a thread."""
    path = chunk_path(media, source.data_id, index, quality, source.video)
    if path.exists():
        return path.read_bytes()
    with _lock_for(path):
        if path.exists():
            return path.read_bytes()
        data = _video_chunk(source, index, quality) if source.video else _zip_chunk(source, index, quality)
        write_atomically(path, data)
        return data


def video_frame(source: FrameSource, media: MediaStore, number: int, quality: str) -> Image.Image:
    """One frame of an uploaded video, decoded from its chunk (compressed frames keep the chunk's size)."""
    chunk_size = source.row["chunk_size"] or 1
    data = chunk_bytes(source, media, number // chunk_size, quality)
    for offset, image in enumerate(video.decode_chunk(data)):
        if offset == number % chunk_size:
            return image
    raise ValueError(f"Incorrect requested frame number: {number}")


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".part-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _zip_chunk(source: FrameSource, index: int, quality: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for offset, number in enumerate(chunk_frames(source, index)):
            frame = source.compressed(number) if quality == "compressed" else source.original(number)
            archive.writestr(f"{offset:06d}{frame.ext}", frame.data)
    return buffer.getvalue()


def _video_chunk(source: FrameSource, index: int, quality: str) -> bytes:
    """Generated video: encode the chunk's pictures (uploaded videos have every chunk on disk already)."""
    if source.uploaded:
        raise FileNotFoundError(f"[Errno 2] No such file or directory: '{index}.mp4'")

    def pictures() -> Iterator[Image.Image]:
        for number in chunk_frames(source, index):
            row = source.frames[number]
            yield images.picture(source.task_id, number, row.width, row.height)

    return video.encode_chunk(
        pictures(), compressed=quality == "compressed", image_quality=int(source.row["image_quality"])
    )


def _lock_for(path: Path) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(path, threading.Lock())
