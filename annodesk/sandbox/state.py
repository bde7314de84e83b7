"""What every view shares: the stores, the background worker, the anonymous throttle, and accepted Host headers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .accounts import AccountStore
from .annotation_store import AnnotationStore
from .db import Database
from .export_cache import ExportCache
from .limits import Limits
from .media_records import MediaRecords
from .media_store import MediaStore
from .processing import DataProcessor
from .projects import ProjectStore
from .task_annotations import TaskAnnotations
from .task_edits import TaskEditor
from .tasks import TaskStore
from .throttle import AnonThrottle
from .worker import Worker


@dataclass
class SandboxState:
    """The server's data, files and settings."""

    db: Database
    accounts: AccountStore
    tasks: TaskStore
    projects: ProjectStore
    edits: TaskEditor
    media: MediaStore
    media_records: MediaRecords
    processor: DataProcessor
    annotations: AnnotationStore
    task_annotations: TaskAnnotations
    export_cache: ExportCache
    imports_dir: Path
    worker: Worker
    throttle: AnonThrottle
    auth_failures: AnonThrottle  # failed HTTP Basic sign-ins per address, at the anonymous rate
    allowed_hosts: frozenset[str]
    limits: Limits

    @classmethod
    def open(
        cls, db: Database, anon_throttle: int, host: str, data_dir: Path, limits: Limits | None = None
    ) -> SandboxState:
        """Stores over ``db`` and ``data_dir``; Host headers: Django's ``ALLOWED_HOSTS`` and the bind address."""
        limits = limits or Limits()
        media = MediaStore(data_dir / "media")
        records = MediaRecords(db)
        return cls(
            db=db,
            accounts=AccountStore(db),
            tasks=TaskStore(db),
            projects=ProjectStore(db),
            edits=TaskEditor(db),
            media=media,
            media_records=records,
            processor=DataProcessor(media, records, share_root=data_dir / "share", limits=limits),
            annotations=AnnotationStore(db),
            task_annotations=TaskAnnotations(db),
            export_cache=ExportCache(data_dir / "exports"),
            imports_dir=data_dir / "imports",
            worker=Worker(),
            throttle=AnonThrottle(anon_throttle),
            auth_failures=AnonThrottle(anon_throttle),
            allowed_hosts=frozenset({"localhost", "127.0.0.1", "::1", host}),
            limits=limits,
        )
