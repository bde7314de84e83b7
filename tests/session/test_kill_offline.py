"""The issue's kill test (issue 16): the app itself, as its headless command (``annodesk offline checkout|sync JOB``:
signed in from its settings and keyring, the store and journal in its data dir), is killed with SIGKILL at seeded
random points of a checkout or a sync, restarted (half the time killed again) and run to the end; the server and the
local store and journal then hold what an uninterrupted run leaves.

Kill points: once the n-th request of the run has reached the server (the kill lands while it is answered or
read, or in what follows: a write to the store or the journal, the next request), or while a request is held at
the server: a chunk that never comes (``hang``), a PATCH the server never saw (``hang``) or applied without the
answer reaching the app (``hang_after``: the write-ahead of the sync must keep objects from being created twice)."""

from __future__ import annotations

import asyncio
import functools
import hashlib
import os
import random
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import msgspec

from annodesk.annotations import Annotations
from annodesk.offline_cli import NOT_SIGNED_IN
from annodesk.sandbox import SandboxServer
from annodesk.session.checkout import job_chunks
from annodesk.session.checkout_store import CheckoutStore
from annodesk.session.journal import Journal

from ..api.helpers import raw_client, sign_in
from ..sandbox.annotation_helpers import Job, body, rectangle
from ..sandbox.save_support import deleted, moved, new_rectangle
from .file_keyring import ENVIRONMENT
from .kill_support import REPOSITORY, AppHome, KillPoint, Ran
from .sync_support import named, seeded_job, take_offline
from .test_checkout import _jobs

SEED = int(os.environ.get("ANNODESK_KILL_SEED", "16"))
RUNS = int(os.environ.get("ANNODESK_KILL_RUNS", "20"))  # per test: 20 kills during checkouts, 20 during syncs
ACTIONS = ("create", "update", "delete")


def _finish(home: AppHome, command: tuple[str, ...], rng: random.Random) -> Ran:
    """Restart after a kill (half the time killed once more, early: a resumed run must survive a kill too), then run
    to the end."""
    if rng.random() < 0.5:
        home.run(*command, kill=KillPoint(requests=rng.randint(1, 3), label="again"))
    final = home.run(*command)
    assert final.code == 0, final.output
    return final


def _landed(kill: KillPoint, ran: Ran) -> str:
    """Where a kill landed, said for the test's output."""
    where = kill.label + (f" ({ran.requests} had reached the server)" if kill.requests is not None else "")
    return f"{'killed' if ran.killed else 'ended first'}: {where}"


# -- checkout ------------------------------------------------------------------------------------------------------


def _checkout_state(home: AppHome, job_id: int) -> dict[str, Any]:
    """What a finished checkout left: the record (timestamps aside), each chunk's digest, the files on disk."""
    store = CheckoutStore(home.data / "offline")
    server = home.server_url
    try:
        record = store.checkout(server, job_id)
        assert record is not None
        states = store.chunk_states(server, job_id, verify=True)
        chunks = {}
        for state in states:
            data = store.read_chunk(server, record.task_id, record.quality, state.number)
            chunks[state.number] = (state.stored, hashlib.sha256(data).hexdigest() if data is not None else None)
        files = sorted(p.relative_to(store.chunk_root).as_posix() for p in store.chunk_root.rglob("*") if p.is_file())
        return {
            "record": (record.job, record.task, record.meta, record.base, record.base_version, record.quality,
                       record.media_version, record.complete),
            "chunks": chunks,
            "files": files,
            "swept": store.sweep(),
        }  # fmt: skip
    finally:
        store.close()


