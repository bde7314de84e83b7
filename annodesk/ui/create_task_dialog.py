"""The create-task dialog (Task → New task…): name, labels, files and advanced options; then create the task,
upload its files with a real progress bar and follow the server's processing until the task is ready.

The three steps are done one by one, and a failure leaves what succeeded in place: an upload that breaks keeps
the created task and offers *Retry upload* (only the files are sent again); a lost status keeps the uploaded
files (only the status is asked again). Like CVAT's web UI, a task whose upload is cancelled or whose files the
server cannot process is deleted, and the dialog says so. Every input stays as typed. The dialog is not modal:
the main window keeps working, and nothing here blocks the event loop (files are read by the client off the GUI
thread; folders are scanned off it too).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annodesk.api import errors
from annodesk.api.models import Task
from annodesk.api.task_models import TaskStatus
from annodesk.i18n import LiveText, arg, live
from annodesk.messages import error_sentence, upload_interrupted, with_detail
from annodesk.models.elide import elided
from annodesk.models.vocabulary import display_processing_state
from annodesk.session.task_creation import Step, TaskCreation
from annodesk.session.task_writes import DataOptions, NewTaskOptions, TaskWrites

from .background import spawn
from .file_picker import FilePicker
from .form import ErrorLabel, FieldWithError, add_row
from .label_editor import LabelEditor
from .task_form import TransferProgress, bug_tracker_problem, show_field_errors

MAX_FRAME = 10_000_000
COMPRESSING = re.compile(r"^Images are being compressed (\d{1,3})%$")


class CreateTaskDialog(QDialog):
    """Creates one task. ``taskCreated(task)`` when the server has processed its files (then the dialog closes);
    ``questionShown(box)`` hands the (non-blocking)
    questions to tests; the file picker is ``files_box`` (:class:`~annodesk.ui.file_picker.FilePicker`)."""

    taskCreated = Signal(object)
    attemptFinished = Signal()
    statusShown = Signal(str)  # a processing state was shown: Queued, Started, Finished, Failed
    questionShown = Signal(object)

    @property
    def step(self) -> Step:
        """What the next *Create*/*Retry* does."""
        return self.flow.step

    @property
    def task(self) -> Task | None:
        """The task created on the server (steps CREATED and UPLOADED)."""
        return self.flow.task

    def __init__(self, writes: TaskWrites, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("createTaskDialog")
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.flow = TaskCreation(writes)  # the create → upload → follow → discard steps (session layer)
        self.poll_interval = 1.0  # seconds between status requests, as CVAT's web UI
        self.processing_state = ""  # the server's last state (raw): Queued, Started, Finished, Failed
        self._work: asyncio.Task[None] | None = None
        self._stage: asyncio.Task[object] | None = None  # the upload or status polling under way
        self._stopping = False  # the user asked to cancel
        self._close_after = False
        self._phase: LiveText = ""
        self._notice: LiveText = ""
        self.question: QMessageBox | None = None

        self._build()
        self.retranslate_ui()
        self.resize(1120, 700)

    # -- construction ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.name = QLineEdit()
        self.name.setObjectName("taskName")
        top = QFormLayout()
        self.name_row = add_row(top, "", self.name)
        self.project = QComboBox()  # a task in a project keeps its own labels (CVAT v1.1 projects have none)
        self.project.setObjectName("taskProject")
        self.project.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.project.addItem("", None)
        self.project_row = add_row(top, "", self.project)

        self.editor = LabelEditor()
        self.labels_box = QGroupBox()
        labels_layout = QVBoxLayout(self.labels_box)
        labels_layout.addWidget(self.editor)

        self.files_box = FilePicker()
        self.files_error = self.files_box.error

        self.segment_size = QSpinBox()
        self.segment_size.setRange(0, MAX_FRAME)
        self.overlap = QSpinBox()
        self.overlap.setRange(-1, MAX_FRAME)
        self.overlap.setValue(-1)
        self.image_quality = QSpinBox()
        self.image_quality.setRange(5, 100)
        self.image_quality.setValue(70)
        self.image_quality.setSuffix("%")
        self.start_frame = QSpinBox()
        self.start_frame.setRange(0, MAX_FRAME)
        self.stop_frame = QSpinBox()
        self.stop_frame.setRange(-1, MAX_FRAME)
        self.stop_frame.setValue(-1)
        self.frame_step = QSpinBox()
        self.frame_step.setRange(1, MAX_FRAME)
        self.bug_tracker = QLineEdit()
        self.bug_tracker.setObjectName("bugTracker")
        self.bug_tracker.setPlaceholderText("https://")
        for spin in (self.segment_size, self.overlap, self.start_frame, self.stop_frame, self.frame_step):
            spin.setAccelerated(True)
        advanced = QFormLayout()
        self.segment_row = add_row(advanced, "", self.segment_size)
        self.overlap_row = add_row(advanced, "", self.overlap)
        self.quality_row = add_row(advanced, "", self.image_quality)
        self.start_row = add_row(advanced, "", self.start_frame)
        self.stop_row = add_row(advanced, "", self.stop_frame)
        self.step_row = add_row(advanced, "", self.frame_step)
        self.bug_tracker_row = add_row(advanced, "", self.bug_tracker)
        self.advanced_box = QGroupBox()
        self.advanced_box.setLayout(advanced)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.files_box, 1)
        right_layout.addWidget(self.advanced_box)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.labels_box)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        self.state_label = QLabel()
        self.state_label.setObjectName("processingState")
        font = self.state_label.font()
        font.setBold(True)
        self.state_label.setFont(font)
        self.phase_label = QLabel()
        self.phase_label.setObjectName("phase")
        self.phase_label.setWordWrap(True)
        self.progress = TransferProgress()
        self.progress.hide()
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #1b5e20;")
        self.general_error = ErrorLabel()
        self.general_error.setObjectName("generalError")
        self.general_error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.hide()
        self.status_row = QWidget()
        self.status_row.hide()
        status = QHBoxLayout(self.status_row)
        status.setContentsMargins(0, 0, 0, 0)
        status.addWidget(self.state_label)
        status.addWidget(self.phase_label, 1)

        self.buttons = QDialogButtonBox()
        self.create_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setObjectName("createButton")
        self.retry_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.retry_button.setObjectName("retryButton")
        self.retry_button.hide()
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancelButton")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.notice)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.create_button.setDefault(True)  # once in the dialog: Qt then gives Enter back to it

        self.create_button.clicked.connect(self.submit)
        self.retry_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.cancel)
        self.bug_tracker.editingFinished.connect(self._check_bug_tracker)

    # -- language --------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("New task"))
        self.name_row.label.setText(self.tr("Name:"))
        self.name.setPlaceholderText(self.tr("For example: street scenes, batch 3"))
        self.project_row.label.setText(self.tr("&Project:"))
        self.project.setItemText(0, self.tr("— No project —"))
        self.project.setToolTip(self.tr("The project the task belongs to; the task keeps the labels given here."))
        self.labels_box.setTitle(self.tr("Labels"))
        self.advanced_box.setTitle(self.tr("Advanced"))
        self.segment_row.label.setText(self.tr("Segment size:"))
        self.segment_size.setSpecialValueText(self.tr("Whole task (one job)"))
        self.segment_size.setToolTip(self.tr("Frames per job; each segment of the task becomes one job."))
        self.overlap_row.label.setText(self.tr("Overlap:"))
        self.overlap.setSpecialValueText(self.tr("Automatic"))
        self.overlap.setToolTip(self.tr("Frames shared by neighbouring segments."))
        self.quality_row.label.setText(self.tr("Image quality:"))
        self.image_quality.setToolTip(self.tr("JPEG quality of the compressed frames annotators see (5–100)."))
        self.start_row.label.setText(self.tr("Start frame:"))
        self.stop_row.label.setText(self.tr("Stop frame:"))
        self.stop_frame.setSpecialValueText(self.tr("Last frame"))
        self.step_row.label.setText(self.tr("Frame step:"))
        self.frame_step.setToolTip(self.tr("Use every n-th frame."))
        self.bug_tracker_row.label.setText(self.tr("Issue tracker:"))
        self.retry_button.setText(self.tr("Retry"))
        self._show_step()
        self.phase_label.setText(live(self._phase))
        self.notice.setText(live(self._notice))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- submitting ------------------------------------------------------------------------------

    def submit(self) -> None:
        """Create (or, after a failure, retry what failed): check the form, then run the next steps."""
        if self._work is not None:
            return
        self._clear_errors()
        if self.step is Step.NEW and not self._form_ready():
            return
        if self.step is not Step.UPLOADED and not self._data_ready():
            return
        self._stopping = False
        self._work = spawn(self._run())
        self._set_busy(True)

    def _form_ready(self) -> bool:
        ready = True
        if not self.name.text().strip():
            self.name_row.error.show_message(lambda: self.tr("Enter a name for the task."))
            ready = False
        if not self.editor.validate():
            ready = False
        problem = bug_tracker_problem(self.bug_tracker.text())
        if problem:
            self.bug_tracker_row.error.show_message(problem)
            ready = False
        if not ready:
            self._show_error(lambda: self.tr("Nothing was sent: fix what is marked, then try again."))
        return ready

    def _data_ready(self) -> bool:
        if not self.files_box.model.rowCount():
            self.files_error.show_message(lambda: self.tr("Add at least one image, a folder of images or an archive."))
            self._show_error(lambda: self.tr("Nothing was sent: fix what is marked, then try again."))
            return False
        if self.stop_frame.value() >= 0 and self.stop_frame.value() < self.start_frame.value():
            self.stop_row.error.show_message(lambda: self.tr("The stop frame must not be before the start frame."))
            return False
        return True

    def _check_bug_tracker(self) -> None:
        self.bug_tracker_row.error.show_message(bug_tracker_problem(self.bug_tracker.text()))

    def set_projects(self, names: Mapping[int, str], chosen: int | None = None) -> None:
        """Offer the projects ``names`` (by id), sorted by name, with ``chosen`` selected (None: no project)."""
        while self.project.count() > 1:
            self.project.removeItem(1)
        for project_id, name in sorted(names.items(), key=lambda item: (item[1].casefold(), item[0])):
            self.project.addItem(arg("#%1  %2", project_id, elided(name)), project_id)
        self.project.setCurrentIndex(max(0, self.project.findData(chosen)) if chosen is not None else 0)

    def task_options(self) -> NewTaskOptions:
        overlap = self.overlap.value()
        project = self.project.currentData()
        return NewTaskOptions(
            segment_size=self.segment_size.value(),
            overlap=None if overlap < 0 else overlap,
            bug_tracker=self.bug_tracker.text().strip(),
            project=None if project is None else int(project),
        )

    def data_options(self) -> DataOptions:
        stop, step = self.stop_frame.value(), self.frame_step.value()
        return DataOptions(
            image_quality=self.image_quality.value(),
            start_frame=self.start_frame.value() or None,
            stop_frame=None if stop < 0 else stop,
            frame_step=None if step == 1 else step,
        )

    async def _run(self) -> None:
        outside = False  # cancelled from outside (the main window closes, the app quits): the widgets may be gone
        try:
            if self.step is Step.NEW and not await self._create():
                return
            if self._stopping and self.task is not None:  # Cancel pressed while the task was being created
                await self._discard(self.task, self._cancelled_text)
                return
            if self.step is Step.CREATED and not await self._upload():
                return
            if self.step is Step.UPLOADED:
                await self._follow()
        except asyncio.CancelledError:
            outside = True
            raise
        finally:
            self._work = None
            self._stage = None
            if not outside:
                self._set_busy(False)
                self.attemptFinished.emit()
                if self._close_after:
                    self._close_after = False
                    self.done(QDialog.DialogCode.Rejected)

    async def _create(self) -> bool:
        self._set_phase(lambda: self.tr("Creating the task…"))
        self.progress.percent(None)
        self.progress.show()
        try:
            labels = self.editor.labels()
            await self.flow.create(self.name.text().strip(), labels, self.task_options())
        except errors.CvatError as exc:
            self._creation_failed(exc)
            return False
        return True

    def _creation_failed(self, exc: errors.CvatError) -> None:
        self.progress.hide()
        self._set_phase("")
        error = exc
        if isinstance(exc, errors.PermissionDenied):
            self._show_error(
                lambda: with_detail(
                    self.tr(
                        "Your account may not create tasks on this server: CVAT allows it to the admin and user "
                        "groups only. Nothing was uploaded."
                    ),
                    error.detail,
                )
            )
        elif isinstance(exc, errors.InvalidInput):
            fields = {
                "name": self.name_row.error,
                "labels": self.editor.summary,
                "segment_size": self.segment_row.error,
                "overlap": self.overlap_row.error,
                "bug_tracker": self.bug_tracker_row.error,
                "project": self.project_row.error,
                "project_id": self.project_row.error,
            }
            show_field_errors(exc, fields, self._show_error)
        else:
            self._report(exc, lambda: self.tr("The task was not created. %1"))

    async def _upload(self) -> bool:
        assert self.task is not None
        task, files = self.task, self.files_box.model.paths()
        self.progress.reset()
        self.progress.show()
        count = len(files)
        self._set_phase(lambda: self.tr("Uploading %n file(s)…", "", count))
        self._stage = asyncio.ensure_future(self.flow.upload(files, self.data_options(), self.progress.bytes_sent))
        try:
            await self._stage
        except asyncio.CancelledError:
            if not self._stopping:
                raise
            await self._discard(task, self._cancelled_text)
            return False
        except errors.UploadInterrupted as exc:
            error = exc
            self._show_error(lambda: upload_interrupted(error))
            self._set_phase(lambda: arg(self.tr("Task #%1 is created; its files are not attached yet."), task.id))
            return False
        except errors.InvalidInput as exc:
            fields = {
                "image_quality": self.quality_row.error,
                "start_frame": self.start_row.error,
                "stop_frame": self.stop_row.error,
                "frame_filter": self.step_row.error,
                "client_files": self.files_error,
            }
            show_field_errors(exc, fields, self._show_error)
            self._set_phase(lambda: arg(self.tr("Task #%1 is created; its files are not attached yet."), task.id))
            return False
        except errors.CvatError as exc:
            self._report(exc, lambda: self.tr("The files were not uploaded. %1"))
            self._set_phase(lambda: arg(self.tr("Task #%1 is created; its files are not attached yet."), task.id))
            return False
        return True

    async def _follow(self) -> None:
        assert self.task is not None
        task = self.task
        self._set_phase(lambda: self.tr("Files uploaded; waiting for the server to process them…"))
        self.progress.percent(None)
        self._stage = asyncio.ensure_future(self.flow.follow(self._show_status, interval=self.poll_interval))
        try:
            ready = await self._stage
        except asyncio.CancelledError:
            if not self._stopping:
                raise
            await self._discard(task, self._cancelled_text)
            return
        except errors.TaskProcessingFailed as exc:
            reason = exc.reason
            await self._discard(task, None)
            self._show_status(TaskStatus(state="Failed", message=reason))
            self._show_error(lambda: arg(
                self.tr(
                    "The server could not process the files: “%1”. The task #%2 was deleted on the server, as CVAT "
                    "does; check the files and create it again."
                ), reason or "?", task.id
            ))  # fmt: skip
            return
        except errors.CvatError as exc:
            self._report(exc, lambda: self.tr("The files are uploaded, but their processing could not be followed. %1"))
            return
        assert isinstance(ready, Task)
        self.taskCreated.emit(ready)
        self.accept()

    def _cancelled_text(self) -> str:
        return self.tr(
            "Cancelled. The new task “%1” (#%2) was deleted on the server, as CVAT does with a task whose upload "
            "stops. Everything you entered is still here."
        )

    async def _discard(self, task: Task, notice: Callable[[], str] | None) -> None:
        """Delete the task this dialog created (cancelled, or its files could not be processed); ``notice`` is the
        sentence (with ``%1`` the task's name, ``%2`` its id) that says so."""
        self.progress.hide()
        self._set_phase("")
        try:
            await self.flow.discard(task)
        except errors.CvatError as exc:
            error = exc
            self._show_error(lambda: arg(
                self.tr("The new task “%1” (#%2) could not be deleted on the server. %3 Delete it from the task list."),
                task.name, task.id, error_sentence(error),
            ))  # fmt: skip
            return
        if notice is not None:
            self._show_notice(lambda: arg(notice(), task.name, task.id))

    def _show_status(self, status: TaskStatus) -> None:
        self.processing_state = status.state
        self.state_label.setText(display_processing_state(status.state))
        self.status_row.show()
        message = status.message.strip()
        if status.state == "Queued":
            self._set_phase(lambda: self.tr("Waiting for the server to start processing the files…"))
            self.progress.percent(None)
        elif status.state == "Started":
            self._set_phase(lambda: self._processing_text(message))
            match = COMPRESSING.match(message)
            self.progress.percent(int(match.group(1)) if match else None)
        elif status.state == "Finished":
            self._set_phase(lambda: self.tr("The task is ready."))
            self.progress.percent(100)
        self.statusShown.emit(status.state)

    def _processing_text(self, message: str) -> str:
        """CVAT's progress messages in the current language (others as the server wrote them)."""
        match = COMPRESSING.match(message)
        if match:
            return arg(self.tr("Compressing the images: %1%"), match.group(1))
        if message == "Media files are being extracted...":
            return self.tr("Reading the uploaded files…")
        if message == "Task is being saved in database":
            return self.tr("Saving the task…")
        if message == "Data are being copied from share..":
            return self.tr("Copying the files from the server's share…")
        return message

    # -- cancelling and closing ------------------------------------------------------------------

    def cancel(self) -> None:
        """While working: stop (the new task is deleted on the server); when idle: close."""
        if self._work is None:
            self.reject()
            return
        self._stopping = True
        if self._stage is not None:
            self._stage.cancel()  # else: creating, a request of a moment; the task is deleted right after

    def reject(self) -> None:
        """Close, asking first while files are uploading or processing (the task would be deleted)."""
        if self._work is not None:
            self._ask(
                self.tr("The task is being created. Stop, delete the new task on the server and close?"),
                self.tr("Stop and close"),
                self._stop_and_close,
            )
            return
        if self.task is not None:
            task = self.task
            self._ask(
                arg(
                    self.tr("Task “%1” (#%2) was created, but its files were not attached. Delete it and close?"),
                    task.name,
                    task.id,
                ),
                self.tr("Delete and close"),
                lambda: spawn(self._delete_and_close(task)),
            )
            return
        super().reject()

    def _ask(self, text: str, action: str, on_yes: Callable[[], object]) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(), text, QMessageBox.StandardButton.NoButton)
        box.setObjectName("closeQuestion")
        yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Keep working"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(QMessageBox.StandardButton.NoButton)
        yes.clicked.connect(on_yes)
        box.finished.connect(box.deleteLater)
        self.question = box
        box.open()
        self.questionShown.emit(box)

    def _stop_and_close(self) -> None:
        if self._work is None:
            self.done(QDialog.DialogCode.Rejected)
            return
        self._close_after = True
        self.cancel()

    async def _delete_and_close(self, task: Task) -> None:
        self._set_busy(True)
        try:
            await self.flow.writes.discard(task.id)
        except errors.CvatError as exc:
            self._report(exc, lambda: self.tr("The empty task could not be deleted. %1"))
            return
        finally:
            self._set_busy(False)
        self.flow.forget()
        self.done(QDialog.DialogCode.Rejected)

    # -- presentation ----------------------------------------------------------------------------

    def _report(self, exc: errors.CvatError, sentence: Callable[[], str]) -> None:
        """Show ``sentence`` (its ``%1``: what went wrong, in the error's own sentence)."""
        error = exc
        self._show_error(lambda: arg(sentence(), error_sentence(error)))

    def _set_busy(self, busy: bool) -> None:
        created = self.step is not Step.NEW
        for widget in (self.name, self.project, self.segment_size, self.overlap, self.bug_tracker):
            widget.setEnabled(not busy and not created)
        self.editor.set_busy(busy or created)
        for widget in (self.image_quality, self.start_frame, self.stop_frame, self.frame_step):
            widget.setEnabled(not busy)
        self.files_box.set_busy(busy)
        self._show_step()
        if not busy and self.step is Step.NEW:
            self.progress.hide()

    def _show_step(self) -> None:
        """The buttons for the step: *Create* from scratch, *Retry* once something is on the server."""
        busy = self._work is not None
        retry = self.step is not Step.NEW and not busy
        self.create_button.setVisible(not retry)
        self.create_button.setEnabled(not busy)
        self.create_button.setText(self.tr("Create"))
        self.retry_button.setVisible(retry)
        if self.step is Step.UPLOADED:
            self.retry_button.setToolTip(self.tr("Ask the server again how the processing goes."))
        else:
            self.retry_button.setToolTip(self.tr("Upload the files again into the task already created."))

    def _set_phase(self, text: LiveText) -> None:
        self._phase = text
        self.phase_label.setText(live(text))
        if not text:
            self.state_label.clear()
        self.status_row.setVisible(bool(self.phase_label.text() or self.state_label.text()))

    def _show_notice(self, text: LiveText) -> None:
        self._notice = text
        self.notice.setText(live(text))
        self.notice.setVisible(bool(self.notice.text()))

    def _show_error(self, text: LiveText) -> None:
        self.general_error.show_message(text)

    def _clear_errors(self) -> None:
        self.general_error.show_message("")
        self._show_notice("")
        for row in (*self._rows(), self.project_row):
            row.error.show_message("")
        self.files_box.show_notice("")

    def _rows(self) -> list[FieldWithError]:
        return [
            self.name_row,
            self.segment_row,
            self.overlap_row,
            self.quality_row,
            self.start_row,
            self.stop_row,
            self.step_row,
            self.bug_tracker_row,
        ]

    def error_texts(self) -> dict[str, str]:
        """Visible error messages by field (for tests and accessibility tools)."""
        names = ["name", "segment_size", "overlap", "image_quality", "start_frame", "stop_frame", "frame_step"]
        names.append("bug_tracker")
        texts = {
            name: row.error.text() for name, row in zip(names, self._rows(), strict=True) if row.error.isVisibleTo(self)
        }
        others = (("files", self.files_error), ("general", self.general_error), ("labels", self.editor.summary))
        for name, label in others:
            if label.isVisibleTo(self) and label.text():
                texts[name] = label.text()
        return texts
