"""Projects (contract §7) in the main window: a dock with the paged projects list — search, owner / assignee /
status filters, server-side ordering by header click — and the actions on it: *All tasks*, *New project…*,
*Rename or reassign…* (F2), *Delete project…* (Del: it says the project's tasks go with it, as CVAT deletes them,
and asks). Choosing a row shows that project's tasks in the task table. Every write is off while offline.

The feature gets the :class:`~annodesk.tasks.projects.ProjectsController` and the widgets it attaches to (the View
menu, the task details, the task authoring); the window only docks :attr:`ProjectBrowsing.dock`.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annodesk.api.projects import Project
from annodesk.i18n import arg
from annodesk.models.elide import elided
from annodesk.models.project_table import PROJECT_COLUMNS, ProjectTableModel
from annodesk.models.vocabulary import STATUS
from annodesk.tasks.controller import PAGE_SIZES
from annodesk.tasks.projects import ProjectsController

from .copy_text import add_copy_action
from .pager import Pager
from .task_details import TaskDetails

if TYPE_CHECKING:
    from .project_dialog import ProjectDialog
    from .task_authoring import TaskAuthoring

SEARCH_DEBOUNCE_MS = 300
COLUMN_WIDTHS = (44, 170, 84, 70, 70, 120)
MIN_WIDTH = 150  # the dock's narrowest (its content scrolls sideways below its natural width)
COUNT_TIMEOUT = 5.0  # seconds the delete confirmation waits to say how many tasks go with the project


class ProjectsPane(QWidget):
    """The dock's content: search, filters, the table, the pager, what the task table shows, and the buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projectsPane")
        self.search = QLineEdit()
        self.search.setObjectName("projectSearch")
        self.search.setClearButtonEnabled(True)
        self.owner = QLineEdit()
        self.owner.setObjectName("projectOwnerFilter")
        self.owner.setClearButtonEnabled(True)
        self.assignee = QLineEdit()
        self.assignee.setObjectName("projectAssigneeFilter")
        self.assignee.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.setObjectName("projectStatusFilter")
        self.status.addItem("", "")
        for _text, value in STATUS.items():
            self.status.addItem("", value)
        self.model = ProjectTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("projectTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        add_copy_action(self.table)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, max(width, header.sectionSizeHint(column)))
        self.pager = Pager(PAGE_SIZES, count_text=lambda total: self.tr("%Ln project(s) in all", "", total))
        self.showing = QLabel()
        self.showing.setObjectName("projectShowing")
        self.showing.setWordWrap(True)
        self.all_tasks_button = QPushButton()
        self.all_tasks_button.setObjectName("allTasksButton")
        self.new_button = QToolButton()
        self.edit_button = QToolButton()
        self.delete_button = QToolButton()

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for widget in (self.owner, self.assignee, self.status):
            filters.addWidget(widget, 1)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.all_tasks_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.pager)
        layout.addLayout(buttons)
        layout.addWidget(self.showing)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(self.tr("Search projects (name, owner, assignee, status)…"))
        self.owner.setPlaceholderText(self.tr("Owner"))
        self.owner.setToolTip(self.tr("Only projects whose owner's username contains this"))
        self.owner.setAccessibleName(self.tr("Owner filter"))
        self.assignee.setPlaceholderText(self.tr("Assignee"))
        self.assignee.setToolTip(self.tr("Only projects whose assignee's username contains this"))
        self.assignee.setAccessibleName(self.tr("Assignee filter"))
        self.status.setItemText(0, self.tr("Any status"))
        for index in range(1, self.status.count()):
            self.status.setItemText(index, STATUS.display(str(self.status.itemData(index))))
        self.status.setAccessibleName(self.tr("Status filter"))
        self.all_tasks_button.setText(self.tr("All tas&ks"))
        self.all_tasks_button.setToolTip(self.tr("Show every task again, in whatever project"))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def selected_project(self) -> Project | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.project_at(index.row()) if index.isValid() else None

    def select_project(self, project_id: int | None) -> bool:
        """Make the row of ``project_id`` current (``None``: none); whether the page has it."""
        selection = self.table.selectionModel()
        row = None if project_id is None else self.model.row_of(project_id)
        if row is None:
            selection.clearCurrentIndex()
            selection.clearSelection()
            return project_id is None
        self.table.selectRow(row)
        return True


