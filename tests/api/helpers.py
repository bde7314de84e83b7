"""Helpers for client tests: signed-in clients against a sandbox server over real HTTP."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path
from typing import Any, TypeVar

import httpx
from PIL import Image

from annodesk.api import CvatClient, NewAttribute, NewLabel
from annodesk.sandbox import SandboxServer
from annodesk.sandbox.seed import SAMPLE_USERS

T = TypeVar("T")
PASSWORDS = {user[0]: user[1] for user in SAMPLE_USERS}


def run(coro: Awaitable[T]) -> T:
    """Run one async test body to completion."""
    return asyncio.run(coro)  # type: ignore[arg-type]


async def sign_in(server: SandboxServer, username: str, **kwargs: Any) -> CvatClient:
    """A client of ``server`` signed in as a sample user."""
    client = CvatClient(server.base_url, **kwargs)
    await client.login(username, PASSWORDS[username])
    return client


def as_user(server: SandboxServer, username: str, body: Callable[[CvatClient], Awaitable[T]]) -> T:
    """Run ``body(client)`` with a client signed in as ``username``, closing it afterwards."""

    async def main() -> T:
        client = await sign_in(server, username)
        async with client:
            return await body(client)

    return run(main())


def raw_get(server: SandboxServer, token: str, path: str, **params: Any) -> Any:
    """The server's raw JSON for ``path``, fetched without the client library (for comparisons)."""
    response = httpx.get(
        f"{server.base_url}/api/v1/{path}",
        params=params,
        headers={"Authorization": f"Token {token}", "Accept": "application/json"},
    )
    response.raise_for_status()
    return response.json()


def user_ids(server: SandboxServer) -> dict[str, int]:
    """Sample users' ids by username."""
    users = as_user(server, "admin", lambda c: c.list_users())
    return {user.username: user.id for user in users}


def raw_client(server: SandboxServer, username: str) -> httpx.Client:
    """A plain httpx client with a sample user's token and no cookies (to see status codes and raw bodies)."""

    async def token() -> str:
        client = await sign_in(server, username)
        async with client:
            return client.token or ""

    key = run(token())
    client = httpx.Client(
        base_url=f"{server.base_url}/api/v1/",
        headers={"Authorization": f"Token {key}", "Accept": "application/json"},
        cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
        timeout=30,
    )
    return client


def make_images(folder: Path, count: int, *, size: tuple[int, int] = (64, 48), fmt: str = "PNG") -> list[Path]:
    """``count`` small distinct images ``img_00.png``…, one colour each."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"img_{index:02d}.{fmt.lower()}"
        Image.new("RGB", size, (index * 20 % 256, 120, 200 - index * 10 % 200)).save(path, fmt)
        paths.append(path)
    return paths


def recorded_labels() -> list[NewLabel]:
    """The labels of the recorded CVAT task 1 (car: select + checkbox; person: radio, number, text)."""
    return [
        NewLabel(
            "car",
            attributes=(
                NewAttribute("color", "select", default_value="red", values=("red", "blue", "green")),
                NewAttribute("parked", "checkbox", mutable=True, default_value="false", values=("false",)),
            ),
        ),
        NewLabel(
            "person",
            attributes=(
                NewAttribute("gender", "radio", default_value="female", values=("female", "male")),
                NewAttribute("age", "number", default_value="30", values=("0", "100", "1")),
                NewAttribute("note", "text", mutable=True, default_value="", values=("",)),
            ),
        ),
    ]


def ready_task(
    server: SandboxServer,
    folder: Path,
    *,
    username: str = "demo",
    count: int = 10,
    segment_size: int = 3,
    size: tuple[int, int] = (320, 240),
    **kwargs: Any,
) -> Any:
    """A task with the recorded labels and ``count`` uploaded images, processed (like recorded task 1)."""

    async def body(client: CvatClient) -> Any:
        task = await client.create_task("ref task", recorded_labels(), segment_size=segment_size, **kwargs)
        await client.upload_task_data(task.id, make_images(folder, count, size=size))
        await client.wait_for_task_data(task.id, interval=0.02)
        return await client.get_task(task.id)

    return as_user(server, username, body)
