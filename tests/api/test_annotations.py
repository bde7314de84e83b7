"""Annotations as JSON: job and task reads and writes, versions, defaults, errors and rights, over real HTTP."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import pytest

from annodesk.api import (
    Annotations,
    AttributeVal,
    CvatClient,
    InvalidInput,
    LabeledShape,
    LabeledTag,
    LabeledTrack,
    PermissionDenied,
    ServerError,
    Task,
    TrackedShape,
)
from annodesk.sandbox import SandboxServer

from .helpers import as_user, raw_client, ready_task, user_ids
from .test_models import recorded_body


def ids_of(task: Task) -> dict[str, int]:
    """Label and attribute ids by name (``car``, ``car.color``…)."""
    found = {}
    for label in task.labels:
        found[label.name] = label.id
        for attribute in label.attributes:
            found[f"{label.name}.{attribute.name}"] = attribute.id
    return found


def recorded_put(task: Task) -> Annotations:
    """Recorded exchange 28 (a job PUT on a real CVAT), with this task's label and attribute ids."""
    request = msgspec.json.decode(recorded_body("28_job_annotations_put.txt"))  # the answer: the sent objects
    ids = ids_of(task)
    spec = {
        1: ids["car.color"],
        2: ids["car.parked"],
        3: ids["person.gender"],
        4: ids["person.age"],
        5: ids["person.note"],
    }
    labels = {1: ids["car"], 2: ids["person"]}
    for shape in request["shapes"]:
        shape["id"] = None
        shape["label_id"] = labels[shape["label_id"]]
        for attribute in shape["attributes"]:
            attribute["spec_id"] = spec[attribute["spec_id"]]
    return msgspec.convert(request, Annotations)


