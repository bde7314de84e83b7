"""The background half of ``POST tasks/{id}/data``, after CVAT v1.1's ``_create_thread``: classify the files,
extract archives, decode and re-encode every image with Pillow, make the preview, then save frames, segments
and jobs. Each step reports CVAT's progress messages; any failure becomes the job's one-line error.

The sandbox never connects anywhere: remote files fail with a clear message. PDF fails too (no PDF renderer),
honestly worded. Images (anything Pillow opens), zip/tar archives of images and videos (PyAV, in
``video_processing``) work.
"""

from __future__ import annotations

import mimetypes
import shutil
import tarfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image, UnidentifiedImageError

from .media_records import FrameRow, MediaRecords
from .media_store import MediaStore, safe_relative
from .video_processing import process_video
from .worker import Job

MEDIA_TYPES = ("image", "video", "archive", "directory", "pdf", "zip")
UNIQUE = ("video", "archive", "pdf", "zip")
MULTIPLE = ("image", "directory")
ARCHIVE_MIMES = {
    "application/x-rar-compressed",
    "application/vnd.rar",
    "application/x-tar",
    "application/x-7z-compressed",
    "application/x-cpio",
    "gzip",
    "bzip2",
}
PREVIEW_SIZE = (256, 256)


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


def media_type(name: str, is_dir: Callable[[str], bool] = lambda _: False) -> str | None:
    """CVAT's ``get_mime``: the first media type whose test the file name passes (None: skipped)."""
    mime, encoding = mimetypes.guess_type(name)
    if mime and mime.startswith("image") and not mime.startswith("image/svg"):
        return "image"
    if mime and mime.startswith("video"):
        return "video"
    if mime in ARCHIVE_MIMES or encoding in ARCHIVE_MIMES:
        return "archive"
    if is_dir(name):
        return "directory"
    if mime == "application/pdf":
        return "pdf"
    if mime == "application/zip" or encoding == "application/zip":
        return "zip"
    return None


def count_files(names: list[str], is_dir: Callable[[str], bool] = lambda _: False) -> dict[str, list[str]]:
    """Files by media type (unknown kinds are left out, as CVAT skips them with a warning)."""
    counter: dict[str, list[str]] = {kind: [] for kind in MEDIA_TYPES}
    for name in names:
        kind = media_type(name, is_dir)
        if kind is not None:
            counter[kind].append(name)
    return counter


def validate_counts(counter: dict[str, list[str]]) -> str:
    """The one media type to process; CVAT's ValueErrors for none or a forbidden mix."""
    unique = sum(len(counter[kind]) for kind in UNIQUE)
    multiple = sum(len(counter[kind]) for kind in MULTIPLE)
    if (unique == 1 and multiple > 0) or unique > 1:
        count = ", ".join(f"{len(files)} {kind}(s)" for kind, files in counter.items())
        raise ValueError(
            f"Only one {', '.join(UNIQUE)} or many {', '.join(MULTIPLE)} can be used simultaneously,"
            f"             but {count} found."
        )
    if unique == 0 and multiple == 0:
        raise ValueError("No media data found")
    return next(kind for kind, files in counter.items() if files)


