"""The create → upload → follow → discard flow (annodesk.session.task_creation) with no Qt, against the sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from annodesk.api import CvatError, NewLabel, NotFound
from annodesk.sandbox import SandboxServer
from annodesk.session.cache import OfflineCache
from annodesk.session.repository import Repository
from annodesk.session.task_creation import Step, TaskCreation
from annodesk.session.task_writes import DataOptions, NewTaskOptions, TaskWrites

from .helpers import make_images, run, sign_in


def test_a_task_is_created_uploaded_and_followed_step_by_step(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    async def main() -> None:
        async with await sign_in(fresh_sandbox, "demo") as client:
            flow = TaskCreation(TaskWrites(Repository(client, OfflineCache(tmp_path / "cache", "s", "demo"))))
            with pytest.raises(RuntimeError):
                await flow.upload([], DataOptions())  # no task yet: nothing to attach files to
            created = await flow.create("flow", [NewLabel("car")], NewTaskOptions())
            assert flow.step is Step.CREATED and flow.task == created
            sent: list[tuple[int, int]] = []
            await flow.upload(
                make_images(tmp_path / "img", 3), DataOptions(), lambda done, total: sent.append((done, total))
            )
            assert flow.step is Step.UPLOADED and sent and sent[-1][0] == sent[-1][1]
            states: list[str] = []
            ready = await flow.follow(lambda status: states.append(status.state), interval=0.05)
            assert ready.id == created.id and ready.size == 3 and states[-1] == "Finished"
            assert flow.step is Step.NEW and flow.task is None  # ready for another task

    run(main())


def test_discarding_deletes_the_created_task_and_starts_over(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    async def main() -> None:
        async with await sign_in(fresh_sandbox, "demo") as client:
            flow = TaskCreation(TaskWrites(Repository(client, OfflineCache(tmp_path / "cache", "s", "demo"))))
            created = await flow.create("to discard", [NewLabel("car")], NewTaskOptions())
            await flow.discard()
            assert flow.step is Step.NEW and flow.task is None
            with pytest.raises(NotFound):
                await client.get_task(created.id)
            with pytest.raises(CvatError):
                await flow.discard(created)  # already gone: said, and the flow stays at its start
            assert flow.step is Step.NEW

    run(main())
