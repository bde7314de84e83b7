"""Worked cases of the annotation-view reference (§2.4–2.5) and of the JSON contract (``cvat-v1-api.md`` §6)."""

from __future__ import annotations

import math
from typing import Any

from annodesk.annotations import (
    PALETTE,
    LabelSet,
    Track,
    TrackTimeline,
    group_color,
    instance_color,
    interpolate_polygon,
    interpolate_polyline,
    track_at,
)
from annodesk.annotations.polyline import match_points

from .strategies import LABELS

# cvat-v1-api.md §6's example track, extended by a later outside keyframe.
TRACK: dict[str, Any] = {
    "id": 2,
    "frame": 0,
    "label_id": 7,
    "group": 0,
    "source": "manual",
    "attributes": [{"spec_id": 11, "value": "truck"}],
    "shapes": [
        {
            "type": "rectangle",
            "occluded": False,
            "z_order": 0,
            "points": [1, 2, 30, 40],
            "id": 9,
            "frame": 0,
            "outside": False,
            "attributes": [{"spec_id": 12, "value": "true"}],
        },
        {
            "type": "rectangle",
            "occluded": True,
            "z_order": 2,
            "points": [11, 22, 40, 60],
            "id": 10,
            "frame": 10,
            "outside": False,
            "attributes": [{"spec_id": 13, "value": "50"}],
        },
        {
            "type": "rectangle",
            "occluded": False,
            "z_order": 1,
            "points": [21, 42, 50, 80],
            "id": 11,
            "frame": 20,
            "outside": True,
            "attributes": [],
        },
    ],
}


def poly_track(kind: str, left: list[float], right: list[float]) -> dict[str, Any]:
    def keyframe(frame: int, points: list[float]) -> dict[str, Any]:
        return {
            "type": kind,
            "frame": frame,
            "points": points,
            "outside": False,
            "occluded": False,
            "z_order": 0,
            "attributes": [],
        }

    return {"frame": 0, "label_id": 8, "attributes": [], "shapes": [keyframe(0, left), keyframe(4, right)]}


def test_rule_2_interpolates_between_left_and_next() -> None:
    state = track_at(TRACK, 5, LABELS)
    assert state.points == [6.0, 12.0, 35.0, 50.0]
    assert not state.keyframe and not state.outside


def test_rule_4_before_the_first_keyframe_next_points_outside() -> None:
    late = {**TRACK, "frame": 10, "shapes": TRACK["shapes"][1:]}
    state = track_at(late, 3, LABELS)
    assert state.points == [11.0, 22.0, 40.0, 60.0] and state.outside and not state.keyframe
    assert state.occluded and state.z_order == 2  # taken from that next keyframe


def test_rule_5_flags_from_left_and_moving_towards_an_outside_keyframe() -> None:
    state = track_at(TRACK, 15, LABELS)
    assert (state.occluded, state.outside, state.z_order) == (True, False, 2)
    assert state.points == [16.0, 32.0, 45.0, 70.0]  # the client moves towards the outside keyframe (§2.6)


def test_rule_3_after_an_outside_keyframe_outside_forever() -> None:
    for frame in (20, 21, 500):
        state = track_at(TRACK, frame, LABELS)
        assert state.outside and state.points == [21.0, 42.0, 50.0, 80.0]
        assert state.keyframe == (frame == 20)


def test_rule_3_after_a_visible_last_keyframe_it_stays() -> None:
    visible = {**TRACK, "shapes": TRACK["shapes"][:2]}
    state = track_at(visible, 999, LABELS)
    assert not state.outside and state.points == [11.0, 22.0, 40.0, 60.0] and not state.keyframe


def test_rule_6_attributes_track_values_then_keyframes_in_frame_order() -> None:
    assert track_at(TRACK, 0, LABELS).attributes == {11: "truck", 12: "true", 13: "0"}
    assert track_at(TRACK, 9, LABELS).attributes == {11: "truck", 12: "true", 13: "0"}
    assert track_at(TRACK, 10, LABELS).attributes == {11: "truck", 12: "true", 13: "50"}
    no_immutable = {**TRACK, "attributes": []}
    assert track_at(no_immutable, 25, LABELS).attributes == {11: "sedan", 12: "true", 13: "50"}


