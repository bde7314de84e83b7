"""Labeled data read and written without loss; the objects visible at a frame; no Qt or network in the package."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from annodesk.annotations import Annotations, FrameIndex, LabelSet, Shape, by_key, normalized, track_at

from .strategies import LABELS, labeled_data, tracks


@given(data=labeled_data())
def test_labeled_data_round_trips_losslessly(data: dict[str, Any]) -> None:
    parsed = Annotations.from_json(data)
    assert parsed.to_json() == data
    assert Annotations.from_json(parsed.to_json()) == parsed


def test_the_api_reference_example_round_trips_and_types_are_right() -> None:
    example = {
        "version": 3,
        "tags": [
            {
                "id": 1,
                "frame": 0,
                "label_id": 7,
                "group": 0,
                "source": "manual",
                "attributes": [{"spec_id": 11, "value": "suv"}],
            }
        ],
        "shapes": [
            {
                "id": 5,
                "frame": 2,
                "label_id": 7,
                "group": 0,
                "source": "manual",
                "type": "rectangle",
                "occluded": False,
                "z_order": 0,
                "points": [10.0, 20.0, 110.5, 80.0],
                "attributes": [{"spec_id": 11, "value": "sedan"}, {"spec_id": 13, "value": "40"}],
            }
        ],
        "tracks": [
            {
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
                        "attributes": [{"spec_id": 12, "value": "false"}],
                    }
                ],
            }
        ],
    }
    parsed = Annotations.from_json(example)
    assert parsed.to_json() == example
    assert isinstance(parsed.shapes[0], Shape) and parsed.shapes[0].points == (10.0, 20.0, 110.5, 80.0)
    assert parsed.tracks[0].type == "rectangle" and parsed.tracks[0].shapes[0].points == (1.0, 2.0, 30.0, 40.0)


def test_labels_round_trip_and_know_mutability() -> None:
    labels = LabelSet.from_json(LABELS)
    assert labels.to_json() == LABELS
    assert labels.mutable_ids(7) == {12, 13}
    assert labels.defaults(7) == ((11, "sedan"), (12, "false"), (13, "0"))
    assert labels.spec(13).input_type == "number"


@settings(max_examples=60)
@given(data=labeled_data(), frame=st.integers(-1, 62), all_tracks=st.booleans())
def test_objects_at_a_frame_are_its_shapes_and_visible_tracks_by_z_order(
    data: dict[str, Any], frame: int, all_tracks: bool
) -> None:
    index = FrameIndex.from_json(data, LABELS)
    objects = index.objects_at(frame, all_tracks=all_tracks)
    assert [o.z_order for o in objects] == sorted(o.z_order for o in objects)
    shapes = [o for o in objects if o.kind == "shape"]
    assert sorted(o.index for o in shapes) == [i for i, s in enumerate(data["shapes"]) if s["frame"] == frame]
    for shape in shapes:
        assert list(shape.points) == data["shapes"][shape.index]["points"]
        assert set(shape.attributes) >= {a["spec_id"] for a in data["shapes"][shape.index]["attributes"]}
    expected_tracks = []
    for i, track in enumerate(data["tracks"]):
        state = track_at(track, frame, LABELS)
        if all_tracks or not state.outside or state.keyframe:
            expected_tracks.append((i, state.points, state.outside, dict(state.attributes)))
    got_tracks = sorted((o.index, o.points, o.outside, dict(o.attributes)) for o in objects if o.kind == "track")
    assert got_tracks == sorted(expected_tracks)
    assert [t.frame for t in index.tags_at(frame)] == [frame] * len(index.tags_at(frame))


@given(track=tracks("polygon"))
def test_equal_z_order_keeps_tracks_before_shapes(track: dict[str, Any]) -> None:
    for shape in track["shapes"]:
        shape.update(outside=False, z_order=0)
    frame = track["shapes"][0]["frame"]
    shape = {
        "type": "points",
        "frame": frame,
        "label_id": 8,
        "points": [1.0, 1.0],
        "occluded": False,
        "z_order": 0,
        "attributes": [],
    }
    objects = FrameIndex.from_json({"version": 0, "tags": [], "shapes": [shape], "tracks": [track]}, LABELS)
    assert [o.kind for o in objects.objects_at(frame)] == ["track", "shape"]


def test_the_package_imports_no_qt_and_no_network() -> None:
    code = (
        "import sys, annodesk.annotations;"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'qasync', 'httpx',"
        " 'annodesk.ui', 'annodesk.models', 'annodesk.api', 'annodesk.session', 'annodesk.sandbox')));"
        "print(bad)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "[]"


@given(data=labeled_data())
def test_the_normal_form_is_stable_and_shows_the_same_tracks(data: dict[str, Any]) -> None:
    parsed = Annotations.from_json(data)
    normal = normalized(parsed, LABELS)
    assert normalized(normal, LABELS) == normal
    for track, normal_track in zip(parsed.tracks, normal.tracks, strict=True):
        assert [s.frame for s in normal_track.shapes] == sorted({s.frame for s in track.shapes})
        assert all(s.id is None for s in normal_track.shapes)
        for frame in range(-1, 62, 3):
            assert track_at(normal_track, frame, LABELS) == track_at(track, frame, LABELS)
    for shape in normal.shapes:
        specs = {spec_id for spec_id, _ in LabelSet.from_json(LABELS).defaults(shape.label_id)}
        assert {a.spec_id for a in shape.attributes} >= specs
        assert [a.spec_id for a in shape.attributes] == sorted(a.spec_id for a in shape.attributes)


def test_objects_are_keyed_by_kind_and_id() -> None:
    data = {
        "version": 1,
        "tags": [],
        "shapes": [
            {
                "type": "points",
                "frame": 0,
                "label_id": 8,
                "points": [1, 1],
                "occluded": False,
                "id": 5,
                "attributes": [],
            }
        ],
        "tracks": [
            {
                "id": 5,
                "frame": 0,
                "label_id": 8,
                "attributes": [],
                "shapes": [
                    {
                        "type": "points",
                        "frame": 0,
                        "points": [1, 1],
                        "outside": False,
                        "occluded": False,
                        "attributes": [],
                    }
                ],
            }
        ],
    }
    keys = by_key(Annotations.from_json(data))
    assert set(keys) == {("shapes", 5), ("tracks", 5)}
