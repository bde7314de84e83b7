"""Two users editing one job of the sandbox, over real HTTP, in random order (hypothesis, stateful): each edits a
copy, saves by reading the job again, merging three ways and resolving every conflict one way; sometimes the other
user's save lands between the read and the save (the second-user switch). After every save the server holds
exactly the merge — or, when someone wrote in between, exactly both writes in order, which the version shows."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import httpx
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule, run_state_machine_as_test

from annodesk.annotations import BOTH, MINE, THEIRS, changes, merge, version_check
from annodesk.sandbox import SandboxServer

from ..annotations.merge_support import (
    OPERATIONS,
    ServerModel,
    Vocabulary,
    assert_server_holds,
    canonical,
    edit,
    random_objects,
)
from ..api.helpers import raw_client
from .annotation_helpers import Job, make_job, save

KINDS = ("tags", "shapes", "tracks")


def ids(document: dict[str, Any]) -> set[tuple[str, int]]:
    return {(kind, item["id"]) for kind in KINDS for item in document[kind]}


STEP = st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 2), st.integers(0, 20), st.integers(0, 10**6))


class TwoUsersOverHttp(RuleBasedStateMachine):
    def __init__(self, server: SandboxServer, http: httpx.Client, job: Job) -> None:
        super().__init__()
        self.server, self.http, self.job = server, http, job
        self.vocabulary = Vocabulary.from_labels(job.labels)

    def read(self) -> dict[str, Any]:
        response = self.http.get(self.job.path)
        assert response.status_code == 200
        return response.json()

    def reload(self, document: dict[str, Any]) -> None:
        self.base = [copy.deepcopy(document) for _ in range(2)]
        self.local = [copy.deepcopy(document) for _ in range(2)]

    @initialize(seed=st.integers(0, 10**6))
    def start(self, seed: int) -> None:
        response = self.http.put(self.job.path, json=random_objects(seed, 6, self.vocabulary))
        assert response.status_code == 200, response.text
        self.reload(self.read())

    @rule(user=st.integers(0, 1), steps=st.lists(STEP, min_size=1, max_size=6))
    def user_edits(self, user: int, steps: list[tuple[str, int, int, int]]) -> None:
        for step in steps:
            edit(self.local[user], *step, vocabulary=self.vocabulary)

    @rule(user=st.integers(0, 1), choice=st.sampled_from([MINE, THEIRS, BOTH]), steps=st.lists(STEP, max_size=6))
    def user_saves(self, user: int, choice: str, steps: list[tuple[str, int, int, int]]) -> None:
        """The user edits a little more, then saves."""
        self.user_edits(user, steps)
        remote = self.read()
        result = merge(self.base[user], self.local[user], remote, self.job.labels).resolve_all(choice)
        answers = save(self.http, self.job, result.requests)
        assert version_check(remote["version"], 3, answers[-1]["version"]) == "expected"
        after = self.read()
        assert_server_holds(after, result.merged, remote, self.job.labels)
        self.base[user] = copy.deepcopy(after)
        self.local[user] = copy.deepcopy(after)

    @rule(user=st.integers(0, 1), choice=st.sampled_from([MINE, THEIRS, BOTH]), steps=st.lists(STEP, max_size=6))
    def other_saves_between_read_and_save(self, user: int, choice: str, steps: list[tuple[str, int, int, int]]) -> None:
        """The user edits a little more, then saves."""
        self.user_edits(user, steps)
        other = 1 - user
        remote = self.read()
        result = merge(self.base[user], self.local[user], remote, self.job.labels).resolve_all(choice)
        theirs = changes(self.base[other], self.local[other], self.job.labels)
        for action, data in theirs:
            self.server.second_user.before_next(self.job.id, action, data, query="action=create")
        answers = save(self.http, self.job, result.requests)
        assert self.server.second_user.pending() == 0
        assert version_check(remote["version"], 3, answers[-1]["version"]) == "moved"
        after = self.read()
        model = ServerModel(remote)
        model.apply(theirs)
        model.apply(result.requests)
        known = ids(remote)
        assert canonical(after, ids(after) - known, self.job.labels) == canonical(
            model.doc, ids(model.doc) - known, self.job.labels
        )
        self.reload(after)


def test_two_users_saving_in_any_order_over_http(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    job = make_job(fresh_sandbox, tmp_path)
    with raw_client(fresh_sandbox, "demo") as http:
        run_state_machine_as_test(
            lambda: TwoUsersOverHttp(fresh_sandbox, http, job),
            settings=settings(max_examples=25, stateful_step_count=12),
        )
