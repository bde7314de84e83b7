"""Examples of every edit, pinned to the rules of §3 of the annotation-view reference (CVAT v1.1's web client)."""

from __future__ import annotations

import pytest

from annodesk.annotations import Annotations, LabelSet, Shape, Track, TrackedShape, track_at
from annodesk.annotations import edits as e
from annodesk.annotations.geometry import EditRejected, clamp
from annodesk.annotations.history import EditStep, apply_delta
from annodesk.annotations.identity import SHAPES, TAGS, TRACKS, client_id, find, identified

from .strategies import LABELS

LABEL_SET = LabelSet.from_json(LABELS)
IMAGE = (100.0, 80.0)
CAR, PERSON = 7, 8
KIND, PARKED, SPEED = 11, 12, 13


def attrs(item: object) -> dict[int, str]:
    return {a.spec_id: a.value for a in item.attributes}  # type: ignore[attr-defined]


def empty() -> Annotations:
    return Annotations(version=3)


def with_rect(points: tuple[float, ...] = (10, 10, 30, 40)) -> tuple[Annotations, tuple[str, int | str]]:
    made = e.create_shape(
        empty(), LABEL_SET, shape_type="rectangle", frame=2, label_id=CAR, points=points, image=IMAGE, z_order=1
    )
    return made.annotations, made.keys[0]


def with_track() -> tuple[Annotations, tuple[str, int | str]]:
    track = Track(
        frame=0,
        label_id=CAR,
        id=5,
        source="auto",
        attributes=(),
        shapes=(
            TrackedShape("rectangle", 0, (0, 0, 10, 10), id=50),
            TrackedShape("rectangle", 10, (10, 10, 20, 20), id=51),
        ),
    )
    return Annotations(version=1, tracks=(track,)), (TRACKS, 5)


# ---- create ------------------------------------------------------------------------------------------------------


def test_a_new_shape_has_a_client_id_no_server_id_and_every_default() -> None:
    document, key = with_rect()
    shape = find(document, key)[1]
    assert isinstance(shape, Shape)
    assert shape.id is None and client_id(shape) == key[1]
    assert attrs(shape) == {KIND: "sedan", PARKED: "false", SPEED: "0"}
    assert (shape.frame, shape.z_order, shape.points) == (2, 1, (10, 10, 30, 40))
    assert "client_id" in document.to_json()["shapes"][0]
    assert Annotations.from_json(document.to_json()) == document


def test_a_new_track_has_one_keyframe_immutable_on_the_track_mutable_on_the_keyframe() -> None:
    made = e.create_track(
        empty(), LABEL_SET, shape_type="polygon", frame=4, label_id=CAR, points=(1, 1, 20, 1, 10, 15), image=IMAGE
    )
    track = find(made.annotations, made.keys[0])[1]
    assert isinstance(track, Track)
    assert [s.frame for s in track.shapes] == [4] and not track.shapes[0].outside
    assert attrs(track) == {KIND: "sedan"}
    assert attrs(track.shapes[0]) == {PARKED: "false", SPEED: "0"}


def test_a_tag_gets_every_attribute() -> None:
    made = e.create_tag(empty(), LABEL_SET, frame=3, label_id=CAR, attributes={KIND: "suv"})
    tag = made.annotations.tags[0]
    assert made.keys[0][0] == TAGS and attrs(tag) == {KIND: "suv", PARKED: "false", SPEED: "0"}


@pytest.mark.parametrize(
    ("shape_type", "points", "reason"),
    [
        ("rectangle", (0, 0, 2, 2), "too_small"),  # 4 px² < 9
        ("polygon", (0, 0, 10, 0), "point_count"),
        ("polyline", (5, 5, 6, 7), "too_small"),  # extent under 3 both ways
        ("rectangle", (200, 200, 300, 300), "outside"),
        ("cuboid", (0, 0) * 4, "point_count"),
    ],
)
def test_drawings_cvat_drops_are_refused(shape_type: str, points: tuple[float, ...], reason: str) -> None:
    with pytest.raises(EditRejected) as caught:
        e.create_shape(empty(), LABEL_SET, shape_type=shape_type, frame=0, label_id=CAR, points=points, image=IMAGE)
    assert caught.value.reason == reason


