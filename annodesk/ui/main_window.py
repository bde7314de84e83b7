"""The main window: a view over a :class:`~annodesk.tasks.controller.TaskController` — the paged task table with
server-side search and sort, the details pane, the menus and the status bar. It builds and binds widgets; the
controller loads, and the features (deletion, job editing, authoring, transfers, thumbnails) get the controller
and the widgets they attach to."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annodesk.api import CvatError
from annodesk.api.models import Page, Task, User
from annodesk.i18n import LiveText, arg, format_datetime, live
from annodesk.models.task_table import TaskTableModel, sortable
from annodesk.session.checkout_store import CheckoutStore
from annodesk.session.repository import Fetched
from annodesk.settings import Settings
from annodesk.tasks.controller import PAGE_SIZES, TaskController
from annodesk.tasks.projects import ProjectsController

from .cache_notice import CacheNotice
from .elided_label import ElidedLabel
from .job_editing import JobEditing
from .language_menu import LanguageMenu
from .offline_actions import OfflineActions
from .pager import Pager
from .profile_box import show_profile
from .projects import ProjectBrowsing
from .screen_fit import keep_on_screen
from .task_authoring import TaskAuthoring
from .task_deletion import TaskDeletion
from .task_details import PREVIEW_SIZE, PROPERTIES_BESIDE_WIDTH, TaskDetails
from .task_table import TaskTable, column_of, ordering_of
from .thumbnails import TableThumbnails
from .transfer_actions import TransferActions
from .workspace.opening import JobOpening, store_for

SEARCH_DEBOUNCE_MS = 300


class MainWindow(QMainWindow):
    """Shows what ``controller`` loads; ``languageRequested(choice)`` carries the Language menu's ``system``,
    ``en`` or ``zh_CN``. ``pageShown`` / ``detailsShown(task id)`` follow each page / details load, shown."""

    signOutRequested = Signal()
    languageRequested = Signal(str)
    pageShown = Signal()
    detailsShown = Signal(int)
    closed = Signal()

    def __init__(
        self, controller: TaskController, settings: QSettings, offline_store: CheckoutStore | None = None
    ) -> None:
        super().__init__()
        self.controller = controller
        self.settings = settings
        # the checked-out jobs (issue 16): the app's store, or one beside the offline cache (tests)
        # (None: the store could not be opened, offline jobs are off)
        self.offline_store = offline_store if offline_store is not None else store_for(controller.repository)
        self.setWindowTitle(f"annodesk — {controller.username} @ {controller.server_url}")
        self._message: LiveText = ""
        self._notice: LiveText = ""
        self.pages_shown = 0  # page loads ended (shown, or failed with the previous page kept)
        self._build_widgets()
        self._bind_controller()
        self._build_menus()
        self.retranslate_ui()
        self._restore_settings()

    # -- construction ----------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.banner = QLabel()
        self.banner.setObjectName("offlineBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "background: #fff3cd; color: #5c4400; padding: 6px; border-bottom: 1px solid #e0c97a;"
        )
        self.banner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.banner.hide()

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._apply_search)

        self.model = TaskTableModel(self)
        self.model.sortRequested.connect(self.controller.sort_by)
        self.table = TaskTable(self.model)
        self.table_menu = self.table.menu
        self.table.horizontalHeader().sectionClicked.connect(self._header_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.pager = Pager(PAGE_SIZES)
        self.pager.pageRequested.connect(self.controller.go_to_page)
        self.pager.stepRequested.connect(lambda step: self.controller.go_to_page(self.controller.page + step))
        self.pager.pageSizeChosen.connect(self._page_size_changed)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 6, 6)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.table)
        left_layout.addWidget(self.pager)

        self.details = TaskDetails()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner, 0)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.server_label = QLabel(self.controller.server_url)
        self.state_label = QLabel()
        self.state_label.setObjectName("connectionState")
        self.user_button = QPushButton(self.controller.username)  # a push button leaves room for its menu arrow
        self.user_button.setFlat(True)
        self.message_label = ElidedLabel()  # a long message ends in “…”, the whole of it in the tooltip
        self.notice_label = QLabel()
        self.notice_label.setObjectName("sessionNotice")
        self.notice_label.setStyleSheet("color: #8a5a00;")
        self.notice_label.hide()
        status = self.statusBar()
        status.addWidget(self.message_label, 1)
        status.addPermanentWidget(self.notice_label)
        status.addPermanentWidget(self.server_label)
        status.addPermanentWidget(self.user_button)
        status.addPermanentWidget(self.state_label)
        self.cache_notice = CacheNotice(status, self.controller.repository)
        self._show_connection_state()

    def _bind_controller(self) -> None:
        tasks = self.controller
        tasks.pageLoaded.connect(self._show_page)
        tasks.pageFailed.connect(self._page_failed)
        tasks.detailsLoading.connect(self._details_loading)
        tasks.taskChanged.connect(self._task_changed)
        tasks.previewLoaded.connect(self._preview_loaded)
        tasks.detailsLoaded.connect(self.detailsShown.emit)
        tasks.connectionChanged.connect(self._show_connection_state)
        tasks.usersChanged.connect(self._users_changed)
        tasks.profileChanged.connect(lambda user: self.user_button.setText(user.display_name))
        tasks.message.connect(self.set_message)

    def _build_menus(self) -> None:
        self.refresh_action = QAction(self)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        if self.refresh_action.shortcut().isEmpty():
            self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.triggered.connect(self.controller.refresh)
        self.sign_out_action = QAction(self)
        self.sign_out_action.triggered.connect(self.signOutRequested.emit)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.triggered.connect(self.close)
        self.profile_action = QAction(self)
        self.profile_action.triggered.connect(self.show_profile)

        self.file_menu = file_menu = self.menuBar().addMenu("")
        file_menu.addAction(self.refresh_action)
        file_menu.addSeparator()
        file_menu.addAction(self.sign_out_action)
        file_menu.addAction(self.quit_action)
        # The Task menu and the table's context menu: actions on the selected task, each feature in its own module.
        self.task_menu = self.menuBar().addMenu("")
        self.task_menu.setToolTipsVisible(True)
        tasks, table, details = self.controller, self.table, self.details
        self.authoring = TaskAuthoring(tasks, self, self.task_menu, table, details)
        self.task_deletion = TaskDeletion(tasks, table)
        self.task_menu.addAction(self.task_deletion.action)
        table.menu.addAction(self.task_deletion.action)
        self.job_editing = JobEditing(tasks, details)  # the details pane's jobs tree: status and assignee
        self.transfers = TransferActions(tasks, self, self.task_menu, table, details, self.statusBar(), self.settings)
        self.view_menu = self.menuBar().addMenu("")
        self.view_menu.setToolTipsVisible(True)
        self.thumbnails = TableThumbnails(table, self.model, tasks.repository, self.settings)
        self.view_menu.addAction(self.thumbnails.action)
        self.workspaces = JobOpening.attach(
            tasks, self.settings, details, self.view_menu, self, self.closed, store=self.offline_store
        )  # the jobs tree opens jobs; checked-out ones read from the store
        self.offline: OfflineActions | None = None
        if self.offline_store is not None:
            self.offline = OfflineActions.attach(
                tasks, self.settings, self.offline_store, details, self.task_menu, self.view_menu, self.workspaces,
                self, self.closed,
            )  # fmt: skip
        self.projects = ProjectBrowsing(ProjectsController(tasks), self.view_menu, details, self.authoring)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.projects.dock)
        self.task_deletion.deleted.connect(self.thumbnails.forget)
        tasks.onlineChanged.connect(self.thumbnails.online_changed)
        self.account_menu = account = self.menuBar().addMenu("")
        account.addAction(self.profile_action)
        account.addAction(self.sign_out_action)
        self.language_menu = LanguageMenu(self)
        self.language_menu.chosen.connect(self.languageRequested.emit)
        self.language_actions = self.language_menu.actions_by_choice
        self.menuBar().addMenu(self.language_menu)
        user_menu = QMenu(self)
        user_menu.addAction(self.profile_action)
        user_menu.addAction(self.sign_out_action)
        self.user_button.setMenu(user_menu)
        self.addAction(self.refresh_action)

    # -- language --------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set every text in the current language. Called at construction and on each language change;
        nothing is reloaded, and page, selection, search text, scroll and open tab stay as they are."""
        self.search.setPlaceholderText(self.tr("Search tasks (name, owner, mode, status)…"))
        for action, text in (
            (self.refresh_action, self.tr("&Refresh")),
            (self.sign_out_action, self.tr("Sign &out")),
            (self.quit_action, self.tr("&Quit")),
            (self.profile_action, self.tr("&Profile…")),
        ):
            action.setText(text)
        for menu, title in (
            (self.file_menu, self.tr("&File")),
            (self.task_menu, self.tr("&Task")),
            (self.view_menu, self.tr("&View")),
            (self.account_menu, self.tr("&Account")),
        ):
            menu.setTitle(title)
        self.task_deletion.retranslate()
        self.thumbnails.retranslate()
        self.workspaces.retranslate()
        if self.offline is not None:
            self.offline.retranslate()
        self.authoring.retranslate()
        self.projects.retranslate()
        self.model.retranslate()
        self._update_pager()
        self._show_connection_state()
        self.message_label.setText(live(self._message))
        self.notice_label.setText(self.tr("⚠ Session not saved"))
        self.notice_label.setToolTip(live(self._notice))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_language_choice(self, choice: str, system_language: str) -> None:
        """Check ``choice`` (``system``, ``en``, ``zh_CN``) in the Language menu; name what ``system`` means."""
        self.language_menu.set_choice(choice, system_language)

    # -- settings --------------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        stored = Settings(self.settings)
        geometry = stored.window_geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 760)
        keep_on_screen(self)  # a geometry saved elsewhere (or the default) may not fit this screen
        if stored.window_state is None or not self.restoreState(stored.window_state):
            self.projects.dock.hide()  # until chosen in the View menu (Ctrl+Shift+P, or Ctrl+P to go to the list)
        if stored.splitter is None:
            self._first_start_split()
        for splitter, state in ((self.splitter, stored.splitter), (self.details.splitter, stored.details_splitter)):
            if state is not None:
                splitter.restoreState(state)
        header = stored.table_header
        if header is None or not self.table.horizontalHeader().restoreState(header):
            self.table.default_widths()
        self.thumbnails.restore()
        self.pager.set_page_size(self.controller.page_size)
        # The server sorts; what the header last showed is restored with the header state.
        header_view = self.table.horizontalHeader()
        ordering = ordering_of(header_view.sortIndicatorSection(), header_view.sortIndicatorOrder())
        if ordering != self.controller.ordering:
            self.controller.sort_by(ordering)  # replaces the first page's load, started before the window

    def take_layout_of(self, other: MainWindow) -> None:
        """Take ``other`` 's place and shape: geometry, splitters and column widths (switching accounts)."""
        self.restoreGeometry(other.saveGeometry())
        self.splitter.setSizes(other.splitter.sizes())
        self.details.splitter.setSizes(other.details.splitter.sizes())
        header, source = self.table.horizontalHeader(), other.table.horizontalHeader()
        for section in range(min(header.count(), source.count())):
            header.resizeSection(section, source.sectionSize(section))

    def _first_start_split(self) -> None:
        """Table and details 3 : 2, the details at least as wide as the preview beside the properties needs (then
        every property shows with no scrolling), unless that would leave the table less than half the window."""
        total = self.width()
        details = max(total * 2 // 5, PREVIEW_SIZE + PROPERTIES_BESIDE_WIDTH + 24)  # + the pane's margins
        if details > total // 2:
            details = total * 2 // 5
        self.splitter.setSizes([total - details, details])

    def save_settings(self) -> None:
        """Remember geometry, splitters, column widths and page size."""
        stored = Settings(self.settings)
        stored.set_window_geometry(self.saveGeometry())
        stored.splitter = self.splitter.saveState()
        stored.details_splitter = self.details.splitter.saveState()
        stored.table_header = self.table.horizontalHeader().saveState()
        stored.window_state = self.saveState()
        stored.page_size = self.controller.page_size
        stored.ordering = self.controller.ordering
        stored.sync()

    # -- input -------------------------------------------------------------------------------------

    def _apply_search(self) -> None:
        self._search_timer.stop()
        self.controller.set_search(self.search.text())

    def _page_size_changed(self, size: int) -> None:
        Settings(self.settings).page_size = size
        self.controller.set_page_size(size)

    def _header_clicked(self, column: int) -> None:
        header = self.table.horizontalHeader()
        if not sortable(column):
            section, order = column_of(self.controller.ordering)
            header.blockSignals(True)
            header.setSortIndicator(section, order)
            header.blockSignals(False)
            self.set_message(lambda: self.tr("The server cannot sort by this column."))
            return
        self.model.sort(column, header.sortIndicatorOrder())

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.controller.select(self.model.task_at(current.row()) if current.isValid() else None)

    # -- what the controller loaded ----------------------------------------------------------------

    def _show_page(self, fetched: Fetched[Page[Task]]) -> None:
        keep = self.table.selected_task()
        self.model.set_tasks(fetched.value.results, self.controller.users)
        self._update_pager()
        row = self.model.row_of(keep.id) if keep else None
        if row is None and self.model.rowCount() > 0:
            row = 0
        if row is not None:
            self.table.select_row(row)
        else:
            self.controller.select(None)
        self.pages_shown += 1
        self.pageShown.emit()

    def _page_failed(self, _error: CvatError) -> None:
        self._update_pager()
        self.pages_shown += 1
        self.pageShown.emit()

    def _details_loading(self, task: Task | None) -> None:
        self.details.show_task(task, self.controller.users)  # at once, from the page; then the server's copy
        if task is not None:
            self.details.show_loading()

    def _task_changed(self, task: Task) -> None:
        self.model.replace_task(task)
        if self.details.task is not None and self.details.task.id == task.id:
            self.details.show_task(task, self.controller.users)

    def _preview_loaded(self, task_id: int, data: bytes | None) -> None:
        if self.details.task is None or self.details.task.id != task_id:
            return
        if not self.details.set_preview(data) and data:
            self.set_message(lambda: self.tr("The preview image sent by the server could not be read."))

    def _users_changed(self, users: dict[int, User]) -> None:
        self.model.set_users(users)
        if self.details.task is not None:
            self.details.show_task(self.details.task, users)

    def set_message(self, text: LiveText) -> None:
        """Show ``text`` in the status bar (a function is asked again when the language changes)."""
        self._message = text
        self.message_label.setText(live(text))

    def show_session_notice(self, text: LiveText) -> None:
        """A lasting status-bar mark that the session is not remembered (full reason in its tooltip)."""
        self._notice = text
        self.notice_label.setText(self.tr("⚠ Session not saved"))
        self.notice_label.setToolTip(live(text))
        self.notice_label.show()
        self.set_message(text)

    def _update_pager(self) -> None:
        self.pager.show_state(self.controller.page, self.controller.page_count, self.controller.total)

    def _show_connection_state(self) -> None:
        online = self.controller.online
        self.state_label.setText(self.tr("● Online") if online else self.tr("● Offline"))
        style = "color: #2e7d32;" if online else "color: #b00020;"
        if self.state_label.styleSheet() != style:  # a style sheet set again re-polishes the label
            self.state_label.setStyleSheet(style)
        self.banner.setVisible(not online)
        if online:
            return
        since = self.controller.offline_since
        if since:
            text = self.tr("Offline — data from %1. The server cannot be reached; retrying in the background.")
            self.banner.setText(arg(text, format_datetime(since)))
        else:
            self.banner.setText(
                self.tr("Offline — no saved data. The server cannot be reached; retrying in the background.")
            )

    # -- misc ------------------------------------------------------------------------------------

    def show_profile(self) -> None:
        """A small dialog with the signed-in user's profile."""
        show_profile(self, self.controller.profile, self.controller.username, self.controller.server_url)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.thumbnails.loader.stop()
        self._search_timer.stop()
        self.save_settings()
        super().closeEvent(event)
        self.closed.emit()
