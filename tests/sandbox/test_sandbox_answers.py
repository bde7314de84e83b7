"""Where the sandbox differed from a genuine CVAT v1.1.0 server side by side (issue 13, sandbox fidelity)."""

from __future__ import annotations

import httpx

from annodesk.sandbox import SandboxServer

from .helpers import api

BASIC_USER_FIELDS = ["url", "id", "username", "first_name", "last_name"]


def test_users_list_gives_a_non_staff_caller_basic_fields_for_every_entry_own_included(sandbox: SandboxServer) -> None:
    with api(sandbox, "demo") as client:
        users = client.get("users", params={"page_size": "all"}).json()["results"]
        assert {user["username"] for user in users} >= {"demo", "admin"}
        assert all(list(user) == BASIC_USER_FIELDS for user in users)
        assert "email" in client.get("users/self").json()  # users/self and users/{own id} stay full
    with api(sandbox, "admin") as client:
        assert all("email" in user for user in client.get("users").json()["results"])


def test_options_on_tasks_is_drfs_metadata(sandbox: SandboxServer) -> None:
    with api(sandbox, "demo") as client:
        response = client.options("tasks")
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Task List" and body["description"] == ""
    assert body["renders"] == ["application/json", "text/html"]
    assert body["parses"] == ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"]
    post = body["actions"]["POST"]
    assert post["name"] == {"type": "string", "required": True, "read_only": False, "label": "Name", "max_length": 256}
    assert post["labels"]["required"] is True and post["id"]["read_only"] is True


def test_options_without_the_right_to_post_has_no_actions(sandbox: SandboxServer) -> None:
    with api(sandbox, "bob") as client:  # an annotator cannot create tasks
        body = client.options("tasks").json()
        assert "actions" not in body
        assert client.options("tasks/1").json()["name"] == "Task Instance"
    assert httpx.options(f"{sandbox.base_url}/api/v1/tasks").status_code == 401