def test_points_are_clamped_to_the_image_but_cuboids_are_not() -> None:
    document, key = with_rect((-5, 10, 130, 90))
    assert find(document, key)[1].points == (0, 10, 100, 80)  # type: ignore[union-attr]
    cuboid = tuple(float(v) for v in (-5, 0, -5, 10, 20, 0, 20, 10, 25, 0, 25, 10, 0, -3, 0, 7))
    assert clamp("cuboid", cuboid, IMAGE) == cuboid


# ---- geometry ----------------------------------------------------------------------------------------------------


def test_move_clamps_each_point_so_a_box_past_the_border_is_cut() -> None:
    document, key = with_rect()
    moved = e.move(document, key, 2, 80, 0, image=IMAGE)
    shape = find(moved, key)[1]
    assert shape.points == (90, 10, 100, 40)  # type: ignore[union-attr]
    assert shape.source == "manual"


def test_resize_by_a_corner_keeps_the_opposite_one_and_normalises() -> None:
    document, key = with_rect()
    resized = e.resize_rectangle(document, key, 2, 0, 50, 5, image=IMAGE)  # top-left dragged past the right edge
    assert find(resized, key)[1].points == (30, 5, 50, 40)  # type: ignore[union-attr]


def test_vertices_move_insert_and_delete_down_to_the_minimum() -> None:
    made = e.create_shape(
        empty(), LABEL_SET, shape_type="polygon", frame=0, label_id=CAR, points=(0, 0, 20, 0, 20, 20, 0, 20),
        image=IMAGE,
    )  # fmt: skip
    document, (key,) = made
    document = e.move_vertex(document, key, 0, 2, 30, 30, image=IMAGE)
    document = e.insert_vertex(document, key, 0, 1, 10, -4, image=IMAGE)
    assert find(document, key)[1].points == (0, 0, 10, 0, 20, 0, 30, 30, 0, 20)  # type: ignore[union-attr]
    document = e.delete_vertex(document, key, 0, 0, image=IMAGE)
    document = e.delete_vertex(document, key, 0, 0, image=IMAGE)
    assert len(find(document, key)[1].points) == 6  # type: ignore[union-attr]
    with pytest.raises(EditRejected, match="at least 3"):
        e.delete_vertex(document, key, 0, 0, image=IMAGE)
    points = e.create_shape(empty(), LABEL_SET, shape_type="points", frame=0, label_id=CAR, points=(1, 1), image=IMAGE)
    with pytest.raises(EditRejected, match="at least 1"):
        e.delete_vertex(points.annotations, points.keys[0], 0, 0, image=IMAGE)


def test_moving_a_track_between_keyframes_makes_a_keyframe_from_the_interpolated_state() -> None:
    document, key = with_track()
    moved = e.move(document, key, 5, 1, 0, image=IMAGE)
    track = find(moved, key)[1]
    assert isinstance(track, Track)
    assert [s.frame for s in track.shapes] == [0, 5, 10]
    assert track.shapes[1].points == (6, 5, 16, 15) and track.shapes[1].attributes == ()
    assert track.source == "manual"
    assert track_at(track, 2, LABELS)["points"] == pytest.approx([2.4, 2, 12.4, 12])


# ---- label, attributes, flags ------------------------------------------------------------------------------------


def test_a_label_change_resets_every_attribute_to_the_new_labels_defaults() -> None:
    document, key = with_rect()
    document = e.set_attribute(document, LABEL_SET, key, 2, KIND, "truck")
    assert attrs(find(document, key)[1])[KIND] == "truck"
    person = e.change_label(document, LABEL_SET, key, PERSON)
    assert attrs(find(person, key)[1]) == {}
    back = e.change_label(person, LABEL_SET, key, CAR)
    assert attrs(find(back, key)[1]) == {KIND: "sedan", PARKED: "false", SPEED: "0"}


