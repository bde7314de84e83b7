"""The app's logging: a rotating, private file log in the user log dir, the console when there is one, and a
filter that masks credentials in every record as a second line of defence (the code already never logs them)."""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
import sys
from pathlib import Path
from typing import IO, Any

from .paths import log_dir

LOG_FILE_NAME = "annodesk.log"
MAX_BYTES = 2_000_000
BACKUP_COUNT = 3
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
MASK = "<redacted>"
_OURS = "_annodesk_handler"

# Secrets that could appear in a record: header values, cookies, form/JSON fields and query parameters.
_KEY = r"(?:password\d?|passwd|new_password\d|old_password|token|key|sessionid|csrftoken|csrfmiddlewaretoken|sign)"
_SECRET_PATTERNS = (
    # Authorization: Token abc / Basic abc / Bearer abc (header text, dict reprs, tuples)
    re.compile(
        r"(?i)((?:proxy-)?authorization['\"]?\s*[:=,]\s*['\"]?\s*(?:b['\"])?(?:token|basic|bearer|digest)?\s*)"
        r"[^\s'\",;)}\]]+"
    ),
    re.compile(r"(?i)(x-csrftoken['\"]?\s*[:=,]\s*['\"]?\s*)[^\s'\",;)}\]]+"),
    re.compile(r"(?i)(\b(?:cookie|set-cookie)['\"]?\s*[:=,]\s*['\"]?\s*)[^'\"\n]+"),
    # "password": "x"  'key': 'x'  password=x  sessionid=x  (JSON, reprs, forms, cookies, query strings)
    re.compile(rf"(?i)(['\"]{_KEY}['\"]\s*:\s*['\"])(?:[^'\"\\]|\\.)*"),
    re.compile(rf"(?i)(\b{_KEY}=)[^\s&;,'\"]+"),
    # a bare "Token <40 hex>" anywhere
    re.compile(r"(?i)(\btoken\s+)[0-9a-f]{20,}"),
)


def redact(text: str) -> str:
    """``text`` with credential values replaced by ``<redacted>``."""
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub(lambda match: match.group(1) + MASK, text)
    return text


class RedactingFilter(logging.Filter):
    """Masks Authorization/Token/password/sessionid/csrftoken values in a record's message and traceback."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a record whose arguments do not fit its format: keep what can be shown
            message = f"{record.msg!s} {record.args!r}"
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files only the user can read (0600)."""

    def _open(self) -> IO[Any]:
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.chmod(self.baseFilename, 0o600)
        return open(descriptor, "a", encoding=self.encoding or "utf-8", errors=self.errors)


def setup_logging(debug: bool = False, directory: Path | None = None) -> Path:
    """Log to ``directory`` (default: the user log dir) and to stderr when the process has one; return the file.

    ``debug`` logs every request (credentials masked); otherwise the file keeps INFO and the console WARNING.
    Calling it again replaces the handlers it installed before.
    """
    folder = Path(directory) if directory is not None else log_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)
    path = folder / LOG_FILE_NAME
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, _OURS, False)]:
        root.removeHandler(handler)
        handler.close()

    redacting = RedactingFilter()
    file_handler = PrivateRotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
    file_handler.setLevel(logging.DEBUG if debug else logging.INFO)
    handlers: list[logging.Handler] = [file_handler]
    if sys.stderr is not None:  # none in a windowed (pythonw, frozen GUI) process
        console = logging.StreamHandler(sys.stderr)
        console.setLevel(logging.DEBUG if debug else logging.WARNING)
        handlers.append(console)
    for handler in handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.addFilter(redacting)
        setattr(handler, _OURS, True)
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    if not debug:
        for noisy in ("httpcore", "hpack", "asyncio"):
            logging.getLogger(noisy).setLevel(logging.WARNING)
    logging.getLogger(__name__).info("logging to %s (debug %s)", path, "on" if debug else "off")
    return path


def install_crash_logging() -> None:
    """Route what would escape to stderr into the log: uncaught exceptions (``sys.excepthook``, also for those
    raised in Qt slots) and Qt's own messages (``qInstallMessageHandler``), each at its level."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    log = logging.getLogger("annodesk.crash")
    qt_log = logging.getLogger("qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def excepthook(kind: type[BaseException], value: BaseException, tb: Any) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        log.error("uncaught exception", exc_info=(kind, value, tb))

    def qt_message(kind: QtMsgType, context: Any, message: str) -> None:
        qt_log.log(levels.get(kind, logging.WARNING), "%s", message)

    sys.excepthook = excepthook
    qInstallMessageHandler(qt_message)
