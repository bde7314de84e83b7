"""What the export and import dialogs share: a heading, the server's formats (asked once per session, with a
retry), the progress panel, and one running transfer with its start, cancel and end."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QEvent, QSettings, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QFormLayout, QLabel, QWidget

from annodesk.api import CvatError
from annodesk.api.task_models import AnnotationFormats
from annodesk.messages import error_sentence

from .background import spawn
from .form import FieldWithError, add_row, side_button
from .transfer_widgets import FormatBox, TransferPanel
from .transfers import Transfer, TransferManager


class TransferDialog(QDialog):
    """Base of :class:`~annodesk.ui.export_dialog.ExportDialog` and :class:`~annodesk.ui.import_dialog.ImportDialog`.

    Subclasses lay out ``heading``, ``format_row`` (from :meth:`_format_row`), ``retry_button`` and ``panel``, and
    implement :meth:`retranslate_ui`, :meth:`_formats_known`, :meth:`_set_running` and :meth:`_update_buttons`.
    """

    formatsShown = Signal()
    transferStarted = Signal(object)
    transferFinished = Signal(object)

    def __init__(self, manager: TransferManager, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(560)
        self.manager = manager
        self.settings = settings
        self.transfer: Transfer | None = None
        self.file_dialog: QFileDialog | None = None
        self._loading = False

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.formats = FormatBox()
        self.retry_button = side_button()
        self.retry_button.clicked.connect(self.load_formats)
        self.retry_button.hide()
        self.panel = TransferPanel()
        self.cancel_button = self.panel.cancel_button

    def _format_row(self, form: QFormLayout) -> FieldWithError:
        """Add the format list to ``form`` (its label is set in ``retranslate_ui``)."""
        self.format_row = add_row(form, "", self.formats)
        return self.format_row

    # -- language --------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- formats ---------------------------------------------------------------------------------

    def load_formats(self) -> None:
        """Fill the format list from the server's (asked once per session)."""
        if self.manager.service.formats.formats is not None:
            self._show_formats()
            return
        self._loading = True
        self.retry_button.hide()
        self._update_buttons()
        spawn(self._load_formats())

    async def _load_formats(self) -> None:
        try:
            await self.manager.service.formats.get()
        except asyncio.CancelledError:
            raise
        except CvatError as exc:
            error = exc
            self.format_row.error.show_message(lambda: error_sentence(error))
            self.retry_button.show()
            return
        finally:
            self._loading = False
            self._update_buttons()
        self._show_formats()

    def _show_formats(self) -> None:
        formats = self.manager.service.formats.formats
        if formats is None:
            return
        self.format_row.error.show_message("")
        self._formats_known(formats)
        self.formatsShown.emit()

    def _formats_known(self, formats: AnnotationFormats) -> None:
        """Put the formats this dialog offers (exporters or importers) in ``formats``, the default chosen."""
        raise NotImplementedError

    # -- running ---------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.transfer is not None and self.transfer.running

    def _follow(self, transfer: Transfer) -> None:
        """Show ``transfer`` (just started) in the panel until it ends."""
        self.transfer = transfer
        transfer.finished.connect(self._transfer_finished)
        self.panel.bind(transfer)
        self._set_running(True)
        self.transferStarted.emit(transfer)

    def cancel(self) -> None:
        """Stop the running transfer (the client leaves no partial file behind)."""
        if self.transfer is not None:
            self.transfer.cancel()

    def _transfer_finished(self) -> None:
        self._set_running(False)
        self.transferFinished.emit(self.transfer)

    def _set_running(self, running: bool) -> None:
        raise NotImplementedError

    def _update_buttons(self) -> None:
        raise NotImplementedError
