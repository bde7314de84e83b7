"""Projects in the session layer: pages live then from the cache offline, writes through to the cache, a deleted
project's tasks gone from the cached task pages; a project's task page cached apart from all tasks."""

from __future__ import annotations

from pathlib import Path

import pytest

from annodesk.api import NetworkError
from annodesk.sandbox import SandboxServer
from annodesk.session.cache import OfflineCache
from annodesk.session.projects import ProjectQuery, ProjectsRepository, ProjectWrites
from annodesk.session.repository import PageQuery, Repository
from tests.api.helpers import sign_in
from tests.api.test_task_editing import CAR


async def test_pages_writes_and_the_offline_copy(tmp_path: Path) -> None:
    with SandboxServer(tmp_path / "server", anon_throttle=0) as server:
        client = await sign_in(server, "admin", timeout=2.0)
        async with client:
            bob = next(user.id for user in await client.list_users() if user.username == "bob")
            repository = Repository(client, OfflineCache(tmp_path / "cache", server.base_url, "admin"))
            projects = ProjectsRepository(repository)
            writes = ProjectWrites(projects)
            kept = await writes.create("Kept", bug_tracker="http://tracker.local/9")
            doomed = await writes.create("Doomed")
            inside = await client.create_task("inside doomed", [CAR], project=doomed.id)
            query = ProjectQuery(page_size=100, ordering="name")
            first = await projects.page(query)
            assert first.live and {kept.id, doomed.id} <= {p.id for p in first.value.results}
            names = [p.name for p in first.value.results]
            assert names == sorted(names)
            filtered = await projects.page(ProjectQuery(search="doom"))
            assert [p.id for p in filtered.value.results] == [doomed.id]
            all_tasks = await repository.tasks(PageQuery(page_size=100))
            own_tasks = await repository.tasks(PageQuery(page_size=100, project_id=doomed.id))
            assert [t.id for t in own_tasks.value.results] == [inside.id]
            assert inside.id in {t.id for t in all_tasks.value.results}

            renamed = await writes.update(kept.id, name="Kept 2", assignee=bob)
            assert (renamed.name, renamed.assignee_id) == ("Kept 2", bob)
            await writes.delete(doomed.id)
            server.stop()

            offline = await projects.page(query)
            assert not offline.live and isinstance(offline.error, NetworkError)
            shown = {p.id: p for p in offline.value.results}
            assert doomed.id not in shown and shown[kept.id] == renamed
            assert offline.value.count == first.value.count - 1
            cached_tasks = await repository.tasks(PageQuery(page_size=100))
            assert inside.id not in {t.id for t in cached_tasks.value.results}
            assert repository.cache.get_task(inside.id) is None
            never_seen = await projects.page(ProjectQuery(page=3, page_size=7))  # the last page seen: "doom"
            assert not never_seen.live and (never_seen.value.count, never_seen.value.results) == (0, ())
            with pytest.raises(NetworkError):  # a project's tasks never seen: not the other list's last page
                await repository.tasks(PageQuery(page_size=100, project_id=kept.id))
