"""``annodesk --demo``: the bundled sandbox server on a free loopback port, signed in as the demo user."""

from __future__ import annotations

from annodesk.sandbox import SandboxServer
from annodesk.sandbox.seed import SAMPLE_USERS

from .paths import data_dir

DEMO_USERNAME = "demo"


def demo_password() -> str:
    """The sample demo user's password (the sandbox's sample users are listed in the README)."""
    return next(user[1] for user in SAMPLE_USERS if user[0] == DEMO_USERNAME)


def start_demo_server() -> SandboxServer:
    """Start the sandbox in this process; its data stays in the user data dir between runs."""
    server = SandboxServer(data_dir() / "sandbox", host="127.0.0.1", port=0)
    server.start()
    return server
