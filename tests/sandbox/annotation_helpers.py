"""Helpers for job-level annotation tests over HTTP: a task with the recorded labels and its jobs, objects built
with its real label and attribute ids, and the three PATCH requests of a save."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from annodesk.annotations import Requests
from annodesk.sandbox import SandboxServer

from ..api.helpers import raw_client, ready_task


@dataclass
class Job:
    """A job of a fresh task (recorded labels: car with color (immutable select) and parked (mutable checkbox);
    person with gender, age (immutable) and note (mutable text)), with the task's labels JSON and ids by name."""

    id: int
    other_id: int
    task_id: int
    labels: list[dict[str, Any]]
    ids: dict[str, int]

    @property
    def path(self) -> str:
        return f"jobs/{self.id}/annotations"


def make_job(server: SandboxServer, folder: Path) -> Job:
    task = ready_task(server, folder, count=6, segment_size=3)
    with raw_client(server, "demo") as http:
        labels = http.get(f"tasks/{task.id}").json()["labels"]
    ids = {}
    for label in labels:
        ids[label["name"]] = label["id"]
        for attribute in label["attributes"]:
            ids[f"{label['name']}.{attribute['name']}"] = attribute["id"]
    jobs = [job.id for segment in task.segments for job in segment.jobs]
    return Job(jobs[0], jobs[1], task.id, labels, ids)


def rectangle(job: Job, points: list[float], frame: int = 0, **fields: Any) -> dict[str, Any]:
    return {
        "type": "rectangle",
        "occluded": False,
        "z_order": 0,
        "points": points,
        "frame": frame,
        "label_id": job.ids["car"],
        "group": 0,
        "source": "manual",
        "attributes": [{"spec_id": job.ids["car.color"], "value": "red"}],
        **fields,
    }


def car_track(job: Job, frames: list[int]) -> dict[str, Any]:
    return {
        "frame": frames[0],
        "label_id": job.ids["car"],
        "group": 0,
        "source": "manual",
        "attributes": [{"spec_id": job.ids["car.color"], "value": "blue"}],
        "shapes": [
            {
                "type": "rectangle",
                "occluded": False,
                "z_order": 0,
                "points": [10.0 * f, 10.0, 10.0 * f + 20, 30.0],
                "frame": f,
                "outside": False,
                "attributes": [{"spec_id": job.ids["car.parked"], "value": "false"}],
            }
            for f in frames
        ],
    }


def tag(job: Job, frame: int) -> dict[str, Any]:
    return {"frame": frame, "label_id": job.ids["person"], "group": 0, "source": "manual", "attributes": []}


def body(version: int = 0, **kinds: list[dict[str, Any]]) -> dict[str, Any]:
    return {"version": version, "tags": [], "shapes": [], "tracks": [], **kinds}


def patch(http: httpx.Client, job: Job, action: str, data: dict[str, Any]) -> httpx.Response:
    return http.patch(job.path, params={"action": action}, json=data)


def save(http: httpx.Client, job: Job, requests: Requests) -> list[dict[str, Any]]:
    """The three requests in order, as the web client sends them (even empty ones); their answers."""
    answers = []
    for action, data in requests:
        response = patch(http, job, action, data)
        assert response.status_code == 200, response.text
        answers.append(response.json())
    return answers