class ProjectBrowsing(QObject):
    """The projects dock and its actions over ``controller``. ``dialogShown(dialog)`` / ``confirmationShown(box)``
    hand the (non-blocking) dialogs to tests; ``deleteSettled(project id, deleted)`` after a deletion."""

    dialogShown = Signal(object)
    confirmationShown = Signal(object)
    deleteSettled = Signal(int, bool)

    def __init__(
        self, controller: ProjectsController, view_menu: QMenu, details: TaskDetails, authoring: TaskAuthoring
    ) -> None:
        super().__init__(view_menu)
        self.controller = controller
        self.tasks = controller.tasks
        self.details = details
        self.authoring = authoring
        authoring.projects = controller  # the create-task dialog offers the projects, the chosen one first
        self.dialog: ProjectDialog | None = None
        self.confirmation: QMessageBox | None = None
        self._confirm_button: QPushButton | None = None
        self._asking = False
        self._select_when_shown: int | None = None  # a created project, chosen once the list shows it
        self._restoring = False  # a page is being shown: the current row follows the chosen project
        self.pane = pane = ProjectsPane()
        self.dock = QDockWidget()
        self.dock.setObjectName("projectsDock")
        scroller = QScrollArea()  # the pane's natural width (pager, buttons) must not widen a small window
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidget(pane)
        scroller.setMinimumWidth(MIN_WIDTH)
        self.dock.setWidget(scroller)
        self.dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.view_action = self.dock.toggleViewAction()
        self.view_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        view_menu.addAction(self.view_action)
        self.view_action.toggled.connect(self._shown_or_hidden)
        self.focus_action = QAction(self.dock)  # Ctrl+P: to the projects list (the dock opens if closed)
        self.focus_action.setShortcut(QKeySequence("Ctrl+P"))
        self.focus_action.triggered.connect(self.focus_list)
        view_menu.addAction(self.focus_action)

        self.new_action = QAction(self.dock)
        self.new_action.setObjectName("newProjectAction")
        self.new_action.triggered.connect(self.show_create)
        self.edit_action = QAction(self.dock)
        self.edit_action.setObjectName("editProjectAction")
        self.edit_action.setShortcut(QKeySequence("F2"))
        self.edit_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.edit_action.triggered.connect(lambda: self.show_edit())
        self.delete_action = QAction(self.dock)
        self.delete_action.setObjectName("deleteProjectAction")
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self.ask_delete)
        for action, button in (
            (self.new_action, pane.new_button),
            (self.edit_action, pane.edit_button),
            (self.delete_action, pane.delete_button),
        ):
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            pane.table.addAction(action)
        pane.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._filter_timer.timeout.connect(self._apply_filters)
        pane.search.textChanged.connect(lambda _text: self._search_timer.start())
        pane.search.returnPressed.connect(self._apply_search)
        for line in (pane.owner, pane.assignee):
            line.textChanged.connect(lambda _text: self._filter_timer.start())
            line.returnPressed.connect(self._apply_filters)
        pane.status.currentIndexChanged.connect(lambda _index: self._apply_filters())
        pane.model.sortRequested.connect(self._sort)
        pane.table.horizontalHeader().sectionClicked.connect(self._header_clicked)
        pane.table.selectionModel().currentRowChanged.connect(self._current_changed)
        pane.pager.pageRequested.connect(controller.go_to_page)
        pane.pager.stepRequested.connect(lambda step: controller.go_to_page(controller.page + step))
        pane.pager.pageSizeChosen.connect(controller.set_page_size)
        pane.all_tasks_button.clicked.connect(self.show_all_tasks)

        controller.pageLoaded.connect(self._show_page)
        controller.chosenChanged.connect(self._show_chosen)
        controller.namesChanged.connect(details.set_project_names)
        controller.projectSaved.connect(self._project_saved)
        self.tasks.usersChanged.connect(pane.model.set_users)
        self.tasks.onlineChanged.connect(self.update_state)
        self.tasks.profileChanged.connect(self.update_state)
        self.retranslate()
        controller.start()

    # -- texts and state ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.dock.setWindowTitle(self.tr("Projects"))
        self.view_action.setText(self.tr("&Projects"))
        self.view_action.setToolTip(self.tr("Show or hide the projects list"))
        self.focus_action.setText(self.tr("Go to the projects &list"))
        self.new_action.setText(self.tr("&New project…"))
        self.edit_action.setText(self.tr("&Rename or reassign…"))
        self.delete_action.setText(self.tr("&Delete project…"))
        self._show_chosen(self.controller.chosen)
        self._update_pager()
        self.update_state()

    def update_state(self, *_args: object) -> None:
        """Writes on while online (rename / delete: with a project selected); the tooltips say why not."""
        c = self.controller
        online = self.tasks.online
        project = self.pane.selected_project()
        self.new_action.setEnabled(online and c.may_create())
        self.edit_action.setEnabled(online and project is not None and c.may_change(project))
        self.delete_action.setEnabled(online and project is not None and c.may_delete(project) and not self._asking)
        if not online:
            why = self.tr("Offline: projects cannot be changed until the server is back.")
            for action in (self.new_action, self.edit_action, self.delete_action):
                action.setToolTip(why)
            return
        if c.may_create():
            self.new_action.setToolTip(self.tr("Create a project on the server"))
        else:
            self.new_action.setToolTip(self.tr("Only the user and admin groups may create projects."))
        if project is None:
            for action in (self.edit_action, self.delete_action):
                action.setToolTip(self.tr("Select a project first."))
            return
        if c.may_change(project):
            self.edit_action.setToolTip(arg(self.tr("Rename project #%1 or change its assignee"), project.id))
        else:
            self.edit_action.setToolTip(self.tr("Only the project's owner, its assignee and admins may change it."))
        if c.may_delete(project):
            self.delete_action.setToolTip(arg(self.tr("Delete project #%1 and all its tasks"), project.id))
        else:
            self.delete_action.setToolTip(self.tr("Only the project's owner and admins may delete it."))

    def _update_pager(self) -> None:
        c = self.controller
        self.pane.pager.show_state(c.page, c.page_count, c.total)

    def _show_chosen(self, project: Project | None) -> None:
        pane = self.pane
        pane.all_tasks_button.setEnabled(project is not None)
        if project is None:
            pane.showing.setText(self.tr("The task table shows all tasks."))
        else:
            pane.showing.setText(
                arg(self.tr("The task table shows the tasks of project #%1 “%2”."), project.id, elided(project.name))
            )

    # -- input -------------------------------------------------------------------------------------

    def focus_list(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.pane.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _apply_search(self) -> None:
        self._search_timer.stop()
        self.controller.set_search(self.pane.search.text())

    def _apply_filters(self) -> None:
        self._filter_timer.stop()
        pane = self.pane
        self.controller.set_filters(
            owner=pane.owner.text(), assignee=pane.assignee.text(), status=str(pane.status.currentData() or "")
        )

    def _sort(self, ordering: str) -> None:
        self.controller.sort_by("" if ordering == "-id" else ordering)

    def _header_clicked(self, column: int) -> None:
        if PROJECT_COLUMNS[column].ordering is None:  # the server cannot sort by it: the indicator stays
            c = self.controller
            field = c.ordering.lstrip("-") or "id"
            section = next((i for i, col in enumerate(PROJECT_COLUMNS) if col.ordering == field), 0)
            order = (
                Qt.SortOrder.DescendingOrder
                if c.ordering.startswith("-") or not c.ordering
                else Qt.SortOrder.AscendingOrder
            )
            self.pane.table.horizontalHeader().setSortIndicator(section, order)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        project = self.pane.model.project_at(current.row()) if current.isValid() else None
        self.update_state()
        if project is not None and not self._restoring:
            self.controller.choose(project)

    def _shown_or_hidden(self, shown: bool) -> None:
        """Closing the list shows all tasks again: no filter stays on that nothing on screen names."""
        if not shown and self.controller.chosen is not None:
            self.show_all_tasks()

    def show_all_tasks(self) -> None:
        """The task table shows every task again (the projects list keeps its page)."""
        self.pane.select_project(None)
        self.controller.choose(None)
        self.update_state()

    def _show_page(self, _fetched: object) -> None:
        pane, c = self.pane, self.controller
        self._restoring = True  # a new page is no new choice: the chosen project stays chosen
        try:
            pane.model.set_projects(c.projects, self.tasks.users)
            if c.chosen_id is not None:
                pane.select_project(c.chosen_id)
        finally:
            self._restoring = False
        pending, self._select_when_shown = self._select_when_shown, None
        if pending is not None:
            pane.select_project(pending)  # a new project: chosen (the task table shows its tasks: none yet)
        self._update_pager()
        self.update_state()

    def _project_saved(self, project: Project) -> None:
        self.pane.model.replace_project(project)
        if self.controller.chosen_id == project.id:
            self._show_chosen(project)

    # -- dialogs -----------------------------------------------------------------------------------

    def show_create(self) -> ProjectDialog | None:
        return self._open_dialog(None) if self.new_action.isEnabled() else None

    def show_edit(self, project: Project | None = None) -> ProjectDialog | None:
        project = project or self.pane.selected_project()
        if project is None or not self.tasks.online or not self.controller.may_change(project):
            return None
        return self._open_dialog(project)

    def _open_dialog(self, project: Project | None) -> ProjectDialog:
        from .project_dialog import ProjectDialog

        if self.dialog is not None:
            self.dialog.reject()
            self.dialog.deleteLater()
        dialog = ProjectDialog(self.controller, self.tasks.users, project, self.pane.window())
        dialog.saved.connect(self._dialog_saved)
        self.dialog = dialog
        dialog.open()
        self.dialogShown.emit(dialog)
        return dialog

    def _dialog_saved(self, project: Project) -> None:
        """A created project is chosen once the list shows it (its page is reloading); a changed one stays."""
        if not self.pane.select_project(project.id):
            self._select_when_shown = project.id

    # -- deletion ----------------------------------------------------------------------------------

    def ask_delete(self) -> None:
        """Ask (window-modal, Cancel the default) to delete the selected project with its tasks."""
        project = self.pane.selected_project()
        if project is None or self._asking or not self.delete_action.isEnabled():
            return
        self._asking = True
        self.update_state()
        self.tasks.run(self._ask(project))

    async def _ask(self, project: Project) -> None:
        try:
            count = await asyncio.wait_for(self.controller.task_count(project), COUNT_TIMEOUT)
        except TimeoutError:
            count = None
        box = QMessageBox(self.pane.window())
        box.setObjectName("deleteProjectConfirmation")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Delete project"))
        name = elided(project.name)
        if count is None:
            text = arg(
                self.tr(
                    "Delete project #%1 “%2”? All its tasks are deleted with it on the server, with their jobs, "
                    "annotations and media. This cannot be undone."
                ),
                project.id,
                name,
            )
        else:
            text = arg(
                self.tr(
                    "Delete project #%1 “%2”? Its %Ln task(s) are deleted with it on the server, with their jobs, "
                    "annotations and media. This cannot be undone.",
                    "",
                    count,
                ),
                project.id,
                name,
            )
        box.setText(text)
        delete = box.addButton(self.tr("&Delete project and tasks"), QMessageBox.ButtonRole.DestructiveRole)
        delete.setAutoDefault(False)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.finished.connect(lambda _result: self._answered(box, project))
        self.confirmation, self._confirm_button = box, delete
        box.open()
        cancel.setFocus()
        self.confirmationShown.emit(box)

    def _answered(self, box: QMessageBox, project: Project) -> None:
        confirmed = self._confirm_button is not None and box.clickedButton() is self._confirm_button
        self.confirmation = self._confirm_button = None
        box.deleteLater()
        if confirmed:
            self.tasks.run(self._delete(project))
        else:
            self._asking = False
            self.update_state()
            self.deleteSettled.emit(project.id, False)

    async def _delete(self, project: Project) -> None:
        try:
            deleted = await self.controller.delete(project)
        finally:
            self._asking = False
            self.update_state()
        if deleted:
            self.pane.select_project(None)
        self.deleteSettled.emit(project.id, deleted)