def test_checkouts_killed_at_random_points_end_as_an_uninterrupted_checkout(
    fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    server = fresh_sandbox

    async def find() -> tuple[int, int, list[int], int]:
        async with await sign_in(server, "admin") as client:
            task, jobs, chunk_size = await _jobs(client)
            job = max(jobs, key=lambda job: len(job_chunks(job, chunk_size)))
            version = (await client.get_job_annotations_raw(job.id)).version
            return task.id, job.id, job_chunks(job, chunk_size), version

    task_id, job_id, needed, version = asyncio.run(find())
    command = ("checkout", str(job_id), "--task", str(task_id))
    reference_home = AppHome(tmp_path / "reference", server, "admin")
    reference = reference_home.run(*command, count=True)
    expected = _checkout_state(reference_home, job_id)
    assert expected["record"][-1] and all(stored for stored, _ in expected["chunks"].values())
    assert len(expected["chunks"]) == len(needed) > 1 and expected["swept"] == 0

    rng = random.Random(SEED)
    landed: list[str] = []
    for run in range(RUNS):
        home = AppHome(tmp_path / f"run-{run}", server, "admin")
        if rng.random() < 0.6:
            count = rng.randint(1, reference.requests)
            kill = KillPoint(requests=count, label=f"once request {count} of {reference.requests} reached the server")
        else:
            number = rng.choice(needed)
            fault = {"kind": "hang", "path": rf"tasks/{task_id}/data", "query": rf"number={number}\b"}
            kill = KillPoint(fault=fault, label=f"inside chunk {number}")
        landed.append(_landed(kill, home.run(*command, kill=kill)))
        _finish(home, command, rng)
        assert _checkout_state(home, job_id) == expected, (run, landed[-1])
    print("kill points:", *landed, sep="\n  ")  # shown with -s, and on a failure
    assert sum(point.startswith("killed") for point in landed) >= RUNS // 2  # most landed before the end

    async def untouched() -> int:
        async with await sign_in(server, "admin") as client:
            return (await client.get_job_annotations_raw(job_id)).version

    assert asyncio.run(untouched()) == version  # a checkout only reads


# -- sync ----------------------------------------------------------------------------------------------------------


@dataclass
class OfflineWork:
    """A job checked out into the app's data dir with three offline edits journaled (move, delete, draw), while
    alice changed another object and drew one of her own on the server: a sync sends create, update and delete."""

    job: Job
    home: AppHome


def _offline_work(server: SandboxServer, root: Path) -> OfflineWork:
    home = AppHome(root, server, "demo")
    job = seeded_job(server, root)

    async def prepare() -> None:
        async with await sign_in(server, "demo") as client, await sign_in(server, "alice") as other:
            offline = await take_offline(client, job, home.data)
            base = offline.copy().base
            shape0, shape1, shape2 = (("shapes", item.id) for item in base.shapes)
            local = offline.edit(base, moved(base, shape0), "Move")
            local = offline.edit(local, deleted(local, shape1), "Delete")
            drawn, _ = new_rectangle(job, local, [50.0, 50.0, 60.0, 60.0])
            offline.edit(local, drawn, "Draw")
            offline.close()
            theirs = {shape["id"]: shape for shape in (await other.get_job_annotations_json(job.id))["shapes"]}
            occluded = {**theirs[shape2[1]], "occluded": True}
            await other.patch_job_annotations_json(job.id, "update", body(shapes=[occluded]))
            await other.patch_job_annotations_json(job.id, "create", body(shapes=[rectangle(job, [1, 1, 2, 2], 1)]))

    asyncio.run(prepare())
    return OfflineWork(job, home)


def _sync_state(server: SandboxServer, work: OfflineWork) -> dict[str, Any]:
    """The server's objects (by label and attribute names, ids aside: a duplicate shows) and version, and whether
    the journal and the store hold exactly that as their base, with nothing pending or in flight."""
    job = work.job
    with raw_client(server, "demo") as http:
        document = http.get(job.path).json()
    journal = Journal(work.home.data / "journal", work.home.server_url)
    store = CheckoutStore(work.home.data / "offline")
    try:
        journaled = journal.base(job.id)
        record = store.checkout(work.home.server_url, job.id)
        assert journaled is not None and record is not None
        stored = Annotations.from_json(msgspec.json.decode(record.base))
        return {
            "server": named(document, job.labels),
            "version": document["version"],
            "journal": (journaled[0] == document["version"], named(journaled[1], job.labels) == named(document,
                        job.labels), journal.pending(job.id), journal.in_flight(job.id)),
            "store": (record.base_version == document["version"], named(stored, job.labels) == named(document,
                      job.labels)),
        }  # fmt: skip
    finally:
        journal.close()
        store.close()


def _version(http: httpx.Client, job: Job) -> int:
    return int(http.get(job.path).json()["version"])


def _reached(http: httpx.Client, job: Job, version: int) -> bool:
    return _version(http, job) >= version


def test_syncs_killed_at_random_points_end_as_an_uninterrupted_sync(
    fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    server = fresh_sandbox
    reference = _offline_work(server, tmp_path / "reference")
    ran = reference.home.run("sync", str(reference.job.id), count=True)
    assert "1 created, 1 updated, 1 deleted (merged" in ran.output, ran.output
    expected = _sync_state(server, reference)
    assert expected["journal"] == (True, True, None, None) and expected["store"] == (True, True)

    rng = random.Random(SEED)
    landed: list[str] = []
    for run in range(RUNS):
        work = _offline_work(server, tmp_path / f"run-{run}")
        command = ("sync", str(work.job.id))
        choice = rng.random()
        with raw_client(server, "demo") as http:
            if choice < 0.5:
                count = rng.randint(1, ran.requests)
                kill = KillPoint(requests=count, label=f"once request {count} of {ran.requests} reached the server")
            else:
                action = rng.choice(ACTIONS)
                kind = "hang_after" if choice < 0.8 else "hang"
                fault = {"kind": kind, "path": rf"jobs/{work.job.id}/annotations", "method": "PATCH",
                         "query": rf"action={action}\b"}  # fmt: skip
                # hang_after: killed once the server has applied the held PATCH (and those before it)
                applied = _version(http, work.job) + ACTIONS.index(action) + 1
                ready = None if kind == "hang" else functools.partial(_reached, http, work.job, applied)
                kill = KillPoint(fault=fault, ready=ready, label=f"{kind} {action}")
            landed.append(_landed(kill, work.home.run(*command, kill=kill)))
        _finish(work.home, command, rng)
        assert _sync_state(server, work) == expected, (run, landed[-1])
    print("kill points:", *landed, sep="\n  ")  # shown with -s, and on a failure
    assert sum(point.startswith("killed") for point in landed) >= RUNS // 2


def test_the_headless_command_says_plainly_when_nobody_is_signed_in(tmp_path: Path) -> None:
    environment = {**os.environ, "ANNODESK_CONFIG_DIR": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path)}
    environment |= {"PYTHON_KEYRING_BACKEND": "tests.session.file_keyring.FileKeyring"}
    environment[ENVIRONMENT] = str(tmp_path / "keyring.json")
    done = subprocess.run(
        [sys.executable, "-m", "annodesk", "offline", "sync", "1"], capture_output=True, text=True,
        cwd=REPOSITORY, env=environment, timeout=60,
    )  # fmt: skip
    assert done.returncode == NOT_SIGNED_IN and "Not signed in" in done.stderr
    assert not (tmp_path / "annodesk" / "offline").exists()  # nothing was opened or written
