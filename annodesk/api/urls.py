"""Server address handling: one normal form for what users type."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

API_PREFIX = "/api/v1"


def normalize_server_url(address: str) -> str:
    """``cvat.example.com/`` → ``https://cvat.example.com``; a given ``http://`` is kept.

    A trailing ``/api/v1`` is removed, so the API root may be pasted too.
    """
    text = address.strip()
    if not text:
        raise ValueError("The server address is empty.")
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{address!r} is not an http(s) server address.")
    path = parts.path.rstrip("/")
    if path.endswith(API_PREFIX):
        path = path[: -len(API_PREFIX)]
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def api_root(address: str) -> tuple[str, str]:
    """The normalized server URL and the API base URL (with a trailing slash) for ``address``."""
    server = normalize_server_url(address)
    return server, f"{server}{API_PREFIX}/"


def is_loopback_host(address: str) -> bool:
    """Whether ``address`` points at this machine (plain http is only safe there)."""
    host = (urlsplit(normalize_server_url(address)).hostname or "").lower()
    return host in ("localhost", "::1") or host.startswith("127.")
