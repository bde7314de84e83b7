"""The objects of a frame as the workspace lists and draws them: shapes, tracks at and between keyframes and after
an outside keyframe, tags, attribute names and defaults, colours, filters, counts, drawables."""

from __future__ import annotations

import pytest

from annodesk.api import Annotations, AttributeVal, Label, LabeledShape, LabeledTag, LabeledTrack, TrackedShape
from annodesk.api.models import Attribute
from annodesk.workspace.drawing import DrawableIds, to_drawables
from annodesk.workspace.frame_objects import (
    COLOR_BY_GROUP,
    COLOR_BY_INSTANCE,
    SHAPE,
    TAG,
    TRACK,
    FrameReader,
    ObjectFilter,
    job_counts,
)

CAR = Label(
    id=1,
    name="car",
    color="#fa3253",
    attributes=(
        Attribute(id=11, name="type", input_type="select", default_value="sedan", values=("sedan", "bus")),
        Attribute(id=12, name="parked", input_type="checkbox", mutable=True, default_value="false"),
    ),
)
SIGN = Label(id=2, name="sign", color="")
LABELS = (CAR, SIGN)


def key(frame: int, points: list[float], outside: bool = False, parked: str | None = None) -> TrackedShape:
    attributes = (AttributeVal(spec_id=12, value=parked),) if parked is not None else ()
    return TrackedShape(
        type="rectangle", frame=frame, points=tuple(points), outside=outside, id=100 + frame, attributes=attributes
    )


ANNOTATIONS = Annotations(
    shapes=(
        LabeledShape(type="polygon", frame=5, label_id=2, points=(0, 0, 4, 0, 4, 4), id=7, z_order=3, group=2),
        LabeledShape(
            type="rectangle",
            frame=5,
            label_id=1,
            points=(1, 1, 2, 2),
            id=8,
            attributes=(AttributeVal(spec_id=11, value="bus"),),
        ),
    ),
    tracks=(
        LabeledTrack(
            frame=0,
            label_id=1,
            id=7,  # the same id as a shape: another table
            shapes=(
                key(0, [0, 0, 10, 10], parked="false"),
                key(10, [10, 10, 20, 20], parked="true"),
                key(20, [10, 10, 20, 20], True),
            ),
        ),
    ),
    tags=(LabeledTag(frame=5, label_id=2, id=3),),
)


def test_tracks_between_at_and_after_keyframes() -> None:
    reader = FrameReader(ANNOTATIONS, LABELS)
    between = next(obj for obj in reader.objects_at(5) if obj.kind == TRACK)
    assert between.key == (TRACK, 7) and between.points == pytest.approx((5, 5, 15, 15)) and not between.keyframe
    assert dict(between.attributes) == {"type": "sedan", "parked": "false"}
    at_key = reader.objects_at(10)
    assert [(o.key, o.keyframe, o.points) for o in at_key] == [((TRACK, 7), True, (10, 10, 20, 20))]
    assert dict(at_key[0].attributes)["parked"] == "true"
    assert dict(reader.objects_at(15)[0].attributes)["parked"] == "true"  # carried forward
    outside = reader.objects_at(20)
    assert [(o.key, o.outside) for o in outside] == [((TRACK, 7), True)]  # listed at its outside keyframe
    assert reader.objects_at(21) == []  # and gone after it


def test_shapes_and_tags_of_a_frame_with_names_defaults_and_colours() -> None:
    reader = FrameReader(ANNOTATIONS, LABELS)
    found = {obj.key: obj for obj in reader.objects_at(5)}
    assert set(found) == {(SHAPE, 7), (SHAPE, 8), (TRACK, 7), (TAG, 3)}
    assert found[(SHAPE, 8)].attributes == (("type", "bus"), ("parked", "false"))
    assert found[(SHAPE, 8)].color == "#fa3253"  # the label's colour
    assert found[(SHAPE, 7)].color.startswith("#") and found[(SHAPE, 7)].label == "sign"
    assert found[(TAG, 3)].type == "tag"
    by_group = {obj.key: obj.color for obj in FrameReader(ANNOTATIONS, LABELS, COLOR_BY_GROUP).objects_at(5)}
    assert by_group[(SHAPE, 8)] == "#E0E0E0" != by_group[(SHAPE, 7)]
    by_instance = {obj.key: obj.color for obj in FrameReader(ANNOTATIONS, LABELS, COLOR_BY_INSTANCE).objects_at(5)}
    assert by_instance[(SHAPE, 7)] != by_instance[(TRACK, 7)]


def test_filters_match_label_type_and_attribute_text() -> None:
    objects = FrameReader(ANNOTATIONS, LABELS).objects_at(5)
    keys = lambda f: {o.key for o in objects if f.matches(o)}  # noqa: E731
    assert not ObjectFilter().active and ObjectFilter(attribute_text=" x ").active
    assert keys(ObjectFilter(label_ids=frozenset({2}))) == {(SHAPE, 7), (TAG, 3)}
    assert keys(ObjectFilter(types=frozenset({"rectangle"}))) == {(SHAPE, 8), (TRACK, 7)}
    assert keys(ObjectFilter(attribute_text="BUS")) == {(SHAPE, 8)}
    assert keys(ObjectFilter(attribute_text="parked=false")) == {(SHAPE, 8), (TRACK, 7)}
    assert keys(ObjectFilter(label_ids=frozenset({1}), attribute_text="sedan")) == {(TRACK, 7)}


def test_job_counts_by_label_and_type() -> None:
    counts = job_counts(ANNOTATIONS)
    assert counts.total == 4
    assert counts.by_type == {"polygon": 1, "rectangle": 2, "tag": 1}
    assert counts.by_label[1] == {"rectangle shape": 1, "rectangle track": 1}
    assert counts.by_label[2] == {"polygon shape": 1, "tag": 1}


def test_drawables_keep_kinds_apart_and_mark_hidden_and_locked() -> None:
    objects = FrameReader(ANNOTATIONS, LABELS).objects_at(5)
    registry = DrawableIds()
    drawables = to_drawables(objects, hidden={(SHAPE, 8)}, hidden_labels={2}, locked={(TRACK, 7)}, ids=registry)
    assert len(drawables) == 3  # the tag is not drawn
    ids = {registry.key(d.id): d for d in drawables}
    assert set(ids) == {(SHAPE, 7), (SHAPE, 8), (TRACK, 7)}
    assert ids[(SHAPE, 8)].hidden and ids[(SHAPE, 7)].hidden and not ids[(TRACK, 7)].hidden
    assert ids[(TRACK, 7)].locked and not ids[(TRACK, 7)].selectable
    assert [d.z_order for d in drawables] == sorted(d.z_order for d in drawables)
    assert registry.id((SHAPE, 7)) != registry.id((TRACK, 7)) and registry.key(registry.id((TAG, 3))) == (TAG, 3)
    assert registry.id((SHAPE, "0f3a")) == registry.id((SHAPE, "0f3a")) != registry.id((SHAPE, 7))  # a client id
    assert registry.key(10_000) is None and registry.key(None) is None
    assert "type: sedan" in ids[(TRACK, 7)].attributes_text
