"""What the canvas pays on every frame step to learn the frame's objects (``annodesk.annotations``).

    .venv/bin/python benchmarks/annotations_query.py [--repeats 300]

A job with CVAT #3875's dense frame doubled — 5,000 polygons of 20 points and 5,000 rectangles on one frame — and
200 tracks over 500 frames (50 each of rectangles, polygons whose point counts change between keyframes, polylines
and cuboids; keyframes every 10 frames, some outside). Prints:

- parse + index: the labeled-data JSON (as decoded from the server) to a ready ``FrameIndex``, and the memory it
  holds (tracemalloc; the JSON itself not counted);
- dense frame query: ``objects_at`` on the dense frame (all 10,000 shapes and the 200 tracks interpolated there),
  p50 / p99 / max, against the floor of the same run: copying the frame's prebuilt objects into a list sorted by
  z-order (what any per-frame answer must at least do);
  the first visit of a frame computes it, later visits (repaints, stepping back) reuse the last 64 frames' answers;
- stepping: each of the 500 frames computed in turn (tracks only, plus the dense frame once);
- one ``track_at`` call (the public function, parsing the track each time) for a 20-point polygon track.
"""

from __future__ import annotations

import argparse
import gc
import math
import random
import statistics
import sys
import time
import tracemalloc
from operator import attrgetter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from annodesk.annotations import FrameIndex, track_at

DENSE_FRAME = 7
FRAMES = 500
LABELS = [
    {
        "id": 1,
        "name": "car",
        "color": "#fa3253",
        "attributes": [
            {
                "id": 1,
                "name": "kind",
                "mutable": False,
                "input_type": "select",
                "default_value": "sedan",
                "values": ["sedan", "suv"],
            },
            {
                "id": 2,
                "name": "moving",
                "mutable": True,
                "input_type": "checkbox",
                "default_value": "false",
                "values": ["false"],
            },
        ],
    },
    {"id": 2, "name": "person", "color": "#33ddff", "attributes": []},
]


def ring(rng: random.Random, count: int, cx: float, cy: float, radius: float) -> list[float]:
    points = []
    for i in range(count):
        angle = 2 * math.pi * i / count
        r = radius * rng.uniform(0.7, 1.3)
        points += [round(cx + r * math.cos(angle), 2), round(cy + r * math.sin(angle), 2)]
    return points


def make_job(rng: random.Random) -> dict[str, Any]:
    shapes = []
    for i in range(5_000):
        cx, cy = rng.uniform(0, 10_000), rng.uniform(0, 5_000)
        shapes.append(
            {
                "type": "polygon",
                "occluded": False,
                "z_order": rng.randint(0, 5),
                "points": ring(rng, 20, cx, cy, 40),
                "id": i + 1,
                "frame": DENSE_FRAME,
                "label_id": 1,
                "group": 0,
                "source": "manual",
                "attributes": [{"spec_id": 1, "value": "sedan"}],
            }
        )
    for i in range(5_000):
        x, y = rng.uniform(0, 9_900), rng.uniform(0, 4_900)
        shapes.append(
            {
                "type": "rectangle",
                "occluded": rng.random() < 0.1,
                "z_order": rng.randint(0, 5),
                "points": [x, y, x + rng.uniform(5, 100), y + rng.uniform(5, 100)],
                "id": 5_001 + i,
                "frame": DENSE_FRAME,
                "label_id": 2,
                "group": 0,
                "source": "manual",
                "attributes": [],
            }
        )
    tracks = []
    kinds = ["rectangle", "polygon", "polyline", "cuboid"]
    for t in range(200):
        kind = kinds[t % 4]
        keyframes = []
        for frame in range(0, FRAMES, 10):
            cx, cy = rng.uniform(100, 9_900), rng.uniform(100, 4_900)
            if kind == "rectangle":
                points = [cx, cy, cx + 80, cy + 60]
            elif kind == "cuboid":
                points = [v + rng.uniform(-2, 2) for v in ring(rng, 8, cx, cy, 50)]
            else:
                points = ring(rng, rng.randint(12, 24), cx, cy, 60)
            keyframes.append(
                {
                    "type": kind,
                    "occluded": False,
                    "z_order": 2,
                    "points": points,
                    "id": t * 100 + frame,
                    "frame": frame,
                    "outside": frame % 130 == 120,
                    "attributes": [{"spec_id": 2, "value": rng.choice(["true", "false"])}],
                }
            )
        tracks.append(
            {
                "id": t + 1,
                "frame": 0,
                "label_id": 1,
                "group": 0,
                "source": "manual",
                "shapes": keyframes,
                "attributes": [{"spec_id": 1, "value": "suv"}],
            }
        )
    return {"version": 1, "tags": [], "shapes": shapes, "tracks": tracks}


def timed(call: Any, repeats: int) -> list[float]:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return (
        f"min {ordered[0]:7.3f} ms   p50 {statistics.median(ordered):7.3f} ms   p99 {p99:7.3f} ms"
        f"   max {ordered[-1]:7.3f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(3875)
    job = make_job(rng)
    gc.collect()

    builds = []
    for _ in range(3):
        start = time.perf_counter()
        index = FrameIndex.from_json(job, LABELS)
        builds.append((time.perf_counter() - start) * 1000)

    tracemalloc.start()
    measured = FrameIndex.from_json(job, LABELS)
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    objects = len(job["shapes"]) + len(job["tracks"])
    del measured

    dense_objects = index.objects_at(DENSE_FRAME)
    prebuilt = index.shapes_at(DENSE_FRAME) + index.tracks_at(DENSE_FRAME)
    by_z = attrgetter("z_order")
    floor = timed(lambda: sorted(prebuilt, key=by_z), args.repeats)
    dense_first = timed(lambda: index._compute(DENSE_FRAME, False), args.repeats)
    dense = timed(lambda: index.objects_at(DENSE_FRAME), args.repeats)
    stepping = timed(lambda: [index._compute(frame, False) for frame in range(FRAMES)], 5)
    per_step = [total / FRAMES for total in stepping]
    tracks_only = timed(lambda: [index.tracks_at(frame) for frame in range(FRAMES)], 5)
    polygon_track = job["tracks"][1]
    one_track = timed(lambda: track_at(polygon_track, 5, LABELS), args.repeats)

    print("annodesk.annotations — per-frame query (benchmarks/annotations_query.py)")
    print(
        f"job: {len(job['shapes']):,} shapes on frame {DENSE_FRAME}, {len(job['tracks'])} tracks over {FRAMES} frames"
    )
    print(f"parse + index (median of 3)       {statistics.median(builds):9.1f} ms")
    print(f"memory held by the index          {held / 2**20:9.1f} MiB ({held / objects:,.0f} bytes per object)")
    print(f"dense frame: {len(dense_objects):,} objects")
    print(f"  first visit (computed)          {summary(dense_first)}")
    print(f"  objects_at again (recent frame) {summary(dense)}")
    print(f"  floor: prebuilt list sorted     {summary(floor)}")
    floor_p50 = statistics.median(floor)
    print(f"  ratio first visit p50 / floor   {statistics.median(dense_first) / floor_p50:9.2f}x")
    print(f"  ratio again p50 / floor         {statistics.median(dense) / floor_p50:9.2f}x")
    print(f"stepping 0…{FRAMES - 1}, per frame         {statistics.median(per_step):7.3f} ms (median of 5 sweeps)")
    print(f"  of which 200 tracks             {statistics.median(tracks_only) / FRAMES:7.3f} ms")
    print(f"track_at, one 20-point polygon    {summary(one_track)}")


if __name__ == "__main__":
    main()
