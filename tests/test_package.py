"""Packaging facts: entry points, version, and the layering rules (no Qt in api/ or sandbox/)."""

from __future__ import annotations

import subprocess
import sys

from annodesk import __version__


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60)


def test_version_flag() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "annodesk", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"annodesk {__version__}"


def test_api_and_sandbox_import_no_qt() -> None:
    result = run_python(
        "import sys, annodesk.api, annodesk.sandbox, annodesk.sandbox.cli;"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'qasync', 'annodesk.ui',"
        " 'annodesk.models')));"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workspace_frames_import_no_widgets_and_the_chunk_cache_no_qt() -> None:
    result = run_python(
        "import sys, annodesk.session.chunk_cache;"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'qasync')));"
        "import annodesk.workspace.frames;"
        "bad += sorted(m for m in sys.modules if m.startswith(('PySide6.QtWidgets', 'annodesk.ui',"
        " 'annodesk.models')));"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_sandbox_refuses_non_loopback_bind() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "annodesk.sandbox", "--host", "0.0.0.0", "--port", "0"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode != 0
    assert "loopback" in (result.stderr + result.stdout).lower()
