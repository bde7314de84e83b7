"""Properties of ``track_at`` over random tracks of every shape type (hypothesis)."""

from __future__ import annotations

import copy
import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annodesk.annotations import track_at

from .strategies import LABELS, MUTABLE, SHAPE_TYPES, tracks

FRAMES = st.integers(-5, 70)


def keyframes_by_frame(track: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {shape["frame"]: shape for shape in track["shapes"]}


def around(track: dict[str, Any], frame: int) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The keyframe at or before ``frame`` and the first one after it."""
    shapes = sorted(track["shapes"], key=lambda shape: shape["frame"])
    left = [shape for shape in shapes if shape["frame"] <= frame]
    right = [shape for shape in shapes if shape["frame"] > frame]
    return (left[-1] if left else None), (right[0] if right else None)


@pytest.mark.parametrize("kind", SHAPE_TYPES)
@given(data=st.data())
def test_at_a_keyframe_the_keyframe_itself(kind: str, data: st.DataObject) -> None:
    track = data.draw(tracks(kind))
    for frame, shape in keyframes_by_frame(track).items():
        state = track_at(track, frame, LABELS)
        assert state.points == shape["points"]
        assert (state.occluded, state.outside, state.z_order, state.keyframe) == (
            shape["occluded"],
            shape["outside"],
            shape["z_order"],
            True,
        )


@pytest.mark.parametrize("kind", ["rectangle", "cuboid", "points"])
@given(data=st.data())
def test_between_same_count_keyframes_each_coordinate_lies_between(kind: str, data: st.DataObject) -> None:
    track = data.draw(tracks(kind, same_count=True))
    frame = data.draw(FRAMES)
    left, right = around(track, frame)
    state = track_at(track, frame, LABELS)
    if left is None or right is None:
        return
    if kind == "points" and len(left["points"]) != 2:
        assert state.points == left["points"]  # several points: the left keyframe holds
        return
    assert len(state.points) == len(left["points"])
    for value, a, b in zip(state.points, left["points"], right["points"], strict=True):
        assert min(a, b) - 1e-9 <= value <= max(a, b) + 1e-9


@pytest.mark.parametrize("kind", ["polygon", "polyline"])
@given(data=st.data())
def test_poly_points_stay_within_both_keyframes_bounds(kind: str, data: st.DataObject) -> None:
    """Resampled points are blends of a left and a right point (or midpoints of two): inside both boxes' union."""
    track = data.draw(tracks(kind))
    frame = data.draw(FRAMES)
    left, right = around(track, frame)
    state = track_at(track, frame, LABELS)
    assert len(state.points) % 2 == 0 and state.points
    sources = [left["points"]] if left else []
    sources += [right["points"]] if right and left else []
    sources = sources or [right["points"]]
    xs = [x for points in sources for x in points[0::2]]
    ys = [y for points in sources for y in points[1::2]]
    for x, y in zip(state.points[0::2], state.points[1::2], strict=True):
        assert min(xs) - 1e-6 <= x <= max(xs) + 1e-6
        assert min(ys) - 1e-6 <= y <= max(ys) + 1e-6


@given(track=tracks(), frame=FRAMES)
def test_flags_come_from_the_left_keyframe_outside_hides_until_the_next(track: dict[str, Any], frame: int) -> None:
    left, right = around(track, frame)
    state = track_at(track, frame, LABELS)
    if left is None:  # before the first keyframe: its points, outside
        assert state.outside and not state.keyframe
        assert state.points == right["points"]
        return
    assert (state.occluded, state.outside, state.z_order) == (left["occluded"], left["outside"], left["z_order"])
    if right is None and left["frame"] != frame:  # after the last keyframe: a copy of it
        assert state.points == left["points"] and not state.keyframe


@given(track=tracks(), frame=FRAMES, seed=st.integers())
def test_independent_of_the_order_of_shapes_in_the_json(track: dict[str, Any], frame: int, seed: int) -> None:
    shuffled = {**track, "shapes": list(track["shapes"])}
    random.Random(seed).shuffle(shuffled["shapes"])
    assert track_at(shuffled, frame, LABELS) == track_at(track, frame, LABELS)


@given(track=tracks(), frame=FRAMES)
def test_attributes_defaults_immutable_from_the_track_mutable_carried(track: dict[str, Any], frame: int) -> None:
    state = track_at(track, frame, LABELS)
    assert set(state.attributes) == {11, 12, 13}
    immutable = {a["spec_id"]: a["value"] for a in track["attributes"]}
    assert state.attributes[11] == immutable.get(11, "sedan")
    defaults = {12: "false", 13: "0"}
    for spec_id in MUTABLE:
        expected = defaults[spec_id]
        for shape in sorted(track["shapes"], key=lambda shape: shape["frame"]):
            values = {a["spec_id"]: a["value"] for a in shape["attributes"]}
            if shape["frame"] <= frame and spec_id in values:
                expected = values[spec_id]
        assert state.attributes[spec_id] == expected


@settings(max_examples=50)
@given(track=tracks(), frame=FRAMES)
def test_results_are_fresh_and_readable_as_a_mapping(track: dict[str, Any], frame: int) -> None:
    state = track_at(track, frame, LABELS)
    assert state["points"] is state.points and state["attributes"] is state.attributes
    assert dict(state) == {name: getattr(state, name) for name in state.FIELDS}
    before = copy.deepcopy(state)
    state.attributes[12] = "changed"
    state.points.append(1.0)
    assert track_at(track, frame, LABELS) == before
