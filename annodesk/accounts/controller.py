"""The accounts' controller: which accounts are kept and open, each one's state, the open one, and what the Account
menu asks for (switch, add, remove, change password, edit the profile). Widget-free (QtCore only).

Every account signed in is *open* while the app runs: its own client, :class:`TaskController` (with its own
offline cache) and window, only the active one shown. Switching shows another open account's window in place of
the current one, so its transfers and job windows keep running; the composition root (AppController) builds and
closes the windows, this controller keeps the record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from annodesk.api import CvatError, InvalidInput, NetworkError, NotAuthenticated
from annodesk.session.accounts import Account, AccountBook, AccountState
from annodesk.session.tokens import TokenStore
from annodesk.settings import Settings

if TYPE_CHECKING:
    from annodesk.api import CvatClient
    from annodesk.api.models import User
    from annodesk.tasks.controller import TaskController


@dataclass
class OpenAccount:
    """An account signed in in this run: its client, its task view's controller, and its window (a view)."""

    account: Account
    client: CvatClient
    tasks: TaskController
    window: Any = None


@dataclass(frozen=True)
class PasswordChange:
    """The change-password form's values."""

    old_password: str
    new_password1: str
    new_password2: str


class AccountsController(QObject):
    """Kept accounts (:class:`AccountBook`, in the settings), open ones (:attr:`open`) and the active one.

    ``changed()`` after any change of the list, a state or the active account. The Account menu's requests:
    ``switchRequested(Account)``, ``addRequested()``, ``removeRequested(Account)``.
    """

    changed = Signal()
    switchRequested = Signal(object)
    addRequested = Signal()
    removeRequested = Signal(object)

    def __init__(self, settings: Any, tokens: TokenStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.tokens = tokens
        self._book: AccountBook | None = None
        self.open: dict[str, OpenAccount] = {}
        self.active: Account | None = None

    @property
    def book(self) -> AccountBook:
        """The kept accounts, read on first use (it asks the keyring: not before the first window is painted)."""
        if self._book is None:
            self._book = AccountBook(Settings(self.settings), self._has_token)
            self._book.on_change.append(self.changed.emit)
        return self._book

    def _has_token(self, account: Account) -> bool:
        return self.tokens.load(account.server, account.username) is not None

    # -- what the menu lists -----------------------------------------------------------------------

    def accounts(self) -> list[Account]:
        """The kept accounts, then open ones that are not kept (signed in without "Remember me")."""
        kept = self.book.accounts
        return kept + [entry.account for entry in self.open.values() if entry.account not in kept]

    def state(self, account: Account) -> AccountState:
        entry = self.open.get(account.key)
        if entry is not None and self.book.state(account) != AccountState.EXPIRED:
            return AccountState.ONLINE if entry.tasks.online else AccountState.OFFLINE
        return self.book.state(account)

    def entry_of(self, tasks: object) -> OpenAccount | None:
        """The open account whose task controller is ``tasks``."""
        return next((entry for entry in self.open.values() if entry.tasks is tasks), None)

    def others(self) -> list[OpenAccount]:
        """The open accounts other than the active one, most recently added first."""
        return [entry for entry in reversed(self.open.values()) if entry.account != self.active]

    # -- open accounts -----------------------------------------------------------------------------

    def attach(self, entry: OpenAccount, *, kept: bool) -> None:
        """``entry`` is open (``kept``: remembered, its token in the keyring) and becomes the active account."""
        self.open[entry.account.key] = entry
        entry.tasks.connectionChanged.connect(self.changed.emit)
        if kept:
            self.book.add(entry.account, AccountState.ONLINE)
        self.activate(entry.account)

    def detach(self, account: Account) -> OpenAccount | None:
        """``account`` is no longer open (its window and client are being closed by the caller)."""
        entry = self.open.pop(account.key, None)
        if self.active == account:
            self.active = None
        self.changed.emit()
        return entry

    def activate(self, account: Account) -> None:
        self.active = account
        self.changed.emit()

    def expired(self, account: Account) -> None:
        """The server refused the account's token (401): forget the token, show the account as expired."""
        self.tokens.delete(account.server, account.username)
        if account in self.book:
            self.book.set_state(account, AccountState.EXPIRED)
        self.changed.emit()

    def forget(self, account: Account) -> None:
        """Remove ``account`` from this computer: its keyring entry and its place in the list."""
        self.tokens.delete(account.server, account.username)
        self.book.remove(account)

    # -- the server --------------------------------------------------------------------------------

    async def sign_out(self, account: Account, make_client: Callable[[str, str], CvatClient]) -> CvatError | None:
        """Sign ``account`` out on its server (``auth/logout``: its token dies there) and forget it here.

        An open account uses its own client; a kept one a short-lived client with its stored token. Returns why the
        server could not be told (the account is forgotten here anyway), or ``None``.
        """
        entry = self.open.get(account.key)
        failure: CvatError | None = None
        token = self.tokens.load(account.server, account.username) if entry is None else None
        try:
            if entry is not None:
                entry.tasks.auth.paused = True  # the server's 401 to a token already revoked is no news
                await entry.client.logout()
            elif token:
                async with make_client(account.server, token) as client:
                    await client.logout()
        except CvatError as exc:
            failure = exc
        self.forget(account)
        return failure

    async def check(self, account: Account, make_client: Callable[[str, str], CvatClient]) -> AccountState:
        """Ask ``account`` 's server whether its stored token still works (``users/self``); note the answer."""
        token = self.tokens.load(account.server, account.username)
        if not token:
            state = AccountState.EXPIRED
        else:
            try:
                async with make_client(account.server, token) as client:
                    await client.current_user()
                state = AccountState.ONLINE
            except NotAuthenticated:
                self.tokens.delete(account.server, account.username)
                state = AccountState.EXPIRED
            except (NetworkError, CvatError):
                state = AccountState.OFFLINE
        if account.key not in self.open:
            self.book.set_state(account, state)
        return state

    async def change_password(self, form: PasswordChange) -> str:
        """``auth/password/change`` as the active account (the token stays). Raises InvalidInput with the server's
        field errors, or another CvatError."""
        entry = self._active_entry()
        return await entry.client.change_password(form.old_password, form.new_password1, form.new_password2)

    async def update_profile(self, changes: dict[str, str]) -> User:
        """``PATCH users/{id}`` for the active account with ``changes`` (only what differs); the task view's
        profile follows. Raises InvalidInput when the server refuses a field, or another CvatError."""
        entry = self._active_entry()
        profile = entry.tasks.profile
        if profile is None:
            raise InvalidInput("The profile is not loaded yet.")
        import msgspec  # not at import: the sign-in dialog's path loads no msgspec (tests/test_startup.py)

        answer = await entry.client.update_user(profile.id, **changes)
        merged = msgspec.structs.replace(profile, **{key: getattr(answer, key) for key in changes})
        entry.tasks.profile = merged
        entry.tasks.profileChanged.emit(merged)
        return merged

    def _active_entry(self) -> OpenAccount:
        entry = self.open.get(self.active.key) if self.active is not None else None
        if entry is None:
            raise NotAuthenticated("No account is signed in.")
        return entry
