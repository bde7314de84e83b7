"""Differential check of the sandbox's task-level track handling (``annodesk/sandbox/server_tracks.py``,
``overlap_merge.py``) against CVAT v1.1.0's server code on seeded random tasks. Local verification, not a test:

    python3 -m venv /tmp/cvatpy && /tmp/cvatpy/bin/pip install numpy scipy shapely
    # a tree with CVAT v1.1.0's cvat/apps/dataset_manager/annotation.py and stubs for
    # cvat.apps.engine.models (ShapeType) and cvat.apps.engine.serializers, e.g. /tmp/cvatstub
    .venv/bin/python scripts/cvat_server_oracle/compare.py /tmp/cvatpy/bin/python /tmp/cvatstub
"""

from __future__ import annotations

import copy
import json
import math
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

from annodesk.sandbox.overlap_merge import merge_jobs
from annodesk.sandbox.specs import segment_ranges
from annodesk.sandbox.task_annotations import split_by_jobs

HERE = Path(__file__).parent
KINDS = {"rectangle": (2, 2), "polygon": (3, 7), "polyline": (2, 6), "points": (1, 3), "cuboid": (8, 8)}


def points(rng: random.Random, kind: str, frame: int, jitter: float) -> list[float]:
    low, high = KINDS[kind]
    count = rng.randint(low, high)
    cx, cy = 100 + 10 * frame + rng.uniform(-jitter, jitter), 100 + 5 * frame + rng.uniform(-jitter, jitter)
    if kind == "rectangle":
        return [cx, cy, cx + 40, cy + 30]
    result = []
    for i in range(count):
        angle = 2 * math.pi * i / count
        result += [round(cx + 30 * math.cos(angle), 2), round(cy + 30 * math.sin(angle), 2)]
    return result


def case(rng: random.Random) -> dict[str, Any]:
    size = rng.randint(6, 16)
    segment_size = rng.randint(3, 7)
    overlap = rng.randint(0, segment_size // 2)
    segments = [(start, stop) for start, stop in segment_ranges(segment_size, overlap, size)]
    jitter = rng.choice([0.0, 0.0, 5.0, 40.0])
    tracks = []
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(list(KINDS))
        frames = sorted(rng.sample(range(size), rng.randint(1, min(4, size))))
        shapes = [
            {
                "type": kind,
                "occluded": False,
                "z_order": 0,
                "points": points(rng, kind, frame, jitter),
                "frame": frame,
                "outside": rng.random() < 0.2,
                "attributes": [{"spec_id": 2, "value": "x"}] if rng.random() < 0.4 else [],
            }
            for frame in frames
        ]
        tracks.append(
            {
                "frame": frames[0],
                "label_id": rng.choice([1, 1, 2]),
                "group": 0,
                "source": "manual",
                "shapes": shapes,
                "attributes": [],
            }
        )
    shapes = [
        {
            "type": kind,
            "occluded": False,
            "z_order": 0,
            "points": points(rng, kind, frame, jitter),
            "frame": frame,
            "label_id": 1,
            "group": 0,
            "source": "manual",
            "attributes": [],
        }
        for kind, frame in ((rng.choice(list(KINDS)), rng.randrange(size)) for _ in range(rng.randint(0, 5)))
    ]
    tags = [
        {"frame": rng.randrange(size), "label_id": rng.choice([1, 2]), "group": 0, "source": "manual", "attributes": []}
        for _ in range(rng.randint(0, 3))
    ]
    return {
        "segments": segments,
        "overlap": overlap,
        "data": {"version": 0, "tags": tags, "shapes": shapes, "tracks": tracks},
    }


def without_ids(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: without_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [without_ids(item) for item in value]
    return value


def close(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, int | float) and isinstance(b, int | float) and abs(a - b) <= 1e-6 * max(1, abs(a))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(close(a[key], b[key]) for key in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def ours(item: dict[str, Any]) -> dict[str, Any]:
    ranges = [(index, start, stop) for index, (start, stop) in enumerate(item["segments"])]
    parts = [part for _, part in split_by_jobs(copy.deepcopy(item["data"]), ranges)]
    return {"parts": parts}


def server(python: str, tree: str, cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The server code's answers (run in the interpreter that has numpy, scipy and shapely)."""
    answer = subprocess.run(
        [python, str(HERE / "real_side.py")],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": tree},
    )
    return json.loads(answer.stdout)


def main() -> None:
    python, tree = sys.argv[1], sys.argv[2]
    rng = random.Random(11)
    cases = [case(rng) for _ in range(int(os.environ.get("CASES", "300")))]
    real = server(python, tree, cases)
    # Where the server fails to cut the task (a 500), merge the sandbox's parts on both sides instead.
    failed = [index for index, expected in enumerate(real) if "error" in expected]
    retry = [{**cases[index], "parts": without_ids(ours(cases[index])["parts"])} for index in failed]
    for index, answer in zip(failed, server(python, tree, retry), strict=True):
        real[index] = {**answer, "retried": True}
    counts = {"same": 0, "of which merge only (the server fails the cut)": 0, "slice differs": 0, "merge differs": 0}
    for index, (item, expected) in enumerate(zip(cases, real, strict=True)):
        if "error" in expected:
            print("the server fails the merge too", index, expected["error"])
            continue
        if not expected.get("retried") and not close(without_ids(ours(item)["parts"]), without_ids(expected["parts"])):
            counts["slice differs"] += 1
            print("slice", index, json.dumps(item)[:300])
            continue
        parts = [
            (start, {"version": 0, **part})
            for (start, _), part in zip(item["segments"], expected["parts"], strict=True)
        ]
        merged = merge_jobs(copy.deepcopy(parts), item["overlap"])
        merged.pop("version")
        wanted = {key: expected["merged"][key] for key in ("tags", "shapes", "tracks")}
        if not close(without_ids(merged), without_ids(wanted)):
            counts["merge differs"] += 1
            print("merge", index)
            continue
        counts["same"] += 1
        counts["of which merge only (the server fails the cut)"] += bool(expected.get("retried"))
    print(counts)


if __name__ == "__main__":
    main()
