"""The main window's Account menu: the accounts kept on this computer with their state (the shown one checked),
switching, Add account…, Remove, Change password…, Edit profile…, then the window's own Profile… and Sign out.
It talks to the widget-free :class:`~annodesk.accounts.controller.AccountsController` only."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from annodesk.accounts.controller import AccountsController
from annodesk.i18n import arg
from annodesk.session.accounts import Account, AccountState

from .password_dialog import ChangePasswordDialog
from .profile_panel import ProfilePanel


class AccountMenu(QObject):
    """Fills ``menu`` (kept: the actions it already holds, shown last) from ``accounts``; ``owner`` parents the
    dialogs. Rebuilt each time the menu opens and when the accounts change (unless it is open)."""

    def __init__(self, accounts: AccountsController, menu: QMenu, owner: QWidget) -> None:
        super().__init__(owner)
        self.accounts = accounts
        self.menu = menu
        self.owner = owner
        self.tail = list(menu.actions())  # the window's Profile… and Sign out
        self.group = QActionGroup(self)
        self.account_actions: dict[str, QAction] = {}
        self.add_action = QAction(self)
        self.add_action.triggered.connect(accounts.addRequested.emit)
        self.password_action = QAction(self)
        self.password_action.triggered.connect(self.change_password)
        self.profile_action = QAction(self)
        self.profile_action.triggered.connect(self.edit_profile)
        self.remove_menu = QMenu(menu)
        self.password_dialog: ChangePasswordDialog | None = None
        self.profile_panel: ProfilePanel | None = None
        menu.aboutToShow.connect(self.rebuild)
        accounts.changed.connect(self._accounts_changed)
        owner.installEventFilter(self)
        self.rebuild()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.owner and event.type() == QEvent.Type.LanguageChange:
            self.rebuild()
        return False

    def _accounts_changed(self) -> None:
        if not self.menu.isVisible():
            self.rebuild()

    def state_text(self, state: AccountState) -> str:
        return {
            AccountState.ONLINE: self.tr("● online"),
            AccountState.OFFLINE: self.tr("offline"),
            AccountState.EXPIRED: self.tr("token expired"),
            AccountState.UNKNOWN: self.tr("not checked yet"),
        }[state]

    def rebuild(self) -> None:
        """The menu's entries for the accounts as they are now, in the current language."""
        menu = self.menu
        menu.clear()
        self.remove_menu.clear()
        for action in self.group.actions():
            self.group.removeAction(action)
            action.deleteLater()
        self.account_actions = {}
        for account in self.accounts.accounts():
            action = QAction(self.account_text(account), self)
            action.setCheckable(True)
            action.setChecked(account == self.accounts.active)
            action.setObjectName("account:" + account.key)
            action.triggered.connect(lambda _checked=False, chosen=account: self.accounts.switchRequested.emit(chosen))
            self.group.addAction(action)
            menu.addAction(action)
            self.account_actions[account.key] = action
            remove = self.remove_menu.addAction(arg(self.tr("%1 @ %2"), account.username, account.server))
            remove.triggered.connect(lambda _checked=False, gone=account: self.accounts.removeRequested.emit(gone))
        menu.addSeparator()
        self.add_action.setText(self.tr("Add &account…"))
        menu.addAction(self.add_action)
        self.remove_menu.setTitle(self.tr("&Remove account"))
        self.remove_menu.setEnabled(bool(self.remove_menu.actions()))
        menu.addMenu(self.remove_menu)
        menu.addSeparator()
        self.password_action.setText(self.tr("Change pass&word…"))
        self.profile_action.setText(self.tr("&Edit profile…"))
        online = self.accounts.active is not None and self.accounts.state(self.accounts.active) == AccountState.ONLINE
        self.password_action.setEnabled(online)
        self.profile_action.setEnabled(online)
        menu.addAction(self.password_action)
        menu.addAction(self.profile_action)
        menu.addActions(self.tail)

    def account_text(self, account: Account) -> str:
        state = self.state_text(self.accounts.state(account))
        return arg(self.tr("%1 @ %2 — %3"), account.username, account.server, state)

    # -- dialogs ---------------------------------------------------------------------------------------

    def change_password(self) -> ChangePasswordDialog:
        """The change-password dialog for the shown account (one at a time, not blocking the window)."""
        if self.password_dialog is None:
            self.password_dialog = ChangePasswordDialog(self.accounts.change_password, self.owner)
        self.password_dialog.reset()
        self.password_dialog.open()
        return self.password_dialog

    def edit_profile(self) -> ProfilePanel | None:
        """The profile panel for the shown account (its fields as the server lets this user change them)."""
        entry = self.accounts.open.get(self.accounts.active.key) if self.accounts.active is not None else None
        if entry is None or entry.tasks.profile is None:
            return None
        if self.profile_panel is None:
            self.profile_panel = ProfilePanel(self.accounts.update_profile, self.owner)
        self.profile_panel.show_user(entry.tasks.profile, entry.account.server)
        self.profile_panel.open()
        return self.profile_panel
