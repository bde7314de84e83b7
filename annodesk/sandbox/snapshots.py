"""Build the :class:`~annodesk.sandbox.formats.TaskSnapshot` that exporters write and importers resolve against."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .formats.model import AttributeMeta, FrameMeta, LabelMeta, Person, TaskSnapshot
from .frame_source import FrameSource

if TYPE_CHECKING:
    from .state import SandboxState


def frame_source(state: SandboxState, task_id: int) -> FrameSource | None:
    """The task's frames (None without a data record)."""
    row = state.tasks.media(task_id)
    return None if row is None else FrameSource(task_id, row, state.media, state.media_records)


def build_snapshot(
    state: SandboxState, task_id: int, server_url: str = "", *, with_annotations: bool = True
) -> TaskSnapshot:
    """The task's metadata, labels, frames, jobs and (merged, defaults filled) annotations."""
    task = state.tasks.load([task_id], f"{server_url}/api/v1")[0]
    source = frame_source(state, task_id)
    frames = [
        FrameMeta(number, row.path, row.width, row.height)
        for number, row in enumerate(source.frames if source is not None else [])
    ]
    labels = [
        LabelMeta(
            label["id"],
            label["name"],
            label["color"],
            tuple(
                AttributeMeta(a["id"], a["name"], a["mutable"], a["input_type"], a["default_value"], tuple(a["values"]))
                for a in label["attributes"]
            ),
        )
        for label in task["labels"]
    ]
    jobs = sorted(
        (job["id"], segment["start_frame"], segment["stop_frame"])
        for segment in task["segments"]
        for job in segment["jobs"]
    )
    row = source.row if source is not None else None
    return TaskSnapshot(
        id=task_id,
        name=task["name"],
        mode=task["mode"],
        overlap=task["overlap"] or 0,
        bug_tracker=task["bug_tracker"],
        created=task["created_date"],
        updated=task["updated_date"],
        start_frame=row["start_frame"] if row is not None else 0,
        stop_frame=row["stop_frame"] if row is not None else 0,
        frame_filter=row["frame_filter"] if row is not None else "",
        z_order=task["z_order"],
        labels=labels,
        segments=jobs,
        owner=_person(state, task["owner"]),
        assignee=_person(state, task["assignee"]),
        frames=frames,
        annotations=state.task_annotations.get(task_id) if with_annotations else {},
        server_url=server_url,
    )


def _person(state: SandboxState, user_id: int | None) -> Person | None:
    if user_id is None:
        return None
    account = state.accounts.by_id(user_id)
    return None if account is None else Person(account.username, account.email)
