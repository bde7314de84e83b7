"""API tokens in the OS keyring, one entry per server URL + username. Never anywhere else."""

from __future__ import annotations

import logging
from types import ModuleType
from typing import Final

log = logging.getLogger(__name__)

SERVICE: Final = "annodesk"


def _keyring() -> ModuleType:
    """The keyring package, imported on first use: with its backend discovery it costs ~50 ms, which
    should not delay the first window at start-up (annodesk/warmup.py loads it right after)."""
    import keyring
    import keyring.errors

    return keyring


class KeyringUnavailable(Exception):
    """The system has no usable keyring (headless Linux, locked store); tokens live in memory only.

    ``no_keyring``: there is no keyring at all; otherwise ``detail`` is the backend's own error text.
    """

    def __init__(self, reason: str, *, no_keyring: bool = False, detail: str = "") -> None:
        super().__init__(reason)
        self.no_keyring = no_keyring
        self.detail = detail


def account_name(server_url: str, username: str) -> str:
    """The keyring account for a server + user: ``alice@https://cvat.example.com``."""
    return f"{username}@{server_url}"


class TokenStore:
    """Save, load and delete tokens in the OS keyring; failures become :class:`KeyringUnavailable`."""

    def __init__(self, service: str = SERVICE) -> None:
        self.service = service

    def save(self, server_url: str, username: str, token: str) -> None:
        """Store ``token``; raise KeyringUnavailable when the keyring cannot hold it."""
        keyring = _keyring()
        try:
            keyring.set_password(self.service, account_name(server_url, username), token)
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailable(
                _explain(exc), no_keyring=isinstance(exc, keyring.errors.NoKeyringError), detail=str(exc)
            ) from None

    def load(self, server_url: str, username: str) -> str | None:
        """The stored token, or ``None`` if there is none or the keyring cannot be read."""
        keyring = _keyring()
        try:
            return keyring.get_password(self.service, account_name(server_url, username))
        except keyring.errors.KeyringError as exc:
            log.info("keyring not readable: %s", _explain(exc))
            return None

    def delete(self, server_url: str, username: str) -> None:
        """Forget the token; a missing entry or an unusable keyring is not an error."""
        keyring = _keyring()
        try:
            keyring.delete_password(self.service, account_name(server_url, username))
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as exc:
            log.info("keyring not writable: %s", _explain(exc))


def _explain(exc: Exception) -> str:
    if isinstance(exc, _keyring().errors.NoKeyringError):
        return "no system keyring is available (for example no Secret Service on a headless Linux)"
    return str(exc) or type(exc).__name__