def test_job_put_and_get_like_cvat(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    task = ready_task(fresh_sandbox, tmp_path)
    job = task.jobs[0].id
    sent = recorded_put(task)
    ids = ids_of(task)

    async def body(client: CvatClient) -> None:
        assert await client.get_job_annotations(job) == Annotations()  # recorded 26/51: version 0, empty
        saved = await client.replace_job_annotations(job, sent)
        assert saved.version == 1 and all(shape.id for shape in saved.shapes)
        assert [s.points for s in saved.shapes] == [s.points for s in sent.shapes]
        assert saved.shapes[2].attributes == ()  # the PUT answer shows what was sent (recorded 28)
        read = await client.get_job_annotations(job)
        # GET fills in every attribute of the label at its default (recorded 29).
        assert read.shapes[2].attributes == (
            AttributeVal(spec_id=ids["car.color"], value="red"),
            AttributeVal(spec_id=ids["car.parked"], value="false"),
        )
        assert read.shapes[:2] == saved.shapes[:2] and read.version == 1
        again = await client.replace_job_annotations(job, Annotations(version=read.version, shapes=read.shapes[:1]))
        assert again.version == 2 and len((await client.get_job_annotations(job)).shapes) == 1

    as_user(fresh_sandbox, "demo", body)


def test_versions_and_updated_date(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    task = ready_task(fresh_sandbox, tmp_path)
    ids = ids_of(task)
    first, second = task.jobs[0].id, task.jobs[1].id
    shape = LabeledShape(type="rectangle", frame=3, label_id=ids["car"], points=(1, 2, 3, 4))

    async def body(client: CvatClient) -> None:
        await client.replace_job_annotations(second, Annotations(shapes=(shape,)))
        await client.replace_job_annotations(second, Annotations(shapes=(shape,)))
        await client.replace_job_annotations(first, Annotations())
        assert (await client.get_job_annotations(second)).version == 2
        assert (await client.get_task_annotations(task.id)).version == 2  # the highest job version
        moved = await client.get_task(task.id)
        assert moved.updated_date > task.updated_date

    as_user(fresh_sandbox, "demo", body)


def test_patch_create_update_delete(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    task = ready_task(fresh_sandbox, tmp_path)
    ids = ids_of(task)
    job = task.jobs[0].id
    box = LabeledShape(type="rectangle", frame=0, label_id=ids["car"], points=(0, 0, 10, 10))
    tag = LabeledTag(frame=1, label_id=ids["person"], attributes=(AttributeVal(spec_id=ids["person.age"], value="7"),))

    async def body(client: CvatClient) -> None:
        created = await client.patch_job_annotations(job, "create", Annotations(shapes=(box, box), tags=(tag,)))
        assert created.version == 1 and len({s.id for s in created.shapes}) == 2 and created.tags[0].id
        moved = msgspec.structs.replace(created.shapes[0], points=(5.0, 5.0, 20.0, 20.0))
        updated = await client.patch_job_annotations(job, "update", Annotations(shapes=(moved,)))
        assert updated.shapes[0].id == moved.id and updated.version == 2
        await client.patch_job_annotations(job, "delete", Annotations(shapes=(created.shapes[1],)))
        now = await client.get_job_annotations(job)
        assert [(s.id, s.points) for s in now.shapes] == [(moved.id, (5.0, 5.0, 20.0, 20.0))]
        assert now.tags[0].attributes[0].value == "7" and now.version == 3
        task_level = await client.patch_task_annotations(task.id, "delete", Annotations(tags=now.tags))
        assert task_level.tags == now.tags
        assert (await client.get_task_annotations(task.id)).tags == ()

    as_user(fresh_sandbox, "demo", body)


def test_tracks_keep_immutable_and_mutable_attributes_apart(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    task = ready_task(fresh_sandbox, tmp_path)
    ids = ids_of(task)
    track = LabeledTrack(
        frame=0,
        label_id=ids["car"],
        attributes=(AttributeVal(spec_id=ids["car.color"], value="green"),),
        shapes=(
            TrackedShape(
                type="rectangle",
                frame=0,
                points=(0, 0, 10, 10),
                attributes=(AttributeVal(spec_id=ids["car.parked"], value="true"),),
            ),
            TrackedShape(type="rectangle", frame=2, points=(10, 10, 20, 20)),
        ),
    )

    async def body(client: CvatClient) -> None:
        await client.replace_job_annotations(task.jobs[0].id, Annotations(tracks=(track,)))
        read = (await client.get_job_annotations(task.jobs[0].id)).tracks[0]
        assert read.attributes == (AttributeVal(spec_id=ids["car.color"], value="green"),)
        # The second keyframe carries the previous one's mutable value, not the default.
        assert read.shapes[1].attributes == (AttributeVal(spec_id=ids["car.parked"], value="true"),)
        wrong = msgspec.structs.replace(track, attributes=(AttributeVal(spec_id=ids["car.parked"], value="1"),))
        with pytest.raises(InvalidInput, match=f"spec_id `{ids['car.parked']}` is invalid"):
            await client.replace_job_annotations(task.jobs[0].id, Annotations(tracks=(wrong,)))

    as_user(fresh_sandbox, "demo", body)


def test_task_level_writes_are_split_by_job(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    task = ready_task(fresh_sandbox, tmp_path)  # 10 frames, segments 0-2, 3-5, 6-8, 9
    ids = ids_of(task)
    shapes = tuple(
        LabeledShape(type="points", frame=frame, label_id=ids["person"], points=(frame, frame)) for frame in (0, 4, 9)
    )

    async def body(client: CvatClient) -> None:
        saved = await client.replace_task_annotations(task.id, Annotations(shapes=shapes))
        assert [s.frame for s in saved.shapes] == [0, 4, 9] and saved.version == 1
        per_job = [len((await client.get_job_annotations(job.id)).shapes) for job in task.jobs]
        assert per_job == [1, 1, 0, 1]
        whole = await client.get_task_annotations(task.id)
        assert [s.id for s in whole.shapes] == [s.id for s in saved.shapes]
        assert len(whole.shapes[0].attributes) == 3  # person's gender, age, note at their defaults
        await client.delete_task_annotations(task.id)
        emptied = await client.get_task_annotations(task.id)
        assert emptied.empty and emptied.version == 2

    as_user(fresh_sandbox, "demo", body)


def test_errors_are_typed_and_readable(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    task = ready_task(fresh_sandbox, tmp_path)
    bad = Annotations(shapes=(LabeledShape(type="rectangle", frame=0, label_id=98765, points=(0, 0, 1, 1)),))

    async def body(client: CvatClient) -> None:
        with pytest.raises(InvalidInput) as info:
            await client.replace_job_annotations(task.jobs[0].id, bad)
        assert info.value.message == "label_id `98765` is invalid"
        with pytest.raises(ServerError, match="500"):  # CVAT lets it escape at task level
            await client.replace_task_annotations(task.id, bad)
        assert (await client.get_task_annotations(task.id)).empty  # nothing half-saved

    as_user(fresh_sandbox, "demo", body)
    with raw_client(fresh_sandbox, "demo") as http:
        action = http.patch(f"tasks/{task.id}/annotations", params={"action": "merge"}, json={})
        missing = http.put(f"jobs/{task.jobs[0].id}/annotations", json={"shapes": []})
        item: dict[str, Any] = {
            "type": "circle",
            "occluded": False,
            "points": [],
            "label_id": 1,
            "group": 0,
            "attributes": [],
        }
        shapes = http.put(
            f"jobs/{task.jobs[0].id}/annotations", json={"version": 0, "tags": [], "tracks": [], "shapes": [item]}
        )
    assert (action.status_code, action.json()) == (400, ["Please specify a correct 'action' for the request"])
    assert missing.json() == {
        "version": ["This field is required."],
        "tags": ["This field is required."],
        "tracks": ["This field is required."],
    }
    assert shapes.json() == {
        "shapes": [
            {
                "frame": ["This field is required."],
                "type": ['"circle" is not a valid choice.'],
                "points": ["This list may not be empty."],
            }
        ]
    }


def test_annotation_rights(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    ids = user_ids(fresh_sandbox)
    unassigned = ready_task(fresh_sandbox, tmp_path / "a", count=3)
    assigned = ready_task(fresh_sandbox, tmp_path / "b", count=3, assignee=ids["alice"])
    shape = LabeledShape(type="points", frame=0, label_id=unassigned.labels[0].id, points=(1, 1))

    # Anyone may edit the jobs of a task without an assignee (CVAT's job annotator rule)...
    job_id = unassigned.jobs[0].id
    saved = as_user(fresh_sandbox, "guest", lambda c: c.replace_job_annotations(job_id, Annotations(shapes=(shape,))))
    assert saved.version == 1
    # ...but task-level writes need the admin, the owner or the assignee.
    for username in ("bob", "olga", "guest"):
        with pytest.raises(PermissionDenied):
            as_user(fresh_sandbox, username, lambda c: c.replace_task_annotations(unassigned.id, Annotations()))
    # The observer reads everything and writes nothing.
    assert as_user(fresh_sandbox, "olga", lambda c: c.get_task_annotations(assigned.id)).empty
    with pytest.raises(PermissionDenied):
        as_user(fresh_sandbox, "olga", lambda c: c.delete_job_annotations(assigned.jobs[0].id))
    # An assigned task's jobs are its assignee's: others may not even read them.
    with pytest.raises(PermissionDenied):
        as_user(fresh_sandbox, "bob", lambda c: c.get_job_annotations(assigned.jobs[0].id))
    assert as_user(fresh_sandbox, "alice", lambda c: c.replace_task_annotations(assigned.id, Annotations())).empty
