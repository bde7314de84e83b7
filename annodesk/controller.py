"""The app's flow: start-up (stored token, offline, demo), sign-in, main window, 401, sign-out, quit."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, Signal

from annodesk import servers
from annodesk.api import CvatError, NetworkError, NotAuthenticated
from annodesk.api.defaults import DEFAULT_TIMEOUT
from annodesk.session.accounts import Account
from annodesk.session.tokens import KeyringUnavailable, TokenStore

from . import messages
from .accounts.controller import AccountsController, OpenAccount
from .early_sign_in import make_sign_in_dialog
from .i18n import SYSTEM, LanguageManager, LiveText, arg
from .settings import Settings
from .ui.background import cancel_all, report_crashes_to, spawn
from .ui.sign_in_dialog import Credentials, SignInDialog

if TYPE_CHECKING:  # imported where first used: the sign-in dialog paints before they load (annodesk/warmup.py)
    from annodesk.api import CvatClient
    from annodesk.session.cache import OfflineCache
    from annodesk.session.checkout_store import CheckoutStore
    from annodesk.session.repository import PageQuery

    from .tasks.controller import TaskController
    from .ui.main_window import MainWindow
    from .ui.register_dialog import RegisterDialog, Registration

log = logging.getLogger(__name__)
SAY_AFTER_PAGE_WAIT = 5.0  # seconds a status line about the account switched from may wait for the page's own
FIRST_PAGE_WAIT = 0.1  # seconds the built window may wait for its first page, to show it in its first paint


class AppController(QObject):
    """Owns the session (client, repository, token) and decides which window is shown.

    ``languages`` switches the UI language when the main window's Language menu or the sign-in dialog's
    language buttons ask (one is made over ``settings`` when not given; it is not applied until asked).
    """

    mainWindowShown = Signal(object)
    signInShown = Signal(object)
    accountSwitched = Signal(object)  # the window now shown (another open account's)

    def __init__(
        self,
        settings: QSettings,
        tokens: TokenStore,
        cache_root: Path,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        languages: LanguageManager | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.languages = languages if languages is not None else LanguageManager(settings, parent=self)
        self.languages.languageChanged.connect(self._language_changed)
        self.timeout = timeout
        self.settings = settings
        self.tokens = tokens
        self.cache_root = Path(cache_root)
        self.finished = asyncio.Event()
        self.client: CvatClient | None = None
        self.offline_store: CheckoutStore | None = None
        self._offline_store_failed = False
        self.window: MainWindow | None = None
        self.tasks: TaskController | None = None  # the main window's controller
        self.dialog: SignInDialog | None = None
        self.register_dialog: RegisterDialog | None = None
        self.remember_session = True
        self._keyring_error: KeyringUnavailable | None = None
        self._keyring_warned = False
        self._leaving = False
        self._signing_out = False
        self._kept_checked = False
        self.accounts = AccountsController(settings, tokens, parent=self)  # kept and open accounts, the active one
        self.accounts.switchRequested.connect(lambda account: spawn(self.switch_to(account)))
        self.accounts.addRequested.connect(self.add_account)
        self.accounts.removeRequested.connect(lambda account: spawn(self.remove_account(account)))

    # -- start-up --------------------------------------------------------------------------------

    async def start(self, server: str | None = None) -> None:
        """Reuse the stored token for the last server if it is still valid; otherwise ask to sign in."""
        last_server, last_user = servers.last_session(self.settings, server)
        await self._resume(last_server, last_user)

    async def _resume(self, last_server: str, last_user: str) -> None:
        """Open the account with its stored token (offline with its cache when the server cannot be reached)."""
        token = self.tokens.load(last_server, last_user) if last_server and last_user else None
        if not token:
            self.show_sign_in(server=last_server, username=last_user)
            return
        try:
            client = self._client(last_server, token, verify=self.verify_for(last_server))
        except CvatError as exc:  # the remembered CA file is gone or broken
            error = exc
            self.show_sign_in(last_server, last_user, lambda: messages.sign_in_error(error, last_server)[1])
            return
        first_page = self._prefetch(client)  # in parallel with users/self
        try:
            user = await client.current_user()
        except NotAuthenticated:
            first_page.cancel()
            await client.aclose()
            self.accounts.expired(Account(last_server, last_user))
            self.show_sign_in(
                last_server, last_user, lambda: self.tr("Your saved session has ended. Please sign in again.")
            )
            return
        except NetworkError as exc:
            cache = self._cache(last_server, last_user)
            if cache.get_page("last") is None:
                first_page.cancel()
                await client.aclose()
                error = exc
                self.show_sign_in(last_server, last_user, lambda: messages.sign_in_error(error, last_server)[1])
                return
            await self._open_main(client, last_server, last_user, first_page)  # offline: the window shows the cache
            return
        except CvatError as exc:
            first_page.cancel()
            await client.aclose()
            error = exc
            self.show_sign_in(last_server, last_user, lambda: messages.sign_in_error(error, last_server)[1])
            return
        await self._open_main(client, last_server, user.username, first_page)

    async def sign_in_directly(self, credentials: Credentials) -> None:
        """Sign in without showing the dialog (``--demo``); on failure show the dialog with the error."""
        try:
            await self.sign_in(credentials, remember_server=False)
        except CvatError as exc:
            error = exc
            self.show_sign_in(
                credentials.server, credentials.username, lambda: messages.sign_in_error(error, credentials.server)[1]
            )

    # -- sign-in ---------------------------------------------------------------------------------

    def ca_file_for(self, server: str) -> str:
        """The CA certificate file remembered for ``server`` (empty: the system's trusted CAs)."""
        return servers.ca_file_for(self.settings, server)

    def verify_for(self, server: str) -> bool | str:
        """What the client verifies ``server`` 's certificate against: its CA file, else the default CAs."""
        return self.ca_file_for(server) or True

    def show_sign_in(self, server: str = "", username: str = "", message: LiveText = "") -> SignInDialog:
        """Show the sign-in dialog (server and username filled in when known)."""
        dialog = make_sign_in_dialog(self.settings, self.languages, self.sign_in, server, username, message)
        self.adopt_sign_in(dialog)
        return dialog

    def adopt_sign_in(self, dialog: SignInDialog) -> None:
        """Make ``dialog`` (built by :func:`make_sign_in_dialog`, maybe before this controller) the one shown."""
        dialog.registerRequested.connect(self.show_register)
        dialog.rejected.connect(self._sign_in_rejected)
        dialog.closing_quits = self._sign_in_is_the_only_window
        self.dialog = dialog
        dialog.show()
        dialog.raise_()
        self.signInShown.emit(dialog)

    def _sign_in_rejected(self) -> None:
        others = self.accounts.others()
        if self.window is None and others:  # the shown account's session ended: back to another open one
            self._show_open(others[0])
        elif self._sign_in_is_the_only_window():
            self.finished.set()

    def _sign_in_is_the_only_window(self) -> bool:
        """Whether closing the sign-in dialog quits the app (no main window, no other open account, no registration
        open)."""
        return (
            self.window is None
            and not self.accounts.open
            and (self.register_dialog is None or not self.register_dialog.isVisible())
        )

    async def sign_in(self, credentials: Credentials, *, remember_server: bool = True) -> None:
        """Sign in with a password; raises CvatError (the dialog shows it) or opens the main window."""
        client = self._client(credentials.server, verify=credentials.ca_file or True)
        first_page = None
        try:
            await client.login(credentials.username, credentials.password)
            first_page = self._prefetch(client)  # the session exists: the table's first page, with users/self
            user = await client.current_user()
        except BaseException:
            if first_page is not None:
                first_page.cancel()
            await client.aclose()
            raise
        await self._after_sign_in(
            client,
            credentials.server,
            user.username,
            credentials.remember,
            remember_server,
            credentials.ca_file,
            first_page,
        )

    async def _after_sign_in(
        self,
        client: CvatClient,
        server: str,
        username: str,
        remember: bool,
        remember_server: bool,
        ca_file: str = "",
        first_page: asyncio.Future[Any] | None = None,
    ) -> None:
        if remember_server:
            servers.remember_server(self.settings, server, username, ca_file)
        self.remember_session = remember
        if remember and client.token:
            try:
                self.tokens.save(server, username, client.token)
            except KeyringUnavailable as exc:
                self._warn_keyring(exc)
        else:
            self.accounts.forget(Account(server, username))  # not remembered: no token, not listed next time
        await self._open_main(client, server, username, first_page)

    def _warn_keyring(self, exc: KeyringUnavailable) -> None:
        if self._keyring_warned:
            return
        self._keyring_warned = True
        self._keyring_error = exc
        log.warning("token not stored: %s", exc)

    @property
    def keyring_notice(self) -> str | None:
        """Why the session is not remembered (``None`` when it is), in the current language."""
        return messages.keyring_notice(self._keyring_error) if self._keyring_error else None

    # -- language --------------------------------------------------------------------------------

    def _language_changed(self, _code: str) -> None:
        """Mark the new choice in the open windows (their texts follow through QEvent.LanguageChange)."""
        windows = [self.window, *(entry.window for entry in self.accounts.open.values())]  # the hidden ones too
        for window in dict.fromkeys(window for window in windows if window is not None):
            window.set_language_choice(self.languages.choice, self.languages.resolve(SYSTEM))
        if self.dialog is not None:
            self.dialog.set_language(self.languages.language)

    # -- registration ----------------------------------------------------------------------------

    def show_register(self, server: str = "") -> RegisterDialog:
        from .ui.register_dialog import RegisterDialog

        dialog = RegisterDialog(self.register, server, parent=self.dialog)
        self.register_dialog = dialog
        dialog.show()
        return dialog

    async def register(self, form: Registration) -> None:
        """Create the account, then sign in with it (remembered, like a normal sign-in)."""
        ca_file = self.ca_file_for(form.server)
        async with self._client(form.server, verify=ca_file or True) as client:
            await client.register(
                form.username, form.first_name, form.last_name, form.email, form.password1, form.password2
            )
        await self.sign_in(Credentials(form.server, form.username, form.password1, True, ca_file))
        if self.register_dialog is not None:
            self.register_dialog.hide()

    # -- main window -----------------------------------------------------------------------------

    def _client(self, server: str, token: str | None = None, *, verify: bool | str = True) -> CvatClient:
        """A client for ``server`` (``verify``: True, or a CA file to trust); raises CvatError for a bad CA file."""
        from annodesk.api.client import CvatClient

        return CvatClient(
            server, token, timeout=self.timeout, verify=verify, max_answer_bytes=Settings(self.settings).answer_limit
        )

    def _cache(self, server: str, username: str) -> OfflineCache:
        from annodesk.session.cache import OfflineCache

        return OfflineCache(self.cache_root, server, username)

    def _offline_store(self) -> CheckoutStore | None:
        """The checked-out jobs' store, one for every account (made, and its leftovers swept, the first time):
        the user data dir's in the app, one beside the cache root otherwise (tests). None when it cannot be opened
        (offline jobs are off; the app works on)."""
        if self.offline_store is None and not self._offline_store_failed:
            import sqlite3

            from annodesk.session.checkout_store import CheckoutStoreError, store_for_cache

            self.offline_store = store_for_cache(self.cache_root)
            self._offline_store_failed = self.offline_store is None
            if self.offline_store is not None:
                try:
                    self.offline_store.sweep()  # what a killed checkout left; no checkout runs yet
                except (CheckoutStoreError, OSError, sqlite3.Error):
                    log.exception("the offline store could not be swept")
        return self.offline_store

    def _first_query(self) -> PageQuery:
        from annodesk.session.repository import PageQuery

        from .tasks.controller import PAGE_SIZES

        stored = Settings(self.settings)
        size = stored.page_size if stored.page_size in PAGE_SIZES else PAGE_SIZES[0]
        return PageQuery(1, size, "", stored.ordering)

    def _prefetch(self, client: CvatClient) -> asyncio.Future[Any]:
        """Ask for the task table's first page now, before the window (or even the username) is there."""
        from annodesk.session.repository import prefetch_page

        return prefetch_page(client, self._first_query())

    async def _open_main(
        self, client: CvatClient, server: str, username: str, first_page: asyncio.Future[Any] | None = None
    ) -> None:
        """Load the first page (asked for at sign-in), the profile and the users while the window is built; show
        the window with its first page when that came in meanwhile (one paint), else at once."""
        from annodesk.session.repository import Repository

        from .tasks.controller import TaskController
        from .ui.main_window import MainWindow

        previous = self.window
        same = self.accounts.open.get(Account(server, username).key)
        if same is not None:  # signed in again to an open account: its old session makes room
            await self._close_open(same)
            previous = self.window
        if previous is not None:
            previous.save_settings()  # the new window opens with this one's layout
        self.client = client
        query = self._first_query()
        prefetched = {query.key: first_page} if first_page is not None else {}
        repository = Repository(client, self._cache(server, username), prefetched)
        tasks = TaskController(repository, server, username, query.page_size, query.ordering)
        tasks.authRequired.connect(lambda detail: spawn(self.session_ended(detail, tasks)))
        tasks.start()
        self.tasks = tasks
        report_crashes_to(tasks.crashed)  # what dialogs and transfers start: said in this window's status bar
        window = MainWindow(tasks, self.settings, self._offline_store())
        window.set_language_choice(self.languages.choice, self.languages.resolve(SYSTEM))
        window.languageRequested.connect(self.languages.set_choice)
        window.signOutRequested.connect(lambda: spawn(self.sign_out()))
        window.closed.connect(self._window_closed)
        self.window = window
        kept = self.tokens.load(server, username) is not None  # "Remember me", and a keyring that holds it
        self.accounts.attach(OpenAccount(Account(server, username), client, tasks, window), kept=kept)
        from .ui.account_menu import AccountMenu

        AccountMenu(self.accounts, window.account_menu, window)  # kept alive by the window (its parent)
        if first_page is not None:  # its answer is most likely in by now: shown before the window's first paint
            await tasks.page_settled(FIRST_PAGE_WAIT)
        if self.window is not window:
            return  # the session ended meanwhile
        window.show()
        if previous is not None and previous is not window:
            previous.hide()  # its account stays open: transfers and job windows keep running
        if self.dialog is not None:
            self.dialog.hide()
        if self._keyring_error is not None:
            error = self._keyring_error
            window.show_session_notice(lambda: messages.keyring_notice(error))
        self.mainWindowShown.emit(window)
        if previous is not None:
            self.accountSwitched.emit(window)
        if not self._kept_checked:
            self._kept_checked = True
            spawn(self._check_kept())

    def _window_closed(self) -> None:
        if self.window is not None and not self._leaving:
            spawn(self._quit_from_window())

    async def _quit_from_window(self) -> None:
        await self._close_others()
        if self.window is not None:
            self.window.save_settings()  # the layout shown last is the one kept, not a hidden window's
        await self._close_tasks()  # the window's requests end before their client closes
        await self._close_client()
        self.window = None
        self.finished.set()

    async def _leave_main(self) -> tuple[str, str]:
        """Close the main window without quitting; return its server and username."""
        window = self.window
        tasks = self.tasks
        server, username = (tasks.server_url, tasks.username) if tasks else ("", "")
        if window is not None:
            self._leaving = True
            try:
                window.close()
            finally:
                self._leaving = False
            window.deleteLater()
        self.window = None
        await self._close_tasks()  # the window's requests end before their client closes
        await self._close_client()
        return server, username

    async def _close_tasks(self) -> None:
        tasks, self.tasks = self.tasks, None
        report_crashes_to(None)
        entry = self.accounts.entry_of(tasks) if tasks is not None else None
        if entry is not None:
            self.accounts.detach(entry.account)
        if tasks is not None:
            await tasks.close()
            tasks.deleteLater()
        if not self.accounts.open:  # another open account's transfers keep running
            await cancel_all()  # what the dialogs and transfers started

    async def _close_client(self) -> None:
        client, self.client = self.client, None
        if client is not None:
            await client.aclose()

    # -- accounts --------------------------------------------------------------------------------

    def _show_open(self, entry: OpenAccount) -> None:
        """Show an open account's window in place of the current one, with its layout (no password, no reload
        before the first paint; its page is then refreshed)."""
        previous, window = self.window, entry.window
        if previous is window:
            return
        if previous is not None:
            window.take_layout_of(previous)
        self.client, self.tasks, self.window = entry.client, entry.tasks, window
        report_crashes_to(entry.tasks.crashed)
        server, username = entry.account.server, entry.account.username
        servers.remember_server(self.settings, server, username, self.ca_file_for(server))  # the last used account
        self.accounts.activate(entry.account)
        window.show()
        window.raise_()
        window.activateWindow()
        if previous is not None:
            previous.hide()  # its account stays open: transfers and job windows keep running
        entry.tasks.refresh()
        self.accountSwitched.emit(window)

    async def switch_to(self, account: Account) -> None:
        """Make ``account`` the shown one: at once when it is open, else with its stored token (offline with its
        cache when its server cannot be reached); an account without a token asks for its password."""
        entry = self.accounts.open.get(account.key)
        if entry is not None:
            self._show_open(entry)
            return
        if self.tokens.load(account.server, account.username) is None:
            self.show_sign_in(account.server, account.username, lambda: messages.session_ended(""))
            return
        servers.remember_server(self.settings, account.server, account.username, self.ca_file_for(account.server))
        await self._resume(account.server, account.username)

    def add_account(self) -> SignInDialog:
        """The sign-in dialog, over the main window; a success opens the new account beside the others."""
        return self.show_sign_in(self.tasks.server_url if self.tasks is not None else "", "")

    async def remove_account(self, account: Account) -> None:
        """Sign ``account`` out on its server, delete its keyring entry, close it if open, drop it from the list."""
        if account == self.accounts.active:
            await self.sign_out()
            return
        entry = self.accounts.open.get(account.key)
        failure = await self.accounts.sign_out(account, self._stored_client)
        if entry is not None:
            await self._close_open(entry)
        if self.tasks is not None:
            name = account.key
            if failure is None:
                self.tasks.say(lambda: arg(self.tr("%1 removed from this computer."), name))
            else:
                error = failure
                self.tasks.say(lambda: arg(self.tr("%1 removed here. %2"), name, messages.sign_out_notice(error)))

    def _stored_client(self, server: str, token: str) -> CvatClient:
        return self._client(server, token, verify=self.verify_for(server))

    async def _check_kept(self) -> None:
        """Ask each kept account's server, once, whether its token still works (for the Account menu)."""
        kept = [account for account in self.accounts.book.accounts if account.key not in self.accounts.open]
        await asyncio.gather(*(self.accounts.check(account, self._stored_client) for account in kept))

    async def _close_open(self, entry: OpenAccount) -> None:
        """Close an open account: its window (its transfers are cancelled with it), controller and client."""
        if entry.window is self.window:
            await self._leave_main()
            return
        self.accounts.detach(entry.account)
        if entry.window is not None:
            self._leaving = True
            try:
                entry.window.close()
            finally:
                self._leaving = False
            entry.window.deleteLater()
        await entry.tasks.close()
        entry.tasks.deleteLater()
        await entry.client.aclose()

    async def _close_others(self) -> None:
        for entry in self.accounts.others():
            await self._close_open(entry)

    # -- the session ends ------------------------------------------------------------------------

    async def session_ended(self, detail: str, tasks: TaskController | None = None) -> None:
        """A 401 mid-session: drop the stored token and go back to sign-in, server and user filled in.

        ``detail`` is the server's reason (quoted after our sentence), possibly empty. A 401 to another open
        account (``tasks``: its controller) marks only that account expired and closes it; the shown one stays.
        """
        entry = self.accounts.entry_of(tasks) if tasks is not None else None
        if entry is not None and entry.tasks is not self.tasks:
            self.accounts.expired(entry.account)
            await self._close_open(entry)
            if self.tasks is not None:
                name = entry.account.key
                self.tasks.say(lambda: arg(self.tr("%1 was signed out by the server (token expired)."), name))
            return
        if self.window is None or self.tasks is None or self._signing_out:
            return
        server, username = self.tasks.server_url, self.tasks.username
        self.accounts.expired(Account(server, username))
        log.info("session ended by the server: %s", detail or "no reason given")
        self.show_sign_in(server, username, lambda: messages.session_ended(detail))
        await self._leave_main()

    async def sign_out(self) -> None:
        """Sign out on the server, delete the stored token, forget the account; show another open account, or
        sign-in when there is none.

        If the server cannot be told, the token is still forgotten here and the dialog says so.
        """
        if self.window is None or self.tasks is None or self._signing_out:
            return  # a second click while the first sign-out waits for the server
        self._signing_out = True
        try:
            window, tasks = self.window, self.tasks
            server, username = tasks.server_url, tasks.username
            tasks.auth.paused = True  # the server's 401 to a token already revoked is no news
            tasks.say(lambda: self.tr("Signing out…"))
            failure: CvatError | None = None
            if self.client is not None:
                try:
                    await self.client.logout()
                except CvatError as exc:  # offline: the token is still forgotten locally
                    log.info("server sign-out failed: %s", type(exc).__name__)
                    failure = exc
            self.accounts.forget(Account(server, username))
            if self.window is not window:
                return  # the session ended some other way meanwhile (a 401 or the window was closed)
            others = self.accounts.others()
            if not others:
                self.show_sign_in(server, username, lambda: messages.sign_out_notice(failure))
            await self._leave_main()
            if others and self.window is None:
                self._show_open(others[0])
                shown = others[0].tasks
                await shown.page_settled(SAY_AFTER_PAGE_WAIT)  # said after its page's own "%n task(s) found"
                name = Account(server, username).key
                shown.say(lambda: arg(self.tr("Signed out of %1."), name))
        finally:
            self._signing_out = False

    async def shutdown(self) -> None:
        """Close everything before the event loop stops."""
        await self._close_others()
        if self.window is not None:
            self._leaving = True
            self.window.close()
        for dialog in (self.dialog, self.register_dialog):
            if dialog is not None:
                dialog.hide()
        await self._close_tasks()
        await self._close_client()
