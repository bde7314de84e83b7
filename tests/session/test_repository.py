"""The repository reads through the client and the offline cache answers when the network does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from annodesk.api import NetworkError, NotFound
from annodesk.sandbox import SandboxServer
from annodesk.session.cache import OfflineCache
from annodesk.session.repository import PageQuery, Repository
from tests.api.helpers import sign_in


async def test_pages_and_details_come_from_the_cache_once_the_server_is_gone(tmp_path: Path) -> None:
    with SandboxServer(tmp_path / "server", anon_throttle=0) as server:
        client = await sign_in(server, "admin", timeout=2.0)
        async with client:
            repository = Repository(client, OfflineCache(tmp_path / "cache", server.base_url, "admin"))
            page = await repository.tasks(PageQuery(page_size=5))
            assert page.live and page.error is None and page.value.results
            task = await repository.task(page.value.results[0].id)
            assert task.live
            server.stop()

            cached_page = await repository.tasks(PageQuery(page_size=5))
            assert not cached_page.live and isinstance(cached_page.error, NetworkError)
            assert cached_page.value.results == page.value.results
            elsewhere = await repository.tasks(PageQuery(page=2, page_size=5))  # never seen: the last page seen
            assert elsewhere.value.results == page.value.results and not elsewhere.live
            cached_task = await repository.task(task.value.id)
            assert cached_task.value == task.value and cached_task.saved_at is not None
            with pytest.raises(NetworkError):  # nothing cached for it: the network error, not a made-up answer
                await repository.task(99_999)


async def test_a_server_that_answers_with_an_error_is_not_offline(sandbox: SandboxServer, tmp_path: Path) -> None:
    client = await sign_in(sandbox, "admin")
    async with client:
        repository = Repository(client, OfflineCache(tmp_path / "cache", sandbox.base_url, "admin"))
        with pytest.raises(NotFound):
            await repository.task(99_999)
        assert repository.cache.get_task(99_999) is None
