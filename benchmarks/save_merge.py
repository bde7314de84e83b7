"""What saving costs in ``annodesk.annotations``: the three-way merge and the PATCH bodies of a save.

    .venv/bin/python benchmarks/save_merge.py [--repeats 7] [--http [--profile]]

A job of 3,000 objects: 2,000 polygons of 20 points, 500 rectangles, 300 tracks (rectangles, 10 keyframes each,
a mutable attribute) and 200 tags, every object with its label's attributes. Prints:

- merge: ``merge(base, local, remote)`` with 1,000 local and 1,000 remote changes (800 edits, 100 creations,
  100 deletions each side; 500 of the edited objects edited on both sides: 250 in different fields, 250 in the
  same field → conflicts); then ``resolve_all`` of those conflicts. Floor: reading the three documents into the
  normal form the merge compares (``Annotations.from_json`` + ``NormalFields``), which any merge must do.
- save bodies: ``changes(base, local)`` for 1,000 changed objects (800 updates, 100 creations, 100 deletions).
  Untouched objects (identical JSON) are skipped before anything is read; floor: reading the changed objects of
  both documents into the normal form. Also the JSON encoding of the three bodies.

With ``--http``, also a whole save through ``JobSaver.save`` against the sandbox (in its own process): the read of
the job, the diff, the three ``PATCH jobs/{id}/annotations`` requests for 1,000 changed objects of a 3,000-object
job of a sample task, the ids mapped back — against the floor of the same three requests with the bodies prebuilt
and encoded (issue 15's goal: ≤ 1.3×), and against that floor plus the read a save must make first. The local
document shares its untouched objects with the base, as the editor's does. The job is put back (``PUT`` with the
ids) before every run; ``--profile`` profiles one more save.

Minimum and median of ``--repeats`` runs (the machine is shared: minimums are the quiet figure).
"""

from __future__ import annotations

import argparse
import copy
import gc
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annodesk.annotations import Annotations, LabelSet, changes, merge
from annodesk.annotations.fieldmap import NormalFields
from annodesk.annotations.identity import identified
from annodesk.annotations.merge import _without_untouched

LABELS = [
    {
        "id": 1,
        "name": "car",
        "color": "#fa3253",
        "attributes": [
            {"id": 1, "name": "kind", "mutable": False, "input_type": "select", "default_value": "sedan",
             "values": ["sedan", "suv"]},
            {"id": 2, "name": "moving", "mutable": True, "input_type": "checkbox", "default_value": "false",
             "values": ["false"]},
        ],
    },
    {"id": 2, "name": "person", "color": "#3d3df5", "attributes": [
        {"id": 3, "name": "age", "mutable": False, "input_type": "number", "default_value": "30",
         "values": ["0", "100", "1"]},
    ]},
]  # fmt: skip


def ring(rng: random.Random, cx: float, cy: float) -> list[float]:
    points = []
    for index in range(20):
        angle = index * 0.314159
        radius = rng.uniform(20, 40)
        points += [round(cx + radius * (angle - 3.14) / 3.14, 2), round(cy + radius * (1 - abs(angle - 3.14)), 2)]
    return points


def make_job(rng: random.Random) -> dict[str, Any]:
    shapes, tracks, tags = [], [], []
    next_id = 1
    for index in range(2500):
        polygon = index < 2000
        shapes.append(
            {
                "type": "polygon" if polygon else "rectangle",
                "occluded": False,
                "z_order": 0,
                "points": ring(rng, rng.uniform(0, 1900), rng.uniform(0, 1000))
                if polygon
                else [10.0, 10.0, 50.0 + index % 90, 70.0],
                "id": next_id,
                "frame": index % 50,
                "label_id": 1 if index % 3 else 2,
                "group": 0,
                "source": "manual",
                "attributes": [{"spec_id": 1, "value": "sedan"}, {"spec_id": 2, "value": "false"}]
                if index % 3
                else [{"spec_id": 3, "value": "30"}],
            }
        )
        next_id += 1
    for index in range(300):
        tracks.append(
            {
                "id": index + 1,
                "frame": 0,
                "label_id": 1,
                "group": 0,
                "source": "manual",
                "shapes": [
                    {
                        "type": "rectangle",
                        "occluded": False,
                        "z_order": 0,
                        "points": [float(f), 10.0, f + 40.0, 60.0],
                        "id": index * 10 + k + 1,
                        "frame": f,
                        "outside": False,
                        "attributes": [{"spec_id": 2, "value": "false"}],
                    }
                    for k, f in enumerate(range(0, 100, 10))
                ],
                "attributes": [{"spec_id": 1, "value": "suv"}],
            }
        )
    for index in range(200):
        tags.append(
            {"id": index + 1, "frame": index % 50, "label_id": 2, "group": 0, "source": "manual",
             "attributes": [{"spec_id": 3, "value": "30"}]}
        )  # fmt: skip
    return {"version": 10, "tags": tags, "shapes": shapes, "tracks": tracks}


