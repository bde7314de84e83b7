"""The accounts kept on this computer (server + username, each with its token in the keyring) and their states.

No Qt. The list lives in the settings (``session/accounts``, JSON: server and username only, never a secret); the
last used account stays where it always was (``session/server`` + ``session/username``). A settings file written
before accounts existed holds only that last session: :meth:`AccountBook.load` adopts it when its token is still
in the keyring, so an upgrade keeps the user signed in.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from .tokens import account_name


class AccountSettings(Protocol):
    """Where the list and the last used account are stored (:class:`annodesk.settings.Settings` is one)."""

    accounts: str
    last_server: str
    last_username: str

    def sync(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Account:
    """One user on one server; ``key`` names its keyring entry and its place in every per-account table."""

    server: str
    username: str

    @property
    def key(self) -> str:
        return account_name(self.server, self.username)


class AccountState(enum.Enum):
    """What the Account menu says about an account."""

    UNKNOWN = "unknown"  # kept, not asked yet
    ONLINE = "online"
    OFFLINE = "offline"  # its server cannot be reached (its cache is shown when it is the open one)
    EXPIRED = "expired"  # its token is gone or revoked: signing in again brings it back


class AccountBook:
    """The kept accounts (oldest first) and, in memory, each one's state.

    ``has_token(account)`` tells whether the keyring holds the account's token (an account without one is shown
    expired). ``on_change`` callbacks run after every change of the list or of a state.
    """

    def __init__(self, settings: AccountSettings, has_token: Callable[[Account], bool]) -> None:
        self._settings = settings
        self._has_token = has_token
        self._accounts: list[Account] = []
        self._states: dict[str, AccountState] = {}
        self.on_change: list[Callable[[], None]] = []
        self.load()

    # -- the list ----------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the list (adopting a single remembered session of an older version); states start unknown, or
        expired for an account with no token."""
        stored = _parse(self._settings.accounts)
        if stored is None:  # never written: the version before accounts
            last = self.last
            stored = [last] if last is not None and self._has_token(last) else []
            self._accounts = stored
            self._save()
        else:
            self._accounts = stored
        self._states = {
            a.key: AccountState.UNKNOWN if self._has_token(a) else AccountState.EXPIRED for a in self._accounts
        }

    @property
    def accounts(self) -> list[Account]:
        return list(self._accounts)

    def __contains__(self, account: object) -> bool:
        return account in self._accounts

    @property
    def last(self) -> Account | None:
        """The last used account (what start-up opens), if any."""
        server, username = self._settings.last_server, self._settings.last_username
        return Account(server, username) if server and username else None

    def add(self, account: Account, state: AccountState = AccountState.ONLINE) -> None:
        """Keep ``account`` (again: its place stays) with ``state``."""
        if account not in self._accounts:
            self._accounts.append(account)
            self._save()
        self._states[account.key] = state
        self._changed()

    def remove(self, account: Account) -> None:
        if account in self._accounts:
            self._accounts.remove(account)
            self._save()
        self._states.pop(account.key, None)
        self._changed()

    # -- states ------------------------------------------------------------------------------------

    def state(self, account: Account) -> AccountState:
        return self._states.get(account.key, AccountState.UNKNOWN)

    def set_state(self, account: Account, state: AccountState) -> None:
        if self._states.get(account.key) != state:
            self._states[account.key] = state
            self._changed()

    # -- inside ------------------------------------------------------------------------------------

    def _save(self) -> None:
        self._settings.accounts = json.dumps([[a.server, a.username] for a in self._accounts], ensure_ascii=False)
        self._settings.sync()

    def _changed(self) -> None:
        for callback in list(self.on_change):
            callback()


def _parse(text: str) -> list[Account] | None:
    """The stored list; ``None`` when nothing was ever stored. Malformed items are skipped."""
    if not text:
        return None
    try:
        items = json.loads(text)
    except ValueError:
        return []
    accounts: list[Account] = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, list) and len(item) == 2 and all(isinstance(part, str) and part for part in item):
            account = Account(item[0], item[1])
            if account not in accounts:
                accounts.append(account)
    return accounts
