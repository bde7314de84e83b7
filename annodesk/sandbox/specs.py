"""Plain descriptions of tasks to insert (sample data, generated data), and CVAT's segment arithmetic."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AttributeSpec:
    """An attribute of a label: CVAT's ``AttributeSpec``."""

    name: str
    input_type: str
    values: tuple[str, ...]
    mutable: bool = False
    default_value: str | None = None  # None: the first value, as the web UI does

    @property
    def default(self) -> str:
        """The default value to store."""
        return self.default_value if self.default_value is not None else (self.values[0] if self.values else "")


@dataclass(frozen=True, slots=True)
class LabelSpec:
    """A label with its attributes."""

    name: str
    color: str
    attributes: tuple[AttributeSpec, ...] = ()


@dataclass(frozen=True, slots=True)
class DataSpec:
    """Media attached to a task: ``size`` images (or video frames) of one size."""

    size: int
    width: int = 1280
    height: int = 720
    image_quality: int = 70
    video: bool = False
    name_pattern: str = "images/{:06d}.jpg"

    @property
    def chunk_size(self) -> int:
        """CVAT's default chunk size: 36 for video, else scaled to the image area (2–72)."""
        if self.video:
            return 36
        return max(2, min(72, 36 * 1920 * 1080 // (self.width * self.height)))


@dataclass(frozen=True, slots=True)
class TaskSpec:
    """A task to insert; ``jobs`` gives (assignee id, status) per segment, cycling when shorter."""

    name: str
    owner_id: int | None
    labels: tuple[LabelSpec, ...]
    assignee_id: int | None = None
    bug_tracker: str = ""
    data: DataSpec | None = None
    segment_size: int = 0
    overlap: int | None = None
    z_order: bool = False
    project_id: int | None = None
    jobs: tuple[tuple[int | None, str], ...] = ((None, "annotation"),)
    created: str = ""
    updated: str = ""


def effective_overlap(spec: TaskSpec) -> int | None:
    """The overlap CVAT stores once data is processed (None while the task has no data)."""
    if spec.data is None:
        return spec.overlap
    return processed_overlap(spec.overlap, spec.segment_size, spec.data.size, video=spec.data.video)


def processed_overlap(overlap: int | None, segment_size: int, size: int, *, video: bool) -> int:
    """CVAT's ``_save_task_to_db``: default 5 for video, 0 otherwise, at most half a segment."""
    value = overlap if overlap is not None else (5 if video else 0)
    return min(value, (segment_size or size) // 2)


def segment_length(segment_size: int, size: int) -> int:
    """Frames per segment: the whole task when ``segment_size`` is 0 or larger than it."""
    return size if segment_size == 0 or segment_size > size else segment_size


def segment_ranges(segment_size: int, overlap: int, size: int) -> list[tuple[int, int]]:
    """Inclusive (start, stop) frame ranges, as CVAT's ``_save_task_to_db`` cuts them.

    ``segment_size`` 0 means one segment for every frame; consecutive segments share ``overlap`` frames.
    """
    if size <= 0:
        return []
    if segment_size == 0:
        return [(0, size - 1)]
    step = max(1, segment_size - overlap)
    return [(start, min(start + segment_size - 1, size - 1)) for start in range(0, size, step)]


def task_status(job_statuses: list[str]) -> str:
    """A task's status from its jobs: any annotation → annotation, else any validation → validation."""
    if not job_statuses or "annotation" in job_statuses:
        return "annotation"
    return "validation" if "validation" in job_statuses else "completed"
