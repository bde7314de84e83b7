"""Properties of the three-way merge over random edits by the user and by another user on the same job: the
server ends with exactly the merged document, nothing local is lost or duplicated, conflicts are reported exactly
where both sides changed the same field or keyframe differently — and a stateful run of two users saving and
syncing in turn against a model of CVAT's server."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, note, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

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
    Annotations,
    LabelSet,
    changes,
    merge,
    normalized,
)
from annodesk.annotations.fieldmap import KEYFRAME, NormalFields, fields_of, keyframes

from .merge_support import OPERATIONS, ServerModel, assert_server_holds, canonical, edit, fields_by_key, random_job
from .strategies import LABELS, labeled_data

edits = st.lists(
    st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 2), st.integers(0, 20), st.integers(0, 10**6)),
    max_size=12,
)


def edited(document: dict[str, Any], steps: list[tuple[str, int, int, int]]) -> dict[str, Any]:
    result = copy.deepcopy(document)
    for step in steps:
        edit(result, *step)
    return result


def saved_by(base: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    """What the server holds after another user saved ``other`` (edited from ``base``) the careful way."""
    server = ServerModel(base)
    server.apply(changes(base, other, LABELS))
    return server.doc


jobs = st.integers(0, 10**6).map(random_job)


@given(jobs, edits, edits)
def test_applying_the_requests_to_the_server_gives_the_merged_document(base, mine, theirs) -> None:
    local, remote = edited(base, mine), saved_by(base, edited(base, theirs))
    result = merge(base, local, remote, LABELS)
    server = ServerModel(remote)
    server.apply(result.requests)
    assert_server_holds(server.doc, result.merged, remote)


@given(jobs, edits)
def test_merge_against_an_unchanged_server_is_the_local_changes_only(base, mine) -> None:
    local = edited(base, mine)
    result = merge(base, local, base, LABELS)
    assert result.conflicts == ()
    assert canonical(result.merged) == canonical(local)
    assert result.requests == changes(base, local, LABELS)


@given(jobs, edits)
def test_nothing_changed_here_sends_nothing_and_takes_the_server(base, theirs) -> None:
    remote = saved_by(base, edited(base, theirs))
    result = merge(base, base, remote, LABELS)
    assert not result.requests
    assert result.conflicts == ()
    assert canonical(result.merged) == canonical(remote)


@given(jobs, edits)
def test_a_normal_save_never_resends_untouched_objects(base, mine) -> None:
    local = edited(base, mine)
    before, after = fields_by_key(base), fields_by_key(local)
    requests = changes(base, local, LABELS)
    for kind, body in (("update", requests.update), ("delete", requests.delete)):
        for table in ("tags", "shapes", "tracks"):
            for item in body[table]:
                assert before[table, item["id"]] != after.get((table, item["id"])), (kind, item)
    created = sum(len(requests.create[t]) for t in ("tags", "shapes", "tracks"))
    assert created == sum(1 for t in ("tags", "shapes", "tracks") for item in local[t] if item.get("id") is None)


def _changed(before: dict, after: dict, key: Any) -> bool:
    return before.get(key) != after.get(key)


@given(jobs, edits, edits)
def test_nothing_lost_and_conflicts_exactly_where_both_sides_differ(base, mine, theirs) -> None:
    local, remote = edited(base, mine), saved_by(base, edited(base, theirs))
    result = merge(base, local, remote, LABELS)
    b, lo, r = fields_by_key(base), fields_by_key(local), fields_by_key(remote)
    m = fields_by_key(result.merged)
    conflicted = {c.key for c in result.conflicts}
    note(f"conflicts: {result.conflicts}")
    for conflict in result.conflicts:
        key = conflict.key
        if conflict.reason == DELETED_HERE:
            assert key not in lo and r[key] != b[key]
        elif conflict.reason == DELETED_THERE:
            assert key not in r and lo[key] != b[key]
        elif conflict.reason == LABEL_CHANGED:
            assert lo[key]["label_id"] != b[key]["label_id"] or r[key]["label_id"] != b[key]["label_id"]
        elif conflict.reason == KEYFRAME_DELETED:
            frame = (KEYFRAME, conflict.frame)
            assert (frame in lo[key]) != (frame in r[key])
        elif conflict.reason == NO_KEYFRAMES:
            assert not set(keyframes(lo[key])) & set(keyframes(r[key])) & set(keyframes(b[key]))
        else:
            assert conflict.reason == BOTH_CHANGED
            sides = [b[key], lo[key], r[key]]
            if conflict.frame is not None:
                sides = [s.get((KEYFRAME, conflict.frame), {}) for s in sides]
            field = ("attr", conflict.spec_id) if conflict.field == "attributes" else conflict.field
            before, here, there = (s.get(field) for s in sides)
            assert here != before and there != before and here != there
    for key in b.keys() | lo.keys() | r.keys():
        if key in conflicted:
            assert m.get(key) == r.get(key)  # kept as the server has it until resolved
            continue
        before, here, there = b.get(key), lo.get(key), r.get(key)
        if here == before:
            assert m.get(key) == there
            continue
        if here is None:
            assert key not in m
            continue
        assert key in m
        for field in here.keys() | (before or {}).keys():
            if field != "source" and type(field) is not tuple and _changed(before or {}, here, field):
                assert m[key].get(field) == here[field], (key, field)
                if _changed(before or {}, there or {}, field):  # changed on both sides: only the same way
                    assert (there or {}).get(field) == here.get(field), (key, field)
            elif type(field) is tuple and field[0] == KEYFRAME and _changed(before or {}, here, field):
                if here.get(field) is None:
                    assert field not in m[key]
                else:
                    for sub, value in here[field].items():
                        old = (before or {}).get(field, {}).get(sub)
                        if value != old:
                            assert m[key][field][sub] == value
        for field in there or {}:
            if field != "source" and not _changed(before or {}, here, field):
                assert m[key].get(field) == there[field], (key, field)
    # Every local creation is in the result exactly once.
    fresh = [(t, item) for t in ("tags", "shapes", "tracks") for item in local[t] if item.get("id") is None]
    created = [(t, item) for t in ("tags", "shapes", "tracks") for item in result.merged[t] if item.get("id") is None]
    assert len(created) == len(fresh)


@given(jobs, edits, edits)
def test_conflicts_are_symmetric(base, mine, theirs) -> None:
    """Swapping the sides finds conflicts at the same places (deletions swap their reasons)."""
    a, b = edited(base, mine), edited(base, theirs)
    one = merge(base, a, b, LABELS)
    two = merge(base, b, a, LABELS)
    swap = {DELETED_HERE: DELETED_THERE, DELETED_THERE: DELETED_HERE}
    places = {(c.key, swap.get(c.reason, c.reason), c.field, c.spec_id, c.frame) for c in one.conflicts}
    assert places == {(c.key, c.reason, c.field, c.spec_id, c.frame) for c in two.conflicts}


@given(jobs, edits, edits, st.sampled_from([MINE, THEIRS, BOTH]))
def test_every_resolution_leaves_the_server_equal_to_the_merge(base, mine, theirs, choice) -> None:
    local, remote = edited(base, mine), saved_by(base, edited(base, theirs))
    result = merge(base, local, remote, LABELS)
    resolved = result.resolve_all(choice)
    assert resolved.conflicts == ()
    server = ServerModel(remote)
    server.apply(resolved.requests)
    assert_server_holds(server.doc, resolved.merged, remote)
    m = fields_by_key(resolved.merged)
    lo, r = fields_by_key(local), fields_by_key(remote)
    for conflict in result.conflicts:
        key = conflict.key
        if choice == THEIRS or (choice == BOTH and conflict.reason != DELETED_THERE):
            assert m.get(key) == r.get(key)
        elif conflict.reason in (LABEL_CHANGED, DELETED_HERE, NO_KEYFRAMES):
            assert m.get(key) == lo.get(key)
        elif conflict.reason == BOTH_CHANGED and conflict.frame is None:
            field = ("attr", conflict.spec_id) if conflict.field == "attributes" else conflict.field
            assert m[key][field] == lo[key][field]
        elif conflict.reason == KEYFRAME_DELETED:
            frame = (KEYFRAME, conflict.frame)
            assert keyframes(m[key]).get(conflict.frame) == lo[key].get(frame)


STEP = st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 2), st.integers(0, 20), st.integers(0, 10**6))


class TwoUsers(RuleBasedStateMachine):
    """Two annotators on one job: each edits a copy, saves with ``changes`` when nobody wrote meanwhile, else
    merges and resolves. Whatever the order, the server holds what each merge said it would, and every save of a
    user with no conflicts puts all their edits on the server."""

    @initialize(seed=st.integers(0, 10**6))
    def start(self, seed: int) -> None:
        self.server = ServerModel(random_job(seed))
        self.base = [copy.deepcopy(self.server.doc) for _ in range(2)]
        self.local = [copy.deepcopy(self.server.doc) for _ in range(2)]

    @rule(user=st.integers(0, 1), steps=st.lists(STEP, min_size=1, max_size=6))
    def user_edits(self, user: int, steps: list[tuple[str, int, int, int]]) -> None:
        for step in steps:
            edit(self.local[user], *step)

    @rule(user=st.integers(0, 1), choice=st.sampled_from([MINE, THEIRS, BOTH]), steps=st.lists(STEP, max_size=6))
    def user_saves(self, user: int, choice: str, steps: list[tuple[str, int, int, int]]) -> None:
        """The user edits a little more, then saves."""
        self.user_edits(user, steps)
        base, local, before = self.base[user], self.local[user], copy.deepcopy(self.server.doc)
        result = merge(base, local, before, LABELS)
        if before["version"] == base["version"]:
            assert result.conflicts == ()
            assert result.requests == changes(base, local, LABELS)
        resolved = result.resolve_all(choice)
        self.server.apply(resolved.requests)
        assert_server_holds(self.server.doc, resolved.merged, before)
        if not result.conflicts:  # every field the user changed has the user's value on the server
            before_edits, edits_made = fields_by_key(base), fields_by_key(local)
            now = fields_by_key(self.server.doc)
            for key, fields in edits_made.items():
                old = before_edits.get(key, {})
                for field, value in fields.items():
                    if field == "source" or old.get(field) == value:
                        continue
                    if type(field) is tuple and field[0] == KEYFRAME and old.get(field) is not None:
                        for sub, sub_value in value.items():  # a keyframe: field by field
                            if old[field].get(sub) != sub_value:
                                assert now[key][field][sub] == sub_value, (key, field, sub)
                    else:
                        assert now[key].get(field) == value, (key, field)
            for key in before_edits.keys() - edits_made.keys():
                assert key not in now, key
        self.base[user] = copy.deepcopy(self.server.doc)
        self.local[user] = copy.deepcopy(self.server.doc)

    @invariant()
    def server_has_no_duplicate_ids(self) -> None:
        for kind in ("tags", "shapes", "tracks"):
            ids = [item["id"] for item in self.server.doc[kind]]
            assert len(ids) == len(set(ids))


TestTwoUsers = TwoUsers.TestCase
TestTwoUsers.settings = settings(max_examples=40, stateful_step_count=25)


@given(labeled_data(), jobs, edits)
def test_the_merges_flat_normal_form_is_the_normal_form_flattened(data, base, steps) -> None:
    """``NormalFields`` (what the merge reads, without normalised copies) equals ``fields_of(normalized(...))``, on
    odd JSON (missing keys, spec ids as strings, repeated keyframes) and on edited jobs with every label."""
    for document in (data, edited(base, steps)):
        annotations = Annotations.from_json(document)
        flat = NormalFields(LabelSet.from_json(LABELS))
        normal = normalized(annotations, LABELS)
        for kind in ("tags", "shapes", "tracks"):
            for item, expected in zip(getattr(annotations, kind), getattr(normal, kind), strict=True):
                assert flat.of(item) == fields_of(expected)
