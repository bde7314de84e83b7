"""Measure syncing a checked-out job (issue 16): 1,000 changes made here (journaled) and 1,000 made on the server
by another user meanwhile, 500 objects changed on both sides, through :func:`annodesk.session.sync.sync_job`
against the sandbox (in its own process) over HTTP.

The job is save_merge.py's: 2,000 polygons of 20 points, 500 rectangles, 300 tracks (10 keyframes), 200 tags.
Here: 800 edits (500 of them on objects the server also changed), 100 creations, 100 deletions, journaled as 100
steps of 10 changes as the workspace journals them. On the server: 800 edits (the same 500 objects, other fields,
and 300 more), 100 creations, 100 deletions. Everything merges: nothing is offered to the user.

Printed, per run: the whole sync (reading the journal, the job and task, the annotations, the three-way merge,
the three PATCH requests, the new base written to journal and store) against the floor of its network part alone
(the GET of the annotations and the same three PATCH requests with the bodies prebuilt, bare httpx); the merge's
share of the sync; and each phase. ``--conflicts``: 250 of the 500 overlapping objects are changed in the same
field on both sides: a first sync stops with the conflicts (nothing sent), a second one sends the choices ("mine"
for all); both are timed.

Minimum and median of ``--repeats`` runs (the job is put back before each). Run:
``.venv/bin/python benchmarks/sync.py [--repeats 5] [--conflicts]``.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import gc
import itertools
import json
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx
from harness import ADMIN, SandboxProcess
from save_merge import _relabelled, _sharing, _without_ids, edit, make_job

from annodesk.annotations import MINE, Annotations, changes
from annodesk.annotations.history import EditStep
from annodesk.annotations.identity import KINDS, items_of
from annodesk.api import CvatClient
from annodesk.session import job_save, sync
from annodesk.session.checkout import check_out
from annodesk.session.checkout_store import CheckoutStore
from annodesk.session.journal import Journal

PHASES: dict[str, list[float]] = defaultdict(list)  # seconds per phase, summed over one sync, appended per run


def timing(name: str, function: Callable[..., Any], spent: dict[str, float]) -> Callable[..., Any]:
    """``function`` (sync or async) adding its seconds to ``spent[name]``."""
    if asyncio.iscoroutinefunction(function):

        async def timed_async(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return await function(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - start

        return timed_async

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - start

    return timed


def sides(base: dict[str, Any], conflicts: bool) -> tuple[dict[str, Any], dict[str, Any]]:
    """The local and the server's document: 1,000 changes each, 500 objects changed on both sides (in other fields,
    or 250 of them in the same field with ``conflicts``)."""
    rng = random.Random(7)
    keys = [(kind, item["id"]) for kind in KINDS for item in base[kind]]
    rng.shuffle(keys)
    # objects changed on both sides: shapes and tracks (a tag of a label without attributes has one field to edit)
    overlap = [key for key in keys if key[0] != "tags"][:500]
    keys = overlap + [key for key in keys if key not in set(overlap)]
    local_only, remote_only = keys[500:800], keys[800:1100]
    local_deleted, remote_deleted = {*keys[1100:1200]}, {*keys[1200:1300]}
    local, remote = copy.deepcopy(base), copy.deepcopy(base)
    edit(local, overlap + local_only, "points", rng)
    same = overlap[:250] if conflicts else []
    edit(remote, same, "points", rng)
    edit(remote, overlap[len(same) :] + remote_only, "occluded", rng)
    for document, deleted, shift in ((local, local_deleted, 500.0), (remote, remote_deleted, 900.0)):
        for kind in KINDS:
            document[kind] = [item for item in document[kind] if (kind, item["id"]) not in deleted]
        for index in range(100):
            made = copy.deepcopy(base["shapes"][index])
            del made["id"]
            made["points"] = [p + shift for p in made["points"]]
            document["shapes"].append(made)
    return local, remote


def journal_steps(base: Annotations, local: Annotations, count: int) -> list[Annotations]:
    """Documents from ``base`` to ``local`` in ``count`` steps of about equal numbers of changes (edits, creations,
    deletions), each sharing untouched objects with the one before, as the editor's do."""
    moves: list[tuple[str, str, Any]] = []
    for kind in KINDS:
        before = {item.id: item for item in items_of(base, kind)}
        kept = set()
        for item in items_of(local, kind):
            if item.id is None:
                moves.append((kind, "new", item))
            else:
                kept.add(item.id)
                if before[item.id] is not item:
                    moves.append((kind, "edit", item))
        moves += [(kind, "delete", object_id) for object_id in before if object_id not in kept]
    size = -(-len(moves) // count)
    documents = [base]
    replaced: dict[str, dict[int, Any]] = {kind: {} for kind in KINDS}
    deleted: dict[str, set[int]] = {kind: set() for kind in KINDS}
    made: dict[str, list[Any]] = {kind: [] for kind in KINDS}
    for start in range(0, len(moves), size):
        for kind, what, value in moves[start : start + size]:
            if what == "new":
                made[kind].append(value)
            elif what == "edit":
                replaced[kind][value.id] = value
            else:
                deleted[kind].add(value)
        parts = {
            kind: tuple(
                replaced[kind].get(item.id, item) for item in items_of(base, kind) if item.id not in deleted[kind]
            )
            + tuple(made[kind])
            for kind in KINDS
        }
        documents.append(Annotations(version=base.version, **parts))
    return documents


def line(name: str, samples: list[float], floor: list[float] | None = None) -> None:
    text = f"{name:<52} min {min(samples) * 1000:8.1f} ms   p50 {statistics.median(samples) * 1000:8.1f} ms"
    if floor:
        ratio, median_ratio = min(samples) / min(floor), statistics.median(samples) / statistics.median(floor)
        text += f"   ×{ratio:5.2f} of the floor (p50 ×{median_ratio:.2f})"
    print(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--conflicts", action="store_true", help="250 of the overlapping changes conflict")
    args = parser.parse_args()
    with (
        SandboxProcess(seed_tasks=0) as sandbox,
        httpx.Client(base_url=f"{sandbox.base_url}/api/v1/", timeout=300) as http,
        tempfile.TemporaryDirectory(prefix="annodesk-bench-sync-") as folder,
    ):
        key = http.post("auth/login", json={"username": ADMIN[0], "password": ADMIN[1]}).json()["key"]
        http.headers["Authorization"] = f"Token {key}"
        tasks = http.get("tasks", params={"page_size": "all"}).json()["results"]
        task = next(t for t in tasks if t["segments"] and len(t["labels"]) >= 2 and t["labels"][0]["attributes"])
        job_id = task["segments"][0]["jobs"][0]["id"]
        path = f"jobs/{job_id}/annotations"
        labels = task["labels"]
        assert http.put(path, json=_without_ids(_relabelled(make_job(random.Random(1)), labels))).status_code == 200
        base = http.get(path).json()
        local_json, remote_json = sides(base, args.conflicts)
        remote_bodies = [(a, json.dumps(b).encode()) for a, b in changes(base, remote_json, labels).nonempty()]
        base_document = Annotations.from_json(base)
        steps = journal_steps(base_document, _sharing(base_document, local_json), 100)
        print("job: 2,000 polygons (20 points), 500 rectangles, 300 tracks (10 keyframes), 200 tags")
        print(
            "here: 800 edits, 100 creations, 100 deletions in 100 journal steps; on the server: the same counts;"
            f" 500 objects changed on both sides{' (250 in the same field: conflicts)' if args.conflicts else ''}"
        )

        def put_back() -> dict[str, Any]:
            """The job as it was, then the other user's save: the server's document the sync will find."""
            assert http.put(path, json=base).status_code == 200
            for action, content in remote_bodies:
                response = http.patch(path, params={"action": action}, content=content,
                                      headers={"Content-Type": "application/json"})  # fmt: skip
                assert response.status_code == 200, response.text
            return http.get(path).json()

        asyncio.run(measure(sandbox.base_url, key, job_id, Path(folder), steps, put_back, len(remote_bodies), args))


async def measure(
    base_url: str,
    key: str,
    job_id: int,
    folder: Path,
    steps: list[Annotations],
    put_back: Callable[[], dict[str, Any]],
    remote_requests: int,
    args: argparse.Namespace,
) -> None:
    totals, floors, merges, seconds = [], [], [], []
    outcome_text = ""
    async with CvatClient(base_url, key) as client:
        store = CheckoutStore(folder / "offline")
        await check_out(client, store, job_id)
        journal = Journal(folder / "journal", client.server_url)
        for run in range(args.repeats):
            server = await asyncio.to_thread(put_back)
            # the checkout's base: the job as put back, before the other user's save (one version per request)
            base_version = int(server["version"]) - remote_requests
            journal.mark_saved(job_id, base_version, steps[0], clear_in_flight=True)
            for before, after in itertools.pairwise(steps):
                journal.append(job_id, EditStep("Edit", 0, before, after))
            spent: dict[str, float] = {}
            sent: list[tuple[str, bytes]] = []
            originals = patch(client, spent, sent)
            gc.collect()
            try:
                started = time.perf_counter()
                outcome = await sync.sync_job(client, store, journal, job_id)
                offered = ""
                if args.conflicts:
                    assert isinstance(outcome, sync.SyncConflicts), type(outcome)
                    spent["first sync (conflicts found)"] = time.perf_counter() - started
                    choices = {conflict.token: MINE for conflict in outcome.result.conflicts}
                    offered = f"{len(choices)} conflicts offered (nothing sent), then "
                    outcome = await sync.sync_job(client, store, journal, job_id, choices=choices)
                total = time.perf_counter() - started
            finally:
                restore(originals)
            assert isinstance(outcome, sync.SyncDone) and outcome.merged, type(outcome)
            outcome_text = offered + (
                f"sent {outcome.created} created, {outcome.updated} updated, {outcome.deleted} deleted"
            )
            floor = await bare_floor(base_url, key, job_id, put_back, sent)
            totals.append(total)
            floors.append(floor)
            merges.append(spent.get("merge", 0.0))
            seconds.append(spent)
            print(f"  run {run + 1}: sync {total * 1000:.0f} ms, floor {floor * 1000:.0f} ms", flush=True)
        journal.close()
        store.close()
    print(f"sync: {outcome_text}")
    line("floor: GET annotations + the same PATCH ×3 (bare httpx)", floors)
    line("sync_job (journal → merge → PATCH ×3 → new base)", totals, floors)
    shares = [m / t for m, t in zip(merges, totals, strict=True)]
    print(f"{'the merge (three-way, in a worker thread)':<52} min {min(merges) * 1000:8.1f} ms   p50 "
          f"{statistics.median(merges) * 1000:8.1f} ms   share of the sync: p50 {statistics.median(shares):.0%}"
          f" (min {min(shares):.0%}, max {max(shares):.0%})")  # fmt: skip
    names = sorted({name for spent in seconds for name in spent}, key=lambda n: -statistics.median(
        [spent.get(n, 0.0) for spent in seconds]))  # fmt: skip
    print("phases (p50): " + ", ".join(
        f"{name} {statistics.median([spent.get(name, 0.0) for spent in seconds]) * 1000:.0f} ms" for name in names
    ))  # fmt: skip


def patch(client: CvatClient, spent: dict[str, float], sent: list[tuple[str, bytes]]) -> list[tuple[Any, str, Any]]:
    """Time the sync's phases by wrapping the functions it calls (and keep the bodies it sends); what to put
    back."""
    targets = [
        (sync, "local_copy", "local copy (journal replayed)"),
        (sync, "_server_view", "job and task read"),
        (sync, "_renew_base", "new base written (journal, store)"),
        (job_save, "merge", "merge"),
        (client, "get_job_annotations_raw", "GET annotations"),
        (client, "patch_job_annotations_json", "PATCH ×3"),
    ]
    originals = []
    for owner, name, label in targets:
        original = getattr(owner, name)
        originals.append((owner, name, original))
        setattr(owner, name, timing(label, original, spent))
    timed_patch = client.patch_job_annotations_json

    async def keeping(job_id: int, action: str, body: dict[str, Any]) -> dict[str, Any]:
        sent.append((action, json.dumps(body).encode()))
        return await timed_patch(job_id, action, body)

    client.patch_job_annotations_json = keeping  # type: ignore[method-assign]
    return originals


def restore(originals: list[tuple[Any, str, Any]]) -> None:
    for owner, name, original in originals:
        if isinstance(owner, CvatClient):
            delattr(owner, name)
        else:
            setattr(owner, name, original)


async def bare_floor(
    base_url: str, key: str, job_id: int, put_back: Callable[[], dict[str, Any]], sent: list[tuple[str, bytes]]
) -> float:
    """The network part of the same sync with nothing else: GET the annotations, then the PATCH requests the sync
    sent, the same bodies, prebuilt and encoded (the job put back first, so they apply as they did)."""
    await asyncio.to_thread(put_back)
    headers = {"Authorization": f"Token {key}", "Content-Type": "application/json"}
    path = f"jobs/{job_id}/annotations"
    async with httpx.AsyncClient(base_url=f"{base_url}/api/v1/", headers=headers, timeout=300) as http:
        gc.collect()
        started = time.perf_counter()
        (await http.get(path)).raise_for_status()
        for action, content in sent:
            (await http.patch(path, params={"action": action}, content=content)).raise_for_status()
        return time.perf_counter() - started


if __name__ == "__main__":
    main()
