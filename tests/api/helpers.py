"""Helpers for client tests: signed-in clients against a sandbox server over real HTTP."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx

from annodesk.api import CvatClient
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
