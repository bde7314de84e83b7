"""Which servers the user signs in to, as remembered in the settings: recent servers, the last session, each
server's CA file. Works on any QSettings-like object (``value``/``setValue``/``remove``/``sync``); no Qt import.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

MAX_RECENT_SERVERS = 8


def recent_servers(settings: Any) -> list[str]:
    """The servers signed in to most recently, newest first."""
    value = settings.value("session/recentServers", [])
    servers = [value] if isinstance(value, str) else list(value or [])
    return [server for server in servers if server]


def last_session(settings: Any, server: str | None = None) -> tuple[str, str]:
    """The server (``server`` when given) and username of the last sign-in; empty strings when unknown."""
    return server or str(settings.value("session/server", "") or ""), str(settings.value("session/username", "") or "")


def remember_server(settings: Any, server: str, username: str, ca_file: str = "") -> None:
    """Record a successful sign-in: first among the recent servers, the last session, the server's CA file."""
    recent = [server] + [s for s in recent_servers(settings) if s != server]
    settings.setValue("session/recentServers", recent[:MAX_RECENT_SERVERS])
    settings.setValue("session/server", server)
    settings.setValue("session/username", username)
    if ca_file:
        settings.setValue(ca_key(server), ca_file)  # the path only, never the certificate or a secret
    else:
        settings.remove(ca_key(server))
    settings.sync()


def ca_file_for(settings: Any, server: str) -> str:
    """The CA certificate file remembered for ``server`` (empty: the system's trusted CAs)."""
    return str(settings.value(ca_key(server), "") or "") if server else ""


def ca_key(server: str) -> str:
    """The QSettings key of a server's CA file (the URL percent-encoded: ``/`` would open a settings group)."""
    return "tls/caFile/" + quote(server, safe="")
