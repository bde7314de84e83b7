"""The app's log: where it goes, its permissions, and the redacting filter (the second line of defence)."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from annodesk.logs import LOG_FILE_NAME, MASK, redact, setup_logging

TOKEN = "0123456789abcdef0123456789abcdef01234567"
PASSWORD = "Pä$$ w0rd/+=秘密"


@pytest.fixture
def app_log(tmp_path: Path) -> Iterator[Path]:
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    path = setup_logging(debug=True, directory=tmp_path / "log")
    yield path
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


@pytest.mark.parametrize(
    "text",
    [
        f"request headers {{'authorization': 'Token {TOKEN}', 'accept': 'application/json'}}",
        f"Authorization: Token {TOKEN}",
        f"('Authorization', b'Token {TOKEN}')",
        f"Proxy-Authorization: Basic {TOKEN}",
        f'body {{"username": "alice", "password": "{PASSWORD}"}}',
        f"{{'password1': '{PASSWORD}', 'password2': '{PASSWORD}'}}",
        f'answer {{"key":"{TOKEN}"}}',
        f"Cookie: sessionid={TOKEN}; csrftoken={TOKEN}",
        f"set-cookie: sessionid={TOKEN}; HttpOnly",
        f"X-CSRFToken: {TOKEN}",
        f"POST auth/login username=alice&password={PASSWORD.replace(' ', '+')}",
        f"token {TOKEN} was used",
    ],
)
def test_redact_masks_credentials(text: str) -> None:
    masked = redact(text)
    assert TOKEN not in masked and PASSWORD not in masked and "w0rd" not in masked, masked
    assert MASK in masked


def test_redact_keeps_ordinary_text() -> None:
    text = "GET http://127.0.0.1:8080/api/v1/tasks?page=2&search=街景 -> 200 (task 'street 街景', 3 jobs)"
    assert redact(text) == text


def test_file_log_is_private_and_masked(app_log: Path) -> None:
    log = logging.getLogger("annodesk.test")
    log.debug("headers %s", {"Authorization": f"Token {TOKEN}"})
    log.info("login body %s", {"username": "alice", "password": PASSWORD})
    try:
        raise RuntimeError(f"failed with token {TOKEN}")
    except RuntimeError:
        log.exception("background task failed")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert app_log.name == LOG_FILE_NAME
    content = app_log.read_text(encoding="utf-8")
    assert "headers" in content and "background task failed" in content and "RuntimeError" in content
    assert TOKEN not in content and PASSWORD not in content
    assert app_log.stat().st_mode & 0o777 == 0o600
    assert app_log.parent.stat().st_mode & 0o777 == 0o700


def test_setup_twice_keeps_one_file_handler(app_log: Path) -> None:
    setup_logging(debug=False, directory=app_log.parent)
    ours = [h for h in logging.getLogger().handlers if getattr(h, "_annodesk_handler", False)]
    assert sum(isinstance(h, logging.FileHandler) for h in ours) == 1


def test_no_console_handler_without_stderr(app_log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stderr", None)
    setup_logging(debug=True, directory=app_log.parent)
    ours = [h for h in logging.getLogger().handlers if getattr(h, "_annodesk_handler", False)]
    assert [type(h).__name__ for h in ours] == ["PrivateRotatingFileHandler"]


def test_uncaught_exceptions_and_qt_messages_go_to_the_log(tmp_path: Path) -> None:
    """In a fresh process (pytest-qt owns this one's Qt message handler): an exception escaping a Qt slot and a Qt
    warning both land in the log file, not lost on a console a GUI user never sees."""
    code = f"""
import sys
from PySide6.QtCore import QCoreApplication, QTimer, qWarning
from annodesk.logs import install_crash_logging, setup_logging
setup_logging(directory={str(tmp_path)!r})
install_crash_logging()
app = QCoreApplication([])
def slot():
    raise ZeroDivisionError("from a slot")
QTimer.singleShot(0, slot)
QTimer.singleShot(0, lambda: qWarning("a Qt warning"))
QTimer.singleShot(10, app.quit)
app.exec()
"""
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, timeout=60)
    text = (tmp_path / LOG_FILE_NAME).read_text()
    assert "uncaught exception" in text and "ZeroDivisionError: from a slot" in text
    assert "WARNING qt: a Qt warning" in text
