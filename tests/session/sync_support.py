"""Support for the sync tests: a checked-out job with a few saved objects, offline edits journaled as the
workspace journals them (one :class:`EditStep` per edit, made with the annotations domain), and another user's
edits through the API."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annodesk.annotations import Annotations, LabelSet
from annodesk.annotations.history import EditStep
from annodesk.api import CvatClient
from annodesk.sandbox import SandboxServer
from annodesk.session.checkout import check_out
from annodesk.session.checkout_store import CheckoutStore
from annodesk.session.journal import Journal
from annodesk.session.sync import LocalCopy, local_copy

from ..annotations.merge_support import canonical
from ..api.helpers import raw_client
from ..sandbox.annotation_helpers import Job, body, car_track, make_job, patch, rectangle, tag

KINDS = ("tags", "shapes", "tracks")


def seeded_job(server: SandboxServer, folder: Path) -> Job:
    """A fresh task's first job holding three rectangles (frames 0-2), a car track and a tag, saved by demo."""
    job = make_job(server, folder)
    with raw_client(server, "demo") as http:
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
