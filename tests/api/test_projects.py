"""Projects through the client against the sandbox over real HTTP: list, search, filters, ordering, create,
rename, reassign, delete taking the tasks, a project's tasks, and each group's refusals (contract §7)."""

from __future__ import annotations

import pytest

from annodesk.api import CvatClient, InvalidInput, NotFound, PermissionDenied, Project
from annodesk.sandbox import SandboxServer

from .helpers import as_user, raw_get, run, sign_in, user_ids
from .test_task_editing import CAR


def test_list_pages_search_filters_and_ordering(fresh_sandbox: SandboxServer) -> None:
    async def body(client: CvatClient) -> None:
        names = ["Alpha streets", "beta quay", "Gamma fields"]
        made = [await client.create_project(name) for name in names]
        first = await client.list_projects(page_size=2)
        assert first.count >= 5 and len(first.results) == 2 and first.page_count >= 3
        assert [p.id for p in first.results] == [made[2].id, made[1].id]  # newest first
        assert [p.name for p in (await client.list_projects(search="QUAY")).results] == ["beta quay"]
        by_name = (await client.list_projects(page_size=100, ordering="-name")).results
        assert [p.name for p in by_name] == sorted((p.name for p in by_name), reverse=True)
        mine = (await client.list_projects(page_size=100, owner="admin")).results
        assert {p.id for p in made} <= {p.id for p in mine} and {p.owner_id for p in mine} == {made[0].owner_id}
        assert (await client.list_projects(id=made[1].id)).results == (made[1],)
        assert (await client.list_projects(status="validation")).count == 0
        with pytest.raises(ValueError):
            await client.list_projects(page=0)

    as_user(fresh_sandbox, "admin", body)


def test_create_rename_reassign_and_read_back(fresh_sandbox: SandboxServer) -> None:
    ids = user_ids(fresh_sandbox)

    async def body(client: CvatClient) -> tuple[Project, object]:
        created = await client.create_project("街道 Street scenes", bug_tracker="http://tracker.local/1")
        assert (created.owner_id, created.assignee_id, created.status) == (ids["demo"], None, "annotation")
        renamed = await client.update_project(created.id, name="Street scenes 2020")
        assigned = await client.update_project(created.id, assignee=ids["bob"])
        assert (renamed.name, assigned.name, assigned.assignee_id) == (
            "Street scenes 2020",
            "Street scenes 2020",
            ids["bob"],
        )
        assert (await client.update_project(created.id, assignee=None)).assignee_id is None
        assert await client.update_project(created.id) == await client.get_project(created.id)
        with pytest.raises(InvalidInput) as refused:
            await client.create_project("")
        assert "name" in refused.value.field_errors
        return created, client.token

    created, token = as_user(fresh_sandbox, "demo", body)
    raw = raw_get(fresh_sandbox, str(token), f"projects/{created.id}")
    assert (raw["name"], raw["assignee"], raw["bug_tracker"]) == ("Street scenes 2020", None, "http://tracker.local/1")


def test_a_projects_tasks_and_delete_taking_them(fresh_sandbox: SandboxServer) -> None:
    async def body(client: CvatClient) -> None:
        project = await client.create_project("Crossings")
        inside = await client.create_task("in the project", [CAR], project=project.id)
        outside = await client.create_task("elsewhere", [CAR])
        assert inside.project_ref == project.id and outside.project_ref is None
        assert [t.id for t in (await client.project_tasks(project.id)).results] == [inside.id]
        filtered = await client.list_tasks(project_id=project.id, search="project")
        assert [t.id for t in filtered.results] == [inside.id]
        await client.delete_project(project.id)
        with pytest.raises(NotFound):
            await client.get_task(inside.id)
        with pytest.raises(NotFound):
            await client.get_project(project.id)
        assert (await client.get_task(outside.id)).id == outside.id

    as_user(fresh_sandbox, "demo", body)


def test_refusals_per_group(fresh_sandbox: SandboxServer) -> None:
    ids = user_ids(fresh_sandbox)
    owned = as_user(fresh_sandbox, "demo", lambda c: c.create_project("demo's"))
    admins = as_user(fresh_sandbox, "admin", lambda c: c.create_project("admin's"))

    async def annotator(client: CvatClient) -> None:  # bob: annotator group
        with pytest.raises(PermissionDenied):
            await client.create_project("bob's")
        with pytest.raises(PermissionDenied):
            await client.update_project(owned.id, name="taken")
        with pytest.raises(PermissionDenied):
            await client.get_project(admins.id)
        assert owned.id not in {p.id for p in (await client.list_projects(page_size=100)).results}

    as_user(fresh_sandbox, "bob", annotator)

    async def owner(client: CvatClient) -> None:  # demo: user group, owner of one, nothing to do with the other
        await client.update_project(owned.id, assignee=ids["bob"])
        with pytest.raises(PermissionDenied):
            await client.update_project(admins.id, name="mine now")
        with pytest.raises(PermissionDenied):
            await client.delete_project(admins.id)

    as_user(fresh_sandbox, "demo", owner)

    async def assignee(client: CvatClient) -> None:  # bob, now its assignee: may rename, may not delete
        assert (await client.update_project(owned.id, name="bob renamed it")).name == "bob renamed it"
        assert owned.id in {p.id for p in (await client.list_projects(page_size=100)).results}
        with pytest.raises(PermissionDenied):
            await client.delete_project(owned.id)

    as_user(fresh_sandbox, "bob", assignee)

    async def admin(client: CvatClient) -> None:  # admin: everything
        assert (await client.update_project(owned.id, owner=ids["admin"])).owner_id == ids["admin"]
        await client.delete_project(owned.id)
        with pytest.raises(NotFound):
            await client.get_project(owned.id)

    as_user(fresh_sandbox, "admin", admin)


def test_a_v12_server_is_sent_id_keys(fresh_sandbox: SandboxServer) -> None:
    """On v1.2+ users are written as ``assignee_id``; the v1.1 sandbox ignores that unknown key."""

    async def body() -> None:
        client = await sign_in(fresh_sandbox, "demo")
        async with client:
            client._server_version = (1, 2)
            project = await client.create_project("v1.2", assignee=user_ids_cached["bob"])
            assert project.assignee_id is None

    user_ids_cached = user_ids(fresh_sandbox)
    run(body())
