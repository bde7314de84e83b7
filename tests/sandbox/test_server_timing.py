"""The sandbox reports its own time per answer (``Server-Timing``) and answers small requests without delay."""

from __future__ import annotations

import socket

import httpx

from annodesk.sandbox import SandboxServer
from tests.api.helpers import PASSWORDS


def test_every_api_answer_carries_the_servers_own_time(sandbox: SandboxServer) -> None:
    with httpx.Client(base_url=f"{sandbox.base_url}/api/v1/") as client:
        token = client.post("auth/login", json={"username": "admin", "password": PASSWORDS["admin"]}).json()["key"]
        for response in (
            client.get("tasks", params={"page_size": 5}, headers={"Authorization": f"Token {token}"}),
            client.get("users/self"),  # 401: errors are timed too
        ):
            name, _, duration = response.headers["Server-Timing"].partition(";dur=")
            assert name == "app" and float(duration) >= 0


def test_connections_are_accepted_with_nagle_off(sandbox: SandboxServer) -> None:
    """asyncio only turns Nagle off on sockets of an IPPROTO_TCP listener; with it on, a small answer on a
    kept-alive connection waits for the client's delayed ACK (~40 ms per request)."""
    with socket.create_connection(("127.0.0.1", sandbox.port)) as conn:
        conn.sendall(b"GET /api/v1/server/about HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert conn.recv(65536).startswith(b"HTTP/1.1 ")
        local = conn.getsockname()
        server = sandbox._server  # the uvicorn server: its open connections
        assert server is not None
        accepted = [
            protocol.transport.get_extra_info("socket")
            for protocol in list(server.server_state.connections)
            if protocol.transport.get_extra_info("peername") == local
        ]
        assert len(accepted) == 1
        assert accepted[0].getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
