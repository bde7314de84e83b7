"""Django's bare HTML error pages, byte for byte, and no reflected markup (issue 13, item 6)."""

from __future__ import annotations

import httpx

from annodesk.sandbox import SandboxServer

from .helpers import api

NOT_FOUND = b"<h1>Not Found</h1><p>The requested resource was not found on this server.</p>"


def test_unrouted_path_is_djangos_bare_404_without_the_path(sandbox: SandboxServer) -> None:
    attack = "/api/v1/%3C/title%3E%3Cscript%3Ealert(1)%3C/script%3E"
    response = httpx.get(sandbox.base_url + attack)
    assert response.status_code == 404
    assert response.headers["content-type"] == "text/html"
    assert response.content == NOT_FOUND
    assert b"<script" not in response.content.lower()


def test_trailing_slash_is_the_same_404(sandbox: SandboxServer) -> None:
    response = httpx.get(f"{sandbox.base_url}/api/v1/tasks/")
    assert (response.status_code, response.content) == (404, NOT_FOUND)


def test_server_error_is_djangos_bare_500(sandbox: SandboxServer) -> None:
    with api(sandbox, "admin") as client:
        draft = next(
            task for task in client.get("tasks", params={"page_size": "all"}).json()["results"] if "size" not in task
        )
        response = client.get(f"tasks/{draft['id']}/data/meta")  # no data: CVAT's unhandled 500
    assert response.status_code == 500
    assert response.headers["content-type"] == "text/html"
    assert response.content == b"<h1>Server Error (500)</h1>"


def test_disallowed_host_is_djangos_bare_400(sandbox: SandboxServer) -> None:
    response = httpx.get(f"{sandbox.base_url}/api/v1/server/about", headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert response.headers["content-type"] == "text/html"
    assert response.content == b"<h1>Bad Request (400)</h1>"
