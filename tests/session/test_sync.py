"""Syncing a checked-out job (issue 16), over real HTTP against the sandbox: edits made offline (journaled) and
another user's edits through the API end on the server as exactly their three-way merge; conflicts are offered and
decided; the base is renewed in the journal and the store."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from annodesk.annotations import Annotations, merge
from annodesk.sandbox import SandboxServer
from annodesk.session.sync import SyncDone, local_copy, sync_job

from ..annotations.merge_support import canonical
from ..api.helpers import sign_in
from ..sandbox.annotation_helpers import Job, body, rectangle
from ..sandbox.save_support import deleted, moved, new_rectangle
from .sync_support import Offline, same_objects, seeded_job, server_json, take_offline


@pytest.fixture
def job(fresh_sandbox: SandboxServer, tmp_path: Path) -> Job:
    return seeded_job(fresh_sandbox, tmp_path)


def assert_base_renewed(offline: Offline, server: dict[str, object]) -> None:
    """The journal's base and the store's base are what the server holds; no steps, nothing in flight."""
    job = offline.job
    journaled = offline.journal.base(job.id)
    assert journaled is not None and journaled[0] == server["version"]
    assert canonical(journaled[1], labels=job.labels) == canonical(server, labels=job.labels)  # type: ignore[arg-type]
    assert offline.journal.pending(job.id) is None and offline.journal.in_flight(job.id) is None
    record = offline.store.checkout(offline.server, job.id)
    assert record is not None and record.base_version == server["version"]
    stored = Annotations.from_json(msgspec.json.decode(record.base))
    assert canonical(stored, labels=job.labels) == canonical(server, labels=job.labels)  # type: ignore[arg-type]
    copy = offline.copy()
    assert copy.steps == 0 and copy.base_version == server["version"]


async def test_offline_edits_and_another_users_edits_end_on_the_server_as_their_merge(
    fresh_sandbox: SandboxServer, job: Job, tmp_path: Path
) -> None:
    client = await sign_in(fresh_sandbox, "demo")
    other = await sign_in(fresh_sandbox, "alice")
    async with client, other:
        offline = await take_offline(client, job, tmp_path)
        base = offline.copy().base
        shape0, shape1, shape2 = (("shapes", item.id) for item in base.shapes)
        # offline: move shape 0, delete shape 1, draw a rectangle (three journal steps)
        local = offline.edit(base, moved(base, shape0), "Move")
        local = offline.edit(local, deleted(local, shape1), "Delete")
        drawn, _ = new_rectangle(job, local, [50.0, 50.0, 60.0, 60.0])
        local = offline.edit(local, drawn, "Draw")
        copy = offline.copy()
        assert copy.steps == 3 and copy.base_version == base.version

        # meanwhile Alice marks shape 2 occluded and draws a rectangle of her own
        theirs = await server_json(other, job)
        mine_json = {s["id"]: s for s in theirs["shapes"]}
        await other.patch_job_annotations_json(
            job.id, "update", body(shapes=[{**mine_json[shape2[1]], "occluded": True}])
        )
        await other.patch_job_annotations_json(job.id, "create", body(shapes=[rectangle(job, [1, 1, 2, 2], 1)]))
        before = await server_json(other, job)
        expected = merge(base, copy.document, before, offline.labels)
        assert not expected.conflicts

        outcome = await sync_job(client, offline.store, offline.journal, job.id)

        server = await server_json(other, job)
        assert isinstance(outcome, SyncDone)
        assert (outcome.created, outcome.updated, outcome.deleted, outcome.merged) == (1, 1, 1, True)
        assert outcome.version == server["version"] and outcome.changes == ()
        assert same_objects(server, expected.merged, before, job)
        assert_base_renewed(offline, server)

        # a second sync has nothing to send and changes nothing
        again = await sync_job(client, offline.store, offline.journal, job.id)
        assert isinstance(again, SyncDone) and (again.created, again.updated, again.deleted) == (0, 0, 0)
        assert again.version == server["version"] and not again.merged
        offline.close()


async def test_a_job_changed_only_on_the_server_is_pulled_as_the_new_base(
    fresh_sandbox: SandboxServer, job: Job, tmp_path: Path
) -> None:
    client = await sign_in(fresh_sandbox, "demo")
    other = await sign_in(fresh_sandbox, "alice")
    async with client, other:
        offline = await take_offline(client, job, tmp_path)
        await other.patch_job_annotations_json(job.id, "create", body(shapes=[rectangle(job, [1, 1, 2, 2], 1)]))
        outcome = await sync_job(client, offline.store, offline.journal, job.id)
        server = await server_json(other, job)
        assert isinstance(outcome, SyncDone) and outcome.merged
        assert (outcome.created, outcome.updated, outcome.deleted) == (0, 0, 0)
        assert_base_renewed(offline, server)
        assert local_copy(offline.store, offline.journal, offline.server, job.id + 10_000) is None
        offline.close()