def test_a_label_change_on_a_track_resets_the_keyframes_too() -> None:
    document, key = with_track()
    document = e.set_attribute(document, LABEL_SET, key, 10, SPEED, "50")
    changed = e.change_label(document, LABEL_SET, key, CAR)
    for frame in (0, 5, 10, 20):
        assert track_at(find(changed, key)[1], frame, LABELS)["attributes"] == {  # type: ignore[arg-type]
            KIND: "sedan", PARKED: "false", SPEED: "0"
        }  # fmt: skip


def test_mutable_attributes_go_on_a_keyframe_immutable_ones_on_the_track() -> None:
    document, key = with_track()
    document = e.set_attribute(document, LABEL_SET, key, 4, SPEED, "70")
    document = e.set_attribute(document, LABEL_SET, key, 4, KIND, "suv")
    track = find(document, key)[1]
    assert isinstance(track, Track)
    assert [s.frame for s in track.shapes] == [0, 4, 10]
    assert attrs(track.shapes[1]) == {SPEED: "70"} and attrs(track) == {KIND: "suv"}
    assert track_at(track, 3, LABELS)["attributes"][SPEED] == "0"
    assert track_at(track, 12, LABELS)["attributes"][SPEED] == "70"


@pytest.mark.parametrize(("spec", "value"), [(SPEED, "201"), (SPEED, "fast"), (KIND, "bus"), (PARKED, "maybe")])
def test_invalid_attribute_values_are_refused(spec: int, value: str) -> None:
    document, key = with_rect()
    with pytest.raises(EditRejected):
        e.set_attribute(document, LABEL_SET, key, 2, spec, value)


def test_occluded_on_a_track_holds_from_its_frame() -> None:
    document, key = with_track()
    document = e.set_occluded(document, key, 3, True)
    track = find(document, key)[1]
    assert [track_at(track, f, LABELS)["occluded"] for f in (2, 3, 9, 10)] == [False, True, True, False]  # type: ignore[arg-type]


def test_z_order_to_front_and_back_is_relative_to_the_frames_objects() -> None:
    document, first = with_rect()
    made = e.create_shape(
        document, LABEL_SET, shape_type="rectangle", frame=2, label_id=CAR, points=(0, 0, 9, 9), image=IMAGE, z_order=4
    )
    other_frame = e.create_shape(
        made.annotations, LABEL_SET, shape_type="rectangle", frame=3, label_id=CAR, points=(0, 0, 9, 9), image=IMAGE,
        z_order=40,
    )  # fmt: skip
    document, second = other_frame.annotations, made.keys[0]
    front = e.to_front(document, first, 2)
    assert find(front, first)[1].z_order == 5  # type: ignore[union-attr]
    assert e.to_front(front, first, 2) is front  # already on top: nothing changes
    assert e.to_back(front, second, 2) is front  # already the lowest on frame 2 (40 is on frame 3)
    back = e.to_back(front, first, 2)
    assert find(back, first)[1].z_order == 3  # type: ignore[union-attr]


# ---- groups, copy, paste, propagate ------------------------------------------------------------------------------


def test_a_new_group_is_one_above_the_largest_and_ungroup_sets_zero() -> None:
    document, first = with_rect()
    document, second = e.create_tag(document, LABEL_SET, frame=2, label_id=CAR)
    document = e.set_group(document, [first], 6)
    grouped = e.group(document, [first, second[0]])
    assert {find(grouped, k)[1].group for k in (first, second[0])} == {7}
    assert find(e.ungroup(grouped, [first]), first)[1].group == 0


def test_copy_of_a_track_pastes_as_a_new_track_with_its_state_on_that_frame() -> None:
    document, key = with_track()
    clip = e.copy(document, LABEL_SET, key, 5)
    pasted = e.paste(document, LABEL_SET, clip, 7, image=IMAGE, dx=2, dy=3)
    track = find(pasted.annotations, pasted.keys[0])[1]
    assert isinstance(track, Track) and track.id is None
    assert track.shapes[0].frame == 7 and track.shapes[0].points == (7, 8, 17, 18)
    assert len(pasted.annotations.tracks) == 2


def test_propagate_makes_shapes_on_the_next_frames_up_to_the_stop_frame() -> None:
    document, key = with_track()
    made = e.propagate(document, LABEL_SET, key, 5, 10, stop_frame=9)
    assert [s.frame for s in made.annotations.shapes] == [6, 7, 8, 9]
    assert all(s.points == (5, 5, 15, 15) for s in made.annotations.shapes)
    assert len(set(made.keys)) == 4


