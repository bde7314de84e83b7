"""Projects served as CVAT v1.1 serves them (contract §7, recorded exchanges 66–78)."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from annodesk.sandbox import SandboxServer

from .helpers import api

RECORDED = Path(__file__).resolve().parents[1] / "fixtures" / "cvat-v1-recorded"
SHARED = Path("/work/shared/cvat-v1-recorded")


def recorded_project_keys() -> list[str]:
    """The keys of a project, in the order the real server wrote them (recorded exchange 66)."""
    for folder in (RECORDED, SHARED):
        path = folder / "66_project_create.txt"
        if path.exists():
            body = path.read_text(encoding="utf-8").split("--- body ---\n", 1)[1]
            return list(json.loads(body))
    return ["url", "id", "name", "owner", "assignee", "bug_tracker", "created_date", "updated_date", "status"]


def ids(server: SandboxServer) -> dict[str, int]:
    with api(server, "admin") as client:
        return {u["username"]: u["id"] for u in client.get("users", params={"page_size": "all"}).json()["results"]}


def test_create_read_change_and_list_like_the_recorded_server(fresh_sandbox: SandboxServer) -> None:
    users = ids(fresh_sandbox)
    with api(fresh_sandbox, "admin") as admin, api(fresh_sandbox, "demo") as demo:
        response = admin.post("projects", json={"name": "Street scenes", "bug_tracker": "http://tracker.local/1"})
        assert response.status_code == 201
        created = response.json()
        assert list(created) == recorded_project_keys()
        assert (
            response.headers["location"]
            == created["url"]
            == f"{fresh_sandbox.base_url}/api/v1/projects/{created['id']}"
        )
        assert (created["owner"], created["assignee"], created["status"]) == (users["admin"], None, "annotation")
        mine = demo.post("projects", json={"name": "Demo project"}).json()
        assert (mine["owner"], mine["bug_tracker"]) == (users["demo"], "")
        assert admin.post("projects", json={}).json() == {"name": ["This field is required."]}

        renamed = admin.patch(f"projects/{created['id']}", json={"name": "Street scenes 2020"}).json()
        assert renamed["name"] == "Street scenes 2020" and renamed["updated_date"] == created["updated_date"]
        assigned = admin.patch(f"projects/{created['id']}", json={"assignee": users["demo"]}).json()
        assert assigned["assignee"] == users["demo"]
        assert admin.get(f"projects/{created['id']}").json() == assigned

        listed = admin.get("projects").json()
        assert [p["id"] for p in listed["results"]][:2] == [mine["id"], created["id"]]  # newest first
        found = admin.get("projects", params={"search": "street"}).json()
        assert [p["name"] for p in found["results"]] == ["Street scenes 2020"]
        owned = admin.get("projects", params={"owner": "dem"}).json()["results"]
        assert mine in owned and {p["owner"] for p in owned} == {users["demo"]}
        assert admin.get("projects", params={"id": "abc"}).json() == {"id": ["Enter a number."]}
        by_name = [
            p["name"] for p in admin.get("projects", params={"ordering": "name", "page_size": "all"}).json()["results"]
        ]
        assert by_name == sorted(by_name)
        paged = admin.get("projects", params={"page_size": 1}).json()
        assert paged["count"] >= 4 and len(paged["results"]) == 1 and paged["next"].endswith("page=2&page_size=1")


def test_tasks_in_a_project_and_delete_taking_them(fresh_sandbox: SandboxServer) -> None:
    with api(fresh_sandbox, "admin") as admin:
        project = admin.post("projects", json={"name": "Street scenes"}).json()
        body = {"name": "Crossings", "project": project["id"], "labels": [{"name": "car", "attributes": []}]}
        task = admin.post("tasks", json=body).json()
        assert task["project"] == project["id"]
        assert [t["id"] for t in admin.get(f"projects/{project['id']}/tasks").json()["results"]] == [task["id"]]
        assert [t["id"] for t in admin.get("tasks", params={"project_id": project["id"]}).json()["results"]] == [
            task["id"]
        ]
        assert admin.delete(f"projects/{project['id']}").status_code == 204
        assert admin.get(f"tasks/{task['id']}").json() == {"detail": "Not found."}
        assert admin.get(f"projects/{project['id']}").status_code == 404
        assert admin.get("tasks", params={"project_id": project["id"]}).status_code == 400


def test_rights_per_group(fresh_sandbox: SandboxServer) -> None:
    with api(fresh_sandbox, "admin") as admin:
        projects = admin.get("projects").json()["results"]
        empty = admin.post("projects", json={"name": "admin's, no tasks"}).json()
    urban = next(p for p in projects if p["name"].startswith("City"))  # alice's; bob is assignee of one task
    harbour = next(p for p in projects if p["name"].startswith("Harbour"))  # demo's; bob is assignee of one task
    with api(fresh_sandbox, "bob") as bob:  # an annotator: sees both, may not create
        assert {p["id"] for p in bob.get("projects").json()["results"]} == {urban["id"], harbour["id"]}
        assert bob.post("projects", json={"name": "x"}).status_code == 403
        assert bob.patch(f"projects/{harbour['id']}", json={"name": "Harbour (bob)"}).status_code == 403
        with api(fresh_sandbox, "demo") as demo:  # the owner makes him the project's assignee
            assert (
                demo.patch(f"projects/{harbour['id']}", json={"assignee": ids(fresh_sandbox)["bob"]}).status_code == 200
            )
        assert bob.patch(f"projects/{harbour['id']}", json={"name": "Harbour (bob)"}).status_code == 200
        assert bob.delete(f"projects/{harbour['id']}").status_code == 403
        assert bob.put(f"projects/{harbour['id']}", json={}).status_code == 403
    with api(fresh_sandbox, "guest") as guest:  # no group, nothing of theirs
        assert guest.get("projects").json()["count"] == 0
        assert guest.get(f"projects/{empty['id']}").status_code == 403
        # CVAT's quirk: an unassigned task makes everyone its annotator, so the detail of a project holding one
        # is open to anyone, while the list (a different rule) leaves it out
        assert guest.get(f"projects/{urban['id']}").status_code == 200
        assert guest.get("projects/999999").json() == {"detail": "Not found."}
    with api(fresh_sandbox, "olga") as olga:  # observer: sees everything, changes nothing
        assert olga.get("projects").json()["count"] == 3
        assert olga.patch(f"projects/{urban['id']}", json={"name": "x"}).status_code == 403
    with api(fresh_sandbox, "demo") as demo:
        assert demo.patch(f"projects/{urban['id']}", json={"name": "x"}).status_code == 403
        visible = {t["id"] for t in demo.get(f"projects/{harbour['id']}/tasks").json()["results"]}
        assert visible and visible <= {
            t["id"] for t in demo.get("tasks", params={"page_size": "all"}).json()["results"]
        }
    with api(fresh_sandbox, "admin") as admin:
        response = admin.put(f"projects/{urban['id']}", json={})
        assert (response.status_code, response.json()) == (405, {"detail": 'Method "PUT" not allowed.'})
        assert admin.options("projects").status_code == 405
    assert httpx.get(f"{fresh_sandbox.base_url}/api/v1/projects").status_code == 401


def test_sample_projects_group_sample_tasks(sandbox: SandboxServer) -> None:
    with api(sandbox, "admin") as admin:
        projects = admin.get("projects").json()["results"]
        assert len(projects) == 2
        for project in projects:
            tasks = admin.get(f"projects/{project['id']}/tasks").json()["results"]
            assert len(tasks) >= 2 and all(t["project"] == project["id"] for t in tasks)


def test_list_query_details_as_django_filter_and_drf_do(fresh_sandbox: SandboxServer) -> None:
    """Every search term must match (AND); owner/assignee filters are username substrings, ordering by owner sorts by
    user id; ``page=last``; past the end is ``Invalid page.``; status is read-only; bad user and project keys are
    DRF's primary-key errors."""
    users = ids(fresh_sandbox)
    with api(fresh_sandbox, "admin") as admin:
        mine = admin.post("projects", json={"name": "Quay north", "assignee": users["bob"], "status": "completed"})
        assert mine.json()["status"] == "annotation"
        assert admin.patch(f"projects/{mine.json()['id']}", json={"status": "validation"}).json()["status"] == (
            "annotation"
        )
        assert admin.get("projects", params={"search": "harbour demo"}).json()["count"] == 1
        assert admin.get("projects", params={"search": "harbour,alice"}).json()["count"] == 0
        assigned = admin.get("projects", params={"assignee": "BO"}).json()["results"]
        assert [p["name"] for p in assigned] == ["Quay north"]
        assert admin.get("projects", params={"status": "annot"}).json()["count"] == 3
        assert admin.get("projects", params={"status": "completed"}).json()["count"] == 0
        by_owner = admin.get("projects", params={"ordering": "owner,-id", "nonsense": "1"}).json()["results"]
        assert [p["owner"] for p in by_owner] == sorted(p["owner"] for p in by_owner)
        unknown = admin.get("projects", params={"ordering": "created_date"}).json()["results"]
        assert [p["id"] for p in unknown] == sorted((p["id"] for p in unknown), reverse=True)
        last = admin.get("projects", params={"page": "last", "page_size": 2}).json()
        assert len(last["results"]) == 1 and last["next"] is None and last["previous"].endswith("projects?page_size=2")
        assert admin.get("projects", params={"page": 9}).json() == {"detail": "Invalid page."}
        assert admin.post("projects", json={"name": "p", "owner": 999}).json() == {
            "owner": ['Invalid pk "999" - object does not exist.']
        }
        assert admin.post("projects", json={"name": "p", "assignee": "bob"}).json() == {
            "assignee": ["Incorrect type. Expected pk value, received str."]
        }
        body = {"name": "x", "project": 999, "labels": [{"name": "a", "attributes": []}]}
        assert admin.post("tasks", json=body).json() == {"project": ['Invalid pk "999" - object does not exist.']}
