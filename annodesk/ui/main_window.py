"""The main window: paged task table with server-side search and sort, details pane, status bar."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QLocale, QModelIndex, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annodesk.api import CvatError, NetworkError, NotAuthenticated, NotFound
from annodesk.api.models import Task, User
from annodesk.i18n import LANGUAGES, SYSTEM, LiveText, arg, format_datetime, format_number, language, live
from annodesk.models.task_table import COLUMNS, TaskTableModel, sortable
from annodesk.models.vocabulary import display_group
from annodesk.session.repository import Fetched, PageQuery, Repository

from .background import spawn
from .job_editing import JobEditing
from .messages import action_error
from .task_deletion import TaskDeletion
from .task_details import TaskDetails
from .thumbnails import TableThumbnails
from .transfer_actions import TransferActions
from .workspace.opening import attach_to_main_window

if TYPE_CHECKING:  # loaded when first opened
    from .create_task_dialog import CreateTaskDialog
    from .edit_task_dialog import EditTaskDialog

PAGE_SIZES = (10, 25, 50, 100)
SEARCH_DEBOUNCE_MS = 300
RETRY_FIRST_MS = 3_000
RETRY_MAX_MS = 60_000


class MainWindow(QMainWindow):
    """Browses one server as one user through a :class:`Repository` (live, or cached when offline).

    ``unauthorized(detail)`` carries the server's reason (may be empty); ``languageRequested(choice)`` the
    Language menu's ``system``, ``en`` or ``zh_CN``.
    """

    signOutRequested = Signal()
    unauthorized = Signal(str)
    languageRequested = Signal(str)
    pageShown = Signal()
    detailsShown = Signal(int)
    onlineChanged = Signal(bool)
    closed = Signal()

    def __init__(self, repository: Repository, server_url: str, username: str, settings: QSettings) -> None:
        super().__init__()
        self.repository = repository
        self.server_url = server_url
        self.username = username
        self.settings = settings
        self.setWindowTitle(f"annodesk — {username} @ {server_url}")
        self.users: dict[int, User] = {}
        self.profile: User | None = None
        self.online = True
        self.offline_since: float | None = None
        self.page_count = 1
        self.total = 0
        self._page = 1
        self._shown_page = 1  # the page the table shows (``_page`` is the one asked for)
        self._ordering = ""
        self._page_generation = 0
        self._details_generation = 0
        self._retry_ms = RETRY_FIRST_MS
        self._closing = False
        self._message: LiveText = ""
        self._notice: LiveText = ""
        self._system_language = LANGUAGES[0]  # what "System default" means; the controller says

        self._build_widgets()
        self._build_menus()
        self.retranslate_ui()
        self._restore_settings()
        self.transfers = TransferActions(self)  # export / import annotations: Task menu, context menus, status
        self.workspaces = attach_to_main_window(self)  # open jobs: jobs tree, My jobs (annodesk.ui.workspace)

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
        self.model.sortRequested.connect(self._sort_by)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.sectionClicked.connect(self._header_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_table_menu)

        self.first_button = QPushButton("«")
        self.prev_button = QPushButton("‹")
        self.next_button = QPushButton("›")
        self.last_button = QPushButton("»")
        for button in (self.first_button, self.prev_button, self.next_button, self.last_button):
            button.setFixedWidth(40)
        self.first_button.clicked.connect(lambda: self.go_to_page(1))
        self.prev_button.clicked.connect(lambda: self.go_to_page(self._page - 1))
        self.next_button.clicked.connect(lambda: self.go_to_page(self._page + 1))
        self.last_button.clicked.connect(lambda: self.go_to_page(self.page_count))
        self.page_label = QLabel()
        self.count_label = QLabel()
        self.page_size_box = QComboBox()
        self.page_size_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # texts change
        for size in PAGE_SIZES:
            self.page_size_box.addItem("", size)
        self.page_size_box.currentIndexChanged.connect(self._page_size_changed)

        pager = QHBoxLayout()
        for widget in (self.first_button, self.prev_button, self.page_label, self.next_button, self.last_button):
            pager.addWidget(widget)
        pager.addStretch(1)
        pager.addWidget(self.count_label)
        pager.addWidget(self.page_size_box)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 6, 6)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.table)
        left_layout.addLayout(pager)

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

        self.server_label = QLabel(self.server_url)
        self.state_label = QLabel()
        self.state_label.setObjectName("connectionState")
        self.user_button = QPushButton(self.username)  # a push button leaves room for its menu arrow
        self.user_button.setFlat(True)
        self.message_label = QLabel()
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
        self._show_connection_state()
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self.refresh)

    def _build_menus(self) -> None:
        self.refresh_action = QAction(self)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        if self.refresh_action.shortcut().isEmpty():
            self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.triggered.connect(self.refresh)
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
        # The Task menu and the table's context menu: actions on the selected task (each in its own module):
        # New task…, Edit task… (task authoring), Delete task… (TaskDeletion), then export and import (TransferActions,
        # added once the window is built).
        self.task_menu = self.menuBar().addMenu("")
        self.task_menu.setToolTipsVisible(True)
        self.table_menu = QMenu(self)
        self.table_menu.setToolTipsVisible(True)
        self._build_task_authoring()
        self.task_deletion = TaskDeletion(self)
        self.task_menu.addAction(self.task_deletion.action)
        self.table_menu.addAction(self.task_deletion.action)
        self.job_editing = JobEditing(self)  # the details pane's jobs tree: status and assignee
        self.view_menu = self.menuBar().addMenu("")
        self.view_menu.setToolTipsVisible(True)
        self.thumbnails = TableThumbnails(self.table, self.model, self.repository, self.settings)
        self.view_menu.addAction(self.thumbnails.action)
        self.task_deletion.deleted.connect(self.thumbnails.forget)
        self.onlineChanged.connect(self.thumbnails.online_changed)
        self.account_menu = account = self.menuBar().addMenu("")
        account.addAction(self.profile_action)
        account.addAction(self.sign_out_action)
        self.language_menu = self.menuBar().addMenu("")
        self.language_group = QActionGroup(self)  # exclusive: one choice is checked
        self.language_actions: dict[str, QAction] = {}
        for choice in (SYSTEM, *(item.code for item in LANGUAGES)):
            action = QAction(self.language_group)
            action.setCheckable(True)
            action.setData(choice)
            action.triggered.connect(lambda _checked=False, choice=choice: self.languageRequested.emit(choice))
            self.language_menu.addAction(action)
            self.language_actions[choice] = action
        self.language_actions[SYSTEM].setChecked(True)
        user_menu = QMenu(self)
        user_menu.addAction(self.profile_action)
        user_menu.addAction(self.sign_out_action)
        self.user_button.setMenu(user_menu)
        self.addAction(self.refresh_action)

    def task_context_menu(self) -> QMenu:
        """The task table's context menu (each feature adds its actions on the selected task to it)."""
        return self.table_menu

    # -- language --------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set every text in the current language. Called at construction and on each language change;
        nothing is reloaded, and page, selection, search text, scroll and open tab stay as they are."""
        self.search.setPlaceholderText(self.tr("Search tasks (name, owner, mode, status)…"))
        for button, tip in (
            (self.first_button, self.tr("First page")),
            (self.prev_button, self.tr("Previous page")),
            (self.next_button, self.tr("Next page")),
            (self.last_button, self.tr("Last page")),
        ):
            button.setToolTip(tip)
            button.setAccessibleName(tip)
        for index in range(self.page_size_box.count()):
            size = int(self.page_size_box.itemData(index))
            self.page_size_box.setItemText(index, self.tr("%n per page", "", size))
        self.refresh_action.setText(self.tr("&Refresh"))
        self.sign_out_action.setText(self.tr("Sign &out"))
        self.quit_action.setText(self.tr("&Quit"))
        self.profile_action.setText(self.tr("&Profile…"))
        self.file_menu.setTitle(self.tr("&File"))
        self.task_menu.setTitle(self.tr("&Task"))
        self.view_menu.setTitle(self.tr("&View"))
        self.task_deletion.retranslate()
        self.thumbnails.retranslate()
        self.account_menu.setTitle(self.tr("&Account"))
        self.language_menu.setTitle(self.tr("&Language"))
        system = self.language_actions[SYSTEM]
        system.setText(arg(self.tr("&System default (%1)"), self._system_language.native_name))
        for item in LANGUAGES:
            self.language_actions[item.code].setText(item.native_name)  # each language named in itself
        self.model.retranslate()
        self._retranslate_task_authoring()
        self._update_pager()
        self._show_connection_state()
        if not self.online:
            self._show_banner()
        self.message_label.setText(live(self._message))
        self.notice_label.setText(self.tr("⚠ Session not saved"))
        self.notice_label.setToolTip(live(self._notice))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_language_choice(self, choice: str, system_language: str) -> None:
        """Check ``choice`` (``system``, ``en``, ``zh_CN``) in the Language menu; name what ``system`` means."""
        self._system_language = language(system_language)
        action = self.language_actions.get(choice)
        if action is not None:
            action.setChecked(True)
        self.retranslate_ui()

    # -- settings --------------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        geometry = self.settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 760)
        splitter = self.settings.value("main/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        details_splitter = self.settings.value("main/detailsSplitter")
        if details_splitter is not None:
            self.details.splitter.restoreState(details_splitter)
        header = self.settings.value("main/tableHeader")
        if header is None or not self.table.horizontalHeader().restoreState(header):
            for column, width in enumerate((60, 320, 90, 100, 90, 90, 90, 130, 130)):
                self.table.setColumnWidth(column, width)
        self.thumbnails.restore()
        size = int(self.settings.value("main/pageSize", PAGE_SIZES[0]))
        index = self.page_size_box.findData(size if size in PAGE_SIZES else PAGE_SIZES[0])
        self.page_size_box.blockSignals(True)
        self.page_size_box.setCurrentIndex(index)
        self.page_size_box.blockSignals(False)
        # The server sorts; what the header last showed is restored with the header state.
        header_view = self.table.horizontalHeader()
        self._ordering = _ordering_of(header_view.sortIndicatorSection(), header_view.sortIndicatorOrder())

    def save_settings(self) -> None:
        """Remember geometry, splitters, column widths and page size."""
        self.settings.setValue("main/geometry", self.saveGeometry())
        self.settings.setValue("main/splitter", self.splitter.saveState())
        self.settings.setValue("main/detailsSplitter", self.details.splitter.saveState())
        self.settings.setValue("main/tableHeader", self.table.horizontalHeader().saveState())
        self.settings.setValue("main/pageSize", self.page_size)
        self.settings.sync()

    # -- state -----------------------------------------------------------------------------------

    @property
    def page(self) -> int:
        return self._page

    @property
    def page_size(self) -> int:
        return int(self.page_size_box.currentData())

    @property
    def ordering(self) -> str:
        return self._ordering

    def query(self) -> PageQuery:
        """What the table currently asks the server for."""
        return PageQuery(self._page, self.page_size, self.search.text().strip(), self._ordering)

    def selected_task(self) -> Task | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.task_at(index.row()) if index.isValid() else None

    def _show_table_menu(self, position: QPoint) -> None:
        """The table's context menu, for the row under the pointer (selected first), else the selected row (the
        menu key)."""
        index = self.table.indexAt(position)
        if not index.isValid():
            index = self.table.selectionModel().currentIndex()
            position = self.table.visualRect(index).center()
        elif index.row() != self.table.selectionModel().currentIndex().row():
            self.table.selectRow(index.row())
        if index.isValid():
            self.table_menu.popup(self.table.viewport().mapToGlobal(position))

    # -- loading ---------------------------------------------------------------------------------

    def start(self) -> None:
        """Load the profile, the user names and the first page."""
        spawn(self._load_profile())
        spawn(self._load_users())
        self.refresh()

    def refresh(self) -> None:
        """Reload the current page (F5). The selection survives."""
        spawn(self._load_page(self.query()))

    def go_to_page(self, page: int) -> None:
        page = max(1, min(page, self.page_count))
        if page != self._page:
            self._page = page
            self.refresh()

    def _apply_search(self) -> None:
        self._search_timer.stop()
        self._page = 1
        self.refresh()

    def _page_size_changed(self, _index: int) -> None:
        self.settings.setValue("main/pageSize", self.page_size)
        self._page = 1
        self.refresh()

    def _header_clicked(self, column: int) -> None:
        if not sortable(column):
            header = self.table.horizontalHeader()
            section, order = _column_of(self._ordering)
            header.blockSignals(True)
            header.setSortIndicator(section, order)
            header.blockSignals(False)
            self.set_message(lambda: self.tr("The server cannot sort by this column."))
            return
        header = self.table.horizontalHeader()
        self.model.sort(column, header.sortIndicatorOrder())

    def _sort_by(self, ordering: str) -> None:
        self._ordering = ordering
        self._page = 1
        self.refresh()

    async def _load_page(self, query: PageQuery) -> None:
        self._page_generation += 1
        generation = self._page_generation
        self.set_message(lambda: self.tr("Loading…"))
        try:
            fetched = await self.repository.tasks(query)
        except asyncio.CancelledError:
            raise
        except NotAuthenticated as exc:
            self.unauthorized.emit(exc.detail)
            return
        except NotFound as exc:
            if generation == self._page_generation and query.page > 1:
                self._page = 1  # the page vanished (fewer tasks now): start over
                self.refresh()
                return
            self._report(exc, generation)
            return
        except CvatError as exc:
            self._report(exc, generation)
            return
        if generation != self._page_generation or self._closing:
            return  # a newer request owns the table now
        self._show_page(fetched)

    def _show_page(self, fetched: Fetched) -> None:
        page = fetched.value
        keep = self.selected_task()
        self.model.set_tasks(page.results, self.users)
        self.total = page.count
        self.page_count = page.page_count
        self._page = self._shown_page = min(page.page, self.page_count)
        self._update_pager()
        row = self.model.row_of(keep.id) if keep else None
        if row is None and self.model.rowCount() > 0:
            row = 0
        if row is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        else:
            self.details.show_task(None)
        self._set_source(fetched)
        if fetched.live:
            count = page.count
            self.set_message(lambda: self.tr("%Ln task(s) found", "", count))
        elif fetched.error is not None:
            error = fetched.error
            self.set_message(lambda: action_error(error))
        else:
            self.set_message("")
        self.pageShown.emit()

    def set_message(self, text: LiveText) -> None:
        """Show ``text`` in the status bar (a function is asked again when the language changes)."""
        self._message = text
        self.message_label.setText(live(text))

    def _update_pager(self) -> None:
        self.page_label.setText(
            arg(self.tr("Page %1 of %2"), format_number(self._page), format_number(self.page_count))
        )
        self.count_label.setText(self.tr("%Ln task(s) in all", "", self.total))
        self.first_button.setEnabled(self._page > 1)
        self.prev_button.setEnabled(self._page > 1)
        self.next_button.setEnabled(self._page < self.page_count)
        self.last_button.setEnabled(self._page < self.page_count)

    def _report(self, exc: CvatError, generation: int) -> None:
        if generation != self._page_generation:
            return
        self._page = self._shown_page  # the table still shows that page: the pager must agree
        self._update_pager()
        error = exc
        self.set_message(lambda: action_error(error))
        if isinstance(exc, NetworkError):
            self._go_offline(self.offline_since)
        self.pageShown.emit()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        task = self.model.task_at(current.row()) if current.isValid() else None
        self.details.show_task(task, self.users)  # at once, from the page; refreshed when the server answers
        if task is not None and not self._closing:
            spawn(self._load_details(task))

    async def _load_details(self, task: Task) -> None:
        """Fetch the task's latest details and its preview together; only the newest selection is shown."""
        self._details_generation += 1
        generation = self._details_generation
        preview = self.repository.preview(task.id) if task.has_data else _nothing()
        fresh, image = await asyncio.gather(self.repository.task(task.id), preview, return_exceptions=True)
        shown = self.details.task
        if generation != self._details_generation or self._closing or shown is None or shown.id != task.id:
            return  # a newer selection owns the details pane
        failures = [r for r in (fresh, image) if isinstance(r, BaseException)]
        for failure in failures:
            if isinstance(failure, NotAuthenticated):
                self.unauthorized.emit(failure.detail)
                return
            if not isinstance(failure, CvatError):
                raise failure
        if isinstance(fresh, Fetched):
            self.model.replace_task(fresh.value)
            self.details.show_task(fresh.value, self.users)
            self._set_source(fresh)
        data = image.value if isinstance(image, Fetched) else None
        readable = self.details.set_preview(data)
        error = next((f for f in failures if isinstance(f, CvatError)), None)
        error = error or (fresh.error if isinstance(fresh, Fetched) else None)
        if error is not None:
            if isinstance(error, NetworkError):
                self._go_offline(self.offline_since)
            failure_shown = error
            self.set_message(lambda: action_error(failure_shown))
        elif data and not readable:
            self.set_message(lambda: self.tr("The preview image sent by the server could not be read."))
        self.detailsShown.emit(task.id)

    async def _load_users(self) -> None:
        try:
            fetched = await self.repository.users()
        except CvatError:
            return  # names fall back to #id
        self.users = {user.id: user for user in fetched.value}
        self.model.set_users(self.users)
        if self.details.task is not None:
            self.details.show_task(self.details.task, self.users)

    async def _load_profile(self) -> None:
        try:
            fetched = await self.repository.profile()
        except NotAuthenticated as exc:
            self.unauthorized.emit(exc.detail)
            return
        except CvatError:
            return
        self.profile = fetched.value
        self.user_button.setText(self.profile.display_name)

    def show_session_notice(self, text: LiveText) -> None:
        """A lasting status-bar mark that the session is not remembered (full reason in its tooltip)."""
        self._notice = text
        self.notice_label.setText(self.tr("⚠ Session not saved"))
        self.notice_label.setToolTip(live(text))
        self.notice_label.show()
        self.set_message(text)

    # -- online / offline ------------------------------------------------------------------------

    def _set_source(self, fetched: Fetched) -> None:
        if fetched.live:
            self._go_online()
        else:
            self._go_offline(fetched.saved_at)

    def _go_online(self) -> None:
        was_offline = not self.online
        self.online = True
        self.offline_since = None
        self._retry_ms = RETRY_FIRST_MS
        self._retry_timer.stop()
        self.banner.hide()
        self._show_connection_state()
        if was_offline:
            spawn(self._load_users())
            spawn(self._load_profile())
            self.onlineChanged.emit(True)

    def _go_offline(self, saved_at: float | None) -> None:
        was_online = self.online
        self.online = False
        if saved_at:
            self.offline_since = saved_at
        self._show_banner()
        self.banner.show()
        self._show_connection_state()
        if not self._retry_timer.isActive() and not self._closing:
            self._retry_timer.start(self._retry_ms)
            self._retry_ms = min(self._retry_ms * 2, RETRY_MAX_MS)
        if was_online:
            self.onlineChanged.emit(False)

    def _show_banner(self) -> None:
        if self.offline_since:
            text = self.tr("Offline — data from %1. The server cannot be reached; retrying in the background.")
            self.banner.setText(arg(text, format_datetime(self.offline_since)))
        else:
            self.banner.setText(
                self.tr("Offline — no saved data. The server cannot be reached; retrying in the background.")
            )

    def _show_connection_state(self) -> None:
        if self.online:
            self.state_label.setText(self.tr("● Online"))
            self.state_label.setStyleSheet("color: #2e7d32;")
        else:
            self.state_label.setText(self.tr("● Offline"))
            self.state_label.setStyleSheet("color: #b00020;")

    # -- tasks: create and edit (issue 6; dialogs in create_task_dialog.py / edit_task_dialog.py) -------------

    def _build_task_authoring(self) -> None:
        """The Task menu's *New task…* (Ctrl+N) and *Edit task…* (Ctrl+E, also a button of the details pane)."""
        self.create_dialog: CreateTaskDialog | None = None
        self.edit_dialog: EditTaskDialog | None = None
        self._select_when_shown: int | None = None  # a task to select once the table shows a page with it
        self.new_task_action = QAction(self)
        self.new_task_action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.new_task_action.triggered.connect(self.show_create_task)
        self.edit_task_action = QAction(self)
        self.edit_task_action.setShortcut(QKeySequence("Ctrl+E"))
        self.edit_task_action.setEnabled(False)
        self.edit_task_action.triggered.connect(lambda: self.show_edit_task())
        self.task_menu.addAction(self.new_task_action)
        self.task_menu.addAction(self.edit_task_action)
        self.table_menu.addAction(self.edit_task_action)
        self.details.add_action(self.edit_task_action)
        self.details.shown.connect(lambda task: self.edit_task_action.setEnabled(task is not None))
        self.pageShown.connect(self._select_pending_task)

    def _retranslate_task_authoring(self) -> None:
        self.new_task_action.setText(self.tr("&New task…"))
        self.edit_task_action.setText(self.tr("&Edit task…"))
        self.edit_task_action.setToolTip(self.tr("Change the name, assignee, issue tracker or labels of this task"))

    def show_create_task(self) -> CreateTaskDialog:
        """Open the create-task dialog (not modal: the window keeps working); one at a time."""
        from annodesk.session.task_writes import TaskWrites

        from .create_task_dialog import CreateTaskDialog

        if self.create_dialog is not None and self.create_dialog.isVisible():
            self.create_dialog.raise_()
            self.create_dialog.activateWindow()
            return self.create_dialog
        if self.create_dialog is not None:
            self.create_dialog.deleteLater()
        dialog = CreateTaskDialog(TaskWrites(self.repository), self)
        dialog.taskCreated.connect(self._task_created)
        dialog.unauthorized.connect(self.unauthorized.emit)
        self.create_dialog = dialog
        dialog.show()
        return dialog

    def show_edit_task(self, task: Task | None = None) -> EditTaskDialog | None:
        """Open the edit dialog for ``task`` (default: the one shown in the details pane)."""
        from annodesk.session.task_writes import TaskWrites

        from .edit_task_dialog import EditTaskDialog

        task = task or self.details.task
        if task is None:
            return None
        if self.edit_dialog is not None and self.edit_dialog.isVisible():
            if self.edit_dialog.task.id == task.id:
                self.edit_dialog.raise_()
                self.edit_dialog.activateWindow()
                return self.edit_dialog
            self.edit_dialog.reject()  # another task's: closed as with its Cancel button
        if self.edit_dialog is not None:
            self.edit_dialog.deleteLater()
        dialog = EditTaskDialog(TaskWrites(self.repository), task, self.users, self)
        dialog.taskSaved.connect(self.show_saved_task)
        dialog.unauthorized.connect(self.unauthorized.emit)
        self.edit_dialog = dialog
        dialog.show()
        return dialog

    def _task_created(self, task: Task) -> None:
        """Show the first page (newest first) and select the new task there."""
        self._select_when_shown = task.id
        self._page = 1
        self.refresh()

    def _select_pending_task(self) -> None:
        task_id, self._select_when_shown = self._select_when_shown, None
        if task_id is None:
            return
        row = self.model.row_of(task_id)
        if row is None and not self.online:
            self._select_when_shown = task_id  # the page did not load: the next one that does shows it
            return
        if row is None:
            self.set_message(
                lambda: arg(self.tr("Task #%1 created. It is not on this page: clear the search to see it."), task_id)
            )
            return
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.set_message(lambda: arg(self.tr("Task #%1 created."), task_id))

    def show_saved_task(self, task: Task) -> None:
        """A task was saved: its row and the details pane show it at once."""
        self.model.replace_task(task)
        if self.details.task is not None and self.details.task.id == task.id:
            self.details.show_task(task, self.users)
        self.set_message(lambda: arg(self.tr("Task #%1 saved."), task.id))

    # -- misc ------------------------------------------------------------------------------------

    def show_profile(self) -> None:
        """A small dialog with the signed-in user's profile."""
        user = self.profile
        if user is None:
            QMessageBox.information(self, self.tr("Profile"), self.username)
            return
        rows = [
            (self.tr("Username"), user.username),
            (self.tr("Name"), " ".join(p for p in (user.first_name, user.last_name) if p) or "—"),
            (self.tr("E-mail"), user.email or "—"),
            (self.tr("Groups"), QLocale().createSeparatedList([display_group(g) for g in user.groups]) or "—"),
            (self.tr("Server"), self.server_url),
        ]
        text = "\n".join(arg(self.tr("%1: %2"), key, value) for key, value in rows)
        QMessageBox.information(self, self.tr("Profile"), text)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closing = True
        self._retry_timer.stop()
        self.thumbnails.loader.stop()
        self._search_timer.stop()
        self.save_settings()
        super().closeEvent(event)
        self.closed.emit()


async def _nothing() -> Fetched[bytes | None]:
    return Fetched(None)


def _ordering_of(section: int, order: Qt.SortOrder) -> str:
    if not sortable(section):
        return ""
    field = COLUMNS[section].ordering or ""
    ordering = ("-" if order == Qt.SortOrder.DescendingOrder else "") + field
    return "" if ordering == "-id" else ordering  # -id is the server's default


def _column_of(ordering: str) -> tuple[int, Qt.SortOrder]:
    descending = ordering.startswith("-") or not ordering
    field = ordering.lstrip("-") or "id"
    section = next((i for i, c in enumerate(COLUMNS) if c.ordering == field), 0)
    return section, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
