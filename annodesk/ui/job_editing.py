"""Editing jobs from the details pane's "Segments and jobs" tree: status and assignee, inline or from a menu.

A change shows at once (marked "saving…"), then the server's answer confirms it — and the task is fetched again,
since the server recomputes the task's status from its jobs — or refuses it (403, 400, 404: rolled back, with
the reason). When the network or the server fails, the change stays, marked "not saved", with Retry and
Discard in the job's menu and in a notice above the tree. Offline (cached data shown) editing is off.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from annodesk.api import CvatError, NotFound, PermissionDenied, RequestRejected
from annodesk.api.errors import InvalidInput
from annodesk.api.models import User
from annodesk.i18n import LiveText, arg, format_datetime, live
from annodesk.messages import action_error
from annodesk.models.job_editing import (
    ASSIGNEE_COLUMN,
    JOB_ID_ROLE,
    STATUS_COLUMN,
    UNSAVED,
    EditableJobTreeModel,
    JobChange,
)
from annodesk.models.vocabulary import STATUS, display_status
from annodesk.tasks.controller import TaskController

from .form import side_button
from .task_details import TaskDetails

EditRole = Qt.ItemDataRole.EditRole
NOBODY = -1  # the combo's data for "no assignee" (a combo item cannot carry None reliably)
MENU_USERS_MAX = 25  # more users than this: the job menu opens the inline picker instead of listing them
REFUSALS = (InvalidInput, PermissionDenied, NotFound, RequestRejected)  # the server said no: roll back


def sorted_users(users: Mapping[int, User]) -> list[User]:
    return sorted(users.values(), key=lambda user: user.username.casefold())


class ChoiceBox(QComboBox):
    """A combo box that says when an item was picked from its open list (a click, or Enter in the list) —
    not when arrow keys step through the closed box, which would save every step."""

    picked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._list_just_closed = False
        self.activated.connect(self._activated)

    def open_list(self) -> None:
        if self.isVisible():
            self.showPopup()

    def hidePopup(self) -> None:
        super().hidePopup()
        self._list_just_closed = True  # Qt emits activated right after this when an item was picked
        QTimer.singleShot(0, self, self._forget_list)

    def _forget_list(self) -> None:
        self._list_just_closed = False

    def _activated(self, _index: int) -> None:
        if self._list_just_closed:
            self._list_just_closed = False
            self.picked.emit()


class JobFieldDelegate(QStyledItemDelegate):
    """A combo box for a job's status (translated, sends the raw value) or assignee (users, plus nobody)."""

    def __init__(self, users: Callable[[], Mapping[int, User]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._users = users

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        combo = ChoiceBox(parent)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        current = index.data(EditRole)
        if index.column() == STATUS_COLUMN:
            combo.setObjectName("jobStatusEditor")
            for text, value in STATUS.items():
                combo.addItem(text, value)
            if current and current not in STATUS.values:  # a value of a newer server: keep it choosable
                combo.addItem(display_status(current), current)
        else:
            combo.setObjectName("jobAssigneeEditor")
            fill_assignees(combo, self._users(), current)
        combo.picked.connect(lambda editor=combo: self._commit(editor))
        QTimer.singleShot(0, combo, combo.open_list)  # the choices at once: one click (or Enter) picks and saves
        return combo

    def _commit(self, editor: QComboBox) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        value = index.data(EditRole)
        found = editor.findData(NOBODY if value is None and index.column() == ASSIGNEE_COLUMN else value)
        editor.setCurrentIndex(max(found, 0))

    def setModelData(
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        assert isinstance(editor, QComboBox)
        value = editor.currentData()
        model.setData(index, None if value == NOBODY else value, EditRole)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        rect = option.rect  # type: ignore[attr-defined]
        editor.setGeometry(rect.adjusted(0, 0, max(0, editor.sizeHint().width() - rect.width()), 0))


def fill_assignees(combo: QComboBox, users: Mapping[int, User], current: int | None) -> None:
    """ "Nobody", then every user by username; the current assignee is listed even if the user list lacks it."""
    combo.addItem(nobody_text(), NOBODY)
    for user in sorted_users(users):
        combo.addItem(user.display_name, user.id)
    if current is not None and current not in users:
        combo.addItem(f"#{current}", current)


def nobody_text() -> str:
    return QCoreApplication.translate("JobEditing", "(nobody)")


class UnsavedJobsNotice(QFrame):
    """Above the jobs tree while changes are kept unsaved: how many and why, with Retry and Discard."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unsavedJobsNotice")
        self.setStyleSheet("#unsavedJobsNotice { background: #fde2e1; border: 1px solid #e8a7a3; border-radius: 3px; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.retry_button = side_button()
        self.discard_button = side_button()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.retry_button)
        layout.addWidget(self.discard_button)
        self._count = 0
        self._reason: LiveText = ""
        self.retranslate_ui()
        self.hide()

    def show_changes(self, count: int, reason: LiveText) -> None:
        self._count, self._reason = count, reason
        self.retranslate_ui()
        self.setVisible(count > 0)

    def retranslate_ui(self) -> None:
        text = self.tr("%n job change(s) not saved. %1", "", self._count)
        self.label.setText(arg(text, live(self._reason)))
        self.retry_button.setText(self.tr("&Retry"))
        self.retry_button.setToolTip(self.tr("Send the kept changes to the server again"))
        self.discard_button.setText(self.tr("&Discard"))
        self.discard_button.setToolTip(self.tr("Forget the kept changes and show the jobs as the server has them"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class JobEditing(QObject):
    """Wires the jobs tree of ``details`` for editing and saves the changes through ``controller`` 's writes.

    ``editSettled(job_id)``: a save ended (saved, refused or kept unsaved); ``jobSaved(job_id)``: saved, and the
    task shown again with its recomputed status.
    """

    editSettled = Signal(int)
    jobSaved = Signal(int)

    def __init__(self, controller: TaskController, details: TaskDetails) -> None:
        super().__init__(details)
        self.controller = controller
        self.details = details
        self.view = details.jobs_view
        model = details.jobs_model
        assert isinstance(model, EditableJobTreeModel)
        self.model = model
        self.menu: QMenu | None = None

        self.delegate = JobFieldDelegate(lambda: self.controller.users, self)
        for column in (STATUS_COLUMN, ASSIGNEE_COLUMN):
            self.view.setItemDelegateForColumn(column, self.delegate)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._show_menu)

        self.notice = UnsavedJobsNotice()
        layout = details.jobs_page.layout()
        assert isinstance(layout, QBoxLayout)
        layout.insertWidget(0, self.notice)
        self.notice.retry_button.clicked.connect(self.retry_all)
        self.notice.discard_button.clicked.connect(self.discard_all)

        self.model.editRequested.connect(self._edit_requested)
        self.model.changesChanged.connect(self._update_notice)
        self.model.headerDataChanged.connect(lambda *_args: self.view.resizeColumnToContents(0))  # new language
        controller.onlineChanged.connect(self._online_changed)

    # -- state -----------------------------------------------------------------------------------

    def _online_changed(self, online: bool) -> None:
        if online:
            self.model.set_read_only(None)
            return
        tasks = self.controller

        def reason() -> str:
            if tasks.offline_since:
                text = self.tr("Offline: jobs cannot be changed while the data shown is from %1.")
                return arg(text, format_datetime(tasks.offline_since))
            return self.tr("Offline: jobs cannot be changed until the server is back.")

        self.model.set_read_only(reason)

    def _update_notice(self) -> None:
        self.view.resizeColumnToContents(0)  # "Job #7 (not saved)" is wider than "Job #7"
        unsaved = self.model.changes(UNSAVED)
        reason = unsaved[-1].reason if unsaved else ""
        self.notice.show_changes(len(unsaved), reason)

    # -- editing ---------------------------------------------------------------------------------

    def set_status(self, job_id: int, status: str) -> bool:
        """Change a shown job's status as the user would (the menu's entries call this)."""
        return self.model.setData(self.model.job_index(job_id, STATUS_COLUMN), status)

    def set_assignee(self, job_id: int, user_id: int | None) -> bool:
        """Assign a shown job to ``user_id`` (``None``: nobody)."""
        return self.model.setData(self.model.job_index(job_id, ASSIGNEE_COLUMN), user_id)

    def retry(self, job_id: int) -> None:
        """Send a kept change again."""
        if self.model.mark_saving(job_id):
            self._start_save(job_id)

    def retry_all(self) -> None:
        for change in self.model.changes(UNSAVED):
            self.retry(change.job_id)

    def discard(self, job_id: int) -> None:
        """Forget a kept change: the job shows what the server has."""
        change = self.model.change(job_id)
        if change is None or change.state != UNSAVED:
            return
        self.model.roll_back(job_id)
        self.controller.say(lambda: arg(self.tr("The change to job #%1 was discarded."), job_id))

    def discard_all(self) -> None:
        for change in self.model.changes(UNSAVED):
            self.discard(change.job_id)

    def _edit_requested(self, job_id: int) -> None:
        self._start_save(job_id)

    def _start_save(self, job_id: int) -> None:
        self.controller.say(lambda: arg(self.tr("Saving job #%1…"), job_id))
        self.controller.run(self._send(job_id))

    async def _send(self, job_id: int) -> None:
        change = self.model.change(job_id)
        if change is None:
            return
        try:
            saved = await self.controller.writes.update_job(job_id, **change.fields())
        except asyncio.CancelledError:
            raise
        except REFUSALS as exc:
            self._refused(change, exc)
            return
        except CvatError as exc:
            self._kept(change, exc)
            return
        self.model.confirm(job_id, saved)
        self.controller.say(lambda: arg(self.tr("Job #%1 saved."), job_id))
        self.editSettled.emit(job_id)
        await self._show_task_again(job_id, saved.task_id)
        self.jobSaved.emit(job_id)

    def _refused(self, change: JobChange, exc: CvatError) -> None:
        job_id = change.job_id
        self.model.roll_back(job_id)
        self.controller.say(
            lambda: arg(self.tr("The change to job #%1 was refused and undone. %2"), job_id, action_error(exc))
        )
        self.editSettled.emit(job_id)

    def _kept(self, change: JobChange, exc: CvatError) -> None:
        job_id = change.job_id
        self.model.mark_unsaved(job_id, lambda: action_error(exc))
        self.controller.say(
            lambda: arg(
                self.tr("The change to job #%1 is not saved: %2 It is kept; retry when the server is back."),
                job_id,
                action_error(exc),
            )
        )
        self.editSettled.emit(job_id)

    async def _show_task_again(self, job_id: int, task_id: int) -> None:
        """The server recomputed the task's status: show the task again in the table and the details pane."""
        try:
            fetched = await self.controller.writes.task_after_edit(task_id)
        except CvatError:
            return  # the job is saved; the task's status shows at the next refresh
        task = fetched.value
        current = self.view.currentIndex()
        current_job = current.data(JOB_ID_ROLE) if current.isValid() else None
        column = current.column() if current.isValid() else 0
        scroll = self.view.verticalScrollBar().value()
        self.controller.replace_task(task)  # the table's row and, when it shows this task, the details pane
        if current_job is not None:
            self.view.setCurrentIndex(self.model.job_index(current_job, column))
        self.view.verticalScrollBar().setValue(scroll)
        status = task.status
        self.controller.say(
            lambda: arg(self.tr("Job #%1 saved; task #%2 is now “%3”."), job_id, task_id, display_status(status))
        )

    # -- the job's menu --------------------------------------------------------------------------

    def _show_menu(self, position: QPoint) -> None:
        """The menu of the job under the pointer, else of the current job (the menu key)."""
        index = self.view.indexAt(position)
        if not index.isValid():
            index = self.view.currentIndex()
            position = self.view.visualRect(index).center()
        job_id = index.data(JOB_ID_ROLE) if index.isValid() else None
        if job_id is None:
            return
        self.view.setCurrentIndex(index)
        self.menu = self.job_menu(job_id)
        self.menu.popup(self.view.viewport().mapToGlobal(position))

    def job_menu(self, job_id: int) -> QMenu:
        """The context menu of a job row: status and assignee choices, Retry and Discard for a kept change."""
        menu = QMenu(self.view)
        menu.setToolTipsVisible(True)
        index = self.model.job_index(job_id, STATUS_COLUMN)
        change = self.model.change(job_id)
        editable = bool(self.model.flags(index) & Qt.ItemFlag.ItemIsEditable)
        reason = self.model.read_only_reason
        if reason is not None:
            note = menu.addAction(reason)
            note.setEnabled(False)
            menu.addSeparator()

        status_menu = menu.addMenu(self.tr("&Status"))
        status_menu.setObjectName("jobStatusMenu")
        status_menu.setEnabled(editable)
        group = QActionGroup(status_menu)
        current_status = index.data(EditRole)
        for text, value in STATUS.items():
            action = self._choice(status_menu, group, text, value == current_status)
            action.triggered.connect(lambda _checked=False, v=value: self.set_status(job_id, v))

        current_assignee = self.model.job_index(job_id, ASSIGNEE_COLUMN).data(EditRole)
        users = self.controller.users
        if len(users) <= MENU_USERS_MAX:
            assignee_menu = menu.addMenu(self.tr("&Assignee"))
            assignee_menu.setObjectName("jobAssigneeMenu")
            assignee_menu.setEnabled(editable)
            people = QActionGroup(assignee_menu)
            nobody = self._choice(assignee_menu, people, nobody_text(), current_assignee is None)
            nobody.triggered.connect(lambda _checked=False: self.set_assignee(job_id, None))
            assignee_menu.addSeparator()
            for user in sorted_users(users):
                action = self._choice(assignee_menu, people, user.display_name, user.id == current_assignee)
                action.triggered.connect(lambda _checked=False, u=user.id: self.set_assignee(job_id, u))
        else:
            choose = menu.addAction(self.tr("Choose &assignee…"))
            choose.setEnabled(editable)
            choose.triggered.connect(lambda: self.view.edit(self.model.job_index(job_id, ASSIGNEE_COLUMN)))

        menu.addSeparator()
        kept = change is not None and change.state == UNSAVED
        self.retry_action = menu.addAction(self.tr("&Retry saving"))
        self.retry_action.setEnabled(kept)
        self.retry_action.triggered.connect(lambda: self.retry(job_id))
        self.discard_action = menu.addAction(self.tr("&Discard change"))
        self.discard_action.setEnabled(kept)
        self.discard_action.triggered.connect(lambda: self.discard(job_id))
        if kept:
            self.retry_action.setToolTip(live(change.reason))  # type: ignore[union-attr]
        job = self.details.job_at(self.model.job_index(job_id, 0))
        if job is not None:  # other features' actions on this job (e.g. importing annotations into it)
            extra = self.details.job_menu(job)
            if not extra.isEmpty():
                menu.addSeparator()
                menu.addActions(extra.actions())
        return menu

    @staticmethod
    def _choice(menu: QMenu, group: QActionGroup, text: str, checked: bool) -> QAction:
        action = menu.addAction(text)
        action.setCheckable(True)
        action.setChecked(checked)
        group.addAction(action)
        return action
