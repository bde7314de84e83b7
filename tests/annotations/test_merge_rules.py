"""Worked cases of each rule of §4.5 (annotation-view reference): B = the copy as loaded, L = local, R = the server
now. Labels from ``strategies.LABELS``: car (7) with kind (11, immutable), parked (12) and speed (13) (mutable);
person (8) without attributes."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from annodesk.annotations import (
    BOTH,
    BOTH_CHANGED,
    DELETED_HERE,
    DELETED_THERE,
    KEYFRAME_DELETED,
    LABEL_CHANGED,
    MINE,
    NO_KEYFRAMES,
    THEIRS,
    changes,
    merge,
    resolve,
)

from .merge_support import ServerModel, assert_server_holds
from .strategies import LABELS


def car(object_id: int | None, points: list[float], **fields: Any) -> dict[str, Any]:
    shape = {
        "type": "rectangle",
        "occluded": False,
        "z_order": 0,
        "points": points,
        "frame": 0,
        "label_id": 7,
        "group": 0,
        "source": "manual",
        "attributes": [
            {"spec_id": 11, "value": "sedan"},
            {"spec_id": 12, "value": "false"},
            {"spec_id": 13, "value": "0"},
        ],
        **fields,
    }
    if object_id is not None:
        shape["id"] = object_id
    return shape


def with_attribute(shape: dict[str, Any], spec_id: int, value: str) -> dict[str, Any]:
    shape = copy.deepcopy(shape)
    shape["attributes"] = [
        {"spec_id": a["spec_id"], "value": value if a["spec_id"] == spec_id else a["value"]}
        for a in shape["attributes"]
    ]
    return shape


def keyframe(frame: int, points: list[float], **fields: Any) -> dict[str, Any]:
    return {
        "type": "rectangle",
        "occluded": False,
        "z_order": 0,
        "points": points,
        "frame": frame,
        "outside": False,
        "attributes": [{"spec_id": 12, "value": "false"}, {"spec_id": 13, "value": "0"}],
        **fields,
    }


def track(object_id: int, *keyframes: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": object_id,
        "frame": keyframes[0]["frame"],
        "label_id": 7,
        "group": 0,
        "source": "manual",
        "shapes": list(keyframes),
        "attributes": [{"spec_id": 11, "value": "sedan"}],
    }


def doc(*shapes: dict[str, Any], tracks: tuple = (), tags: tuple = (), version: int = 4) -> dict[str, Any]:
    return {"version": version, "tags": list(tags), "shapes": list(shapes), "tracks": list(tracks)}


def sent(requests: Any) -> dict[str, list[Any]]:
    """(action → [(kind, id or None)]) of the non-empty requests."""
    return {
        action: [(kind, item.get("id")) for kind in ("tags", "shapes", "tracks") for item in body[kind]]
        for action, body in requests.nonempty()
    }


def check_server(result: Any, remote: dict[str, Any]) -> None:
    server = ServerModel(remote)
    server.apply(result.requests)
    assert_server_holds(server.doc, result.merged, remote)


A, B, C = [0.0, 0.0, 10.0, 10.0], [5.0, 5.0, 15.0, 15.0], [50.0, 50.0, 60.0, 60.0]
BASE = doc(car(1, A), car(2, C))


def test_unchanged_here_takes_the_server_and_sends_nothing() -> None:
    remote = doc(car(1, B), car(2, C), version=7)
    result = merge(BASE, BASE, remote, LABELS)
    assert sent(result.requests) == {}
    assert result.merged["shapes"][0]["points"] == B
    assert result.merged["version"] == 7


def test_changed_here_only_is_an_update_with_the_whole_object() -> None:
    local = doc(car(1, B, occluded=True), car(2, C))
    result = merge(BASE, local, BASE, LABELS)
    assert sent(result.requests) == {"update": [("shapes", 1)]}
    assert result.requests.update["shapes"][0] == car(1, B, occluded=True)
    assert result.requests.update["version"] == 4


def test_the_same_change_on_both_sides_sends_nothing_and_is_no_conflict() -> None:
    both = doc(car(1, B), car(2, C))
    result = merge(BASE, both, both, LABELS)
    assert sent(result.requests) == {} and result.conflicts == ()


def test_different_fields_changed_on_each_side_merge() -> None:
    local = doc(car(1, B), car(2, C))
    remote = doc(with_attribute(car(1, A, occluded=True), 12, "true"), car(2, C))
    result = merge(BASE, local, remote, LABELS)
    assert result.conflicts == ()
    assert result.requests.update["shapes"] == [with_attribute(car(1, B, occluded=True), 12, "true")]
    check_server(result, remote)


def test_attributes_merge_by_spec_id() -> None:
    local = doc(with_attribute(car(1, A), 12, "true"), car(2, C))
    remote = doc(with_attribute(car(1, A), 13, "90"), car(2, C))
    result = merge(BASE, local, remote, LABELS)
    assert result.conflicts == ()
    assert (
        result.merged["shapes"][0]["attributes"]
        == with_attribute(with_attribute(car(1, A), 12, "true"), 13, "90")["attributes"]
    )


def test_the_same_field_changed_differently_is_a_conflict_with_both_versions_and_nothing_sent() -> None:
    local = doc(car(1, B), car(2, C, z_order=3))
    remote = doc(car(1, C), car(2, C))
    result = merge(BASE, local, remote, LABELS)
    [conflict] = result.conflicts
    assert (conflict.kind, conflict.id, conflict.reason, conflict.field) == ("shapes", 1, BOTH_CHANGED, "points")
    assert (conflict.base, conflict.mine, conflict.theirs) == (A, B, C)
    assert conflict.local == car(1, B) and conflict.remote == car(1, C)
    assert sent(result.requests) == {"update": [("shapes", 2)]}  # the other object's change goes on
    assert result.merged["shapes"][0] == car(1, C)  # unresolved: as the server has it
    check_server(result, remote)


def test_an_attribute_conflict_names_its_spec() -> None:
    local = doc(with_attribute(car(1, A), 13, "40"), car(2, C))
    remote = doc(with_attribute(car(1, A), 13, "90"), car(2, C))
    [conflict] = merge(BASE, local, remote, LABELS).conflicts
    assert (conflict.field, conflict.spec_id, conflict.mine, conflict.theirs) == ("attributes", 13, "40", "90")


def test_keep_mine_keep_theirs_keep_both() -> None:
    local = doc(car(1, B, occluded=True), car(2, C))
    remote = doc(car(1, C), car(2, C))
    result = merge(BASE, local, remote, LABELS)
    [conflict] = result.conflicts
    mine = resolve(conflict, MINE)
    assert mine.conflicts == () and mine.requests.update["shapes"] == [car(1, B, occluded=True)]
    theirs = resolve(conflict, THEIRS)
    assert theirs.conflicts == () and theirs.merged["shapes"][0] == car(1, C, occluded=True)
    assert theirs.requests.update["shapes"] == [car(1, C, occluded=True)]  # the non-conflicting change still goes
    both = resolve(conflict, BOTH)
    assert sent(both.requests) == {"create": [("shapes", None)]}
    assert both.requests.create["shapes"] == [{k: v for k, v in car(1, B, occluded=True).items() if k != "id"}]
    for resolved in (mine, theirs, both):
        check_server(resolved, remote)
    with pytest.raises(ValueError):
        resolve(conflict, "whatever")


def test_changed_here_deleted_there_is_a_conflict_and_keep_mine_creates_without_the_id() -> None:
    local = doc(car(1, B), car(2, C))
    remote = doc(car(2, C))
    result = merge(BASE, local, remote, LABELS)
    [conflict] = result.conflicts
    assert (conflict.reason, conflict.remote, conflict.local) == (DELETED_THERE, None, car(1, B))
    assert sent(result.requests) == {}
    mine = resolve(conflict, MINE)
    assert sent(mine.requests) == {"create": [("shapes", None)]}  # never an update of a vanished id
    assert sent(resolve(conflict, THEIRS).requests) == {}
    check_server(mine, remote)


def test_deleted_here_unchanged_there_is_a_delete() -> None:
    result = merge(BASE, doc(car(2, C)), BASE, LABELS)
    assert sent(result.requests) == {"delete": [("shapes", 1)]}
    assert result.requests.delete["shapes"] == [car(1, A)]  # the whole object: the serializer checks it


def test_deleted_here_changed_there_is_a_conflict_keeping_the_server_by_default() -> None:
    remote = doc(car(1, B), car(2, C))
    result = merge(BASE, doc(car(2, C)), remote, LABELS)
    [conflict] = result.conflicts
    assert (conflict.reason, conflict.local, conflict.remote) == (DELETED_HERE, None, car(1, B))
    assert sent(result.requests) == {} and result.merged["shapes"][0] == car(1, B)
    assert sent(resolve(conflict, MINE).requests) == {"delete": [("shapes", 1)]}
    assert sent(resolve(conflict, THEIRS).requests) == {}


def test_deleted_on_both_sides_sends_nothing() -> None:
    assert sent(merge(BASE, doc(car(2, C)), doc(car(2, C)), LABELS).requests) == {}


def test_new_here_is_created_and_new_there_is_taken() -> None:
    local = doc(car(1, A), car(2, C), car(None, B))
    remote = doc(car(1, A), car(2, C), car(3, [100.0, 100.0, 120.0, 120.0]))
    result = merge(BASE, local, remote, LABELS)
    assert sent(result.requests) == {"create": [("shapes", None)]}
    assert [s.get("id") for s in result.merged["shapes"]] == [1, 2, 3, None]
    assert result.duplicates == ()
    check_server(result, remote)


def test_a_creation_like_one_made_meanwhile_is_reported_never_dropped() -> None:
    local = doc(car(1, A), car(2, C), car(None, [100.0, 100.0, 120.0, 120.0]))
    remote = doc(car(1, A), car(2, C), car(3, [100.0, 100.0, 120.0, 120.5]))
    result = merge(BASE, local, remote, LABELS)
    assert sent(result.requests) == {"create": [("shapes", None)]}
    [duplicate] = result.duplicates
    assert (duplicate.kind, duplicate.index, duplicate.remote_id) == ("shapes", 0, 3)


def test_a_label_change_against_an_attribute_change_is_a_conflict_over_the_whole_object() -> None:
    person = {**car(1, A), "label_id": 8, "attributes": []}
    local = doc(person, car(2, C))
    remote = doc(with_attribute(car(1, A), 12, "true"), car(2, C))
    result = merge(BASE, local, remote, LABELS)
    [conflict] = result.conflicts
    assert (conflict.reason, conflict.field, conflict.mine, conflict.theirs) == (LABEL_CHANGED, "label_id", 8, 7)
    assert resolve(conflict, MINE).requests.update["shapes"] == [person]


def test_a_label_change_merges_with_a_geometry_change() -> None:
    person = {**car(1, A), "label_id": 8, "attributes": []}
    result = merge(BASE, doc(person, car(2, C)), doc(car(1, B), car(2, C)), LABELS)
    assert result.conflicts == ()
    assert result.requests.update["shapes"] == [{**person, "points": B}]


def test_a_source_only_difference_is_no_conflict() -> None:
    local = doc(car(1, A, source="auto"), car(2, C))
    remote = doc(car(1, A, source="semi-auto"), car(2, C))
    assert merge(BASE, local, remote, LABELS).conflicts == ()


def test_what_the_server_fills_in_or_renumbers_is_no_change() -> None:
    """Attributes missing (defaults), spec ids as strings (cvat-core's defect 1), other order: the same object."""
    loose = car(1, A)
    loose["attributes"] = [{"spec_id": "12", "value": "false"}]
    assert sent(changes(BASE, doc(loose, car(2, C)), LABELS)) == {}


# Tracks: keyframe by keyframe -------------------------------------------------------------------------------


TRACK = track(5, keyframe(0, A, id=20), keyframe(5, B, id=21), keyframe(9, C, id=22))
TRACK_BASE = doc(tracks=(TRACK,))


def edit_keyframe(frame: int, **fields: Any) -> dict[str, Any]:
    changed = copy.deepcopy(TRACK)
    for shape in changed["shapes"]:
        if shape["frame"] == frame:
            shape.update(fields)
    return changed


def test_keyframe_ids_are_not_changes() -> None:
    renumbered = copy.deepcopy(TRACK)
    for offset, shape in enumerate(renumbered["shapes"]):
        shape["id"] = 100 + offset
    assert sent(changes(TRACK_BASE, doc(tracks=(renumbered,)), LABELS)) == {}


def test_edits_of_different_keyframes_merge_into_one_update_of_the_whole_track() -> None:
    local = doc(tracks=(edit_keyframe(0, points=[1.0, 1.0, 11.0, 11.0]),))
    remote_track = edit_keyframe(9, occluded=True)
    result = merge(TRACK_BASE, local, doc(tracks=(remote_track,)), LABELS)
    assert result.conflicts == ()
    [sent_track] = result.requests.update["tracks"]
    assert [(s["frame"], s["points"], s["occluded"]) for s in sent_track["shapes"]] == [
        (0, [1.0, 1.0, 11.0, 11.0], False),
        (5, B, False),
        (9, C, True),
    ]
    check_server(result, doc(tracks=(remote_track,)))


def test_keyframes_added_on_either_side_are_kept_and_deleted_ones_go() -> None:
    local_track = copy.deepcopy(TRACK)
    local_track["shapes"].insert(1, keyframe(2, B))
    remote_track = copy.deepcopy(TRACK)
    remote_track["shapes"] = [s for s in remote_track["shapes"] if s["frame"] != 5] + [keyframe(12, C)]
    result = merge(TRACK_BASE, doc(tracks=(local_track,)), doc(tracks=(remote_track,)), LABELS)
    assert result.conflicts == ()
    assert [s["frame"] for s in result.requests.update["tracks"][0]["shapes"]] == [0, 2, 9, 12]


def test_a_keyframe_changed_here_and_deleted_there_is_a_conflict() -> None:
    local = doc(tracks=(edit_keyframe(5, outside=True),))
    remote_track = copy.deepcopy(TRACK)
    remote_track["shapes"] = [s for s in remote_track["shapes"] if s["frame"] != 5]
    result = merge(TRACK_BASE, local, doc(tracks=(remote_track,)), LABELS)
    [conflict] = result.conflicts
    assert (conflict.reason, conflict.field, conflict.frame, conflict.theirs) == (KEYFRAME_DELETED, "keyframe", 5, None)
    assert conflict.mine["outside"] is True
    assert [s["frame"] for s in resolve(conflict, MINE).requests.update["tracks"][0]["shapes"]] == [0, 5, 9]
    assert sent(resolve(conflict, THEIRS).requests) == {}


def test_the_same_keyframe_field_changed_differently_is_a_conflict_at_that_frame() -> None:
    local = doc(
        tracks=(edit_keyframe(5, attributes=[{"spec_id": 12, "value": "true"}, {"spec_id": 13, "value": "0"}]),)
    )
    remote = doc(
        tracks=(edit_keyframe(5, attributes=[{"spec_id": 12, "value": "false"}, {"spec_id": 13, "value": "40"}]),)
    )
    assert merge(TRACK_BASE, local, remote, LABELS).conflicts == ()  # different specs
    remote = doc(tracks=(edit_keyframe(5, points=C),))
    local = doc(tracks=(edit_keyframe(5, points=A),))
    [conflict] = merge(TRACK_BASE, local, remote, LABELS).conflicts
    assert (conflict.reason, conflict.field, conflict.frame, conflict.mine, conflict.theirs) == (
        BOTH_CHANGED,
        "points",
        5,
        A,
        C,
    )


def test_keep_both_on_a_track_creates_the_local_track_without_ids() -> None:
    local = doc(tracks=(edit_keyframe(5, points=A),))
    remote = doc(tracks=(edit_keyframe(5, points=C),))
    result = merge(TRACK_BASE, local, remote, LABELS).resolve_all(BOTH)
    [created] = result.requests.create["tracks"]
    assert "id" not in created and all("id" not in s for s in created["shapes"])
    check_server(result, remote)


def test_conflicts_resolved_one_after_another_keep_the_earlier_choices() -> None:
    local = doc(car(1, B), car(2, A))
    remote = doc(car(1, C), car(2, B))
    result = merge(BASE, local, remote, LABELS)
    assert len(result.conflicts) == 2
    first = resolve(result.conflicts[0], MINE)
    [second] = first.conflicts
    done = resolve(second, MINE)
    assert done.conflicts == ()
    assert [s["points"] for s in done.requests.update["shapes"]] == [B, A]
    assert done.requests == result.resolve_all(MINE).requests


def test_each_side_deleting_the_keyframes_the_other_kept_is_a_conflict_not_an_empty_track() -> None:
    two = track(5, keyframe(0, A, id=20), keyframe(5, B, id=21))
    base = doc(tracks=(two,))
    local = doc(tracks=({**two, "shapes": [two["shapes"][0]]},))
    remote = doc(tracks=({**two, "shapes": [two["shapes"][1]]},))
    result = merge(base, local, remote, LABELS)
    [conflict] = result.conflicts
    assert (conflict.reason, conflict.field) == (NO_KEYFRAMES, "keyframe")
    assert sent(result.requests) == {}
    mine = resolve(conflict, MINE)
    assert [s["frame"] for s in mine.requests.update["tracks"][0]["shapes"]] == [0]
    check_server(mine, remote)
