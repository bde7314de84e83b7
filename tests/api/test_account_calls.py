"""The client's account calls against the sandbox: ``change_password`` and ``update_user``."""

from __future__ import annotations

import pytest

from annodesk.api import CvatClient, InvalidInput, PermissionDenied
from annodesk.sandbox import SandboxServer

from .helpers import PASSWORDS


async def test_change_password_keeps_the_token_and_refusals_carry_field_errors(fresh_sandbox: SandboxServer) -> None:
    async with CvatClient(fresh_sandbox.base_url) as client:
        token = await client.login("olga", PASSWORDS["olga"])
        with pytest.raises(InvalidInput) as refused:
            await client.change_password("wrong", "Granite-Owl-37", "Granite-Owl-37")
        assert refused.value.field_errors == {"old_password": ["Invalid password"]}
        assert await client.change_password(PASSWORDS["olga"], "Granite-Owl-37", "Granite-Owl-37") == (
            "New password has been saved."
        )
        assert client.token == token and (await client.current_user()).username == "olga"
    async with CvatClient(fresh_sandbox.base_url) as again:
        assert await again.login("olga", "Granite-Owl-37") == token


async def test_update_user_as_cvat_allows_it(fresh_sandbox: SandboxServer) -> None:
    async with CvatClient(fresh_sandbox.base_url) as client:
        await client.login("bob", PASSWORDS["bob"])
        me = await client.current_user()
        changed = await client.update_user(me.id, first_name="Robert")
        assert changed.first_name == "Robert" and changed.email == ""  # the basic serializer: no e-mail in it
        assert (await client.current_user()).email == me.email
        with pytest.raises(InvalidInput) as refused:
            await client.update_user(me.id, email="bob@elsewhere.example")
        assert refused.value.field_errors == {"non_field_errors": ["Got unknown fields: {'email'}"]}
        others = [user for user in await client.list_users() if user.id != me.id]
        with pytest.raises(PermissionDenied):
            await client.update_user(others[0].id, first_name="X")
