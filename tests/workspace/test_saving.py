"""``JobSaving`` (the workspace's save, widget-free Qt) over a small SaveTarget double and a real client against the
sandbox: its signals in order, the target read-only while a save runs and marked saved after it, conflicts then
``resolve``, failures and refusals said plainly with the edits kept, "save and mark completed" sending only the
status, a second Ctrl+S while a save runs never starting a second save."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import qasync

from annodesk.annotations import MINE, Annotations, LabelSet
from annodesk.api import CvatClient
from annodesk.i18n import live
from annodesk.sandbox import SandboxServer
from annodesk.session.job_save import InFlight, JobSaver, NeedsDecision, Saved, SaveRefused
from annodesk.tasks.work import Work
from annodesk.workspace.problems import Problem
from annodesk.workspace.saving import JobSaving

from ..api.helpers import PASSWORDS
from ..qt_support import next_emission, wait_for
from ..sandbox.annotation_helpers import Job, body, make_job, patch, rectangle
from ..sandbox.helpers import api
from ..sandbox.save_support import loaded, moved, new_rectangle, server_json


@dataclass
class Target:
    """A SaveTarget double: the document, the saved copy, the read-only switch, and what ``mark_saved`` got."""

    document: Annotations
    saved: Annotations
    read_only: bool = False
    marked: list[tuple[Annotations, int]] = field(default_factory=list)

    def mark_saved(self, saved: Annotations, version: int) -> None:
        self.marked.append((saved, version))
        self.saved = self.document = saved


@dataclass
class Setup:
    server: SandboxServer
    job: Job
    http: httpx.Client  # plain and synchronous: usable inside the test's running loop


@pytest.fixture
def setup(fresh_sandbox: SandboxServer, tmp_path: Path, loop: qasync.QEventLoop) -> Iterator[Setup]:
    """A job with two saved rectangles (made before the test's qasync loop runs)."""
    job = make_job(fresh_sandbox, tmp_path)
    with api(fresh_sandbox, "demo") as http:
        shapes = [rectangle(job, [10.0 * i, 0, 10.0 * i + 5, 5], frame=0) for i in range(2)]
        assert patch(http, job, "create", body(shapes=shapes)).status_code == 200
        yield Setup(fresh_sandbox, job, http)


async def signed_in(server: SandboxServer, requests: list[httpx.Request] | None = None) -> CvatClient:
    client = CvatClient(server.base_url)
    await client.login("demo", PASSWORDS["demo"])
    if requests is not None:

        async def record(response: httpx.Response) -> None:
            requests.append(response.request)

        client.add_response_hook(record)
    return client


def document(setup: Setup) -> Annotations:
    return loaded(setup.http, setup.job)


def saving_of(client: CvatClient, setup: Setup, target: Target, work: Work, **kwargs: Any) -> JobSaving:
    saver = JobSaver(client, setup.job.id, LabelSet.from_json(setup.job.labels), target.saved)
    return JobSaving(saver, target, work, **kwargs)


class Signals:
    """Every emission of a JobSaving, in order, with the target's read-only flag at that moment."""

    def __init__(self, saving: JobSaving, target: Target) -> None:
        self.seen: list[tuple[str, Any, bool]] = []
        for name in ("started", "saved", "failed", "refused", "conflicts", "statusSaved", "inFlightChanged"):
            signal = getattr(saving, name)
            signal.connect(lambda *args, n=name: self.seen.append((n, args[0] if args else None, target.read_only)))

    def names(self) -> list[str]:
        return [name for name, _, _ in self.seen]


async def test_a_save_runs_read_only_then_marks_the_target_saved(setup: Setup) -> None:
    base = document(setup)
    local, _ = new_rectangle(setup.job, base, [50.0, 50.0, 60.0, 60.0])
    target = Target(local, base)
    client = await signed_in(setup.server)
    work = Work()
    async with client:
        saving = saving_of(client, setup, target, work)
        signals = Signals(saving, target)
        done = next_emission(saving.saved)
        saving.save()
        assert saving.running and target.read_only
        saved = await wait_for(done)
    assert isinstance(saved, Saved) and saved.created == 1
    assert signals.names() == ["started", "saved"]
    assert signals.seen[0][2] is True and signals.seen[1][2] is False  # read-only while it ran, not after
    assert target.marked == [(saved.document, saved.version)] and not saving.running
    assert len(server_json(setup.http, setup.job)["shapes"]) == 3


async def test_conflicts_are_offered_then_resolved(setup: Setup) -> None:
    base = document(setup)
    shape = server_json(setup.http, setup.job)["shapes"][0]
    setup.server.second_user.before_next(
        setup.job.id, "update", body(shapes=[{**shape, "points": [90.0, 90.0, 99.0, 99.0]}]), method="GET"
    )
    target = Target(moved(base, ("shapes", shape["id"])), base)
    client = await signed_in(setup.server)
    async with client:
        saving = saving_of(client, setup, target, Work())
        offered = next_emission(saving.conflicts)
        saving.save()
        result = await wait_for(offered)
        assert saving.pending is result and not target.read_only and target.marked == []
        saved = next_emission(saving.saved)
        saving.resolve({conflict.token: MINE for conflict in result.conflicts})
        outcome = await wait_for(saved)
    assert isinstance(outcome, Saved) and saving.pending is None
    points = {s["id"]: s["points"] for s in server_json(setup.http, setup.job)["shapes"]}
    assert points[shape["id"]] == [3.0, 3.0, 8.0, 8.0]


async def test_a_failed_save_keeps_the_edits_and_hands_over_what_is_in_flight(setup: Setup) -> None:
    base = document(setup)
    local, _ = new_rectangle(setup.job, base, [50.0, 50.0, 60.0, 60.0])
    target = Target(local, base)
    setup.server.faults.add("500", path=rf"/jobs/{setup.job.id}/annotations$", query="action=create", times=1)
    client = await signed_in(setup.server)
    async with client:
        saving = saving_of(client, setup, target, Work())
        signals = Signals(saving, target)
        failed = next_emission(saving.failed)
        saving.save()
        problem = await wait_for(failed)
        assert isinstance(problem, Problem)
        text = live(problem.text)
        assert "not saved" in text and "edits are kept" in text and "Server error" in text
        assert "checks what arrived first" in text  # a 500 may have written: the next save looks first
        assert target.document is local and target.marked == [] and not target.read_only
        [(_, in_flight, _)] = [entry for entry in signals.seen if entry[0] == "inFlightChanged"]
        assert isinstance(in_flight, InFlight) and saving.in_flight is in_flight
        json.dumps(in_flight.to_json())  # the journal can keep it
        retried = next_emission(saving.saved)
        saving.save()
        outcome = await wait_for(retried)
    assert isinstance(outcome, Saved) and saving.in_flight is None
    assert signals.names()[-2:] == ["inFlightChanged", "saved"]
    assert len(server_json(setup.http, setup.job)["shapes"]) == 3  # once


async def test_a_refusal_names_the_objects_and_keeps_the_edits(setup: Setup) -> None:
    base = document(setup)
    local, new_key = new_rectangle(setup.job, base, [50.0, 50.0, 60.0, 60.0])
    target = Target(local, base)
    setup.server.faults.add("403", path=rf"/jobs/{setup.job.id}/annotations$", query="action=create", times=1)
    client = await signed_in(setup.server)
    async with client:
        saving = saving_of(client, setup, target, Work())
        refused = next_emission(saving.refused)
        saving.save()
        problem = await wait_for(refused)
    assert isinstance(problem.error, SaveRefused) and problem.error.objects == (new_key,)
    text = live(problem.text)
    assert "a new shape" in text and "not allowed" in text and "edits are kept" in text
    assert target.document is local and target.marked == [] and saving.in_flight is None


async def test_save_and_mark_completed_sends_only_the_status_after_the_save(setup: Setup) -> None:
    base = document(setup)
    target = Target(moved(base, ("shapes", base.shapes[0].id)), base)
    requests: list[httpx.Request] = []
    client = await signed_in(setup.server, requests)
    async with client:
        writes: list[Any] = []

        async def mark() -> Any:
            response = await client.update_job(setup.job.id, status="completed")
            writes.append(response)
            return response

        saving = saving_of(client, setup, target, Work(), mark_completed=mark)
        status = next_emission(saving.statusSaved)
        saving.save(mark_completed=True)
        saving.save()  # a second Ctrl+S while the save runs: no second save
        job = await wait_for(status)
    assert job.status == "completed"
    writes_sent = [(r.method, r.url.path.rsplit("/api/v1/", 1)[1], r.url.params.get("action")) for r in requests]
    assert writes_sent == [
        ("GET", f"jobs/{setup.job.id}/annotations", None),
        ("PATCH", f"jobs/{setup.job.id}/annotations", "update"),
        ("PATCH", f"jobs/{setup.job.id}", None),
    ]
    assert json.loads(requests[-1].content) == {"status": "completed"}


async def test_needs_decision_sends_nothing(setup: Setup) -> None:
    base = document(setup)
    shape = server_json(setup.http, setup.job)["shapes"][0]
    setup.server.second_user.before_next(setup.job.id, "delete", body(shapes=[shape]), method="GET")
    requests: list[httpx.Request] = []
    client = await signed_in(setup.server, requests)
    async with client:
        saver = JobSaver(client, setup.job.id, LabelSet.from_json(setup.job.labels), base)
        outcome = await saver.save(moved(base, ("shapes", shape["id"])))
    assert isinstance(outcome, NeedsDecision)
    assert [r.method for r in requests] == ["GET"]
