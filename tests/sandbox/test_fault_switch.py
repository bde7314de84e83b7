"""The sandbox's test-only fault switch itself: refused connections, gates, query matching, test-only reach."""

from __future__ import annotations

import asyncio
import errno
import socket
import ssl

import httpx
import pytest
import trustme

from annodesk.api import CvatClient, RequestTimeout, ServerUnreachable
from annodesk.sandbox import SandboxServer
from annodesk.sandbox.cli import build_parser
from tests.api.helpers import run, sign_in


def connect_errno(port: int) -> int:
    """The errno of a plain TCP connect to 127.0.0.1:port (0 when it connects)."""
    with socket.socket() as probe:
        probe.settimeout(5)
        return probe.connect_ex(("127.0.0.1", port))


def test_refuse_is_a_refused_tcp_connection_until_cleared(fresh_sandbox: SandboxServer) -> None:
    port = fresh_sandbox.port
    assert connect_errno(port) == 0
    fresh_sandbox.faults.add("refuse")
    assert fresh_sandbox.faults.refusing
    assert connect_errno(port) == errno.ECONNREFUSED  # not an HTTP answer: the TCP handshake is refused

    async def refused() -> None:
        client = CvatClient(fresh_sandbox.base_url, timeout=5)
        async with client:
            with pytest.raises(ServerUnreachable, match="Cannot reach"):
                await client.login("alice", "alice-pass-2024")

    run(refused())
    fresh_sandbox.faults.clear()
    assert connect_errno(port) == 0 and fresh_sandbox.port == port

    async def back() -> None:
        client = await sign_in(fresh_sandbox, "alice")
        async with client:
            assert (await client.list_tasks()).count > 0

    run(back())


def test_refuse_drops_kept_alive_connections(fresh_sandbox: SandboxServer) -> None:
    async def body() -> None:
        client = await sign_in(fresh_sandbox, "alice")  # its connection stays open (keep-alive)
        async with client:
            await client.list_tasks()
            await asyncio.to_thread(fresh_sandbox.faults.add, "refuse")
            with pytest.raises(ServerUnreachable):
                await client.list_tasks()
            await asyncio.to_thread(fresh_sandbox.faults.clear)
            assert (await client.list_tasks()).count > 0

    run(body())


def test_refuse_takes_no_path() -> None:
    from annodesk.sandbox.faults import FaultPlan

    with pytest.raises(ValueError, match="whole server"):
        FaultPlan().add("refuse", path="tasks")
    with pytest.raises(ValueError, match="unknown fault"):
        FaultPlan().add("teapot")


def test_query_selects_which_requests_fail(fresh_sandbox: SandboxServer) -> None:
    async def body() -> None:
        client = await sign_in(fresh_sandbox, "admin")
        async with client:
            fresh_sandbox.faults.add("404", path=r"/tasks$", query=r"(^|&)page=2(&|$)")
            assert (await client.list_tasks(page=1)).count > 0
            with pytest.raises(Exception, match="Not found"):
                await client.list_tasks(page=2)

    run(body())


def test_held_answers_are_counted_in_flight_until_released(fresh_sandbox: SandboxServer) -> None:
    plan = fresh_sandbox.faults

    async def body() -> None:
        client = await sign_in(fresh_sandbox, "admin")
        async with client:
            plan.add("slow", path=r"/tasks$", delay=0)
            plan.hold()
            request = asyncio.ensure_future(client.list_tasks())
            while plan.in_flight() == 0:
                await asyncio.sleep(0.01)
            assert not request.done() and plan.hits() == 1
            plan.release()
            assert (await request).count > 0

            async def settled() -> None:  # the server counts the answer out once it has sent it, not before
                while plan.in_flight():
                    await asyncio.sleep(0.01)

            await asyncio.wait_for(settled(), 10)

    run(body())


def test_hang_outlives_the_client_timeout_and_ends_on_clear(fresh_sandbox: SandboxServer) -> None:
    plan = fresh_sandbox.faults

    async def body() -> None:
        client = await sign_in(fresh_sandbox, "admin", timeout=0.3)
        async with client:
            plan.add("hang", path=r"/users/self$")
            with pytest.raises(RequestTimeout):
                await client.current_user()
            assert plan.in_flight() == 1  # still hanging on the server
            plan.clear()
            while plan.in_flight():
                await asyncio.sleep(0.01)
            await client.current_user()

    run(body())


def test_fault_switch_is_not_on_the_command_line() -> None:
    options = {option for action in build_parser()._actions for option in action.option_strings}
    assert not any("fault" in option for option in options)
    assert options >= {"--host", "--port"}


def test_tls_sandbox_serves_https(tmp_path) -> None:
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    chain = tmp_path / "server.pem"
    cert.private_key_and_cert_chain_pem.write_to_path(str(chain))
    with SandboxServer(tmp_path / "s", anon_throttle=0, ssl_certfile=chain, ssl_keyfile=chain) as server:
        assert server.base_url.startswith("https://127.0.0.1:")
        with ca.cert_pem.tempfile() as ca_file:
            context = ssl.create_default_context(cafile=ca_file)
            answer = httpx.get(f"{server.base_url}/api/v1/restrictions/user-agreements", verify=context)
        assert answer.status_code == 200 and answer.json() == []
