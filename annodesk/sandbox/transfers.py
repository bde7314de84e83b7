"""Background exports and imports of annotations: the work the worker runs, reusing a cached export file while the
task's ``updated_date`` has not moved (:mod:`.export_cache`), and forgetting all of a task's background state."""

from __future__ import annotations

import os
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .annotation_store import JobWriter
from .formats import Format
from .formats.members import member_limit
from .snapshots import build_snapshot, frame_source
from .task_annotations import split_by_jobs
from .worker import Job

if TYPE_CHECKING:
    from .state import SandboxState


def export_key(task_id: int, kind: str, format_name: str) -> str:
    """CVAT's job id for an export (``kind``: ``annotations`` or ``dataset``); shared by every user."""
    return f"/api/v1/tasks/{task_id}/{kind}/{format_name}"


def import_key(username: str, scope: str, object_id: int) -> str:
    """CVAT's job id for an import into a task or job (``scope``: ``tasks`` or ``jobs``), per user."""
    return f"{username}@/api/v1/{scope}/{object_id}/annotations/upload"


def parse_date(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def produce_export(state: SandboxState, job: Job, task_id: int, kind: str, fmt: Format, server_url: str) -> Path:
    """Write the export (or reuse a cached one newer than the task's last change); return its path."""
    target = state.export_cache.path(task_id, kind, fmt.name)
    updated = parse_date(state.tasks.load([task_id], "")[0]["updated_date"])
    if target.exists() and target.stat().st_mtime >= updated.timestamp():
        return target
    job.progress("Annotations are being exported")
    snapshot = build_snapshot(state, task_id, server_url)
    source = frame_source(state, task_id) if kind == "dataset" else None
    images = source.original if source is not None else None
    dumped = str(datetime.now(UTC))
    assert fmt.write is not None
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".export-", suffix=".zip")
    try:
        with (
            os.fdopen(handle, "wb") as out,
            zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive,
        ):  # as CVAT's make_zip_archive
            fmt.write(snapshot, archive, images, dumped)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def run_import(
    state: SandboxState, job: Job, task_id: int, job_id: int | None, fmt: Format, upload: Path
) -> dict[str, Any]:
    """Parse ``upload`` and replace the task's (or one job's) annotations with what it holds."""
    try:
        job.progress("Annotations are being imported")
        snapshot = build_snapshot(state, task_id, with_annotations=False)
        assert fmt.read is not None
        with member_limit(state.limits.annotation_file):
            data = fmt.read(upload, snapshot)
        if job_id is None:
            return state.task_annotations.write(task_id, data, "put")
        start, stop = next((s, e) for j, s, e in snapshot.segments if j == job_id)
        part = dict(split_by_jobs(data, [(job_id, start, stop)], max(0, snapshot.size - 1)))[job_id]
        with state.db.write() as conn:
            return JobWriter(conn, task_id).put(job_id, part)
    finally:
        upload.unlink(missing_ok=True)


def invalidate_exports(state: SandboxState, task_id: int) -> None:
    """Drop cached exports and export jobs of a task whose labels or name changed."""
    state.export_cache.remove_task(task_id)
    prefixes = (export_key(task_id, "annotations", ""), export_key(task_id, "dataset", ""))
    state.worker.delete_matching(lambda key: key.startswith(prefixes))


def forget_task(state: SandboxState, task_id: int, job_ids: list[int]) -> None:
    """Drop every background job and cached file of a deleted task."""
    invalidate_exports(state, task_id)
    task_path = f"/api/v1/tasks/{task_id}"
    job_paths = tuple(f"/api/v1/jobs/{job_id}/" for job_id in job_ids)

    def belongs(key: str) -> bool:
        path = key.partition("@")[2] or key
        return path == task_path or path.startswith(task_path + "/") or path.startswith(job_paths)

    state.worker.delete_matching(belongs)
