"""What every view shares: the stores, the anonymous throttle, and which Host headers are accepted."""

from __future__ import annotations

from dataclasses import dataclass

from .accounts import AccountStore
from .db import Database
from .tasks import TaskStore
from .throttle import AnonThrottle


@dataclass
class SandboxState:
    """The server's data and settings."""

    db: Database
    accounts: AccountStore
    tasks: TaskStore
    throttle: AnonThrottle
    allowed_hosts: frozenset[str]

    @classmethod
    def open(cls, db: Database, anon_throttle: int, host: str) -> SandboxState:
        """Stores over ``db``; Host headers allowed as Django's default ``ALLOWED_HOSTS`` plus the bind address."""
        return cls(
            db=db,
            accounts=AccountStore(db),
            tasks=TaskStore(db),
            throttle=AnonThrottle(anon_throttle),
            allowed_hosts=frozenset({"localhost", "127.0.0.1", "::1", host}),
        )
