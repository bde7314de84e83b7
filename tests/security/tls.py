"""A throwaway CA and an HTTPS sandbox on 127.0.0.1 signed by it (for the TLS tests)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import trustme

from annodesk.sandbox import SandboxServer


@dataclass(frozen=True)
class HttpsSandbox:
    server: SandboxServer
    ca_file: Path  # the CA certificate (PEM) that signed the server's certificate

    @property
    def base_url(self) -> str:
        return self.server.base_url


@contextmanager
def https_sandbox(folder: Path) -> Iterator[HttpsSandbox]:
    """A seeded sandbox serving TLS with a certificate for 127.0.0.1 from a CA no system trusts."""
    folder.mkdir(parents=True, exist_ok=True)
    ca = trustme.CA(organization_name="annodesk test CA")
    chain = folder / "server-chain.pem"
    ca.issue_cert("127.0.0.1", "localhost").private_key_and_cert_chain_pem.write_to_path(str(chain))
    ca_file = folder / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    with SandboxServer(folder / "data", anon_throttle=0, ssl_certfile=chain, ssl_keyfile=chain) as server:
        yield HttpsSandbox(server, ca_file)
