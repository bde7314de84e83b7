"""``async def`` tests run on a fresh qasync loop each (tests/qt_support.py), and fail as plain tests do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import qasync

REPO = Path(__file__).resolve().parent.parent

EXAMPLES = """
import asyncio

from PySide6.QtCore import QTimer


async def test_a_false_assert_fails():
    await asyncio.sleep(0)
    assert 1 + 1 == 3


async def test_an_exception_after_an_await_fails():
    await asyncio.sleep(0)
    raise RuntimeError("raised after an await")


async def test_a_qt_timer_resolves_a_future(loop):
    future = loop.create_future()
    QTimer.singleShot(0, lambda: future.set_result("fired"))
    assert await future == "fired"


async def test_fixtures_and_parameters_arrive(tmp_path):
    assert tmp_path.is_dir()
"""


def test_failures_inside_async_tests_fail_them(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text("from tests.qt_support import *  # noqa: F403\n", encoding="utf-8")
    (tmp_path / "test_examples.py").write_text(EXAMPLES, encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", str(tmp_path)],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "2 failed, 2 passed" in output, output
    assert "FAILED test_examples.py::test_a_false_assert_fails - assert (1 + 1) == 3" in output, output
    assert "FAILED test_examples.py::test_an_exception_after_an_await_fails" in output, output
    assert "RuntimeError: raised after an await" in output, output


async def test_an_async_test_runs_on_its_own_qasync_loop(loop: qasync.QEventLoop) -> None:
    import asyncio

    assert asyncio.get_running_loop() is loop
    assert isinstance(loop, qasync.QEventLoop)
