"""Typed, immutable models of CVAT v1 objects, decoded straight from the server's JSON.

msgspec ``Struct`` s were chosen by measurement (``benchmarks/model_memory.py``): they parse the task list
several times faster than pydantic and hold a task in a fraction of the memory. Unknown fields are ignored
(servers v1.1 to v1.3 differ); a missing required field raises :class:`msgspec.ValidationError`, which the
client turns into :class:`~annodesk.api.errors.MalformedResponse`.

Version tolerance: ``owner``/``assignee`` are user ids on v1.1 and nested objects on v1.2+; both decode,
and ``owner_id``/``assignee_id`` give the id either way.
"""

from __future__ import annotations

from datetime import datetime
from typing import Generic, TypeVar

import msgspec

T = TypeVar("T")


class _Model(msgspec.Struct, frozen=True, gc=False, kw_only=True):
    """Base: immutable, not tracked by the cyclic GC (no reference cycles), keyword-only.

    Subclasses say ``frozen=True`` again: msgspec inherits it at run time, but type checkers read only the class
    statement (``dataclass_transform``).
    """


class UserRef(_Model, frozen=True):
    """A user as v1.2+ nests it inside tasks and jobs."""

    id: int
    username: str = ""
    first_name: str = ""
    last_name: str = ""
    url: str = ""


UserField = int | UserRef | None


def user_id(value: UserField) -> int | None:
    """The user id of an ``owner``/``assignee`` field in either server generation's shape."""
    return value.id if isinstance(value, UserRef) else value


class User(_Model, frozen=True):
    """A CVAT user; the basic serializer has only the first five fields."""

    id: int
    username: str
    url: str = ""
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    groups: tuple[str, ...] = ()
    is_staff: bool = False
    is_superuser: bool = False
    is_active: bool = True
    last_login: datetime | None = None
    date_joined: datetime | None = None

    @property
    def display_name(self) -> str:
        """``First Last (username)`` (CJK names family first, unspaced: ``张伟``), or just the username."""
        if _is_cjk(self.first_name) and _is_cjk(self.last_name):
            full = f"{self.last_name}{self.first_name}"
        else:
            full = " ".join(p for p in (self.first_name, self.last_name) if p)
        return f"{full} ({self.username})" if full else self.username


def _is_cjk(text: str) -> bool:
    """Whether ``text`` is non-empty and written in CJK ideographs only."""
    return bool(text) and all("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


class Attribute(_Model, frozen=True):
    """An attribute spec of a label."""

    id: int
    name: str
    input_type: str
    mutable: bool = False
    default_value: str = ""
    values: tuple[str, ...] = ()


class Label(_Model, frozen=True):
    """A label of a task, with its attribute specs."""

    id: int
    name: str
    color: str = ""
    attributes: tuple[Attribute, ...] = ()


class JobRef(_Model, frozen=True):
    """A job as listed inside a task's segment."""

    id: int
    status: str
    url: str = ""
    assignee: UserField = None

    @property
    def assignee_id(self) -> int | None:
        return user_id(self.assignee)


class Segment(_Model, frozen=True):
    """A frame range of a task (inclusive) and the jobs that annotate it."""

    start_frame: int
    stop_frame: int
    jobs: tuple[JobRef, ...] = ()


class Job(_Model, frozen=True):
    """A job, as ``GET jobs/{id}`` returns it."""

    id: int
    status: str
    start_frame: int
    stop_frame: int
    task_id: int
    url: str = ""
    assignee: UserField = None

    @property
    def assignee_id(self) -> int | None:
        return user_id(self.assignee)


class Task(_Model, frozen=True):
    """A task. The ``data_*``/``size``/``image_quality``/``data`` keys are absent until data is attached."""

    id: int
    name: str
    status: str
    created_date: datetime
    updated_date: datetime
    labels: tuple[Label, ...]
    segments: tuple[Segment, ...]
    url: str = ""
    mode: str = ""
    owner: UserField = None
    assignee: UserField = None
    bug_tracker: str = ""
    overlap: int | None = None
    segment_size: int = 0
    z_order: bool = False
    project: int | None = None
    project_id: int | None = None
    size: int | None = None
    image_quality: int | None = None
    data: int | None = None
    data_chunk_size: int | None = None
    data_compressed_chunk_type: str | None = None
    data_original_chunk_type: str | None = None
    dimension: str | None = None
    subset: str | None = None

    @property
    def owner_id(self) -> int | None:
        return user_id(self.owner)

    @property
    def assignee_id(self) -> int | None:
        return user_id(self.assignee)

    @property
    def has_data(self) -> bool:
        """Whether media was attached and processed (data keys present, ``size`` > 0: CVAT shows a data
        record of size 0 while an upload is processed, and keeps it when processing failed)."""
        return bool(self.size)

    @property
    def project_ref(self) -> int | None:
        """The project id on any server version (``project`` on v1.1, ``project_id`` on v1.2+)."""
        return self.project if self.project is not None else self.project_id

    @property
    def jobs(self) -> tuple[JobRef, ...]:
        """All jobs of all segments, in segment order."""
        return tuple(job for segment in self.segments for job in segment.jobs)


class Page(_Model, Generic[T], frozen=True):
    """One page of a paginated list. ``page``/``page_size`` record what was asked."""

    count: int
    results: tuple[T, ...]
    next: str | None = None
    previous: str | None = None
    page: int = 1
    page_size: int = 10

    @property
    def page_count(self) -> int:
        """How many pages of ``page_size`` hold ``count`` items (at least 1)."""
        if self.page_size <= 0:
            return 1
        return max(1, -(-self.count // self.page_size))


class FrameInfo(_Model, frozen=True):
    """Size and file name of one frame (for a video task, the whole video)."""

    width: int
    height: int
    name: str = ""


class DataMeta(_Model, frozen=True):
    """``GET tasks/{id}/data/meta``."""

    size: int
    image_quality: int
    frames: tuple[FrameInfo, ...]
    chunk_size: int = 0
    start_frame: int = 0
    stop_frame: int = 0
    frame_filter: str = ""


class ServerAbout(_Model, frozen=True):
    """``GET server/about``; ``version`` is e.g. ``"1.1"``."""

    name: str
    version: str
    description: str = ""

    @property
    def version_tuple(self) -> tuple[int, ...]:
        """The version as integers, ``(1, 1)``; unparsable parts count as 0."""
        parts = []
        for piece in self.version.split("."):
            digits = "".join(ch for ch in piece if ch.isdigit())
            parts.append(int(digits) if digits else 0)
        return tuple(parts)


class RegisteredUser(_Model, frozen=True):
    """The answer to ``POST auth/register`` (it carries no token)."""

    username: str
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    email_verification_required: bool = False


class AuthToken(_Model, frozen=True):
    """The answer to ``POST auth/login``."""

    key: str
