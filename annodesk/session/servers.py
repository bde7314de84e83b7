"""Which servers the user signs in to, as remembered in the settings: recent servers, the last session, each
server's CA file. Works on any QSettings-like object (``value``/``setValue``/``remove``/``sync``) through the typed
accessors of :mod:`annodesk.settings`; no Qt import.
"""

from __future__ import annotations

from typing import Any

from annodesk.settings import MAX_RECENT_SERVERS, Settings


def recent_servers(settings: Any) -> list[str]:
    """The servers signed in to most recently, newest first."""
    return Settings(settings).recent_servers


def last_session(settings: Any, server: str | None = None) -> tuple[str, str]:
    """The server (``server`` when given) and username of the last sign-in; empty strings when unknown."""
    stored = Settings(settings)
    return server or stored.last_server, stored.last_username


def remember_server(settings: Any, server: str, username: str, ca_file: str = "") -> None:
    """Record a successful sign-in: first among the recent servers, the last session, the server's CA file."""
    stored = Settings(settings)
    stored.recent_servers = ([server] + [s for s in stored.recent_servers if s != server])[:MAX_RECENT_SERVERS]
    stored.last_server = server
    stored.last_username = username
    stored.set_ca_file(server, ca_file)  # the path only, never the certificate or a secret
    stored.sync()


def ca_file_for(settings: Any, server: str) -> str:
    """The CA certificate file remembered for ``server`` (empty: the system's trusted CAs)."""
    return Settings(settings).ca_file(server)