def edit(document: dict[str, Any], edited: list[tuple[str, int]], field: str, rng: random.Random) -> None:
    """Edit the listed objects in place: ``field`` is "points", "occluded" or "group" ("keyframe" for tracks)."""
    index = {(kind, item["id"]): item for kind in ("tags", "shapes", "tracks") for item in document[kind]}
    for kind, object_id in edited:
        item = index[kind, object_id]
        if kind == "tracks":
            shape = item["shapes"][5 if field == "points" else 7]
            shape["points"] = [p + rng.uniform(1, 5) for p in shape["points"]]
        elif kind == "tags":  # points: an attribute; occluded: the group
            if field == "points" and item["attributes"]:
                first, *rest = item["attributes"]
                item["attributes"] = [{**first, "value": str(rng.randint(0, 100))}, *rest]
            else:
                item["group"] = rng.randint(1, 1000)
        elif field == "points":
            item["points"] = [p + rng.uniform(1, 5) for p in item["points"]]
        elif field == "occluded":
            item["occluded"] = not item["occluded"]
        else:
            item["group"] = rng.randint(1, 1000)


def side(base: dict[str, Any], edited: list[tuple[str, int]], field: str, deleted: set, rng: random.Random) -> dict:
    document = copy.deepcopy(base)
    edit(document, edited, field, rng)
    for kind in ("tags", "shapes", "tracks"):
        document[kind] = [item for item in document[kind] if (kind, item["id"]) not in deleted]
    for index in range(100):
        created = copy.deepcopy(base["shapes"][index])
        del created["id"]
        created["points"] = [p + 500 for p in created["points"]]
        document["shapes"].append(created)
    return document


