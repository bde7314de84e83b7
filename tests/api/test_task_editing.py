"""Creating, editing and deleting tasks through the client, with CVAT v1.1's rules and rights, over real HTTP."""

from __future__ import annotations

from pathlib import Path

import pytest

from annodesk.api import (
    CvatClient,
    InvalidInput,
    NewAttribute,
    NewLabel,
    NotFound,
    PermissionDenied,
    Task,
)
from annodesk.sandbox import SandboxServer

from .helpers import as_user, make_images, raw_client, run, sign_in, user_ids

CAR = NewLabel(
    "car",
    attributes=(
        NewAttribute("color", "select", default_value="red", values=("red", "blue", "green")),
        NewAttribute("parked", "checkbox", mutable=True, default_value="false", values=("false",)),
    ),
)
PERSON = NewLabel(
    "person",
    color="#123456",
    attributes=(
        NewAttribute("age", "number", default_value="30", values=("0", "100", "1")),
        NewAttribute("note", "text", mutable=True),
    ),
)


def create(server: SandboxServer, username: str, name: str = "new task", **kwargs: object) -> Task:
    return as_user(server, username, lambda c: c.create_task(name, [CAR, PERSON], **kwargs))  # type: ignore[arg-type]


def test_create_task_as_cvat_does(fresh_sandbox: SandboxServer) -> None:
    ids = user_ids(fresh_sandbox)
    task = create(fresh_sandbox, "demo", "街道 cars", segment_size=3, bug_tracker="https://bugs.example/1")
    assert (task.name, task.owner_id, task.assignee_id, task.segment_size) == ("街道 cars", ids["demo"], None, 3)
    assert task.mode == "" and task.overlap is None and task.segments == () and not task.has_data
    assert task.bug_tracker == "https://bugs.example/1" and task.status == "annotation"
    car, person = task.labels
    assert car.color == "#2080c0"  # CVAT's palette colour for "car" (recorded exchange 07)
    assert person.color == "#123456"
    assert [(a.name, a.input_type, a.mutable, a.default_value, a.values) for a in car.attributes] == [
        ("color", "select", False, "red", ("red", "blue", "green")),
        ("parked", "checkbox", True, "false", ("false",)),
    ]
    note = person.attributes[1]
    assert (note.input_type, note.values, note.default_value) == ("text", ("",), "")
    assert as_user(fresh_sandbox, "demo", lambda c: c.get_task(task.id)) == task


def test_create_with_owner_assignee_and_overlap(fresh_sandbox: SandboxServer) -> None:
    ids = user_ids(fresh_sandbox)
    task = create(fresh_sandbox, "admin", owner=ids["alice"], assignee=ids["bob"], overlap=2, z_order=True)
    assert (task.owner_id, task.assignee_id, task.overlap, task.z_order) == (ids["alice"], ids["bob"], 2, True)


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        ([], {"labels": ["Label set must not be empty"]}),
        ([NewLabel("a"), NewLabel("a")], {"labels": ["All label names must be unique for the task"]}),
    ],
)
def test_create_label_errors(fresh_sandbox: SandboxServer, labels: list[NewLabel], expected: dict) -> None:
    with pytest.raises(InvalidInput) as info:
        as_user(fresh_sandbox, "demo", lambda c: c.create_task("x", labels))
    assert info.value.field_errors == expected
    assert info.value.message == expected["labels"][0]


def test_create_field_errors(fresh_sandbox: SandboxServer) -> None:
    with pytest.raises(InvalidInput) as info:
        as_user(fresh_sandbox, "demo", lambda c: c.create_task("", [CAR], assignee=987654))
    assert info.value.field_errors == {
        "name": ["This field may not be blank."],
        "assignee": ['Invalid pk "987654" - object does not exist.'],
    }
    with raw_client(fresh_sandbox, "demo") as http:
        missing = http.post("tasks", json={"name": "no labels"})
        nameless = http.post("tasks", json={"labels": [{"attributes": []}]})
        attribute_without_mutable = http.post(
            "tasks", json={"name": "x", "labels": [{"name": "a", "attributes": [{"name": "b", "input_type": "text"}]}]}
        )
    assert (missing.status_code, missing.json()) == (400, {"labels": ["This field is required."]})
    assert nameless.json() == {"name": ["This field is required."], "labels": [{"name": ["This field is required."]}]}
    assert attribute_without_mutable.status_code == 500  # CVAT's database refuses it: a server error
    assert "text/html" in attribute_without_mutable.headers["content-type"]


