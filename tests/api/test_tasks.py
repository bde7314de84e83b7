"""Task lists, paging, search, filters, ordering, details and permissions, over real HTTP."""

from __future__ import annotations

import io
from typing import Any

import msgspec
import pytest
from PIL import Image

from annodesk.api import CvatClient, NotFound, PermissionDenied, Task
from annodesk.sandbox import SandboxServer

from .helpers import as_user, raw_get, run, sign_in


def all_tasks_raw(server: SandboxServer) -> list[dict[str, Any]]:
    """Every task as the admin sees it, straight from the server's JSON."""

    async def token() -> str:
        client = await sign_in(server, "admin")
        async with client:
            return client.token or ""

    return raw_get(server, run(token()), "tasks", page_size="all")["results"]


def user_ids(server: SandboxServer) -> dict[str, int]:
    users = as_user(server, "admin", lambda c: c.list_users())
    return {user.username: user.id for user in users}


def test_first_page_is_newest_ten(sandbox: SandboxServer) -> None:
    page = as_user(sandbox, "admin", lambda c: c.list_tasks())
    everything = all_tasks_raw(sandbox)
    assert page.count == len(everything) >= 15
    assert [t.id for t in page.results] == sorted((t["id"] for t in everything), reverse=True)[:10]
    assert page.page == 1 and page.page_size == 10 and page.page_count == -(-page.count // 10)
    assert page.previous is None and page.next is not None


def test_list_matches_server_json_exactly(sandbox: SandboxServer) -> None:
    page = as_user(sandbox, "admin", lambda c: c.list_tasks(page=1, page_size=5))
    raw = {t["id"]: t for t in all_tasks_raw(sandbox)}
    for task in page.results:
        assert msgspec.json.decode(msgspec.json.encode(raw[task.id]), type=Task) == task


def test_paging_reaches_every_task_once(sandbox: SandboxServer) -> None:
    async def pages(client: CvatClient) -> list[int]:
        first = await client.list_tasks(page=1, page_size=4)
        ids = [t.id for t in first.results]
        for number in range(2, first.page_count + 1):
            page = await client.list_tasks(page=number, page_size=4)
            ids += [t.id for t in page.results]
        last = await client.list_tasks(page=first.page_count, page_size=4)
        assert last.next is None and 1 <= len(last.results) <= 4
        with pytest.raises(NotFound, match="Invalid page"):
            await client.list_tasks(page=first.page_count + 1, page_size=4)
        return ids

    ids = as_user(sandbox, "admin", pages)
    assert len(ids) == len(set(ids)) == len(all_tasks_raw(sandbox))


def test_page_size_has_no_cap(sandbox: SandboxServer) -> None:
    page = as_user(sandbox, "admin", lambda c: c.list_tasks(page_size=1000))
    assert len(page.results) == page.count and page.next is None


@pytest.mark.parametrize(("page_size", "concurrency"), [(3, 2), (4, 6), (100, 1)])
def test_iter_all_tasks_preserves_order(sandbox: SandboxServer, page_size: int, concurrency: int) -> None:
    async def collect(client: CvatClient) -> list[int]:
        return [task.id async for task in client.iter_all_tasks(page_size=page_size, concurrency=concurrency)]

    ids = as_user(sandbox, "admin", collect)
    assert ids == sorted((t["id"] for t in all_tasks_raw(sandbox)), reverse=True)


def test_iter_all_tasks_follows_ordering(sandbox: SandboxServer) -> None:
    async def collect(client: CvatClient) -> list[str]:
        return [task.name async for task in client.iter_all_tasks(page_size=4, ordering="name")]

    names = as_user(sandbox, "admin", collect)
    assert names == sorted(names) and len(names) == len(all_tasks_raw(sandbox))


def test_search_matches_every_term(sandbox: SandboxServer) -> None:
    everything = all_tasks_raw(sandbox)
    owners = {v: k for k, v in user_ids(sandbox).items()}
    chinese = next(t["name"] for t in everything if any("\u4e00" <= ch <= "\u9fff" for ch in t["name"]))
    term = next(ch for ch in chinese if "\u4e00" <= ch <= "\u9fff")

    for search in (term, "annotation", f"{term} annotation"):
        page = as_user(sandbox, "admin", lambda c, s=search: c.list_tasks(page_size=100, search=s))
        expected = {
            t["id"]
            for t in everything
            if all(
                any(word.lower() in field.lower() for field in (t["name"], owners[t["owner"]], t["mode"], t["status"]))
                for word in search.split()
            )
        }
        assert {t.id for t in page.results} == expected
        assert expected


def test_filters_and_ordering(sandbox: SandboxServer) -> None:
    ids = user_ids(sandbox)
    everything = all_tasks_raw(sandbox)

    by_owner = as_user(sandbox, "admin", lambda c: c.list_tasks(page_size=100, owner="alice"))
    assert {t.id for t in by_owner.results} == {t["id"] for t in everything if t["owner"] == ids["alice"]}

    by_status = as_user(sandbox, "admin", lambda c: c.list_tasks(page_size=100, status="completed"))
    assert all(t.status == "completed" for t in by_status.results)
    assert by_status.count == sum(t["status"] == "completed" for t in everything)

    one = as_user(sandbox, "admin", lambda c: c.list_tasks(id=everything[0]["id"]))
    assert [t.id for t in one.results] == [everything[0]["id"]]

    by_name = as_user(sandbox, "admin", lambda c: c.list_tasks(page_size=100, ordering="-name"))
    assert [t.name for t in by_name.results] == sorted((t["name"] for t in everything), reverse=True)

    by_two = as_user(sandbox, "admin", lambda c: c.list_tasks(page_size=100, ordering=["status", "-id"]))
    keys = [(t.status, -t.id) for t in by_two.results]
    assert keys == sorted(keys)


def visible_to(username: str, everything: list[dict[str, Any]], ids: dict[str, int]) -> set[int]:
    """The contract's list rule: own, assignee, job assignee, or unassigned tasks."""
    me = ids[username]
    return {
        t["id"]
        for t in everything
        if t["owner"] == me
        or t["assignee"] in (me, None)
        or any(job["assignee"] == me for segment in t["segments"] for job in segment["jobs"])
    }


@pytest.mark.parametrize("username", ["admin", "olga", "demo", "bob", "zhangwei", "guest"])
def test_list_visibility_per_group(sandbox: SandboxServer, username: str) -> None:
    everything = all_tasks_raw(sandbox)
    ids = user_ids(sandbox)
    page = as_user(sandbox, username, lambda c: c.list_tasks(page_size=1000))
    seen = {t.id for t in page.results}
    if username in ("admin", "olga"):
        assert seen == {t["id"] for t in everything}
    else:
        assert seen == visible_to(username, everything, ids)
        assert seen != {t["id"] for t in everything}, "the sample data should hide something from everyone"


def test_forbidden_task_is_403_missing_is_404(sandbox: SandboxServer) -> None:
    everything = all_tasks_raw(sandbox)
    ids = user_ids(sandbox)
    hidden = sorted({t["id"] for t in everything} - visible_to("guest", everything, ids))

    async def body(client: CvatClient) -> None:
        with pytest.raises(PermissionDenied):
            await client.get_task(hidden[0])
        with pytest.raises(NotFound):
            await client.get_task(99999)

    as_user(sandbox, "guest", body)


def test_task_details_and_jobs(sandbox: SandboxServer) -> None:
    everything = all_tasks_raw(sandbox)
    raw = next(t for t in everything if len(t["segments"]) > 1)

    async def body(client: CvatClient) -> None:
        task = await client.get_task(raw["id"])
        assert task == msgspec.convert(raw, Task)
        jobs = await client.task_jobs(raw["id"])
        assert [j.id for j in jobs] == sorted(j.id for j in task.jobs)
        for ref in task.jobs:
            job = await client.get_job(ref.id)
            assert (job.task_id, job.status, job.assignee_id) == (task.id, ref.status, ref.assignee_id)
            segment = next(s for s in task.segments if ref in s.jobs)
            assert (job.start_frame, job.stop_frame) == (segment.start_frame, segment.stop_frame)

    as_user(sandbox, "admin", body)


def test_task_without_data(sandbox: SandboxServer) -> None:
    raw = next(t for t in all_tasks_raw(sandbox) if "size" not in t)
    task = as_user(sandbox, "admin", lambda c: c.get_task(raw["id"]))
    assert not task.has_data and task.mode == "" and task.segments == ()


def test_data_meta_and_preview(sandbox: SandboxServer) -> None:
    raw = next(t for t in all_tasks_raw(sandbox) if t.get("size"))

    async def body(client: CvatClient) -> tuple[Any, bytes]:
        return await client.task_data_meta(raw["id"]), await client.task_preview(raw["id"])

    meta, preview = as_user(sandbox, "admin", body)
    assert meta.size == raw["size"] and meta.image_quality == raw["image_quality"]
    assert meta.stop_frame == raw["size"] - 1 and meta.frames
    image = Image.open(io.BytesIO(preview))
    assert image.format == "JPEG" and max(image.size) <= 256


def test_server_about(sandbox: SandboxServer) -> None:
    about = as_user(sandbox, "guest", lambda c: c.server_about())
    assert about.version == "1.1" and about.version_tuple == (1, 1)
    assert about.name == "Computer Vision Annotation Tool"


def test_listed_tasks_share_their_repeated_strings(sandbox: SandboxServer) -> None:
    """Lean models: equal label/attribute/status strings of different tasks are one object (memory per task)."""
    page = as_user(sandbox, "admin", lambda c: c.list_tasks(page_size=100))
    raw = {t["id"]: t for t in all_tasks_raw(sandbox)}
    for task in page.results:  # still exactly what the server sent
        assert msgspec.json.decode(msgspec.json.encode(raw[task.id]), type=Task) == task
    statuses = {id(job.status) for task in page.results for job in task.jobs if job.status == "annotation"}
    attributes = [a for task in page.results for label in task.labels for a in label.attributes]
    assert len(statuses) == 1
    by_values: dict[tuple[str, ...], set[int]] = {}
    for attribute in attributes:
        by_values.setdefault(attribute.values, set()).add(id(attribute.values))
    assert all(len(objects) == 1 for objects in by_values.values())
    assert len({id(a.input_type) for a in attributes if a.input_type == "select"}) <= 1