def make_sides(base: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Local and remote: 1,000 changes each (800 edits, 100 creations, 100 deletions); 500 edits overlap, 250 of
    them in the same field (conflicts)."""
    rng = random.Random(7)
    keys = [(kind, item["id"]) for kind in ("tags", "shapes", "tracks") for item in base[kind]]
    rng.shuffle(keys)
    overlap_same, overlap_other = keys[:250], keys[250:500]
    local_only, remote_only = keys[500:800], keys[800:1100]
    local_deleted, remote_deleted = set(keys[1100:1200]), set(keys[1200:1300])
    local = side(base, overlap_same + overlap_other + local_only, "points", local_deleted, rng)
    remote = copy.deepcopy(base)
    edit(remote, overlap_same, "points", rng)
    edit(remote, overlap_other + remote_only, "occluded", rng)
    remote = side(remote, [], "points", remote_deleted, rng)
    next_id = 1 + max(item["id"] for item in base["shapes"])
    for item in remote["shapes"]:
        if "id" not in item:
            item["id"] = next_id
            next_id += 1
    remote["version"] = 25
    return local, remote


def timed(run: Callable[[], Any], repeats: int) -> tuple[list[float], Any]:
    samples, result = [], None
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        result = run()
        samples.append(time.perf_counter() - start)
    return samples, result


def line(name: str, samples: list[float], floor: list[float] | None = None) -> None:
    text = f"{name:<44} min {min(samples) * 1000:8.1f} ms   p50 {statistics.median(samples) * 1000:8.1f} ms"
    if floor:
        ratio, median_ratio = min(samples) / min(floor), statistics.median(samples) / statistics.median(floor)
        text += f"   ×{ratio:5.2f} of the floor (p50 ×{median_ratio:.2f})"
    print(text)


def read(*documents: dict[str, Any]) -> None:
    """What any merge must do: parse each document and put every object in the normal form (flattened, as the
    merge compares it, without a normalised copy: ``NormalFields``)."""
    for document in documents:
        flat = NormalFields(LabelSet.from_json(LABELS))
        parsed = Annotations.from_json(document)
        for kind in ("tags", "shapes", "tracks"):
            for item in getattr(parsed, kind):
                flat.of(item)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--http", action="store_true", help="also a whole save against the sandbox")
    parser.add_argument("--profile", action="store_true", help="with --http: profile one save")
    args = parser.parse_args()
    base = make_job(random.Random(1))
    local, remote = make_sides(base)
    print("job: 2,000 polygons (20 points), 500 rectangles, 300 tracks (10 keyframes), 200 tags")

    floor3, _ = timed(lambda: read(base, local, remote), args.repeats)
    merged_samples, result = timed(lambda: merge(base, local, remote, LABELS), args.repeats)
    counts = {action: sum(len(body[k]) for k in ("tags", "shapes", "tracks")) for action, body in result.requests}
    print(f"merge: 1,000 local + 1,000 remote changes, 500 overlapping → {len(result.conflicts)} conflicts, {counts}")
    line("floor: read 3 documents to normal form", floor3)
    line("merge(base, local, remote)", merged_samples, floor3)
    resolve_samples, _ = timed(lambda: result.resolve_all("mine"), args.repeats)
    line(f"resolve_all({len(result.conflicts)} conflicts)", resolve_samples)

    keys = _some_keys(base, 900)
    local_save = side(base, keys[:800], "points", set(keys[800:]), random.Random(3))
    changed_base, changed_local = _without_untouched(base, local_save)
    floor2, _ = timed(lambda: read(changed_base, changed_local), args.repeats)
    bodies_samples, requests = timed(lambda: changes(base, local_save, LABELS), args.repeats)
    counts = {action: sum(len(body[k]) for k in ("tags", "shapes", "tracks")) for action, body in requests}
    print(f"save bodies: 1,000 changed objects {counts}")
    line("floor: read the changed objects to normal form", floor2)
    line("changes(base, local)", bodies_samples, floor2)
    encode, data = timed(lambda: [json.dumps(body).encode() for _, body in requests], args.repeats)
    line(f"JSON encoding of the bodies ({sum(map(len, data)) / 1e6:.1f} MB)", encode)
    if args.http:
        http_save(args.repeats, args.profile)


def _relabelled(document: dict[str, Any], labels: list[dict[str, Any]]) -> dict[str, Any]:
    """``document`` with the benchmark's label and spec ids mapped onto a real task's (by position)."""
    label_map = {ours["id"]: theirs["id"] for ours, theirs in zip(LABELS, labels, strict=False)}
    spec_map = {}
    for ours, theirs in zip(LABELS, labels, strict=False):
        specs = {bool(spec["mutable"]): spec["id"] for spec in theirs["attributes"]}
        for spec in ours["attributes"]:
            spec_map[spec["id"]] = specs.get(bool(spec["mutable"]))
    document = copy.deepcopy(document)
    for kind in ("tags", "shapes", "tracks"):
        for item in document[kind]:
            item["label_id"] = label_map[item["label_id"]]
            for holder in (item, *item.get("shapes", ())):
                holder["attributes"] = [
                    {"spec_id": spec_map[a["spec_id"]], "value": a["value"]}
                    for a in holder["attributes"]
                    if spec_map.get(a["spec_id"]) is not None
                ]
    return document


def _without_ids(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` as a create body (the sandbox's other tasks already use the benchmark's ids)."""
    document = copy.deepcopy(document)
    for kind in ("tags", "shapes", "tracks"):
        for item in document[kind]:
            item.pop("id", None)
            for shape in item.get("shapes", ()):
                shape.pop("id", None)
    return document


def _sharing(base: Annotations, local: dict[str, Any]) -> Annotations:
    """``local`` as the editor holds it: untouched objects are the base's own (edits share them), the rest new."""
    before = {(kind, item.id): item for kind in ("tags", "shapes", "tracks") for item in getattr(base, kind)}
    as_json = {key: item.to_json() for key, item in before.items()}
    parsed = Annotations.from_json(local)
    kinds = {}
    for kind in ("tags", "shapes", "tracks"):
        kinds[kind] = tuple(
            before[kind, item.id] if item.id is not None and as_json.get((kind, item.id)) == raw else item
            for item, raw in zip(getattr(parsed, kind), local[kind], strict=True)
        )
    return identified(replace(parsed, **kinds))


def http_save(repeats: int, profile: bool) -> None:
    """A whole save through ``JobSaver`` over HTTP against the floor of the three bare requests."""
    import asyncio

    import httpx
    from harness import ADMIN, SandboxProcess

    from annodesk.api import CvatClient
    from annodesk.session.job_save import JobSaver, Saved, _diff

    with (
        SandboxProcess(seed_tasks=0) as sandbox,
        httpx.Client(base_url=f"{sandbox.base_url}/api/v1/", timeout=120) as http,
    ):
        key = http.post("auth/login", json={"username": ADMIN[0], "password": ADMIN[1]}).json()["key"]
        http.headers["Authorization"] = f"Token {key}"
        tasks = http.get("tasks", params={"page_size": "all"}).json()["results"]
        task = next(t for t in tasks if t["segments"] and len(t["labels"]) >= 2 and t["labels"][0]["attributes"])
        job_id = task["segments"][0]["jobs"][0]["id"]
        path = f"jobs/{job_id}/annotations"
        labels = task["labels"]
        job = _without_ids(_relabelled(make_job(random.Random(1)), labels))
        assert http.put(path, json=job).status_code == 200
        base = http.get(path).json()
        keys = _some_keys(base, 900)
        local = side(base, keys[:800], "points", set(keys[800:]), random.Random(3))
        prebuilt = [(action, json.dumps(body).encode()) for action, body in changes(base, local, labels).nonempty()]
        headers = {"Content-Type": "application/json"}
        label_set = LabelSet.from_json(labels)
        base_document = Annotations.from_json(base)
        local_document = _sharing(base_document, local)

        def restore() -> int:
            """The job as it was (every write moves its version): the version it is at now."""
            response = http.put(path, json=base)
            assert response.status_code == 200
            return int(response.json()["version"])

        async def measure() -> tuple[list[float], list[float], list[float], list[float]]:
            saves, floors, reads, writes = [], [], [], []
            async with CvatClient(sandbox.base_url, key) as client:

                async def floor(read: bool) -> None:
                    if read:
                        await client._request("GET", path)
                    for action, content in prebuilt:
                        await client._request("PATCH", path, params={"action": action}, content=content,
                                              headers=headers)  # fmt: skip

                version = 0

                async def whole() -> None:
                    saver = JobSaver(client, job_id, label_set, replace(base_document, version=version))
                    saved = await saver.save(local_document)
                    assert isinstance(saved, Saved) and saved.sent

                async def unread() -> None:
                    document = replace(base_document, version=version)
                    plan = await asyncio.to_thread(_diff, document, local_document, label_set)
                    for action, body in plan.result.requests.nonempty():
                        await client.patch_job_annotations_json(job_id, action, body)

                runs = (
                    (lambda: floor(False), floors),
                    (lambda: floor(True), reads),
                    (whole, saves),
                    (unread, writes),
                )
                for _ in range(repeats):
                    for run, samples in runs:
                        version = restore()
                        gc.collect()
                        start = time.perf_counter()
                        await run()
                        samples.append(time.perf_counter() - start)
                if profile:
                    import cProfile
                    import pstats

                    version = restore()
                    profiler = cProfile.Profile()
                    profiler.enable()
                    await whole()
                    profiler.disable()
                    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
            return saves, floors, reads, writes

        saves, floors, reads, writes = asyncio.run(measure())
        counts = [(action, len(content) // 1000) for action, content in prebuilt]
        print(f"save over HTTP: job {job_id}, 1,000 changed objects of 3,000 (bodies, KB: {counts})")
        line("floor: the three PATCH requests, bodies prebuilt", floors)
        line("floor + the read before (GET, the three PATCH)", reads, floors)
        line("JobSaver.save: read, diff, PATCH ×3, ids mapped", saves, floors)
        line("  … against the floor with the read", saves, reads)
        line("the save without its read: diff + PATCH ×3", writes, floors)


def _some_keys(base: dict[str, Any], count: int) -> list[tuple[str, int]]:
    keys = [(kind, item["id"]) for kind in ("tags", "shapes", "tracks") for item in base[kind]]
    random.Random(11).shuffle(keys)
    return keys[:count]


if __name__ == "__main__":
    main()