@pytest.mark.parametrize("username", ["bob", "zhangwei", "olga", "guest"])
def test_only_admins_and_users_create_tasks(sandbox: SandboxServer, username: str) -> None:
    with pytest.raises(PermissionDenied, match="permission"):
        create(sandbox, username)


def test_update_name_assignee_bug_tracker(fresh_sandbox: SandboxServer) -> None:
    ids = user_ids(fresh_sandbox)
    task = create(fresh_sandbox, "demo")

    async def body(client: CvatClient) -> None:
        changed = await client.update_task(task.id, name="renamed", assignee=ids["bob"], bug_tracker="http://b/2")
        assert (changed.name, changed.assignee_id, changed.bug_tracker) == ("renamed", ids["bob"], "http://b/2")
        assert changed.updated_date == task.updated_date  # v1.1: only annotation saves move it
        unassigned = await client.update_task(task.id, assignee=None)
        assert unassigned.assignee_id is None and unassigned.name == "renamed"
        assert await client.update_task(task.id) == unassigned  # nothing to change: the task as it is

    as_user(fresh_sandbox, "demo", body)


def test_labels_are_added_and_updated_never_removed(fresh_sandbox: SandboxServer) -> None:
    task = create(fresh_sandbox, "demo")
    car_color = task.labels[0].color
    new_car = NewLabel(
        "car",
        color="#abcdef",
        attributes=(
            NewAttribute("color", "select", default_value="blue", values=("red", "blue", "green", "black")),
            NewAttribute("doors", "number", default_value="4", values=("2", "5", "1")),
        ),
    )
    changed = as_user(fresh_sandbox, "demo", lambda c: c.update_task(task.id, labels=[new_car, NewLabel("bus")]))
    names = [label.name for label in changed.labels]
    assert names == ["car", "person", "bus"]  # person kept although not sent
    car = changed.labels[0]
    assert car.id == task.labels[0].id and car.color == "#abcdef" != car_color
    attributes = {a.name: a for a in car.attributes}
    assert set(attributes) == {"color", "parked", "doors"}  # parked kept
    assert attributes["color"].id == task.labels[0].attributes[0].id
    assert (attributes["color"].default_value, attributes["color"].values[-1]) == ("blue", "black")
    assert changed.labels[2].color  # the server picked one
    # Sending a label again without a colour recomputes its colour (CVAT's quirk).
    again = as_user(fresh_sandbox, "demo", lambda c: c.update_task(task.id, labels=[NewLabel("car")]))
    assert again.labels[0].color == car_color


def test_edit_rights(fresh_sandbox: SandboxServer) -> None:
    ids = user_ids(fresh_sandbox)
    task = create(fresh_sandbox, "demo", assignee=ids["bob"])
    assert as_user(fresh_sandbox, "bob", lambda c: c.update_task(task.id, name="by assignee")).name == "by assignee"
    assert as_user(fresh_sandbox, "admin", lambda c: c.update_task(task.id, name="by admin")).name == "by admin"
    for username in ("alice", "zhangwei", "olga", "guest"):
        with pytest.raises(PermissionDenied):
            as_user(fresh_sandbox, username, lambda c: c.update_task(task.id, name="no"))
    with pytest.raises(NotFound):
        as_user(fresh_sandbox, "admin", lambda c: c.update_task(99999, name="no"))


