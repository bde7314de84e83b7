"""A status-bar mark, shown once, that the offline copy could not be saved (full disk, read-only folder)."""

from __future__ import annotations

import errno

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QStatusBar

from annodesk.i18n import arg
from annodesk.session.repository import Repository

_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


class CacheNotice(QLabel):
    """Says in ``status_bar`` that the offline copy is not saved, the first time a cache write of ``repository``
    fails; browsing goes on (the data on screen came from the server)."""

    def __init__(self, status_bar: QStatusBar, repository: Repository) -> None:
        super().__init__()
        self.setObjectName("cacheNotice")
        self.setStyleSheet("color: #8a5a00;")
        self.error: OSError | None = None
        self.hide()
        status_bar.addPermanentWidget(self)
        repository.on_cache_failure = self.failed

    def failed(self, error: OSError) -> None:
        """A cache write failed: say so (once)."""
        if self.error is None:
            self.error = error
            self.retranslate()
            self.show()

    def retranslate(self) -> None:
        if self.error is None:
            return
        if self.error.errno in _DISK_FULL:
            self.setText(self.tr("Offline copy not saved: disk full"))
        else:
            self.setText(self.tr("Offline copy not saved: the cache folder cannot be written"))
        text = self.tr(
            "What you see comes from the server; it will not be there offline until the cache can be written. (%1)"
        )
        self.setToolTip(arg(text, self.error.strerror or str(self.error)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
