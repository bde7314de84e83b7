"""Support for the sync tests: a checked-out job with a few saved objects, offline edits journaled as the
workspace journals them (one :class:`EditStep` per edit, made with the annotations domain), and another user's
edits through the API."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annodesk.annotations import Annotations, LabelSet, normalized
from annodesk.annotations.history import EditStep
from annodesk.api import CvatClient
from annodesk.sandbox import SandboxServer
from annodesk.session.checkout import check_out
from annodesk.session.checkout_store import CheckoutStore
from annodesk.session.journal import Journal
from annodesk.session.sync import LocalCopy, local_copy

from ..annotations.merge_support import canonical
from ..api.helpers import raw_client, ready_task
from ..sandbox.annotation_helpers import Job, body, car_track, make_job, patch, rectangle, tag

KINDS = ("tags", "shapes", "tracks")


def seeded_job(server: SandboxServer, folder: Path, owner: str = "demo") -> Job:
    """A fresh task's first job holding three rectangles (frames 0-2), a car track and a tag, saved by ``owner``
    (who created the task; it has no assignee, so anyone may annotate it)."""
    job = make_job(server, folder) if owner == "demo" else _job_of(server, folder, owner)
    with raw_client(server, owner) as http:
        shapes = [rectangle(job, [10.0 * i, 0, 10.0 * i + 5, 5], frame=i) for i in range(3)]
        created = patch(http, job, "create", body(shapes=shapes, tracks=[car_track(job, [0, 2])], tags=[tag(job, 1)]))
        assert created.status_code == 200, created.text
    return job


@dataclass
class Offline:
    """A job checked out into a store of its own, with its journal."""

    client: CvatClient
    store: CheckoutStore
    journal: Journal
    job: Job

    @property
    def server(self) -> str:
        return self.client.server_url

    def copy(self) -> LocalCopy:
        copy = local_copy(self.store, self.journal, self.server, self.job.id)
        assert copy is not None
        return copy

    def edit(self, before: Annotations, after: Annotations, description: str = "Edit") -> Annotations:
        """Journal one edit as the workspace does (the journal started from the checkout's base on first use)."""
        if self.journal.base(self.job.id) is None:
            copy = self.copy()
            self.journal.begin(self.job.id, copy.base_version, copy.base)
        self.journal.append(self.job.id, EditStep(description, 0, before, after))
        return after

    @property
    def labels(self) -> LabelSet:
        return LabelSet.from_json(self.job.labels)

    def close(self) -> None:
        self.journal.close()
        self.store.close()


async def take_offline(client: CvatClient, job: Job, folder: Path) -> Offline:
    store = CheckoutStore(folder / "offline")
    await check_out(client, store, job.id)
    return Offline(client, store, Journal(folder / "journal", client.server_url), job)


async def server_json(client: CvatClient, job: Job) -> dict[str, Any]:
    return await client.get_job_annotations_json(job.id)


def ids(document: dict[str, Any]) -> set[tuple[str, int]]:
    return {(kind, int(item["id"])) for kind in KINDS for item in document.get(kind, ())}


def same_objects(
    server: dict[str, Any], expected: dict[str, Any] | Annotations, before: dict[str, Any], job: Job
) -> bool:
    """The server holds exactly ``expected``: saved objects by id, and objects made since ``before`` (the server
    gave them ids; ``expected`` has none) as a multiset."""
    fresh = ids(server) - ids(before)
    return canonical(server, fresh, labels=job.labels) == canonical(expected, labels=job.labels)


def named(document: dict[str, Any] | Annotations, labels: list[dict[str, Any]]) -> Counter[Any]:
    """The objects of a document with labels and attributes by name, ids left out (a multiset): what survives an
    export to CVAT's XML and an import into another task with the same labels (other ids)."""
    annotations = document if isinstance(document, Annotations) else Annotations.from_json(document)
    label_set = LabelSet.from_json(labels)
    annotations = normalized(annotations, label_set)
    names = {label.id: label.name for label in label_set.labels}
    specs = {spec.id: spec.name for label in label_set.labels for spec in label.attributes}

    def values(attributes: Any) -> tuple[tuple[str, str], ...]:
        return tuple(sorted((specs[a.spec_id], str(a.value)) for a in attributes))

    def points(values_: Any) -> tuple[float, ...]:
        return tuple(round(float(p), 2) for p in values_)

    found: Counter[Any] = Counter()
    for item in annotations.tags:
        found["tag", item.frame, names[item.label_id], item.group or 0, values(item.attributes)] += 1
    for shape in annotations.shapes:
        found[
            "shape", shape.frame, names[shape.label_id], shape.type, points(shape.points), shape.occluded,
            shape.z_order, shape.group or 0, values(shape.attributes),
        ] += 1  # fmt: skip
    for track in annotations.tracks:
        keyframes = tuple(
            (k.frame, k.type, points(k.points), k.outside, k.occluded, k.z_order, values(k.attributes))
            for k in track.shapes
        )
        found["track", names[track.label_id], track.group or 0, values(track.attributes), keyframes] += 1
    return found


def _job_of(server: SandboxServer, folder: Path, owner: str) -> Job:
    """``make_job`` for a task that ``owner`` creates."""
    task = ready_task(server, folder, username=owner, count=6, segment_size=3)
    with raw_client(server, owner) as http:
        labels = http.get(f"tasks/{task.id}").json()["labels"]
    ids = {label["name"]: label["id"] for label in labels}
    ids |= {f"{label['name']}.{a['name']}": a["id"] for label in labels for a in label["attributes"]}
    jobs = [job.id for segment in task.segments for job in segment.jobs]
    return Job(jobs[0], jobs[1], task.id, labels, ids)
