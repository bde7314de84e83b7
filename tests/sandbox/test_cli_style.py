"""The sandbox serves other clients: CVAT's own command-line client's way of working, replayed with plain httpx
(a cookie session with CSRF header, form-encoded login, ``client_files[i]``, status polling, dump and upload
loops without delay), as ``utils/cli`` of CVAT v1.1 does it with requests."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from PIL import Image

from annodesk.sandbox import SandboxServer
from tests.api.helpers import PASSWORDS, make_images


@contextmanager
def cli_session(server: SandboxServer, username: str) -> Iterator[httpx.Client]:
    """``CLI(session, api, credentials)``: log in with a form, keep the cookies, send the CSRF token back."""
    with httpx.Client(base_url=f"{server.base_url}/api/v1/", timeout=30) as session:
        response = session.post("auth/login", data={"username": username, "password": PASSWORDS[username]})
        response.raise_for_status()  # the returned key is ignored, as the CLI does
        session.headers["X-CSRFToken"] = session.cookies["csrftoken"]
        yield session


def test_cvat_cli_workflow(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    images = make_images(tmp_path / "images", 5, size=(160, 120))
    with cli_session(fresh_sandbox, "alice") as cli:
        # create NAME --labels ... local FILES
        labels = [{"name": "car", "attributes": []}, {"name": "person", "attributes": []}]
        created = cli.post(
            "tasks", json={"name": "cli task", "labels": labels, "overlap": 0, "segment_size": 2, "bug_tracker": ""}
        )
        assert created.status_code == 201
        task_id = created.json()["id"]
        files = {f"client_files[{i}]": (path.name, path.read_bytes()) for i, path in enumerate(images)}
        attached = cli.post(f"tasks/{task_id}/data", data={"image_quality": 50}, files=files)
        assert attached.status_code == 202 and attached.json()["client_files"] == [p.name for p in images]
        for _ in range(10_000):  # the CLI polls until Finished
            status = cli.get(f"tasks/{task_id}/status").json()
            assert status["state"] != "Failed", status
            if status["state"] == "Finished":
                break
        assert cli.get(f"tasks/{task_id}").json()["size"] == 5

        # frames TASK_ID 0 --quality original: decoded with PIL
        frame = cli.get(f"tasks/{task_id}/data", params={"type": "frame", "number": 0, "quality": "original"})
        assert Image.open(io.BytesIO(frame.content)).size == (160, 120)

        # Annotate through the API, then: dump TASK_ID FILE --format "CVAT for images 1.1"
        task = cli.get(f"tasks/{task_id}").json()
        job = task["segments"][1]["jobs"][0]["id"]
        shape = {
            "type": "rectangle",
            "occluded": False,
            "points": [1, 2, 30, 40],
            "frame": 2,
            "label_id": task["labels"][0]["id"],
            "group": 0,
            "attributes": [],
        }
        put = cli.put(f"jobs/{job}/annotations", json={"version": 0, "tags": [], "tracks": [], "shapes": [shape]})
        assert put.status_code == 200
        url = f"tasks/{task_id}/annotations"
        query = {"format": "CVAT for images 1.1", "filename": task["name"]}
        while (response := cli.get(url, params=query)).status_code != 201:  # a tight loop, as the CLI's
            assert response.status_code == 202
        dumped = cli.get(url, params={**query, "action": "download"})
        assert dumped.status_code == 200 and "filename=\"b'cli task'\"" in dumped.headers["content-disposition"]
        xml = zipfile.ZipFile(io.BytesIO(dumped.content)).read("annotations.xml").decode()
        assert '<box label="car" occluded="0" source="manual" xtl="1.00" ytl="2.00" xbr="30.00" ybr="40.00">' in xml
        dump_file = tmp_path / "dump.zip"
        dump_file.write_bytes(dumped.content)

        # upload TASK_ID FILE --format "CVAT 1.1": the same PUT, file re-sent, until 201
        cli.delete(url)
        while True:
            with dump_file.open("rb") as annotation:
                response = cli.put(
                    url, params={"format": "CVAT 1.1"}, files={"annotation_file": (dump_file.name, annotation)}
                )
            if response.status_code == 201:
                break
            assert response.status_code == 202
        restored = cli.get(url).json()["shapes"]
        assert [(s["frame"], s["points"]) for s in restored] == [(2, [1.0, 2.0, 30.0, 40.0])]

        # ls: every page, following "next"
        ids, page = [], cli.get("tasks").json()
        while True:
            ids += [t["id"] for t in page["results"]]
            if not page["next"]:
                break
            page = cli.get(page["next"]).json()
        assert task_id in ids

        # delete ID: 204, then "not found"
        assert cli.delete(f"tasks/{task_id}").status_code == 204
        assert cli.delete(f"tasks/{task_id}").status_code == 404


def test_session_writes_need_the_csrf_token(fresh_sandbox: SandboxServer) -> None:
    with cli_session(fresh_sandbox, "alice") as cli:
        del cli.headers["X-CSRFToken"]
        refused = cli.post("tasks", json={"name": "x", "labels": [{"name": "a"}]})
    assert (refused.status_code, refused.json()) == (403, {"detail": "CSRF Failed: CSRF token missing or incorrect."})
