"""Packaging facts: entry points, version, and no Qt loaded by the Qt-free layers (the rules: tests/test_layers.py)."""

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


def test_qt_free_layers_load_no_qt_when_run() -> None:
    """What the layer test reads from the source, checked at run time (imports done through importlib count too)."""
    result = run_python(
        "import importlib, pkgutil, sys, annodesk\n"
        "for layer in ('api', 'session', 'sandbox', 'annotations'):\n"
        "    try:\n"
        "        package = importlib.import_module('annodesk.' + layer)\n"
        "    except ModuleNotFoundError:\n"
        "        continue\n"
        "    for info in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "        if not info.name.endswith('.__main__'):  # that one starts the sandbox server\n"
        "            importlib.import_module(info.name)\n"
        "import annodesk.api.client\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'qasync', 'annodesk.ui',"
        " 'annodesk.models')))\n"
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
