"""``track_at`` against CVAT v1.1.0's own web-client code: 120 seeded random tracks of every type (keyframes in
random JSON order, outside, occluded, z_order, mutable attributes, polylines and polygons whose point counts differ
between keyframes, repeated points, zero-length curves, two keyframes on one frame), each read at every frame from
before its first keyframe to after its last by cvat-core v1.1.0 (``scripts/cvat_core_oracle``). Results must match
to the last bit."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from annodesk.annotations import LabelSet, Track, TrackTimeline, track_at

GOLDEN = json.loads((Path(__file__).parent / "fixtures" / "cvat_core_tracks.json").read_text())["cases"]


def test_the_golden_cases_cover_every_type_and_point_count_changes() -> None:
    kinds = Counter(case["track"]["shapes"][0]["type"] for case in GOLDEN)
    assert set(kinds) == {"rectangle", "polygon", "polyline", "points", "cuboid"}
    changing = [
        case
        for case in GOLDEN
        if case["track"]["shapes"][0]["type"] in ("polygon", "polyline")
        and len({len(shape["points"]) for shape in case["track"]["shapes"]}) > 1
    ]
    assert len(changing) >= 20
    twins = [
        case for case in GOLDEN if len({s["frame"] for s in case["track"]["shapes"]}) < len(case["track"]["shapes"])
    ]
    assert len(twins) >= 5


@pytest.mark.parametrize("case", GOLDEN, ids=lambda case: case["track"]["shapes"][0]["type"])
def test_track_at_equals_cvat_core(case: dict[str, Any]) -> None:
    for frame, expected in zip(case["frames"], case["expected"], strict=True):
        state = track_at(case["track"], frame, case["labels"])
        got = {
            "points": state.points,
            "occluded": state.occluded,
            "outside": state.outside,
            "z_order": state.z_order,
            "keyframe": state.keyframe,
            "attributes": {str(spec_id): value for spec_id, value in state.attributes.items()},
        }
        assert got == expected, f"frame {frame}"


def test_a_prepared_timeline_gives_the_same_answers() -> None:
    case = GOLDEN[len(GOLDEN) // 2]
    timeline = TrackTimeline(Track.from_json(case["track"]), LabelSet.from_json(case["labels"]))
    for frame, expected in zip(case["frames"], case["expected"], strict=True):
        assert timeline.at(frame).points == expected["points"]
