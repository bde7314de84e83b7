"""Transport security of the client: TLS verified by default, a custom CA for self-hosted servers, timeouts on
every request, and redirects to another host never followed with the token."""

from __future__ import annotations

import asyncio
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from annodesk.api import CaBundleError, CertificateNotTrusted, CvatClient, RedirectRefused
from annodesk.api.client import DEFAULT_TIMEOUT
from annodesk.sandbox.seed import SAMPLE_USERS

from .tls import HttpsSandbox, https_sandbox

PASSWORDS = {user[0]: user[1] for user in SAMPLE_USERS}


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HttpsSandbox]:
    with https_sandbox(tmp_path_factory.mktemp("tls")) as sandbox:
        yield sandbox


def pool_context(client: CvatClient) -> ssl.SSLContext:
    return client._http._transport._pool._ssl_context  # type: ignore[attr-defined]


def test_tls_is_verified_by_default() -> None:
    client = CvatClient("https://cvat.example.com")
    context = pool_context(client)
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert client._http.follow_redirects is False
    asyncio.run(client.aclose())


def test_self_signed_server_is_refused_with_a_clear_error(tls_server: HttpsSandbox) -> None:
    async def body() -> None:
        async with CvatClient(tls_server.base_url) as client:
            await client.login("alice", PASSWORDS["alice"])

    with pytest.raises(CertificateNotTrusted, match=r"certificate of https://127\.0\.0\.1:\d+ is not trusted"):
        asyncio.run(body())


def test_custom_ca_bundle_trusts_a_self_hosted_server(tls_server: HttpsSandbox) -> None:
    async def body() -> int:
        async with CvatClient(tls_server.base_url, verify=str(tls_server.ca_file)) as client:
            await client.login("alice", PASSWORDS["alice"])
            return (await client.list_tasks()).count

    assert asyncio.run(body()) > 0


def test_unusable_ca_file_is_a_typed_error(tmp_path: Path) -> None:
    with pytest.raises(CaBundleError, match="cannot be used"):
        CvatClient("https://cvat.example.com", verify=str(tmp_path / "missing.pem"))
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate")
    with pytest.raises(CaBundleError):
        CvatClient("https://cvat.example.com", verify=str(junk))


def test_every_request_has_timeouts() -> None:
    client = CvatClient("https://cvat.example.com")
    timeout = client._http.timeout
    assert (timeout.connect, timeout.read, timeout.write, timeout.pool) == (
        10.0,
        DEFAULT_TIMEOUT,
        DEFAULT_TIMEOUT,
        DEFAULT_TIMEOUT,
    )
    client.timeout = 2.5
    assert client._http.timeout == httpx.Timeout(2.5) and client.timeout == 2.5
    asyncio.run(client.aclose())


class Recorder(BaseHTTPRequestHandler):
    """Records every request's headers (the other host a redirect points to)."""

    seen: list[dict[str, str]]

    def do_GET(self) -> None:
        self._record()

    def do_POST(self) -> None:
        self._record()

    def _record(self) -> None:
        self.seen.append(dict(self.headers))
        body = b'{"key":"stolen"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class Redirector(BaseHTTPRequestHandler):
    """Answers every request with 302 to the same path on ``target``."""

    target = ""

    def do_GET(self) -> None:
        self._redirect()

    def do_POST(self) -> None:
        self._redirect()

    def _redirect(self) -> None:
        self.send_response(302)
        self.send_header("Location", self.target + self.path)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def redirect_pair() -> Iterator[tuple[str, list[dict[str, str]], str]]:
    """A loopback server that redirects to a second one on another port and host name, which records headers."""
    seen: list[dict[str, str]] = []
    recorder = ThreadingHTTPServer(("127.0.0.1", 0), type("R", (Recorder,), {"seen": seen}))
    target = f"http://localhost:{recorder.server_address[1]}"
    redirector = ThreadingHTTPServer(("127.0.0.1", 0), type("D", (Redirector,), {"target": target}))
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in (recorder, redirector)]
    for thread in threads:
        thread.start()
    yield f"http://127.0.0.1:{redirector.server_address[1]}", seen, target
    for server in (recorder, redirector):
        server.shutdown()
        server.server_close()


def test_redirect_to_another_host_is_not_followed_with_the_token(redirect_pair) -> None:
    url, seen, target = redirect_pair
    token = "f" * 40

    async def body() -> None:
        async with CvatClient(url, token) as client:
            with pytest.raises(RedirectRefused) as info:
                await client.current_user()
            assert info.value.location.startswith(target) and info.value.status == 302
            with pytest.raises(RedirectRefused):
                await client.login("alice", "secret-password")  # the password does not travel either

    asyncio.run(body())
    assert seen == []  # the other host never heard from us: no token, no password
