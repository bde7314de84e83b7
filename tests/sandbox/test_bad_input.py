"""Hostile numbers, nesting, names and multipart bodies get DRF's 400/404 JSON, never Django's 500 page or a
wrong 404 (issue 13, item 9)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from annodesk.sandbox import SandboxServer

from .helpers import api

HUGE = 2**63  # one past SQLite's (and PostgreSQL bigint's) integers
HUGER = 2**64 + 7
NOT_FOUND = {"detail": "Not found."}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    with SandboxServer(tmp_path_factory.mktemp("bad-input"), anon_throttle=0) as sandbox:
        yield sandbox


@pytest.fixture(scope="module")
def admin(server: SandboxServer) -> Iterator[httpx.Client]:
    with api(server, "admin") as client:
        yield client


@pytest.fixture(scope="module")
def task(admin: httpx.Client) -> dict:
    """A sample task with data (and jobs)."""
    return next(t for t in admin.get("tasks", params={"page_size": "all"}).json()["results"] if t.get("size"))


@pytest.mark.parametrize("number", [HUGE, HUGER, -HUGE - 1])
@pytest.mark.parametrize(
    "path", ["tasks/{n}", "jobs/{n}", "users/{n}", "tasks/{n}/jobs", "tasks/{n}/status", "tasks/{n}/annotations"]
)
def test_ids_past_64_bits_in_paths_are_json_404s(admin: httpx.Client, path: str, number: int) -> None:
    response = admin.get(path.format(n=number))
    if number < 0:  # "-9…" is not a number in a CVAT path: an unrouted path, Django's HTML 404
        assert response.status_code == 404
        return
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_ids_past_64_bits_in_filters(admin: httpx.Client) -> None:
    response = admin.get("tasks", params={"id": str(HUGE)})
    assert response.status_code == 200 and response.json()["count"] == 0
    response = admin.get("tasks", params={"project_id": str(HUGER)})
    assert response.status_code == 400
    assert response.json() == {
        "project_id": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert admin.get("tasks", params={"page": str(HUGE)}).json() == {"detail": "Invalid page."}
    assert admin.get("tasks", params={"page_size": str(HUGE)}).status_code == 200


@pytest.mark.parametrize("field", ["owner", "assignee", "project"])
def test_ids_past_64_bits_in_task_bodies(admin: httpx.Client, task: dict, field: str) -> None:
    response = admin.patch(f"tasks/{task['id']}", json={field: HUGE})
    assert response.status_code == 400
    assert response.json() == {field: [f'Invalid pk "{HUGE}" - object does not exist.']}


def test_ids_past_64_bits_in_job_and_annotation_bodies(admin: httpx.Client, task: dict) -> None:
    job_id = task["segments"][0]["jobs"][0]["id"]
    response = admin.patch(f"jobs/{job_id}", json={"assignee": HUGE})
    assert (response.status_code, response.json()) == (
        400,
        {"assignee": [f'Invalid pk "{HUGE}" - object does not exist.']},
    )
    label = task["labels"][0]["id"]
    shape = {"frame": 0, "label_id": label, "group": 0, "attributes": [], "type": "rectangle", "occluded": False}
    body = {"version": 0, "tags": [], "tracks": [], "shapes": [{**shape, "points": [1, 2, 3, 4], "id": HUGE}]}
    response = admin.patch(f"jobs/{job_id}/annotations", params={"action": "update"}, json=body)
    assert response.status_code == 400 and "2147483647" in response.text
    body["shapes"] = [{**shape, "points": [1, 2, 3, 4], "label_id": HUGE}]
    response = admin.put(f"jobs/{job_id}/annotations", json=body)
    assert response.status_code == 400 and response.headers["content-type"] == "application/json"


def nested(depth: int) -> bytes:
    return b'{"name": ' + b"[" * depth + b"]" * depth + b"}"


@pytest.mark.parametrize("depth", [1_000, 100_000])
@pytest.mark.parametrize(("method", "path"), [("POST", "auth/login"), ("PATCH", "tasks/{id}"), ("POST", "tasks")])
def test_json_nested_too_deep_is_a_parse_error(
    admin: httpx.Client, task: dict, method: str, path: str, depth: int
) -> None:
    headers = {"Content-Type": "application/json"}
    response = admin.request(method, path.format(id=task["id"]), content=nested(depth), headers=headers)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error - ")


def test_json_nested_too_deep_in_annotations(admin: httpx.Client, task: dict) -> None:
    job_id = task["segments"][0]["jobs"][0]["id"]
    body = b'{"version": 0, "tags": ' + b"[" * 5_000 + b"]" * 5_000 + b', "shapes": [], "tracks": []}'
    response = admin.put(f"jobs/{job_id}/annotations", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400 and response.json()["detail"].startswith("JSON parse error - ")


BROKEN_MULTIPART = [
    "multipart/form-data",  # no boundary
    "multipart/form-data; boundary=",
    "multipart/form-data; boundary=abc",  # a body that never uses it
]


@pytest.mark.parametrize("content_type", BROKEN_MULTIPART)
def test_malformed_multipart_is_a_400_parse_error(admin: httpx.Client, task: dict, content_type: str) -> None:
    body = b'--zzz\r\nContent-Disposition: form-data; name="image_quality"\r\n\r\n70\r\n--zzz'
    headers = {"Content-Type": content_type}
    for method, path, params in [
        ("POST", f"tasks/{task['id']}/data", {}),
        ("PUT", f"tasks/{task['id']}/annotations", {"format": "CVAT 1.1"}),
        ("PATCH", f"tasks/{task['id']}", {}),
        ("POST", "auth/login", {}),
    ]:
        response = admin.request(method, path, params=params, content=body, headers=headers)
        assert response.status_code == 400, (method, path, response.status_code, response.text)
        assert response.json()["detail"].startswith("Multipart form parse error - "), response.text


def test_an_import_file_name_over_255_bytes_is_accepted(admin: httpx.Client, task: dict) -> None:
    name = "annotations." + "x" * 300  # the upload's suffix alone would be a name too long for the disk
    url, params = f"tasks/{task['id']}/annotations", {"format": "CVAT 1.1"}
    files = {"annotation_file": (name, b"<annotations></annotations>", "application/xml")}
    assert admin.put(url, params=params, files=files).status_code == 202
    for _ in range(1000):
        response = admin.put(url, params=params)
        if response.status_code != 202:
            break
    assert response.status_code == 201, response.text
