"""Shared helpers for the sandbox hardening tests: raw HTTP against a real sandbox on 127.0.0.1."""

from __future__ import annotations

import httpx

from annodesk.sandbox import SandboxServer
from annodesk.sandbox.seed import SAMPLE_USERS

PASSWORDS = {user[0]: user[1] for user in SAMPLE_USERS}


def token(server: SandboxServer, username: str) -> str:
    """A sample user's API token, from ``auth/login``."""
    response = httpx.post(
        f"{server.base_url}/api/v1/auth/login", json={"username": username, "password": PASSWORDS[username]}
    )
    response.raise_for_status()
    return str(response.json()["key"])


def api(server: SandboxServer, username: str | None = None, **kwargs: object) -> httpx.Client:
    """A cookie-less httpx client on ``/api/v1/`` (with the user's token when ``username`` is given)."""
    headers = {"Accept": "application/json"}
    if username is not None:
        headers["Authorization"] = f"Token {token(server, username)}"
    return httpx.Client(base_url=f"{server.base_url}/api/v1/", headers=headers, timeout=60, **kwargs)  # type: ignore[arg-type]
