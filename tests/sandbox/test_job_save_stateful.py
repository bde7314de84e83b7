"""Two users saving one job of the sandbox through ``JobSaver``, over real HTTP, in random order (hypothesis,
stateful): each edits a copy at random and saves; conflicts come back as ``NeedsDecision`` (exactly those of the
three-way merge, nothing sent) and are decided one way; sometimes the other user's save lands between the read and
the writes. After every save the server holds exactly the merge of §4.5 — or, when someone wrote in between, both
writes in order — the requests sent are exactly the merge's (only what changed), the saved document is what the
server holds (ids included), and nothing is lost or created twice."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

import httpx
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule, run_state_machine_as_test

from annodesk.annotations import BOTH, MINE, THEIRS, Annotations, LabelSet, changes, merge
from annodesk.annotations.identity import identified
from annodesk.api import CvatClient
from annodesk.sandbox import SandboxServer
from annodesk.session.job_save import JobSaver, NeedsDecision, Saved

from ..annotations.merge_support import OPERATIONS, ServerModel, Vocabulary, assert_server_holds, canonical, edit
from ..annotations.merge_support import random_objects as random_body
from ..api.helpers import raw_client, sign_in
from .annotation_helpers import Job, make_job
from .save_support import Recorder

T = TypeVar("T")
KINDS = ("tags", "shapes", "tracks")
STEP = st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 2), st.integers(0, 20), st.integers(0, 10**6))
CHOICE = st.sampled_from([MINE, THEIRS, BOTH])


def ids(document: dict[str, Any]) -> set[tuple[str, int]]:
    return {(kind, item["id"]) for kind in KINDS for item in document[kind]}


def counts(requests: Any) -> list[tuple[str, int]]:
    return [(action, sum(len(body[kind]) for kind in KINDS)) for action, body in requests.nonempty()]


class TwoUsersThroughJobSaver(RuleBasedStateMachine):
    def __init__(
        self, server: SandboxServer, http: httpx.Client, job: Job, client: CvatClient, recorder: Recorder, loop: Any
    ) -> None:
        super().__init__()
        self.server, self.http, self.job, self.client, self.recorder = server, http, job, client, recorder
        self.loop = loop
        self.labels = LabelSet.from_json(job.labels)
        self.vocabulary = Vocabulary.from_labels(job.labels)

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(coroutine)  # type: ignore[no-any-return]

    def read(self) -> dict[str, Any]:
        response = self.http.get(self.job.path)
        assert response.status_code == 200
        return response.json()

    def reload(self, document: dict[str, Any]) -> None:
        """Both users start again from the server's copy."""
        loaded = Annotations.from_json(document)
        self.savers = [JobSaver(self.client, self.job.id, self.labels, loaded) for _ in range(2)]
        self.local = [loaded, loaded]

    @initialize(seed=st.integers(0, 10**6))
    def start(self, seed: int) -> None:
        response = self.http.put(self.job.path, json=random_body(seed, 6, self.vocabulary))
        assert response.status_code == 200, response.text
        self.reload(self.read())

    @rule(user=st.integers(0, 1), steps=st.lists(STEP, min_size=1, max_size=6))
    def user_edits(self, user: int, steps: list[tuple[str, int, int, int]]) -> None:
        document = self.local[user].to_json()
        for step in steps:
            edit(document, *step, vocabulary=self.vocabulary)
        self.local[user] = identified(Annotations.from_json(document))

    @rule(first=st.integers(0, 1), choice=CHOICE, steps=st.lists(STEP, min_size=1, max_size=4))
    def both_edit_the_same_objects_then_save(
        self, first: int, choice: str, steps: list[tuple[str, int, int, int]]
    ) -> None:
        """Both users make the same kind of edit to the same objects, differently, then both save: the second one
        meets conflicts, mostly."""
        for user in (0, 1):
            self.user_edits(user, [(operation, kind, target, seed + user) for operation, kind, target, seed in steps])
        self.user_saves(first, choice, [])
        self.user_saves(1 - first, choice, [])

    def save(self, user: int, choice: str) -> tuple[Saved, Any]:
        """Save through the user's JobSaver, deciding every conflict ``choice``; the merge expected of it."""
        saver, local = self.savers[user], self.local[user]
        remote = self.read()
        expected = merge(saver.base, local, remote, self.labels)
        self.recorder.clear()
        outcome = self.run(saver.save(local))
        if expected.conflicts:
            assert isinstance(outcome, NeedsDecision)
            assert {c.token for c in outcome.result.conflicts} == {c.token for c in expected.conflicts}
            assert self.recorder.patches() == []  # nothing sent before the user decides
            outcome = self.run(saver.save(local, {c.token: choice for c in outcome.result.conflicts}))
            expected = expected.resolve_all(choice)
        assert isinstance(outcome, Saved), outcome
        sent = [(s.action, s.total) for s in self.recorder.patches()]
        assert sent == counts(expected.requests)  # only what changed, each object once
        return outcome, (remote, expected)

    @rule(user=st.integers(0, 1), choice=CHOICE, steps=st.lists(STEP, max_size=6))
    def user_saves(self, user: int, choice: str, steps: list[tuple[str, int, int, int]]) -> None:
        """The user edits a little more, then saves."""
        self.user_edits(user, steps)
        saved, (remote, expected) = self.save(user, choice)
        after = self.read()
        assert_server_holds(after, expected.merged, remote, self.job.labels)
        assert canonical(after, labels=self.job.labels) == canonical(saved.document, labels=self.job.labels)
        assert saved.version == after["version"]
        self.local[user] = saved.document

    @rule(user=st.integers(0, 1), choice=CHOICE, steps=st.lists(STEP, max_size=6))
    def other_saves_between_read_and_writes(
        self, user: int, choice: str, steps: list[tuple[str, int, int, int]]
    ) -> None:
        """The other user's save lands just before the user's first write."""
        self.user_edits(user, steps)
        other = 1 - user
        theirs = changes(self.savers[other].base, self.local[other], self.labels)
        for action, data in theirs.nonempty():
            self.server.second_user.before_next(self.job.id, action, data, method="PATCH")
        saved, (remote, expected) = self.save(user, choice)
        after = self.read()
        model = ServerModel(remote)
        if self.server.second_user.pending():  # the user had nothing to send: the other user's write never came
            self.server.second_user.clear()
            assert not expected.requests
        elif theirs:
            for action, data in theirs.nonempty():
                model.write(action, data)
            assert saved.merged  # the version moved by more than ours: the job was read again
        for action, data in expected.requests.nonempty():
            model.write(action, data)
        known = ids(remote)
        assert canonical(after, ids(after) - known, self.job.labels) == canonical(
            model.doc, ids(model.doc) - known, self.job.labels
        )
        assert canonical(after, labels=self.job.labels) == canonical(saved.document, labels=self.job.labels)
        self.reload(after)


def test_two_users_saving_through_job_saver_in_any_order(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    job = make_job(fresh_sandbox, tmp_path)
    loop = asyncio.new_event_loop()
    recorder = Recorder()
    client = loop.run_until_complete(sign_in(fresh_sandbox, "demo"))
    client.add_response_hook(recorder)
    try:
        with raw_client(fresh_sandbox, "demo") as http:
            run_state_machine_as_test(
                lambda: TwoUsersThroughJobSaver(fresh_sandbox, http, job, client, recorder, loop),
                settings=settings(max_examples=30, stateful_step_count=12),
            )
    finally:
        loop.run_until_complete(client.aclose())
        loop.close()
