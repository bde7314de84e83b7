"""The projects controller with no widget, against a real sandbox over HTTP: pages with search, filters and
ordering; choosing a project filters the task controller's pages; create, rename, reassign, delete (its tasks go);
a refusal is said and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import qasync

from annodesk.api import NotFound
from annodesk.i18n import live
from annodesk.sandbox import SandboxServer
from annodesk.tasks.projects import ProjectsController
from tests.api.helpers import sign_in
from tests.api.test_task_editing import CAR

from .conftest import until
from .test_task_controller import record, signed_in


def test_pages_filters_and_choosing_a_project(
    loop: qasync.QEventLoop, sandbox: SandboxServer, cache_root: Path
) -> None:
    async def body() -> None:
        async with signed_in(sandbox, cache_root) as tasks:
            projects = ProjectsController(tasks)
            pages = record(projects.pageLoaded)
            names = record(projects.namesChanged)
            task_pages = record(tasks.pageLoaded)
            tasks.start()
            projects.start()
            await until(lambda: bool(pages) and bool(task_pages) and bool(names))
            assert projects.total == len(pages[0].value.results) == 2 and set(names[-1]) == {
                p.id for p in projects.projects
            }
            projects.sort_by("name")
            await until(lambda: len(pages) == 2)
            assert [p.name for p in projects.projects] == sorted(p.name for p in projects.projects)
            projects.set_filters(owner="demo")
            await until(lambda: len(pages) == 3)
            assert [p.name for p in projects.projects] == ["Harbour & parking"]
            projects.set_filters()
            projects.set_search("zzz-no-such")
            await until(lambda: len(pages) == 4)
            assert projects.total == 0 and projects.projects == ()
            projects.set_search("")
            await until(lambda: len(pages) == 5)

            chosen = projects.projects[0]
            changes = record(projects.chosenChanged)
            projects.choose(chosen)
            await until(lambda: len(task_pages) == 2)
            shown = task_pages[-1].value.results
            assert shown and all(t.project_ref == chosen.id for t in shown) and tasks.page == 1
            assert tasks.total < task_pages[0].value.count
            projects.choose(chosen)  # the same: nothing reloads
            projects.choose(None)
            await until(lambda: len(task_pages) == 3)
            assert changes == [chosen, None] and task_pages[-1].value.count == task_pages[0].value.count

    loop.run_until_complete(body())


async def as_alice(server: SandboxServer, assignee: int) -> int:
    """A project of alice's (user group) with ``assignee``; its id."""
    client = await sign_in(server, "alice")
    async with client:
        return (await client.create_project("alice's", assignee=assignee)).id


def test_create_rename_reassign_delete_and_a_refusal(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, cache_root: Path
) -> None:
    async def body() -> None:
        async with signed_in(fresh_sandbox, cache_root, "demo") as tasks:
            projects = ProjectsController(tasks)
            pages = record(projects.pageLoaded)
            saved = record(projects.projectSaved)
            messages = record(tasks.message)
            projects.start()
            await until(lambda: bool(pages))
            users = {u.username: u.id for u in await tasks.repository.client.list_users()}
            created = await projects.create("Night shots", assignee=users["bob"])
            await until(lambda: len(pages) == 2)
            assert projects.projects[0] == created and created.assignee_id == users["bob"]
            assert live(messages[-1]) == f"Project #{created.id} “Night shots” created."
            renamed = await projects.update(created, name="Night shots 2", assignee=None)
            assert (renamed.name, renamed.assignee_id) == ("Night shots 2", None) and saved == [created, renamed]
            assert projects.projects[0] == renamed and projects.names()[created.id] == "Night shots 2"

            task = await tasks.repository.client.create_task("at night", [CAR], project=created.id)
            projects.choose(renamed)
            await until(lambda: tasks.project_id == created.id and not tasks.work.running("page"))
            deleted = record(projects.projectDeleted)
            assert await projects.delete(renamed)
            assert deleted == [created.id] and projects.chosen is None and tasks.project_id is None
            assert live(messages[-1]) == f"Project #{created.id} “Night shots 2” was deleted with its tasks."
            await until(lambda: len(pages) == 3)
            assert created.id not in {p.id for p in projects.projects}
            with pytest.raises(NotFound):
                await tasks.repository.client.get_task(task.id)

            alices = await as_alice(fresh_sandbox, users["demo"])  # demo is its assignee: may rename, may not delete
            projects.refresh()
            await until(lambda: len(pages) == 4)
            mine_to_change = next(p for p in projects.projects if p.id == alices)
            changed = await projects.update(mine_to_change, name="renamed by demo")
            assert changed.name == "renamed by demo" and projects.projects[0] == changed
            assert not await projects.delete(changed)
            assert live(messages[-1]).startswith(f"Project #{alices} “renamed by demo” was not deleted.")
            assert deleted == [created.id] and alices in projects.names()

    loop.run_until_complete(body())