def test_points_move_only_with_one_point_on_both_sides() -> None:
    one = poly_track("points", [0, 0], [8, 4])
    assert track_at(one, 1, LABELS).points == [2.0, 1.0]
    several = poly_track("points", [0, 0, 5, 5], [8, 4])
    assert track_at(several, 3, LABELS).points == [0.0, 0.0, 5.0, 5.0]


def test_cuboid_moves_each_coordinate_in_a_straight_line() -> None:
    left = [float(i) for i in range(16)]
    right = [float(i) + 16 for i in range(16)]
    assert track_at(poly_track("cuboid", left, right), 2, LABELS).points == [value + 8 for value in left]


def test_polygon_with_more_points_on_the_right() -> None:
    """A square growing into a five-point house: the extra right point joins the nearest left point's fan
    (checked against cvat-core v1.1.0)."""
    track = poly_track("polygon", [0, 0, 10, 0, 10, 10, 0, 10], [0, 0, 20, 0, 20, 20, 10, 25, 0, 20])
    assert track_at(track, 1, LABELS).points == [0.0, 0.0, 12.5, 0.0, 12.5, 12.5, 10.0, 13.75, 0.0, 12.5]
    assert track_at(track, 0, LABELS).points == [0.0, 0.0, 10.0, 0.0, 10.0, 10.0, 0.0, 10.0]
    assert track_at(track, 4, LABELS).points == [0.0, 0.0, 20.0, 0.0, 20.0, 20.0, 10.0, 25.0, 0.0, 20.0]


def test_matching_nearest_then_unmatched_right_points_join_their_nearest_left() -> None:
    left = [(0.0, 0.0), (10.0, 0.0)]
    right = [(0.0, 0.0), (5.0, 0.0), (9.0, 0.0), (10.0, 0.0)]
    assert match_points(left, right) == [[0, 1], [2, 3]]


def test_a_run_of_left_points_on_one_right_point_is_thinned() -> None:
    """Five left points move onto two right points: L0–L2 form a run onto R0 and L3–L4 one onto R1; near the right
    keyframe each run is closer than its threshold and collapses to the midpoint of its ends (checked against
    cvat-core v1.1.0)."""
    left = [0.0, 0.0, 1.0, 0.0, 2.0, 0.0, 3.0, 0.0, 4.0, 0.0]
    right = [0.0, 0.0, 4.0, 0.0]
    assert interpolate_polyline(left, right, 0.0) == left
    assert interpolate_polyline(left, right, 0.99) == [0.010000000000000009, 0.0, 3.995, 0.0]
    halfway = interpolate_polyline(left, right, 0.5)
    assert halfway == [0.0, 0.0, 0.5, 0.0, 1.0, 0.0, 3.5, 0.0, 4.0, 0.0]


def test_zero_length_curves_do_not_divide_by_zero() -> None:
    result = interpolate_polyline([5.0, 5.0, 5.0, 5.0, 5.0, 5.0], [0.0, 0.0, 10.0, 0.0], 0.5)
    assert result and all(math.isfinite(value) for value in result)
    assert interpolate_polygon([1.0, 1.0] * 3, [1.0, 1.0] * 4, 0.5)


def test_colours_label_then_palette_group_and_instance() -> None:
    labels = LabelSet.from_json(LABELS)
    assert labels.color(7) == "#fa3253"
    assert labels.color(8) == PALETTE[1]  # no colour from the server: the palette at the label's position
    assert group_color(0) == "#E0E0E0" and group_color(31) == PALETTE[1]
    assert instance_color(30) == PALETTE[0] and len(PALETTE) == 30


def test_previous_and_next_keyframes_around_a_frame() -> None:
    timeline = TrackTimeline(Track.from_json(TRACK), LabelSet.from_json(LABELS))
    assert timeline.keyframe_bounds(-3) == (None, 0)
    assert timeline.keyframe_bounds(0) == (None, 10)
    assert timeline.keyframe_bounds(5) == (0, 10)
    assert timeline.keyframe_bounds(10) == (0, 20)
    assert timeline.keyframe_bounds(20) == (10, None)
    assert timeline.keyframe_bounds(99) == (20, None)
