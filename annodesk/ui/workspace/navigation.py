"""The workspace's navigation bar: first/previous/next/last, ±step, play, slider, frame box, speed, file name.

Its actions carry CVAT's keys (D/F previous/next, C/V ±step, Space play/pause, ` focuses the frame box); the window
adds them to itself so they work wherever the focus is (a text field keeps its own typing).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QSpinBox, QStyle, QToolButton, QWidget

from annodesk.i18n import arg, format_number
from annodesk.workspace.controller import WorkspaceController
from annodesk.workspace.playback import MAX_FPS, MIN_FPS


class NavigationBar(QWidget):
    """Binds itself to ``controller``: it asks for frames and shows where the controller is."""

    def __init__(self, controller: WorkspaceController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.first_action = self._action("Home", controller.first)
        self.backward_action = self._action("C", controller.backward)
        self.previous_action = self._action("D", controller.previous)
        self.play_action = self._action("Space", controller.toggle_play)
        self.play_action.setCheckable(True)
        self.next_action = self._action("F", controller.next)
        self.forward_action = self._action("V", controller.forward)
        self.last_action = self._action("End", controller.last)
        self.focus_frame_action = self._action("`", self._focus_frame_box)
        self.actions_in_order = (
            self.first_action,
            self.backward_action,
            self.previous_action,
            self.play_action,
            self.next_action,
            self.forward_action,
            self.last_action,
        )

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        self.buttons: dict[QAction, QToolButton] = {}
        style = self.style()
        icons = (
            QStyle.StandardPixmap.SP_MediaSkipBackward,
            QStyle.StandardPixmap.SP_MediaSeekBackward,
            QStyle.StandardPixmap.SP_ArrowLeft,
            QStyle.StandardPixmap.SP_MediaPlay,
            QStyle.StandardPixmap.SP_ArrowRight,
            QStyle.StandardPixmap.SP_MediaSeekForward,
            QStyle.StandardPixmap.SP_MediaSkipForward,
        )
        for action, icon in zip(self.actions_in_order, icons, strict=True):
            action.setIcon(style.standardIcon(icon))
        for action in self.actions_in_order:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            self.buttons[action] = button
            layout.addWidget(button)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setMinimumWidth(160)
        self.slider.valueChanged.connect(self._slider_moved)
        self.frame_box = QSpinBox()
        self.frame_box.setKeyboardTracking(False)
        self.frame_box.valueChanged.connect(controller.go_to)
        self.step_label = QLabel()
        self.step_box = QSpinBox()
        self.step_box.setRange(1, 1000)
        self.step_box.setValue(controller.step)
        self.step_box.valueChanged.connect(controller.set_step)
        self.step_label.setBuddy(self.step_box)
        self.fps_label = QLabel()
        self.fps_box = QSpinBox()
        self.fps_box.setRange(MIN_FPS, MAX_FPS)
        self.fps_box.setValue(int(controller.clock.fps))
        self.fps_box.valueChanged.connect(controller.clock.set_fps)
        self.fps_label.setBuddy(self.fps_box)
        self.name_label = QLabel()
        self.name_label.setObjectName("frameFileName")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.stats_label = QLabel()
        self.stats_label.setObjectName("playbackStats")
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.frame_box)
        layout.addWidget(self.step_label)
        layout.addWidget(self.step_box)
        layout.addWidget(self.fps_label)
        layout.addWidget(self.fps_box)
        layout.addWidget(self.name_label)
        layout.addWidget(self.stats_label)

        controller.loaded.connect(self._job_loaded)
        controller.frameChanged.connect(self._frame_changed)
        controller.playingChanged.connect(self._playing_changed)
        controller.clock.statsChanged.connect(self._stats_changed)
        self.retranslate_ui()

    def _action(self, key: str, slot: object) -> QAction:
        action = QAction(self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        return action

    def retranslate_ui(self) -> None:
        texts = (
            (self.first_action, self.tr("First frame")),
            (self.backward_action, self.tr("Back by the step")),
            (self.previous_action, self.tr("Previous frame")),
            (self.play_action, self.tr("Play / pause")),
            (self.next_action, self.tr("Next frame")),
            (self.forward_action, self.tr("Forward by the step")),
            (self.last_action, self.tr("Last frame")),
        )
        for action, tip in texts:
            action.setText(tip)
            action.setToolTip(f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
            self.buttons[action].setAccessibleName(tip)
        self.focus_frame_action.setText(self.tr("Go to frame"))
        self.frame_box.setToolTip(self.tr("Frame number (`)"))
        self.frame_box.setAccessibleName(self.tr("Frame number"))
        self.slider.setAccessibleName(self.tr("Frame"))
        self.step_label.setText(self.tr("&Step:"))
        self.fps_label.setText(self.tr("F&PS:"))
        self.fps_box.setToolTip(self.tr("Playback speed, frames per second"))
        self._stats_changed(self.controller.clock.shown_count, self.controller.clock.dropped_count)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _focus_frame_box(self) -> None:
        self.frame_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.frame_box.selectAll()

    def _job_loaded(self) -> None:
        first, last = self.controller.first_frame, self.controller.last_frame
        for widget in (self.slider, self.frame_box):
            with QSignalBlocker(widget):
                widget.setRange(first, last)
        self.slider.setPageStep(max(1, self.controller.step))

    def _slider_moved(self, value: int) -> None:
        if value != self.controller.frame:
            self.controller.go_to(value)

    def _frame_changed(self, frame: int) -> None:
        for widget in (self.slider, self.frame_box):
            with QSignalBlocker(widget):
                widget.setValue(frame)
        name = self.controller.frame_name(frame)
        self.name_label.setText(name)
        self.name_label.setToolTip(name)
        last = self.controller.last_frame
        at_start, at_end = frame <= self.controller.first_frame, frame >= last
        for action in (self.first_action, self.previous_action, self.backward_action):
            action.setEnabled(not at_start)
        for action in (self.next_action, self.forward_action, self.last_action):
            action.setEnabled(not at_end)

    def _playing_changed(self, playing: bool) -> None:
        with QSignalBlocker(self.play_action):
            self.play_action.setChecked(playing)
        pixmap = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        self.play_action.setIcon(self.style().standardIcon(pixmap))

    def _stats_changed(self, shown: int, dropped: int) -> None:
        if shown == 0 and dropped == 0:
            self.stats_label.clear()
            return
        self.stats_label.setText(arg(self.tr("shown %1, dropped %2"), format_number(shown), format_number(dropped)))
