"""Properties of the edits over random jobs and random sequences of edits: the document stays valid and
serialisable, every step undoes exactly and replays from its delta, geometry stays inside the image, a label
change gives exactly the new label's defaults, propagate fills consecutive frames, split then merge gives the
track's keyframes back."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from annodesk.annotations import Annotations, LabelSet, Shape, Track, track_at
from annodesk.annotations import edits as e
from annodesk.annotations.geometry import EditRejected
from annodesk.annotations.history import EditStep, apply_delta
from annodesk.annotations.identity import KINDS, SHAPES, TRACKS, ObjectKey, find, identified, items_of, key_of
from annodesk.annotations.normal import normalized
from annodesk.annotations.objects import EXACT_POINTS, MIN_POINTS

from .strategies import LABELS, labeled_data, tracks

LABEL_SET = LabelSet.from_json(LABELS)
IMAGE = (640.0, 480.0)
STOP_FRAME = 70


def _unique_ids(data: dict[str, Any]) -> Annotations:
    """A job from random labeled data with unique server ids per kind (some objects new, with client ids)."""
    for kind in KINDS:
        for index, item in enumerate(data[kind]):
            if item.get("id") is not None or index % 3 == 0:
                item["id"] = 100 + index
            else:
                item.pop("id", None)
    return identified(Annotations.from_json(data))


documents = labeled_data().map(_unique_ids)
coordinate = st.floats(-100, 800, allow_nan=False)


def keys(document: Annotations, *kinds: str) -> list[ObjectKey]:
    return [key_of(kind, item) for kind in kinds or KINDS for item in items_of(document, kind)]


@st.composite
def an_edit(draw: st.DrawFn, document: Annotations) -> tuple[str, Annotations]:
    """A random edit of ``document``: its name and the document after it (unchanged when refused)."""
    geometric = keys(document, SHAPES, TRACKS)
    every = keys(document)
    tracks_ = keys(document, TRACKS)
    frame = draw(st.integers(0, 60))
    choices = ["create_shape", "create_track", "create_tag"]
    if geometric:
        choices += ["move", "set_points", "vertex", "occluded", "z", "copy_paste", "propagate", "merge"]
    if every:
        choices += ["label", "attribute", "group", "delete"]
    if tracks_:
        choices += ["keyframe", "outside", "split"]
    name = draw(st.sampled_from(choices))
    try:
        if name in ("create_shape", "create_track"):
            shape_type = draw(st.sampled_from(list(MIN_POINTS)))
            low = EXACT_POINTS.get(shape_type, MIN_POINTS[shape_type])
            count = draw(st.integers(low, EXACT_POINTS.get(shape_type, low + 4)))
            points = draw(st.lists(coordinate, min_size=2 * count, max_size=2 * count))
            maker = e.create_track if name == "create_track" else e.create_shape
            made = maker(
                document, LABEL_SET, shape_type=shape_type, frame=frame, label_id=draw(st.sampled_from([7, 8])),
                points=points, image=IMAGE, z_order=draw(st.integers(-3, 3)),
            )  # fmt: skip
            return name, made.annotations
        if name == "create_tag":
            return name, e.create_tag(document, LABEL_SET, frame=frame, label_id=7).annotations
        if name in ("label", "attribute", "group", "delete"):
            key = draw(st.sampled_from(every))
            if name == "label":
                return name, e.change_label(document, LABEL_SET, key, draw(st.sampled_from([7, 8])))
            if name == "attribute":
                spec, value = draw(st.sampled_from([(11, "suv"), (12, "true"), (13, "150"), (13, "999")]))
                return name, e.set_attribute(document, LABEL_SET, key, frame, spec, value)
            if name == "group":
                picked = draw(st.lists(st.sampled_from(every), min_size=1, max_size=3, unique=True))
                return name, e.group(document, picked) if draw(st.booleans()) else e.ungroup(document, picked)
            return name, e.delete(
                document, [key], locked=draw(st.sampled_from([(), (key,)])), force=draw(st.booleans())
            )
        if name in ("keyframe", "outside", "split"):
            key = draw(st.sampled_from(tracks_))
            if name == "keyframe":
                return name, e.toggle_keyframe(document, key, frame)
            if name == "outside":
                return name, e.toggle_outside(document, key, frame)
            return name, e.split_track(document, LABEL_SET, key, frame).annotations
        key = draw(st.sampled_from(geometric))
        if name == "move":
            return name, e.move(document, key, frame, draw(coordinate), draw(coordinate), image=IMAGE)
        if name == "vertex":
            vertex = draw(st.integers(0, 3))
            x, y = draw(coordinate), draw(coordinate)
            action = draw(st.sampled_from([e.move_vertex, e.insert_vertex]))
            if draw(st.booleans()):
                return name, e.delete_vertex(document, key, frame, vertex, image=IMAGE)
            return name, action(document, key, frame, vertex, x, y, image=IMAGE)
        if name == "set_points":
            item = find(document, key)[1]
            count = len(item.points if isinstance(item, Shape) else item.shapes[0].points)  # type: ignore[union-attr]
            points = draw(st.lists(coordinate, min_size=count, max_size=count))
            return name, e.set_points(document, key, frame, points, image=IMAGE)
        if name == "occluded":
            return name, e.set_occluded(document, key, frame, draw(st.booleans()))
        if name == "z":
            return name, (e.to_front if draw(st.booleans()) else e.to_back)(document, key, frame)
        if name == "copy_paste":
            clip = e.copy(document, LABEL_SET, key, frame)
            return name, e.paste(document, LABEL_SET, clip, draw(st.integers(0, 60)), image=IMAGE, dx=3).annotations
        if name == "propagate":
            made = e.propagate(document, LABEL_SET, key, frame, draw(st.integers(1, 5)), stop_frame=STOP_FRAME)
            return name, made.annotations
        picked = draw(st.lists(st.sampled_from(geometric), min_size=1, max_size=3, unique=True))
        return name, e.merge_into_track(document, LABEL_SET, picked).annotations
    except EditRejected:
        return name, document


def assert_valid(document: Annotations) -> None:
    data = json.loads(json.dumps(document.to_json()))
    assert Annotations.from_json(data) == document
    for kind in KINDS:
        ids = [key_of(kind, item) for item in items_of(document, kind)]
        assert len(ids) == len(set(ids)), "every object has its own key"
    for track in document.tracks:
        assert track.shapes and len({s.type for s in track.shapes}) == 1
        assert track.frame == min(s.frame for s in track.shapes), "a track starts at its first keyframe"
    for shape in document.shapes:
        assert len(shape.points) % 2 == 0 and len(shape.points) // 2 >= MIN_POINTS[shape.type]


@given(documents, st.data())
def test_every_edit_keeps_the_document_valid_and_its_step_undoes_and_replays(
    document: Annotations, data: st.DataObject
) -> None:
    for _ in range(6):
        name, after = data.draw(an_edit(document), label="edit")
        event(f"{name}: {'made' if after is not document else 'refused or no change'}")
        assert_valid(after)
        step = EditStep(name, 0, document, after)
        assert apply_delta(document, step.delta()).to_json() == after.to_json()
        assert apply_delta(after, step.inverse().delta()).to_json() == document.to_json()
        document = after


def _inside(points: tuple[float, ...]) -> bool:
    return all(0 <= v <= (IMAGE[0] if i % 2 == 0 else IMAGE[1]) for i, v in enumerate(points))


@given(documents, st.data())
def test_edited_geometry_stays_inside_the_image(document: Annotations, data: st.DataObject) -> None:
    name, after = data.draw(an_edit(document), label="edit")
    if name not in ("create_shape", "create_track", "move", "vertex", "set_points", "copy_paste"):
        return
    before_ids = {id(item) for kind in (SHAPES, TRACKS) for item in items_of(document, kind)}
    before_keyframes = {id(s) for t in document.tracks for s in t.shapes}
    for shape in after.shapes:
        if id(shape) not in before_ids and shape.type != "cuboid":
            assert _inside(shape.points)
    for track in after.tracks:
        for keyframe in track.shapes:
            if id(keyframe) not in before_keyframes and keyframe.type != "cuboid":
                assert _inside(keyframe.points)


@given(documents, st.data())
def test_a_label_change_gives_exactly_the_new_labels_defaults(document: Annotations, data: st.DataObject) -> None:
    every = keys(document)
    if not every:
        return
    key = data.draw(st.sampled_from(every))
    label_id = data.draw(st.sampled_from([7, 8]))
    after = e.change_label(document, LABEL_SET, key, label_id)
    item = find(after, key)[1]
    defaults = dict(LABEL_SET.defaults(label_id))
    if isinstance(item, Track):
        for frame in range(0, 62, 3):
            assert track_at(item, frame, LABEL_SET)["attributes"] == defaults
        assert {a.spec_id for a in item.attributes} == set(defaults) - LABEL_SET.mutable_ids(label_id)
    else:
        assert {a.spec_id: a.value for a in item.attributes} == defaults


@given(documents, st.data())
def test_propagate_makes_n_shapes_on_consecutive_frames_within_the_job(
    document: Annotations, data: st.DataObject
) -> None:
    geometric = keys(document, SHAPES, TRACKS)
    if not geometric:
        return
    key = data.draw(st.sampled_from(geometric))
    frame = data.draw(st.integers(0, STOP_FRAME))
    count = data.draw(st.integers(1, 20))
    made = e.propagate(document, LABEL_SET, key, frame, count, stop_frame=STOP_FRAME)
    new = [find(made.annotations, k)[1] for k in made.keys]
    assert [s.frame for s in new] == list(range(frame + 1, min(frame + count, STOP_FRAME) + 1))  # type: ignore[union-attr]
    assert made.annotations.shapes[: len(document.shapes)] == document.shapes
    assert len({s.points for s in new}) <= 1  # type: ignore[union-attr]


@given(tracks(), st.integers(1, 61))
def test_split_then_merge_round_trips_the_keyframes(data: dict[str, Any], frame: int) -> None:
    data["id"] = 1
    track = Track.from_json(data)
    document = Annotations(tracks=(track,))
    first = min(s.frame for s in track.shapes)
    if frame <= first:
        with pytest.raises(EditRejected):
            e.split_track(document, LABEL_SET, (TRACKS, 1), frame)
        return
    state = track_at(track, frame, LABEL_SET)
    split = e.split_track(document, LABEL_SET, (TRACKS, 1), frame)
    try:
        merged = e.merge_into_track(split.annotations, LABEL_SET, split.keys)
    except EditRejected:  # nothing visible anywhere: the merge has no track to make
        assert all(s.outside for t in split.annotations.tracks for s in t.shapes)
        return
    (result,) = merged.annotations.tracks
    # the merge drops leading outside keyframes (Collection.merge), and with them the values they set
    visible = sorted(s.frame for s in track.shapes if not s.outside)
    start = visible[0] if visible and visible[0] < frame else frame
    kept = replace(track, shapes=tuple(s for s in track.shapes if s.frame >= start))
    # before the split, the values the dropped keyframes set are gone; from the split on, the second part starts
    # from the track's state there, values included
    want = normalized(Annotations(tracks=(kept,)), LABEL_SET).tracks[0]
    whole = normalized(Annotations(tracks=(track,)), LABEL_SET).tracks[0]
    got = normalized(Annotations(tracks=(result,)), LABEL_SET).tracks[0]
    expected = {s.frame: replace(s, id=None) for s in want.shapes if s.frame < frame}
    expected.update({s.frame: replace(s, id=None) for s in whole.shapes if s.frame > frame})
    actual = {s.frame: s for s in got.shapes if s.frame != frame}
    if start == frame:
        return  # the part before the split was all outside: the merge starts at the split
    assert actual == expected
    at_split = {s.frame: s for s in got.shapes}[frame]
    assert list(at_split.points) == state.points and at_split.outside == state.outside
    assert got.attributes == want.attributes and got.label_id == want.label_id
