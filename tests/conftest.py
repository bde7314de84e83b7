"""Shared fixtures: a real sandbox server on 127.0.0.1 and helpers to run async test bodies."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":  # a desktop-sized screen (offscreen's own is 800×800): windows
    # keep to their screen (annodesk/ui/screen_fit.py), and the first start's 1280×760 is what users get
    os.environ["QT_QPA_PLATFORM"] = "offscreen:configfile=" + os.path.join(
        os.path.dirname(__file__), "fixtures", "offscreen-screen.json"
    )
os.environ.setdefault("QT_API", "pyside6")

from collections.abc import Iterator
from pathlib import Path

import pytest

from annodesk.sandbox import SandboxServer
from annodesk.sandbox.seed import SAMPLE_USERS

PASSWORDS = {user[0]: user[1] for user in SAMPLE_USERS}


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    """One seeded sandbox server for read-only tests (do not change its data)."""
    with SandboxServer(tmp_path_factory.mktemp("sandbox"), anon_throttle=0) as server:
        yield server


@pytest.fixture
def fresh_sandbox(tmp_path: Path) -> Iterator[SandboxServer]:
    """A seeded sandbox server of this test's own, free to change."""
    with SandboxServer(tmp_path / "sandbox", anon_throttle=0) as server:
        yield server


@pytest.fixture
def passwords() -> dict[str, str]:
    """Sample users' passwords by username."""
    return dict(PASSWORDS)
