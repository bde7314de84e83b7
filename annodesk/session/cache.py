"""What the app last saw from a server, kept on disk per server + user for offline start-ups.

Files are written atomically with mode 0600 inside a 0700 folder. Only server data goes here: never a
token or a password.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from annodesk.api.models import Page, Task, User

T = TypeVar("T")
TEMP_PREFIX = ".tmp-"
LEFTOVER_AGE = 60.0  # seconds after which a temporary file is a killed writer's leftover


class _Entry(msgspec.Struct):
    saved_at: float
    value: msgspec.Raw


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


class OfflineCache:
    """The on-disk cache of one server + user: task pages, task details, users, profile, previews."""

    def __init__(self, root: Path, server_url: str, username: str) -> None:
        self.folder = Path(root) / _digest(f"{server_url}\n{username.lower()}")
        self._folder_ready = False  # made (0700) by the first write; a page of 100 tasks is 101 writes

    # -- generic ---------------------------------------------------------------------------------

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / f"{kind}-{_digest(key)}.json"

    def _prepare_folder(self) -> None:
        for folder in (self.folder.parent, self.folder):  # the cache root too: its names tell which servers
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.chmod(folder, 0o700)
        self._folder_ready = True

    def _write(self, path: Path, data: bytes) -> None:
        if not self._folder_ready:
            self._prepare_folder()
        try:
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=TEMP_PREFIX)  # mkstemp creates it 0600
        except FileNotFoundError:  # the folder was removed meanwhile
            self._prepare_folder()
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=TEMP_PREFIX)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def put(self, kind: str, key: str, value: Any) -> None:
        """Store ``value`` (a model or plain data) under ``kind``/``key`` with the current time."""
        entry = _Entry(saved_at=time.time(), value=msgspec.Raw(msgspec.json.encode(value)))
        self._write(self._path(kind, key), msgspec.json.encode(entry))

    def get(self, kind: str, key: str, model: type[T]) -> tuple[T, float] | None:
        """The stored value and when it was saved (epoch seconds), or ``None`` if absent or unreadable."""
        path = self._path(kind, key)
        try:
            entry = msgspec.json.decode(path.read_bytes(), type=_Entry)
            return msgspec.json.decode(entry.value, type=model), entry.saved_at
        except (OSError, msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError, RecursionError):
            return None  # a damaged (or hostile: nested 100,000 deep) file counts as no cache

    def put_bytes(self, kind: str, key: str, data: bytes) -> None:
        """Store raw bytes (an image)."""
        self._write(self.folder / f"{kind}-{_digest(key)}.bin", data)

    def get_bytes(self, kind: str, key: str) -> bytes | None:
        try:
            return (self.folder / f"{kind}-{_digest(key)}.bin").read_bytes()
        except OSError:
            return None

    def remove_leftovers(self, older_than: float = LEFTOVER_AGE) -> int:
        """Delete the temporary files of writes that never finished (a killed writer); return how many.

        Only files older than ``older_than`` seconds go: a write in progress (another window) takes milliseconds.
        """
        removed = 0
        limit = time.time() - older_than
        try:
            candidates = list(self.folder.glob(f"{TEMP_PREFIX}*"))
        except OSError:
            return 0
        for path in candidates:
            try:
                if path.stat().st_mtime <= limit:
                    path.unlink()
                    removed += 1
            except OSError:
                continue
        return removed

    def files(self) -> list[Path]:
        """Every file of this cache (for audits and tests)."""
        return sorted(p for p in self.folder.glob("*") if p.is_file()) if self.folder.exists() else []

    # -- typed helpers ---------------------------------------------------------------------------

    def put_page(self, query: str, page: Page[Task]) -> None:
        self.put("page", query, page)
        for task in page.results:
            self.put("task", str(task.id), task)

    def get_page(self, query: str) -> tuple[Page[Task], float] | None:
        return self.get("page", query, Page[Task])

    def put_task(self, task: Task) -> None:
        self.put("task", str(task.id), task)

    def get_task(self, task_id: int) -> tuple[Task, float] | None:
        return self.get("task", str(task_id), Task)

    def put_users(self, users: tuple[User, ...]) -> None:
        self.put("users", "all", users)

    def get_users(self) -> tuple[tuple[User, ...], float] | None:
        return self.get("users", "all", tuple[User, ...])

    def put_profile(self, user: User) -> None:
        self.put("profile", "self", user)

    def get_profile(self) -> tuple[User, float] | None:
        return self.get("profile", "self", User)

    # -- removing what the server no longer has (task deletion) --------------------------------------------------

    def remove(self, kind: str, key: str) -> None:
        """Forget a stored value (no error if there is none)."""
        self._path(kind, key).unlink(missing_ok=True)

    def remove_bytes(self, kind: str, key: str) -> None:
        """Forget stored raw bytes (no error if there are none)."""
        (self.folder / f"{kind}-{_digest(key)}.bin").unlink(missing_ok=True)
