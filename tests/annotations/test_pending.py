"""A save with an unknown outcome: pending creations matched by content to what the server now has, so that
nothing is sent twice; the version's expected movement."""

from __future__ import annotations

import copy

from annodesk.annotations import (
    adopt_ids,
    changes,
    created_ids,
    expected_version,
    merge,
    recover_creates,
    version_check,
)

from .merge_support import ServerModel, random_job
from .strategies import LABELS
from .test_merge_rules import car, doc, keyframe, track

BASE = doc(car(1, [0.0, 0.0, 10.0, 10.0]), version=2)


def local_with_new_objects() -> dict:
    local = copy.deepcopy(BASE)
    local["shapes"].append(car(None, [20.0, 20.0, 40.0, 40.0], frame=1))
    local["shapes"].append(car(None, [20.0, 20.0, 40.0, 40.0], frame=2))
    new_track = track(0, keyframe(0, [1.0, 1.0, 2.0, 2.0]), keyframe(4, [3.0, 3.0, 4.0, 4.0]))
    del new_track["id"]
    local["tracks"].append(new_track)
    return local


def stripped(document: dict) -> dict:
    """As the server's GET gives it back: attributes at defaults left out are filled in, keyframes have ids."""
    document = copy.deepcopy(document)
    for shape in document["shapes"]:
        shape["attributes"] = [a for a in shape["attributes"] if a["value"] != "false"]
    return document


def test_a_create_that_went_through_is_recognised_and_nothing_is_sent_again() -> None:
    local = local_with_new_objects()
    pending = changes(BASE, local, LABELS).create
    server = ServerModel(BASE)
    server.doc["shapes"].append(car(7, [99.0, 99.0, 100.0, 100.0]))  # someone else's, meanwhile
    server.next_id["shapes"] = 8
    server.write("create", stripped(pending))  # the answer is lost
    now = server.doc
    recovery = recover_creates(pending, BASE, now, version_before=2, labels=LABELS)
    assert recovery.applied is True
    assert recovery.created == {("shapes", 0): 8, ("shapes", 1): 9, ("tracks", 0): 1}
    assert all(recovery.remaining[kind] == [] for kind in ("tags", "shapes", "tracks"))
    # The save resumes: the ids adopted, a new merge sends nothing more.
    resumed = merge(BASE, adopt_ids(local, recovery.created), now, LABELS)
    assert not resumed.requests and resumed.conflicts == ()


def test_a_create_that_never_arrived_is_sent_again_whole() -> None:
    local = local_with_new_objects()
    pending = changes(BASE, local, LABELS).create
    recovery = recover_creates(pending, BASE, BASE, version_before=2, labels=LABELS)
    assert recovery.applied is False and recovery.created == {}
    assert recovery.remaining["shapes"] == pending["shapes"] and recovery.remaining["tracks"] == pending["tracks"]


def test_objects_that_differ_are_not_taken_for_ours() -> None:
    local = local_with_new_objects()
    pending = changes(BASE, local, LABELS).create
    server = ServerModel(BASE)
    other = copy.deepcopy(pending)
    other["shapes"][0]["points"][0] += 1.0  # a pixel off
    other["shapes"][1]["attributes"][1]["value"] = "true"
    other["tracks"][0]["shapes"][1]["outside"] = True
    server.write("create", other)
    recovery = recover_creates(pending, BASE, server.doc, labels=LABELS)
    assert recovery.applied is False and recovery.created == {}


def test_float_noise_within_the_tolerance_still_matches() -> None:
    local = local_with_new_objects()
    pending = changes(BASE, local, LABELS).create
    server = ServerModel(BASE)
    noisy = copy.deepcopy(pending)
    noisy["shapes"][0]["points"] = [p + 1e-9 for p in noisy["shapes"][0]["points"]]
    server.write("create", noisy)
    assert recover_creates(pending, BASE, server.doc, labels=LABELS).applied is True


def test_a_partial_match_is_flagged() -> None:
    local = local_with_new_objects()
    pending = changes(BASE, local, LABELS).create
    server = ServerModel(BASE)
    server.write("create", pending)
    server.doc["shapes"] = [s for s in server.doc["shapes"] if s["frame"] != 2]  # deleted meanwhile by someone
    recovery = recover_creates(pending, BASE, server.doc, labels=LABELS)
    assert recovery.applied is None
    assert [s["frame"] for s in recovery.remaining["shapes"]] == [2]


def test_created_ids_map_a_successful_answer_back_and_the_next_save_sends_nothing() -> None:
    job = random_job(3)
    local = copy.deepcopy(job)
    local["shapes"].append(car(None, [5.0, 5.0, 6.0, 6.0]))
    server = ServerModel(job)
    answers = server.apply(changes(job, local, LABELS))
    saved = adopt_ids(local, created_ids(answers[0]))
    assert not changes(server.doc, saved, LABELS)


def test_the_version_moves_by_one_per_request() -> None:
    requests = changes(BASE, local_with_new_objects(), LABELS)
    assert expected_version(2, requests) == 5  # create, update, delete: always three, as the web client
    assert version_check(2, 3, 2) == "unchanged"
    assert version_check(2, 3, 5) == "expected"
    assert version_check(2, 3, 6) == "moved"
