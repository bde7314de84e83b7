"""Saving from the workspace: *Save* (Ctrl+S, remappable) and *Save and mark the job completed*, in the Job menu and
a toolbar; the save's state in the status bar; the conflict view when a save needs the user's decisions.

:class:`SaveActions` gets the controller and the widgets it attaches to (a menu, a toolbar, the status bar, the key
map, the widget that parents the conflict view), never the window. It drives ``controller.saving``
(:class:`~annodesk.workspace.saving.JobSaving`) once the job is loaded and follows its signals.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSizeF, Signal
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import QLabel, QMenu, QStatusBar, QStyle, QToolBar, QWidget

from annodesk.annotations import MergeResult
from annodesk.api import NetworkError
from annodesk.i18n import LiveText, arg, format_number, live
from annodesk.session.job_save import Saved
from annodesk.workspace.controller import Problem, WorkspaceController
from annodesk.workspace.saving import JobSaving

from .conflict_view import ConflictView
from .keymap import KeyMap

IDLE, SAVING, SAVED, FAILED, REFUSED, CONFLICTS = "idle", "saving", "saved", "failed", "refused", "conflicts"
OFFLINE = "offline"  # a checked-out job with no server: nothing sent, the edits kept here for the sync


def problem_words(problem: Problem) -> str:
    """A save's problem in one line (the save's own words already say why and that the edits are kept)."""
    return live(problem.text)


class SaveActions(QObject):
    """The save actions of one workspace. ``state`` is one of ``idle``, ``saving``, ``saved``, ``failed``,
    ``refused``, ``conflicts``, ``offline``; ``stateChanged(state)`` follows it (the close guard waits on it).
    Offline (a checked-out job, no server) a save is not tried: it says the edits are kept here and will be synced,
    and asks the app to try the server."""

    stateChanged = Signal(str)

    def __init__(
        self,
        controller: WorkspaceController,
        menu: QMenu,
        toolbar: QToolBar,
        status_bar: QStatusBar,
        keymap: KeyMap,
        dialog_parent: QWidget,
    ) -> None:
        super().__init__(dialog_parent)
        self.controller = controller
        self._dialog_parent = dialog_parent
        self.state = IDLE
        self._text: LiveText = ""
        self.conflict_view: ConflictView | None = None
        self._bound_saving: JobSaving | None = None

        style = dialog_parent.style()
        self.save_action = QAction(self)
        self.save_action.setObjectName("saveAction")
        self.save_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton))
        self.save_action.triggered.connect(lambda: self.save())
        keymap.bind("save", self.save_action)
        self.save_completed_action = QAction(self)
        self.save_completed_action.setObjectName("saveCompletedAction")
        self.save_completed_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton))
        self.save_completed_action.triggered.connect(lambda: self.save(mark_completed=True))
        existing = menu.actions()
        if existing:  # first in the menu
            menu.insertActions(existing[0], [self.save_action, self.save_completed_action])
            menu.insertSeparator(existing[0])
        else:
            menu.addActions([self.save_action, self.save_completed_action])
        toolbar.addAction(self.save_action)
        toolbar.addAction(self.save_completed_action)
        dialog_parent.addAction(self.save_action)  # Ctrl+S wherever the focus is in the window

        self.state_label = QLabel()
        self.state_label.setObjectName("saveState")
        status_bar.addPermanentWidget(self.state_label)

        controller.loaded.connect(self._loaded)
        controller.offlineChanged.connect(self._offline_changed)
        self._update_enabled()
        self.retranslate()

    # -- actions ------------------------------------------------------------------------------------

    @property
    def saving(self) -> JobSaving | None:
        """The controller's save (once the job is loaded)."""
        return self.controller.saving if self.controller.editor is not None else None

    def save(self, mark_completed: bool = False) -> None:
        """Save the job's edits (and, with ``mark_completed``, set its status to completed)."""
        saving = self.saving
        if saving is None:
            return
        if self.controller.offline:
            self._offline()
            self.controller.check_connection()
            return
        saving.save(mark_completed=mark_completed)

    def _offline(self) -> None:
        self._set_state(
            OFFLINE,
            lambda: self.tr(
                "Offline: your changes are kept on this computer and will be synced when the server answers again."
            ),
        )

    def _loaded(self) -> None:
        saving = self.saving
        if saving is not None and saving is not self._bound_saving:
            self._bound_saving = saving
            saving.started.connect(self._started)
            saving.saved.connect(self._saved)
            saving.failed.connect(self._failed)
            saving.refused.connect(self._refused)
            saving.conflicts.connect(self._conflicts)
            saving.statusSaved.connect(self._completed)
        self._update_enabled()

    def _update_enabled(self) -> None:
        ready = self.saving is not None
        running = self.state == SAVING
        self.save_action.setEnabled(ready and not running)
        self.save_completed_action.setEnabled(ready and not running)

    # -- the save's outcome -------------------------------------------------------------------------

    def _set_state(self, state: str, text: LiveText) -> None:
        self.state = state
        self._text = text
        self.state_label.setText(live(text))
        self.state_label.setToolTip(live(text))
        self._update_enabled()
        self.stateChanged.emit(state)

    def _started(self) -> None:
        self._set_state(SAVING, lambda: self.tr("Saving…"))

    def _saved(self, saved: Saved) -> None:
        created, updated, deleted, merged = saved.created, saved.updated, saved.deleted, saved.merged

        def text() -> str:
            if not (created or updated or deleted):
                counts = self.tr("Saved; nothing had changed.")
            else:
                counts = arg(
                    self.tr("Saved: %1 new, %2 changed, %3 deleted."),
                    format_number(created),
                    format_number(updated),
                    format_number(deleted),
                )
            if merged:
                return arg(self.tr("%1 Other users' changes were merged in."), counts)
            return counts

        if self.conflict_view is not None and self.conflict_view.isVisible():
            self.conflict_view.close()
            self._dialog_parent.activateWindow()  # back to the work (and its keys)
        self._set_state(SAVED, text)

    def _completed(self, _job: object) -> None:
        saved = self._text
        self._set_state(SAVED, lambda: arg(self.tr("%1 The job is marked completed."), live(saved)))

    def _offline_changed(self, offline: bool) -> None:
        if not offline and self.state == OFFLINE:
            self._set_state(IDLE, "")  # the server answers again: saving works (the offline bar says so)

    def _failed(self, problem: Problem) -> None:
        if self.controller.offline and isinstance(problem.error, NetworkError):
            self._offline()  # a checked-out job: the controller went offline, the edits wait in the journal
        else:
            self._set_state(FAILED, lambda: problem_words(problem))
        if self.conflict_view is not None and self.conflict_view.isVisible():
            self.conflict_view.save_failed()

    def _refused(self, problem: Problem) -> None:
        self._set_state(REFUSED, lambda: problem_words(problem))
        if self.conflict_view is not None and self.conflict_view.isVisible():
            self.conflict_view.save_failed()

    def _conflicts(self, result: MergeResult) -> None:
        count = len(result.conflicts)
        self._set_state(
            CONFLICTS, lambda: self.tr("Not saved yet: %n change(s) conflict with another user's; choose.", "", count)
        )
        self.show_conflicts(result)

    def show_conflicts(self, result: MergeResult) -> ConflictView:
        """The conflict view (made once per window) showing ``result``, raised."""
        view = self.conflict_view
        if view is None:
            editor = self.controller.editor
            assert editor is not None
            view = self.conflict_view = ConflictView(editor.labels, self._dialog_parent)
            view.resolved.connect(self._resolve)
            view.frameWanted.connect(self._frame_wanted)
            self.controller.imageReady.connect(self._image_ready)
        view.show_result(result)
        view.show()
        view.raise_()
        view.activateWindow()
        return view

    def _resolve(self, choices: dict) -> None:
        saving = self.saving
        if saving is not None:
            saving.resolve(choices)

    def _frame_wanted(self, frame: int) -> None:
        controller = self.controller
        controller.go_to(frame)
        if controller.frame == frame and controller.image is not None:
            self._image_ready(frame, controller.image)

    def _image_ready(self, frame: int, image: object) -> None:
        view = self.conflict_view
        if view is not None and isinstance(image, QImage):
            view.set_frame_image(frame, image, QSizeF(self.controller.image_size))

    # -- language -----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.save_action.setText(self.tr("&Save"))
        self.save_action.setToolTip(self.tr("Save your edits to the server (other users' changes are merged in)"))
        self.save_completed_action.setText(self.tr("Save and mark the job &completed"))
        self.save_completed_action.setToolTip(self.tr("Save your edits, then set the job's status to completed"))
        self.state_label.setText(live(self._text))
        self.state_label.setToolTip(live(self._text))
