"""Regenerate tests/annotations/fixtures/cvat_core_tracks.json: seeded random tracks of every type, read at every
frame by CVAT v1.1.0's own web-client code (cvat-core), to pin ``annodesk.annotations.track_at`` to it.

Needs node and cvat-core's sources at tag v1.1.0 (not part of this project)::

    git -C <cvat checkout> archive v1.1.0 cvat-core/src | tar -x -C /tmp/core
    mkdir -p /tmp/core/node_modules/{platform,error-stack-parser}
    echo 'module.exports = {};' > /tmp/core/node_modules/platform/index.js
    echo 'module.exports = {parse: () => []};' > /tmp/core/node_modules/error-stack-parser/index.js
    cp scripts/cvat_core_oracle/oracle.js /tmp/core/ && python scripts/cvat_core_oracle/make_golden.py /tmp/core
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).parents[2] / "tests" / "annotations" / "fixtures" / "cvat_core_tracks.json"
LABELS = [
    {
        "id": 7,
        "name": "car",
        "color": "#fa3253",
        "attributes": [
            {
                "id": 11,
                "name": "kind",
                "mutable": False,
                "input_type": "select",
                "default_value": "sedan",
                "values": ["sedan", "suv", "truck"],
            },
            {
                "id": 12,
                "name": "parked",
                "mutable": True,
                "input_type": "checkbox",
                "default_value": "false",
                "values": ["false"],
            },
            {
                "id": 13,
                "name": "speed",
                "mutable": True,
                "input_type": "number",
                "default_value": "0",
                "values": ["0", "200", "1"],
            },
        ],
    }
]
COUNTS = {"rectangle": (2, 2), "cuboid": (8, 8), "points": (1, 4), "polyline": (2, 9), "polygon": (3, 9)}


def ring(rng: random.Random, count: int) -> list[float]:
    """A rough star-shaped ring (or open curve) of ``count`` points, sometimes with repeated points."""
    import math

    cx, cy, radius = rng.uniform(50, 500), rng.uniform(50, 500), rng.uniform(5, 80)
    points: list[float] = []
    for i in range(count):
        if points and rng.random() < 0.1:
            points += points[-2:]
            continue
        angle = 2 * math.pi * i / count + rng.uniform(-0.3, 0.3)
        r = radius * rng.uniform(0.5, 1.5)
        points += [round(cx + r * math.cos(angle), rng.choice([0, 1, 3])), round(cy + r * math.sin(angle), 2)]
    return points


def case(rng: random.Random, kind: str) -> dict:
    low, high = COUNTS[kind]
    frames = sorted(rng.sample(range(0, 40), rng.randint(1, 6)))
    shapes = []
    for frame in frames:
        count = rng.randint(low, high)
        points = ring(rng, count)
        if rng.random() < 0.05:
            points = [points[0], points[1]] * count  # zero-length curve
        attributes = []
        if rng.random() < 0.5:
            attributes.append({"spec_id": 12, "value": rng.choice(["true", "false"])})
        if rng.random() < 0.3:
            attributes.append({"spec_id": 13, "value": str(rng.randint(0, 200))})
        shapes.append(
            {
                "type": kind,
                "frame": frame,
                "points": points,
                "outside": rng.random() < 0.25,
                "occluded": rng.random() < 0.3,
                "z_order": rng.randint(-2, 3),
                "attributes": attributes,
            }
        )
    if rng.random() < 0.15:  # two keyframes on one frame: the later one in the JSON wins
        twin = dict(rng.choice(shapes))
        twin["points"] = ring(rng, rng.randint(low, high))
        twin["outside"] = not twin["outside"]
        shapes.append(twin)
    rng.shuffle(shapes)
    track_attributes = [{"spec_id": 11, "value": rng.choice(["suv", "truck"])}] if rng.random() < 0.5 else []
    track = {
        "frame": frames[0],
        "label_id": 7,
        "group": 0,
        "source": "manual",
        "attributes": track_attributes,
        "shapes": shapes,
    }
    return {"labels": LABELS, "track": track, "frames": list(range(-1, 42))}


def main() -> None:
    core = Path(sys.argv[1])
    rng = random.Random(20261206)
    cases = [case(rng, kind) for kind in COUNTS for _ in range(24)]
    answer = subprocess.run(
        ["node", str(core / "oracle.js")],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        check=True,
        cwd=core,
    )
    results = json.loads(answer.stdout)
    for item, states in zip(cases, results, strict=True):
        item["expected"] = states
    OUT.write_text(json.dumps({"generated_by": "cvat-core v1.1.0 (scripts/cvat_core_oracle)", "cases": cases}))
    print(f"{len(cases)} cases → {OUT}")


if __name__ == "__main__":
    main()
