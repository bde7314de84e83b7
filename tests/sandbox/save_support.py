"""Support for the ``JobSaver`` tests: a signed-in client against the sandbox over real HTTP that records every
request (method, action, objects in the body), the job read raw, and a few edits made with the edit functions."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx

from annodesk.annotations import Annotations, LabelSet, edits
from annodesk.annotations.identity import ObjectKey
from annodesk.api import CvatClient
from annodesk.sandbox import SandboxServer
from annodesk.session.job_save import JobSaver

from ..api.helpers import run, sign_in
from .annotation_helpers import Job

T = TypeVar("T")
KINDS = ("tags", "shapes", "tracks")


@dataclass
class Sent:
    """One request the client made: method, ``action`` query, objects per kind in its body."""

    method: str
    action: str | None
    objects: dict[str, int] = field(default_factory=dict)
    body: dict[str, Any] | None = None

    @property
    def total(self) -> int:
        return sum(self.objects.values())


class Recorder:
    """Every answered request of a client, in order."""

    def __init__(self) -> None:
        self.sent: list[Sent] = []

    async def __call__(self, response: httpx.Response) -> None:
        request = response.request
        if not request.url.path.endswith("/annotations"):
            return
        body = json.loads(request.content) if request.content else None
        objects = {kind: len(body.get(kind, ())) for kind in KINDS} if isinstance(body, dict) else {}
        self.sent.append(Sent(request.method, request.url.params.get("action"), objects, body))

    def patches(self) -> list[Sent]:
        return [s for s in self.sent if s.method == "PATCH"]

    def clear(self) -> None:
        self.sent.clear()


def with_client(server: SandboxServer, body: Callable[[CvatClient, Recorder], Awaitable[T]], **kwargs: Any) -> T:
    """Run ``body(client, recorder)`` with a client signed in as ``demo`` whose requests are recorded."""

    async def main() -> T:
        client = await sign_in(server, "demo", **kwargs)
        recorder = Recorder()
        client.add_response_hook(recorder)
        async with client:
            return await body(client, recorder)

    return run(main())


def server_json(http: httpx.Client, job: Job) -> dict[str, Any]:
    response = http.get(job.path)
    assert response.status_code == 200, response.text
    return response.json()


def loaded(http: httpx.Client, job: Job) -> Annotations:
    """The job as the workspace loads it (domain objects)."""
    return Annotations.from_json(server_json(http, job))


def saver(client: CvatClient, job: Job, base: Annotations, **kwargs: Any) -> JobSaver:
    return JobSaver(client, job.id, LabelSet.from_json(job.labels), base, **kwargs)


def key(kind: str, document: Annotations, index: int) -> ObjectKey:
    item = getattr(document, kind)[index]
    return kind, item.id


def new_rectangle(
    job: Job, document: Annotations, points: list[float], frame: int = 0
) -> tuple[Annotations, ObjectKey]:
    made = edits.create_shape(
        document,
        LabelSet.from_json(job.labels),
        shape_type="rectangle",
        frame=frame,
        label_id=job.ids["car"],
        points=points,
        image=None,
    )
    return made.annotations, made.keys[0]


def moved(document: Annotations, object_key: ObjectKey, dx: float = 3.0, frame: int | None = None) -> Annotations:
    if frame is None:
        from annodesk.annotations.identity import find

        frame = find(document, object_key)[1].frame
    return edits.move(document, object_key, frame, dx, dx, image=None)


def deleted(document: Annotations, *keys: ObjectKey) -> Annotations:
    return edits.delete(document, keys)


def ids(document: dict[str, Any] | Annotations, kind: str = "shapes") -> list[int]:
    items = document[kind] if isinstance(document, dict) else getattr(document, kind)
    return sorted(item["id"] if isinstance(item, dict) else item.id for item in items)
