"""The start-up floor: a bare PySide6 script that shows an empty window and notes its first paint.

Same detection as annodesk's ``ANNODESK_REPORT_FIRST_PAINT`` hook (annodesk/ui/first_paint.py): an event
filter on the window, and the moment after the event-loop pass that delivered its first Paint event. Writes
``<CLOCK_MONOTONIC seconds> QWidget`` to the file named by ``ANNODESK_REPORT_FIRST_PAINT``, then exits.

Options (to show what the app's start-up is made of, beyond the floor): ``--text`` puts one line of text in
the window (the first text rendering loads the font database); ``--annodesk`` first imports the modules annodesk
needs before its sign-in dialog paints (annodesk/early_sign_in.py: the dialog, its messages, the translations
manager) and applies the language, without building the dialog.
"""

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget


class FirstPaint(QObject):
    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.seen and event.type() == QEvent.Type.Paint:
            self.seen = True
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.report)
        return False

    def report(self) -> None:
        with open(self.path, "w", encoding="utf-8") as out:
            out.write(f"{time.clock_gettime(time.CLOCK_MONOTONIC):.6f} {type(window).__name__}\n")
        os._exit(0)


app = QApplication(sys.argv[:1])
if "--annodesk" in sys.argv:
    from PySide6.QtCore import QSettings

    import annodesk.early_sign_in  # noqa: F401  (the sign-in dialog, its messages and form helpers)
    from annodesk.i18n import LanguageManager
    from annodesk.ui.icon import app_icon

    app.setWindowIcon(app_icon())
    LanguageManager(QSettings(), parent=app).apply()
watcher = FirstPaint(os.environ["ANNODESK_REPORT_FIRST_PAINT"])
window = QLabel("Sign in to CVAT") if "--text" in sys.argv else QWidget()
window.resize(440, 260)  # about the sign-in dialog's size
window.show()
window.installEventFilter(watcher)
app.exec()
