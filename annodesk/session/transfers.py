"""Exporting and importing annotations for one session, without Qt.

The server's formats are asked once per session and kept (:class:`FormatCatalog`); exports follow CVAT's file
naming rule (:func:`export_file_name`); an import is followed by a read-back of what the task or job now holds
(:class:`ObjectCounts`). Transfers themselves run in the client library (202 → 201 → download, upload → 202 →
201), which leaves no half-written file behind on failure or cancellation.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from annodesk.api import CvatClient
from annodesk.api.annotation_models import Annotations
from annodesk.api.annotation_transfer import TransferProgress
from annodesk.api.task_models import AnnotationFormat, AnnotationFormats

DEFAULT_EXPORTERS = {"annotation": "CVAT for images 1.1", "interpolation": "CVAT for video 1.1"}
"""The format CVAT's web UI marks as the default export of a task mode."""
DEFAULT_IMPORTER = "CVAT 1.1"
POLL_INTERVAL = 0.5  # seconds between "is it ready?" requests while the server prepares or imports

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


class FormatCatalog:
    """The server's import and export formats, asked once and kept for the session.

    Several askers at once share one request; a failed request is not kept, so the next ask tries again.
    ``loads`` counts the answers received (one per session, unless a request failed).
    """

    def __init__(self, load: Callable[[], Awaitable[AnnotationFormats]]) -> None:
        self._load = load
        self._formats: AnnotationFormats | None = None
        self._lock = asyncio.Lock()
        self.loads = 0

    @property
    def formats(self) -> AnnotationFormats | None:
        """The formats if already known."""
        return self._formats

    async def get(self) -> AnnotationFormats:
        """The formats, from the server the first time."""
        if self._formats is None:
            async with self._lock:
                if self._formats is None:
                    self._formats = await self._load()
                    self.loads += 1
        return self._formats


def by_name(formats: tuple[AnnotationFormat, ...]) -> list[AnnotationFormat]:
    """Formats sorted by name, as CVAT's web UI lists them (case-insensitive)."""
    return sorted(formats, key=lambda entry: entry.name.casefold())


def default_exporter(mode: str) -> str:
    """The default export format of a task mode (``annotation`` or ``interpolation``)."""
    return DEFAULT_EXPORTERS.get(mode, DEFAULT_EXPORTERS["annotation"])


def safe_file_name(name: str) -> str:
    """``name`` with the characters no file system takes (``/``, ``\\``, ``:``…, control codes) as ``_``."""
    cleaned = _UNSAFE.sub("_", name).strip().rstrip(".")
    return cleaned or "export"


def export_file_name(task_name: str, updated: datetime, exporter: AnnotationFormat) -> str:
    """CVAT's name for an export: ``task_<name>-<YYYY_MM_DD_HH_MM_SS>-<format>.<ext>``, lower-cased.

    The time is the task's last change (UTC), as the server stamps it; characters a file system refuses are
    replaced.
    """
    stamp = updated.astimezone(UTC).strftime("%Y_%m_%d_%H_%M_%S")
    extension = exporter.extensions[0] if exporter.extensions else "zip"
    return safe_file_name(f"task_{task_name}-{stamp}-{exporter.name}.{extension}".lower())


@dataclass(frozen=True)
class ObjectCounts:
    """How many annotation objects a task or job holds."""

    shapes: int = 0
    tracks: int = 0
    tags: int = 0

    @property
    def total(self) -> int:
        return self.shapes + self.tracks + self.tags

    @classmethod
    def of(cls, annotations: Annotations) -> ObjectCounts:
        return cls(len(annotations.shapes), len(annotations.tracks), len(annotations.tags))


@dataclass(frozen=True)
class TransferTarget:
    """What a transfer concerns: a task, or one job of it (``job_id``; ``frames`` its first and last frame)."""

    task_id: int
    task_name: str = ""
    job_id: int | None = None
    frames: tuple[int, int] | None = None

    @property
    def is_job(self) -> bool:
        return self.job_id is not None

    @property
    def key(self) -> tuple[int, int | None]:
        """What CVAT keys an import by (with the user): the task, or the job."""
        return (self.task_id, self.job_id)


class TransferService:
    """Exports and imports through one signed-in client; the formats are asked once (``formats``)."""

    def __init__(self, client: CvatClient, interval: float = POLL_INTERVAL) -> None:
        self.client = client
        self.interval = interval
        self.formats = FormatCatalog(client.annotation_formats)

    async def export(
        self,
        task_id: int,
        format_name: str,
        destination: Path,
        *,
        dataset: bool = False,
        progress: TransferProgress | None = None,
    ) -> Path:
        """Save the task's annotations (``dataset``: with its images) in ``format_name`` to ``destination``."""
        method = self.client.export_dataset if dataset else self.client.export_annotations
        return await method(task_id, format_name, destination, interval=self.interval, progress=progress)

    async def follow_import(self, target: TransferTarget, format_name: str, file: Path) -> None:
        """Follow a server-side import whose wait was cancelled to its end.

        CVAT keys imports by user and task (or job), and keeps a finished one until its result is asked for: a new
        import would otherwise get the old one's answer without its file being read. Sending the same request again
        joins the running import (its file is not read again) and consumes its result.
        """
        if target.job_id is not None:
            await self.client.import_job_annotations(target.job_id, format_name, file, interval=self.interval)
        else:
            await self.client.import_task_annotations(target.task_id, format_name, file, interval=self.interval)

    async def import_annotations(
        self,
        target: TransferTarget,
        format_name: str,
        file: Path,
        *,
        progress: TransferProgress | None = None,
    ) -> ObjectCounts:
        """Replace the target's annotations with ``file``'s; return what it holds afterwards (read back)."""
        if target.job_id is not None:
            await self.client.import_job_annotations(
                target.job_id, format_name, file, interval=self.interval, progress=progress
            )
            if progress is not None:
                progress("counting", 0, None)
            return ObjectCounts.of(await self.client.get_job_annotations(target.job_id))
        await self.client.import_task_annotations(
            target.task_id, format_name, file, interval=self.interval, progress=progress
        )
        if progress is not None:
            progress("counting", 0, None)
        return ObjectCounts.of(await self.client.get_task_annotations(target.task_id))
