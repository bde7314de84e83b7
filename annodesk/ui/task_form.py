"""Pieces the create-task and edit-task dialogs share: the bug tracker check (the web UI's "must look like a URL"),
the server's field errors put under their fields, and the upload/processing progress display."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, QEvent, QTimer, QUrl
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from annodesk.api import errors
from annodesk.i18n import LiveText, arg, format_size, live
from annodesk.messages import with_detail

from .form import ErrorLabel

URL_SCHEMES = ("http", "https", "ftp")
SPEED_WINDOW = 1.5  # seconds of samples the shown upload speed is averaged over
REPAINT_EVERY = 0.1  # seconds between updates of the progress texts (the bar itself follows every chunk)


def looks_like_url(text: str) -> bool:
    """What CVAT's web UI accepts as an issue tracker address: an absolute http(s)/ftp URL with a host."""
    url = QUrl(text.strip(), QUrl.ParsingMode.StrictMode)
    return url.isValid() and url.scheme().lower() in URL_SCHEMES and bool(url.host()) and " " not in text.strip()


def bug_tracker_problem(text: str) -> LiveText:
    """Why ``text`` cannot be the bug tracker ("" when it is fine or empty)."""
    if not text.strip() or looks_like_url(text):
        return ""
    return lambda: QCoreApplication.translate(
        "TaskForm", "Enter the issue's full address, like https://tracker.example.com/issues/12."
    )


def show_field_errors(
    exc: errors.InvalidInput, fields: Mapping[str, ErrorLabel], general: Callable[[LiveText], None]
) -> None:
    """Each of the server's field errors under its field (``fields`` by the server's key); the rest in ``general``.

    The server's words are quoted after a translated sentence; keys nobody shows go to ``general``.
    """
    leftover: list[str] = []
    for key, texts in exc.field_errors.items():
        words = " ".join(texts)
        label = fields.get(key)
        if label is None:
            leftover.append(f"{key}: {words}" if key != "non_field_errors" else words)
            continue
        label.show_message(lambda words=words: with_detail(_rejected(), words))
    if leftover or not exc.field_errors:
        detail = " ".join(leftover) or exc.detail
        general(lambda: with_detail(_rejected(), detail))


def _rejected() -> str:
    return QCoreApplication.translate("TaskForm", "The server did not accept this.")


class TransferProgress(QWidget):
    """A progress bar in bytes with "sent of total · speed" under it, or a processing percentage, or busy."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setObjectName("transferBar")
        self.bar.setRange(0, 1000)
        self.detail = QLabel()
        self.detail.setObjectName("transferDetail")
        self.sent = 0
        self.total = 0
        self._samples: list[tuple[float, int]] = []
        self._shown_at = 0.0
        self._text: LiveText = ""
        self._ticker = QTimer(self)  # redraws the texts while bytes go out (or stall: the speed drops then)
        self._ticker.setInterval(round(REPAINT_EVERY * 1000 * 2.5))
        self._ticker.timeout.connect(self._show_sent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.bar)
        row = QHBoxLayout()
        row.addWidget(self.detail, 1)
        layout.addLayout(row)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.detail.setText(live(self._text))
        super().changeEvent(event)

    def reset(self) -> None:
        self._ticker.stop()
        self.sent = self.total = 0
        self._samples = []
        self._shown_at = 0.0
        self.bar.setRange(0, 1000)
        self.bar.setValue(0)
        self._show("")

    def _show(self, text: LiveText) -> None:
        self._text = text
        self.detail.setText(live(text))

    def bytes_sent(self, sent: int, total: int) -> None:
        """An upload's progress (called for every chunk; the texts are redrawn ten times a second at most)."""
        now = time.monotonic()
        self.sent, self.total = sent, total
        self._samples.append((now, sent))
        while len(self._samples) > 2 and now - self._samples[0][0] > SPEED_WINDOW:
            self._samples.pop(0)
        if self.bar.maximum() != 1000:
            self.bar.setRange(0, 1000)
        self.bar.setValue(round(sent * 1000 / total) if total else 0)
        if sent >= total:
            self._ticker.stop()
        elif not self._ticker.isActive():
            self._ticker.start()
        if sent < total and now - self._shown_at < REPAINT_EVERY:
            return
        self._show_sent()

    def _show_sent(self) -> None:
        self._shown_at = time.monotonic()
        speed = self.speed()
        done, whole = format_size(self.sent), format_size(self.total)
        if speed is None:
            self._show(lambda: arg(self.tr("%1 of %2"), done, whole))
        else:
            rate = format_size(round(speed))
            self._show(lambda: arg(self.tr("%1 of %2 · %3/s"), done, whole, rate))

    def speed(self) -> float | None:
        """Bytes per second over the last moments, up to now (None until there is enough to say)."""
        if len(self._samples) < 2:
            return None
        (start, first), (_end, last) = self._samples[0], self._samples[-1]
        now = time.monotonic()
        if self.sent < self.total and now - start > SPEED_WINDOW:  # stalled: what came in the last window
            recent = [(t, n) for t, n in self._samples if now - t <= SPEED_WINDOW]
            first = recent[0][1] if recent else last
            return (last - first) / SPEED_WINDOW
        elapsed = (self._samples[-1][0] if self.sent >= self.total else now) - start
        return (last - first) / elapsed if elapsed > 0 else None

    def percent(self, value: int | None) -> None:
        """Server-side work: ``value`` % done, or ``None`` for "busy, amount unknown"."""
        self._ticker.stop()
        if value is None:
            self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, 1000)
            self.bar.setValue(max(0, min(1000, value * 10)))
        self._show("")