def test_delete_removes_jobs_annotations_and_media(fresh_sandbox: SandboxServer, tmp_path) -> None:
    files = make_images(tmp_path / "images", 4)

    async def body(client: CvatClient) -> None:
        task = await client.create_task("to delete", [CAR], segment_size=2)
        await client.upload_task_data(task.id, files)
        await client.wait_for_task_data(task.id, interval=0.02)
        task = await client.get_task(task.id)
        media = fresh_sandbox.data_dir / "media"
        assert any(media.rglob("img_00.png"))
        await client.export_annotations(task.id, "COCO 1.0", tmp_path / "coco.zip", interval=0.02)
        assert any((fresh_sandbox.data_dir / "exports").rglob("*.zip"))
        await client.delete_task(task.id)
        with pytest.raises(NotFound):
            await client.get_task(task.id)
        for job in task.jobs:
            with pytest.raises(NotFound):
                await client.get_job(job.id)
        assert not any(media.rglob("*")) if media.exists() else True
        assert not any((fresh_sandbox.data_dir / "exports").rglob("*.zip"))
        with pytest.raises(NotFound):
            await client.delete_task(task.id)
        again = await client.create_task("next", [CAR])
        assert again.id > task.id  # ids are never reused

    as_user(fresh_sandbox, "demo", body)
    with fresh_sandbox.db.read() as conn:
        assert conn.execute("SELECT count(*) FROM frames").fetchone()[0] == 0


def test_delete_rights(fresh_sandbox: SandboxServer) -> None:
    ids = user_ids(fresh_sandbox)
    task = create(fresh_sandbox, "demo", assignee=ids["bob"])
    for username in ("bob", "alice", "olga", "guest"):  # the assignee may edit but not delete
        with pytest.raises(PermissionDenied):
            as_user(fresh_sandbox, username, lambda c: c.delete_task(task.id))
    as_user(fresh_sandbox, "demo", lambda c: c.delete_task(task.id))
    other = create(fresh_sandbox, "alice")
    as_user(fresh_sandbox, "admin", lambda c: c.delete_task(other.id))


def test_v12_servers_get_id_keys(fresh_sandbox: SandboxServer) -> None:
    """On v1.2+ the client writes ``assignee_id``/``owner_id`` and drops ``z_order`` (checked on the wire)."""
    sent: list[bytes] = []

    async def body() -> None:
        client = await sign_in(fresh_sandbox, "admin")
        async with client:
            client._server_version = (1, 2)

            async def record(request):  # httpx event hook: what went out
                await request.aread()
                sent.append(request.content)

            client._http.event_hooks["request"].append(record)
            with pytest.raises(InvalidInput):  # a blank name: refused, after the request was recorded
                await client.create_task("", [CAR], assignee=1, owner=1, z_order=True)

    run(body())
    assert b'"assignee_id":1' in sent[-1] and b'"owner_id":1' in sent[-1] and b"z_order" not in sent[-1]


def test_the_task_list_shows_every_kind_of_change_at_once(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    """The sandbox caches built task JSON between list requests; every write path must refresh it."""

    async def body(client: CvatClient) -> None:
        task = await client.create_task("before", [CAR])
        listed = {t.id: t for t in (await client.list_tasks(page_size=100)).results}  # now cached
        assert listed[task.id].name == "before" and not listed[task.id].has_data

        await client.update_task(task.id, name="after", labels=[PERSON])
        await client.upload_task_data(task.id, make_images(tmp_path, 3))
        await client.wait_for_task_data(task.id, interval=0.05)
        listed = {t.id: t for t in (await client.list_tasks(page_size=100)).results}
        assert listed[task.id].name == "after" and listed[task.id].size == 3
        assert {label.name for label in listed[task.id].labels} == {"car", "person"}

        job = listed[task.id].jobs[0]
        await client.update_job(job.id, status="completed")
        listed = {t.id: t for t in (await client.list_tasks(page_size=100)).results}
        assert listed[task.id].status == "completed" and listed[task.id].jobs[0].status == "completed"

        await client.delete_task(task.id)
        assert task.id not in {t.id for t in (await client.list_tasks(page_size=100)).results}

    as_user(fresh_sandbox, "demo", body)
