"""Sign-in, registration, sign-out and tokens, over real HTTP against the sandbox."""

from __future__ import annotations

import logging
import re

import msgspec
import pytest

from annodesk.api import (
    BadCredentials,
    CvatClient,
    InvalidInput,
    NotAuthenticated,
    NotCvatServer,
    RateLimited,
    User,
)
from annodesk.sandbox import SandboxServer

from .helpers import PASSWORDS, run, sign_in


async def test_login_returns_token_and_current_user(sandbox: SandboxServer) -> None:
    async with CvatClient(sandbox.base_url) as client:
        token = await client.login("alice", PASSWORDS["alice"])
        assert re.fullmatch(r"[0-9a-f]{40}", token)
        assert client.token == token
        user = await client.current_user()
        assert user.username == "alice" and "user" in user.groups
        # The same token works from a fresh client: the offline reuse case.
    async with CvatClient(sandbox.base_url, token) as again:
        assert (await again.current_user()).id == user.id


async def test_login_is_case_insensitive_for_username(sandbox: SandboxServer) -> None:
    async with CvatClient(sandbox.base_url) as client:
        await client.login("ALICE", PASSWORDS["alice"])
        assert (await client.current_user()).username == "alice"


def test_wrong_password_is_bad_credentials(sandbox: SandboxServer) -> None:
    async def body() -> None:
        async with CvatClient(sandbox.base_url) as client:
            await client.login("alice", "not-her-password")

    with pytest.raises(BadCredentials) as info:
        run(body())
    assert info.value.message == "Unable to log in with provided credentials."
    assert info.value.field_errors == {"non_field_errors": ["Unable to log in with provided credentials."]}


def test_bad_token_is_not_authenticated(sandbox: SandboxServer) -> None:
    async def body() -> None:
        async with CvatClient(sandbox.base_url, "0" * 40) as client:
            await client.current_user()

    with pytest.raises(NotAuthenticated, match="Invalid token"):
        run(body())


def test_client_keeps_no_cookies(sandbox: SandboxServer) -> None:
    """CVAT sets session cookies on token requests; a token-only client must not keep them."""

    async def body() -> int:
        client = await sign_in(sandbox, "alice")
        async with client:
            await client.current_user()
            await client.list_tasks()
            client.token = None
            with pytest.raises(NotAuthenticated):
                await client.current_user()
            return len(client._http.cookies.jar)

    assert run(body()) == 0


async def test_logout_revokes_token_everywhere(fresh_sandbox: SandboxServer) -> None:
    desktop = await sign_in(fresh_sandbox, "bob")
    web = await sign_in(fresh_sandbox, "bob")
    assert desktop.token == web.token  # one token per user, shared by every client
    async with desktop, web:
        await web.logout()
        assert web.token is None
        with pytest.raises(NotAuthenticated):
            await desktop.current_user()
        await desktop.logout()  # already revoked: still a clean sign-out
        assert desktop.token is None


async def test_register_then_login(fresh_sandbox: SandboxServer) -> None:
    async with CvatClient(fresh_sandbox.base_url) as client:
        created = await client.register("newcomer", "New", "", "new@example.com", "Sunny#Day-42", "Sunny#Day-42")
        assert created.username == "newcomer" and created.last_name == ""
        assert client.token is None
        await client.login("newcomer", "Sunny#Day-42")
        me = await client.current_user()
        assert me.first_name == "New" and me.groups == ()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"username": "Alice"}, "username", "A user with that username already exists."),
        ({"username": "bad name!"}, "username", "Usernames can only contain letters, digits and @/./+/-/_."),
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        (
            {"password1": "abc", "password2": "abc"},
            "password1",
            "Password must be a minimum of 6 characters.",
        ),
        (
            {"password1": "12345678", "password2": "12345678"},
            "password1",
            "This password is entirely numeric.",
        ),
        ({"password2": "Other#Pass-99"}, "non_field_errors", "The two password fields didn't match."),
    ],
)
def test_register_field_errors(sandbox: SandboxServer, fields: dict[str, str], field: str, message: str) -> None:
    values = {
        "username": "someone",
        "first_name": "Some",
        "last_name": "One",
        "email": "some@example.com",
        "password1": "Sunny#Day-42",
        "password2": "Sunny#Day-42",
    }
    values.update(fields)

    async def body() -> None:
        async with CvatClient(sandbox.base_url) as client:
            await client.register(**values)

    with pytest.raises(InvalidInput) as info:
        run(body())
    assert message in info.value.field_errors[field]


def test_anonymous_throttle_is_rate_limited(tmp_path) -> None:
    async def body() -> None:
        async with CvatClient(server.base_url) as client:
            for _ in range(4):
                with pytest.raises(BadCredentials):
                    await client.login("alice", "wrong-password")
            await client.login("alice", "wrong-password")

    with SandboxServer(tmp_path / "s", anon_throttle=4) as server, pytest.raises(RateLimited) as info:
        run(body())
    assert info.value.retry_after is not None and info.value.retry_after > 0


def test_login_against_a_non_cvat_server_says_so(sandbox: SandboxServer) -> None:
    async def body() -> None:
        # The sandbox answers unknown paths with Django's HTML 404, like any non-CVAT site would.
        async with CvatClient(sandbox.base_url + "/not-cvat") as client:
            await client.login("alice", PASSWORDS["alice"])

    with pytest.raises(NotCvatServer):
        run(body())


def test_debug_log_never_contains_token_or_password(sandbox: SandboxServer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)

    async def body() -> str:
        client = await sign_in(sandbox, "alice")
        async with client:
            await client.current_user()
            await client.list_tasks()
            return client.token or ""

    token = run(body())
    assert any("users/self" in record.getMessage() for record in caplog.records)
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert token not in text and PASSWORDS["alice"] not in text
    assert "<redacted>" in text


def test_get_user_is_full_for_yourself_and_basic_for_others(sandbox: SandboxServer) -> None:
    async def body() -> tuple[User, User, User]:
        client = await sign_in(sandbox, "alice")
        async with client:
            me = await client.current_user()
            users = {user.username: user for user in await client.list_users()}
            return me, await client.get_user(me.id), await client.get_user(users["bob"].id)

    me, again, bob = run(body())
    # last_login moves on every token request (CVAT logs token requests in), so compare the rest.
    assert msgspec.structs.replace(again, last_login=None) == msgspec.structs.replace(me, last_login=None)
    assert me.email == "alice@example.com" and me.groups == ("user",)
    assert bob.username == "bob" and bob.first_name == "Bob"
    assert bob.email == "" and bob.groups == () and bob.date_joined is None  # basic serializer: no private fields