# ---- tracks ------------------------------------------------------------------------------------------------------


def test_keyframe_toggle_adds_from_interpolation_and_removes_but_never_the_last() -> None:
    document, key = with_track()
    added = e.toggle_keyframe(document, key, 5)
    assert [s.frame for s in find(added, key)[1].shapes] == [0, 5, 10]  # type: ignore[union-attr]
    removed = e.toggle_keyframe(e.toggle_keyframe(added, key, 5), key, 10)
    assert [s.frame for s in find(removed, key)[1].shapes] == [0]  # type: ignore[union-attr]
    with pytest.raises(EditRejected):
        e.toggle_keyframe(removed, key, 0)
    later = e.toggle_keyframe(document, key, 0)  # the track now starts at its first keyframe left
    assert find(later, key)[1].frame == 10  # type: ignore[union-attr]


def test_outside_toggle_and_keyframe_navigation() -> None:
    document, key = with_track()
    document = e.toggle_outside(document, key, 15)
    track = find(document, key)[1]
    assert track_at(track, 14, LABELS)["outside"] is False and track_at(track, 15, LABELS)["outside"] is True  # type: ignore[arg-type]
    assert e.next_keyframe(document, key, 10) == 15 and e.previous_keyframe(document, key, 10) == 0
    assert e.next_keyframe(document, key, 15) is None


def test_split_then_merge_gives_the_same_keyframes() -> None:
    document, key = with_track()
    document = e.set_attribute(document, LABEL_SET, key, 5, SPEED, "9")
    before = find(document, key)[1]
    split = e.split_track(document, LABEL_SET, key, 7)
    first, second = (find(split.annotations, k)[1] for k in split.keys)
    assert [(s.frame, s.outside) for s in first.shapes] == [(0, False), (5, False), (7, True)]  # type: ignore[union-attr]
    assert [(s.frame, s.outside) for s in second.shapes] == [(7, False), (10, False)]  # type: ignore[union-attr]
    assert track_at(second, 7, LABELS)["attributes"][SPEED] == "9"  # type: ignore[arg-type]
    merged = e.merge_into_track(split.annotations, LABEL_SET, split.keys)
    (track,) = merged.annotations.tracks
    for frame in range(0, 15):
        want, got = track_at(before, frame, LABELS), track_at(track, frame, LABELS)  # type: ignore[arg-type]
        assert got["points"] == pytest.approx(want["points"])
        assert (got["outside"], got["attributes"]) == (want["outside"], want["attributes"])


def test_merge_of_shapes_closes_each_with_an_outside_keyframe_unless_one_follows() -> None:
    document = empty()
    keys = []
    for frame in (3, 4, 8):
        document, made = e.create_shape(
            document, LABEL_SET, shape_type="rectangle", frame=frame, label_id=CAR, points=(0, 0, 10, 10), image=IMAGE
        )
        keys.extend(made)
    result = e.merge_into_track(document, LABEL_SET, keys)
    (track,) = result.annotations.tracks
    assert result.annotations.shapes == ()
    assert [(s.frame, s.outside) for s in track.shapes] == [(3, False), (4, False), (5, True), (8, False), (9, True)]
    with pytest.raises(EditRejected, match="two objects"):
        document, extra = e.create_shape(
            document, LABEL_SET, shape_type="rectangle", frame=3, label_id=CAR, points=(0, 0, 10, 10), image=IMAGE
        )
        e.merge_into_track(document, LABEL_SET, [*keys, *extra])


def test_delete_needs_force_for_locked_objects() -> None:
    document, key = with_rect()
    with pytest.raises(EditRejected) as caught:
        e.delete(document, [key], locked={key})
    assert caught.value.reason == "locked"
    assert e.delete(document, [key], locked={key}, force=True).shapes == ()
    assert e.delete(document, [key]).shapes == ()


# ---- identity and steps ------------------------------------------------------------------------------------------


