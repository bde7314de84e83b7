"""A keyring backend for the processes the kill tests start (``PYTHON_KEYRING_BACKEND=tests.session.file_keyring.
FileKeyring``): the entries live in the JSON file ``$ANNODESK_TEST_KEYRING``, so the test can put a token where the
app, signing in as at start, looks for it. Tests only: it keeps secrets in a plain file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import keyring.backend
import keyring.errors

ENVIRONMENT = "ANNODESK_TEST_KEYRING"


class FileKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    @staticmethod
    def _path() -> Path:
        return Path(os.environ[ENVIRONMENT])

    def _entries(self) -> dict[str, str]:
        path = self._path()
        return json.loads(path.read_text()) if path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._entries().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        entries = self._entries()
        entries[f"{service}/{username}"] = password
        self._path().write_text(json.dumps(entries))

    def delete_password(self, service: str, username: str) -> None:
        entries = self._entries()
        if entries.pop(f"{service}/{username}", None) is None:
            raise keyring.errors.PasswordDeleteError("no such entry")
        self._path().write_text(json.dumps(entries))
