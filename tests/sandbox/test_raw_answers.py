"""The sandbox's answers where the client library hides them: status codes, headers, key order, write-once fields
and the export protocol's 202 → 201 → download, over raw HTTP."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import msgspec

from annodesk.sandbox import SandboxServer
from tests.api.helpers import raw_client, ready_task
from tests.api.test_annotations import recorded_put
from tests.api.test_models import recorded_body
from tests.api.test_task_editing import create
from tests.api.test_transfers import wait_status


def test_raw_job_answers_match_recorded_shapes(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    task = ready_task(fresh_sandbox, tmp_path)
    job = task.jobs[0].id
    sent = msgspec.to_builtins(recorded_put(task))
    with raw_client(fresh_sandbox, "demo") as http:
        put = http.put(f"jobs/{job}/annotations", json=sent)
        got = http.get(f"jobs/{job}/annotations")
    recorded_put_answer = msgspec.json.decode(recorded_body("28_job_annotations_put.txt"))
    recorded_get_answer = msgspec.json.decode(recorded_body("29_job_annotations_get.txt"))
    assert put.status_code == got.status_code == 200
    for ours, theirs in ((put.json(), recorded_put_answer), (got.json(), recorded_get_answer)):
        assert list(ours) == list(theirs)  # version, tags, shapes, tracks
        for shape, recorded in zip(ours["shapes"], theirs["shapes"], strict=True):
            assert list(shape) == list(recorded)  # the same keys in the same order
            assert shape["points"] == recorded["points"] and len(shape["attributes"]) == len(recorded["attributes"])


def test_create_answers_201_with_location(fresh_sandbox: SandboxServer) -> None:
    with raw_client(fresh_sandbox, "alice") as http:
        response = http.post("tasks", json={"name": "raw", "labels": [{"name": "dog", "attributes": []}]})
    assert response.status_code == 201
    assert response.headers["location"] == response.json()["url"]
    assert response.json()["overlap"] is None and "size" not in response.json()


def test_patch_ignores_write_once_fields(fresh_sandbox: SandboxServer) -> None:
    task = create(fresh_sandbox, "demo", segment_size=5)
    with raw_client(fresh_sandbox, "demo") as http:
        response = http.patch(f"tasks/{task.id}", json={"segment_size": 99, "overlap": 3, "name": "n"})
        put_without_labels = http.put(f"tasks/{task.id}", json={"name": "n"})
    assert response.status_code == 200
    assert (response.json()["segment_size"], response.json()["overlap"], response.json()["name"]) == (5, None, "n")
    assert put_without_labels.json() == {"labels": ["This field is required."]}


def test_export_flow_over_raw_http(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    task = ready_task(fresh_sandbox, tmp_path, count=3)
    worker = fresh_sandbox.state.worker
    url = f"tasks/{task.id}/annotations"
    query = {"format": "CVAT for images 1.1"}
    with raw_client(fresh_sandbox, "demo") as http:
        worker.pause()
        first = http.get(url, params=query)
        assert (first.status_code, first.content, first.headers.get("content-type")) == (202, b"", None)
        assert http.get(url, params={**query, "action": "download"}).status_code == 202  # not ready yet
        worker.resume()
        ready = wait_status(http, url, query, 201)
        assert ready.content == b""
        download = http.get(url, params={**query, "action": "download"})
        assert download.status_code == 200 and download.headers["content-type"] == "application/zip"
        stamp = task.updated_date.strftime("%Y_%m_%d_%H_%M_%S")
        name = f"task_ref task-{stamp}-cvat for images 1.1.zip"
        assert download.headers["content-disposition"] == (
            f"attachment; filename=\"b'{name}'\"; filename*=UTF-8''{name.replace(' ', '%20')}"
        )
        assert zipfile.ZipFile(io.BytesIO(download.content)).namelist() == ["annotations.xml"]
        assert http.get(url, params=query).status_code == 202  # the download consumed the result
        named = wait_status(http, url, {**query, "filename": "My Export.ZIP"}, 201)
        assert named.status_code == 201
        renamed = http.get(url, params={**query, "filename": "My Export.ZIP", "action": "download"})
        assert "filename*=UTF-8''my%20export.zip" in renamed.headers["content-disposition"]
        unknown = http.get(url, params={"format": "Nope 1.0"})
        disabled = http.get(url, params={"format": "TFRecord 1.0"})
        action = http.get(url, params={**query, "action": "fetch"})
        no_format = http.get(f"tasks/{task.id}/dataset")
    assert (unknown.status_code, unknown.json()) == (400, ["Unknown format specified for the request"])
    assert (disabled.status_code, disabled.content) == (405, b"")
    assert (action.status_code, action.json()) == (400, ["Unexpected action specified for the request"])
    assert no_format.json() == ["Unknown format specified for the request"]
