"""Every failure becomes a typed error with a plain message: injected faults, timeouts, refused connections."""

from __future__ import annotations

import socket

import pytest

from annodesk.api import (
    CvatClient,
    CvatError,
    MalformedResponse,
    NotAuthenticated,
    NotCvatServer,
    NotFound,
    PermissionDenied,
    RequestTimeout,
    ServerError,
    ServerUnreachable,
)
from annodesk.sandbox import SandboxServer

from .helpers import run, sign_in


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        ("500", ServerError),
        ("502_html", ServerError),
        ("malformed_json", MalformedResponse),
        ("truncated_json", MalformedResponse),
        ("401", NotAuthenticated),
        ("403", PermissionDenied),
        ("404", NotFound),
    ],
)
def test_injected_fault_becomes_typed_error(fresh_sandbox: SandboxServer, fault: str, error: type[CvatError]) -> None:
    async def body() -> None:
        client = await sign_in(fresh_sandbox, "admin")
        async with client:
            fresh_sandbox.faults.add(fault, path=r"/api/v1/tasks$", times=1)
            with pytest.raises(error) as info:
                await client.list_tasks()
            assert info.value.message and "Traceback" not in info.value.message
            page = await client.list_tasks()  # the fault was one-off: the next call works
            assert page.count > 0

    run(body())


def test_html_page_where_json_expected_is_not_cvat(fresh_sandbox: SandboxServer) -> None:
    async def body() -> None:
        client = await sign_in(fresh_sandbox, "admin")
        async with client:
            fresh_sandbox.faults.add("502_html", path=r"/users/self$")
            with pytest.raises(ServerError, match="502"):
                await client.current_user()

    run(body())


def test_non_json_success_is_malformed(fresh_sandbox: SandboxServer) -> None:
    async def body() -> None:
        client = await sign_in(fresh_sandbox, "admin")
        async with client:
            fresh_sandbox.faults.add("malformed_json", path=r"/server/about$")
            with pytest.raises(MalformedResponse) as info:
                await client.server_about()
            assert not isinstance(info.value, NotCvatServer)
            assert "not valid JSON" in info.value.message

    run(body())


def test_hanging_server_times_out(fresh_sandbox: SandboxServer) -> None:
    async def body() -> None:
        client = await sign_in(fresh_sandbox, "admin", timeout=0.5)
        async with client:
            fresh_sandbox.faults.add("hang", path=r"/users/self$")
            with pytest.raises(RequestTimeout, match="did not answer in time"):
                await client.current_user()

    run(body())


def test_refused_connection_is_unreachable() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # The port is free again and nothing listens there.

    async def body() -> None:
        async with CvatClient(f"http://127.0.0.1:{port}") as client:
            await client.login("alice", "whatever")

    with pytest.raises(ServerUnreachable, match="Cannot reach"):
        run(body())


def test_stopped_server_is_unreachable(tmp_path) -> None:
    server = SandboxServer(tmp_path / "s", anon_throttle=0)
    server.start()

    async def body() -> None:
        client = await sign_in(server, "alice")
        async with client:
            server.stop()
            with pytest.raises(ServerUnreachable):
                await client.list_tasks()

    run(body())