def test_identified_gives_id_less_objects_a_client_id_once() -> None:
    document = Annotations(shapes=(Shape("points", 0, 1, (1.0, 1.0)), Shape("points", 0, 1, (1.0, 1.0), id=4)))
    once = identified(document)
    assert client_id(once.shapes[0]) and client_id(once.shapes[1]) is None
    assert identified(once) is once


def test_a_step_undoes_and_its_delta_replays() -> None:
    document, key = with_track()
    after = e.move(document, key, 5, 3, 3, image=IMAGE)
    step = EditStep("Move", 5, document, after, (key,))
    assert step.inverse().after is document
    assert apply_delta(document, step.delta()) == after
    assert apply_delta(after, step.inverse().delta()) == document
    deleted = EditStep("Delete", 5, after, e.delete(after, [key]))
    assert apply_delta(deleted.after, deleted.inverse().delta()) == after
    assert SHAPES not in [k for k, _ in deleted.delta().removed] and deleted.delta().removed == ((TRACKS, 5),)


def test_a_cuboid_from_a_rectangle_is_laid_out_as_the_web_client_draws_it() -> None:
    from annodesk.annotations.geometry import cuboid_from_rectangle

    points = cuboid_from_rectangle(30, 20, 10, 60)  # any two corners
    assert points == pytest.approx((10, 20.1, 10, 60, 30, 20, 30, 60, 32, 16.1, 32, 55.9, 12, 16.1, 12, 55.9))
    made = e.create_shape(empty(), LABEL_SET, shape_type="cuboid", frame=0, label_id=CAR, points=points, image=IMAGE)
    moved = e.move(made.annotations, made.keys[0], 0, -15, 0, image=IMAGE)  # cuboids are never clamped
    assert find(moved, made.keys[0])[1].points[0] == -5  # type: ignore[union-attr]


def test_switch_orientation_and_set_start_point() -> None:
    made = e.create_shape(
        empty(), LABEL_SET, shape_type="polygon", frame=0, label_id=CAR, points=(0, 0, 20, 0, 20, 20), image=IMAGE
    )
    document, (key,) = made
    assert find(e.switch_orientation(document, key, 0), key)[1].points == (20, 20, 20, 0, 0, 0)  # type: ignore[union-attr]
    assert find(e.set_start_point(document, key, 0, 2), key)[1].points == (20, 20, 0, 0, 20, 0)  # type: ignore[union-attr]


def test_after_a_save_undo_documents_adopt_new_ids_and_forget_deleted_ones() -> None:
    from dataclasses import replace

    from annodesk.annotations.identity import after_save, item_id

    loaded = Annotations(version=1, shapes=(Shape("points", 0, CAR, (1.0, 1.0), id=5),))
    drawn, (new_key,) = e.create_shape(
        loaded, LABEL_SET, shape_type="points", frame=0, label_id=CAR, points=(2, 2), image=IMAGE
    )
    deleted = e.delete(drawn, [(SHAPES, 5)])
    # the save created the drawn shape as id 77 and deleted row 5 (adopt_ids keeps the client id)
    saved = replace(deleted, shapes=(replace(deleted.shapes[0], id=77),))
    assert find(saved, new_key)[1].id == 77 and item_id(saved.shapes[0]) == new_key[1]  # the key did not change
    undone = after_save(drawn, saved)  # undo the delete after the save
    revived, made = undone.shapes
    assert revived.id is None and client_id(revived) == "revived-shapes-5"
    assert made.id == 77
    assert after_save(drawn, saved) == undone and client_id(after_save(drawn, saved).shapes[0]) == "revived-shapes-5"
    assert after_save(saved, saved) is saved


def test_a_field_absent_from_the_servers_json_is_written_once_an_edit_sets_it() -> None:
    loaded = Annotations.from_json(
        {"version": 1, "shapes": [{"type": "points", "points": [1, 1], "frame": 0, "label_id": CAR, "id": 3}]}
    )
    key = (SHAPES, 3)
    edited = e.set_group(e.set_z_order(loaded, key, 0, 4), [key], 2)
    data = edited.to_json()["shapes"][0]
    assert (data["group"], data["z_order"], data["source"]) == (2, 4, "manual")
    assert Annotations.from_json(edited.to_json()) == edited