class DataProcessor:
    """Runs data jobs against the media folders and records."""

    def __init__(self, media: MediaStore, records: MediaRecords, share_root: Path) -> None:
        self.media = media
        self.records = records
        self.share_root = share_root

    def run(self, job: Job, request: DataJob) -> None:
        """Process ``request``; raise on failure (the worker records the message)."""
        try:
            self._run(job, request)
        except BaseException:
            self.media.clear_derived(request.data_id)
            raise

    def _run(self, job: Job, request: DataJob) -> None:
        if request.size != 0:
            raise NotImplementedError("Adding more data is not implemented")
        for url in request.remote_files:
            job.progress(f"{url} is being downloaded..")
            raise ConnectionRefusedError(
                f"Failed to download {url}. The sandbox server makes no outbound connections: "
                "upload the files instead (client_files)."
            )
        server_files = [self._share_path(path) for path in request.server_files]
        counter = count_files([*request.client_files, *server_files], lambda name: self._is_share_dir(name))
        kind = validate_counts(counter)
        raw = self.media.raw(request.data_id)
        if server_files:
            job.progress("Data are being copied from share..")
            self._copy_from_share(server_files, raw)
        job.progress("Media files are being extracted...")
        if kind == "video":
            process_video(self.media, self.records, job, request, raw / counter["video"][0])
            return
        if kind == "pdf":
            raise NotImplementedError(
                "The sandbox server cannot decode PDF documents (it has no PDF renderer): "
                "upload the pages as images or as a zip archive of images."
            )
        if kind in ("zip", "archive"):
            paths = self._extract(raw / counter[kind][0], raw)
        elif kind == "directory":
            paths = sorted(
                str(path.relative_to(raw))
                for folder in counter["directory"]
                for path in (raw / folder).rglob("*")
                if path.is_file() and media_type(path.name) == "image"
            )
        else:
            paths = sorted(counter["image"])
        stop = request.stop_frame + 1 if request.stop_frame is not None else None
        selected = paths[request.start_frame : stop : request.frame_step]
        if not selected:
            raise ValueError("No media data found")
        frames = self._compress(job, request, selected)
        chunk_size = request.chunk_size or max(2, min(72, 36 * 1920 * 1080 // (frames[0].width * frames[0].height)))
        stop_frame = request.stop_frame or request.start_frame + (len(frames) - 1) * request.frame_step
        job.progress("Task is being saved in database")
        self.records.save_processed(request.task_id, request.data_id, frames, chunk_size, stop_frame)

    # Steps ----------------------------------------------------------------------------------------
    def _share_path(self, path: str) -> str:
        normalized = str(PurePosixPath(path.replace("\\", "/"))).lstrip("/")
        if ".." in PurePosixPath(normalized).parts:
            raise ValueError("Don't use '..' inside file paths")
        return normalized

    def _is_share_dir(self, name: str) -> bool:
        return (self.share_root / name).is_dir()

    def _copy_from_share(self, paths: list[str], raw: Path) -> None:
        for path in paths:
            source, target = self.share_root / path, raw / path
            if source.is_dir():
                shutil.copytree(source, target, dirs_exist_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)  # a missing share file: FileNotFoundError, as in CVAT

    def _extract(self, archive: Path, raw: Path) -> list[str]:
        """Unpack a zip or tar archive into ``raw/`` (members that would leave it are skipped); image paths."""
        names: list[str] = []
        if zipfile.is_zipfile(archive):
            with zipfile.ZipFile(archive) as bundle:
                for member in bundle.infolist():
                    relative = safe_relative(member.filename)
                    if member.is_dir() or relative is None or media_type(relative.name) != "image":
                        continue
                    target = raw / relative
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with bundle.open(member) as source, target.open("wb") as out:
                        shutil.copyfileobj(source, out, 1 << 20)
                    names.append(str(relative))
        elif tarfile.is_tarfile(archive):
            with tarfile.open(archive) as bundle:
                for member in bundle.getmembers():
                    relative = safe_relative(member.name)
                    if not member.isfile() or relative is None or media_type(relative.name) != "image":
                        continue
                    source = bundle.extractfile(member)
                    if source is None:
                        continue
                    target = raw / relative
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with source, target.open("wb") as out:
                        shutil.copyfileobj(source, out, 1 << 20)
                    names.append(str(relative))
        else:
            raise NotImplementedError(f"The sandbox server can only extract zip and tar archives, not {archive.name}.")
        archive.unlink(missing_ok=True)
        return sorted(names)

    def _compress(self, job: Job, request: DataJob, paths: list[str]) -> list[FrameRow]:
        """Decode every image, write its compressed JPEG (and the preview); report progress per chunk."""
        frames: list[FrameRow] = []
        chunk = request.chunk_size or 36
        target = self.media.compressed(request.data_id, 0).parent
        target.mkdir(parents=True, exist_ok=True)
        for number, path in enumerate(paths):
            try:
                with Image.open(self.media.original(request.data_id, path)) as image:
                    image.load()
                    rgb = image.convert("RGB")
            except UnidentifiedImageError:
                raise UnidentifiedImageError(f"cannot identify image file '{path}'") from None
            except OSError as error:
                raise OSError(f"cannot read image file '{path}': {error}") from None
            rgb.save(self.media.compressed(request.data_id, number), "JPEG", quality=request.image_quality)
            if number == 0:
                preview = rgb.copy()
                preview.thumbnail(PREVIEW_SIZE)
                preview.save(self.media.preview(request.data_id), "JPEG")
            frames.append(FrameRow(path, rgb.width, rgb.height))
            if (number + 1) % chunk == 0 or number + 1 == len(paths):
                job.progress(f"Images are being compressed {round((number + 1) * 100 / len(paths))}%")
        return frames
